"""Window timings: cold start to a shown window with the sample course (a fresh process),
opening a 2,000-item course in the window, and scrubbing a 1080p clip (a ruler click until
the frame under the playhead is on screen, read from the clip's scrubbing proxy, beside a bare
PyAV seek-and-decode of that frame of the original and the same clicks without the proxy;
the proxy's build time is printed as a share of the clip's duration).

Run: python bench/bench_ui.py   (offscreen unless a display is set)
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import build as build_benchmark_course  # noqa: E402  (the same 2,000 items)

from studio import commands  # noqa: E402
from studio.media.sample import build_sample  # noqa: E402

CHILD = """
import sys, time
began = time.perf_counter()
from PySide6.QtCore import QTimer
from studio.ui.app import application
app = application()
from studio.ui.main_window import MainWindow
window = MainWindow()
window.show()
assert window.open_project(sys.argv[1]), window.errors
def shown():
    print(f"{time.perf_counter() - began:.3f}")
    app.exit(0)
QTimer.singleShot(0, shown)  # runs once the first frame has been laid out and painted
app.exec()
"""


def cold_start(sample: Path) -> float:
    began = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(sample)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    inside = float(out.stdout.strip().splitlines()[-1])
    return time.perf_counter() - began, inside


def open_big(path: Path) -> tuple[float, float, dict]:
    """Open the big course (until the window has painted), then time single edits.

    Each edit is timed until the event queue is empty, so the panels that refresh after
    the edit (the inspector rebuilds once the signal returns) are counted too.
    """
    from studio.ui.app import application
    from studio.ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    began = time.perf_counter()
    assert window.open_project(path), window.errors
    app.processEvents()
    opened = time.perf_counter() - began
    lesson = window.session.course().lessons()[50]
    window.session.select(lesson.items[0].id)
    app.processEvents()
    panels = {"timeline": window.timeline.draws, "inspector": window.inspector.builds,
              "preview": window.preview.builds}
    edits = []
    for n in range(7):
        began = time.perf_counter()
        if n % 2:
            window.outline.add_page(f"One more page {n}")
        else:
            window.session.run(commands.rename, lesson.items[0].id, f"Renamed clip {n}")
        app.processEvents()
        edits.append(time.perf_counter() - began)
    redraws = {"timeline": window.timeline.draws - panels["timeline"],
               "inspector": window.inspector.builds - panels["inspector"],
               "preview": window.preview.builds - panels["preview"]}
    window.close()
    return opened, sorted(edits)[len(edits) // 2], redraws


SCRUB_SECONDS, SCRUB_FPS, SCRUB_GOP = 20, 30, 3  # a camera-like clip: a keyframe every 3 s
SCRUB_CLICKS = 20


def camera_clip(path: Path) -> Path:
    """A 1080p H.264 clip with B-frames and a keyframe every SCRUB_GOP seconds, every frame
    different (testsrc2 moves)."""
    import imageio_ffmpeg

    gop = SCRUB_FPS * SCRUB_GOP
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
         f"testsrc2=size=1920x1080:rate={SCRUB_FPS}:duration={SCRUB_SECONDS}",
         "-c:v", "libx264", "-preset", "veryfast", "-x264-params",
         f"keyint={gop}:min-keyint={gop}:scenecut=0", "-pix_fmt", "yuv420p", str(path)],
        check=True)
    return path


def bare_decode(path: Path, seconds: float, width: int, height: int) -> float:
    """Seconds for PyAV alone to seek to the keyframe before ``seconds`` and decode forward
    to the frame shown there, scaled as the preview scales it (the file already open)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        began = time.perf_counter()
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if frame.time > seconds + 1e-3:
                break
            shown = frame
        shown.reformat(width, height, "rgb24", interpolation="BILINEAR")
        return time.perf_counter() - began


def proxy_for_bench(clip: Path, cache_dir: Path) -> float:
    """Build the clip's scrubbing proxy where the window will look for it; seconds taken."""
    import hashlib

    from studio.media.scrub_proxy import build_proxy

    sha256 = hashlib.sha256(clip.read_bytes()).hexdigest()
    began = time.perf_counter()
    build_proxy(clip, sha256, cache_dir, SCRUB_SECONDS)
    return time.perf_counter() - began


def clicks(view, video, times: list[float]) -> tuple[list[float], list[float]]:
    """Seconds from each ruler click until the preview shows its frame, and the source
    times of the frames shown."""
    from PySide6.QtCore import QEventLoop, QPoint, QPointF, Qt, QTimer
    from PySide6.QtTest import QTest

    from studio.ui.timeline.items import RULER_H

    y = view.mapFromScene(QPointF(0, RULER_H / 2)).y()
    shown, frames = [], []
    for at in times:
        wait = QEventLoop()
        video.frame_shown.connect(wait.quit)
        QTimer.singleShot(10000, wait.quit)
        before = video.frames_shown
        began = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(
            round(view.x_of(at)), y))
        if video.frames_shown == before:
            wait.exec()
        shown.append(time.perf_counter() - began)
        video.frame_shown.disconnect(wait.quit)
        assert video.frames_shown == before + 1, "the frame did not show"
        frames.append(video.shown_time)
    return shown, frames


def scrub(folder: Path, sample: Path) -> dict:
    """Ruler clicks at random times of a lesson holding the 1080p clip, first decoding the
    original (the path without a proxy), then with its scrubbing proxy: the time from the
    click until the preview shows the frame, and PyAV's own time for the same frames."""
    from PySide6.QtCore import QEventLoop

    from studio.ui.app import application
    from studio.ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    assert window.open_project(sample), window.errors
    camera = camera_clip(folder / "camera.mp4")
    built = proxy_for_bench(camera, window.session.project.cache_dir)
    proxies = window.preview.proxies
    lesson = window.outline.add_lesson("Scrubbing")
    job = window.media_bin.import_paths([camera], lesson)
    while not job.done or proxies.job is not None:  # the sample clip's proxy is made too
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    window.session.select(lesson)
    app.processEvents()
    view, video = window.timeline, window.preview.video
    clip = window.session.find(lesson).items[0]
    path = window.session.path / "media" / window.session.course().assets[clip.asset_id].filename
    rng = random.Random(13)
    times, at = [], 0.0
    for _ in range(SCRUB_CLICKS):
        last = at
        while abs(at - last) < 1:  # a frame not on screen yet
            at = rng.uniform(0.5, SCRUB_SECONDS - 0.5)
        times.append(at)
    started = proxies.started
    video.decoder.proxy_for = None  # the original, as before proxies
    video.decoder.clear()
    original, _ = clicks(view, video, times)
    assert video.decoder.last_source == str(path)
    video.decoder.proxy_for = proxies.proxy_for
    video.decoder.clear()
    assert proxies.proxy_for(str(path)), "the window did not find the proxy"
    shown, frames = clicks(view, video, times)
    assert video.decoder.last_source == proxies.proxy_for(str(path))
    assert proxies.started == started, "a proxy job ran during the measure"
    size = video.shown_image.size()
    bare = [bare_decode(path, at, size.width(), size.height()) for at in frames]
    window.close()
    return {"shown": shown, "original": original, "bare": bare, "built": built,
            "size": (size.width(), size.height())}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "Sample.course"
        build_sample(sample).close()
        runs = sorted(cold_start(sample) for _ in range(3))
        wall, inside = runs[1]
        print(f"cold start, sample course shown: {wall * 1000:.0f} ms wall "
              f"({inside * 1000:.0f} ms from interpreter start-up to the first frame); "
              "median of 3")
        big = Path(tmp) / "Big.course"
        build_benchmark_course(big)
        opened, edit, redraws = open_big(big)
        print(f"open a 2,000-item course in the window (to its first paint): "
              f"{opened * 1000:.0f} ms (target 500 ms)")
        print(f"one edit (rename or add a page) until every panel is up to date: "
              f"{edit * 1000:.0f} ms, median of 7 (target 50 ms); panels redrawn over the 7: "
              + ", ".join(f"{k} {v}" for k, v in redraws.items()))
        measured = scrub(Path(tmp), sample)
        shown, bare, width, height = (measured["shown"], measured["bare"], *measured["size"])
        median = statistics.median(shown)
        print(f"scrubbing proxy of a 1080p H.264 clip ({SCRUB_SECONDS} s, {SCRUB_FPS} fps, a "
              f"keyframe every {SCRUB_GOP} s): built in {measured['built']:.1f} s "
              f"({measured['built'] / SCRUB_SECONDS:.2f}x the clip's duration)")
        print(f"scrub, ruler click to the frame shown at {width}x{height}, median of "
              f"{len(shown)}: {median * 1000:.0f} ms with the proxy (slowest "
              f"{max(shown) * 1000:.0f} ms); bare PyAV seek and decode of the original at the "
              f"same times {statistics.median(bare) * 1000:.0f} ms; without the proxy "
              f"{statistics.median(measured['original']) * 1000:.0f} ms")
        print(f"scrub target 100 ms: {'PASS' if median <= 0.1 else 'FAIL'} "
              f"({median * 1000:.0f} ms)")

if __name__ == "__main__":
    main()

"""Media engine benchmark: one command, one table, every ratio measured in the same run.

    python bench/bench_media.py [--moviepy-python PATH] [--keep DIR] [--repeat N] [--only stream]

moviepy is not a dependency of Course Studio: it lives in its own environment, made here on
first use (``/tmp/moviepy-venv``) unless another interpreter is given. Times are medians of
N runs, the two sides of a ratio interleaved so background load hits both alike; the load
average is printed beside the table. Media are generated: a 20 s 1080p clip at 5 Mb/s
(ultrafast) and a lesson-size 5-minute file (~190 MB) made by looping it without re-encoding.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio import commands  # noqa: E402
from studio.media import ffmpeg_args as fa  # noqa: E402
from studio.media.cache import RenderCache  # noqa: E402
from studio.media.ffmpeg import find_ffmpeg  # noqa: E402
from studio.media.importer import import_files  # noqa: E402
from studio.media.pipeline import render_all  # noqa: E402
from studio.media.probe import probe  # noqa: E402
from studio.media.render import render_clip  # noqa: E402
from studio.media.thumbnails import filmstrip  # noqa: E402
from studio.store import Project  # noqa: E402

MOVIEPY_JOB = """
import sys, time
from moviepy import VideoFileClip
src, out, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
began = time.perf_counter()
clip = VideoFileClip(src).subclipped(start, end).resized(height=720)
clip.write_videofile(out, codec="libx264", audio_codec="aac", preset="veryfast",
                     ffmpeg_params=["-crf", "23"], logger=None)
print(time.perf_counter() - began)
"""


MOVIEPY_VENV = Path(tempfile.gettempdir()) / "moviepy-venv"


def make(ffmpeg: str, out: Path, size: str, seconds: int, rate: int = 25,
         bitrate: str = "1500k") -> Path:
    if out.exists():
        return out
    subprocess.run([ffmpeg, "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate={rate}:duration={seconds}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset",
                    "ultrafast", "-b:v", bitrate, "-g", str(rate * 2), "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(out)],
                   check=True)
    return out


def looped(ffmpeg: str, piece: Path, out: Path, times: int) -> Path:
    """A long file from a short one repeated, stream-copied: lesson size in a second."""
    if not out.exists():
        subprocess.run([ffmpeg, "-hide_banner", "-v", "error", "-y", "-stream_loop",
                        str(times - 1), "-i", str(piece), "-c", "copy", "-movflags",
                        "+faststart", str(out)], check=True)
    return out


def moviepy_python(given: str | None) -> str | None:
    if given:
        return given
    python = MOVIEPY_VENV / "bin" / "python"
    if not python.exists():
        print(f"making {MOVIEPY_VENV} with moviepy (once)", flush=True)
        made = subprocess.run(["python3", "-m", "venv", str(MOVIEPY_VENV)])
        if made.returncode or subprocess.run([str(MOVIEPY_VENV / "bin" / "pip"), "install",
                                              "-q", "moviepy"]).returncode:
            return None
    return str(python)


def interleaved(count: int, *actions) -> list[float]:
    """Median seconds of each action, run in turn ``count`` times."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(count):
        for index, action in enumerate(actions):
            times[index].append(timed(action)[0])
    return [statistics.median(t) for t in times]


def timed(action) -> tuple[float, object]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


def keyframe_strip(source: Path, interval: float, folder: Path | None) -> int:
    """The reference: the keyframe at or before each time, decoded in-process with PyAV.

    With a folder it makes the same thumbnails as the studio (160x90 area-shrunk JPEGs at
    the same quality, one file each) in the plainest loop, without cache, progress or cancel;
    without one it only decodes, which shows what making the pictures costs.
    """
    import av

    from studio.media.thumbnails import JPEG_QUALITY, THUMB_HEIGHT

    with av.open(str(source)) as container:
        video = container.streams.video[0]
        video.codec_context.skip_frame = "NONKEY"
        base = Fraction(video.time_base)
        duration = container.duration / 1_000_000
        encoder = None
        frames, at = 0, 0.0
        while at < duration:
            container.seek(int(at / base), stream=video, backward=True)
            frame = next(container.decode(video), None)
            if frame is not None and folder is not None:
                if encoder is None:
                    encoder = av.CodecContext.create("mjpeg", "w")
                    encoder.width = round(frame.width * THUMB_HEIGHT / frame.height / 2) * 2
                    encoder.height, encoder.pix_fmt = THUMB_HEIGHT, "yuvj420p"
                    encoder.time_base, encoder.qscale = Fraction(1, 25), JPEG_QUALITY
                small = frame.reformat(encoder.width, encoder.height, "yuvj420p",
                                       interpolation="AREA")
                small.pts, small.time_base = frames, encoder.time_base
                data = b"".join(bytes(p) for p in encoder.encode(small))
                (folder / f"{frames:04d}.jpg").write_bytes(data)
            frames += frame is not None
            at += interval
        return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moviepy-python", help="an interpreter that can import moviepy")
    parser.add_argument("--keep", type=Path, help="folder for generated media (kept)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--only", choices=["stream"], help="measure only the stream-copy rows")
    options = parser.parse_args()
    everything = options.only is None
    runs = max(3, options.repeat)
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-media-"))
    work.mkdir(parents=True, exist_ok=True)
    ffmpeg = find_ffmpeg()
    load_before = os.getloadavg()
    print(f"ffmpeg {ffmpeg.version} ({ffmpeg.origin}); {os.cpu_count()} cores; "
          f"media in {work}", flush=True)
    hd = make(ffmpeg.path, work / "hd-20s-5M.mp4", "1920x1080", 20, bitrate="5M")
    lesson_hd = looped(ffmpeg.path, hd, work / "hd-5min-5M.mp4", 15)
    course_src = make(ffmpeg.path, work / "sd-10min.mp4", "640x360", 600) if everything else None
    mpy = moviepy_python(options.moviepy_python) if everything else None
    rows = []

    project = Project.create(work / f"Bench-{time.time_ns()}.course", "Bench")
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    item_id = import_files(project, [hd], lesson_id=lesson)[0].item_id
    commands.trim(project, item_id, 0.5, 20.0)  # off a keyframe: a real encode

    if everything:
        # 1. studio render vs the same ffmpeg command run directly
        def studio_render():
            shutil.rmtree(project.cache_dir / "renders", ignore_errors=True)
            course = project.course()
            return render_clip(course, course.find(item_id), project.media_dir,
                               project.cache_dir, "720p")

        studio_render()
        args = fa.encode_args(ffmpeg.path, hd, probe(hd), 0.5, 19.5, fa.PRESETS["720p"],
                              work / "direct.mp4")
        studio, direct = interleaved(
            runs, studio_render, lambda: subprocess.run(args, check=True, capture_output=True))
        rows.append(("render 1080p->720p, studio / direct ffmpeg", studio, direct, "<= 1.05"))

        # 2. the same job with moviepy, in its own environment
        if mpy:
            samples = []
            for _ in range(runs):
                done = subprocess.run([mpy, "-c", MOVIEPY_JOB, str(hd), str(work / "moviepy.mp4"),
                                       "0.5", "20"], capture_output=True, text=True)
                if done.returncode:
                    break
                samples.append(float(done.stdout.strip().splitlines()[-1]))
            if samples:
                rows.append(("moviepy / studio (same job)", statistics.median(samples), studio,
                             ">= 3"))
            else:
                rows.append(("moviepy failed: " + done.stderr.strip()[-60:], 0, 0, ">= 3"))
        else:
            rows.append(("moviepy: could not make its environment", 0, 0, ">= 3"))

    # 3. stream copy of a lesson-size file: a cut from a keyframe, and the whole file
    asset = import_files(project, [lesson_hd], lesson_id=lesson)[0]
    cut_item = asset.item_id
    commands.trim(project, cut_item, 2.0, 290.0)
    whole_item = commands.add_video(project, lesson, asset.asset_id)

    def render_fresh(item):
        def run():
            shutil.rmtree(project.cache_dir / "renders", ignore_errors=True)
            course = project.course()
            return render_clip(course, course.find(item), project.media_dir,
                               project.cache_dir, "1080p")
        return run

    copied = render_fresh(cut_item)()
    size_mb = copied.stat().st_size / 1e6
    stream, plain = interleaved(runs + 2, render_fresh(cut_item),
                                lambda: shutil.copyfile(copied, work / "plain-copy.mp4"))
    copier = RenderCache(project.cache_dir).record(copied.stem)["copier"]
    rows.append((f"stream copy, cut ({size_mb:.0f} MB, {copier}) / file copy", stream, plain,
                 "<= 2"))
    whole, plain_whole = interleaved(runs + 2, render_fresh(whole_item),
                                     lambda: shutil.copyfile(lesson_hd, work / "plain-copy.mp4"))
    rows.append(("stream copy, whole file / file copy", whole, plain_whole, "<= 2"))

    if everything:
        # 4. re-export of an unchanged course with 10 minutes of video
        course = Project.create(work / f"Course-{time.time_ns()}.course", "Course")
        lesson2 = commands.add_lesson(course, commands.add_module(course, "M"), "L")
        first_item = import_files(course, [course_src], lesson_id=lesson2)[0].item_id
        asset_id = course.course().find(first_item).asset_id
        commands.trim(course, first_item, 0.5, 120.0)
        for start in range(120, 600, 120):
            commands.trim(course, commands.add_video(course, lesson2, asset_id), start + 0.5,
                          start + 120.0)
        def render_course():
            return render_all(course.course(), course.media_dir, course.cache_dir, "480p")

        first, _ = timed(render_course)
        again = statistics.median(timed(render_course)[0] for _ in range(runs))
        rows.append(("re-export unchanged 10 min course / first", again, first, "<= 0.03"))

        # 5. filmstrip of a 5-minute 1080p video, one frame per 10 s
        def ours():
            shutil.rmtree(work / "strip-cache", ignore_errors=True)
            return filmstrip(lesson_hd, "bench", work / "strip-cache", interval=10.0)

        def reference():
            shutil.rmtree(work / "strip-ref", ignore_errors=True)
            (work / "strip-ref").mkdir()
            return keyframe_strip(lesson_hd, 10.0, work / "strip-ref")

        strip, same_job, decode_only = interleaved(
            runs + 2, ours, reference, lambda: keyframe_strip(lesson_hd, 10.0, None))
        rows.append(("filmstrip 5 min 1080p / PyAV keyframes, same JPEGs", strip, same_job,
                     "<= 1.2"))
        rows.append(("  (for scale) / PyAV keyframes decoded only", strip, decode_only, "info"))

    load_after = os.getloadavg()
    print(f"\n{'measure (median of ' + str(runs) + '+ interleaved runs)':52} "
          f"{'this s':>8} {'vs s':>8} {'ratio':>7}  target")
    for name, mine, other, target in rows:
        ratio = mine / other if other else 0.0
        print(f"{name:52} {mine:8.3f} {other:8.3f} {ratio:7.3f}  {target}")
    print(f"\nload average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, "
          f"on {os.cpu_count()} cores: other work on the machine widens the spread.")
    print("The stream-copy rows use a lesson-size file: on a few-MB file ffmpeg's fixed "
          "start-up (~20-60 ms) outweighs the copy itself.")
    project.close()
    if everything:
        course.close()


if __name__ == "__main__":
    main()

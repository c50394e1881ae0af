"""Media engine benchmark: one command, one table, every ratio measured in the same run.

    python bench/bench_media.py [--moviepy-python PATH] [--keep DIR]

moviepy is not a dependency of Course Studio; give the interpreter of an environment that
has it (``python -m venv /tmp/mp && /tmp/mp/bin/pip install moviepy``); without it that row
says so. Generated media are low-bitrate ultrafast encodes, made once per run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio import commands  # noqa: E402
from studio.media import ffmpeg_args as fa  # noqa: E402
from studio.media.ffmpeg import find_ffmpeg  # noqa: E402
from studio.media.importer import import_files  # noqa: E402
from studio.media.probe import probe  # noqa: E402
from studio.media.render import render_all, render_clip  # noqa: E402
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


def make(ffmpeg: str, out: Path, size: str, seconds: int, rate: int = 25) -> Path:
    subprocess.run([ffmpeg, "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate={rate}:duration={seconds}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset",
                    "ultrafast", "-b:v", "1500k", "-g", str(rate * 2), "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", str(out)],
                   check=True)
    return out


def timed(action) -> tuple[float, object]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


def best_of(count: int, action) -> float:
    return min(timed(action)[0] for _ in range(count))


def keyframe_strip(source: Path, interval: float) -> int:
    """The reference strategy: keyframe at or before each time, decoded in-process, not saved."""
    import av

    with av.open(str(source)) as container:
        video = container.streams.video[0]
        video.codec_context.skip_frame = "NONKEY"
        base = Fraction(video.time_base)
        duration = container.duration / 1_000_000
        frames, at = 0, 0.0
        while at < duration:
            container.seek(int(at / base), stream=video, backward=True)
            if next(container.decode(video), None) is not None:
                frames += 1
            at += interval
        return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moviepy-python", help="an interpreter that can import moviepy")
    parser.add_argument("--keep", type=Path, help="folder for generated media (kept)")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-media-"))
    work.mkdir(parents=True, exist_ok=True)
    ffmpeg = find_ffmpeg()
    print(f"ffmpeg {ffmpeg.version} ({ffmpeg.origin}); media in {work}", flush=True)
    hd = make(ffmpeg.path, work / "hd-20s.mp4", "1920x1080", 20) \
        if not (work / "hd-20s.mp4").exists() else work / "hd-20s.mp4"
    long_hd = make(ffmpeg.path, work / "hd-5min.mp4", "1920x1080", 300) \
        if not (work / "hd-5min.mp4").exists() else work / "hd-5min.mp4"
    course_src = make(ffmpeg.path, work / "sd-10min.mp4", "640x360", 600) \
        if not (work / "sd-10min.mp4").exists() else work / "sd-10min.mp4"
    rows = []

    project = Project.create(work / f"Bench-{time.time_ns()}.course", "Bench")
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    item_id = import_files(project, [hd], lesson_id=lesson)[0].item_id
    commands.trim(project, item_id, 0.5, 20.0)  # off a keyframe: a real encode

    # 1. studio render vs the same ffmpeg command run directly
    def studio_render():
        shutil.rmtree(project.cache_dir / "renders", ignore_errors=True)
        return render_clip(project, project.course().find(item_id), "720p")

    studio_render()
    args = fa.encode_args(ffmpeg.path, hd, probe(hd), 0.5, 19.5, fa.PRESETS["720p"],
                          work / "direct.mp4")
    direct = best_of(3, lambda: subprocess.run(args, check=True, capture_output=True))
    studio = best_of(3, studio_render)
    rows.append(("render 1080p->720p, studio / direct ffmpeg", studio, direct, studio / direct,
                 "<= 1.05"))

    # 2. the same job with moviepy
    if options.moviepy_python:
        done = subprocess.run([options.moviepy_python, "-c", MOVIEPY_JOB, str(hd),
                               str(work / "moviepy.mp4"), "0.5", "20"],
                              capture_output=True, text=True)
        if done.returncode == 0:
            moviepy = float(done.stdout.strip().splitlines()[-1])
            rows.append(("moviepy / studio (same job)", moviepy, studio, moviepy / studio,
                         ">= 3"))
        else:
            rows.append(("moviepy: failed: " + done.stderr.strip()[-80:], 0, 0, 0, ">= 3"))
    else:
        rows.append(("moviepy: not run (give --moviepy-python)", 0, 0, 0, ">= 3"))

    # 3. stream copy (a cut from a keyframe) vs a plain copy of the same bytes
    copy_item = commands.add_video(project, lesson, project.course().find(item_id).asset_id)
    commands.trim(project, copy_item, 2.0, 20.0)

    def stream_copy():
        shutil.rmtree(project.cache_dir / "renders", ignore_errors=True)
        return render_clip(project, project.course().find(copy_item), "1080p")

    copied = stream_copy()
    stream = best_of(5, stream_copy)
    plain = best_of(5, lambda: shutil.copyfile(copied, work / "plain-copy.mp4"))
    rows.append(("stream copy (cut) / plain file copy", stream, plain, stream / plain, "<= 2"))
    whole_item = commands.add_video(project, lesson, project.course().find(item_id).asset_id)

    def whole_copy():
        shutil.rmtree(project.cache_dir / "renders", ignore_errors=True)
        return render_clip(project, project.course().find(whole_item), "1080p")

    whole = best_of(5, whole_copy)
    plain_whole = best_of(5, lambda: shutil.copyfile(hd, work / "plain-copy.mp4"))
    rows.append(("stream copy (whole) / plain file copy", whole, plain_whole,
                 whole / plain_whole, "<= 2"))

    # 4. re-export of an unchanged course with 10 minutes of video
    course = Project.create(work / f"Course-{time.time_ns()}.course", "Course")
    lesson2 = commands.add_lesson(course, commands.add_module(course, "M"), "L")
    first_item = import_files(course, [course_src], lesson_id=lesson2)[0].item_id
    asset = course.course().find(first_item).asset_id
    commands.trim(course, first_item, 0.5, 120.0)
    for start in range(120, 600, 120):
        commands.trim(course, commands.add_video(course, lesson2, asset), start + 0.5,
                      start + 120.0)
    first, _ = timed(lambda: render_all(course, "480p"))
    again, _ = timed(lambda: render_all(course, "480p"))
    rows.append(("re-export unchanged 10 min course / first", again, first, again / first,
                 "<= 0.03"))

    # 5. filmstrip of a 5-minute 1080p video, one frame per 10 s
    reference = best_of(3, lambda: keyframe_strip(long_hd, 10.0))

    def ours():
        shutil.rmtree(work / "strip-cache", ignore_errors=True)
        return filmstrip(long_hd, "bench", work / "strip-cache", interval=10.0)

    strip = best_of(3, ours)
    rows.append(("filmstrip 5 min 1080p / PyAV keyframe-only", strip, reference,
                 strip / reference, "<= 1.2"))

    print(f"\n{'measure':48} {'this s':>8} {'vs s':>8} {'ratio':>7}  target")
    for name, mine, other, ratio, target in rows:
        print(f"{name:48} {mine:8.3f} {other:8.3f} {ratio:7.3f}  {target}")
    project.close()
    course.close()


if __name__ == "__main__":
    main()

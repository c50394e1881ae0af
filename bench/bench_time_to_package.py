"""Time to package: a five-week course's raw materials to five validated LMS packages in two
commands, beside the bare ffmpeg encodes of the same minutes, measured in the same run.

    python bench/bench_time_to_package.py [--keep DIR] [--minutes 2] [--profile DIR]

The raw materials, laid out as a folder by the build convention (modules as folders, lessons
as their subfolders, files in name order): 5 modules x 5 lessons, a 30-slide deck, three
videos of 2 minutes at 1080p (testsrc2 and a tone, made once and kept in ``--keep``, by
default under the system's temporary folder), a WebVTT caption file beside each video, a
20-question GIFT quiz, and a Markdown page in every other lesson.

Timed, as a person would type them, each a new process of the real command:
  1. ``studio build FOLDER -o Course.course``
  2. ``studio export Course.course --format all -o OUT``
then every package is checked by the validator (timed apart). The reference is the sum of
plain ffmpeg encodes of the same three sources with the render preset's arguments (x264
veryfast CRF 23 at 720p, AAC), one after another. Target: the two commands <= 1.1x the
reference. ``--profile DIR`` runs both commands under cProfile and prints where time goes.
"""

from __future__ import annotations

import argparse
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.export.validate import validate_package  # noqa: E402
from studio.media import ffmpeg_args as fa  # noqa: E402
from studio.media.ffmpeg import find_ffmpeg  # noqa: E402
from tests.slides_decks import build_long_deck  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODULES, LESSONS, SLIDES, QUESTIONS, VIDEOS = 5, 5, 30, 20, 3
TARGET = 1.1
KEEP = Path(tempfile.gettempdir()) / "studio-bench-time-to-package"


def make_video(ffmpeg: str, out: Path, seconds: int, tone: int) -> Path:
    """A 1080p25 H.264/AAC lecture-like source (ultrafast: quick to make, large to read)."""
    if not out.exists():
        part = out.with_suffix(".part.mp4")
        subprocess.run([ffmpeg, "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size=1920x1080:rate=25:duration={seconds}", "-f", "lavfi",
                        "-i", f"sine=frequency={tone}:duration={seconds}", "-c:v", "libx264",
                        "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a",
                        "aac", "-b:a", "128k", "-movflags", "+faststart", str(part)],
                       check=True)
        part.rename(out)
    return out


def vtt(seconds: int) -> str:
    cues = [f"{_stamp(t)} --> {_stamp(t + 4)}\nCaption at second {t}.\n"
            for t in range(0, seconds - 4, 10)]
    return "WEBVTT\n\n" + "\n".join(cues)


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def gift(count: int) -> str:
    return "\n".join(f"::Q{n}:: Is {n} + {n} equal to {2 * n}? {{TRUE}}\n" if n % 2 else
                     f"::Q{n}:: How much is {n} x 2? {{={2 * n} ~{2 * n + 1} ~{n}}}\n"
                     for n in range(1, count + 1))


def materials(keep: Path, seconds: int, ffmpeg: str) -> tuple[Path, list[Path]]:
    """The course folder (made again each run; videos kept in ``keep``) and the videos."""
    folder = keep / "Five weeks"
    shutil.rmtree(folder, ignore_errors=True)
    videos = [make_video(ffmpeg, keep / f"lecture-{n}-{seconds}s.mp4", seconds, 300 + 110 * n)
              for n in range(1, VIDEOS + 1)]
    for m in range(1, MODULES + 1):
        for n in range(1, LESSONS + 1):
            lesson = folder / f"Week {m}" / f"Lesson {n}"
            lesson.mkdir(parents=True)
            (lesson / "01 Overview.md").write_text(
                f"# Week {m}, lesson {n}\n\nWhat this lesson covers.\n", encoding="utf-8")
    for n, video in enumerate(videos, start=1):
        lesson = folder / f"Week {n}" / "Lesson 2"
        os.link(video, lesson / f"02 Lecture {n}.mp4")
        (lesson / f"02 Lecture {n}.vtt").write_text(vtt(seconds), encoding="utf-8")
    build_long_deck(folder / "Week 1" / "Lesson 3" / "02 Slides.pptx", SLIDES)
    (folder / "Week 5" / "Lesson 5" / "02 Final check.gift").write_text(gift(QUESTIONS),
                                                                       encoding="utf-8")
    return folder, videos


def cpu_seconds() -> float:
    """User + system CPU seconds of every finished child process (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def studio(args: list[str], profile: Path | None) -> tuple[float, float]:
    """(wall, CPU) seconds of one `studio` command, its ffmpegs included, run as a new
    process (under cProfile if asked)."""
    runner = ["-m", "cProfile", "-o", str(profile), "-m"] if profile else ["-m"]
    began, cpu = time.perf_counter(), cpu_seconds()
    done = subprocess.run([sys.executable, *runner, "studio.cli", *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"studio {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds, cpu_seconds() - cpu


def bare_encode(ffmpeg: str, source: Path, out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of plain ffmpeg doing the default render preset's encode of
    ``source``."""
    preset = fa.PRESETS[fa.DEFAULT_PRESET]
    began, cpu = time.perf_counter(), cpu_seconds()
    subprocess.run([ffmpeg, "-hide_banner", "-v", "error", "-y", "-i", str(source), "-vf",
                    f"scale={preset.long_side}:{preset.short_side}", "-c:v", "libx264",
                    "-preset", preset.x264_preset, "-crf", str(preset.crf), "-profile:v",
                    "high", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac", "-b:a",
                    preset.audio_bitrate, "-movflags", "+faststart", str(out)], check=True)
    return time.perf_counter() - began, cpu_seconds() - cpu


def print_profile(path: Path, title: str, rows: int = 15) -> None:
    print(f"\n--- {title}: top {rows} by cumulative time ---")
    stats = pstats.Stats(str(path), stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, default=KEEP,
                        help=f"folder for the generated sources (kept; default {KEEP})")
    parser.add_argument("--minutes", type=float, default=2.0, help="length of each video")
    parser.add_argument("--profile", type=Path, help="write cProfile data of both commands "
                        "here and print the top functions")
    args = parser.parse_args()
    ffmpeg = find_ffmpeg().path
    seconds = round(args.minutes * 60)
    args.keep.mkdir(parents=True, exist_ok=True)
    folder, videos = materials(args.keep, seconds, ffmpeg)
    profiles = [None, None]
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        profiles = [args.profile / "build.prof", args.profile / "export.prof"]
    with tempfile.TemporaryDirectory(prefix="bench-ttp-") as tmp:
        work = Path(tmp)
        course, out = work / "Five weeks.course", work / "packages"
        build = studio(["build", str(folder), "-o", str(course)], profiles[0])
        export = studio(["export", str(course), "--format", "all", "-o", str(out)],
                        profiles[1])
        began = time.perf_counter()
        packages = sorted(out.glob("*.zip"))
        reports = [validate_package(p) for p in packages]
        check = time.perf_counter() - began
        bare = [bare_encode(ffmpeg, v, work / f"bare-{v.name}") for v in videos]
    total = build[0] + export[0], build[1] + export[1]
    reference = sum(b[0] for b in bare), sum(b[1] for b in bare)
    ratio = total[0] / reference[0]
    valid = sum(r.ok for r in reports)
    print(f"course: {MODULES} modules x {LESSONS} lessons, a {SLIDES}-slide deck, {VIDEOS} "
          f"videos of {seconds} s 1080p with captions, a {QUESTIONS}-question GIFT")
    rows = [("1. studio build FOLDER", build, ""),
            ("2. studio export --format all", export, ""),
            ("two commands", total, ""),
            *((f"   bare ffmpeg {v.name}", b, "(reference)")
              for v, b in zip(videos, bare, strict=True)),
            ("bare ffmpeg encodes, sum", reference, "(reference)")]
    print(f"{'measure':40} {'wall s':>8} {'CPU s':>8}")
    for name, (wall, cpu), note in rows:
        print(f"{name:40} {wall:8.1f} {cpu:8.1f}   {note}".rstrip())
    print(f"{'validation of the packages (not counted)':40} {check:8.1f}")
    print(f"commands: 2 (target 2); packages valid: {valid} of {len(packages)} (target 5)")
    print(f"ratio: {ratio:.2f}x the bare encodes' wall time (target <= {TARGET}x)  "
          f"{'ok' if ratio <= TARGET else 'MISSED'}; CPU {total[1] / reference[1]:.2f}x")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for path, title in zip(profiles, ("studio build", "studio export"), strict=True):
        if path:
            print_profile(path, title)
    return 0 if valid == len(packages) == 5 else 1


if __name__ == "__main__":
    sys.exit(main())

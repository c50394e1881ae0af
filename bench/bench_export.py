"""Export speed against a plain zipfile baseline on the same files.

A course with 20 video files (about 200 MB of random bytes, already stored in the project)
is exported to SCORM 2004; the baseline writes the same members with Python's zipfile
(media stored, text deflated) in the same run. Target: export <= 1.2x the baseline.

    python bench/bench_export.py [--files 20] [--mb 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio import commands  # noqa: E402
from studio.export.exporter import export_course, package_members  # noqa: E402
from studio.export.formats import get_format  # noqa: E402
from studio.export.package import ExportOptions  # noqa: E402
from studio.export.plan import build_plan  # noqa: E402
from studio.export.zipwriter import compression_for  # noqa: E402
from studio.store import Project  # noqa: E402


def build_course(root: Path, files: int, total_mb: int) -> Project:
    project = Project.create(root / "Bench.course", "Benchmark course")
    module = commands.add_module(project, "Videos")
    size = total_mb * 1024 * 1024 // files
    for index in range(files):
        if index % 5 == 0:
            lesson = commands.add_lesson(project, module, f"Lesson {index // 5 + 1}")
        source = root / f"clip{index:02}.mp4"
        with open(source, "wb") as out:
            for _ in range(size // (1 << 20)):
                out.write(os.urandom(1 << 20))
            out.write(os.urandom(size % (1 << 20)))
        sha, filename = project.store_media(source)
        source.unlink()
        asset = commands.add_asset(project, sha, filename, source.name, "video", size,
                                   duration=60.0)
        commands.add_video(project, lesson, asset)
    return project


def baseline(project: Project, options: ExportOptions, target: Path, sync: bool) -> None:
    """The same members written by zipfile the ordinary way (flushed to disk if ``sync``)."""
    plan = build_plan(project.course(), project.media_dir, options,
                      get_format(options.format).tracking)
    with zipfile.ZipFile(target, "w") as archive:
        for member in sorted(package_members(plan), key=lambda m: m.name):
            kind = compression_for(member.name)
            if member.data is not None:
                archive.writestr(member.name, member.data, compress_type=kind)
            else:
                archive.write(member.source, member.name, compress_type=kind)
    if sync:  # export_course syncs before its rename, so a crash never leaves half a package
        with open(target, "rb+") as written:
            os.fsync(written.fileno())


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    options = ExportOptions("scorm2004", preset="original")
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as folder:
        root = Path(folder)
        with build_course(root, args.files, args.mb) as project:
            ours, theirs, synced = [], [], []
            for _ in range(args.rounds):  # interleave so the page cache favours none
                theirs.append(timed(lambda: baseline(project, options, root / "b.zip", False)))
                synced.append(timed(lambda: baseline(project, options, root / "s.zip", True)))
                ours.append(timed(lambda: export_course(project, options, root / "pkg.zip")))
            size = (root / "pkg.zip").stat().st_size / 2**20
    print(f"course: {args.files} media files, {args.mb} MB; package {size:.1f} MB")
    for label, times in (("export_course", ours), ("zipfile", theirs),
                         ("zipfile + fsync", synced)):
        runs = ", ".join(f"{t:.3f}" for t in times)
        print(f"{label:16}: best {min(times):.3f} s of {args.rounds} ({runs})")
    print(f"ratio vs zipfile        : {min(ours) / min(theirs):.2f}x (target <= 1.2x)")
    print(f"ratio vs zipfile + fsync: {min(ours) / min(synced):.2f}x")


if __name__ == "__main__":
    main()

"""The LMS matrix: every profile x every learner path, on the sample course exported for
each profile, run in the LMS twin. Prints the table (ok / warning / fail per cell) and, with
--json, every report.

    python scripts/lms_matrix.py [--profile NAME ...] [--path NAME ...] [--engine chromium|qt]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from studio.export.lms_profiles import available_profiles
from studio.twin.check import check_lms
from studio.twin.paths import PATHS

MARKS = {"ok": "ok", "warning": "warning", "fail": "FAIL"}


def export_sample(folder: Path, profiles: list[str]) -> dict[str, Path]:
    """The sample course written once into ``folder`` and exported for each profile in the
    format it takes best."""
    from studio.export.exporter import export_course
    from studio.export.lms_profiles import choose_format, load_profile
    from studio.export.package import ExportOptions
    from studio.media.sample import build_sample
    from studio.store import Project

    course = folder / "Sample.course"
    if not course.exists():
        build_sample(course).close()
    packages = {}
    with Project.open(course) as project:
        for name in profiles:
            target = folder / f"sample-{name}.zip"
            if not target.exists():
                options = ExportOptions(format=choose_format(load_profile(name), None), lms=name,
                                        preset="original")
                export_course(project, options, target)
            packages[name] = target
    return packages


def engine_named(name: str | None):
    """The browser engine to share between every run (None: the runner's default)."""
    if name == "chromium":
        from studio.twin.engine import ChromiumEngine

        return ChromiumEngine()
    if name == "qt":
        from studio.twin.qt_engine import QtEngine

        return QtEngine()
    return None


def matrix(profiles: list[str], paths: tuple[str, ...], folder: Path, engine=None,
           log=lambda text: None) -> dict[str, object]:
    """Each profile's report (``check_lms``) of the sample exported for it, by profile."""
    packages = export_sample(folder, profiles)
    reports = {}
    for name in profiles:
        started = time.monotonic()
        reports[name] = check_lms(packages[name], name, paths=paths, engine=engine)
        log(f"{name}: {time.monotonic() - started:.1f} s")
    return reports


def table(reports: dict[str, object], paths: tuple[str, ...]) -> str:
    """The matrix as a Markdown table: profiles as rows, paths as columns."""
    lines = ["| profile | " + " | ".join(paths) + " |",
             "|---|" + "---|" * len(paths)]
    for name, report in reports.items():
        cells = [MARKS[report.outcome(path)] for path in paths]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="append", choices=available_profiles())
    parser.add_argument("--path", action="append", choices=PATHS)
    parser.add_argument("--engine", choices=("chromium", "qt"))
    parser.add_argument("--json", metavar="FILE", help="write every report here as JSON")
    parser.add_argument("--keep", metavar="DIR", help="keep the course and packages here")
    args = parser.parse_args(argv)
    profiles = args.profile or available_profiles()
    paths = tuple(args.path or PATHS)
    with tempfile.TemporaryDirectory(prefix="lms-matrix-") as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        engine = engine_named(args.engine)
        try:
            reports = matrix(profiles, paths, folder, engine,
                             log=lambda text: print(text, file=sys.stderr))
        finally:
            if engine is not None:
                engine.close()
    print(table(reports, paths))
    for name, report in reports.items():
        for warning in report.warnings:
            print(f"{name}: {warning.line}")
        for sheet in report.sheets:
            for line in (*sheet.differences, *sheet.problems):
                print(f"{name} [{sheet.path}]: differs: {line}")
    if args.json:
        Path(args.json).write_text(json.dumps({n: r.to_json() for n, r in reports.items()},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

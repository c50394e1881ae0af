"""`studio export-many` and `studio build-many`: many courses under one progress bar, then a
summary table (or JSON); the exit status is 1 when any course failed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.cli.render_place import add_render_place, render_executor, shared_cache
from studio.media.ffmpeg_args import DEFAULT_PRESET, PRESET_NAMES

COLUMNS = ("course", "status", "packages", "renders", "seconds", "reason")


def add_batch_parsers(add: Callable) -> None:
    """``export-many`` and ``build-many``, added with the parser's ``add``."""
    p = add("export-many", "Export many course projects, one after another, sharing one "
            "render pool (or Dask cluster) and, with --cache, one render cache; a summary "
            "table ends the run. A course that fails does not stop the others; the exit "
            "status is 1 if any failed.",
            cmd_export_many, project=False)
    p.add_argument("courses", nargs="+", metavar="GLOB",
                   help="course folders (Name.course) or globs matching them, quoted or not "
                   "(e.g. 'courses/*.course')")
    _add_export_options(p, required=True)
    p = add("build-many", "Build or rebuild many courses from their specs (a TOML or YAML "
            "spec file, or a folder of raw materials), each project beside its spec; with "
            "--format, export each built course too. A summary table ends the run; the "
            "exit status is 1 if any failed.", cmd_build_many, project=False)
    p.add_argument("specs", nargs="+", metavar="SPEC", help="spec files or folders")
    _add_export_options(p, required=False)


def _add_export_options(p: argparse.ArgumentParser, required: bool) -> None:
    add_render_place(p)
    p.add_argument("--format", required=required, metavar="FORMAT",
                   help="a package format (studio export --help lists them) or 'all' for "
                   "one package of each" + ("" if required else "; none: build only"))
    p.add_argument("-o", "--output", metavar="OUTDIR", default=None if not required else ".",
                   help="the folder the packages go to, one subfolder per course "
                   "(default: the current folder)")
    p.add_argument("--preset", default=DEFAULT_PRESET, choices=PRESET_NAMES,
                   help=f"video renders (default {DEFAULT_PRESET})")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def cmd_export_many(args) -> None:
    from studio.export.batch import chosen_formats, course_folders, export_many

    courses = course_folders(args.courses)
    formats = chosen_formats(args.format)
    _run(args, lambda bar, token, executor: export_many(
        courses, formats, Path(args.output), bar, token, executor=executor,
        shared_cache=shared_cache(args), preset=args.preset))


def cmd_build_many(args) -> None:
    from studio.export.batch import build_many, chosen_formats, spec_sources

    specs = spec_sources(args.specs)
    formats = chosen_formats(args.format) if args.format else []
    _run(args, lambda bar, token, executor: build_many(
        specs, formats, Path(args.output or "."), bar, token, executor=executor,
        shared_cache=shared_cache(args), preset=args.preset))


def _run(args, job) -> None:
    from studio.export.batch import BatchCancelled

    try:
        with render_executor(args) as executor:
            report = run_job(lambda bar, token: job(bar, token, executor))
    except BatchCancelled as cancelled:
        _print(cancelled.report, args.json)
        raise
    _print(report, args.json)
    if report.failed:
        from studio.errors import ExportError
        from studio.export.batch import course_name

        names = ", ".join(course_name(o.source) for o in report.failed)
        raise ExportError(f"{len(report.failed)} of {len(report.outcomes)} courses failed: "
                          f"{names}.")


def summary_rows(report) -> list[dict]:
    """One dict per course of a BatchReport, keyed by :data:`COLUMNS`, plus its build's
    ``notes`` and ``conflicts``."""
    from studio.export.batch import course_name

    return [{"course": course_name(o.source), "status": o.status,
             "packages": [str(p) for p in o.packages], "renders": o.renders,
             "seconds": round(o.seconds, 1), "reason": o.reason, "notes": list(o.notes),
             "conflicts": list(o.conflicts)} for o in report.outcomes]


def _print(report, as_json: bool) -> None:
    rows = summary_rows(report)
    if as_json:
        print_json({"courses": rows, "cache": {"hits": report.cache.hits,
                                               "misses": report.cache.misses,
                                               "stored": report.cache.stored}})
        return
    cells = [[r["course"], r["status"], str(len(r["packages"])), str(r["renders"]),
              f"{r['seconds']:.1f}", r["reason"]] for r in rows]
    widths = [max(len(c[i]) for c in [list(COLUMNS), *cells]) for i in range(len(COLUMNS))]
    right = {2, 3, 4}  # numbers
    for line in [list(COLUMNS), *cells]:
        say("  ".join(c.rjust(w) if i in right else c.ljust(w)
                      for i, (c, w) in enumerate(zip(line, widths, strict=True))).rstrip())
    for r in rows:
        for kind in ("note", "conflict"):
            for line in r[f"{kind}s"]:
                say(f"{r['course']}: {kind}: {line}")
    failed = sum(r["status"] == "failed" for r in rows)
    say(f"{len(rows)} course{'' if len(rows) == 1 else 's'}, {failed} failed; renders made "
        f"{report.cache.stored}, found in the cache {report.cache.hits}.")

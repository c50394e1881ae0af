"""`studio build`: a course spec, or a folder of raw materials, built into a project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio.cli.output import say
from studio.cli.progress import run_job


def add_build_parser(add: Callable) -> None:
    """Register ``build`` with the parser's ``add`` helper."""
    p = add("build", "Build a course from a spec file (TOML or YAML) or from a folder of raw "
            "materials (modules as folders, lessons as their subfolders, files in name "
            "order). The first build makes the project; a rebuild updates it in place, "
            "keeping the edits made in the window and reporting conflicts; narration scripts "
            "are voiced offline (only changed sentences again). One undo step.",
            cmd_build, project=False)
    p.add_argument("source", metavar="SPEC|FOLDER",
                   help="a build spec (course.toml, course.yaml) or a folder of materials")
    p.add_argument("-o", "--output", metavar="DIR.course", help="the project (default: "
                   "SPEC's stem or FOLDER's name with .course, beside it)")
    p.add_argument("--write-spec", nargs="?", const="", default=None, metavar="FILE",
                   help="write the spec read or inferred as TOML (default FOLDER/course.toml) "
                   "and build nothing; build from it later")
    p.add_argument("--renderer", choices=("auto", "libreoffice", "builtin"), default="auto",
                   help="draws deck slides (default auto: LibreOffice when installed)")
    p.add_argument("--no-narrate", dest="narrate", action="store_false",
                   help="leave narration scripts unvoiced (studio narrate voices them later)")


def cmd_build(args) -> None:
    from studio.media.build import build_course, default_target
    from studio.spec.folder import read_source
    from studio.spec.writer import write_spec

    source = Path(args.source)
    read = read_source(source)
    spec, notes = read.spec, read.notes
    if args.write_spec is not None:
        for note in notes:
            say(f"note: {note}")
        folder = source if source.is_dir() else source.parent
        written = write_spec(spec, Path(args.write_spec) if args.write_spec
                             else folder / "course.toml")
        again = args.source if written == (folder / "course.toml").absolute() else written
        say(f"Wrote the spec to {written}; edit it, then: studio build {again}")
        return
    target = Path(args.output) if args.output else default_target(source)
    report = run_job(lambda bar, token: build_course(spec, target, bar, token,
                                                     notes=notes, renderer=args.renderer,
                                                     narrate=args.narrate))
    if report.status == "unchanged":
        say(f"{report.target}: unchanged, nothing written")
    else:
        say(f"{report.target}: {report.status} ({report.added} added, {report.updated} "
            f"updated, {report.removed} removed, {report.kept} kept)")
    if report.narration_line:
        say(report.narration_line)
    for note in report.notes:
        say(f"note: {note}")
    for conflict in report.conflicts:
        say(f"conflict: {conflict}")

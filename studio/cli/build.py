"""`studio build`: a course spec, or a folder of raw materials, built into a project."""

from __future__ import annotations

import shlex
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
    p.add_argument("--force", action="store_true",
                   help="with --write-spec, replace the spec file if it exists")
    p.add_argument("--renderer", choices=("auto", "libreoffice", "builtin"), default="auto",
                   help="draws deck slides (default auto: LibreOffice when installed)")
    p.add_argument("--no-narrate", dest="narrate", action="store_false",
                   help="leave narration scripts unvoiced (studio narrate voices them later)")


def cmd_build(args) -> None:
    from studio.errors import NotFoundError
    from studio.media.build import build_course, default_target
    from studio.spec.folder import read_source
    from studio.spec.writer import write_spec

    source = Path(args.source)
    if not source.exists():
        raise NotFoundError(f"{args.source}: no such file or folder.")
    if args.write_spec is not None:
        folder = source if source.is_dir() else source.parent
        spec_file = Path(args.write_spec) if args.write_spec else folder / "course.toml"
        refuse_to_replace(spec_file, args.force)
    read = read_source(source)
    spec, notes = read.spec, read.notes
    if args.write_spec is not None:
        for note in notes:
            say(f"note: {note}")
        written = write_spec(spec, spec_file)
        again = args.source if written == (folder / "course.toml").absolute() else written
        say(f"Wrote the spec to {written}; edit it, then: studio build "
            f"{shlex.quote(str(again))}")
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


def refuse_to_replace(target: Path, force: bool) -> None:
    """Raise :class:`SpecError` when writing a spec at ``target`` would replace a file
    without ``force``, or would put a second spec (``course.toml`` beside ``course.yaml``)
    in a folder, which a folder build refuses to read."""
    from studio.errors import SpecError
    from studio.spec.folder import SPEC_NAMES

    if target.name in SPEC_NAMES:
        other = next((target.parent / n for n in SPEC_NAMES
                      if n != target.name and (target.parent / n).is_file()), None)
        if other is not None:
            raise SpecError(f"{other} is the folder's spec already; edit it, or write the "
                            f"spec elsewhere with --write-spec OTHER.toml.")
    if target.exists() and not force:
        raise SpecError(f"{target} exists; use --force to replace it, or --write-spec "
                        f"OTHER.toml.")

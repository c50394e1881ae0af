"""Subcommands that are more than one edit: create, import, list, export, validate, window."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from studio import commands
from studio.cli.outline import outline, print_outline
from studio.cli.progress import run_job
from studio.errors import (
    Cancelled,
    ImportFileError,
    InvalidEditError,
    PackageInvalidError,
    StudioError,
)
from studio.files import write_text_atomically
from studio.jobs import SubProgress
from studio.store import Project

QUESTION_SUFFIXES = {".gift", ".txt"}
DECK_SUFFIXES = {".pptx"}


def cmd_new(args) -> None:
    Project.create(args.dir, args.title, language=args.language).close()
    print(f"Created {args.dir}")


def cmd_sample(args) -> None:
    from studio.media.sample import build_sample

    build_sample(Path(args.dir)).close()
    print(f"Wrote the sample course to {args.dir}")


def cmd_import(args) -> None:
    """Media files, PowerPoint decks and question files (GIFT, Aiken), all as one undo step."""
    files = [Path(f) for f in args.files]
    decks = [f for f in files if f.suffix.lower() in DECK_SUFFIXES]
    question_files = [f for f in files if f.suffix.lower() in QUESTION_SUFFIXES]
    media = [f for f in files if f not in decks and f not in question_files]
    if question_files and not (args.quiz or args.lesson or args.new_lesson):
        raise ImportFileError("Say where the questions go: --quiz ID, or a lesson for a new "
                              "quiz (--lesson ID or --new-lesson TITLE).")
    with Project.open(args.dir) as project:
        names = ", ".join(f.name for f in files[:3]) + (" …" if len(files) > 3 else "")
        assets = run_job(lambda bar, token: _import_all(
            project, args, media, decks, question_files, f"Import {names}", bar, token))
        if assets:
            from studio.media.previews import ensure_previews

            try:  # filmstrips and waveforms for the timeline; the import is already saved
                run_job(lambda bar, token: ensure_previews(
                    project.course(), project.media_dir, project.cache_dir, assets, bar, token))
            except Cancelled:
                print("Imported; timeline previews will be made when the window needs them.")


def _import_all(project, args, media, decks, question_files, name, bar, token) -> list[str]:
    from studio.media.importer import import_files

    lesson = args.lesson
    steps = len(decks) + len(question_files) + (1 if media else 0)
    step = 0

    def part():
        nonlocal step
        step += 1
        return SubProgress(bar, (step - 1) / steps, 1 / steps)

    with project.group(name):
        if args.new_lesson:
            module = project.conn.execute(
                "SELECT id FROM modules ORDER BY position DESC LIMIT 1").fetchone()
            module_id = module[0] if module else commands.add_module(project, "Module 1")
            lesson = commands.add_lesson(project, module_id, args.new_lesson)
        assets = []
        if media:
            for entry in import_files(project, media, lesson, None, part(), token):
                print(f"{entry.path.name}: asset {entry.asset_id}"
                      + (f", item {entry.item_id}" if entry.item_id else ""))
                assets.append(entry.asset_id)
        for deck in decks:
            from studio.media.pptx_import import import_deck

            if lesson is None:
                raise ImportFileError(f"Say which lesson {deck.name} goes to: --lesson ID or "
                                      "--new-lesson TITLE.")
            report = import_deck(project, deck, lesson, None, args.renderer, part(), token)
            print(f"{deck.name}: {len(report.added)} slide(s) added, {len(report.updated)} "
                  f"updated, {len(report.removed)} removed, rendered with {report.renderer}"
                  + (f"; hidden slides skipped: {', '.join(map(str, report.hidden))}"
                     if report.hidden else ""))
            for warning in report.warnings:
                print(f"  warning: {warning}")
        for path in question_files:
            from studio.quiz.importer import import_questions

            quiz = args.quiz or commands.add_quiz(project, lesson, path.stem)
            added = import_questions(project, quiz, path, part(), token)
            print(f"{path.name}: {len(added)} question(s) into quiz {quiz}")
    return assets


def cmd_captions(args) -> None:
    from studio.media.clip_captions import import_captions

    with Project.open(args.dir) as project:
        import_captions(project, args.item, Path(args.file), args.language, args.label or "")
    print(f"Attached {Path(args.file).name} to {args.item} ({args.language})")


def cmd_export_gift(args) -> None:
    from studio.quiz.gift_writer import export_gift

    with Project.open(args.dir) as project:
        text = export_gift(project, args.quiz)
    if not args.output:
        sys.stdout.write(text)
        return
    target = Path(args.output)
    write_text_atomically(target, text)
    print(f"Wrote {target}")


def cmd_ls(args) -> None:
    with Project.open(args.dir) as project:
        data = outline(project)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_outline(data)


def cmd_history(args) -> None:
    with Project.open(args.dir) as project:
        entries = project.history.entries()
        saved = project.history.saved_seq()
    if not entries:
        print("No edits yet.")
    for entry in entries:
        mark = "undone" if entry.undone else "done  "
        print(f"{entry.seq:5d}  {mark}  {entry.name}" + ("  (saved)" if entry.seq == saved else ""))


def cmd_export(args) -> None:
    from studio.export.exporter import export_course
    from studio.export.formats import ExportOptions, available_formats

    if args.format not in available_formats():
        raise InvalidEditError(f"Export to {args.format} is not available in this version.")
    stem = Path(args.dir).resolve().name.removesuffix(".course")
    target = Path(args.output or f"{stem}-{args.format}.zip")
    options = ExportOptions(format=args.format, sco_per_lesson=not args.single_sco,
                            preset=args.preset, loudness=args.loudness)
    with Project.open(args.dir) as project:
        result = run_job(lambda bar, token: export_course(project, options, target, bar, token))
    print(f"Wrote {result.target} ({result.files} files, {result.bytes / 1e6:.1f} MB)")


def cmd_validate(args) -> None:
    from studio.export.validate import validate_package

    report = run_job(lambda bar, token: validate_package(Path(args.package), bar, token))
    for finding in report.findings:
        print(f"{finding.severity}: {finding.where}: {finding.message}")
    if not report.ok:
        raise PackageInvalidError(f"{args.package} is not a valid {report.kind} package.")
    print(f"{args.package}: valid {report.kind} package")


def cmd_gui(args) -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise StudioError("No display is available for the window; use the other studio "
                          "commands from this shell.")
    try:
        from studio.ui.app import run
    except ImportError as exc:
        raise StudioError(f"The window is not available in this installation ({exc}).") from exc
    sys.exit(run(args.dir))

"""Subcommands that are more than one edit: create, import, list, export, validate, window."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from studio.cli.a11y import NO_CHECK, a11y_export
from studio.cli.outline import outline, print_outline
from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.cli.render_place import render_executor, shared_cache
from studio.errors import (
    Cancelled,
    ImportFileError,
    InvalidEditError,
    PackageInvalidError,
    ProjectDamagedError,
    StudioError,
)
from studio.export.formats import ALL_FORMATS
from studio.files import write_text_atomically
from studio.media.import_report import (
    FileKind,
    ImportReport,
    ImportTarget,
    NoTargetError,
    NoticeKind,
)
from studio.store import Project

WHERE_TO = {  # what to add to `studio import` for files that have nowhere to go
    FileKind.QUESTIONS: "Say where the questions go: --quiz ID, or a lesson for a new quiz "
                        "(--lesson ID or --new-lesson TITLE).",
    FileKind.CAPTIONS: "Caption files go onto a clip: studio captions DIR ITEM_ID FILE "
                       "--language LANG.",
}


def cmd_new(args) -> None:
    Project.create(args.dir, args.title, language=args.language).close()
    say(f"Created {args.dir}")


def cmd_sample(args) -> None:
    from studio.media.sample import build_sample

    build_sample(Path(args.dir)).close()
    say(f"Wrote the sample course to {args.dir}")


def cmd_import(args) -> None:
    """Media files, PowerPoint decks and question files (GIFT, Aiken, Moodle XML, QTI,
    spreadsheets), all as one undo step."""
    from studio.media.importer import import_paths

    files = [Path(f) for f in args.files]
    target = ImportTarget(lesson_id=args.lesson, new_lesson=args.new_lesson, quiz_id=args.quiz)
    with Project.open(args.dir) as project:
        try:
            report = run_job(lambda bar, token: import_paths(
                project, files, target, renderer=args.renderer, progress=bar, token=token))
        except NoTargetError as exc:
            raise ImportFileError(WHERE_TO[exc.kind]) from exc
        print_report(report)
        if args.script:
            from studio.cli.align import caption_imported

            caption_imported(project, report, args.script, None)
        assets = list(report.media_asset_ids)
        if assets:
            from studio.media.previews import ensure_previews

            try:  # filmstrips and waveforms for the timeline; the import is already saved
                run_job(lambda bar, token: ensure_previews(
                    project.course(), project.media_dir, project.cache_dir, assets, bar, token))
            except Cancelled:
                print("Imported; timeline previews will be made when the window needs them.")


def print_report(report: ImportReport) -> None:
    """One line per imported file, then what was left out of it and what to know about it."""
    for entry in report.added:
        name = entry.path.name
        notices = report.notices_for(entry.path)
        if entry.kind is FileKind.MEDIA:
            say(f"{name}: asset {entry.asset_id}"
                  + (f", item {entry.item_ids[0]}" if entry.item_ids else ""))
        elif entry.kind is FileKind.DECK:
            hidden = [n for notice in notices if notice.kind is NoticeKind.HIDDEN_SLIDES
                      for n in notice.slides]
            say(f"{name}: {len(entry.item_ids)} slide(s) added, {len(entry.updated_ids)} "
                  f"updated, {len(entry.removed_titles)} removed, rendered with "
                  f"{entry.renderer}"
                  + (f"; hidden slides skipped: {', '.join(map(str, hidden))}" if hidden else ""))
        elif entry.kind is FileKind.QUESTIONS:
            say(f"{name}: {len(entry.question_ids)} question(s) into quiz {entry.quiz_id}")
        else:
            say(f"{name}: captions {entry.asset_id}")
        for skipped in report.skipped_in(entry.path):
            say(f"  skipped: {skipped}")
        for notice in notices:
            if notice.kind is NoticeKind.WARNING:
                say(f"  warning: {notice}")


def cmd_captions(args) -> None:
    from studio.media.importer import import_paths

    if args.show:
        return show_captions(args)
    if not (args.item and args.file):
        raise InvalidEditError("Name the clip and the caption file: studio captions DIR "
                               "ITEM_ID FILE --language LANG (or --show ITEM_ID).")
    language = args.language or "en"
    with Project.open(args.dir) as project:
        report = import_paths(project, [Path(args.file)], ImportTarget.captions(
            args.item, language, args.label or "", args.encoding))
    say(f"Attached {Path(args.file).name} to {args.item} ({language})")
    for skipped in report.skipped:
        say(f"  skipped: {skipped}")


def show_captions(args) -> None:
    """`studio captions DIR --show ITEM`: each track's cues as stored, one block a cue."""
    from studio.media.clip_captions import format_cues, stored_cues

    if args.item or args.file:
        raise InvalidEditError("--show takes the clip alone: studio captions DIR --show ITEM_ID.")
    with Project.open(args.dir) as project:
        tracks = stored_cues(project, args.show, args.language)
    for number, (track, cues) in enumerate(tracks):
        if number:
            say()
        say(f"# {track.label} ({track.language}), {len(cues)} cue(s)")
        say()
        for line in format_cues(cues).split("\n"):
            say(line)


def cmd_export_gift(args) -> None:
    from studio.quiz.gift_writer import export_gift

    with Project.open(args.dir) as project:
        text = export_gift(project, args.quiz)
    if not args.output:
        sys.stdout.write(text)
        return
    target = Path(args.output)
    write_text_atomically(target, text)
    say(f"Wrote {target}")


def cmd_export_quiz(args) -> None:
    """`studio export-quiz DIR QUIZ_ID --format F -o FILE`: the file, then its notices."""
    from studio.media.quiz_export import export_quiz
    from studio.quiz.exchange import writer_for

    target = Path(args.output)
    if not target.name or target.name == ".." or target.is_dir():
        raise InvalidEditError(f"-o {args.output} is a folder; name the file to write, "
                               "e.g. -o bank.zip.")
    chosen = writer_for(target.name, args.format)
    with Project.open(args.dir) as project:
        notices = export_quiz(project, args.quiz, chosen.name, target)
    say(f"Wrote {target} ({chosen.label})")
    for notice in notices:
        say(f"  notice: {notice}")


def cmd_quiz_template(args) -> None:
    """`studio quiz template -o FILE.xlsx`."""
    from studio.quiz.sheet import write_template

    write_template(Path(args.output))
    say(f"Wrote {args.output}: fill one row per question, then `studio import DIR "
        f"{Path(args.output).name} --quiz QUIZ_ID`")


def cmd_ls(args) -> None:
    with Project.open(args.dir) as project:
        data = outline(project)
    if args.json:
        print_json(data)
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
        say(f"{entry.seq:5d}  {mark}  {entry.name}" + ("  (saved)" if entry.seq == saved else ""))


def cmd_export(args) -> None:
    """Export with the options given, the rest from the project's publish settings; says
    which came from the settings."""
    from studio.commands.publish import publish_settings
    from studio.export.exporter import export_course
    from studio.export.formats import available_formats
    from studio.export.languages import package_file_name
    from studio.export.package import ExportOptions
    from studio.publish import PublishSettings, package_name

    if args.format == ALL_FORMATS:
        return _export_all(args)
    with Project.open(args.dir) as project:
        stored = publish_settings(project)
        lms = stored.lms if args.lms is None else args.lms
        fmt = _lms_format(lms, args, stored) if lms else args.format or stored.format
        if fmt not in available_formats():
            raise InvalidEditError(f"Export to {fmt} is not available in this version.")
        per_lesson = stored.sco_per_lesson if args.single_sco is None else not args.single_sco
        used = [f"format {fmt}"] if args.format is None and not lms else []
        if lms and args.lms is None:
            used.append(f"LMS {lms}")
        if args.single_sco is None and (used or not args.output
                                        or per_lesson != PublishSettings.sco_per_lesson):
            used.append("one unit per lesson" if per_lesson else "the course as one unit")
        languages = _languages(args)
        if args.output:
            target = Path(args.output)
        else:
            name = package_file_name(stored.file_name
                                     or package_name(project.course().title, fmt), languages)
            target = Path(stored.folder or ".") / name
            used.append(f"file {target}")
        options = ExportOptions.published(
            replace(stored, format=fmt, sco_per_lesson=per_lesson, lms=lms),
            preset=args.preset, loudness=args.loudness, languages=languages)
        if args.a11y is None and stored.a11y:
            args.a11y = stored.a11y
            used.append(f"accessibility {stored.a11y}")
        if used:
            say(f"From the publish settings: {', '.join(used)}")
        _warn_untranslated(project, languages)
        with render_executor(args) as executor:
            cache = shared_cache(args)
            if args.a11y and args.a11y != NO_CHECK:
                result = a11y_export(args, project, options, target, executor, cache)
            else:
                result = run_job(lambda bar, token: export_course(
                    project, options, target, bar, token, executor=executor,
                    shared_cache=cache))
    say(f"Wrote {result.target} ({result.files} files, {result.bytes / 1e6:.1f} MB)")


def _export_all(args) -> None:
    """`export --format all`: every format into the folder -o names (default: the publish
    settings' folder), with the publish settings' unit layout and the options given."""
    from studio.commands.publish import publish_settings
    from studio.export.exporter import export_all
    from studio.export.package import ExportOptions

    if args.lms or (args.a11y and args.a11y != NO_CHECK):
        raise InvalidEditError("--format all writes every format as it is; export with "
                               "--lms or --a11y one format at a time.")
    if args.output and (Path(args.output).suffix.casefold() == ".zip"
                        or Path(args.output).is_file()):
        raise InvalidEditError(f"With --format all, -o names a folder (one package per "
                               f"format goes in it), not a file like {args.output}.")
    with Project.open(args.dir) as project:
        stored = publish_settings(project)
        per_lesson = stored.sco_per_lesson if args.single_sco is None else not args.single_sco
        options = ExportOptions.published(
            replace(stored, sco_per_lesson=per_lesson, lms=""), preset=args.preset,
            loudness=args.loudness, languages=_languages(args))
        folder = Path(args.output or stored.folder or ".")
        with render_executor(args) as executor:
            results = run_job(lambda bar, token: export_all(
                project, options, folder, bar, token, executor=executor,
                shared_cache=shared_cache(args)))
    for result in results:
        say(f"Wrote {result.target} ({result.files} files, {result.bytes / 1e6:.1f} MB)")


def _warn_untranslated(project: Project, languages: tuple[str, ...]) -> None:
    """One line per target language of the package that has untranslated segments (they
    are exported in the course language)."""
    from studio.language import language_name
    from studio.media.translation_io import translation_status

    course = project.course()
    for tag in languages:
        if tag not in course.settings.languages:
            continue  # the course language, or refused by the export
        drift = translation_status(project, tag)[0]
        if drift.new:
            say(f"{tag}: {len(drift.new)} of {drift.total} segments are not translated; "
                f"they stay in {language_name(course.language)}")


def _languages(args) -> tuple[str, ...]:
    """The languages --language or --languages ask for (normalised tags, without repeats);
    () for neither."""
    from studio.language import language_tag

    if args.language is not None:
        return (language_tag(args.language),)
    if args.languages is None:
        return ()
    tags = tuple(dict.fromkeys(language_tag(tag) for tag in args.languages.split(",")
                               if tag.strip()))
    if not tags:
        raise InvalidEditError("--languages needs language tags separated by commas, e.g. "
                               "en,fr,de.")
    return tags


def _lms_format(lms: str, args, stored) -> str:
    """The format of an export for an LMS: --format when the LMS takes it, else the stored
    format when the LMS came from the publish settings and takes it, else its best."""
    from studio.export.lms_profiles import choose_format, load_profile

    profile = load_profile(lms)
    requested = args.format
    if requested is None and args.lms is None and stored.format in profile.formats:
        requested = stored.format
    fmt = choose_format(profile, requested)
    if args.format is None:
        say(f"For {profile.label}: format {fmt}")
    return fmt


def cmd_copy(args) -> None:
    from studio.bundle_copy import copy_bundle

    report = run_job(lambda bar, token: copy_bundle(args.dir, args.target, bar, token))
    say(f"Copied {args.dir} to {report.target} ({report.media_files} media files, "
        f"{report.bytes / 1e6:.1f} MB); {args.dir} stays as it was")


def cmd_validate(args) -> None:
    from studio.export.validate import validate_package

    report = run_job(lambda bar, token: validate_package(Path(args.package), bar, token))
    for finding in report.findings:
        say(f"{finding.severity}: {finding.where}: {finding.message}")
    if not report.ok:
        raise PackageInvalidError(f"{args.package} is not a valid {report.description}.")
    say(f"{args.package}: valid {report.description}")


def cmd_check(args) -> None:
    from studio.recovery import check_project

    problems = check_project(args.dir)
    if not problems:
        say(f"{args.dir}: course.db is sound")
        return
    for problem in problems[:20]:
        say(f"problem: {problem}")
    raise ProjectDamagedError(f"{args.dir}/course.db is damaged ({len(problems)} problem(s)); "
                              f"`studio recover {args.dir}` copies what can be read into a "
                              "new project.")


def cmd_recover(args) -> None:
    from studio.recovery import recover

    report = recover(args.dir, args.output)
    counts = ", ".join(f"{n} {table}" for table, n in report.copied.items() if table != "course")
    say(f"Recovered into {report.target} ({report.method}): {counts}")
    for note in report.notes:
        say(f"  {note}")
    say(f"  the undo history starts afresh; {args.dir} was not changed")


def cmd_gui(args) -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise StudioError("No display is available for the window; use the other studio "
                          "commands from this shell.")
    try:
        from studio.ui.app import run
    except ImportError as exc:
        raise StudioError(f"The window is not available in this installation ({exc}).") from exc
    sys.exit(run(args.dir))

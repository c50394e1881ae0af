"""`studio translate`: the course's text out as XLIFF for translators and back in as a
language variant, drift status per language, pseudo-translations, target languages."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.files import read_input, write_atomically
from studio.store import Project

SHOWN = 5  # segment ids named per list before "and N more"


def add_translate_parser(add: Callable) -> None:
    """Register ``studio translate`` and its actions with the parser's ``add`` helper."""
    p = add("translate", "Translate the course: XLIFF out for translators and back in as "
            "a language variant, what a source edit made stale, pseudo-translations.",
            cmd_translate_export, project=False)
    actions = p.add_subparsers(dest="translate_command", required=True, metavar="ACTION")

    def action(name: str, help_text: str, handler: Callable) -> argparse.ArgumentParser:
        q = actions.add_parser(name, help=help_text, description=help_text)
        q.add_argument("dir", metavar="DIR", help="the course project folder (Name.course)")
        q.set_defaults(handler=handler)
        return q

    q = action("export", "Write the course's translatable text as an XLIFF file for one "
               "language: titles, page and slide text, notes, alt text, questions and "
               "feedback, caption cues, narration scripts, the player's labels. Segments "
               "whose source changed are marked for review.", cmd_translate_export)
    q.add_argument("--to", required=True, metavar="TAG",
                   help="the target language (BCP 47, e.g. fr or de-CH; qps-ploc or "
                   "qps-plocm: pseudo-translated)")
    q.add_argument("-o", "--output", metavar="FILE.xlf",
                   help="default: <course name>.<TAG>.xlf in the current folder")
    q.add_argument("--xliff", default="1.2", metavar="VERSION",
                   help="the XLIFF version: 1.2 (the default) or 2.0")
    q.add_argument("--changed", action="store_true",
                   help="only the segments that are new or need review")
    q = action("import", "Read a translated XLIFF file into the course's variant in its "
               "language (captions per clip included): one undo step. Says which segments "
               "are untranslated or still in the source language.", cmd_translate_import)
    q.add_argument("file", metavar="FILE.xlf")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q = action("status", "Per target language: how many segments need review after source "
               "edits and how many are new.", cmd_translate_status)
    q.add_argument("--language", metavar="TAG", help="only this language")
    q.add_argument("--json", action="store_true", help="print the status as JSON")
    q = action("pseudo", "Fill the pseudo-locale qps-ploc (accented, 35 %% longer, in "
               "brackets) to find clipped layouts and hard-coded text; one undo step.",
               cmd_translate_pseudo)
    q.add_argument("--rtl", action="store_true",
                   help="the right-to-left pseudo-locale qps-plocm instead")
    q = action("add", "Add a target language to the course.", cmd_translate_add)
    q.add_argument("tag", metavar="TAG", help="a BCP 47 tag, e.g. fr")
    q = action("remove", "Remove a target language and its translations (undo brings "
               "them back).", cmd_translate_remove)
    q.add_argument("tag", metavar="TAG")


def default_output(course_dir: str, tag: str) -> Path:
    """``<course folder stem>.<tag>.xlf`` in the current folder."""
    return Path(f"{Path(course_dir).resolve().stem}.{tag}.xlf")


def cmd_translate_export(args) -> None:
    """Write the XLIFF file (through a .part file, then renamed) and say what it holds."""
    from studio.media.translation_io import export_xliff, translation_status
    from studio.translation.pseudo import PSEUDO_LOCALES

    with Project.open(args.dir) as project:
        data = export_xliff(project, args.to, version=args.xliff, changed_only=args.changed)
        [state] = translation_status(project, args.to)
    count = len(state.needs_review) + len(state.new) if args.changed else state.total
    if args.changed and not count:
        say(f"Nothing to write: no {state.language} segment is new or needs review "
            f"({state.summary()}).")
        return
    output = Path(args.output) if args.output else default_output(args.dir, state.language)
    write_atomically(output, data)
    what = (f"{state.total} pseudo-translated" if state.language in PSEUDO_LOCALES
            else state.summary())
    say(f"Wrote {output}: XLIFF {args.xliff}, {_count(count, 'segment')} ({what}).")


def cmd_translate_import(args) -> None:
    """Import with progress on stderr (Ctrl-C cancels, nothing changed); the report on
    stdout."""
    from studio.language import language_name
    from studio.media.translation_io import import_xliff

    path = Path(args.file)
    data = read_input(path)
    with Project.open(args.dir) as project:
        report = run_job(lambda bar, token: import_xliff(project, data, path.name, bar, token))
        source = project.course().language
    if args.json:
        print_json({"language": report.language, "stored": report.stored,
                    "untranslated": list(report.untranslated),
                    "left_in_source": list(report.left_in_source),
                    "needs_review": list(report.needs_review), "unknown": list(report.unknown),
                    "captions": list(report.captions), "kept_newer": list(report.kept_newer),
                    "kept_earlier": list(report.kept_earlier),
                    "over_length": _over_json(report.over_length)})
        return
    name = language_name(report.language)
    say(f"Imported the {name} translation: {_count(report.stored, 'segment')} stored"
        + (f", captions for {_count(len(report.captions), 'clip')}." if report.captions
           else "."))
    for ids, what in ((report.untranslated, "untranslated"),
                      (report.kept_earlier, "kept from earlier (no target in the file)"),
                      (report.left_in_source, f"still in {language_name(source)}"),
                      (report.needs_review, "need review"),
                      (report.unknown, "no longer in the course (skipped)")):
        if ids:
            say(f"  {len(ids)} {what}: {_ids(ids)}")
    if report.kept_newer:
        say(f"  kept {_count(len(report.kept_newer), 'newer translation')} (the file was made "
            f"before a source edit): {_ids(report.kept_newer)}")
    if report.over_length:
        say(f"  {_over(report.over_length)}")


def cmd_translate_status(args) -> None:
    """One line per target language, or JSON."""
    from studio.media.translation_io import translation_status

    with Project.open(args.dir) as project:
        found = translation_status(project, args.language)
    if args.json:
        print_json([{"language": s.language, "total": s.total, "current": s.current,
                     "needs_review": list(s.needs_review), "new": list(s.new),
                     "obsolete": list(s.obsolete),
                     "over_length": _over_json(s.over_length)} for s in found])
        return
    if not found:
        say("The course has no target language: studio translate add DIR TAG, or "
            "studio translate export DIR --to TAG.")
    for state in found:
        say(state.summary())
        if state.over_length:
            say(f"  {_over(state.over_length)}")


def cmd_translate_pseudo(args) -> None:
    """Fill a pseudo-locale with progress; Ctrl-C cancels."""
    from studio.media.translation_io import pseudo_fill

    locale = "qps-plocm" if args.rtl else "qps-ploc"
    with Project.open(args.dir) as project:
        report = run_job(lambda bar, token: pseudo_fill(project, locale, bar, token))
    say(f"Pseudo-translated {_count(report.stored, 'segment')} into {locale}"
        + (f", captions for {_count(len(report.captions), 'clip')}." if report.captions
           else ".") + f" Export it: studio export DIR --language {locale}")


def cmd_translate_add(args) -> None:
    from studio.commands.translation import add_language

    with Project.open(args.dir) as project:
        add_language(project, args.tag)
        say(f"Target languages: {', '.join(project.course().settings.languages)}.")


def cmd_translate_remove(args) -> None:
    from studio.commands.translation import remove_language

    with Project.open(args.dir) as project:
        remove_language(project, args.tag)
        left = project.course().settings.languages
        say(f"Target languages: {', '.join(left)}." if left else "No target language left.")


def _over(found) -> str:
    """ "2 over the length limit: player.next (43/16), …" (at most SHOWN named); a warning,
    the translations are stored."""
    from studio.translation.drift import over_length_list

    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return f"{len(found)} over the length limit: {over_length_list(found[:SHOWN])}{more}"


def _over_json(found) -> list[dict]:
    return [{"segment": i, "length": length, "limit": limit} for i, length, limit in found]


def _ids(ids) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


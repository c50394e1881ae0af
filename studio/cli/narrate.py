"""`studio narrate`, `studio glossary`, `studio voice` and `studio script`: narration from the
script, voiced offline, and the settings it is voiced with."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Callable
from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.errors import ImportFileError, InvalidEditError
from studio.model import ItemKind
from studio.narration.voice import ENGINE_NAMES, PITCH_RANGE, RATE_RANGE
from studio.store import Project

VOICE_OPTIONS = ("engine", "voice", "rate", "pitch", "voice_file")


def add_narration_parsers(add: Callable) -> None:
    """Register the narration subcommands with the parser's ``add`` helper."""
    p = add("narrate", "Voice the script of slides and pages offline (their notes or page "
            "text unless a script was typed), sentence by sentence; the slide lasts as long "
            "as its narration, cue points move with their sentences, captions follow the "
            "script. Only changed sentences are voiced again. Voice options given here become the "
            "narrated items' voice (as studio voice sets it), so the next narrate keeps "
            "them. One undo step.", cmd_narrate, intermixed=True)
    p.add_argument("items", nargs="*", metavar="ITEM",
                   help="the slides and pages (default: every one with a script)")
    _voice_options(p)
    p.add_argument("--language", metavar="LANG", help="the narration's language (BCP 47; "
                   "default: the course's)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = add("glossary", "The course's pronunciation glossary: list it, set how a word is "
            "said, or remove a word. After a change, says which items need re-voicing.",
            cmd_glossary)
    actions = p.add_subparsers(dest="glossary_command", metavar="ACTION")
    q = actions.add_parser("list", help="every entry (the default)")
    q.add_argument("--json", action="store_true", help="print the entries as JSON")
    q = actions.add_parser("set", help="say WORD as SAY (a respelling, or --phonemes)")
    q.add_argument("word", metavar="WORD")
    q.add_argument("say", metavar="SAY")
    q.add_argument("--phonemes", action="store_true",
                   help="SAY is in the engine's phoneme notation (espeak-ng: Kirshenbaum)")
    q.add_argument("--language", default="", metavar="LANG",
                   help="only for narration in this language (default: every language)")
    q = actions.add_parser("remove", help="remove WORD from the glossary")
    q.add_argument("word", metavar="WORD")
    q.add_argument("--language", default="", metavar="LANG")

    p = add("voice", "Show or change the voice of one slide or page (its overrides of the "
            "course's voice); --clear goes back to the course's.", cmd_voice)
    p.add_argument("item", metavar="ITEM_ID")
    _voice_options(p)
    p.add_argument("--clear", action="store_true", help="remove every override of this item")

    p = add("script", "Set what a slide or page says when narrated.", cmd_script)
    p.add_argument("item", metavar="ITEM_ID")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="TEXT", help="the script itself")
    source.add_argument("--file", metavar="FILE", help="read the script from a UTF-8 file")
    source.add_argument("--from-notes", action="store_true",
                        help="no typed script: say the slide's notes or the page's text")
    p.add_argument("--language", metavar="LANG", help="default: the course's language")


def _voice_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", metavar="ENGINE", help=f"{', '.join(ENGINE_NAMES)} (studio "
                   "voices lists what this machine has)")
    p.add_argument("--voice", metavar="VOICE", help="a voice id of the engine")
    p.add_argument("--rate", type=int, metavar="WPM",
                   help=f"words per minute ({RATE_RANGE[0]}..{RATE_RANGE[1]})")
    p.add_argument("--pitch", type=int, metavar="N",
                   help=f"{PITCH_RANGE[0]}..{PITCH_RANGE[1]} (50: the voice's own)")
    p.add_argument("--voice-file", metavar="FILE", help="a piper voice (.onnx) on this machine")


def _voice_values(args) -> dict:
    values = {key: getattr(args, key) for key in VOICE_OPTIONS}
    if values["voice_file"]:
        values["voice_file"] = str(Path(values["voice_file"]).resolve())
    return {key: value for key, value in values.items() if value is not None}


def cmd_narrate(args) -> None:
    """Narrate, with progress on stderr (Ctrl-C cancels, nothing changed), the report on
    stdout: per item its duration, sentences voiced now and reused, loudness."""
    from studio.media.narration_render import narrate

    with Project.open(args.dir) as project:
        report = run_job(lambda bar, token: narrate(
            project, args.items or None, language=args.language, voice=_voice_values(args) or None,
            remember=True, progress=bar, token=token))
    rows = [{"id": item.id, "title": item.title, "duration": item.duration,
             "sentences": item.sentences, "synthesised": item.synthesised,
             "reused": item.reused, "loudness": item.loudness, "unchanged": item.unchanged}
            for item in report.items]
    if args.json:
        print_json({"language": report.language, "items": rows})
        return
    if not rows:
        say("Nothing to narrate: no slide or page has notes, text or a script.")
        return
    reused = sum(row["reused"] for row in rows)
    say(f"Narrated {_count(len(rows), 'item')} in {report.language}: "
        f"{_count(report.synthesised, 'sentence')} voiced, {reused} reused.")
    for row in rows:
        loudness = "" if row["loudness"] is None else f", {row['loudness']:.1f} LUFS"
        state = " (unchanged)" if row["unchanged"] else ""
        say(f"  {row['id']}  {row['title']}: {row['duration']:.3f} s, "
            f"{_count(row['sentences'], 'sentence')}, {row['synthesised']} voiced, "
            f"{row['reused']} reused{loudness}{state}")


def cmd_glossary(args) -> None:
    """List, set or remove glossary entries; after a change, the items to re-voice."""
    from studio.commands.narration import remove_glossary_entry, set_glossary_entry

    action = args.glossary_command or "list"
    with Project.open(args.dir) as project:
        if action == "list":
            entries = project.course().settings.glossary
            if getattr(args, "json", False):
                print_json([{"word": e.word, "say": e.say, "kind": e.kind,
                             "language": e.language} for e in entries])
            elif not entries:
                say("The glossary is empty: studio glossary DIR set WORD SAY.")
            for entry in entries if not getattr(args, "json", False) else ():
                where = f" [{entry.language}]" if entry.language else ""
                kind = " (phonemes)" if entry.kind == "phonemes" else ""
                say(f"{entry.word}{where}: {entry.say}{kind}")
            return
        if action == "set":
            set_glossary_entry(project, args.word, args.say,
                               kind="phonemes" if args.phonemes else "respell",
                               language=args.language)
            say(f"“{args.word}” is said “{args.say}”"
                f"{' (phonemes)' if args.phonemes else ''}.")
        else:
            remove_glossary_entry(project, args.word, language=args.language)
            say(f"Removed “{args.word}” from the glossary.")
        _say_stale(project, args.word)


def cmd_voice(args) -> None:
    """Show an item's voice, or change or clear its overrides."""
    from studio.commands.narration import set_item_voice
    from studio.narration import effective_voice

    values = _voice_values(args)
    with Project.open(args.dir) as project:
        if args.clear and values:
            raise InvalidEditError("--clear removes every override; give it alone.")
        if values:
            _check_item_voice(project, args.item, values)
        if args.clear:
            set_item_voice(project, args.item, **dict.fromkeys(VOICE_OPTIONS))
        elif values:
            set_item_voice(project, args.item, **values)
        course = project.course()
        item = course.find(args.item)
        if item is None or not hasattr(item, "kind"):
            raise InvalidEditError(f"No item with id {args.item}.")
        voice = effective_voice(course, item)
        say(f"{item.title}: " + ", ".join(f"{key} {value or 'default'}"
                                          for key, value in voice.as_pairs()))
        if args.clear or values:
            _say_stale(project)


def _check_item_voice(project: Project, item_id: str, values: dict) -> None:
    from studio.media.voices import check_voice
    from studio.narration import effective_voice

    course = project.course()
    item = course.find(item_id)
    if item is None or not hasattr(item, "kind"):
        raise InvalidEditError(f"No item with id {item_id}.")
    voice = effective_voice(course, item, values)
    check_voice(voice.engine, voice.voice)


def cmd_script(args) -> None:
    """Set or clear an item's typed script."""
    from studio.commands.narration import set_script

    if args.from_notes:
        text = None
    elif args.file is not None:
        try:
            text = Path(args.file).read_bytes().decode("utf-8")
        except OSError as exc:
            reason = (exc.strerror or type(exc).__name__).lower()
            raise ImportFileError(f"{args.file} cannot be read ({reason}).") from None
        except UnicodeDecodeError:
            raise InvalidEditError(f"{Path(args.file).name} is not UTF-8 text.") from None
    else:
        text = args.text
    with Project.open(args.dir) as project:
        set_script(project, args.item, text, args.language)
        item = project.course().find(args.item)
        own = "the text is" if getattr(item, "kind", None) is ItemKind.PAGE else "the notes are"
        say(f"Script cleared: {own} narrated." if text is None or not text.strip()
            else "Script set.")
        _say_stale(project)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _say_stale(project: Project, word: str | None = None) -> None:
    """Say which narrated items need re-voicing; with ``word`` (a glossary edit) only those
    whose script says it."""
    from studio.media.narration_render import stale
    from studio.narration.script import item_script

    course = project.course()
    ids = stale(project)
    if word is not None:
        said = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        ids = [i for i in ids if said.search(
            item_script(course.find(i), course.language, course.language))]
    if not ids:
        say("No narrated item needs re-voicing.")
        return
    titles = ", ".join(f"{course.find(item_id).title} ({item_id})" for item_id in ids)
    folder = shlex.quote(str(project.path))
    say(f"Needs re-voicing ({len(ids)}): {titles}. Run: studio narrate {folder} "
        f"{' '.join(ids)}")

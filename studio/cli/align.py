"""`studio align`: captions for an item's recorded speech, by aligning its script (or
placeholders from silence), and `studio import --script`'s alignment step."""

from __future__ import annotations

from pathlib import Path

from studio.cli.output import print_json, say
from studio.cli.progress import run_job
from studio.errors import ImportFileError
from studio.files import read_input
from studio.media.import_report import FileKind
from studio.store import Project
from studio.timecode import format_time


def add_align_parser(add) -> None:
    """The `align` subcommand's grammar, on the parser's ``add`` helper."""
    p = add("align", "Caption an item's recorded speech (a clip's own sound, a slide's "
            "recorded narration) by aligning its script to it, offline; cues the aligner is "
            "unsure of are marked REVIEW.", cmd_align)
    p.add_argument("item", metavar="ITEM", help="the clip or slide (an id from studio ls)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--script", metavar="FILE", help="the text spoken (UTF-8; default: the "
                      "item's script, e.g. a slide's notes)")
    what.add_argument("--placeholders", action="store_true", help="no script: one empty "
                      "caption per stretch of speech, found by silence detection")
    what.add_argument("--recogniser", metavar="NAME", help="no script: let a speech "
                      "recogniser you have installed write one (faster-whisper, whisper.cpp; "
                      "needs --model), then align it")
    p.add_argument("--model", metavar="PATH", help="the recogniser's model file or folder "
                   "(never downloaded)")
    p.add_argument("--language", metavar="TAG", help="the language spoken (default: the "
                   "course's; alignment needs English)")
    p.add_argument("--json", action="store_true", help="print the sentences as JSON")


def read_script(path: str) -> str:
    """The text of a script file. Raises ImportFileError when it cannot be read or is not
    UTF-8 text, or holds no text."""
    try:
        text = read_input(Path(path)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{Path(path).name} is not UTF-8 text.") from None
    if not text.strip():
        # an empty script must not silently turn aligned captions into placeholders
        raise ImportFileError(f"{Path(path).name} holds no text to align; use --placeholders "
                              "for empty caption cues.")
    return text


def cmd_align(args) -> None:
    """Align (or place) the captions of one item and print its sentences."""
    script = read_script(args.script) if args.script else None
    with Project.open(args.dir) as project:
        if args.recogniser:
            script = _recognised(project, args)
        track = _caption(project, args.item, script, args.language, args.placeholders)
    show(args.item, track, args.json)


def caption_imported(project: Project, report, script_path: str, language: str | None) -> None:
    """`studio import --script`: align the script to the one video or sound just imported
    and print its sentences. Raises ImportFileError unless exactly one clip was added."""
    items = [i for entry in report.added if entry.kind is FileKind.MEDIA for i in entry.item_ids]
    if len(items) != 1:
        raise ImportFileError("--script needs exactly one video or sound file to align it to "
                              f"({len(items)} imported as clips).")
    show(items[0], _caption(project, items[0], read_script(script_path), language,
                            keep_script=True), False)


def _recognised(project: Project, args) -> str:
    from studio.media.alignment.recognisers import transcript
    from studio.media.alignment.recording import recorded_speech

    speech = recorded_speech(project, args.item, args.language)
    language = args.language or project.course().language
    return transcript(args.recogniser, Path(args.model) if args.model else None, speech.audio,
                      language, speech.start, speech.end)


def _caption(project: Project, item_id: str, script: str | None, language: str | None,
             only_placeholders: bool = False, keep_script: bool = False):
    from studio.media.alignment.recording import caption_recording

    return run_job(lambda bar, token: caption_recording(
        project, item_id, script, language, progress=bar, token=token,
        only_placeholders=only_placeholders, keep_script=keep_script))


def show(item_id: str, track, as_json: bool) -> None:
    """Print a track's sentences: one line each (start, end, confidence, REVIEW, text), or
    JSON."""
    review = sum(1 for s in track.sentences if s.review)
    if as_json:
        print_json({"item": item_id, "language": track.language, "origin": track.origin,
                    "duration": track.duration, "captions_asset_id": track.captions_asset_id,
                    "review": review,
                    "sentences": [{"start": s.start, "end": s.end, "text": s.text,
                                   "confidence": s.confidence, "review": s.review}
                                  for s in track.sentences]})
        return
    for s in track.sentences:
        confidence = "    " if s.confidence is None else f"{s.confidence:.2f}"
        say(f"{format_time(s.start, 3):>10} {format_time(s.end, 3):>10}  {confidence}  "
            f"{'REVIEW' if s.review else '      '}  {s.text or '…'}")
    how = "placed by silence" if track.origin == "placeholders" else "aligned"
    say(f"{len(track.sentences)} caption(s) {how}, {review} to review; captions "
        f"{track.captions_asset_id}.")

"""`studio recording`: a recorded voice-over made a slide's narration, or a slide's or page's
narration in one of the course's target languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio.cli.output import print_json, say
from studio.errors import ImportFileError
from studio.store import Project


def add_recording_parser(add: Callable) -> None:
    """Register `studio recording` with the parser's ``add`` helper."""
    p = add("recording", "Make a recorded sound the narration of a slide, or of a slide or "
            "page in a target language (--language): captioned from its script in that "
            "language; a target language's recording leaves the source slide as it is. One "
            "undo step.", cmd_recording)
    p.add_argument("item", metavar="ITEM_ID")
    p.add_argument("file", metavar="FILE", help="a sound file, or the id of a sound already "
                   "in the project")
    p.add_argument("--language", metavar="LANG", help="the recording's language (BCP 47; "
                   "default: the course's)")
    p.add_argument("--json", action="store_true", help="print what was attached as JSON")


def cmd_recording(args) -> None:
    from studio.media.recorded_narration import attach_recording

    with Project.open(args.dir) as project:
        path = Path(args.file)
        if path.is_file():
            done = attach_recording(project, args.item, path, language=args.language)
        elif args.file in project.course().assets:
            done = attach_recording(project, args.item, asset_id=args.file,
                                    language=args.language)
        else:
            raise ImportFileError(f"{args.file} does not exist (not a file, nor a sound of "
                                  "the project).")
    if args.json:
        print_json({"item": done.item_id, "language": done.language, "asset": done.asset_id,
                    "duration": done.duration, "captions_asset_id": done.captions_asset_id,
                    "timing": done.timing})
        return
    captions = f", captions {done.captions_asset_id} ({done.timing})" \
        if done.captions_asset_id else ", no script to caption"
    say(f"{done.item_id} narrated in {done.language} by {done.asset_id} "
        f"({done.duration:.3f} s){captions}")

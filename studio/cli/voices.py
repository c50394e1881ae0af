"""`studio voices`: the voice engines this machine has, why the others are missing, and their
voices; `--voice-file x.onnx` checks a piper voice file."""

from __future__ import annotations

from studio.cli.output import print_json, say
from studio.narration.voice import ENGINE_NAMES


def add_voices_parser(add) -> None:
    """Register `studio voices` with the parser's ``add`` helper."""
    p = add("voices", "The offline voice engines on this machine (and why any is missing) "
            "with their voices.", cmd_voices, project=False)
    p.add_argument("--language", metavar="TAG",
                   help="only voices that speak this language (BCP 47, e.g. en or de-AT)")
    p.add_argument("--engine", metavar="NAME",
                   help=f"only this engine ({', '.join(ENGINE_NAMES)})")
    p.add_argument("--voice-file", metavar="VOICE.onnx",
                   help="check a piper voice file (and its .onnx.json config beside it)")
    p.add_argument("--json", action="store_true", help="print the engines and voices as JSON")


def _voice_row(voice) -> dict:
    return {"id": voice.id, "name": voice.name, "languages": list(voice.languages),
            "gender": voice.gender}


def cmd_voices(args) -> None:
    from studio.media.voices import ENGINES, engine
    from studio.media.voices.piper import describe

    chosen = [engine(args.engine)] if args.engine else list(ENGINES.values())
    rows = []
    for each in chosen:
        reason = each.available()
        voices = each.voices() if reason is None else []
        if args.language:
            voices = [v for v in voices if v.speaks(args.language)]
        rows.append({"name": each.name, "label": each.label, "available": reason is None,
                     "reason": reason, "version": each.version() if reason is None else None,
                     "accepts_phonemes": each.accepts_phonemes,
                     "voices": [_voice_row(v) for v in voices]})
    checked = _voice_row(describe(args.voice_file)) if args.voice_file else None
    if args.json:
        data = {"engines": rows}
        if checked is not None:
            data["voice_file"] = checked
        print_json(data)
        return
    for number, row in enumerate(rows):
        if number:
            say()
        if not row["available"]:
            say(f"{row['name']}: not available: {row['reason']}")
            continue
        phonemes = "; speaks glossary phonemes" if row["accepts_phonemes"] else ""
        say(f"{row['name']}: available, version {row['version']}{phonemes}")
        if row["name"] == "piper" and not row["voices"]:
            say("  voices are files you name: --voice-file VOICE.onnx")
        for voice in row["voices"]:
            gender = f" ({voice['gender']})" if voice["gender"] else ""
            say(f"  {voice['id']}: {voice['name']}{gender} [{', '.join(voice['languages'])}]")
        if not row["voices"] and row["name"] != "piper":
            say(f"  no voice for {args.language}" if args.language else "  no voices")
    if checked is not None:
        say()
        languages = ", ".join(checked["languages"]) or "language not stated"
        say(f"{args.voice_file}: a piper voice, {checked['name']} [{languages}]")

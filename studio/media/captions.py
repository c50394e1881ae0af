"""Captions: SRT, WebVTT, SBV, ASS/SSA and TTML/DFXP in; cut and shifted with a clip's trim;
WebVTT out, which is also how a track is stored.

The subtitle libraries read the formats: webvtt-py reads SRT, WebVTT and SBV and keeps what
WebVTT carries (cue settings, identifiers, voice spans and other cue markup); pysubs2 reads
ASS/SSA and TTML. Before them, the layout of a cue-block file (SRT, WebVTT) is checked line
by line here, so a bad cue is reported with its line number, cues with no blank line between
them are split apart, and empty cues are skipped with a notice rather than refusing the file.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ImportFileError
from studio.files import read_input
from studio.media.caption_encoding import decode_caption_bytes
from studio.media.caption_markup import ass_to_webvtt_text, escape_text, to_webvtt_text

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(.*)$")
_SBV_TIMING = re.compile(r"^\s*\d+:\d{1,2}:\d{1,2}\.\d{1,3}\s*,\s*\d+:\d{1,2}:\d{1,2}\.\d{1,3}\s*$")
FORMATS = {".srt": "srt", ".vtt": "vtt", ".sbv": "sbv", ".ass": "ass", ".ssa": "ssa",
           ".ttml": "ttml", ".dfxp": "ttml"}
CAPTION_SUFFIXES = set(FORMATS)
_DFXP_NAMESPACES = re.compile(r"http://www\.w3\.org/(?:2006/(?:04|10)/ttaf1|ns/ttml)(?=[#\"'])")
MAX_REPORTED = 8


@dataclass(frozen=True)
class Cue:
    """One caption: ``start`` and ``end`` in seconds, ``text`` WebVTT cue text (markup and
    escapes as WebVTT §4.2.2 allows, lines split by ``\\n``), ``settings`` its WebVTT cue
    settings (§4.4, e.g. "align:start line:10%"), ``identifier`` its WebVTT cue identifier."""

    start: float
    end: float
    text: str
    settings: str = ""
    identifier: str = ""


@dataclass(frozen=True)
class Captions:
    """The cues of one caption file, in order of start, and what was left out of it
    (one line each, e.g. "line 7: an empty cue was skipped")."""

    cues: tuple[Cue, ...]
    notices: tuple[str, ...] = ()


def caption_format(name: str, text: str = "") -> str:
    """The format of a caption file ("srt", "vtt", "sbv", "ass", "ssa" or "ttml"): its
    suffix, else what its text begins with (SRT when nothing else fits)."""
    known = FORMATS.get(Path(name).suffix.lower())
    if known:
        return known
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("[Script Info]"):
        return "ass"
    if head.startswith("<"):
        return "ttml"
    if _SBV_TIMING.match(head.split("\n", 1)[0]):
        return "sbv"
    return "srt"


def parse_caption_file(text: str, name: str = "captions", fmt: str | None = None) -> Captions:
    """Cues of a caption text in ``fmt`` (see :func:`caption_format`; guessed when None).

    Raises ImportFileError naming every bad cue by line (up to MAX_REPORTED), or saying the
    file holds no captions.
    """
    fmt = fmt or caption_format(name, text)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if fmt in ("srt", "vtt"):
        cues, notices = _cue_blocks(text, name, fmt)
    elif fmt == "sbv":
        cues, notices = _sbv(text, name)
    else:
        cues, notices = _pysubs(text, name, fmt)
    if not cues:
        raise ImportFileError(f"{name} holds no captions.")
    return Captions(tuple(sorted(cues, key=lambda cue: cue.start)), tuple(notices))


def parse_captions(text: str, name: str = "captions", fmt: str | None = None) -> list[Cue]:
    """Cues of a caption text; as :func:`parse_caption_file` without the notices."""
    return list(parse_caption_file(text, name, fmt).cues)


def load_captions(path: Path, language: str | None = None,
                  encoding: str | None = None) -> Captions:
    """The cues of a caption file on disk, its encoding found as
    :func:`~studio.media.caption_encoding.decode_caption_bytes` says (``language`` a BCP 47
    tag as a hint, ``encoding`` a codec name that overrides). Raises ImportFileError for an
    unknown suffix, an unreadable file, an unclear encoding or bad cues."""
    path = Path(path)
    if path.suffix.lower() not in CAPTION_SUFFIXES:
        raise ImportFileError(f"{path.name} is not a caption file (use .srt, .vtt, .sbv, "
                              ".ass, .ssa, .ttml or .dfxp).")
    data = read_input(path)
    text = decode_caption_bytes(data, language, encoding, path.name)
    return parse_caption_file(text, path.name, caption_format(path.name, text))


def read_captions(path: Path, language: str | None = None,
                  encoding: str | None = None) -> list[Cue]:
    """The cues of a caption file on disk; as :func:`load_captions` without the notices."""
    return list(load_captions(path, language, encoding).cues)


def _cue_blocks(text: str, name: str, fmt: str) -> tuple[list[Cue], list[str]]:
    """SRT or WebVTT: the layout checked here, then the cues read by webvtt-py."""
    import webvtt
    from webvtt.errors import MalformedFileError

    vtt = fmt == "vtt"
    lines = text.split("\n")
    problems: list[str] = []
    notices: list[str] = []
    kept: list[list[str]] = []  # each cue's block as the library is given it
    for first_line, block in _blocks(lines, skip_header=vtt):
        if vtt and block[0].split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        timing_at = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing_at is None or timing_at > 1:
            problems.append(f"line {first_line}: no 'start --> end' timing line")
            continue
        if not vtt and timing_at == 1 and not block[0].strip().isdigit():
            problems.append(f"line {first_line}: expected a cue number, found {block[0]!r}")
            continue
        line_no = first_line + timing_at
        match = _TIMING.match(block[timing_at])
        if match is None:
            problems.append(f"line {line_no}: {block[timing_at].strip()!r} is not a valid timing")
            continue
        start, end = _seconds(*match.group(1, 2, 3, 4)), _seconds(*match.group(5, 6, 7, 8))
        if end <= start:
            problems.append(f"line {line_no}: the cue ends before it starts")
            continue
        body = block[timing_at + 1:]
        if not "".join(body).strip():
            notices.append(f"line {line_no}: an empty cue was skipped")
            continue
        timing = f"{_stamp(start)} --> {_stamp(end)}" + (match.group(9).rstrip() if vtt else "")
        identifier = block[0].strip() if vtt and timing_at == 1 else ""
        kept.append([identifier, timing, *body] if identifier else [timing, *body])
    if problems:
        shown = "; ".join(problems[:MAX_REPORTED])
        more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
        raise ImportFileError(f"{name} has bad cues: {shown}{more}.")
    if not kept:
        return [], notices
    if vtt:
        canonical = "WEBVTT\n\n" + "\n\n".join("\n".join(b) for b in kept) + "\n"
    else:
        canonical = "\n\n".join(f"{n}\n" + "\n".join(b) for n, b in
                                enumerate(kept, start=1)) + "\n"
    try:
        read = webvtt.from_buffer(io.StringIO(canonical), format=fmt).captions
    except MalformedFileError as exc:
        raise ImportFileError(f"{name} is not a readable {fmt.upper()} file ({exc}).") from None
    cues = [Cue(caption.start_time.in_milliseconds() / 1000,
                caption.end_time.in_milliseconds() / 1000,
                to_webvtt_text(caption.raw_text.strip("\n")),
                str(caption.settings or "") if vtt else "", caption.identifier or "")
            for caption in read]
    return [cue for cue in cues if cue.text.strip()], notices


def _blocks(lines: list[str], skip_header: bool) -> list[tuple[int, list[str]]]:
    """Cue blocks with the 1-based line number each starts on: split at blank lines, and
    where a timing line (with the cue number or identifier before it) follows text with no
    blank line between."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if current:
                blocks.append((start, current))
                current = []
            continue
        if current and "-->" in line and any("-->" in earlier for earlier in current):
            # a new cue inside this block; a number just before it is its cue number
            if current[-1].strip().isdigit():
                blocks.append((start, current[:-1]))
                current, start = current[-1:], number - 1
            else:
                blocks.append((start, current))
                current, start = [], number
        if not current:
            start = number
        current.append(line.rstrip())
    if current:
        blocks.append((start, current))
    return blocks[1:] if skip_header and blocks else blocks


def _sbv(text: str, name: str) -> tuple[list[Cue], list[str]]:
    """YouTube SBV ("0:00:01.000,0:00:02.500" then the text), read by webvtt-py."""
    import webvtt
    from webvtt.errors import MalformedFileError

    try:
        read = webvtt.from_buffer(io.StringIO(text), format="sbv").captions
    except MalformedFileError as exc:
        raise ImportFileError(f"{name} is not a readable SBV file ({exc}).") from None
    cues, notices = [], []
    for number, caption in enumerate(read, start=1):
        cue_text = to_webvtt_text(caption.raw_text.strip("\n"))
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        if not cue_text.strip() or end <= start:
            notices.append(f"cue {number} ({_stamp(start)}): an empty cue was skipped"
                           if not cue_text.strip() else
                           f"cue {number} ({_stamp(start)}): ends before it starts, skipped")
            continue
        cues.append(Cue(start, end, cue_text))
    return cues, notices


def _pysubs(text: str, name: str, fmt: str) -> tuple[list[Cue], list[str]]:
    """ASS/SSA and TTML/DFXP, read by pysubs2; ASS override tags become WebVTT markup."""
    import pysubs2

    if fmt == "ttml":  # DFXP is TTML under the namespaces of its drafts
        text = _DFXP_NAMESPACES.sub("http://www.w3.org/ns/ttml", text)
    try:
        with warnings.catch_warnings():  # its per-field fallbacks would reach the terminal
            warnings.simplefilter("ignore")
            events = pysubs2.SSAFile.from_string(text, format_=fmt).events
    except Exception as exc:  # pysubs2 raises many kinds (its own, ValueError, XML errors)
        raise ImportFileError(f"{name} is not a readable {fmt.upper()} file "
                              f"({type(exc).__name__}: {str(exc)[:120]}).") from None
    cues, notices = [], []
    for number, event in enumerate(events, start=1):
        if event.is_comment:
            continue
        body = ass_to_webvtt_text(event.text, event.name) if fmt in ("ass", "ssa") else \
            escape_text(event.plaintext.strip())
        if not body.strip() or event.end <= event.start:
            notices.append(f"event {number} ({_stamp(event.start / 1000)}): "
                           + ("an empty cue was skipped" if not body.strip() else
                              "ends before it starts, skipped"))
            continue
        cues.append(Cue(event.start / 1000, event.end / 1000, body))
    return cues, notices


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    fraction = int(millis.ljust(3, "0")) / 1000
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + fraction


def cut_to_clip(cues: list[Cue], in_point: float, out_point: float) -> list[Cue]:
    """Cues as the trimmed clip plays them (times in seconds): clipped to [in, out) and moved
    to start at 0; text, settings and identifiers are kept."""
    kept = []
    for cue in cues:
        start, end = max(cue.start, in_point), min(cue.end, out_point)
        if end - start > 1e-3:
            kept.append(Cue(round(start - in_point, 3), round(end - in_point, 3), cue.text,
                            cue.settings, cue.identifier))
    return kept


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def cue_timing(cue: Cue) -> str:
    """The WebVTT timing line of a cue (WebVTT §4.1): "hh:mm:ss.ttt --> hh:mm:ss.ttt" and its
    settings; hours grow past two digits when needed."""
    return f"{_stamp(cue.start)} --> {_stamp(cue.end)}" + (f" {cue.settings}"
                                                             if cue.settings else "")


def write_vtt(cues: list[Cue]) -> str:
    """A WebVTT file (WebVTT §4.1) of these cues; text that is not WebVTT markup is escaped
    (§4.2.2), so "a < b" shows literally, and blank lines in a cue's text are dropped, since
    they would end the cue early."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        text = "\n".join(line for line in to_webvtt_text(cue.text).split("\n") if line.strip())
        identifier = cue.identifier.replace("-->", "->").strip()
        parts += [*([identifier] if identifier else []), cue_timing(cue), text, ""]
    return "\n".join(parts)

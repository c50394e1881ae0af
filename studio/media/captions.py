"""Captions: SRT and WebVTT in, cut and shifted with a clip's trim, WebVTT out for the player.

Files come from many tools and many editors, so the text encoding is detected (byte-order
marks, UTF-16 without one, UTF-8, then Windows-1252) and every bad cue is reported with its
line number in one message, rather than the first one only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ImportFileError

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(.*)$")
CAPTION_SUFFIXES = {".srt", ".vtt"}
MAX_REPORTED = 8


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def decode_caption_bytes(data: bytes) -> str:
    """Text of a caption file whatever its encoding; BOMs win, then UTF-8, then Windows-1252."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return data.decode("utf-16-le", errors="replace")
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    fraction = int(millis.ljust(3, "0")) / 1000
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + fraction


def parse_captions(text: str, name: str = "captions") -> list[Cue]:
    """Cues of an SRT or WebVTT text; raises ImportFileError listing every bad cue by line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    vtt = bool(lines) and lines[0].lstrip("\ufeff").startswith("WEBVTT")
    cues: list[Cue] = []
    problems: list[str] = []
    blocks = _blocks(lines, skip_header=vtt)
    for first_line, block in blocks:
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
        body = "\n".join(block[timing_at + 1:]).strip()
        if not body:
            problems.append(f"line {line_no}: the cue has no text")
            continue
        cues.append(Cue(start, end, body))
    if problems:
        shown = "; ".join(problems[:MAX_REPORTED])
        more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
        raise ImportFileError(f"{name} has bad cues: {shown}{more}.")
    if not cues:
        raise ImportFileError(f"{name} holds no captions.")
    return sorted(cues, key=lambda cue: cue.start)


def _blocks(lines: list[str], skip_header: bool) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks with the 1-based line number each starts on."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks[1:] if skip_header and blocks else blocks


def read_captions(path: Path) -> list[Cue]:
    path = Path(path)
    if path.suffix.lower() not in CAPTION_SUFFIXES:
        raise ImportFileError(f"{path.name} is not a caption file (use .srt or .vtt).")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    return parse_captions(decode_caption_bytes(data), path.name)


def cut_to_clip(cues: list[Cue], in_point: float, out_point: float) -> list[Cue]:
    """Cues as the trimmed clip plays them: clipped to [in, out) and moved to start at 0."""
    kept = []
    for cue in cues:
        start, end = max(cue.start, in_point), min(cue.end, out_point)
        if end - start > 1e-3:
            kept.append(Cue(round(start - in_point, 3), round(end - in_point, 3), cue.text))
    return kept


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write_vtt(cues: list[Cue]) -> str:
    parts = ["WEBVTT", ""]
    for cue in cues:
        # a blank line would end the cue early; "-->" in text would read as a timing
        text = "\n".join(line for line in cue.text.split("\n") if line.strip())
        parts += [f"{_stamp(cue.start)} --> {_stamp(cue.end)}", text.replace("-->", "->"), ""]
    return "\n".join(parts)

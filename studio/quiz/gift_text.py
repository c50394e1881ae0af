"""GIFT text below the level of questions: escapes and the blank-line blocks of a file."""

from __future__ import annotations

import re

from studio.quiz.source import SourceText

ESCAPABLE = "~=#{}:\\"

_SEEKERS: dict[str, re.Pattern] = {}


def find_unescaped(text: str, target: str, start: int = 0, end: int | None = None) -> int:
    """Offset of the first ``target`` not escaped by a backslash, or -1."""
    seeker = _SEEKERS.get(target)
    if seeker is None:
        seeker = _SEEKERS[target] = re.compile(r"\\.|" + re.escape(target), re.DOTALL)
    for found in seeker.finditer(text, start, len(text) if end is None else end):
        if found.group(0) == target:
            return found.start()
    return -1


def _unescaped_char(match: re.Match) -> str:
    char = match.group(1)
    return "\n" if char == "n" else char if char in ESCAPABLE else match.group(0)


def unescape(text: str) -> str:
    """GIFT text with its escapes resolved: ``\\n`` a newline, ``\\~`` and the other
    special characters themselves; any other backslash pair is kept as written."""
    return re.sub(r"\\(.)", _unescaped_char, text, flags=re.DOTALL)


def blocks(src: SourceText) -> list[tuple[int, int]]:
    """(start, end) offsets of each run of non-blank lines."""
    blocks, start, end = [], None, 0
    for offset, line in src.lines():
        if line.strip():
            start = offset if start is None else start
            end = offset + len(line)
        elif start is not None:
            blocks.append((start, end))
            start = None
    if start is not None:
        blocks.append((start, end))
    return blocks

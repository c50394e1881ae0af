"""Times typed by a person, read into seconds and written back: ``25``, ``0:25``,
``1:02.5``, ``00:00:25.5``, ``25s``.

Every face that takes a time (the inspector's In and Out fields, the command line's time
options) reads it here, so the same text means the same time everywhere.
"""

from __future__ import annotations

import math
import re

from studio.errors import InvalidEditError

# seconds as digits with an optional fraction; a decimal comma is read as a point
_NUMBER = re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+")
_UNIT = re.compile(r"\s*(?:s|sec|secs|seconds?)\s*$", re.IGNORECASE)


def parse_time(text: str) -> float:
    """Seconds (a finite float >= 0) from a time as people type it.

    Accepted: plain seconds (``25``, ``25.5``, ``25,5``, ``25s``, ``25 sec``),
    ``M:SS[.f]`` (``0:25``, ``1:02.5``) and ``H:MM:SS[.f]`` (``00:00:25.5``); spaces around
    the text are ignored. Raises :class:`~studio.errors.InvalidEditError` with a one-line
    reason for empty text, anything else, a negative time, or minutes or seconds of 60 or
    more after a colon.
    """
    cleaned = _UNIT.sub("", text.strip()) if text.strip() else ""
    if not cleaned:
        raise InvalidEditError("Type a time, e.g. 25, 0:25 or 1:02.5.")
    if cleaned.startswith("-"):
        raise InvalidEditError(f"{text.strip()!r} is before the start; times begin at 0.")
    parts = cleaned.split(":")
    if len(parts) > 3 or not all(_NUMBER.fullmatch(p) for p in parts):
        raise InvalidEditError(f"{text.strip()!r} is not a time; type e.g. 25, 0:25 or 1:02.5.")
    numbers = [float(p.replace(",", ".")) for p in parts]
    if any(not n.is_integer() for n in numbers[:-1]):
        raise InvalidEditError(
            f"{text.strip()!r} is not a time: only the seconds may have a fraction.")
    if len(numbers) > 1 and numbers[-1] >= 60:
        raise InvalidEditError(f"{text.strip()!r}: seconds after a colon must be under 60.")
    if len(numbers) == 3 and numbers[1] >= 60:
        raise InvalidEditError(f"{text.strip()!r}: minutes must be under 60 when hours are given.")
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    if not math.isfinite(seconds):
        raise InvalidEditError(f"{text.strip()!r} is too long to be a time.")
    return seconds


def format_time(seconds: float, decimals: int = 2) -> str:
    """``seconds`` (>= 0; less counts as 0) as ``M:SS.ff``, or ``H:MM:SS.ff`` from one hour,
    with ``decimals`` digits of a second (0: none); rounded once, so 59.999 s reads
    ``1:00.00``. :func:`parse_time` reads the result back. Raises nothing for finite input.
    """
    scale = 10 ** decimals
    total = round(max(0.0, seconds) * scale)
    whole, fraction = divmod(total, scale)
    minutes, secs = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    tail = f".{fraction:0{decimals}d}" if decimals else ""
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}{tail}"
    return f"{minutes}:{secs:02d}{tail}"

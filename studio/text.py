"""Text that people see: titles, file names and undo names made safe to store and to print.

Two kinds of text reach the studio from outside: names decoded by Python with
``surrogateescape`` (file names and command-line arguments that are not valid UTF-8, PEP 383)
and text that holds control characters (PowerPoint's vertical tab for a line break, or an
escape sequence pasted into a title). SQLite stores only valid UTF-8, and a terminal obeys the
escape sequences it is sent, so both are handled here, once, for every face.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
# Controls a person means as a gap between words (tab, line and page breaks, PowerPoint's \x0b).
_SPACING_CONTROLS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def clean_text(text: str) -> str:
    """``text`` safe to store: each undecodable byte (a lone surrogate U+DC80..U+DCFF, or any
    other lone surrogate) becomes U+FFFD, spacing controls become a space and every other
    control character (Unicode category Cc: C0, DEL, C1, so also ESC) is dropped.

    Other characters, including spaces, are kept as they are; raises nothing.
    """
    if text.isprintable() and not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    out = []
    for char in text:
        if "\ud800" <= char <= "\udfff":
            out.append(REPLACEMENT)
        elif char in _SPACING_CONTROLS:
            out.append(" ")
        elif not _is_control(char):
            out.append(char)
    return "".join(out)


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: control characters (category Cc, so no escape
    sequence can reach the terminal) and lone surrogates (undecodable bytes of a file name)
    are written as backslash escapes (``\\x1b``, ``\\udcff``); everything else is kept.
    """
    if text.isprintable() and not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if _is_control(char) or "\ud800" <= char <= "\udfff" else char
        for char in text)


def plural(count: int, noun: str, nouns: str = "") -> str:
    """``count`` (thousands separated) and ``noun``, in the plural (``nouns``, else ``noun``
    + "s") unless the count is one: "1 quiz", "3 slide images", "4,381 statements"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {nouns or noun + 's'}"

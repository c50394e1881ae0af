"""Cue text as WebVTT allows it (WebVTT §4.2.2 cue text, §5.4 cue text parsing rules).

Markup WebVTT knows is kept (c, i, b, u, v, lang, ruby, rt and timestamps, with classes and
annotations); SRT's ``<font color>`` becomes one of WebVTT's default colour classes
(§6.1 "default text colour") or is dropped keeping its text; other tags are dropped keeping
their text, as a browser would; a ``<``, ``>`` or ``&`` that is not markup is escaped, so
the player shows it literally.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*|\d[\d:.]*)((?:\.[^\s.<>]+)*)([ \t][^<>\n]*)?>")
_ENTITY = re.compile(r"&(?:amp|lt|gt|lrm|rlm|nbsp|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_TIMESTAMP = re.compile(r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}")
_KNOWN = {"c", "i", "b", "u", "v", "lang", "ruby", "rt"}
_ANNOTATED = {"v", "lang"}  # the tags whose start tag carries a text after a space
# WebVTT's default text colour classes, and the #rrggbb an SRT <font> gives for each
_COLOURS = {"white": "ffffff", "lime": "00ff00", "cyan": "00ffff", "red": "ff0000",
            "yellow": "ffff00", "magenta": "ff00ff", "blue": "0000ff", "black": "000000"}
_BY_HEX = {hex_: name for name, hex_ in _COLOURS.items()}
_FONT_COLOUR = re.compile(r"""color\s*=\s*["']?#?([\w]+)""", re.IGNORECASE)
_ASS_BLOCK = re.compile(r"\{([^{}]*)\}")
_ASS_STYLE = re.compile(r"\\([ibu])([01])")


def escape_text(text: str) -> str:
    """Plain text as WebVTT cue text: ``&``, ``<`` and ``>`` written as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt_text(text: str) -> str:
    """Cue text from SRT, SBV or WebVTT as WebVTT cue text (WebVTT §4.2.2).

    Idempotent: text already in this form comes back unchanged. Line breaks (``\\n``) are
    kept; ``>`` is escaped too, so a ``-->`` in the text cannot read as a timing line.
    """
    out: list[str] = []
    fonts: list[bool] = []  # for each open <font>: whether it became a <c.colour>
    pos = 0
    for match in _TAG.finditer(text):
        out.append(_escape_loose(text[pos:match.start()]))
        out.append(_tag(match, fonts))
        pos = match.end()
    out.append(_escape_loose(text[pos:]))
    return "".join(out)


def _escape_loose(text: str) -> str:
    """Escapes ``<``, ``>`` and every ``&`` that does not start a WebVTT character reference."""
    parts, pos = [], 0
    for match in _ENTITY.finditer(text):
        parts.append(escape_text(text[pos:match.start()]))
        parts.append(match.group(0))
        pos = match.end()
    parts.append(escape_text(text[pos:]))
    return "".join(parts)


def _tag(match: re.Match, fonts: list[bool]) -> str:
    closing, name, classes, annotation = match.groups()
    lowered = name.lower()
    if name[0].isdigit():
        return match.group(0) if not closing and _TIMESTAMP.fullmatch(name) else ""
    if lowered == "font":
        if closing:
            return "</c>" if fonts and fonts.pop() else ""
        colour = _font_colour(annotation or "")
        fonts.append(colour is not None)
        return f"<c.{colour}>" if colour else ""
    if lowered not in _KNOWN:
        return ""
    if closing:
        return f"</{lowered}>"
    extra = ""
    if lowered in _ANNOTATED and annotation and annotation.strip():
        extra = " " + escape_text(annotation.strip())
    return f"<{lowered}{classes or ''}{extra}>"


def _font_colour(attributes: str) -> str | None:
    """The default colour class of an SRT ``<font color=…>``, or None for another colour."""
    found = _FONT_COLOUR.search(attributes)
    if found is None:
        return None
    value = found.group(1).lower()
    if value in _COLOURS:
        return value
    return _BY_HEX.get({"green": "00ff00", "aqua": "00ffff", "fuchsia": "ff00ff"}.get(
        value, value))


def ass_to_webvtt_text(text: str, speaker: str = "") -> str:
    """An ASS/SSA event's text as WebVTT cue text: ``{\\i1}`` … ``{\\i0}`` (and b, u) become
    ``<i>`` … ``</i>``, ``\\N`` a line break, other override blocks are dropped; a speaker
    name becomes a voice span ``<v Name>`` (WebVTT §4.2.2)."""
    out: list[str] = []
    pos = 0
    for block in _ASS_BLOCK.finditer(text):
        out.append(_ass_plain(text[pos:block.start()]))
        for style, on in _ASS_STYLE.findall(block.group(1)):
            out.append(f"<{style}>" if on == "1" else f"</{style}>")
        pos = block.end()
    out.append(_ass_plain(text[pos:]))
    body = "".join(out).strip()
    if speaker.strip() and body:
        body = f"<v {escape_text(speaker.strip())}>{body}</v>"
    return body


def _ass_plain(text: str) -> str:
    return escape_text(text.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", "\u00a0"))

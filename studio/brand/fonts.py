"""Font files of a brand kit, as WOFF2 (W3C WOFF File Format 2.0) for the player's
``@font-face`` rules.

A ``.woff2`` file is kept byte for byte once fontTools has read it; ``.ttf``, ``.otf`` and
``.woff`` files are converted to WOFF2 by fontTools (its Brotli encoder). Conversion keeps the
font's own ``head.modified`` date, so the same file always gives the same bytes. Weight and
style come from the OS/2 table: ``usWeightClass`` (CSS ``font-weight``, 1..1000) and bit 0 of
``fsSelection`` (italic), as OpenType's OS/2 specification defines them.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")
_ITALIC_BIT = 1  # OS/2 fsSelection bit 0


@dataclass(frozen=True)
class FontFace:
    """One font file of a kit: its CSS ``family``, ``weight`` (1..1000), ``style``
    (``"normal"`` | ``"italic"``), its ``data`` as WOFF2 bytes and the ``name`` it is shipped
    under (``"ahn-400.woff2"``)."""

    family: str
    weight: int
    style: str
    data: bytes
    name: str


def read_font(path: Path, family: str | None = None, by_face: bool = False) -> FontFace:
    """The font file at ``path`` as a :class:`FontFace`, converted to WOFF2 when it is TTF,
    OTF or WOFF; ``family`` defaults to the font's own family name (name table, typographic
    family first). It ships as ``<file stem>.woff2``, or, with ``by_face``, under a name
    made of family, weight and style (:func:`face_stem`). Raises ``ValueError`` with a
    one-line reason for a file that is missing, has another suffix, or that fontTools cannot
    read as that kind of font."""
    suffix = path.suffix.lower()
    if suffix not in FONT_SUFFIXES:
        raise ValueError(f"{path.name} is not a font file (use {', '.join(FONT_SUFFIXES)})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"font file {path} is missing") from None
    except OSError as exc:
        raise ValueError(f"font file {path} cannot be read ({exc.strerror})") from None
    return font_from_bytes(data, "" if by_face else path.stem, suffix, family)


@functools.lru_cache(maxsize=64)
def font_from_bytes(data: bytes, stem: str, suffix: str, family: str | None = None) -> FontFace:
    """:func:`read_font` for bytes already read: ``stem`` names the shipped file
    (``stem + ".woff2"``; "" = by family, weight and style), ``suffix`` says what ``data``
    claims to be. Raises ``ValueError``. Results are kept for the process: converting a
    large TrueType font to WOFF2 takes seconds, and a kit is resolved at every export and
    preview."""
    from fontTools.ttLib import TTFont, TTLibError  # noqa: PLC0415  (heavy, used on demand)

    label = f"{stem}{suffix}" if stem else f"the {suffix[1:].upper()} file"
    try:
        font = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=False)
        os2 = font["OS/2"]
        weight, italic = int(os2.usWeightClass), bool(os2.fsSelection & _ITALIC_BIT)
        own_family = font["name"].getBestFamilyName() or stem
    except (TTLibError, KeyError, AssertionError, ValueError, OSError, EOFError) as exc:
        raise ValueError(f"{label} is not a readable font ({exc})") from None
    expected = {".woff2": "woff2", ".woff": "woff"}.get(suffix)
    if font.flavor != expected:
        raise ValueError(f"{label} is not a {suffix[1:].upper()} font "
                         f"(it reads as {(font.flavor or 'sfnt').upper()})")
    if not 1 <= weight <= 1000:
        raise ValueError(f"{label} declares weight {weight}, outside 1..1000")
    if font.flavor != "woff2":
        font.flavor = "woff2"
        out = io.BytesIO()
        font.save(out)
        data = out.getvalue()
    family = family or own_family
    style = "italic" if italic else "normal"
    return FontFace(family=family, weight=weight, style=style, data=data,
                    name=f"{stem or face_stem(family, weight, style)}.woff2")


def face_stem(family: str, weight: int, style: str) -> str:
    """A file stem that says what a face is: ``("Source Serif 4", 700, "italic")`` ->
    ``"source-serif-4-700-italic"``; used for font files whose own name says nothing
    (media stored under their SHA-256)."""
    slug = re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-") or "font"
    return f"{slug}-{weight}" + ("-italic" if style == "italic" else "")

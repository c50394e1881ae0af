"""What a slide's pictures and text boxes are, as the deck import reads them: the facts the
accessibility checks need that the rendered slide image does not carry.

Kept in the slide's ``props`` as ``pictures`` and ``text_boxes`` (JSON lists); a slide
imported before these were read has neither, and the checks say so rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Descriptions that only name a file or the shape ("image.png", "Picture 3"): tools write
# them when nobody described the picture, and they tell a screen reader user nothing.
PLACEHOLDER_ALT = re.compile(
    r"^(?:[\w\s().-]+\.(?:png|jpe?g|gif|bmp|svg|tiff?|webp|emf|wmf|heic)"
    r"|(?:picture|image|graphic|photo|grafik|bild|imagen|immagine)\s*\d*)$",
    re.IGNORECASE)


@dataclass(frozen=True)
class SlidePicture:
    """One picture on a slide, in the deck's reading order: ``alt`` its description for
    screen readers ("" when it has none), ``decorative`` True when the deck marks it as
    decorative (PowerPoint's "Mark as decorative", the ``a16:decorative`` extension of
    ``p:cNvPr``, ECMA-376 Part 1 §19.3.1.12 extended) and ``name`` the shape's name in the
    deck ("Picture 3")."""

    alt: str = ""
    decorative: bool = False
    name: str = ""

    @property
    def described(self) -> bool:
        """True when ``alt`` says something: not empty and not merely a file or shape name
        (:data:`PLACEHOLDER_ALT`)."""
        alt = self.alt.strip()
        return bool(alt) and PLACEHOLDER_ALT.match(alt) is None

    def as_json(self) -> dict:
        """The picture as kept in the slide's props."""
        return asdict(self)


@dataclass(frozen=True)
class TextBox:
    """One run of text on a slide: ``x``, ``y``, ``width``, ``height`` the box's place as
    fractions (0..1) of the slide's width and height from its top-left corner,
    ``size_pt`` the largest font size of its text in points (0 when the deck leaves it to
    the theme and it could not be resolved), ``bold`` True when all its text is bold,
    ``colour`` its text colour as "#rrggbb" when the deck states one ("" otherwise) and
    ``text`` its first 80 characters (to name it in a report)."""

    x: float
    y: float
    width: float
    height: float
    size_pt: float = 0.0
    bold: bool = False
    colour: str = ""
    text: str = ""

    def as_json(self) -> dict:
        """The box as kept in the slide's props."""
        return asdict(self)


def pictures_from_json(raw: object) -> tuple[SlidePicture, ...] | None:
    """The ``pictures`` list of a slide's props; None when the slide has none (imported
    before pictures were read, or not from a deck). Entries that are not objects are
    skipped. Never raises."""
    if not isinstance(raw, list):
        return None
    return tuple(SlidePicture(alt=str(e.get("alt") or ""), decorative=e.get("decorative") is True,
                              name=str(e.get("name") or ""))
                 for e in raw if isinstance(e, dict))


def text_boxes_from_json(raw: object) -> tuple[TextBox, ...] | None:
    """The ``text_boxes`` list of a slide's props; None when the slide has none. Entries
    without four numeric coordinates are skipped. Never raises."""
    if not isinstance(raw, list):
        return None
    boxes = []
    for e in raw:
        if not isinstance(e, dict):
            continue
        try:
            x, y, w, h = (float(e[key]) for key in ("x", "y", "width", "height"))
            size = float(e.get("size_pt") or 0.0)
        except (KeyError, TypeError, ValueError):
            continue
        boxes.append(TextBox(x, y, w, h, size, e.get("bold") is True,
                             str(e.get("colour") or ""), str(e.get("text") or "")))
    return tuple(boxes)

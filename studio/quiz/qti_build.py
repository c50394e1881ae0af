"""Building blocks of QTI items: canonical elements, response rules, media files, region
coordinates and titles (shared by :mod:`studio.quiz.qti_write` and the reader)."""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from studio.quiz.gift_writer import number
from studio.quiz.qti_xml import xml_text

RESPONSE, SCORE, MAXSCORE, FEEDBACK, CHOICE_FEEDBACK = (
    "RESPONSE", "SCORE", "MAXSCORE", "FEEDBACK", "FEEDBACK_CHOICE")
SHAPES = {"rect": "rect", "circle": "circle", "polygon": "poly"}  # ours -> QTI shape


@dataclass(frozen=True)
class MediaFile:
    """A file an item shows: ``href`` its path from the item file, ``mime`` its type,
    ``size`` (width, height) in pixels for a picture Pillow can read, else None."""
    href: str
    mime: str
    size: tuple[int, int] | None = None

    @property
    def kind(self) -> str:
        """"image", "audio" or "video" (from the MIME type)."""
        return self.mime.split("/", 1)[0]


def media_file(href: str, data: bytes) -> MediaFile:
    """The MediaFile for package path ``href`` holding ``data`` (type from the suffix)."""
    mime = mimetypes.guess_type(href)[0] or "application/octet-stream"
    size = None
    if mime.startswith("image/"):
        from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 (only hotspots need it)
        try:
            with Image.open(io.BytesIO(data)) as picture:
                size = picture.size
        except (UnidentifiedImageError, OSError, ValueError):
            size = None
    return MediaFile(href, mime, size)


def E(tag: str, attrs: Mapping[str, object] | None = None, *children: etree._Element,
      text: str | None = None) -> etree._Element:
    """A canonical element: attribute values made text, None values left out."""
    elem = etree.Element(tag, {k: xml_text(str(v)) for k, v in (attrs or {}).items()
                               if v is not None})
    if text is not None:
        elem.text = xml_text(text)
    elem.extend(children)
    return elem


def lines(elem: etree._Element, text: str) -> etree._Element:
    """``text`` into ``elem`` with each newline a <br/>."""
    parts = xml_text(text).split("\n")
    elem.text = parts[0]
    for part in parts[1:]:
        br = etree.SubElement(elem, "br")
        br.tail = part
    return elem


def value(text: str) -> etree._Element:
    """<value>text</value>."""
    return E("value", text=text)


def var(identifier: str) -> etree._Element:
    """<variable identifier=.../>: the value of a response or outcome variable."""
    return E("variable", {"identifier": identifier})


def base(base_type: str, value: str) -> etree._Element:
    """<baseValue baseType=...>value</baseValue>: a constant."""
    return E("baseValue", {"baseType": base_type}, text=value)


def set_outcome(identifier: str, expression: etree._Element) -> etree._Element:
    """<setOutcomeValue identifier=...>expression</setOutcomeValue>."""
    return E("setOutcomeValue", {"identifier": identifier}, expression)


def zero() -> etree._Element:
    """SCORE = 0."""
    return set_outcome(SCORE, base("float", "0"))


def full() -> etree._Element:
    """SCORE = MAXSCORE (the question's points)."""
    return set_outcome(SCORE, var(MAXSCORE))


def if_null_zero(otherwise: list[etree._Element]) -> etree._Element:
    """if RESPONSE is NULL: SCORE = 0, else ``otherwise``."""
    return E("responseCondition", None,
             E("responseIf", None, E("isNull", None, var(RESPONSE)), zero()),
             E("responseElse", None, *otherwise))


def mapped_score() -> etree._Element:
    """SCORE = the mapped value of the response (0 when there is none): QTI 2.1 §5.2
    map_response, written out so feedback rules can follow it."""
    return if_null_zero([set_outcome(SCORE, E("mapResponse", {"identifier": RESPONSE}))])


def matched_score() -> etree._Element:
    """SCORE = MAXSCORE when the response matches the correct response, else 0
    (all-or-nothing; QTI 2.1 §5.2 match_correct, in points)."""
    return E("responseCondition", None,
             E("responseIf", None,
               E("match", None, var(RESPONSE), E("correct", {"identifier": RESPONSE})),
               full()),
             E("responseElse", None, zero()))




def choice_weight(choice: Mapping) -> float:
    """A choice's weight in percent: its ``weight``, else 100 when correct, else 0."""
    weight = choice.get("weight")
    if weight is None:
        return 100 if choice.get("correct") else 0
    return weight


def pixel_coords(shape: str, coords: list[float], width: int, height: int,
                 unit: str = "") -> str:
    """Region coordinates (fractions of the picture, rect ``[x, y, w, h]``) as QTI ``coords``
    (QTI 2.1 §6.5.1 shape/coords, HTML 4 area): rect ``left,top,right,bottom``, circle
    ``x,y,r``, poly ``x1,y1,...`` in whole pixels of a ``width`` x ``height`` picture, or in
    whole percent when ``unit`` is ``%``."""
    if unit:
        width = height = 100

    def px(value: float, size: int) -> int:
        return round(value * size)

    if shape == "rect":
        x, y, w, h = coords
        left, top = px(x, width), px(y, height)
        values = [left, top, left + px(w, width), top + px(h, height)]
    elif shape == "circle":
        values = [px(coords[0], width), px(coords[1], height), px(coords[2], width)]
    else:
        values = [px(v, width if i % 2 == 0 else height) for i, v in enumerate(coords)]
    return ",".join(f"{v}{unit}" for v in values)


def item_title(question) -> str:
    """The item's title: the question's own, else its prompt's first line (80 characters at
    most), else its id."""
    own = (question.data.get("title") or "").strip()
    return xml_text(own or derived_title(question.prompt) or question.id)


def derived_title(prompt: str) -> str:
    """The title an untitled question gets: its prompt's first line, cut to 80 characters."""
    first = " ".join(prompt.strip().split("\n", 1)[0].split())
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def declaration(cardinality: str, base_type: str, correct: list[str],
                mapping: list[tuple[str, float]] | None = None, upper: float | None = None,
                case_sensitive: bool | None = None,
                interpretation: str | None = None) -> etree._Element:
    """The RESPONSE responseDeclaration (QTI 2.1 §5.1): ``correct`` values, and ``mapping``
    (key, points) entries with lowerBound 0, ``upper`` as upperBound, default 0."""
    decl = E("responseDeclaration", {"identifier": RESPONSE, "cardinality": cardinality,
                                     "baseType": base_type})
    if correct:
        decl.append(E("correctResponse", {"interpretation": interpretation},
                      *[value(v) for v in correct]))
    if mapping is not None:
        sensitive = "true" if case_sensitive else "false"
        decl.append(E("mapping", {"lowerBound": "0", "upperBound":
                                  None if upper is None else number(upper),
                                  "defaultValue": "0"},
                      *[E("mapEntry", {"mapKey": key, "mappedValue": number(worth),
                                       "caseSensitive": sensitive})
                        for key, worth in mapping]))
    return decl

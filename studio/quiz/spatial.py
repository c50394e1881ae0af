"""Checking the data of the question types that place things: hotspot regions on an image and
drag-and-drop items into categories (the validators of :mod:`studio.quiz.validators`' kind).

Hotspot coordinates are fractions (0..1) of the image's width and height, so a region keeps
its place at any rendering size: a ``rect`` is ``[x, y, w, h]`` from the top-left corner, a
``circle`` ``[cx, cy, r]`` with ``r`` a fraction of the width, a ``polygon``
``[x1, y1, x2, y2, ...]`` with at least 3 points.
"""

from __future__ import annotations

from studio.errors import InvalidEditError
from studio.quiz.validators import entries, finite, media_fields, text_field

SHAPES = ("rect", "circle", "polygon")
_EDGE_SLACK = 1e-9  # a region drawn to the image's edge may round just past 1


def _coords(region: dict) -> list[float | int]:
    what = f"Region {region['label']}"
    shape, coords = region.get("shape"), region.get("coords")
    if shape not in SHAPES:
        raise InvalidEditError(f"{what}: the shape is one of {', '.join(SHAPES)}, "
                               f"not {shape}.")
    if not isinstance(coords, list):
        raise InvalidEditError(f"{what}: coords is a list of numbers.")
    numbers = [finite(c, f"{what}: a coordinate") for c in coords]
    if any(not -_EDGE_SLACK <= n <= 1 + _EDGE_SLACK for n in numbers):
        raise InvalidEditError(f"{what}: coordinates are fractions of the image, 0 to 1.")
    if shape == "rect":
        if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
            raise InvalidEditError(f"{what}: a rectangle is [x, y, width, height] with a "
                                   "width and a height above 0.")
        if (numbers[0] + numbers[2] > 1 + _EDGE_SLACK
                or numbers[1] + numbers[3] > 1 + _EDGE_SLACK):
            raise InvalidEditError(f"{what}: the rectangle reaches past the image.")
    elif shape == "circle":
        if len(numbers) != 3 or numbers[2] <= 0:
            raise InvalidEditError(f"{what}: a circle is [x, y, radius] with a radius "
                                   "above 0.")
    elif len(numbers) < 6 or len(numbers) % 2:
        raise InvalidEditError(f"{what}: a polygon is [x1, y1, x2, y2, ...] with at least "
                               "3 points.")
    return numbers


def check_hotspot(data: dict, noun: str) -> dict:
    """``image``: the id of an image asset, or None while the author has not chosen one
    (such a question cannot be exported); ``imageAlt``: its text alternative, kept when set
    (only with an image); ``regions``: at least 1 of {id, label, shape, coords, correct:
    bool}, ids default to r1, r2..., at least one correct. Raises InvalidEditError naming
    the region at fault."""
    image = media_fields({"media": data.get("image"), "mediaAlt": data.get("imageAlt")},
                         "the hotspot question")
    regions = []
    for region in entries(data, "regions", "label", noun, 1, id_prefix="r"):
        unknown = set(region) - {"id", "label", "shape", "coords", "correct"}
        if unknown:
            raise InvalidEditError(f"A region has no field {', '.join(sorted(unknown))}.")
        correct = region.get("correct", False)
        if not isinstance(correct, bool):
            raise InvalidEditError(f"Region {region['label']}: correct must be true or "
                                   "false.")
        regions.append({"id": region["id"], "label": region["label"],
                        "shape": region.get("shape"), "coords": _coords(region),
                        "correct": correct})
    if not any(r["correct"] for r in regions):
        raise InvalidEditError(f"A {noun} question needs a correct region.")
    out = {"image": image.get("media"), "regions": regions}
    if "mediaAlt" in image:
        out["imageAlt"] = image["mediaAlt"]
    return out


def check_dragdrop(data: dict, noun: str) -> dict:
    """``categories``: at least 2 of {id, text}, ids default to k1, k2...; ``items``: at
    least 2 of {id, text, category (a category id), media, mediaAlt}, ids default to d1,
    d2... Raises InvalidEditError naming an item whose category is not one of them."""
    categories = [{"id": c["id"], "text": c["text"]}
                  for c in entries(data, "categories", "text", noun, 2, id_prefix="k")]
    known = {c["id"] for c in categories}
    items = []
    for item in entries(data, "items", "text", noun, 2, id_prefix="d"):
        unknown = set(item) - {"id", "text", "category", "media", "mediaAlt"}
        if unknown:
            raise InvalidEditError(f"An item has no field {', '.join(sorted(unknown))}.")
        if item.get("category") not in known:
            raise InvalidEditError(f"Item {item['text']} goes into no category of the "
                                   "question; choose one of its categories.")
        items.append({"id": item["id"], "text": item["text"], "category": item["category"],
                      **media_fields(item, f"item {item['id']}")})
    return {"categories": categories, "items": items}


ESSAY_MAX_LENGTH = 4000  # characters: SCORM 2004's long-fill-in keeps at least 4000 (RTE 4.2.9.2)


def check_essay(data: dict, noun: str) -> dict:
    """``modelAnswer``: text shown to the learner after submitting ("" for none);
    ``maxLength``: the most characters the learner may write, 1..:data:`ESSAY_MAX_LENGTH`."""
    length = data.get("maxLength")
    if (isinstance(length, bool) or not isinstance(length, int)
            or not 1 <= length <= ESSAY_MAX_LENGTH):
        raise InvalidEditError(f"The longest answer of an {noun} question is a whole number "
                               f"of characters from 1 to {ESSAY_MAX_LENGTH}.")
    return {"modelAnswer": text_field(data.get("modelAnswer"), "The model answer", False),
            "maxLength": length}


def check_description(data: dict, noun: str) -> dict:
    """A description has no answer data: its prompt is the text shown."""
    return {}

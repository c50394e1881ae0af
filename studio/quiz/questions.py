"""Question data per type: checked and normalised into the player data contract's shape.

Every question's ``data`` holds the fields of its type (``fields`` in
:mod:`studio.quiz.types`) plus ``feedback`` (``{"correct", "incorrect"}``, and
``"general"`` when set), ``media`` (an
asset id or None), ``mediaAlt`` (the text that stands for that picture, when set) and, when
it came from a question file, ``title`` and ``category``.
Anything else is refused, so a typo in a field name is an error rather than a silently
ignored setting. Choices and drag-and-drop items may carry their own ``media`` and
``mediaAlt``, a hotspot its ``image``: :func:`media_ids` lists every asset a question
names, :func:`missing_alt` where a picture lacks its text alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from studio.errors import InvalidEditError
from studio.quiz.types import question_type
from studio.quiz.validators import media_fields, text_field

COMMON_FIELDS = ("feedback", "media", "mediaAlt", "title", "category")
MAX_POINTS = 10000
BLANK = "_____"  # where a missing-word question's answer goes in its prompt


def _thawed(value: object) -> object:
    """A fresh, mutable copy: tuples become lists, mappings dicts."""
    if isinstance(value, tuple | list):
        return [_thawed(v) for v in value]
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    return value


def starter_data(qtype: str) -> dict:
    """What a new question of a type holds before the author edits it: a fresh dict the
    caller may change. Raises InvalidEditError for an unknown type."""
    return _thawed(dict(question_type(qtype).starter))


def normalise_feedback(value: object) -> dict:
    """``{"correct": text, "incorrect": text}`` stripped, plus ``"general"`` (shown to every
    learner after answering, right or wrong; GIFT's ``####`` feedback) when it is not
    empty; None gives two empty texts.

    Raises InvalidEditError for any other shape."""
    if value is None:
        return {"correct": "", "incorrect": ""}
    if not isinstance(value, dict) or set(value) - {"correct", "incorrect", "general"}:
        raise InvalidEditError("Feedback is {\"correct\": text, \"incorrect\": text, "
                               "\"general\": text}.")
    out = {key: text_field(value.get(key), f"The {key} feedback", False)
           for key in ("correct", "incorrect", "general")}
    if not out["general"]:
        del out["general"]
    return out


def normalise_question(qtype: str, prompt: object, points: object,
                       data: dict | None) -> tuple[str, float, dict]:
    """Check one question; returns (prompt, points, data) in the stored shape.

    ``points`` is a number from 0 to :data:`MAX_POINTS`; ``data`` None gives the type's
    starter answers (:func:`starter_data`); fields the type declares defaults for are filled
    in. Raises InvalidEditError, with a message for the author, for an unknown type, an
    empty prompt, points out of range, a field the type does not have or data its
    validator refuses, a ``scoring`` that is not one of the type's ``scoring_modes``, or a
    ``mediaAlt`` without ``media``."""
    kind = question_type(qtype)
    prompt = text_field(prompt, "A question's prompt")
    try:
        number = float(points)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidEditError("Points must be a number.") from None
    if not 0 <= number <= MAX_POINTS:
        raise InvalidEditError(f"Points must be between 0 and {MAX_POINTS}.")
    if data is None:
        data = starter_data(qtype)
    if not isinstance(data, dict):
        raise InvalidEditError("Question data must be an object.")
    unknown = set(data) - set(kind.fields) - set(COMMON_FIELDS)
    if unknown:
        raise InvalidEditError(f"A {kind.noun} question has no field "
                               f"{', '.join(sorted(unknown))}.")
    filled = {**kind.defaults, **data}
    if kind.scoring_modes and filled.get("scoring") not in kind.scoring_modes:
        raise InvalidEditError(f"A {kind.noun} question is scored "
                               f"{' or '.join(kind.scoring_modes)}, not {filled['scoring']}.")
    out = kind.validate(filled, kind.noun)
    if kind.scoring_modes:
        out["scoring"] = filled["scoring"]
    out["feedback"] = normalise_feedback(data.get("feedback"))
    media = media_fields(data, "the question")
    out["media"] = media.get("media")
    if "mediaAlt" in media:
        out["mediaAlt"] = media["mediaAlt"]
    for key in ("title", "category"):
        if data.get(key):
            out[key] = text_field(data[key], f"The question's {key}")
    return prompt, number, out


def _media_places(data: Mapping) -> list[tuple[str, object, object]]:
    """(where, asset id, alt text) of every medium ``data`` names, in order: the prompt's,
    each choice's and item's, the hotspot image."""
    places = [("prompt", data.get("media"), data.get("mediaAlt"))]
    for key, noun in (("choices", "choice"), ("items", "item")):
        for entry in data.get(key) or []:
            if isinstance(entry, Mapping):
                places.append((f"{noun} {entry.get('id')}", entry.get("media"),
                               entry.get("mediaAlt")))
    places.append(("hotspot image", data.get("image"), data.get("imageAlt")))
    return places


def media_ids(data: Mapping) -> list[str]:
    """Every asset id a question's ``data`` (stored shape) references, in order, each once:
    the prompt's ``media``, each choice's and dragdrop item's ``media``, a hotspot's
    ``image``."""
    found = [asset for _where, asset, _alt in _media_places(data)
             if isinstance(asset, str) and asset]
    return list(dict.fromkeys(found))


def missing_alt(data: Mapping, asset_kind_of: Callable[[str], str | None]) -> list[str]:
    """Where a question shows a picture without alternative text: "prompt", "choice b",
    "item d2", "hotspot image", in order. ``asset_kind_of(asset id)`` gives the asset's
    kind ("image", "audio", "video"; None when unknown); only images need alt text here
    (WCAG 2.1 SC 1.1.1)."""
    return [where for where, asset, alt in _media_places(data)
            if isinstance(asset, str) and asset and asset_kind_of(asset) == "image"
            and not (isinstance(alt, str) and alt.strip())]

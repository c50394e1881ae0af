"""Question data per type: checked and normalised into the player data contract's shape.

Every question's ``data`` holds the fields of its type (see ``FIELDS``) plus ``feedback``
(``{"correct", "incorrect"}``), ``media`` (an asset id or None) and, when it came from a
question file, ``title`` and ``category``. Anything else is refused, so a typo in a field
name is an error rather than a silently ignored setting.
"""

from __future__ import annotations

import math
import string

from studio.errors import InvalidEditError

QUESTION_TYPES = (
    "choice", "multiple", "truefalse", "fill", "numeric", "matching", "sequencing", "likert"
)
TYPE_NAMES = {
    "choice": "single choice", "multiple": "multiple response", "truefalse": "true/false",
    "fill": "fill-in-the-blank", "numeric": "numeric", "matching": "matching",
    "sequencing": "sequencing", "likert": "likert",
}
FIELDS = {
    "choice": ("choices",),
    "multiple": ("choices",),
    "truefalse": ("answer",),
    "fill": ("answers", "caseSensitive", "normaliseSpace"),
    "numeric": ("value", "tolerance", "min", "max"),
    "matching": ("pairs",),
    "sequencing": ("items",),
    "likert": ("scale",),
}
# What a fill-in-the-blank question does when its data leaves a flag out.
FLAG_DEFAULTS = {"caseSensitive": False, "normaliseSpace": True}
COMMON_FIELDS = ("feedback", "media", "title", "category")
MAX_POINTS = 10000
BLANK = "_____"  # where a missing-word question's answer goes in its prompt


def _text(value: object, what: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidEditError(f"{what} must be text.")
    if required and not value.strip():
        raise InvalidEditError(f"{what} cannot be empty.")
    return value.strip()


def _flag(data: dict, key: str, default: bool, what: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise InvalidEditError(f"{what} must be true or false.")
    return value


def _finite(value: object, what: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidEditError(f"{what} must be a number.")
    return value


def _ids(count: int) -> list[str]:
    letters = string.ascii_lowercase
    return [letters[i] if i < 26 else f"o{i + 1}" for i in range(count)]


def _entries(data: dict, key: str, text_key: str, what: str, minimum: int,
             id_prefix: str = "") -> list[dict]:
    """A list of {id, <text_key>, ...}: ids kept when given, else a, b, c... (or prefix+n)."""
    raw = data.get(key)
    if not isinstance(raw, list) or len(raw) < minimum:
        raise InvalidEditError(f"A {what} question needs at least {minimum} {key}.")
    fallback = ([f"{id_prefix}{i + 1}" for i in range(len(raw))] if id_prefix
                else _ids(len(raw)))
    out, seen = [], set()
    for position, entry in enumerate(raw, start=1):
        if isinstance(entry, str):
            entry = {text_key: entry}
        if not isinstance(entry, dict):
            raise InvalidEditError(f"Entry {position} of {key} must be an object.")
        entry_id = entry.get("id", fallback[position - 1])
        if not isinstance(entry_id, str) or not entry_id.strip():
            raise InvalidEditError(f"Entry {position} of {key} needs a text id.")
        if entry_id in seen:
            raise InvalidEditError(f"Two {key} share the id {entry_id}.")
        seen.add(entry_id)
        out.append({**entry, "id": entry_id,
                    text_key: _text(entry.get(text_key), f"Entry {position} of {key}")})
    return out


def _choices(data: dict, qtype: str) -> dict:
    choices = []
    for choice in _entries(data, "choices", "text", TYPE_NAMES[qtype], 2):
        unknown = set(choice) - {"id", "text", "correct", "feedback"}
        if unknown:
            raise InvalidEditError(f"A choice has no field {', '.join(sorted(unknown))}.")
        correct = choice.get("correct", False)
        if not isinstance(correct, bool):
            raise InvalidEditError(f"Choice {choice['id']}: correct must be true or false.")
        choices.append({"id": choice["id"], "text": choice["text"], "correct": correct,
                        "feedback": _text(choice.get("feedback"), "Choice feedback", False)})
    if not any(c["correct"] for c in choices):
        raise InvalidEditError(f"A {TYPE_NAMES[qtype]} question needs a correct choice.")
    return {"choices": choices}


def _fill(data: dict) -> dict:
    answers = data.get("answers")
    if isinstance(answers, str):
        answers = [answers]
    if not isinstance(answers, list) or not answers:
        raise InvalidEditError("A fill-in-the-blank question needs at least one answer.")
    cleaned = [_text(a, "An accepted answer") for a in answers]
    return {"answers": list(dict.fromkeys(cleaned)),
            "caseSensitive": _flag(data, "caseSensitive", FLAG_DEFAULTS["caseSensitive"],
                                   "Case sensitive"),
            "normaliseSpace": _flag(data, "normaliseSpace", FLAG_DEFAULTS["normaliseSpace"],
                                    "Normalise spaces")}


def _numeric(data: dict) -> dict:
    if data.get("value") is not None:
        if data.get("min") is not None or data.get("max") is not None:
            raise InvalidEditError("A numeric answer is a value (with a tolerance) or a range "
                                   "from min to max, not both.")
        value = _finite(data["value"], "The numeric answer")
        tolerance = _finite(data.get("tolerance", 0) or 0, "The tolerance")
        if tolerance < 0:
            raise InvalidEditError("The tolerance cannot be negative.")
        return {"value": value, "tolerance": tolerance}
    if data.get("min") is None or data.get("max") is None:
        raise InvalidEditError("A numeric question needs a value, or a min and a max.")
    low, high = _finite(data["min"], "The minimum"), _finite(data["max"], "The maximum")
    if low > high:
        raise InvalidEditError(f"The range minimum ({low:g}) is above its maximum ({high:g}).")
    return {"min": low, "max": high}


def _pairs(data: dict) -> dict:
    pairs = []
    for pair in _entries(data, "pairs", "left", "matching", 2, id_prefix="p"):
        pairs.append({"id": pair["id"], "left": pair["left"],
                      "right": _text(pair.get("right"), f"The match for {pair['left']}")})
    return {"pairs": pairs}


def _listed(data: dict, key: str, qtype: str, prefix: str) -> dict:
    entries = _entries(data, key, "text", TYPE_NAMES[qtype], 2, id_prefix=prefix)
    return {key: [{"id": e["id"], "text": e["text"]} for e in entries]}


def _type_fields(qtype: str, data: dict) -> dict:
    if qtype in ("choice", "multiple"):
        return _choices(data, qtype)
    if qtype == "truefalse":
        if not isinstance(data.get("answer"), bool):
            raise InvalidEditError("A true/false question needs an answer: true or false.")
        return {"answer": data["answer"]}
    if qtype == "fill":
        return _fill(data)
    if qtype == "numeric":
        return _numeric(data)
    if qtype == "matching":
        return _pairs(data)
    if qtype == "sequencing":
        return _listed(data, "items", qtype, "s")
    return _listed(data, "scale", qtype, "")


def starter_data(qtype: str) -> dict:
    """What a new question of a type holds before the author edits it."""
    two = [{"id": "a", "text": "Option A", "correct": True},
           {"id": "b", "text": "Option B", "correct": False}]
    return {
        "choice": {"choices": two}, "multiple": {"choices": two},
        "truefalse": {"answer": True}, "fill": {"answers": ["answer"]},
        "numeric": {"value": 0, "tolerance": 0},
        "matching": {"pairs": [{"left": "Left 1", "right": "Right 1"},
                               {"left": "Left 2", "right": "Right 2"}]},
        "sequencing": {"items": ["First", "Second", "Third"]},
        "likert": {"scale": ["Strongly disagree", "Disagree", "Neutral", "Agree",
                             "Strongly agree"]},
    }[qtype]


def normalise_feedback(value: object) -> dict:
    if value is None:
        return {"correct": "", "incorrect": ""}
    if not isinstance(value, dict) or set(value) - {"correct", "incorrect"}:
        raise InvalidEditError("Feedback is {\"correct\": text, \"incorrect\": text}.")
    return {key: _text(value.get(key), f"The {key} feedback", False)
            for key in ("correct", "incorrect")}


def normalise_question(qtype: str, prompt: object, points: object,
                       data: dict | None) -> tuple[str, float, dict]:
    """Check one question; returns (prompt, points, data) in the stored shape.

    ``data`` None gives the type's starter answers (:func:`starter_data`)."""
    if qtype not in QUESTION_TYPES:
        raise InvalidEditError(
            f"Unknown question type {qtype}; use one of {', '.join(QUESTION_TYPES)}.")
    prompt = _text(prompt, "A question's prompt")
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
    unknown = set(data) - set(FIELDS[qtype]) - set(COMMON_FIELDS)
    if unknown:
        raise InvalidEditError(f"A {TYPE_NAMES[qtype]} question has no field "
                               f"{', '.join(sorted(unknown))}.")
    out = _type_fields(qtype, data)
    out["feedback"] = normalise_feedback(data.get("feedback"))
    media = data.get("media")
    if media is not None and (not isinstance(media, str) or not media.strip()):
        raise InvalidEditError("A question's media is the id of an asset.")
    out["media"] = media
    for key in ("title", "category"):
        if data.get(key):
            out[key] = _text(data[key], f"The question's {key}")
    return prompt, number, out

"""Checking the answer data of one question type: one validator per type.

A validator takes the question's ``data`` (the type's fields, with the type's defaults already
filled in by :func:`studio.quiz.questions.normalise_question`) and the type's noun for messages
("single choice"), and returns the type's fields in the stored shape: entries get ids (kept
when given), text is stripped. It raises :class:`~studio.errors.InvalidEditError` with a
message for the author when the data cannot be asked or scored.
"""

from __future__ import annotations

import math
import string

from studio.errors import InvalidEditError


def text_field(value: object, what: str, required: bool = True) -> str:
    """``value`` stripped; None is "" when not required.

    Raises InvalidEditError naming ``what`` when it is not text, or empty when required."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidEditError(f"{what} must be text.")
    if required and not value.strip():
        raise InvalidEditError(f"{what} cannot be empty.")
    return value.strip()


def _flag(data: dict, key: str, what: str) -> bool:
    value = data.get(key)
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
                    text_key: text_field(entry.get(text_key), f"Entry {position} of {key}")})
    return out


def check_choices(data: dict, noun: str) -> dict:
    """``choices``: at least 2 of {id, text, correct: bool, feedback}, at least one correct;
    a plain string is a wrong choice with that text; ids default to a, b, c..."""
    choices = []
    for choice in _entries(data, "choices", "text", noun, 2):
        unknown = set(choice) - {"id", "text", "correct", "feedback"}
        if unknown:
            raise InvalidEditError(f"A choice has no field {', '.join(sorted(unknown))}.")
        correct = choice.get("correct", False)
        if not isinstance(correct, bool):
            raise InvalidEditError(f"Choice {choice['id']}: correct must be true or false.")
        choices.append({"id": choice["id"], "text": choice["text"], "correct": correct,
                        "feedback": text_field(choice.get("feedback"), "Choice feedback",
                                               False)})
    if not any(c["correct"] for c in choices):
        raise InvalidEditError(f"A {noun} question needs a correct choice.")
    return {"choices": choices}


def check_truefalse(data: dict, noun: str) -> dict:
    """``answer``: true or false."""
    if not isinstance(data.get("answer"), bool):
        raise InvalidEditError(f"A {noun} question needs an answer: true or false.")
    return {"answer": data["answer"]}


def check_fill(data: dict, noun: str) -> dict:
    """``answers``: one or more accepted texts (a single string is one), duplicates dropped;
    ``caseSensitive`` and ``normaliseSpace``: bools."""
    answers = data.get("answers")
    if isinstance(answers, str):
        answers = [answers]
    if not isinstance(answers, list) or not answers:
        raise InvalidEditError(f"A {noun} question needs at least one answer.")
    cleaned = [text_field(a, "An accepted answer") for a in answers]
    return {"answers": list(dict.fromkeys(cleaned)),
            "caseSensitive": _flag(data, "caseSensitive", "Case sensitive"),
            "normaliseSpace": _flag(data, "normaliseSpace", "Normalise spaces")}


def check_numeric(data: dict, noun: str) -> dict:
    """Either ``value`` and ``tolerance`` (>= 0, default 0) or ``min`` <= ``max``;
    finite numbers in the question's own unit."""
    if data.get("value") is not None:
        if data.get("min") is not None or data.get("max") is not None:
            raise InvalidEditError(f"A {noun} answer is a value (with a tolerance) or a range "
                                   "from min to max, not both.")
        value = _finite(data["value"], f"The {noun} answer")
        tolerance = _finite(data.get("tolerance", 0) or 0, "The tolerance")
        if tolerance < 0:
            raise InvalidEditError("The tolerance cannot be negative.")
        return {"value": value, "tolerance": tolerance}
    if data.get("min") is None or data.get("max") is None:
        raise InvalidEditError(f"A {noun} question needs a value, or a min and a max.")
    low, high = _finite(data["min"], "The minimum"), _finite(data["max"], "The maximum")
    if low > high:
        raise InvalidEditError(f"The range minimum ({low:g}) is above its maximum ({high:g}).")
    return {"min": low, "max": high}


def check_pairs(data: dict, noun: str) -> dict:
    """``pairs``: at least 2 of {id, left, right}; ids default to p1, p2..."""
    pairs = []
    for pair in _entries(data, "pairs", "left", noun, 2, id_prefix="p"):
        pairs.append({"id": pair["id"], "left": pair["left"],
                      "right": text_field(pair.get("right"), f"The match for {pair['left']}")})
    return {"pairs": pairs}


def _listed(data: dict, key: str, noun: str, prefix: str) -> dict:
    entries = _entries(data, key, "text", noun, 2, id_prefix=prefix)
    return {key: [{"id": e["id"], "text": e["text"]} for e in entries]}


def check_sequence(data: dict, noun: str) -> dict:
    """``items``: at least 2 of {id, text} in their correct order; ids default to s1, s2..."""
    return _listed(data, "items", noun, "s")


def check_scale(data: dict, noun: str) -> dict:
    """``scale``: at least 2 points {id, text}, lowest first; ids default to a, b, c..."""
    return _listed(data, "scale", noun, "")

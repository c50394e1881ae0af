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


def finite(value: object, what: str) -> float | int:
    """``value`` when it is a finite int or float (not a bool); else InvalidEditError
    "``what`` must be a number"."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidEditError(f"{what} must be a number.")
    return value


def _ids(count: int) -> list[str]:
    letters = string.ascii_lowercase
    return [letters[i] if i < 26 else f"o{i + 1}" for i in range(count)]


def entries(data: dict, key: str, text_key: str, what: str, minimum: int,
             id_prefix: str = "") -> list[dict]:
    """``data[key]`` as a list of at least ``minimum`` {id, <text_key>, ...} (a plain string
    is the text): ids kept when given, else a, b, c... (or ``id_prefix`` + 1, 2...), text
    stripped. Raises InvalidEditError for too few entries, a missing or repeated id or an
    empty text; ``what`` is the type's noun."""
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


def media_fields(entry: dict, owner: str) -> dict:
    """The optional ``media`` (an asset id) and ``mediaAlt`` (its text alternative) of a
    question or of one of its entries, as stored: {} when neither is set. ``owner`` names
    it in messages ("the question", "choice b").

    Raises InvalidEditError for a media that is not an asset id, or an alternative text
    without media."""
    media = entry.get("media")
    if media is not None and (not isinstance(media, str) or not media.strip()):
        raise InvalidEditError(f"The media of {owner} is the id of an asset.")
    alt = text_field(entry.get("mediaAlt"), f"The alternative text of {owner}", False)
    if alt and media is None:
        raise InvalidEditError(f"Alternative text describes the picture of {owner}; choose "
                               "a picture first.")
    return {**({"media": media} if media is not None else {}),
            **({"mediaAlt": alt} if alt else {})}


def weight_field(value: object, what: str, low: float = -100, high: float = 100) -> float | int:
    """A credit weight in percent of the question's points, ``low`` to ``high``.

    Raises InvalidEditError naming ``what`` when it is not a number in that range."""
    number = finite(value, f"The weight of {what}")
    if not low <= number <= high:
        raise InvalidEditError(f"The weight of {what} must be from {low:g} to {high:g} %.")
    return number


WEIGHT_SUM_SLACK = 0.01  # percent: Moodle's fractions (0.33333 x 3) sum to 99.999


def _choice_entries(data: dict, noun: str) -> list[dict]:
    choices = []
    for choice in entries(data, "choices", "text", noun, 2):
        unknown = set(choice) - {"id", "text", "correct", "feedback", "weight", "media",
                                 "mediaAlt"}
        if unknown:
            raise InvalidEditError(f"A choice has no field {', '.join(sorted(unknown))}.")
        correct = choice.get("correct", False)
        if not isinstance(correct, bool):
            raise InvalidEditError(f"Choice {choice['id']}: correct must be true or false.")
        out = {"id": choice["id"], "text": choice["text"], "correct": correct,
               "feedback": text_field(choice.get("feedback"), "Choice feedback", False),
               **media_fields(choice, f"choice {choice['id']}")}
        if choice.get("weight") is not None:
            out["weight"] = weight_field(choice["weight"], f"choice {choice['id']}")
        choices.append(out)
    return choices


def check_choices(data: dict, noun: str) -> dict:
    """Single choice ``choices``: at least 2 of {id, text, correct: bool, feedback, weight,
    media, mediaAlt}; a plain string is a wrong choice with that text; ids default to a, b,
    c... ``weight`` (percent, -100..100; GIFT ``%50%``) is the credit of picking it: when
    given it decides ``correct`` (weight 100), and it is dropped when it equals its default
    (100 when correct, else 0). At least one choice is correct."""
    choices = _choice_entries(data, noun)
    for choice in choices:
        if "weight" in choice:
            choice["correct"] = choice["weight"] == 100
            if choice["weight"] in (0, 100):
                del choice["weight"]
    if not any(c["correct"] for c in choices):
        raise InvalidEditError(f"A {noun} question needs a correct choice (weight 100 %).")
    return {"choices": choices}


def check_multiple(data: dict, noun: str) -> dict:
    """Multiple response ``choices`` as :func:`check_choices`, and ``scoring``.

    ``"weighted"``: every choice carries its ``weight`` (percent, -100..100; missing: the
    correct choices share 100, the others 0), ``correct`` is weight > 0 and the positive
    weights sum to 100 (within :data:`WEIGHT_SUM_SLACK`). Other modes keep no weights: a
    given weight only decides ``correct`` (weight > 0). Raises InvalidEditError when no
    choice is correct or the weights do not sum to 100."""
    choices = _choice_entries(data, noun)
    weighted = data.get("scoring") == "weighted"
    right = [c for c in choices if c.get("weight", 100 if c["correct"] else 0) > 0]
    for choice in choices:
        if weighted and "weight" not in choice:
            choice["weight"] = 100 / len(right) if choice in right and right else 0
        choice["correct"] = choice in right
        if not weighted:
            choice.pop("weight", None)
    if not right:
        raise InvalidEditError(f"A {noun} question needs a correct choice.")
    if weighted:
        total = sum(c["weight"] for c in choices if c["weight"] > 0)
        if abs(total - 100) > WEIGHT_SUM_SLACK:
            raise InvalidEditError(f"The positive weights of a weighted {noun} question must "
                                   f"sum to 100 %, not {total:g} %.")
    return {"choices": choices}


def check_truefalse(data: dict, noun: str) -> dict:
    """``answer``: true or false."""
    if not isinstance(data.get("answer"), bool):
        raise InvalidEditError(f"A {noun} question needs an answer: true or false.")
    return {"answer": data["answer"]}


def _partial(data: dict, what: str, read) -> list[dict]:
    """The optional ``partial`` answers: each ``read(entry, position)`` plus its ``weight``
    (percent, 1..99); a field neither gives is refused."""
    raw = data.get("partial") or []
    if not isinstance(raw, list):
        raise InvalidEditError(f"The partly right answers of a {what} question are a list.")
    out = []
    for position, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise InvalidEditError(f"Partly right answer {position} must be an object.")
        kept = {**read(entry, position),
                "weight": weight_field(entry.get("weight"), f"partly right answer {position}",
                                       1, 99)}
        unknown = set(entry) - set(kept)
        if unknown:
            raise InvalidEditError(f"A partly right answer has no field "
                                   f"{', '.join(sorted(unknown))}.")
        out.append(kept)
    return out


def check_fill(data: dict, noun: str) -> dict:
    """``answers``: one or more accepted texts (a single string is one), duplicates dropped;
    ``caseSensitive`` and ``normaliseSpace``: bools; optional ``partial``: answers worth
    part of the points, [{text, weight (percent, 1..99)}] (GIFT ``=%50%answer``), kept
    only when not empty."""
    answers = data.get("answers")
    if isinstance(answers, str):
        answers = [answers]
    if not isinstance(answers, list) or not answers:
        raise InvalidEditError(f"A {noun} question needs at least one answer.")
    cleaned = [text_field(a, "An accepted answer") for a in answers]
    out = {"answers": list(dict.fromkeys(cleaned)),
           "caseSensitive": _flag(data, "caseSensitive", "Case sensitive"),
           "normaliseSpace": _flag(data, "normaliseSpace", "Normalise spaces")}
    partial = _partial(data, noun, lambda entry, position: {
        "text": text_field(entry.get("text"), f"Partly right answer {position}")})
    if partial:
        out["partial"] = partial
    return out


def check_numeric(data: dict, noun: str) -> dict:
    """Either ``value`` and ``tolerance`` (>= 0, default 0) or ``min`` <= ``max``;
    finite numbers in the question's own unit. Optional ``partial``: answers worth part of
    the points, [{value, tolerance (>= 0), weight (percent, 1..99)}], kept only when not
    empty."""
    partial = _partial(data, noun, _numeric_partial)
    extra = {"partial": partial} if partial else {}
    if data.get("value") is not None:
        if data.get("min") is not None or data.get("max") is not None:
            raise InvalidEditError(f"A {noun} answer is a value (with a tolerance) or a range "
                                   "from min to max, not both.")
        value = finite(data["value"], f"The {noun} answer")
        tolerance = finite(data.get("tolerance", 0) or 0, "The tolerance")
        if tolerance < 0:
            raise InvalidEditError("The tolerance cannot be negative.")
        return {"value": value, "tolerance": tolerance, **extra}
    if data.get("min") is None or data.get("max") is None:
        raise InvalidEditError(f"A {noun} question needs a value, or a min and a max.")
    low, high = finite(data["min"], "The minimum"), finite(data["max"], "The maximum")
    if low > high:
        raise InvalidEditError(f"The range minimum ({low:g}) is above its maximum ({high:g}).")
    return {"min": low, "max": high, **extra}


def _numeric_partial(entry: dict, position: int) -> dict:
    value = finite(entry.get("value"), f"Partly right answer {position}")
    tolerance = finite(entry.get("tolerance", 0) or 0, f"The tolerance of partly right "
                                                         f"answer {position}")
    if tolerance < 0:
        raise InvalidEditError(f"The tolerance of partly right answer {position} cannot be "
                               "negative.")
    return {"value": value, "tolerance": tolerance}


def check_pairs(data: dict, noun: str) -> dict:
    """``pairs``: at least 2 of {id, left, right}; ids default to p1, p2..."""
    pairs = []
    for pair in entries(data, "pairs", "left", noun, 2, id_prefix="p"):
        pairs.append({"id": pair["id"], "left": pair["left"],
                      "right": text_field(pair.get("right"), f"The match for {pair['left']}")})
    return {"pairs": pairs}


def _listed(data: dict, key: str, noun: str, prefix: str) -> dict:
    listed = entries(data, key, "text", noun, 2, id_prefix=prefix)
    return {key: [{"id": e["id"], "text": e["text"]} for e in listed]}


def check_sequence(data: dict, noun: str) -> dict:
    """``items``: at least 2 of {id, text} in their correct order; ids default to s1, s2..."""
    return _listed(data, "items", noun, "s")


def check_scale(data: dict, noun: str) -> dict:
    """``scale``: at least 2 points {id, text}, lowest first; ids default to a, b, c..."""
    return _listed(data, "scale", noun, "")

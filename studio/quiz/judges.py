"""How much of a question a response earns: one credit function per scored question type.

A credit function takes a question in the player data contract's shape and a response in the
player's neutral shape (see :mod:`studio.quiz.scoring`) and returns the credit, a float from
0 to 1 (1: fully right; between: partly right); a response of any other shape earns 0, never
an error. ``player/scoring.js`` computes the same credits in the same order of operations
(so both agree to the last bit), which the shared cases in the tests hold both to.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

# The same explicit class as scoring.js (not \s), so both scorers agree on every character.
_SPACE_RUN = re.compile(
    "[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
NUMERIC_EPSILON = 1e-9  # slack on numeric bounds, so 0.1 + 0.2 meets 0.3
# A typed number as questions.js's parseNumber accepts it.
_TYPED_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def is_number(value: object) -> bool:
    """True for a finite int or float (bools are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def read_number(text: str) -> float | None:
    """A number as a learner types it, read as the player's ``parseNumber`` reads it:
    surrounding spaces ignored, a decimal comma accepted when there is no point, exponents
    allowed; None when the text is not a number."""
    cleaned = text.strip()
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".", 1)
    return float(cleaned) if _TYPED_NUMBER.fullmatch(cleaned) else None


def normalise_text(text: object, question: Mapping) -> str:
    """A fill-in answer as compared: NFC, spaces collapsed unless the question's
    ``normaliseSpace`` is False, lower case unless its ``caseSensitive`` is true."""
    out = unicodedata.normalize("NFC", "" if text is None else str(text))
    if question.get("normaliseSpace") is not False:
        out = _SPACE_RUN.sub(" ", out).strip(" \ufeff")
    if not question.get("caseSensitive"):
        out = out.lower()
    return out


WEIGHT_SLACK = 0.01  # percent: weights that sum to 99.99 or more give full credit


def _ids(value: object) -> list[str] | None:
    """A response that is a list of ids, duplicates dropped (first kept); None otherwise."""
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        return None
    return list(dict.fromkeys(value))


def _clamp(credit: float) -> float:
    return min(1.0, max(0.0, credit))


def _share(right: int, wrong: int, wanted: int) -> float:
    """Right picks +1/wanted, wrong picks -1/wanted, floored at 0, capped at 1."""
    return _clamp((right - wrong) / wanted) if wanted else 0.0


def choice_weight(choice: Mapping) -> float:
    """A choice's weight in percent: its ``weight``, else 100 when correct, else 0."""
    weight = choice.get("weight")
    if is_number(weight):
        return weight
    return 100 if choice.get("correct") is True else 0


def credit_choice(q: Mapping, r: object) -> float:
    """Single choice: the picked choice's weight / 100, floored at 0 (a negative weight
    takes nothing from other questions)."""
    for choice in q.get("choices") or []:
        if isinstance(r, str) and choice.get("id") == r:
            return max(0, choice_weight(choice)) / 100
    return 0.0


def _picks(q: Mapping, options: str, r: object) -> tuple[int, int, int] | None:
    """(right picks, wrong picks, right options) of a list-of-ids response; None when the
    response is not one. An id that names no option is a wrong pick."""
    given = _ids(r)
    if given is None:
        return None
    wanted = {o.get("id") for o in q.get(options) or [] if o.get("correct") is True}
    right = sum(1 for x in given if x in wanted)
    return right, len(given) - right, len(wanted)


def credit_multiple(q: Mapping, r: object) -> float:
    """Multiple response by its ``scoring``: "all-or-nothing" (default) 1 for exactly the
    correct choices; "partial" each right pick +1/R and each wrong pick -1/R (R: correct
    choices), in [0, 1]; "weighted" the picked choices' weights / 100 in authored order,
    in [0, 1] (1 when they reach 100 - :data:`WEIGHT_SLACK`)."""
    picks = _picks(q, "choices", r)
    if picks is None:
        return 0.0
    right, wrong, wanted = picks
    scoring = q.get("scoring")
    if scoring == "partial":
        return _share(right, wrong, wanted)
    if scoring == "weighted":
        given, total = set(r), 0  # type: ignore[arg-type]
        for choice in q.get("choices") or []:
            if choice.get("id") in given:
                total += choice_weight(choice)
        return 1.0 if total >= 100 - WEIGHT_SLACK else _clamp(total / 100)
    return 1.0 if right == wanted and not wrong else 0.0


def credit_truefalse(q: Mapping, r: object) -> float:
    """True/false: 1 when ``r`` is the bool of the question's ``answer``."""
    return 1.0 if isinstance(r, bool) and r == (q.get("answer") is True) else 0.0


def _best_partial(q: Mapping, matches) -> float:
    best = 0
    for entry in q.get("partial") or []:
        if is_number(entry.get("weight")) and matches(entry) and entry["weight"] > best:
            best = entry["weight"]
    return _clamp(best / 100)


def credit_fill(q: Mapping, r: object) -> float:
    """Fill-in: 1 when ``r`` equals an accepted answer after :func:`normalise_text`, else
    the best weight / 100 of the ``partial`` answers it equals, else 0."""
    if not isinstance(r, str):
        return 0.0
    given = normalise_text(r, q)
    if any(normalise_text(a, q) == given for a in q.get("answers") or []):
        return 1.0
    return _best_partial(q, lambda entry: normalise_text(entry.get("text"), q) == given)


def _near(value: object, tolerance: object, r: float) -> bool:
    slack = abs(tolerance) if is_number(tolerance) else 0
    return is_number(value) and abs(r - value) <= slack + NUMERIC_EPSILON


def credit_numeric(q: Mapping, r: object) -> float:
    """Numeric: 1 when ``r`` is within ``value`` ± ``tolerance``, or within ``min``..``max``
    (a missing bound is open), each with :data:`NUMERIC_EPSILON` of slack; else the best
    weight / 100 of the ``partial`` answers whose value ± tolerance holds it; else 0."""
    if not is_number(r):
        return 0.0
    if is_number(q.get("value")):
        if _near(q["value"], q.get("tolerance"), r):
            return 1.0
    else:
        above = not is_number(q.get("min")) or r >= q["min"] - NUMERIC_EPSILON
        below = not is_number(q.get("max")) or r <= q["max"] + NUMERIC_EPSILON
        if above and below:
            return 1.0
    return _best_partial(q, lambda entry: _near(entry.get("value"), entry.get("tolerance"), r))


def _per_item(q: Mapping, right: int, count: int) -> float:
    if q.get("scoring") == "per-item":
        return right / count if count else 0.0
    return 1.0 if right == count else 0.0


def credit_matching(q: Mapping, r: object) -> float:
    """Matching: ``r`` maps pair ids to chosen pair ids; a pair is matched right when the
    chosen pair's right side is the same text. "all-or-nothing" (default): 1 when every
    pair is; "per-item": pairs matched right / pairs."""
    if not isinstance(r, dict):
        return 0.0
    pairs = q.get("pairs") or []
    right_of = {p.get("id"): p.get("right") for p in pairs}
    right = sum(1 for p in pairs if isinstance(r.get(p.get("id")), str)
                and r[p["id"]] in right_of and right_of[r[p["id"]]] == p.get("right"))
    return _per_item(q, right, len(pairs))


def credit_sequencing(q: Mapping, r: object) -> float:
    """Sequencing: ``r`` lists item ids. "all-or-nothing" (default): 1 when it is exactly
    the authored order; "per-item": positions holding their authored item / items."""
    items = q.get("items") or []
    if not isinstance(r, list):
        return 0.0
    right = sum(1 for given, item in zip(r, items, strict=False)
                if isinstance(given, str) and given == item.get("id"))
    if q.get("scoring") != "per-item" and len(r) != len(items):
        return 0.0
    return _per_item(q, right, len(items))


def credit_hotspot(q: Mapping, r: object) -> float:
    """Hotspot: ``r`` lists the picked region ids. "all-or-nothing" (default): 1 when they
    are exactly the correct regions; "partial": as :func:`credit_multiple`'s "partial"."""
    picks = _picks(q, "regions", r)
    if picks is None:
        return 0.0
    right, wrong, wanted = picks
    if q.get("scoring") == "partial":
        return _share(right, wrong, wanted)
    return 1.0 if right == wanted and not wrong else 0.0


def credit_dragdrop(q: Mapping, r: object) -> float:
    """Drag and drop: ``r`` maps item ids to category ids. "all-or-nothing" (default): 1
    when every item is in its category; "per-item": items placed right / items."""
    if not isinstance(r, dict):
        return 0.0
    items = q.get("items") or []
    right = sum(1 for item in items if r.get(item.get("id")) == item.get("category"))
    return _per_item(q, right, len(items))

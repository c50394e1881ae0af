"""Whether a response answers a question fully: one judge per scored question type.

A judge takes a question in the player data contract's shape and a response in the player's
neutral shape (see :mod:`studio.quiz.scoring`) and returns True only for a fully correct
response; any other shape is wrong, never an error. ``player/scoring.js`` judges the same way,
which the shared cases in the tests hold both to.
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


def _correct_ids(question: Mapping) -> list[str]:
    return [c.get("id") for c in question.get("choices") or [] if c.get("correct") is True]


def judge_choice(q: Mapping, r: object) -> bool:
    """Single choice: ``r`` is the id of a correct choice."""
    return isinstance(r, str) and r in _correct_ids(q)


def judge_multiple(q: Mapping, r: object) -> bool:
    """Multiple response: ``r`` lists exactly the correct choice ids, in any order."""
    if not isinstance(r, list) or not all(isinstance(x, str) for x in r):
        return False
    wanted = _correct_ids(q)
    return len(wanted) == len(set(r)) and sorted(wanted) == sorted(set(r))


def judge_truefalse(q: Mapping, r: object) -> bool:
    """True/false: ``r`` is the bool of the question's ``answer``."""
    return isinstance(r, bool) and r == (q.get("answer") is True)


def judge_fill(q: Mapping, r: object) -> bool:
    """Fill-in: ``r`` is text equal to an accepted answer after :func:`normalise_text`."""
    if not isinstance(r, str):
        return False
    given = normalise_text(r, q)
    return any(normalise_text(a, q) == given for a in q.get("answers") or [])


def judge_numeric(q: Mapping, r: object) -> bool:
    """Numeric: ``r`` is within ``value`` ± ``tolerance``, or within ``min``..``max``
    (a missing bound is open), each with :data:`NUMERIC_EPSILON` of slack."""
    if not is_number(r):
        return False
    if is_number(q.get("value")):
        tolerance = abs(q["tolerance"]) if is_number(q.get("tolerance")) else 0
        return abs(r - q["value"]) <= tolerance + NUMERIC_EPSILON
    above = not is_number(q.get("min")) or r >= q["min"] - NUMERIC_EPSILON
    below = not is_number(q.get("max")) or r <= q["max"] + NUMERIC_EPSILON
    return above and below


def judge_matching(q: Mapping, r: object) -> bool:
    """Matching: ``r`` maps every pair id to a pair id whose right side is the same text."""
    if not isinstance(r, dict):
        return False
    pairs = q.get("pairs") or []
    right_of = {p.get("id"): p.get("right") for p in pairs}
    return all(isinstance(r.get(p.get("id")), str) and r[p["id"]] in right_of
               and right_of[r[p["id"]]] == p.get("right") for p in pairs)


def judge_sequencing(q: Mapping, r: object) -> bool:
    """Sequencing: ``r`` lists every item id in the authored order."""
    items = q.get("items") or []
    return (isinstance(r, list) and len(r) == len(items)
            and all(isinstance(given, str) and given == item.get("id")
                    for given, item in zip(r, items, strict=True)))

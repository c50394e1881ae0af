"""The scoring rules, shared with the player's ``player/scoring.js`` through common cases.

A question scores its points when fully correct, else 0; likert questions are never scored
and count toward no maximum. A quiz's percent is 100 * score / max over its scored questions
and it is passed at or above the pass mark. The course score is the weighted mean of the
quizzes' best percents. Responses have the player's neutral shapes: choice: a choice id;
multiple: a list of choice ids; truefalse: a bool; fill: text; numeric: a number;
matching: ``{pair id: chosen pair id}``; sequencing: item ids in order; likert: a scale id.
Questions are dicts in the player data contract's shape.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studio.errors import InvalidEditError
from studio.model import Question

# The same explicit class as scoring.js (not \s), so both scorers agree on every character.
_SPACE_RUN = re.compile(
    "[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
NUMERIC_EPSILON = 1e-9


@dataclass(frozen=True)
class QuestionResult:
    score: float
    max: float
    correct: bool | None  # None: not scored (likert)


@dataclass(frozen=True)
class QuizResult:
    score: float
    max: float
    percent: float | None  # None: nothing in the attempt is scored
    passed: bool
    results: dict[str, QuestionResult]


@dataclass(frozen=True)
class QuizStanding:
    """One quiz's part in the course score: its weight and best percent so far."""
    weight: float = 1.0
    best: float | None = None  # None: not attempted (counts as 0)
    scored: bool = True  # False: a survey-only quiz


@dataclass(frozen=True)
class CourseResult:
    percent: float | None  # None: no weighted, scored quiz
    passed: bool | None  # None: a mastery score is set but nothing can be scored


def player_question(question: Question) -> dict:
    """A stored question as the player sees it (the shape the scorer reads)."""
    return {**question.data, "id": question.id, "type": question.type,
            "points": question.points}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def normalise_text(text: object, question: Mapping) -> str:
    out = unicodedata.normalize("NFC", "" if text is None else str(text))
    if question.get("normaliseSpace") is not False:
        out = _SPACE_RUN.sub(" ", out).strip(" \ufeff")
    if not question.get("caseSensitive"):
        out = out.lower()
    return out


def _correct_ids(question: Mapping) -> list[str]:
    return [c.get("id") for c in question.get("choices") or [] if c.get("correct") is True]


def _choice(q: Mapping, r: object) -> bool:
    return isinstance(r, str) and r in _correct_ids(q)


def _multiple(q: Mapping, r: object) -> bool:
    if not isinstance(r, list) or not all(isinstance(x, str) for x in r):
        return False
    wanted = _correct_ids(q)
    return len(wanted) == len(set(r)) and sorted(wanted) == sorted(set(r))


def _truefalse(q: Mapping, r: object) -> bool:
    return isinstance(r, bool) and r == (q.get("answer") is True)


def _fill(q: Mapping, r: object) -> bool:
    if not isinstance(r, str):
        return False
    given = normalise_text(r, q)
    return any(normalise_text(a, q) == given for a in q.get("answers") or [])


def _numeric(q: Mapping, r: object) -> bool:
    if not _is_number(r):
        return False
    if _is_number(q.get("value")):
        tolerance = abs(q["tolerance"]) if _is_number(q.get("tolerance")) else 0
        return abs(r - q["value"]) <= tolerance + NUMERIC_EPSILON
    above = not _is_number(q.get("min")) or r >= q["min"] - NUMERIC_EPSILON
    below = not _is_number(q.get("max")) or r <= q["max"] + NUMERIC_EPSILON
    return above and below


def _matching(q: Mapping, r: object) -> bool:
    if not isinstance(r, dict):
        return False
    pairs = q.get("pairs") or []
    right_of = {p.get("id"): p.get("right") for p in pairs}
    return all(isinstance(r.get(p.get("id")), str) and r[p["id"]] in right_of
               and right_of[r[p["id"]]] == p.get("right") for p in pairs)


def _sequencing(q: Mapping, r: object) -> bool:
    items = q.get("items") or []
    return (isinstance(r, list) and len(r) == len(items)
            and all(isinstance(given, str) and given == item.get("id")
                    for given, item in zip(r, items, strict=True)))


_JUDGES = {"choice": _choice, "multiple": _multiple, "truefalse": _truefalse, "fill": _fill,
           "numeric": _numeric, "matching": _matching, "sequencing": _sequencing}


def is_scored(question: Mapping) -> bool:
    return question.get("type") != "likert"


def score_question(question: Mapping, response: object) -> QuestionResult:
    if not is_scored(question):
        return QuestionResult(0, 0, None)
    judge = _JUDGES.get(question.get("type"))
    if judge is None:
        raise InvalidEditError(f"Unknown question type: {question.get('type')}.")
    points = question["points"] if _is_number(question.get("points")) else 1
    correct = response is not None and judge(question, response)
    return QuestionResult(points if correct else 0, points, correct)


def score_quiz(questions: Sequence[Mapping], responses: Mapping[str, object],
               pass_mark: float | None) -> QuizResult:
    """Score one attempt: the questions asked and the responses by question id."""
    score, maximum, results = 0, 0, {}
    for question in questions:
        result = score_question(question, responses.get(question["id"]))
        results[question["id"]] = result
        score += result.score
        maximum += result.max
    percent = 100 * score / maximum if maximum > 0 else None
    mark = pass_mark if _is_number(pass_mark) else 0
    passed = True if percent is None else percent >= mark
    return QuizResult(score, maximum, percent, passed, results)


def score_course(quizzes: Sequence[QuizStanding], mastery_score: float | None) -> CourseResult:
    total, weights = 0, 0
    for quiz in quizzes:
        weight = quiz.weight if _is_number(quiz.weight) else 1
        if weight <= 0 or quiz.scored is False:
            continue
        weights += weight
        total += weight * (quiz.best if _is_number(quiz.best) else 0)
    percent = total / weights if weights > 0 else None
    if mastery_score is None:
        return CourseResult(percent, True)
    if percent is None:
        return CourseResult(None, None)
    return CourseResult(percent, percent >= mastery_score)


def draw(questions: Sequence[Mapping], count: int | None, rng: random.Random,
         seen: set[str] | None = None) -> list[Mapping]:
    """Draw ``count`` questions without repeats, in authored order; all when fewer.

    Questions not in ``seen`` (drawn by earlier attempts) are preferred; ``seen`` is
    updated, and emptied once every question has had its turn, as the player does.
    """
    if not count or count >= len(questions):
        return list(questions)
    seen = set() if seen is None else seen
    fresh = [q for q in questions if q["id"] not in seen]
    old = [q for q in questions if q["id"] in seen]
    rng.shuffle(fresh)
    rng.shuffle(old)
    picked = {q["id"] for q in (fresh + old)[:count]}
    if len(fresh) <= count:
        seen.clear()
    seen.update(picked)
    return [q for q in questions if q["id"] in picked]


def attempt_questions(questions: Sequence[Mapping], count: int | None, rng: random.Random,
                      seen: set[str] | None = None) -> list[Mapping]:
    """The questions of one attempt: every 'quiz' question, and N drawn from the 'bank'."""
    bank = [q for q in questions if q.get("pool") == "bank"]
    drawn = {q["id"] for q in draw(bank, count, rng, seen)}
    return [q for q in questions if q.get("pool") != "bank" or q["id"] in drawn]

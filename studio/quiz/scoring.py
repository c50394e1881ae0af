"""The scoring rules, shared with the player's ``player/scoring.js`` through common cases.

A question scores its points times the response's credit (0..1, :mod:`studio.quiz.judges`);
questions of an unscored type (``credit`` None in :mod:`studio.quiz.types`) count toward no
maximum. A quiz's percent is 100 * score / max over its scored questions and it is passed at
or above the pass mark. The course score is the weighted mean of the quizzes' best percents.
Responses have the player's neutral shapes: choice: a choice id; multiple: a list of choice
ids; truefalse: a bool; fill: text; numeric: a number; matching: ``{pair id: chosen pair
id}``; sequencing: item ids in order; likert: a scale id; hotspot: a list of region ids;
dragdrop: ``{item id: category id}``; essay: text; description: none. Questions are dicts
in the player data contract's shape.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from studio.errors import InvalidEditError
from studio.quiz.judges import is_number as _is_number
from studio.quiz.types import QUESTION_TYPES, is_scored_type


@dataclass(frozen=True)
class QuestionResult:
    """One question's outcome: ``score`` of ``max`` points (0 and 0 when not scored);
    ``correct`` is ``credit == 1``; ``credit`` the share earned, 0..1 (between: partly
    right); both None when the question is not scored."""
    score: float
    max: float
    correct: bool | None  # None: not scored (likert, essay, description)
    credit: float | None = None


@dataclass(frozen=True)
class QuizResult:
    """One attempt's outcome: points, percent (0-100) against the pass mark, per question id."""
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
    """The course score (percent, 0-100) and whether it meets the mastery score."""
    percent: float | None  # None: no weighted, scored quiz
    passed: bool | None  # None: a mastery score is set but nothing can be scored


def is_scored(question: Mapping) -> bool:
    """Whether a question (player data shape) counts toward its quiz's maximum."""
    return is_scored_type(question.get("type"))


def score_question(question: Mapping, response: object) -> QuestionResult:
    """Score one response: the question's ``points`` (default 1) times its credit; None is
    no answer (credit 0). Raises InvalidEditError for a question type the registry does not
    know."""
    if not is_scored(question):
        return QuestionResult(0, 0, None)
    kind = QUESTION_TYPES.get(question.get("type"))
    credit_of = kind.credit if kind is not None else None
    if credit_of is None:
        raise InvalidEditError(f"Unknown question type: {question.get('type')}.")
    points = question["points"] if _is_number(question.get("points")) else 1
    credit = 0.0 if response is None else credit_of(question, response)
    return QuestionResult(points * credit, points, credit == 1, credit)


def score_quiz(questions: Sequence[Mapping], responses: Mapping[str, object],
               pass_mark: float | None) -> QuizResult:
    """Score one attempt: the questions asked and the responses by question id.

    ``pass_mark`` is a percent (None: 0); an attempt with nothing scored is passed."""
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
    """The weighted mean of the scored quizzes' best percents (unattempted: 0), checked
    against ``mastery_score`` (percent; None: always passed)."""
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

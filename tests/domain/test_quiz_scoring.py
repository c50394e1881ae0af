"""The Python scorer: the shared cases the player's scoring.js also passes, properties, draws."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from studio.quiz.scoring import (
    QuizStanding,
    attempt_questions,
    draw,
    score_course,
    score_question,
    score_quiz,
)
from studio.quiz.types import QUESTION_TYPES

CASES = json.loads((Path(__file__).parents[1] / "data" / "scoring_cases.json").read_text("utf-8"))


def test_shared_cases_cover_every_type_and_all_pass():
    assert {c["question"]["type"] for c in CASES} == set(QUESTION_TYPES)
    got = [score_question(c["question"], c["response"]) for c in CASES]
    mismatches = [(c["note"], c["expected"], (g.score, g.correct, g.credit))
                  for c, g in zip(CASES, got, strict=True)
                  if (g.score, g.correct, g.credit) != (c["expected"]["score"],
                                                       c["expected"]["correct"],
                                                       c["expected"]["credit"])]
    assert mismatches == []


def test_shared_cases_cover_every_scoring_mode_and_partial_credit():
    modes = set()
    for case in CASES:
        kind = QUESTION_TYPES[case["question"]["type"]]
        modes.add((kind.name, case["question"].get("scoring", kind.defaults.get("scoring"))))
    for kind in QUESTION_TYPES.values():
        assert {(kind.name, mode) for mode in kind.scoring_modes} <= modes
    partly = {c["question"]["type"] for c in CASES if 0 < (c["expected"]["credit"] or 0) < 1}
    assert partly == {"choice", "multiple", "fill", "numeric", "matching", "sequencing",
                      "hotspot", "dragdrop"}


def _case(qtype: str) -> dict:
    return next(c["question"] for c in CASES if c["question"]["type"] == qtype)


def test_quiz_percent_excludes_likert_and_applies_pass_mark():
    questions = [_case("choice"), _case("multiple"), _case("likert")]
    responses = {questions[0]["id"]: "a", questions[1]["id"]: ["a"], questions[2]["id"]: "2"}
    result = score_quiz(questions, responses, 40)
    assert (result.score, result.max, result.percent, result.passed) == (2, 5, 40, True)
    assert score_quiz(questions, responses, 40.01).passed is False
    assert result.results[questions[2]["id"]].correct is None


def test_survey_only_quiz_has_no_percent_and_passes():
    result = score_quiz([_case("likert")], {}, 80)
    assert (result.percent, result.passed, result.max) == (None, True, 0)


def test_course_score_is_weighted_mean_of_best_percents():
    result = score_course([QuizStanding(1, 100), QuizStanding(3, 60), QuizStanding(0, 0),
                           QuizStanding(2, None, scored=False)], 70)
    assert (result.percent, result.passed) == (70, True)
    assert score_course([QuizStanding(1, 100), QuizStanding(1, None)], 80).passed is False
    assert score_course([], None).passed is True
    assert score_course([], 50).passed is None


choice_question = st.builds(
    lambda points, n_choices, right: {
        "id": "q", "type": "choice", "points": points,
        "choices": [{"id": f"c{i}", "text": str(i), "correct": i == right % n_choices}
                    for i in range(n_choices)]},
    st.floats(0, 10000), st.integers(2, 6), st.integers(0, 5))
responses = st.one_of(st.none(), st.text(max_size=3), st.sampled_from(["c0", "c1", "c2"]),
                      st.lists(st.text(max_size=2)), st.booleans(), st.floats(allow_nan=False))


@given(choice_question, responses)
def test_a_question_scores_zero_or_its_points(question, response):
    result = score_question(question, response)
    assert result.score in (0, question["points"])
    assert 0 <= result.score <= result.max == question["points"]
    assert result.score == (question["points"] if result.correct else 0)
    assert result.correct is (response in [c["id"] for c in question["choices"] if c["correct"]])


@given(st.lists(st.tuples(st.integers(0, 100), st.booleans(), st.booleans()), max_size=12),
       st.floats(0, 100))
def test_quiz_percent_is_bounded_and_pass_is_exactly_at_the_mark(spec, pass_mark):
    questions, answers = [], {}
    for n, (points, right, survey) in enumerate(spec):
        qid = f"q{n}"
        if survey:
            questions.append({"id": qid, "type": "likert", "points": points,
                              "scale": [{"id": "1", "text": "No"}]})
            answers[qid] = "1"
        else:
            questions.append({"id": qid, "type": "truefalse", "points": points, "answer": True})
            answers[qid] = right
    result = score_quiz(questions, answers, pass_mark)
    scored_max = sum(p for p, _, survey in spec if not survey)
    assert result.max == scored_max  # likert never counts toward the maximum
    if scored_max == 0:
        assert result.percent is None and result.passed
        return
    assert 0 <= result.percent <= 100
    assert result.passed == (result.percent >= pass_mark)
    # Exactly at the mark passes; a hair above it fails
    assert score_quiz(questions, answers, result.percent).passed
    assert not score_quiz(questions, answers, result.percent + 1e-9).passed


@given(st.integers(0, 40), st.one_of(st.none(), st.integers(0, 50)), st.integers(0, 2**32),
       st.integers(1, 6))
def test_draw_never_repeats_and_draws_exactly_n_or_all(size, count, seed, attempts):
    questions = [{"id": f"q{i}", "pool": "bank"} for i in range(size)]
    rng, seen = random.Random(seed), set()
    for _ in range(attempts):
        drawn = draw(questions, count, rng, seen)
        ids = [q["id"] for q in drawn]
        assert len(ids) == len(set(ids))
        assert len(ids) == (size if not count or count >= size else count)
        assert ids == [q["id"] for q in questions if q["id"] in set(ids)]  # authored order


def test_draw_prefers_questions_not_yet_seen():
    questions = [{"id": f"q{i}"} for i in range(6)]
    rng, seen = random.Random(7), set()
    first = {q["id"] for q in draw(questions, 3, rng, seen)}
    second = {q["id"] for q in draw(questions, 3, rng, seen)}
    assert first.isdisjoint(second) and len(first | second) == 6


def test_attempt_keeps_ordered_questions_and_draws_from_the_bank():
    questions = ([{"id": "fixed1", "pool": "quiz"}, {"id": "fixed2", "pool": "quiz"}]
                 + [{"id": f"b{i}", "pool": "bank"} for i in range(5)])
    for seed in range(20):
        asked = [q["id"] for q in attempt_questions(questions, 2, random.Random(seed))]
        assert asked[:2] == ["fixed1", "fixed2"] and len(asked) == 4
        assert all(a.startswith("b") for a in asked[2:])

"""player/scoring.js against the shared scoring cases (the Python scorer uses the same file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from player_harness import PLAYER_DIR

from studio.quiz.types import QUESTION_TYPES

CASES = json.loads((Path(__file__).parents[1] / "data" / "scoring_cases.json").read_text("utf-8"))


@pytest.fixture
def scoring_page(page, server):
    page.goto(f"{server.base}/lms/blank.html")
    for name in ("core.js", "scoring.js"):
        page.add_script_tag(path=str(PLAYER_DIR / "player" / name))
    return page


def test_shared_cases_cover_every_question_type():
    assert {c["question"]["type"] for c in CASES} == set(QUESTION_TYPES)


def test_question_scores_match_shared_cases(scoring_page):
    got = scoring_page.evaluate(
        "cases => cases.map(c => CoursePlayer.scoring.scoreQuestion(c.question, c.response))", CASES
    )
    keys = ("score", "correct", "credit")
    mismatches = [
        (c["note"], c["expected"], {k: g[k] for k in keys})
        for c, g in zip(CASES, got, strict=True)
        if tuple(g[k] for k in keys) != tuple(c["expected"][k] for k in keys)
    ]
    assert mismatches == []


def test_quiz_percent_excludes_likert_and_applies_pass_mark(scoring_page):
    questions = [c["question"] for c in CASES[:1]] + [
        c["question"] for c in CASES if c["question"]["type"] in ("multiple", "likert")
    ][:1]
    likert = next(c["question"] for c in CASES if c["question"]["type"] == "likert")
    questions.append(likert)
    result = scoring_page.evaluate(
        "qs => CoursePlayer.scoring.scoreQuiz(qs, {c1: 'a', m1: ['a'], l1: '2'}, 40)", questions
    )
    # choice worth 2 (right), multiple worth 3 (wrong), likert excluded: 2 / 5 = 40 %
    assert (result["score"], result["max"], result["percent"], result["passed"]) == (2, 5, 40, True)
    failed = scoring_page.evaluate(
        "qs => CoursePlayer.scoring.scoreQuiz(qs, {c1: 'a', m1: ['a'], l1: '2'}, 40.01)", questions
    )
    assert failed["passed"] is False


def test_course_score_is_weighted_mean_of_best_percents(scoring_page):
    result = scoring_page.evaluate("""() => CoursePlayer.scoring.scoreCourse([
        {weight: 1, best: 100, scored: true},
        {weight: 3, best: 60, scored: true},
        {weight: 0, best: 0, scored: true},
        {weight: 2, best: null, scored: false}], 70)""")
    assert result == {"percent": 70, "passed": True}
    unattempted = scoring_page.evaluate("""() => CoursePlayer.scoring.scoreCourse([
        {weight: 1, best: 100, scored: true}, {weight: 1, best: null, scored: true}], 80)""")
    assert unattempted == {"percent": 50, "passed": False}
    no_mastery = scoring_page.evaluate("() => CoursePlayer.scoring.scoreCourse([], null)")
    assert no_mastery == {"percent": None, "passed": True}

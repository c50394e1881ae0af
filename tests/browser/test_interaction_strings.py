"""The player's interaction strings against the studio's (``studio.quiz.interactions``): for
every shared scoring case, the SCORM 1.2 and SCORM 2004 ``cmi.interactions.n`` values and the
xAPI activity definition and response the adapters write are the ones the Python module gives
for the same question, response and credit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from player_harness import PLAYER_DIR

from studio.quiz.interactions import (
    scorm12_interaction,
    scorm2004_interaction,
    xapi_definition,
    xapi_response,
)
from studio.quiz.types import QUESTION_TYPES

CASES = json.loads((Path(__file__).parents[1] / "data" / "scoring_cases.json").read_text("utf-8"))
SCRIPTS = ("core.js", "scoring.js", "tracking.js", "scorm_common.js", "scorm12.js",
           "scorm2004.js", "xapi_statements.js")
LANGUAGE = "fr"

ESSAY = {"id": "e9", "type": "essay", "prompt": "Reflect", "points": 2, "media": None,
         "feedback": {}, "maxLength": 4000}
# Texts an essay or a fill-in may hold that the formats treat specially: delimiters, a leading
# {lang=} look-alike, line breaks, more than SCORM 2004's 4000 and SCORM 1.2's 255 characters.
LONG_TEXT = "{first} line [,] with [.] brackets\nsecond\r\nthird\u2028line " + "word " * 1000
EXTRA_CASES = [
    {"note": "essay: long text with delimiters", "question": ESSAY, "response": LONG_TEXT},
    {"note": "essay: short text", "question": ESSAY, "response": "Plan ahead."},
    {"note": "fill-in: delimiters in the answer",
     "question": {"id": "f9", "type": "fill", "prompt": "Say", "points": 1, "media": None,
                  "feedback": {}, "answers": ["a[,]b", "{x}"], "caseSensitive": True,
                  "normaliseSpace": True},
     "response": "{lang=de}a[,]b"},
]


def well_formed(question: dict, response: object) -> bool:
    """Whether response has the shape the player's views give for the question's type (the
    shared scoring cases also hold malformed responses, to check the scorers refuse them)."""
    kind = question["type"]
    if response is None:
        return kind in ("choice", "likert", "description", "essay")
    if kind in ("multiple", "hotspot", "sequencing"):
        return isinstance(response, list) and all(isinstance(v, str) for v in response)
    if kind in ("matching", "dragdrop"):
        return isinstance(response, dict)
    shapes = {"choice": str, "likert": str, "truefalse": bool, "fill": str, "essay": str,
              "numeric": int | float}
    return isinstance(response, shapes.get(kind, ())) and not (
        kind == "numeric" and isinstance(response, bool))


CHECKED = [c for c in CASES + EXTRA_CASES if well_formed(c["question"], c["response"])]

JS_STRINGS = """([cases, language]) => cases.map(c => {
  const P = window.CoursePlayer;
  const outcome = P.scoring.scoreQuestion(c.question, c.response);
  const ia = P.tracking.interactionFor(c.question, c.response, outcome,
    {id: "quiz1_" + c.question.id, latencyMs: 1500, timestamp: 0});
  if (!ia) { return null; }
  return {credit: ia.credit, scorm12: P.scorm12.interactionValues(ia),
    scorm2004: P.scorm2004.interactionValues(ia),
    definition: P.xapi.interactionActivity("course-1", ia, c.question, language).definition,
    result: P.xapi.interactionResult(ia)};
})"""


@pytest.fixture(scope="module")
def strings_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><title>Interactions</title>")
    for name in SCRIPTS:
        page.add_script_tag(path=str(PLAYER_DIR / "player" / name))
    yield page
    context.close()


@pytest.fixture(scope="module")
def js_strings(strings_page):
    return strings_page.evaluate(JS_STRINGS, [CHECKED, LANGUAGE])


def test_the_cases_cover_every_type_and_partial_credit():
    assert {c["question"]["type"] for c in CHECKED} == set(QUESTION_TYPES)
    credits = {c["expected"]["credit"] for c in CHECKED if "expected" in c}
    assert any(credit is not None and 0 < credit < 1 for credit in credits)


def test_interaction_types_match_the_registry(strings_page):
    declared = strings_page.evaluate("CoursePlayer.tracking.INTERACTION_TYPES")
    assert declared == {name: kind.interaction for name, kind in QUESTION_TYPES.items()
                        if kind.interaction is not None}


@pytest.mark.parametrize("index", range(len(CHECKED)),
                         ids=[c["note"] for c in CHECKED])
def test_player_writes_the_studio_strings(js_strings, index):
    case = CHECKED[index]
    question, response = case["question"], case["response"]
    got = js_strings[index]
    if QUESTION_TYPES[question["type"]].interaction is None:
        assert got is None  # not an interaction: never reported
        return
    credit = got["credit"]
    expected = case.get("expected", {}).get("credit", credit)
    assert credit == (None if expected is None else pytest.approx(expected))
    assert got["scorm12"] == scorm12_interaction(question, response, credit)
    assert got["scorm2004"] == scorm2004_interaction(question, response, credit)

    definition = xapi_definition(question, LANGUAGE)
    for key in ("interactionType", "description", "correctResponsesPattern", "choices",
                "scale", "source", "target"):
        assert got["definition"].get(key) == definition.get(key), key
    assert got["result"]["response"] == xapi_response(question, response)
    if credit is None:
        assert "score" not in got["result"] and "success" not in got["result"]
    else:
        points = question["points"]
        assert got["result"]["success"] is (credit == 1)
        assert got["result"]["score"] == pytest.approx(
            {"raw": points * credit, "min": 0, "max": points, "scaled": credit})

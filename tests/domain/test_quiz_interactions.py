"""Interaction strings per type in the formats SCORM 1.2 (RTE 3.4.3), SCORM 2004 (RTE 4.2.9)
and xAPI (cmi.interaction definitions) define, coded as the player's adapters code them."""

from __future__ import annotations

import re

import pytest

from studio.quiz.interactions import (
    format_number,
    scorm12_interaction,
    scorm2004_interaction,
    xapi_definition,
    xapi_response,
)

CHOICES = [{"id": "red", "text": "Red", "correct": True},
           {"id": "green", "text": "Green", "correct": False},
           {"id": "blue", "text": "Blue", "correct": True}]
PAIRS = [{"id": "p1", "left": "Canada", "right": "Ottawa"},
         {"id": "p2", "left": "Italy", "right": "Rome"}]
QUESTIONS = {
    "choice": {"type": "choice", "prompt": "Pick", "choices": CHOICES},
    "multiple": {"type": "multiple", "prompt": "Pick all", "choices": CHOICES},
    "truefalse": {"type": "truefalse", "prompt": "True?", "answer": False},
    "fill": {"type": "fill", "prompt": "Name", "answers": ["Paris", "paris city"],
             "caseSensitive": True},
    "numeric": {"type": "numeric", "prompt": "Pi", "value": 3.14, "tolerance": 0.01},
    "range": {"type": "numeric", "prompt": "Between", "min": 1, "max": 2},
    "matching": {"type": "matching", "prompt": "Match", "pairs": PAIRS},
    "sequencing": {"type": "sequencing", "prompt": "Order",
                   "items": [{"id": "s1", "text": "One"}, {"id": "s2", "text": "Two"},
                             {"id": "s3", "text": "Three"}]},
    "likert": {"type": "likert", "prompt": "Agree?",
               "scale": [{"id": "1", "text": "No"}, {"id": "2", "text": "Yes"}]},
}
# name: (response, SCORM 1.2 student_response / pattern, 2004 learner_response / pattern,
#        xAPI response / correctResponsesPattern)
EXPECTED = {
    "choice": ("blue", ("c", ["a"]), ("c", ["a"]), ("blue", ["red"])),
    "multiple": (["blue", "red"], ("a,c", ["a,c"]), ("a[,]c", ["a[,]c"]),
                 ("blue[,]red", ["blue[,]red"])),
    "truefalse": (True, ("t", ["f"]), ("true", ["false"]), ("true", ["false"])),
    "fill": ("Paris", ("Paris", ["Paris"]), ("Paris", ["Paris"]),
             ("Paris", ["{case_matters=true}Paris", "{case_matters=true}paris city"])),
    "numeric": (3.145, ("3.145", ["3.14"]), ("3.145", ["3.13[:]3.15"]),
                ("3.145", ["3.13[:]3.15"])),
    "range": (1.5, ("1.5", ["1"]), ("1.5", ["1[:]2"]), ("1.5", ["1[:]2"])),
    "matching": ({"p1": "p2", "p2": "p1"}, ("a.2,b.1", ["a.1,b.2"]),
                 ("a[.]2[,]b[.]1", ["a[.]1[,]b[.]2"]),
                 ("p1[.]p2[,]p2[.]p1", ["p1[.]p1[,]p2[.]p2"])),
    "sequencing": (["s2", "s1", "s3"], ("b,a,c", ["a,b,c"]), ("b[,]a[,]c", ["a[,]b[,]c"]),
                   ("s2[,]s1[,]s3", ["s1[,]s2[,]s3"])),
    "likert": ("2", ("b", []), ("b", []), ("2", None)),
}
TYPES = {"choice": "choice", "multiple": "choice", "truefalse": "true-false",
         "fill": "fill-in", "numeric": "numeric", "range": "numeric", "matching": "matching",
         "sequencing": "sequencing", "likert": "likert"}
# SCORM 1.2 RTE: responses are single-character identifiers [0-9a-z] joined by commas
# (matching: source.target pairs), t/f, a number, or free text for fill-in.
SCORM12 = {"choice": r"[0-9a-z]", "multiple": r"[0-9a-z](,[0-9a-z])*", "truefalse": r"[tf]",
           "numeric": r"-?\d+(\.\d+)?", "range": r"-?\d+(\.\d+)?",
           "matching": r"[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*",
           "sequencing": r"[0-9a-z](,[0-9a-z])*", "likert": r"[0-9a-z]", "fill": r".{0,255}"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_strings_per_type(name):
    question = QUESTIONS[name]
    response, (s12, p12), (s04, p04), (x_response, x_pattern) = EXPECTED[name]
    one = scorm12_interaction(question, response, None if name == "likert" else True)
    assert (one["type"], one["student_response"], one["correct_responses"]) == (
        TYPES[name], s12, p12)
    assert re.fullmatch(SCORM12[name], one["student_response"])
    four = scorm2004_interaction(question, response, None if name == "likert" else False)
    assert (four["type"], four["learner_response"], four["correct_responses"]) == (
        TYPES[name], s04, p04)
    definition = xapi_definition(question)
    assert definition["interactionType"] == TYPES[name]
    assert definition.get("correctResponsesPattern") == x_pattern
    assert xapi_response(question, response) == x_response
    assert (one["result"], four["result"]) == (
        ("neutral", "neutral") if name == "likert" else ("correct", "incorrect"))


def test_xapi_definitions_list_their_components():
    assert [c["id"] for c in xapi_definition(QUESTIONS["choice"])["choices"]] == [
        "red", "green", "blue"]
    matching = xapi_definition(QUESTIONS["matching"], "fr")
    assert matching["source"][0] == {"id": "p1", "description": {"fr": "Canada"}}
    assert matching["target"][1] == {"id": "p2", "description": {"fr": "Rome"}}
    assert [s["id"] for s in xapi_definition(QUESTIONS["likert"])["scale"]] == ["1", "2"]
    assert xapi_definition(QUESTIONS["sequencing"])["choices"][2]["description"] == {
        "en": "Three"}


def test_scorm2004_fill_text_cannot_fake_delimiters():
    question = {"type": "fill", "answers": ["x"]}
    assert scorm2004_interaction(question, "{lang=de}a[,]b", True)["learner_response"] == (
        "(lang=de}a(,)b")
    assert len(scorm12_interaction(question, "x" * 300, True)["student_response"]) == 255


def test_numbers_are_written_like_the_player_writes_them():
    assert [format_number(x) for x in (3, 3.0, -0.0, 0.1 + 0.2, 1e-7, 2.5e6, True)] == [
        "3", "3", "0", "0.3", "0", "2500000", ""]

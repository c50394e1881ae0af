"""Interaction strings per type in the formats SCORM 1.2 (RTE 3.4.3), SCORM 2004 (RTE 4.2.9)
and xAPI (cmi.interaction definitions) define, coded as the player's adapters code them."""

from __future__ import annotations

import re

import pytest

from studio.quiz.interactions import (
    format_number,
    interaction_result,
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
    "hotspot": {"type": "hotspot", "prompt": "Click the organs", "image": "img",
                "regions": [{"id": "heart", "label": "Heart", "correct": True},
                            {"id": "liver", "label": "Liver", "correct": False},
                            {"id": "lungs", "label": "Lungs", "correct": True}]},
    "dragdrop": {"type": "dragdrop", "prompt": "Sort",
                 "categories": [{"id": "k1", "text": "Mammals"}, {"id": "k2", "text": "Birds"}],
                 "items": [{"id": "d1", "text": "Whale", "category": "k1"},
                           {"id": "d2", "text": "Owl", "category": "k2"},
                           {"id": "d3", "text": "Bat", "category": "k1"}]},
    "essay": {"type": "essay", "prompt": "Reflect", "modelAnswer": "", "maxLength": 4000},
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
    "hotspot": (["lungs", "liver"], ("b,c", ["a,c"]), ("b[,]c", ["a[,]c"]),
                ("liver[,]lungs", ["heart[,]lungs"])),
    "dragdrop": ({"d1": "k1", "d2": "k1", "d3": "k2"}, ("a.1,b.1,c.2", ["a.1,b.2,c.1"]),
                 ("a[.]1[,]b[.]1[,]c[.]2", ["a[.]1[,]b[.]2[,]c[.]1"]),
                 ("d1[.]k1[,]d2[.]k1[,]d3[.]k2", ["d1[.]k1[,]d2[.]k2[,]d3[.]k1"])),
    "essay": ("I learnt [this].", ("I learnt [this].", []), ("I learnt (this).", []),
              ("I learnt [this].", None)),
}
TYPES = {"choice": "choice", "multiple": "choice", "truefalse": "true-false",
         "fill": "fill-in", "numeric": "numeric", "range": "numeric", "matching": "matching",
         "sequencing": "sequencing", "likert": "likert", "hotspot": "choice",
         "dragdrop": "matching", "essay": "long-fill-in"}
UNSCORED = {"likert", "essay"}
# SCORM 1.2 RTE: responses are single-character identifiers [0-9a-z] joined by commas
# (matching: source.target pairs), t/f, a number, or free text for fill-in.
SCORM12 = {"choice": r"[0-9a-z]", "multiple": r"[0-9a-z](,[0-9a-z])*", "truefalse": r"[tf]",
           "numeric": r"-?\d+(\.\d+)?", "range": r"-?\d+(\.\d+)?",
           "matching": r"[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*",
           "sequencing": r"[0-9a-z](,[0-9a-z])*", "likert": r"[0-9a-z]", "fill": r".{0,255}",
           "hotspot": r"[0-9a-z](,[0-9a-z])*",
           "dragdrop": r"[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*", "essay": r".{0,255}"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_strings_per_type(name):
    question = QUESTIONS[name]
    response, (s12, p12), (s04, p04), (x_response, x_pattern) = EXPECTED[name]
    one = scorm12_interaction(question, response, None if name in UNSCORED else 1.0)
    assert (one["type"], one["student_response"], one["correct_responses"]) == (
        "fill-in" if name == "essay" else TYPES[name], s12, p12)
    assert re.fullmatch(SCORM12[name], one["student_response"])
    four = scorm2004_interaction(question, response, None if name in UNSCORED else 0.0)
    assert (four["type"], four["learner_response"], four["correct_responses"]) == (
        TYPES[name], s04, p04)
    definition = xapi_definition(question)
    assert definition["interactionType"] == TYPES[name]
    assert definition.get("correctResponsesPattern") == x_pattern
    assert xapi_response(question, response) == x_response
    assert (one["result"], four["result"]) == (
        ("neutral", "neutral") if name in UNSCORED else ("correct", "incorrect"))


def test_partial_credit_is_reported_as_a_decimal_result():
    question = QUESTIONS["multiple"]
    assert scorm12_interaction(question, ["red"], 0.5)["result"] == "0.5"
    assert scorm2004_interaction(question, ["red"], 1 / 3)["result"] == "0.333333"
    assert scorm12_interaction(question, ["green"], 0)["result"] == "wrong"
    assert [interaction_result(c, "incorrect") for c in (None, 0.0, 0.25, 1.0)] == [
        "neutral", "incorrect", "0.25", "correct"]


def test_an_essay_is_cut_to_each_formats_limit_and_a_description_is_no_interaction():
    text = "word " * 1000
    assert len(scorm12_interaction(QUESTIONS["essay"], text, None)["student_response"]) == 255
    assert len(scorm2004_interaction(QUESTIONS["essay"], text, None)["learner_response"]) == (
        4000)
    assert xapi_response(QUESTIONS["essay"], text) == text
    description = {"type": "description", "prompt": "Read this."}
    for report in (lambda q: scorm12_interaction(q, None, None), xapi_definition):
        with pytest.raises(ValueError, match="not an interaction"):
            report(description)


def test_new_types_list_their_components():
    hotspot = xapi_definition(QUESTIONS["hotspot"])
    assert hotspot["choices"][1] == {"id": "liver", "description": {"en": "Liver"}}
    dragdrop = xapi_definition(QUESTIONS["dragdrop"], "fr")
    assert [c["id"] for c in dragdrop["source"]] == ["d1", "d2", "d3"]
    assert dragdrop["target"][1] == {"id": "k2", "description": {"fr": "Birds"}}


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
    assert scorm2004_interaction(question, "{lang=de}a[,]b", 1.0)["learner_response"] == (
        "(lang=de}a(,)b")
    assert len(scorm12_interaction(question, "x" * 300, 1.0)["student_response"]) == 255


def test_numbers_are_written_like_the_player_writes_them():
    assert [format_number(x) for x in (3, 3.0, -0.0, 0.1 + 0.2, 1e-7, 2.5e6, True)] == [
        "3", "3", "0", "0.3", "0", "2500000", ""]

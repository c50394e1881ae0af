"""What the question form writes: per-choice and general feedback through GIFT and back, a
numeric answer kept in the form it was given, and a picture's alternative text."""

from __future__ import annotations

import pytest

from studio.errors import InvalidEditError
from studio.model import Question
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import write_gift
from studio.quiz.questions import normalise_question

FEEDBACK = {"correct": "", "incorrect": "", "general": "Check the chapter on light."}
FORMS = [
    ("choice", {"choices": [
        {"id": "a", "text": "Red", "correct": False, "feedback": "That is the sunset."},
        {"id": "b", "text": "Blue", "correct": True, "feedback": "Rayleigh # scattering."},
        {"id": "c", "text": "Green", "correct": False, "feedback": ""}],
        "feedback": FEEDBACK}),
    ("multiple", {"choices": [
        {"id": "a", "text": "2", "correct": True, "feedback": "2 is the even prime."},
        {"id": "b", "text": "3", "correct": True, "feedback": ""},
        {"id": "c", "text": "4", "correct": False, "feedback": "4 = 2 × 2."}],
        "feedback": FEEDBACK, "scoring": "partial"}),  # GIFT cannot say all-or-nothing
    ("numeric", {"min": 9.7, "max": 9.9, "feedback": FEEDBACK}),
    ("numeric", {"value": 9.81, "tolerance": 0.05, "feedback": FEEDBACK}),
    ("truefalse", {"answer": False, "feedback": {"correct": "Yes.", "incorrect": "No.",
                                                 "general": "Water boils at 100 °C."}}),
]


@pytest.mark.parametrize(("qtype", "data"), FORMS, ids=lambda v: v if isinstance(v, str) else "")
def test_per_choice_and_general_feedback_survive_gift_both_ways(qtype, data):
    prompt, points, stored = normalise_question(qtype, "Which?", 1, data)
    text = write_gift([Question("q1", qtype, prompt, points, data=stored)])
    [again] = parse_gift(text).questions
    assert (again.type, again.prompt) == (qtype, prompt)
    assert again.data == stored
    assert text.count("####") == 1


def test_a_numeric_answer_keeps_the_form_it_was_given():
    _p, _n, ranged = normalise_question("numeric", "g?", 1, {"min": 1, "max": 2})
    _p, _n, exact = normalise_question("numeric", "g?", 1, {"value": 1.5, "tolerance": 0.5})
    assert ("value" not in ranged, "min" not in exact) == (True, True)
    assert normalise_question("numeric", "g?", 1, ranged)[2] == ranged
    with pytest.raises(InvalidEditError, match=r"minimum \(2\) is above its maximum \(1\)"):
        normalise_question("numeric", "g?", 1, {"min": 2, "max": 1})


def test_a_pictures_alternative_text_is_kept_only_with_a_picture():
    data = {"answer": True, "media": "asset1", "mediaAlt": "  A kettle on a stove  "}
    stored = normalise_question("truefalse", "Hot?", 1, data)[2]
    assert (stored["media"], stored["mediaAlt"]) == ("asset1", "A kettle on a stove")
    assert "mediaAlt" not in normalise_question("truefalse", "Hot?", 1,
                                                {**data, "mediaAlt": ""})[2]
    with pytest.raises(InvalidEditError, match="choose a picture first"):
        normalise_question("truefalse", "Hot?", 1, {"answer": True, "mediaAlt": "A kettle"})
    with pytest.raises(InvalidEditError, match="must be text"):
        normalise_question("truefalse", "Hot?", 1, {**data, "mediaAlt": 3})


@pytest.mark.parametrize(("typed", "number"), [
    ("9,8", 9.8), (" 1e3 ", 1000.0), (".5", 0.5), ("5.", 5.0), ("-2", -2.0),
    ("1,2.3", None), ("1,2,3", None), ("abc", None), ("", None), ("٣", None), ("0x10", None)])
def test_a_typed_number_is_read_as_the_player_reads_it(typed, number):
    from studio.quiz.judges import read_number

    assert read_number(typed) == number

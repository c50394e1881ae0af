"""Partial credit as authors declare it: weights, scoring modes and partly right answers are
checked once, stored in one shape, and every generated response earns points * credit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.errors import InvalidEditError
from studio.quiz.questions import normalise_question, starter_data
from studio.quiz.scoring import score_question
from studio.quiz.types import QUESTION_TYPES, contract_fields


def stored(qtype: str, data: dict, points: float = 1) -> dict:
    return normalise_question(qtype, "Q", points, data)[2]


def player(qtype: str, data: dict, points: float = 1) -> dict:
    kept = stored(qtype, data, points)
    return {"id": "q", "type": qtype, "points": points, **contract_fields(qtype, kept)}


def test_a_choice_weight_decides_correct_and_is_dropped_when_it_is_the_default():
    data = stored("choice", {"choices": [{"text": "A", "weight": 100},
                                         {"text": "B", "correct": True, "weight": 50},
                                         {"text": "C", "weight": 0},
                                         {"text": "D", "weight": -33.3}]})
    assert [(c["correct"], c.get("weight")) for c in data["choices"]] == [
        (True, None), (False, 50), (False, None), (False, -33.3)]
    assert stored("choice", data) == data


@pytest.mark.parametrize(("choices", "message"), [
    ([{"text": "A", "weight": 50}, {"text": "B"}], "needs a correct choice"),
    ([{"text": "A", "weight": 101}, {"text": "B"}], "weight of choice a must be from -100 to 100"),
    ([{"text": "A", "weight": "half"}, {"text": "B"}], "weight of choice a must be a number"),
    ([{"text": "A", "correct": True, "score": 1}, {"text": "B"}], "no field score"),
])
def test_bad_choice_weights_are_refused_in_one_line(choices, message):
    with pytest.raises(InvalidEditError, match=message):
        stored("choice", {"choices": choices})


def test_multiple_response_modes():
    choices = [{"text": "A", "correct": True}, {"text": "B", "correct": True},
               {"text": "C", "correct": True}, {"text": "D"}]
    assert stored("multiple", {"choices": choices})["scoring"] == "all-or-nothing"
    weighted = stored("multiple", {"choices": choices, "scoring": "weighted"})
    assert [c["weight"] for c in weighted["choices"]] == [100 / 3] * 3 + [0]
    assert [c["correct"] for c in weighted["choices"]] == [True, True, True, False]
    back = stored("multiple", {**weighted, "scoring": "partial"})
    assert [c.get("weight") for c in back["choices"]] == [None] * 4
    assert [c["correct"] for c in back["choices"]] == [True, True, True, False]
    with pytest.raises(InvalidEditError, match="must sum to 100 %, not 80 %"):
        stored("multiple", {"scoring": "weighted", "choices": [
            {"text": "A", "weight": 50}, {"text": "B", "weight": 30},
            {"text": "C", "weight": -20}]})
    with pytest.raises(InvalidEditError, match="scored all-or-nothing or partial or weighted, "
                                               "not most"):
        stored("multiple", {"choices": choices, "scoring": "most"})
    with pytest.raises(InvalidEditError, match="scored all-or-nothing or per-item"):
        stored("matching", {"pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": "d"}],
                            "scoring": "partial"})


def test_partly_right_answers_of_fill_and_numeric():
    fill = stored("fill", {"answers": ["Paris"], "partial": [{"text": " Lutetia ", "weight": 50}]})
    assert fill["partial"] == [{"text": "Lutetia", "weight": 50}]
    assert "partial" not in stored("fill", {"answers": ["Paris"], "partial": []})
    numeric = stored("numeric", {"value": 5, "partial": [{"value": 5, "tolerance": 1,
                                                         "weight": 25}]})
    assert numeric["partial"] == [{"value": 5, "tolerance": 1, "weight": 25}]
    for bad, message in ((100, "from 1 to 99"), (0, "from 1 to 99"), (None, "must be a number")):
        with pytest.raises(InvalidEditError, match=message):
            stored("fill", {"answers": ["x"], "partial": [{"text": "y", "weight": bad}]})
    with pytest.raises(InvalidEditError, match="partly right answer has no field feedback"):
        stored("fill", {"answers": ["x"], "partial": [{"text": "y", "weight": 5,
                                                       "feedback": "Close."}]})
    with pytest.raises(InvalidEditError, match="tolerance of partly right answer 1 cannot be "):
        stored("numeric", {"min": 1, "max": 2,
                           "partial": [{"value": 3, "tolerance": -1, "weight": 5}]})


def test_per_entry_media_is_an_asset_id_and_alt_needs_media():
    data = stored("multiple", {"choices": [
        {"text": "Owl", "correct": True, "media": "a1", "mediaAlt": " An owl "},
        {"text": "Cat", "media": "a2"}, {"text": "Dog"}]})
    assert [(c.get("media"), c.get("mediaAlt")) for c in data["choices"]] == [
        ("a1", "An owl"), ("a2", None), (None, None)]
    with pytest.raises(InvalidEditError, match="picture of choice b; choose a picture first"):
        stored("choice", {"choices": [{"text": "A", "correct": True}, {"text": "B",
                                                                         "mediaAlt": "x"}]})
    with pytest.raises(InvalidEditError, match="media of item d1 is the id of an asset"):
        stored("dragdrop", {"categories": ["X", "Y"], "items": [
            {"text": "a", "category": "k1", "media": 3}, {"text": "b", "category": "k2"}]})


# Every type's questions, generated in the stored shape, and responses of every shape.
WORDS = st.sampled_from(["a", "b", "c", "d", "r1", "r2", "r3", "d1", "d2", "k1", "k2", "p1",
                         "p2", "s1", "s2", "x", ""])
RESPONSES = st.one_of(
    st.none(), st.booleans(), st.floats(-1e6, 1e6), WORDS, st.lists(WORDS, max_size=5),
    st.dictionaries(WORDS, WORDS, max_size=4))


@st.composite
def questions(draw) -> dict:
    qtype = draw(st.sampled_from(sorted(QUESTION_TYPES)))
    kind = QUESTION_TYPES[qtype]
    n = draw(st.integers(2, 4))
    flags = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
    if qtype in ("choice", "multiple"):
        weights = draw(st.lists(st.sampled_from([None, -100, -50, 0, 25, 50]), min_size=n,
                                max_size=n))
        choices = [{"text": f"t{i}", "correct": f} for i, f in enumerate(flags)]
        if qtype == "choice":
            for choice, weight in zip(choices, weights, strict=True):
                if weight is not None and not choice["correct"]:
                    choice["weight"] = weight
        data = {"choices": choices}
    elif qtype == "fill":
        data = {"answers": ["x"], "partial": [{"text": "a", "weight": draw(st.integers(1, 99))}]}
    elif qtype == "numeric":
        data = {"value": 0, "tolerance": 1,
                "partial": [{"value": draw(st.integers(-5, 5)), "tolerance": 2,
                             "weight": draw(st.integers(1, 99))}]}
    elif qtype == "truefalse":
        data = {"answer": flags[0]}
    elif qtype == "hotspot":
        data = {"image": "img", "regions": [
            {"label": f"R{i}", "shape": "rect", "coords": [0, 0, 0.5, 0.5], "correct": f}
            for i, f in enumerate(flags)]}
    elif qtype == "dragdrop":
        data = {"categories": ["K1", "K2"],
                "items": [{"text": f"t{i}", "category": "k1" if f else "k2"}
                          for i, f in enumerate(flags)]}
    else:
        data = starter_data(qtype)
    if kind.scoring_modes:
        data = {**data, "scoring": draw(st.sampled_from(kind.scoring_modes))}
    return player(qtype, data, draw(st.sampled_from([0, 1, 2.5, 10])))


@given(questions(), RESPONSES)
def test_every_type_scores_points_times_a_credit_from_0_to_1(question, response):
    result = score_question(question, response)
    if not QUESTION_TYPES[question["type"]].scored:
        assert (result.score, result.max, result.correct, result.credit) == (0, 0, None, None)
        return
    assert 0 <= result.credit <= 1
    assert result.score == question["points"] * result.credit
    assert result.max == question["points"]
    assert result.correct is (result.credit == 1)

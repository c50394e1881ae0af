"""The question-type registry: each entry consistent with itself, and the player agrees with it."""

from __future__ import annotations

import json
import re

import pytest

from studio.errors import InvalidEditError
from studio.model import Question
from studio.quiz.gift_writer import write_question
from studio.quiz.questions import normalise_question, starter_data
from studio.quiz.scoring import score_question
from studio.quiz.types import (
    QUESTION_TYPES,
    SCORING_LABELS,
    UNSCORED,
    contract_fields,
    is_scored_type,
    question_type,
)
from studio.resources import resources_dir

# SCORM 2004 RTE 4.2.9.1: the vocabulary of cmi.interactions.n.type.
SCORM_2004_INTERACTIONS = {"true-false", "choice", "fill-in", "long-fill-in", "matching",
                           "performance", "sequencing", "likert", "numeric", "other"}
KINDS = list(QUESTION_TYPES.values())


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_entry_is_consistent(kind):
    assert QUESTION_TYPES[kind.name] is kind
    assert set(kind.defaults) <= set(kind.fields)
    assert set(kind.starter) <= set(kind.fields)
    assert kind.options is None or kind.options in kind.fields
    assert kind.interaction in SCORM_2004_INTERACTIONS or (
        kind.interaction is None and not kind.scored)
    assert kind.scored == (kind.credit is not None) == is_scored_type(kind.name)
    assert (not kind.scoring_modes) == ("scoring" not in kind.fields)
    assert kind.defaults.get("scoring") == (kind.scoring_modes or (None,))[0]
    assert set(kind.scoring_modes) <= set(SCORING_LABELS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_starter_data_checks_and_is_fresh(kind):
    first = starter_data(kind.name)
    first["feedback"] = "changed"
    _prompt, _points, data = normalise_question(kind.name, "Q", 1, None)
    assert data == normalise_question(kind.name, "Q", 1, starter_data(kind.name))[2]
    assert {key: data[key] for key in kind.defaults} == dict(kind.defaults)
    assert contract_fields(kind.name, data) == {k: data[k] for k in kind.fields if k in data}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_scored_types_have_a_judge_and_gift_support_is_what_the_writer_does(kind):
    _prompt, points, data = normalise_question(kind.name, "Q", 2, None)
    question = {**data, "id": "q", "type": kind.name, "points": points}
    assert score_question(question, None).max == (2 if kind.scored else 0)
    written = write_question(Question("q", kind.name, "Q", points, data=data))
    assert written.startswith("//") != kind.gift


def test_unknown_types_are_refused_with_the_registered_names():
    with pytest.raises(InvalidEditError, match="use one of choice, multiple, .* description"):
        question_type("crossword")
    assert contract_fields("crossword", {"answers": ["x"]}) == {}
    assert is_scored_type("crossword")


def test_the_players_interaction_types_match_the_registry():
    script = (resources_dir() / "player" / "player" / "scorm_common.js").read_text("utf-8")
    body = re.search(r"INTERACTION_TYPES = (\{.*?\});", script, re.DOTALL).group(1)
    player = json.loads(re.sub(r"(\w+):", r'"\1":', body))
    assert player == {k.name: k.interaction for k in KINDS if k.interaction is not None}


def test_the_players_unscored_types_match_the_registry():
    script = (resources_dir() / "player" / "player" / "scoring.js").read_text("utf-8")
    body = re.search(r"UNSCORED = (\[.*?\]);", script, re.DOTALL).group(1)
    assert tuple(json.loads(body)) == UNSCORED == tuple(k.name for k in KINDS if not k.scored)

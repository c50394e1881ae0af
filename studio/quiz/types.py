"""The question types, each declared once: everything else reads this registry.

A :class:`QuestionType` names a type as it is stored and sent to the player, how authors and
messages call it, the fields of its ``data`` and their defaults, the data of a new question,
whether it is scored, its interaction type for the LMS, whether GIFT can write it, and the
functions that check its data (:mod:`studio.quiz.validators`) and judge a response
(:mod:`studio.quiz.judges`). The commands, the question-file readers and writer, the
interaction strings, the scorer, the player data, the editor, the preview and the CLI all
read it, so none of them lists the types again.

Adding a question type means:

1. a validator in :mod:`studio.quiz.validators` and, if it is scored, a judge in
   :mod:`studio.quiz.judges`;
2. one :class:`QuestionType` entry below, added to :data:`QUESTION_TYPES`;
3. its player code in ``resources/player`` (rendering, the judge in ``scoring.js``, the
   response in ``tracking.js`` and ``scorm_common.js``) and its response strings in
   :mod:`studio.quiz.interactions`, its parser in :mod:`studio.quiz.gift` when ``gift``
   is set, and, only when a data field of a new shape comes with it, an answer editor for
   that field (``answer_editor`` in ``studio/ui/question_editors.py``, which picks the
   editor by the type's fields); the form otherwise follows ``several_right`` and ``scored``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from studio.errors import InvalidEditError
from studio.quiz import judges, validators


@dataclass(frozen=True)
class QuestionType:
    """One question type.

    ``fields`` are its ``data`` keys in the player data contract's order; ``defaults`` the
    values of fields a question may leave out; ``starter`` the data of a new question.
    ``interaction`` is the interaction type of SCORM 1.2 RTE 3.4.3 / SCORM 2004 RTE 4.2.9.1
    (``cmi.interactions.n.type``) and xAPI 1.0.3 §2.4.4.1 (``interactionType``).
    ``options`` names the field whose entries the learner picks from or orders (None: the
    type has no such list). ``several_right``: more than one option may be right.
    ``validate(data, noun) -> data`` raises InvalidEditError; ``judge(question, response)
    -> bool`` is None for an unscored type.
    """
    name: str
    label: str  # as the editor lists it: "Single choice"
    noun: str  # in messages: "A single choice question needs ..."
    fields: tuple[str, ...]
    starter: Mapping[str, object]
    validate: Callable[[dict, str], dict]
    judge: Callable[[Mapping, object], bool] | None
    interaction: str
    defaults: Mapping[str, object] = field(default_factory=dict)
    options: str | None = None
    several_right: bool = False
    gift: bool = True

    @property
    def scored(self) -> bool:
        """Whether a question of this type scores points (it has a judge)."""
        return self.judge is not None


_TWO_CHOICES = ({"id": "a", "text": "Option A", "correct": True},
                {"id": "b", "text": "Option B", "correct": False})

CHOICE = QuestionType(
    name="choice", label="Single choice", noun="single choice",
    fields=("choices",), starter={"choices": _TWO_CHOICES},
    validate=validators.check_choices, judge=judges.judge_choice,
    interaction="choice", options="choices")
MULTIPLE = QuestionType(
    name="multiple", label="Multiple response", noun="multiple response",
    fields=("choices",), starter={"choices": _TWO_CHOICES},
    validate=validators.check_choices, judge=judges.judge_multiple,
    interaction="choice", options="choices", several_right=True)
TRUEFALSE = QuestionType(
    name="truefalse", label="True / false", noun="true/false",
    fields=("answer",), starter={"answer": True},
    validate=validators.check_truefalse, judge=judges.judge_truefalse,
    interaction="true-false")
FILL = QuestionType(
    name="fill", label="Fill in the blank", noun="fill-in-the-blank",
    fields=("answers", "caseSensitive", "normaliseSpace"), starter={"answers": ("answer",)},
    validate=validators.check_fill, judge=judges.judge_fill,
    interaction="fill-in", defaults={"caseSensitive": False, "normaliseSpace": True})
NUMERIC = QuestionType(
    name="numeric", label="Numeric", noun="numeric",
    fields=("value", "tolerance", "min", "max"), starter={"value": 0, "tolerance": 0},
    validate=validators.check_numeric, judge=judges.judge_numeric,
    interaction="numeric")
MATCHING = QuestionType(
    name="matching", label="Matching", noun="matching",
    fields=("pairs",), starter={"pairs": ({"left": "Left 1", "right": "Right 1"},
                                          {"left": "Left 2", "right": "Right 2"})},
    validate=validators.check_pairs, judge=judges.judge_matching,
    interaction="matching")
SEQUENCING = QuestionType(
    name="sequencing", label="Sequencing", noun="sequencing",
    fields=("items",), starter={"items": ("First", "Second", "Third")},
    validate=validators.check_sequence, judge=judges.judge_sequencing,
    interaction="sequencing", options="items", gift=False)
LIKERT = QuestionType(
    name="likert", label="Likert scale", noun="likert",
    fields=("scale",),
    starter={"scale": ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")},
    validate=validators.check_scale, judge=None,  # a survey question: never scored
    interaction="likert", options="scale", gift=False)

# Every type by name, in the order the editor and the CLI offer them.
QUESTION_TYPES: Mapping[str, QuestionType] = MappingProxyType({t.name: t for t in (
    CHOICE, MULTIPLE, TRUEFALSE, FILL, NUMERIC, MATCHING, SEQUENCING, LIKERT)})


def question_type(name: object) -> QuestionType:
    """The type called ``name``; raises InvalidEditError listing the types when none is."""
    found = QUESTION_TYPES.get(name) if isinstance(name, str) else None
    if found is None:
        raise InvalidEditError(
            f"Unknown question type {name}; use one of {', '.join(QUESTION_TYPES)}.")
    return found


def is_scored_type(name: object) -> bool:
    """False only for a declared unscored type (likert); an unknown name counts as scored,
    so the scorer refuses it rather than skipping it."""
    found = QUESTION_TYPES.get(name) if isinstance(name, str) else None
    return found is None or found.scored


def contract_fields(name: str, data: Mapping) -> dict:
    """The type fields of a question as the player data contract carries them: each of the
    type's ``fields`` that ``data`` holds, else its default; in the type's field order.
    An unknown type gives {}."""
    found = QUESTION_TYPES.get(name)
    if found is None:
        return {}
    out = {}
    for key in found.fields:
        if key in data:
            out[key] = data[key]
        elif key in found.defaults:
            out[key] = found.defaults[key]
    return out

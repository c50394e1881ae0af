"""The question types, each declared once: everything else reads this registry.

A :class:`QuestionType` names a type as it is stored and sent to the player, how authors and
messages call it, the fields of its ``data`` and their defaults, the data of a new question,
whether it is scored and how (its scoring modes), its interaction type for the LMS, whether
GIFT can write it, and the functions that check its data (:mod:`studio.quiz.validators`,
:mod:`studio.quiz.spatial`) and give a response its credit (:mod:`studio.quiz.judges`).
The commands, the question-file readers and writers, the interaction strings, the scorer,
the player data, the editor, the preview and the CLI all read it, so none of them lists the
types again.

Adding a question type means:

1. a validator in :mod:`studio.quiz.validators` (or :mod:`studio.quiz.spatial`) and, if it
   is scored, a credit function in :mod:`studio.quiz.judges`;
2. one :class:`QuestionType` entry below, added to :data:`QUESTION_TYPES`;
3. its player code in ``resources/player`` (rendering, the credit in ``scoring.js``, the
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
from studio.quiz import judges, spatial, validators


@dataclass(frozen=True)
class QuestionType:
    """One question type.

    ``fields`` are its ``data`` keys in the player data contract's order; ``defaults`` the
    values of fields a question may leave out; ``starter`` the data of a new question.
    ``interaction`` is the interaction type of SCORM 2004 RTE 4.2.9.1
    (``cmi.interactions.n.type``; SCORM 1.2 RTE 3.4.3 has all but ``long-fill-in``, which it
    reports as ``fill-in``) and xAPI 1.0.3 §2.4.4.1 (``interactionType``); None: the type is
    no interaction (a description), never tracked nor counted.
    ``options`` names the field whose entries the learner picks from or orders (None: the
    type has no such list). ``several_right``: more than one option may be right.
    ``scoring_modes``: the values of its ``scoring`` field, the default first (empty: the
    type has no such field). ``validate(data, noun) -> data`` raises InvalidEditError;
    ``credit(question, response) -> float`` (0..1, 1 fully right) is None for an unscored
    type.
    """
    name: str
    label: str  # as the editor lists it: "Single choice"
    noun: str  # in messages: "A single choice question needs ..."
    fields: tuple[str, ...]
    starter: Mapping[str, object]
    validate: Callable[[dict, str], dict]
    credit: Callable[[Mapping, object], float] | None
    interaction: str | None
    defaults: Mapping[str, object] = field(default_factory=dict)
    options: str | None = None
    several_right: bool = False
    gift: bool = True
    scoring_modes: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        """Whether a question of this type scores points (it has a credit function)."""
        return self.credit is not None


ALL_OR_NOTHING = "all-or-nothing"
_PER_ITEM = (ALL_OR_NOTHING, "per-item")
_PARTIAL = (ALL_OR_NOTHING, "partial")
_SCORING = {"scoring": ALL_OR_NOTHING}
# How the editor and messages name each scoring mode.
SCORING_LABELS: Mapping[str, str] = MappingProxyType({
    ALL_OR_NOTHING: "All or nothing",
    "partial": "Partial: each right pick adds, each wrong pick takes away",
    "weighted": "Weighted: each choice's own weight",
    "per-item": "Per item: each one placed right counts",
})

_TWO_CHOICES = ({"id": "a", "text": "Option A", "correct": True},
                {"id": "b", "text": "Option B", "correct": False})

CHOICE = QuestionType(
    name="choice", label="Single choice", noun="single choice",
    fields=("choices",), starter={"choices": _TWO_CHOICES},
    validate=validators.check_choices, credit=judges.credit_choice,
    interaction="choice", options="choices")
MULTIPLE = QuestionType(
    name="multiple", label="Multiple response", noun="multiple response",
    fields=("choices", "scoring"), starter={"choices": _TWO_CHOICES},
    validate=validators.check_multiple, credit=judges.credit_multiple,
    interaction="choice", options="choices", several_right=True, defaults=_SCORING,
    scoring_modes=(ALL_OR_NOTHING, "partial", "weighted"))
TRUEFALSE = QuestionType(
    name="truefalse", label="True / false", noun="true/false",
    fields=("answer",), starter={"answer": True},
    validate=validators.check_truefalse, credit=judges.credit_truefalse,
    interaction="true-false")
FILL = QuestionType(
    name="fill", label="Fill in the blank", noun="fill-in-the-blank",
    fields=("answers", "caseSensitive", "normaliseSpace", "partial"),
    starter={"answers": ("answer",)},
    validate=validators.check_fill, credit=judges.credit_fill,
    interaction="fill-in", defaults={"caseSensitive": False, "normaliseSpace": True})
NUMERIC = QuestionType(
    name="numeric", label="Numeric", noun="numeric",
    fields=("value", "tolerance", "min", "max", "partial"), starter={"value": 0, "tolerance": 0},
    validate=validators.check_numeric, credit=judges.credit_numeric,
    interaction="numeric")
MATCHING = QuestionType(
    name="matching", label="Matching", noun="matching",
    fields=("pairs", "scoring"), starter={"pairs": ({"left": "Left 1", "right": "Right 1"},
                                                     {"left": "Left 2", "right": "Right 2"})},
    validate=validators.check_pairs, credit=judges.credit_matching,
    interaction="matching", defaults=_SCORING, scoring_modes=_PER_ITEM)
SEQUENCING = QuestionType(
    name="sequencing", label="Sequencing", noun="sequencing",
    fields=("items", "scoring"), starter={"items": ("First", "Second", "Third")},
    validate=validators.check_sequence, credit=judges.credit_sequencing,
    interaction="sequencing", options="items", gift=False, defaults=_SCORING,
    scoring_modes=_PER_ITEM)
LIKERT = QuestionType(
    name="likert", label="Likert scale", noun="likert",
    fields=("scale",),
    starter={"scale": ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")},
    validate=validators.check_scale, credit=None,  # a survey question: never scored
    interaction="likert", options="scale", gift=False)
HOTSPOT = QuestionType(
    name="hotspot", label="Hotspot", noun="hotspot",
    fields=("image", "imageAlt", "regions", "scoring"),
    starter={"image": None, "regions": (
        {"label": "Region 1", "shape": "rect", "coords": (0.1, 0.1, 0.3, 0.3), "correct": True},
        {"label": "Region 2", "shape": "rect", "coords": (0.6, 0.6, 0.3, 0.3)})},
    validate=spatial.check_hotspot, credit=judges.credit_hotspot,
    interaction="choice", options="regions", several_right=True, gift=False,
    defaults=_SCORING, scoring_modes=_PARTIAL)
DRAGDROP = QuestionType(
    name="dragdrop", label="Drag and drop into categories", noun="drag-and-drop",
    fields=("categories", "items", "scoring"),
    starter={"categories": ("Category 1", "Category 2"),
             "items": ({"text": "Item 1", "category": "k1"},
                       {"text": "Item 2", "category": "k2"})},
    validate=spatial.check_dragdrop, credit=judges.credit_dragdrop,
    interaction="matching", gift=False, defaults=_SCORING, scoring_modes=_PER_ITEM)
ESSAY = QuestionType(
    name="essay", label="Essay / reflection", noun="essay",
    fields=("modelAnswer", "maxLength"), starter={},
    validate=spatial.check_essay, credit=None,  # the learner's text is kept, never scored
    interaction="long-fill-in",
    defaults={"modelAnswer": "", "maxLength": spatial.ESSAY_MAX_LENGTH})
DESCRIPTION = QuestionType(
    name="description", label="Description (text only)", noun="description",
    fields=(), starter={}, validate=spatial.check_description, credit=None,
    interaction=None)  # text between questions: no response, never reported

# Every type by name, in the order the editor and the CLI offer them.
QUESTION_TYPES: Mapping[str, QuestionType] = MappingProxyType({t.name: t for t in (
    CHOICE, MULTIPLE, TRUEFALSE, FILL, NUMERIC, MATCHING, SEQUENCING, LIKERT, HOTSPOT,
    DRAGDROP, ESSAY, DESCRIPTION)})

# The names of the unscored types, as the player's scoring.js lists them (UNSCORED).
UNSCORED = tuple(t.name for t in QUESTION_TYPES.values() if not t.scored)


def question_type(name: object) -> QuestionType:
    """The type called ``name``; raises InvalidEditError listing the types when none is."""
    found = QUESTION_TYPES.get(name) if isinstance(name, str) else None
    if found is None:
        raise InvalidEditError(
            f"Unknown question type {name}; use one of {', '.join(QUESTION_TYPES)}.")
    return found


def is_scored_type(name: object) -> bool:
    """False only for a declared unscored type (:data:`UNSCORED`); an unknown name counts as
    scored, so the scorer refuses it rather than skipping it."""
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

"""The spreadsheet layout for questions, declared once: its columns, what each question type
reads from them, and the template's example rows.

The reader (:mod:`studio.quiz.sheet_rows`), the template writer and the template's "How to
fill" sheet (:mod:`studio.quiz.sheet`) all read these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

MAX_OPTIONS = 8  # option columns the template offers; a sheet may add more


@dataclass(frozen=True)
class Column:
    """One column of the layout: its header (``name``, as the template writes it) and what
    a cell of it holds, in an author's words."""
    name: str
    help: str
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("type", "The question type: one of the names in the table below (or its label, "
           "e.g. 'Single choice'). Required.", "choice"),
    Column("prompt", "The question as the learner reads it (for a description: the text "
           "shown). Required.", "Which planet is closest to the Sun?"),
    Column("points", "What a fully right answer scores: a number from 0 to 10000. Empty: 1.",
           "1"),
    *(Column(f"option {n}", "An answer offered (choice, multiple), an item in its right "
             "place (sequencing), a point of the scale (likert), 'left = right' (matching) or "
             "'item = category' (dragdrop). Fill them from option 1 on."
             if n == 1 else f"Option {n}, as option 1.", "Mercury" if n == 1 else "")
      for n in range(1, MAX_OPTIONS + 1)),
    Column("correct", "choice: the right option's number (1) or its text; multiple: the "
           "numbers of the right options (1,3); truefalse: true or false; fill: the accepted "
           "answers separated by | (Paris|paris); numeric: the value (3.14) or a range "
           "(1..2); essay: a model answer shown after submitting (optional).", "1"),
    Column("weights", "Partial credit in percent, one per option in order (choice, "
           "multiple: 100,50,0; negative numbers take credit away) or per accepted answer "
           "(fill: 100,50). Optional.", ""),
    Column("tolerance", "numeric: how far from the value an answer may be and still count "
           "(0.01). Optional.", ""),
    Column("scoring", "How a multiple, matching, sequencing or dragdrop question is scored; "
           "the modes of each type are listed below. Empty: all-or-nothing (weighted for a "
           "multiple question with weights).", ""),
    Column("case sensitive", "fill: yes when 'paris' must not match 'Paris'. Empty: no.", ""),
    Column("feedback correct", "Shown when the answer is right. Optional.", "Right."),
    Column("feedback incorrect", "Shown when the answer is wrong. Optional.",
           "It is Mercury."),
    Column("general feedback", "Shown after answering, right or wrong. Optional.", ""),
    Column("picture", "A picture, sound or video shown with the prompt: the name of its file, "
           "saved beside the spreadsheet (map.png or pictures/map.png). Optional.", ""),
    Column("picture alt", "What the picture shows, for learners who cannot see it. Needed "
           "with a picture.", ""),
    Column("category", "A category to keep questions apart in a bank. Optional.",
           "Astronomy"),
    Column("title", "A short name for the question in the studio. Optional.", ""),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COMMON = frozenset({"type", "prompt", "points", "feedback correct", "feedback incorrect",
                    "general feedback", "picture", "picture alt", "category",
                    "title"})  # every type reads these

# What each type reads beyond COMMON ("options": the option N columns), with how to fill it.
USES: Mapping[str, tuple[frozenset[str], str]] = MappingProxyType({
    "choice": (frozenset({"options", "correct", "weights"}),
               "options; correct: the right option; weights: optional partial credit"),
    "multiple": (frozenset({"options", "correct", "weights", "scoring"}),
                 "options; correct: the right options (1,3) or weights that sum to 100 over "
                 "the right ones"),
    "truefalse": (frozenset({"correct"}), "correct: true or false"),
    "fill": (frozenset({"correct", "weights", "case sensitive"}),
             "correct: the accepted answers (a|b); weights: optional, one per answer"),
    "numeric": (frozenset({"correct", "tolerance"}),
                "correct: the value and a tolerance, or a range such as 1..2"),
    "matching": (frozenset({"options", "scoring"}), "options: 'left = right', one pair each"),
    "sequencing": (frozenset({"options", "scoring"}), "options: the items in their right order"),
    "likert": (frozenset({"options"}), "options: the points of the scale, lowest first"),
    "dragdrop": (frozenset({"options", "scoring"}),
                 "options: 'item = category', one item each (two categories or more)"),
    "essay": (frozenset({"correct"}), "correct: a model answer (optional)"),
    "description": (frozenset(), "prompt: the text shown between questions"),
})
# Types a row cannot hold, with the reason a notice gives.
NOT_EXPRESSIBLE: Mapping[str, str] = MappingProxyType({
    "hotspot": "a hotspot question needs regions drawn on a picture, which a spreadsheet "
               "cannot hold; add it in the studio's quiz editor",
})
# Other names authors give the types (compared as :func:`type_key` makes them).
TYPE_ALIASES: Mapping[str, str] = MappingProxyType({
    "singlechoice": "choice", "multichoice": "choice", "multipleresponse": "multiple",
    "multipleanswer": "multiple", "tf": "truefalse", "shortanswer": "fill",
    "fillintheblank": "fill", "number": "numeric", "ordering": "sequencing",
    "survey": "likert", "categories": "dragdrop", "dragdropintocategories": "dragdrop",
    "reflection": "essay", "text": "description",
})
# The template's example row of each type, beyond its type column.
EXAMPLES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "choice": {"prompt": "Which planet is closest to the Sun?", "option 1": "Mercury",
               "option 2": "Venus", "option 3": "Earth", "correct": "1",
               "feedback correct": "Right.", "feedback incorrect": "It is Mercury.",
               "category": "Astronomy", "title": "Closest planet"},
    "multiple": {"prompt": "Which of these are prime numbers?", "points": "2",
                 "option 1": "2", "option 2": "4", "option 3": "7", "option 4": "9",
                 "correct": "1,3", "scoring": "partial",
                 "general feedback": "2 and 7 are prime; 4 and 9 are not.",
                 "category": "Numbers"},
    "truefalse": {"prompt": "Water boils at 100 °C at sea level.", "correct": "true",
                  "feedback incorrect": "At sea level it does."},
    "fill": {"prompt": "The capital of France is _____.", "correct": "Paris|Lutetia",
             "weights": "100,50", "general feedback": "Lutetia was its Roman name."},
    "numeric": {"prompt": "What is pi to two decimals?", "correct": "3.14",
                "tolerance": "0.005"},
    "matching": {"prompt": "Match each country with its capital.",
                 "option 1": "France = Paris", "option 2": "Spain = Madrid",
                 "option 3": "Italy = Rome", "scoring": "per-item"},
    "sequencing": {"prompt": "Put the planets in order from the Sun.",
                   "option 1": "Mercury", "option 2": "Venus", "option 3": "Earth",
                   "option 4": "Mars"},
    "likert": {"prompt": "The lesson was clear.", "option 1": "Disagree",
               "option 2": "Neutral", "option 3": "Agree"},
    "dragdrop": {"prompt": "Sort these foods.", "option 1": "Apple = Fruit",
                 "option 2": "Carrot = Vegetable", "option 3": "Banana = Fruit",
                 "option 4": "Leek = Vegetable"},
    "essay": {"prompt": "What will you change in your work after this lesson?",
              "correct": "For example: I will check the label before each use."},
    "description": {"prompt": "The next questions are about the solar system."},
})

_OPTION = re.compile(r"(?:option|choice|answer)\s*(\d+)$")
_HEADER_ALIASES = {"question": "prompt", "question text": "prompt", "text": "prompt",
                   "correct answer": "correct", "correct answers": "correct",
                   "right answer": "correct", "weight": "weights", "score": "points",
                   "correct feedback": "feedback correct",
                   "incorrect feedback": "feedback incorrect", "feedback": "general feedback",
                   "case": "case sensitive", "scoring mode": "scoring", "question type": "type",
                   "media": "picture", "image": "picture", "alt text": "picture alt",
                   "picture alt text": "picture alt"}


def column_key(header: str) -> str:
    """The layout's name for a header cell as an author may write it ("Option_1",
    "OPTION1", "Correct answer" -> "option 1", "option 1", "correct"); a header the layout
    does not know comes back normalised (lower case, single spaces)."""
    key = " ".join(re.sub(r"[_\-]+", " ", header).lower().split())
    option = _OPTION.match(key)
    if option:
        return f"option {int(option.group(1))}"
    return _HEADER_ALIASES.get(key, key)


def option_number(key: str) -> int | None:
    """N for the column key "option N" (N >= 1), else None."""
    if key.startswith("option "):
        number = key[len("option "):]
        if number.isdigit() and int(number) >= 1:
            return int(number)
    return None


def type_key(text: str) -> str:
    """A type cell or label reduced for comparison: lower case, letters and digits only
    ("True / false" -> "truefalse")."""
    return re.sub(r"[^0-9a-z]", "", text.lower())

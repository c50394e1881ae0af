"""Moodle XML's vocabulary, read by both its reader (:mod:`studio.quiz.moodle_xml`) and its
writer (:mod:`studio.quiz.moodle_writer`): the grades Moodle offers, the category path
prefix, the ordering type's grading names and the names of the types we cannot hold.

The format is described at https://docs.moodle.org/en/Moodle_XML_format; an answer's
``fraction`` attribute is its grade in percent of the question's mark.
"""

from __future__ import annotations

import math

from studio.quiz.validators import WEIGHT_SUM_SLACK

PLUGINFILE = "@@PLUGINFILE@@/"  # how question text links to a file carried in the question
COURSE = "$course$/"  # the category path prefix of a course's question bank
COURSE_TOP = COURSE + "top/"  # ... since Moodle 3.5, under its "top" category

# Moodle types with no equivalent here, as Moodle's question bank names them.
MOODLE_NAMES = {
    "calculated": "calculated", "calculatedsimple": "simple calculated",
    "calculatedmulti": "calculated multichoice", "multianswer": "embedded answers (Cloze)",
    "cloze": "embedded answers (Cloze)",
    "randomsamatch": "random short-answer matching", "random": "random question",
    "ddwtos": "drag and drop into text", "gapselect": "select missing words",
    "ddimageortext": "drag and drop onto image", "ddmarker": "drag and drop markers",
}

# The positive grades Moodle offers an answer (question_bank::fraction_options), in
# percent; the negative grades are the same values below zero.
GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
          14.28571, 12.5, 11.11111, 10, 5, 0)
ALL_GRADES = tuple(sorted({*GRADES, *(-g for g in GRADES)}))
# Moodle keeps a fraction to 7 decimals, so a grade is exact within 1e-5 percent
GRADE_SLACK = 1e-4

# qtype_ordering's grading types: ours -> theirs, and theirs -> ours where the credit is
# the same. The relative and subset gradings have no equivalent here.
ORDERING_GRADING = {"all-or-nothing": "ALL_OR_NOTHING", "per-item": "ABSOLUTE_POSITION"}
ORDERING_SCORING = {"ALL_OR_NOTHING": "all-or-nothing", "ABSOLUTE_POSITION": "per-item",
                    "ABSOLUTE": "per-item", "ABS": "per-item"}


def nearest_grade(percent: float) -> tuple[float, bool]:
    """The Moodle grade (percent, from :data:`ALL_GRADES`) nearest to ``percent``, and
    whether it equals ``percent`` within :data:`GRADE_SLACK`. ``percent`` is a finite
    number; out-of-range values give -100 or 100."""
    grade = min(ALL_GRADES, key=lambda g: abs(g - percent))
    return grade, math.isclose(grade, percent, abs_tol=GRADE_SLACK)


def grades_summing_to_100(weights: list[float]) -> list[float] | None:
    """Moodle grades (percent, from :data:`GRADES`) for positive ``weights`` that sum to 100
    (within :data:`~studio.quiz.validators.WEIGHT_SUM_SLACK`, as Moodle's multiple-answer
    check and ours want), each one of the three grades
    nearest its weight, the total distance to the weights as small as it can be; None when
    no such grades exist."""
    slack = round(WEIGHT_SUM_SLACK * 1e5)  # in units of 1e-5 %, Moodle's precision
    best: dict[int, tuple[float, list[float]]] = {0: (0.0, [])}
    for weight in weights:
        nearest = sorted((g for g in GRADES if g > 0), key=lambda g: abs(g - weight))[:3]
        step: dict[int, tuple[float, list[float]]] = {}
        for total, (error, chosen) in best.items():
            for grade in nearest:
                key = total + round(grade * 1e5)
                if key > 10_000_000 + slack:
                    continue
                candidate = (error + abs(grade - weight), [*chosen, grade])
                if key not in step or candidate[0] < step[key][0]:
                    step[key] = candidate
        best = step
    fits = [found for total, found in best.items() if abs(total - 10_000_000) <= slack]
    return min(fits, key=lambda found: found[0])[1] if fits else None


def percent_text(percent: float) -> str:
    """A grade as the ``fraction`` attribute writes it: "100", "-50", "33.33333"."""
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def number_text(value: float) -> str:
    """A number as Moodle reads it back exactly: an integer without ``.0``, else its repr."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def category_path(category: str) -> str:
    """A category as Moodle's ``<category>`` names it: ``$course$/top/`` + our path, or the
    path as given when it already names a Moodle context (``$system$/...``)."""
    return category if category.startswith("$") else COURSE_TOP + category


def category_name(path: str) -> str | None:
    """Our category for a Moodle category path: ``$course$/top/`` (or the older
    ``$course$/``) stripped; None for the top category itself (or an empty path); other
    contexts (``$system$/...``) are kept whole."""
    path = path.strip()
    if path.startswith(COURSE):
        path = path[len(COURSE):].strip("/")
        path = "" if path == "top" else path.removeprefix("top/")
    return path.strip() or None


def default_name(prompt: str) -> str:
    """The name the writer gives a question without a title: its prompt's first 60
    characters on one line (the reader takes such a name for no title)."""
    line = " ".join(prompt.split())
    return line if len(line) <= 60 else line[:59].rstrip() + "…"

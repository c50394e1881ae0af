"""The answers of each Moodle XML question type as question data (the reader's half per
type; :mod:`studio.quiz.moodle_xml` reads the parts every question has).

Each reader takes a :class:`Reader` (the question being read) and returns (our type, data
without the common fields, ``feedback`` holding its right and wrong texts). Grades are
``fraction`` attributes in percent. What follows Moodle's own meaning:

- multichoice ``<single>true``: single choice, each answer's grade its ``weight``;
  ``<single>false``: multiple response scored ``"weighted"`` (Moodle adds the grades of
  the picks and keeps the sum in 0..100 %), or ``"partial"`` when the right answers share
  100 % equally and each wrong one takes back one share (the same credit);
- shortanswer: 100 % answers are the accepted ones, those worth less the ``partial`` ones;
  a lone ``*`` worth nothing carries the feedback for any other answer;
- numerical: the 100 % answer with its tolerance, those worth less ``partial``, ``*`` as
  in shortanswer;
- match: pairs, scored per pair as Moodle does; ordering: its answers in order, scored
  all-or-nothing or per position (``ABSOLUTE_POSITION``).
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from lxml import etree

from studio.quiz.moodle_format import GRADE_SLACK, ORDERING_SCORING
from studio.quiz.validators import WEIGHT_SUM_SLACK


class Skipped(Exception):
    """A question that cannot be kept; the message says why, for its notice."""


class Reader(Protocol):
    """The question being read, as :class:`studio.quiz.moodle_xml.QuestionReader` is."""

    def first(self, tag: str) -> etree._Element | None:
        """The question's first child element named ``tag``."""

    def all(self, tag: str) -> list[etree._Element]:
        """The question's child elements named ``tag``, in order."""

    def field(self, tag: str) -> str:
        """The text of the question's first ``tag`` child, "" when missing."""

    def note(self, what: str) -> None:
        """A notice about something of the question that was not kept."""

    def text(self, holder: etree._Element | None, what: str, where: str | None = None,
             plain: bool = False) -> tuple[str, dict]:
        """The plain text of ``holder`` and the medium it shows, {} when none."""


_WILDCARD = re.compile(r"(?<!\\)\*")


def child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first child named ``path[0]``, then its first named ``path[1]``...; None when
    one is missing. (A loop over the children: several times faster than ``find``.)"""
    for tag in path:
        if element is None:
            return None
        for found in element:
            if found.tag == tag:
                element = found
                break
        else:
            return None
    return element


def children(element: etree._Element | None, tag: str) -> list[etree._Element]:
    """The children named ``tag``, in order."""
    return [] if element is None else [c for c in element if c.tag == tag]


def value(element: etree._Element | None, *path: str) -> str:
    """The text of :func:`child` ``(element, *path)``, "" when it is missing or empty."""
    found = child(element, *path)
    return (found.text or "") if found is not None else ""


def _grade(answer: etree._Element, what: str) -> float:
    raw = (answer.get("fraction") or "0").strip()
    try:
        grade = float(raw)
    except ValueError:
        raise Skipped(f"the grade “{raw}” of {what} is not a number") from None
    if not math.isfinite(grade):
        raise Skipped(f"the grade “{raw}” of {what} is not a number")
    return grade


def _full(grade: float) -> bool:
    return grade >= 100 - GRADE_SLACK


def _feedback(reader: Reader, answer: etree._Element, what: str) -> str:
    return reader.text(child(answer, "feedback"), f"the feedback of {what}")[0]


def combined_feedback(reader: Reader) -> dict:
    """The right and wrong feedback of a question that has Moodle's combined feedback
    (multichoice, match, ordering); a partly-right feedback is noticed."""
    partly, _ = reader.text(reader.first("partiallycorrectfeedback"),
                            "the partly correct feedback")
    if partly:
        reader.note("the feedback for a partly correct response is left out: the feedback "
                    "here is for a right or a wrong response")
    return {"correct": reader.text(reader.first("correctfeedback"), "the correct feedback")[0],
            "incorrect": reader.text(reader.first("incorrectfeedback"),
                                     "the incorrect feedback")[0]}


def multichoice(reader: Reader) -> tuple[str, dict]:
    """Single choice, or multiple response (``<single>false``); see the module text."""
    single = (reader.field("single") or "true").strip()
    choices, grades = [], []
    for n, answer in enumerate(reader.all("answer"), start=1):
        what = f"answer {n}"
        text, media = reader.text(answer, what, f"choice#{len(choices)}")
        if not text and media:
            text = media.get("mediaAlt") or media["media"]
            reader.note(f"{what} shows only a medium; its alternative text (or file name) "
                        "is its text")
        if not text:  # Moodle drops an empty answer too
            continue
        grades.append(_grade(answer, what))
        choices.append({"text": text, "feedback": _feedback(reader, answer, what), **media})
    feedback = combined_feedback(reader)
    if single not in ("false", "0", ""):
        for choice, grade in zip(choices, grades, strict=True):
            choice["weight"] = 100 if _full(grade) else grade
        return "choice", {"choices": choices, "feedback": feedback}
    right = sum(1 for g in grades if g > 0)
    share = 100 / right if right else 0
    if right and all(abs(abs(g) - share) <= WEIGHT_SUM_SLACK for g in grades):
        for choice, grade in zip(choices, grades, strict=True):
            choice["correct"] = grade > 0
        return "multiple", {"choices": choices, "scoring": "partial", "feedback": feedback}
    for choice, grade in zip(choices, grades, strict=True):
        choice["weight"] = grade
    return "multiple", {"choices": choices, "scoring": "weighted", "feedback": feedback}


def truefalse(reader: Reader) -> tuple[str, dict]:
    """True/false: the answer ``true`` (or ``false``) worth 100 % is the right one."""
    found: dict[str, tuple[float, str]] = {}
    guessed = False
    for n, answer in enumerate(reader.all("answer"), start=1):
        word = value(answer, "text").strip().lower()
        if word not in ("true", "false"):
            word, guessed = ("true" if n == 1 else "false"), True
        found[word] = (_grade(answer, f"answer {n}"),
                       _feedback(reader, answer, f"answer {n}"))
    if not found:
        raise Skipped("a true/false question without its true and false answers")
    if guessed:
        reader.note("its answers are not named true and false; the first is taken as true")
    answer = _full(found["true"][0]) if "true" in found else not _full(found["false"][0])
    right, wrong = ("true", "false") if answer else ("false", "true")
    return "truefalse", {"answer": answer, "feedback": {
        "correct": found.get(right, (0, ""))[1], "incorrect": found.get(wrong, (0, ""))[1]}}


def shortanswer(reader: Reader) -> tuple[str, dict]:
    """Fill in the blank: see the module text; ``usecase`` 1 makes it case sensitive."""
    answers: list[str] = []
    partial: list[dict] = []
    feedback = {"correct": "", "incorrect": ""}
    for n, answer in enumerate(reader.all("answer"), start=1):
        what = f"answer {n}"
        text = reader.text(answer, what, plain=True)[0]
        grade, said = _grade(answer, what), _feedback(reader, answer, what)
        if text == "*" and grade <= 0:
            _wrong_feedback(reader, feedback, said, what)
            continue
        if not text:
            continue
        if _WILDCARD.search(text):
            reader.note(f"{what} “{text}” uses Moodle's wildcard *; here it is matched as "
                        "written")
        text = text.replace("\\*", "*")
        if _full(grade):
            answers.append(text)
            _right_feedback(reader, feedback, said, what)
        elif grade > 0:
            partial.append({"text": text, "weight": grade})
            _lost_feedback(reader, said, what)
        else:
            _left_out(reader, what, text, grade, said)
    if not answers:
        raise Skipped("no answer is worth 100 %")
    usecase = (reader.field("usecase") or "0").strip() in ("1", "true")
    return "fill", {"answers": answers, "caseSensitive": usecase, "feedback": feedback,
                    **({"partial": partial} if partial else {})}


def numerical(reader: Reader) -> tuple[str, dict]:
    """Numeric: see the module text; units are noticed (answers are plain numbers here)."""
    mains: list[tuple[float, float]] = []
    partial: list[dict] = []
    feedback = {"correct": "", "incorrect": ""}
    for n, answer in enumerate(reader.all("answer"), start=1):
        what = f"answer {n}"
        text = (value(answer, "text") or answer.text or "").strip() or "*"
        grade, said = _grade(answer, what), _feedback(reader, answer, what)
        if text == "*":
            if grade <= 0:
                _wrong_feedback(reader, feedback, said, what)
            else:
                reader.note(f"{what} (* worth {grade:g} %: any number) is left out")
            continue
        number = _number(text, what)
        tolerance = abs(_number(value(answer, "tolerance") or "0", f"the tolerance of {what}"))
        if _full(grade) and not mains:
            mains.append((number, tolerance))
            _right_feedback(reader, feedback, said, what)
        elif _full(grade):
            reader.note(f"{what} “{text}” is left out: a numeric question has one fully right "
                        "answer here")
        elif grade > 0:
            partial.append({"value": number, "tolerance": tolerance, "weight": grade})
            _lost_feedback(reader, said, what)
        else:
            _left_out(reader, what, text, grade, said)
    if not mains:
        raise Skipped("no answer is worth 100 %")
    units = [value(u, "unit_name").strip() for u in
             children(reader.first("units"), "unit")]
    if any(units):
        reader.note(f"the units {', '.join(u for u in units if u)} are left out: answers are "
                    "plain numbers here")
    if reader.text(reader.first("instructions"), "the instructions")[0]:
        reader.note("the instructions about units are left out")
    return "numeric", {"value": mains[0][0], "tolerance": mains[0][1], "feedback": feedback,
                       **({"partial": partial} if partial else {})}


def match(reader: Reader) -> tuple[str, dict]:
    """Matching, scored per pair (Moodle's grading); an answer without an item is noticed."""
    pairs, extras = [], []
    for n, sub in enumerate(reader.all("subquestion"), start=1):
        left = reader.text(sub, f"item {n}")[0]
        right = " ".join(value(sub, "answer", "text").split())
        if left and right:
            pairs.append({"left": left, "right": right})
        elif right:
            extras.append(f"“{right}”")
    if extras:
        reader.note(f"the extra answer{'s' if len(extras) > 1 else ''} {', '.join(extras)} "
                    "(matching no item) left out: here every answer matches an item")
    return "matching", {"pairs": pairs, "scoring": "per-item",
                        "feedback": combined_feedback(reader)}


def ordering(reader: Reader) -> tuple[str, dict]:
    """Sequencing: the answers in the order their ``fraction`` gives (Moodle's own use)."""
    answers = reader.all("answer")
    ranked = sorted(range(len(answers)), key=lambda i: _order(answers[i]))
    items = []
    for position in ranked:
        what = f"item {position + 1}"
        text = reader.text(answers[position], what)[0]
        _lost_feedback(reader, _feedback(reader, answers[position], what), what)
        if text:
            items.append(text)
    grading = reader.field("gradingtype").strip().upper()
    scoring = ORDERING_SCORING.get(grading)
    if scoring is None:
        scoring = "per-item"
        reader.note(f"Moodle's '{grading or 'RELATIVE_NEXT_EXCLUDE_LAST'}' grading becomes "
                    "credit per item in its right position")
    select = (reader.field("selecttype") or reader.field("logical")).strip()
    count = (reader.field("selectcount") or reader.field("studentsee") or "0").strip()
    if select.upper() not in ("ALL", "EXACT", "0") and count.isdigit() and \
            0 < int(count) < len(items):
        reader.note(f"Moodle showed {count} of the {len(items)} items; all are asked here")
    return "sequencing", {"items": items, "scoring": scoring,
                          "feedback": combined_feedback(reader)}


def essay(reader: Reader) -> tuple[str, dict]:
    """Essay: the information for graders becomes the model answer (with a notice, as
    learners see it); attachments, templates and word limits are noticed."""
    model = reader.text(reader.first("graderinfo"), "the information for graders")[0]
    if model:
        reader.note("the information for graders is kept as the model answer, which "
                    "learners see after answering: check that it is meant for them")
    template = reader.text(reader.first("responsetemplate"), "the response template")[0]
    if template:
        reader.note("the response template is left out")
    attachments = (reader.field("attachments") or "0").strip()
    if attachments not in ("0", "") or reader.field("responseformat") == "noinline":
        reader.note("file attachments are left out: the learner writes text here")
    for tag, noun in (("minwordlimit", "least"), ("maxwordlimit", "most")):
        limit = reader.field(tag).strip()
        if limit not in ("", "0"):
            reader.note(f"the limit of at {noun} {limit} words is left out")
    return "essay", {"modelAnswer": model, "feedback": {}}


def description(reader: Reader) -> tuple[str, dict]:
    """Description: the question text only."""
    return "description", {"feedback": {}}


# Moodle type -> its reader (Moodle exports "matching", reads "match" too); a type not
# here has no equivalent.
READERS = {"multichoice": multichoice, "truefalse": truefalse, "shortanswer": shortanswer,
           "numerical": numerical, "matching": match, "match": match, "ordering": ordering,
           "essay": essay, "description": description}


def _order(answer: etree._Element) -> float:
    try:
        return float(answer.get("fraction") or 0)
    except ValueError:
        return 0.0


def _number(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise Skipped(f"{what} “{text.strip()}” is not a number") from None
    if not math.isfinite(value):
        raise Skipped(f"{what} “{text.strip()}” is not a number")
    return value


def _right_feedback(reader: Reader, feedback: dict, said: str, what: str) -> None:
    if said and not feedback["correct"]:
        feedback["correct"] = said
    elif said and said != feedback["correct"]:
        reader.note(f"the feedback of {what} is left out: one feedback is kept for every "
                    "right answer")


def _wrong_feedback(reader: Reader, feedback: dict, said: str, what: str) -> None:
    if said and not feedback["incorrect"]:
        feedback["incorrect"] = said
    elif said and said != feedback["incorrect"]:
        reader.note(f"the feedback of {what} is left out: one feedback is kept for every "
                    "wrong answer")


def _lost_feedback(reader: Reader, said: str, what: str) -> None:
    if said:
        reader.note(f"the feedback of {what} is left out: a partly right answer or an item "
                    "has no feedback of its own here")


def _left_out(reader: Reader, what: str, text: str, grade: float, said: str) -> None:
    reader.note(f"{what} “{text}” (worth {grade:g} %) is left out: any answer not listed "
                "scores 0" + (", and its feedback with it" if said else ""))

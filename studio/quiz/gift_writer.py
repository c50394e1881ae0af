"""Writing questions as GIFT, so that reading the text back gives the same questions.

What GIFT cannot say is left out or simplified: points, media (and its alternative
text), fill-in case and space
options, and questions of a type GIFT cannot hold (``gift`` False in
:mod:`studio.quiz.types`; written as a comment naming them). The general
feedback (``####``, shown to every learner) is written from the "general" feedback; a
true/false question's wrong and right feedback go in its two ``#`` slots and a short or
numeric answer's own feedback carries the "correct" one. A question without general
feedback whose right or wrong feedback has no GIFT slot (choice, multiple, matching) has it
written as the general feedback, the nearest GIFT can say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from studio.errors import InvalidEditError, NotFoundError
from studio.model import Course, Question, Quiz
from studio.quiz.questions import BLANK
from studio.quiz.types import (
    CHOICE,
    DESCRIPTION,
    ESSAY,
    FILL,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    QUESTION_TYPES,
    TRUEFALSE,
)

_SPECIAL = "\\~=#{}:"


class CourseSource(Protocol):
    """Anything that gives the current course, such as an open project."""

    def course(self) -> Course:
        """The course as it stands."""
        ...


def escape(text: str) -> str:
    """GIFT text with its special characters (``\\~=#{}:``) escaped; a blank or ``//`` line
    inside the text is written as ``\\n`` so it neither ends the question nor comments."""
    out = "".join("\\" + c if c in _SPECIAL else c for c in text)
    lines = out.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        # A blank line would end the question and a // line would be read as a comment
        stripped = line.strip()
        joined += ("\\n" if not stripped or stripped.startswith("//") else "\n") + line
    return joined


def number(value: float) -> str:
    """A number as GIFT reads it back exactly: an integer without ``.0``, else its repr."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _feedback(data: dict) -> tuple[str, str]:
    feedback = data.get("feedback") or {}
    return feedback.get("correct", ""), feedback.get("incorrect", "")


def _own(data: dict) -> str:
    """The feedback a right short or numeric answer carries itself (when it is its own)."""
    correct, incorrect = _feedback(data)
    return correct if correct and correct != incorrect else ""


def _general(data: dict, own: str = "", slots: bool = False) -> str:
    text = (data.get("feedback") or {}).get("general", "")
    if not text and not slots:
        correct, incorrect = _feedback(data)
        text = incorrect if own else incorrect or correct
    return f"\n####{escape(text)}" if text else ""


def _answer_feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _answers(qtype: str, data: dict) -> str:
    correct, incorrect = _feedback(data)
    own = _own(data) if qtype in (FILL.name, NUMERIC.name) else ""
    if qtype == TRUEFALSE.name:
        slots = f"#{escape(incorrect)}#{escape(correct)}" if correct or incorrect else ""
        general = _general(data, slots=True).lstrip("\n")
        return f"{{{'TRUE' if data['answer'] else 'FALSE'}{slots}{general}}}"
    if qtype == ESSAY.name:
        return "{" + _general(data, slots=True).lstrip("\n") + "}"
    if qtype == CHOICE.name:
        lines = [f"{'=' if c['correct'] else '~'}{escape(c['text'])}"
                 f"{_answer_feedback(c.get('feedback', ''))}" for c in data["choices"]]
    elif qtype == MULTIPLE.name:
        share = _weight(100 / sum(1 for c in data["choices"] if c["correct"]))
        lines = [f"~%{share if c['correct'] else '-100'}%{escape(c['text'])}"
                 f"{_answer_feedback(c.get('feedback', ''))}" for c in data["choices"]]
    elif qtype == FILL.name:
        lines = [f"={escape(a)}" for a in data["answers"]]
        lines[0] += _answer_feedback(own)
    elif qtype == MATCHING.name:
        lines = [f"={escape(p['left'])} -> {escape(p['right'])}" for p in data["pairs"]]
    else:  # numeric
        if data.get("value") is not None:
            tolerance = data.get("tolerance") or 0
            spec = number(data["value"]) + (f":{number(tolerance)}" if tolerance else "")
        else:
            spec = f"{number(data['min'])}..{number(data['max'])}"
        return f"{{#{spec}{_answer_feedback(own)}{_general(data, own)}}}"
    return "{\n" + "\n".join("\t" + line for line in lines) + _general(data, own) + "\n}"


def write_question(question: Question) -> str:
    """One question as a GIFT block (no trailing newline); a type GIFT cannot hold becomes a
    ``//`` comment naming it and the prompt's first line."""
    data = question.data
    kind = QUESTION_TYPES.get(question.type)
    if kind is None or not kind.gift:
        first_line = " ".join(question.prompt.split())
        return f"// Not exported: GIFT has no {question.type} questions: {first_line}"
    title = f"::{escape(data['title'])}::" if data.get("title") else ""
    if question.type == DESCRIPTION.name:  # GIFT's description: a question without answers
        return title + escape(question.prompt)
    answers = _answers(question.type, data)
    prompt = question.prompt
    at = prompt.find(BLANK)
    before, after = prompt[:at].strip(), prompt[at + len(BLANK):].strip()
    if at >= 0 and after:
        body = f"{escape(before)} {answers} {escape(after)}".strip()
    else:
        body = f"{escape(prompt)} {answers}"
    return title + body


def write_gift(questions: Iterable[Question]) -> str:
    """Questions as a GIFT file's text: blocks separated by blank lines, a ``$CATEGORY:``
    line wherever the category changes, a final newline."""
    parts, category = [], None
    for question in questions:
        wanted = question.data.get("category")
        if wanted != category:
            parts.append(f"$CATEGORY: {wanted or ''}".rstrip())
            category = wanted
        parts.append(write_question(question))
    return "\n\n".join(parts) + "\n"


def export_gift(project: CourseSource, quiz_id: str) -> str:
    """A quiz's questions (its ordered ones, then its bank) as GIFT text.

    Raises NotFoundError when no item has ``quiz_id``, InvalidEditError when it is no quiz."""
    item = project.course().find(quiz_id)
    if item is None:
        raise NotFoundError(f"No quiz with id {quiz_id}.")
    if not isinstance(item, Quiz):
        raise InvalidEditError(f"{item.title} is not a quiz.")
    ordered = sorted(item.questions, key=lambda q: q.pool == "bank")
    return write_gift(ordered)

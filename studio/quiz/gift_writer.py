"""Writing questions as GIFT, so that reading the text back gives the same questions.

Weights are written as GIFT weights (``~%50%``, short and numeric ``=%50%`` answers); a
multiple response question scored "partial" as equal shares (right answers +100/R %, wrong
ones -100/R %), one scored "weighted" with its weights. A question's picture is written by
reference (``[html]<img src="name" alt="...">``) when the writer is given its file name
(:class:`~studio.quiz.source.QuestionOut`). What GIFT cannot say is left out or simplified,
and :mod:`studio.quiz.gift_losses` names it: points (one notice for the file), other media,
fill-in case and space options, all-or-nothing multiple response (written with weights),
per-item matching, an essay's model answer, and questions of a type GIFT cannot hold
(``gift`` False in :mod:`studio.quiz.types`; written as a comment naming them). The general
feedback (``####``, shown to every learner) is written from the "general" feedback; a
true/false question's wrong and right feedback go in its two ``#`` slots and a short or
numeric answer's own feedback carries the "correct" one. A question without general
feedback whose right or wrong feedback has no GIFT slot (choice, multiple, matching) has it
written as the general feedback, the nearest GIFT can say.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Protocol

from studio.errors import InvalidEditError, NotFoundError
from studio.model import Course, Question, Quiz
from studio.quiz.gift_losses import gift_losses, points_notice
from studio.quiz.questions import BLANK
from studio.quiz.source import QuestionOut, question_name
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


def weight_text(value: float) -> str:
    """A weight (percent) as GIFT's ``%...%`` reads it back: digits and a point, no
    exponent; exact when the number allows it."""
    text = number(value)
    return text if "e" not in text else f"{value:.10f}".rstrip("0").rstrip(".")


def _choice_line(choice: dict, weight: float | None) -> str:
    """``=text`` (weight None: right), ``~text`` (0), else ``~%weight%text``; with its
    feedback."""
    mark = "=" if weight is None else "~" if weight == 0 else f"~%{weight_text(weight)}%"
    return f"{mark}{escape(choice['text'])}{_answer_feedback(choice.get('feedback', ''))}"


def _multiple_weights(data: dict) -> list[float]:
    """The weight of each choice: its own ("weighted"), else +100/R for the right ones and
    -100/R ("partial") or -100 (all-or-nothing, which GIFT cannot say) for the others."""
    choices = data["choices"]
    if data.get("scoring") == "weighted":
        return [c.get("weight", 0) for c in choices]
    share = 100 / sum(1 for c in choices if c["correct"])
    wrong = -share if data.get("scoring") == "partial" else -100
    return [share if c["correct"] else wrong for c in choices]


def _numeric_spec(value: dict) -> str:
    """``value:tolerance`` (no tolerance when 0) or ``min..max``."""
    if value.get("value") is not None:
        tolerance = value.get("tolerance") or 0
        return number(value["value"]) + (f":{number(tolerance)}" if tolerance else "")
    return f"{number(value['min'])}..{number(value['max'])}"


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
        lines = [_choice_line(c, None if c["correct"] else c.get("weight", 0))
                 for c in data["choices"]]
    elif qtype == MULTIPLE.name:
        lines = [_choice_line(c, w)
                 for c, w in zip(data["choices"], _multiple_weights(data), strict=True)]
    elif qtype == FILL.name:
        lines = [f"={escape(a)}" for a in data["answers"]]
        lines[0] += _answer_feedback(own)
        lines += [f"=%{weight_text(p['weight'])}%{escape(p['text'])}"
                  for p in data.get("partial") or []]
    elif qtype == MATCHING.name:
        lines = [f"={escape(p['left'])} -> {escape(p['right'])}" for p in data["pairs"]]
    else:  # numeric
        spec = _numeric_spec(data)
        partial = data.get("partial") or []
        if not partial:
            return f"{{#{spec}{_answer_feedback(own)}{_general(data, own)}}}"
        answers = [f"={spec}{_answer_feedback(own)}"] + [
            f"=%{weight_text(p['weight'])}%{_numeric_spec(p)}" for p in partial]
        return f"{{#{' '.join(answers)}{_general(data, own)}}}"
    return "{\n" + "\n".join("\t" + line for line in lines) + _general(data, own) + "\n}"


def _prompt_text(prompt: str, picture: tuple[str, str] | None) -> str:
    """Prompt text as GIFT writes it; with a picture (file name, alt text), as ``[html]``
    text showing it first."""
    if picture is None:
        return escape(prompt)
    return escape(html.escape(prompt, quote=False).replace("\n", "<br>"))


def write_question(question: Question | QuestionOut) -> str:
    """One question as a GIFT block (no trailing newline); a type GIFT cannot hold becomes a
    ``//`` comment naming it and the prompt's first line. A picture on the prompt is
    written by reference when ``question`` gives its file (:func:`picture_file`)."""
    data = question.data
    kind = QUESTION_TYPES.get(question.type)
    if kind is None or not kind.gift:
        first_line = " ".join(question.prompt.split())
        return f"// Not exported: {question.type} questions are not expressible in GIFT: " \
               f"{first_line}"
    title = f"::{escape(data['title'])}::" if data.get("title") else ""
    picture = picture_file(question)
    if picture is not None:
        name, alt = (html.escape(part) for part in picture)
        title += escape(f'[html]<img src="{name}" alt="{alt}"><br>')
    if question.type == DESCRIPTION.name:  # GIFT's description: a question without answers
        return title + _prompt_text(question.prompt, picture)
    answers = _answers(question.type, data)
    prompt = question.prompt
    at = prompt.find(BLANK)
    before, after = prompt[:at].strip(), prompt[at + len(BLANK):].strip()
    if at >= 0 and after:
        # GIFT's reader keeps the spacing after the answers, so "_____." stays unspaced
        gap = " " if prompt[at + len(BLANK):at + len(BLANK) + 1].isspace() else ""
        body = (f"{_prompt_text(before, picture)} {answers}{gap}"
                f"{_prompt_text(after, picture)}").strip()
    else:
        body = f"{_prompt_text(prompt, picture)} {answers}"
    return title + body


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def picture_file(question: Question | QuestionOut) -> tuple[str, str] | None:
    """(file name, alt text) of the picture on a question's prompt, when the question
    carries its file (``QuestionOut.files``) and the file is an image
    (:data:`IMAGE_SUFFIXES`); None otherwise."""
    files = getattr(question, "files", None) or {}
    media = question.data.get("media")
    if media not in files:
        return None
    name = files[media][0]
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return None
    return name, str(question.data.get("mediaAlt") or "")


def write_gift(questions: Iterable[Question | QuestionOut]) -> str:
    """Questions as a GIFT file's text: blocks separated by blank lines, a ``$CATEGORY:``
    line wherever the category changes (an empty one only to end a category before
    questions without one; none before the first such question), a final newline."""
    parts, category = [], None
    for question in questions:
        wanted = question.data.get("category") or None
        if wanted != category:
            parts.append(f"$CATEGORY: {wanted or ''}".rstrip())
            category = wanted
        parts.append(write_question(question))
    return "\n\n".join(parts) + "\n"


def write_gift_file(questions: Sequence[Question | QuestionOut],
                    title: str = "") -> tuple[bytes, list[str]]:
    """Questions as a GIFT file (UTF-8 bytes of :func:`write_gift`) and the notices: one
    naming the questions whose points were not kept
    (:func:`studio.quiz.gift_losses.points_notice`), then, for each question, what GIFT
    could not hold of it ("question 3 'Planets': its model answer is not expressible in
    GIFT"; :func:`studio.quiz.gift_losses.gift_losses`). ``title`` is unused: GIFT files
    have no title."""
    notices = points_notice(questions) + [
        f"question {number} '{question_name(question)}': {loss}"
        for number, question in enumerate(questions, start=1)
        for loss in gift_losses(question, picture_file(question) is not None)]
    return write_gift(questions).encode("utf-8"), notices


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

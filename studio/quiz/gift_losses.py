"""What a GIFT file cannot hold of a question, named for the author: the notices of a GIFT
export (:func:`studio.quiz.gift_writer.write_gift_file`).

Each rule reads the question's stored data and says, in a phrase, what the written GIFT
leaves out or changes; a question GIFT holds entirely has none.
"""

from __future__ import annotations

from collections.abc import Sequence

from studio.model import Question
from studio.quiz.source import QuestionOut, question_name
from studio.quiz.types import (
    CHOICE,
    DESCRIPTION,
    DRAGDROP,
    ESSAY,
    FILL,
    MATCHING,
    MULTIPLE,
    QUESTION_TYPES,
    TRUEFALSE,
)

# Types with no feedback slot of their own for a right or a wrong answer: GIFT writes one of
# the two as general feedback when the question has none (an essay or description never).
_NO_SLOTS = (CHOICE.name, MULTIPLE.name, MATCHING.name)
_UNSLOTTED = (ESSAY.name, DESCRIPTION.name)


def _feedback_losses(qtype: str, data: dict) -> list[str]:
    """What becomes of a question's right and wrong feedback, mirroring the writer: a short
    or numeric answer carries a right feedback of its own; else, without general feedback,
    the wrong one (or the right one when there is no wrong one) is written as general
    feedback; the rest is lost."""
    feedback = data.get("feedback") or {}
    right, wrong = feedback.get("correct", ""), feedback.get("incorrect", "")
    if qtype == TRUEFALSE.name or not (right or wrong):
        return []
    if right == wrong:  # one text for both: one name
        texts = {"right/wrong feedback": right}
    else:
        texts = {"right-answer feedback": right, "wrong-answer feedback": wrong}
    texts = {name: text for name, text in texts.items() if text}
    if qtype not in _NO_SLOTS + _UNSLOTTED and right != wrong:
        texts.pop("right-answer feedback", None)  # fill, numeric: its own slot
    general = None
    if not feedback.get("general") and qtype not in _UNSLOTTED:
        general = "wrong-answer feedback" if "wrong-answer feedback" in texts else next(
            iter(texts), None)
    return [f"{name} written as general feedback" if name == general
            else f"its {name} is not expressible in GIFT" for name in texts]


def _media_losses(question: Question | QuestionOut, picture_written: bool) -> list[str]:
    data, out = question.data, []
    files = getattr(question, "files", None) or {}
    media = data.get("media")
    if media and picture_written:
        out.append(f"its picture is written by reference ({files[media][0]}): keep that "
                   "file beside the GIFT file")
    elif media:
        out.append(f"the media on its prompt{_alt(data)} is not expressible in GIFT")
    for key, noun in (("choices", "choice"), ("items", "item")):
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and entry.get("media"):
                out.append(f"the media of {noun} {entry.get('id')}{_alt(entry)} is not "
                           "expressible in GIFT")
    return out


def _alt(entry: dict) -> str:
    """`` (alt text 'A map')`` when ``entry`` has alt text for its media, else ''."""
    alt = entry.get("mediaAlt")
    return f" (alt text '{alt}')" if alt else ""


def gift_losses(question: Question | QuestionOut, picture_written: bool = False) -> list[str]:
    """What GIFT cannot hold of ``question`` but its points (:func:`points_notice`), each a
    phrase ("its model answer is not expressible in GIFT"); ``picture_written``: its
    prompt's picture went in by reference. [] when GIFT holds all of it."""
    kind = QUESTION_TYPES.get(question.type)
    if kind is None or not kind.gift:
        label = kind.label.lower() if kind is not None else question.type
        return [f"{label} questions are not expressible in GIFT; written as a comment"]
    data, out = question.data, []
    out += _media_losses(question, picture_written)
    scoring = data.get("scoring", kind.defaults.get("scoring"))
    if question.type == MULTIPLE.name and scoring == kind.scoring_modes[0]:
        out.append("all-or-nothing scoring is not expressible in GIFT; written with weights, "
                   "which give part marks")
    if question.type in (MATCHING.name, DRAGDROP.name) and scoring == "per-item":
        out.append("per-item scoring is not expressible in GIFT")
    if question.type == FILL.name:
        if data.get("caseSensitive"):
            out.append("case-sensitive matching is not expressible in GIFT")
        if data.get("normaliseSpace") is False:
            out.append("matching spaces exactly is not expressible in GIFT")
    if question.type == ESSAY.name:
        if data.get("modelAnswer"):
            out.append("its model answer is not expressible in GIFT")
        longest = ESSAY.defaults["maxLength"]
        if data.get("maxLength", longest) != longest:
            out.append(f"its longest answer ({data['maxLength']} characters) is not "
                       "expressible in GIFT")
    return out + _feedback_losses(question.type, data)


def _expressible(qtype: str) -> bool:
    kind = QUESTION_TYPES.get(qtype)
    return kind is not None and kind.gift


def points_notice(questions: Sequence[Question | QuestionOut]) -> list[str]:
    """One notice naming every question whose points are not 1, which GIFT cannot say
    ("points not kept (GIFT has none): question 2 'Planets' (2 pt), ..."; numbered from 1;
    questions written as comments are named by :func:`gift_losses` instead); [] when all
    are worth 1 point."""
    worth = [f"question {at} '{question_name(question)}' ({question.points:g} pt)"
             for at, question in enumerate(questions, start=1)
             if question.points != 1 and _expressible(question.type)]
    return [f"points not kept (GIFT has none): {', '.join(worth)}"] if worth else []

"""What a GIFT file cannot hold of a question, named for the author: the notices of a GIFT
export (:func:`studio.quiz.gift_writer.write_gift_file`).

Each rule reads the question's stored data and says, in a phrase, what the written GIFT
leaves out or changes; a question GIFT holds entirely has none.
"""

from __future__ import annotations

from studio.model import Question
from studio.quiz.source import QuestionOut
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
# the two as general feedback when the question has none.
_NO_SLOTS = (CHOICE.name, MULTIPLE.name, MATCHING.name, ESSAY.name, DESCRIPTION.name)


def _feedback_losses(qtype: str, data: dict) -> list[str]:
    feedback = data.get("feedback") or {}
    right, wrong = feedback.get("correct", ""), feedback.get("incorrect", "")
    general = feedback.get("general", "")
    if qtype == TRUEFALSE.name:
        return []
    if qtype in _NO_SLOTS:
        lost = [right, wrong] if general else [right] if wrong and right != wrong else []
    else:  # fill, numeric: a right answer carries its own feedback
        lost = [wrong] if wrong and (general or right == wrong) and wrong != right else []
    names = {right: "right-answer feedback", wrong: "wrong-answer feedback"}
    return [f"its {names[text]} is not expressible in GIFT" for text in lost if text]


def _media_losses(question: Question | QuestionOut, picture_written: bool) -> list[str]:
    data, out = question.data, []
    files = getattr(question, "files", None) or {}
    media = data.get("media")
    if media and picture_written:
        out.append(f"its picture is written by reference ({files[media][0]}): keep that "
                   "file beside the GIFT file")
    elif media:
        out.append("the media on its prompt is not expressible in GIFT")
    for key, noun in (("choices", "choice"), ("items", "item")):
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and entry.get("media"):
                out.append(f"the media of {noun} {entry.get('id')} is not expressible in GIFT")
    return out


def gift_losses(question: Question | QuestionOut, picture_written: bool = False) -> list[str]:
    """What GIFT cannot hold of ``question``, each a phrase ("its points (2) are not
    expressible in GIFT"); ``picture_written``: its prompt's picture went in by reference.
    [] when GIFT holds all of it."""
    kind = QUESTION_TYPES.get(question.type)
    if kind is None or not kind.gift:
        label = kind.label.lower() if kind is not None else question.type
        return [f"{label} questions are not expressible in GIFT; written as a comment"]
    data, out = question.data, []
    if question.points != 1:
        out.append(f"its points ({question.points:g}) are not expressible in GIFT")
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

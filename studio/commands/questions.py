"""Question edits: change, remove, reorder, move between a quiz's ordered list and its bank.

Adding is :func:`studio.commands.content.add_question`; :func:`add_questions` adds many as
one undo step (an import). Every edit re-checks the whole question, so a question is never
stored in a shape the player or the scorer cannot read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from studio.commands._base import _children, _insert_at, _place, _require, new_id
from studio.commands.content import check_media
from studio.errors import InvalidEditError
from studio.quiz.questions import normalise_feedback, normalise_question
from studio.quiz.source import ParsedQuestion
from studio.store import Project, dumps


def add_questions(project: Project, quiz_id: str, questions: Sequence[ParsedQuestion],
                  pool: str = "quiz", name: str = "Add questions") -> list[str]:
    """Append several questions to a quiz as one undo step: all of them, or none.

    Returns the new question ids in order. Raises InvalidEditError when a question's data
    does not check (:func:`studio.quiz.questions.normalise_question`), the item is no quiz
    or ``pool`` is not 'quiz' or 'bank'; NotFoundError when there is no such item."""
    if pool not in ("quiz", "bank"):
        raise InvalidEditError("A question's pool is 'quiz' or 'bank'.")
    checked = [normalise_question(q.type, q.prompt, q.points, q.data) for q in questions]
    with project.edit(name) as tx:
        row = _require(tx, "items", quiz_id, "item")
        if row["kind"] != "quiz":
            raise InvalidEditError(f"{row['title']} is a {row['kind']}; questions go in quizzes.")
        start = len(_children(tx, "questions", "item_id", quiz_id))
        ids = []
        for offset, (question, (prompt, points, data)) in enumerate(
                zip(questions, checked, strict=True)):
            check_media(tx, data)
            ids.append(new_id("q"))
            tx.insert("questions", {
                "id": ids[-1], "item_id": quiz_id, "position": start + offset, "pool": pool,
                "cue_id": None, "type": question.type, "prompt": prompt, "points": points,
                "data": dumps(data)})
        return ids


def edit_question(project: Project, question_id: str, *, prompt: str | None = None,
                  points: float | None = None, data: dict | None = None,
                  type: str | None = None) -> None:
    """Change a question's prompt, points, answers (its data) or type; None keeps a part.

    The whole question is checked again against its (new) type, so changing the type
    usually needs new data. Raises InvalidEditError or NotFoundError."""
    with project.edit("Edit question") as tx:
        row = _require(tx, "questions", question_id, "question")
        new_type = type or row["type"]
        if data is None:
            data = json.loads(row["data"])
        new_prompt, new_points, new_data = normalise_question(
            new_type, row["prompt"] if prompt is None else prompt,
            row["points"] if points is None else points, data)
        check_media(tx, new_data)
        tx.update("questions", question_id, type=new_type, prompt=new_prompt,
                  points=new_points, data=dumps(new_data))


def set_feedback(project: Project, question_id: str, correct: str | None = None,
                 incorrect: str | None = None, general: str | None = None) -> None:
    """Set the overall feedback shown after a right or a wrong answer, and the general
    feedback shown after any answer ("" removes it); None keeps one.

    Raises InvalidEditError for non-text feedback, NotFoundError for an unknown id."""
    with project.edit("Edit feedback") as tx:
        data = json.loads(_require(tx, "questions", question_id, "question")["data"])
        old = normalise_feedback(data.get("feedback"))
        feedback = normalise_feedback({
            "correct": old["correct"] if correct is None else correct,
            "incorrect": old["incorrect"] if incorrect is None else incorrect,
            "general": old.get("general", "") if general is None else general})
        edit_question(project, question_id, data={**data, "feedback": feedback})


def remove_question(project: Project, question_id: str) -> None:
    """Remove a question; its siblings close the gap. Raises NotFoundError for an unknown id."""
    with project.edit("Remove question") as tx:
        row = _require(tx, "questions", question_id, "question")
        tx.delete("questions", question_id)
        _place(tx, "questions", "item_id", row["item_id"],
               _children(tx, "questions", "item_id", row["item_id"]))


def move_question(project: Project, question_id: str, index: int,
                  merge_key: str | None = None) -> None:
    """Put a question at a position among its item's questions (a drag: pass a merge key)."""
    with project.edit("Reorder questions", merge_key=merge_key) as tx:
        row = _require(tx, "questions", question_id, "question")
        siblings = [q for q in _children(tx, "questions", "item_id", row["item_id"])
                    if q != question_id]
        _place(tx, "questions", "item_id", row["item_id"],
               _insert_at(siblings, question_id, index))


def set_pool(project: Project, question_id: str, pool: str) -> None:
    """Move a quiz question between the ordered list ('quiz') and the bank ('bank')."""
    if pool not in ("quiz", "bank"):
        raise InvalidEditError("A question's pool is 'quiz' or 'bank'.")
    with project.edit("Move to bank" if pool == "bank" else "Move out of bank") as tx:
        row = _require(tx, "questions", question_id, "question")
        if row["cue_id"] is not None:
            raise InvalidEditError("A question at a cue point is asked there; only quiz "
                                   "questions go to a bank.")
        tx.update("questions", question_id, pool=pool)


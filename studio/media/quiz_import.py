"""Question files into a quiz: GIFT, Aiken, Moodle XML, QTI 2.1/3.0 and spreadsheets (the
readers are :mod:`studio.quiz.exchange`'s).

All or nothing: the whole file is read and checked first (``studio.quiz.importer``), then
every question is added, with the pictures and sounds it carries, in one undo step; a file
with an error adds nothing. What a file holds but the studio cannot keep is left out and
listed in the parsed file's notices.
"""

from __future__ import annotations

from pathlib import Path

from studio.commands.questions import add_questions
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.question_images import attach_images, check_beside
from studio.model import Quiz
from studio.quiz.importer import read_question_file
from studio.quiz.sheet import SHEET_SUFFIXES
from studio.quiz.source import ParsedFile
from studio.store import Project


def check_quiz(project: Project, quiz_id: str) -> Quiz:
    """The quiz with this id; :class:`~studio.errors.NotFoundError` if there is none,
    :class:`~studio.errors.InvalidEditError` if the item is another kind."""
    quiz = project.course().find(quiz_id)
    if quiz is None:
        raise NotFoundError(f"No quiz with id {quiz_id}.")
    if not isinstance(quiz, Quiz):
        what = getattr(getattr(quiz, "kind", None), "value", type(quiz).__name__.lower())
        raise InvalidEditError(f"{quiz.title} is a {what}; questions go in quizzes.")
    return quiz


def read_questions(path: Path | str, token: CancelToken | None = None) -> ParsedFile:
    """Read a question file for import; like :func:`~studio.quiz.importer.read_question_file`,
    and an :class:`~studio.errors.ImportFileError` when it holds no question to import or
    when a spreadsheet's picture is not beside it
    (:func:`~studio.media.question_images.check_beside`)."""
    parsed = read_question_file(path, token)
    if not parsed.questions:
        raise ImportFileError(f"{Path(path).name} holds no questions to import.")
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        check_beside(Path(path), parsed)
    return parsed


def add_parsed(project: Project, quiz_id: str, path: Path, parsed: ParsedFile) -> list[str]:
    """Append a read file's questions, with their pictures
    (:func:`~studio.media.question_images.attach_images`, which may add a notice to
    ``parsed``), to a quiz as one undo step; returns the new question ids in file order.
    Raises what :func:`~studio.commands.questions.add_questions` raises."""
    name = f"Import questions from {Path(path).name}"
    with project.group(name):
        questions = attach_images(project, Path(path), parsed)
        return add_questions(project, quiz_id, questions, name=name)


def import_questions(project: Project, quiz_id: str, path: Path | str,
                     progress: Progress = no_progress,
                     token: CancelToken | None = None) -> list[str]:
    """Add every question of a question file to a quiz; returns the new question ids.

    Each notice of the file (a question left out or changed) is reported through
    ``progress`` as "<file name>, line N: ...". Raises as :func:`check_quiz` and
    :func:`read_questions`, and :class:`~studio.errors.Cancelled`; nothing is written then.
    """
    path = Path(path)
    check_quiz(project, quiz_id)
    progress(0.0, f"Reading {path.name}")
    parsed = read_questions(path, token)
    if token:
        token.check()
    progress(0.5, f"Adding {len(parsed.questions)} question(s)")
    ids = add_parsed(project, quiz_id, path, parsed)
    for notice in parsed.notices:
        progress(0.9, f"{path.name}, {notice}")
    progress(1.0, f"Imported {len(ids)} question(s)")
    return ids

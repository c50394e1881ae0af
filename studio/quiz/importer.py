"""Question files into a quiz: GIFT (.gift, or .txt without Aiken answer lines) and Aiken.

All or nothing: the whole file is read and checked first, then every question is added
in one undo step; a file with an error adds nothing. Questions that a file holds but the
player cannot ask (essays, descriptions) are skipped and reported through ``progress``.
"""

from __future__ import annotations

from pathlib import Path

from studio.commands.questions import add_questions
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.jobs import CancelToken, Progress, no_progress
from studio.quiz.aiken import looks_like_aiken, parse_aiken
from studio.quiz.gift import parse_gift
from studio.quiz.source import ParsedFile, decode
from studio.store import Project

FORMATS = {".gift": "GIFT", ".txt": "GIFT or Aiken"}


def read_question_file(path: Path | str, token: CancelToken | None = None) -> ParsedFile:
    """Parse a question file (format from its extension and content) without importing it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(f"{path.name} is not a question file: use GIFT (.gift or .txt) "
                              "or Aiken (.txt).")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    text = decode(raw, path.name)
    check = token.check if token else None
    if suffix == ".txt" and looks_like_aiken(text):
        return parse_aiken(text, path.name, check)
    return parse_gift(text, path.name, check)


def import_questions(project: Project, quiz_id: str, path: Path | str,
                     progress: Progress = no_progress,
                     token: CancelToken | None = None) -> list[str]:
    """Add every question of a GIFT or Aiken file to a quiz; returns the new question ids."""
    quiz = project.course().find(quiz_id)
    if quiz is None:
        raise NotFoundError(f"No quiz with id {quiz_id}.")
    if quiz.kind.value != "quiz":
        raise InvalidEditError(f"{quiz.title} is a {quiz.kind.value}; questions go in quizzes.")
    progress(0.0, f"Reading {Path(path).name}")
    parsed = read_question_file(path, token)
    for notice in parsed.notices:
        progress(0.5, f"{Path(path).name}, {notice}")
    if not parsed.questions:
        raise ImportFileError(f"{Path(path).name} holds no questions to import.")
    if token:
        token.check()
    progress(0.5, f"Adding {len(parsed.questions)} question(s)")
    ids = add_questions(project, quiz_id, parsed.questions,
                        name=f"Import questions from {Path(path).name}")
    progress(1.0, f"Imported {len(ids)} question(s)")
    return ids

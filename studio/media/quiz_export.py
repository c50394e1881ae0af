"""A quiz written out as a question file: GIFT, Moodle XML or a QTI 2.1/3.0 package.

The writers (:data:`studio.quiz.exchange.WRITERS`) are pure; this module gives them what
they need from the project, the questions with the bytes of the media they show
(:func:`questions_out`), and writes their file whole or not at all (:func:`export_quiz`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from studio.errors import ExportError, InvalidEditError
from studio.files import replacing
from studio.media.quiz_import import check_quiz
from studio.model import Question
from studio.quiz.exchange import writer
from studio.quiz.questions import media_ids, missing_alt
from studio.quiz.source import QuestionOut, question_name
from studio.store import Project

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def quiz_questions(project: Project, quiz_id: str) -> list[Question]:
    """A quiz's questions as an export lists them: its ordered questions, then its bank.

    Raises NotFoundError when no item has ``quiz_id``, InvalidEditError when it is no quiz."""
    quiz = check_quiz(project, quiz_id)
    return sorted(quiz.questions, key=lambda q: q.pool == "bank")


def questions_out(project: Project, quiz_id: str) -> list[QuestionOut]:
    """What a writer gets of each question of a quiz (see :func:`quiz_questions`): its
    stored data and, for every asset it shows (:func:`~studio.quiz.questions.media_ids`),
    a file name and the asset's bytes. A file name is the asset's original name made safe
    for an archive or a URL path (no folder, no control or reserved character), unique in
    the quiz ("map.png", "map-2.png"); one asset keeps one name throughout.

    Raises NotFoundError / InvalidEditError as :func:`quiz_questions`, ExportError when a
    media file is missing from the project's ``media/`` folder."""
    course_assets = project.course().assets
    names: dict[str, str] = {}  # asset id -> file name
    taken: set[str] = set()
    out = []
    for question in quiz_questions(project, quiz_id):
        files = {}
        for asset_id in media_ids(question.data):
            asset = course_assets.get(asset_id)
            if asset is None:
                continue
            if asset_id not in names:
                names[asset_id] = _unique(_safe_name(asset.original_name, asset.filename),
                                          taken)
            try:
                data = (project.media_dir / asset.filename).read_bytes()
            except OSError as exc:
                raise ExportError(f"The media file of {asset.original_name} cannot be read "
                                  f"({exc.strerror or exc}); import it again.") from exc
            files[asset_id] = (names[asset_id], data)
        out.append(QuestionOut(id=question.id, type=question.type, prompt=question.prompt,
                               points=question.points, data=question.data, files=files))
    return out


def _safe_name(original: str, stored: str) -> str:
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", original)).strip(" .")
    return name or "media" + Path(stored).suffix


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate.lower())
    return candidate


def missing_alt_notices(questions: list[QuestionOut], asset_kinds: dict[str, str]
                        ) -> list[str]:
    """One line per question showing a picture without alternative text (WCAG 2.1 SC
    1.1.1), naming where ("prompt", "choice b"); ``asset_kinds`` maps asset ids to their
    kind ("image", "audio", "video")."""
    notices = []
    for number, question in enumerate(questions, start=1):
        missing = missing_alt(question.data, asset_kinds.get)
        if missing:
            notices.append(f"question {number} '{question_name(question)}': picture without "
                           f"alternative text ({', '.join(missing)})")
    return notices


def export_quiz(project: Project, quiz_id: str, fmt: str, target: Path | str) -> list[str]:
    """Write a quiz's questions (see :func:`questions_out`) to ``target`` in format ``fmt``
    (``gift``, ``moodle``, ``qti21``, ``qti30``: :data:`studio.quiz.exchange.WRITERS`),
    through a ``.part`` file renamed into place once complete; the media files a format
    shows by name (GIFT's pictures) are written beside it first, the same way. Returns the
    notices: what the format could not hold (the writer's), then the pictures without
    alternative text (:func:`missing_alt_notices`).

    Raises InvalidEditError for an unknown format or a quiz without questions,
    NotFoundError for an unknown quiz, ExportError when the file cannot be written."""
    chosen = writer(fmt)
    quiz = check_quiz(project, quiz_id)
    questions = questions_out(project, quiz_id)
    if not questions:
        raise InvalidEditError(f"{quiz.title} has no questions to export.")
    assets = project.course().assets
    data, notices = chosen.write(questions, quiz.title)
    notices = [*notices, *missing_alt_notices(questions, {k: a.kind for k, a in assets.items()})]
    target = Path(target)
    beside = chosen.beside(questions) if chosen.beside else {}
    for name, content in [*beside.items(), (target.name, data)]:
        place = target if name == target.name else target.with_name(name)
        try:
            with replacing(place) as part:
                part.write_bytes(content)
        except OSError as exc:
            raise ExportError(f"Cannot write {place}: {exc.strerror or exc}.") from exc
    return notices

"""Steps every importer shares: the lesson checked, a new lesson at the end of the course,
the item an asset becomes in a lesson, and stored media files taken back when the import
that stored them fails."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from studio import commands
from studio.errors import NotFoundError
from studio.media.import_report import one_lesson
from studio.store import Project


def check_lesson(project: Project, lesson_id: str | None, new_lesson: str | None = None
                 ) -> None:
    """Refuse a lesson id that names no lesson (:class:`~studio.errors.NotFoundError`), or
    a lesson id and a new lesson title given together (:class:`~studio.errors.ImportFileError`)."""
    one_lesson(lesson_id, new_lesson)
    if lesson_id and project.conn.execute(
            "SELECT 1 FROM lessons WHERE id = ?", (lesson_id,)).fetchone() is None:
        raise NotFoundError(f"No lesson with id {lesson_id}.")


def add_lesson_at_end(project: Project, title: str) -> str:
    """Add a lesson titled ``title`` at the end of the last module (a first module, "Module 1",
    when the course has none); returns the lesson id. Raises what the commands raise."""
    row = project.conn.execute("SELECT id FROM modules ORDER BY position DESC LIMIT 1").fetchone()
    module_id = row[0] if row else commands.add_module(project, "Module 1")
    return commands.add_lesson(project, module_id, title)


def add_item_for(project: Project, lesson_id: str, asset_id: str, kind: str, title: str,
                 index: int | None = None) -> str:
    """Add the item an asset of ``kind`` becomes in a lesson, at ``index`` (None: last): a
    picture ("image") a slide shown for the slide kind's default duration, a video or sound
    a clip of all of it. Returns the item id; raises what the commands raise."""
    if kind == "image":
        return commands.add_slide(project, lesson_id, title, asset_id=asset_id, index=index)
    return commands.add_video(project, lesson_id, asset_id, title=title, index=index)


@contextlib.contextmanager
def removing_new_media_on_error(project: Project) -> Iterator[None]:
    """Remove the files that appeared in the project's ``media/`` folder if the block raises
    (an error or a cancel), so a failed import leaves no stored originals behind; re-raises.

    Only the project's single writer may import while this runs (the window's writer lane).
    """
    before = set(project.media_dir.iterdir()) if project.media_dir.exists() else set()
    try:
        yield
    except BaseException:
        if project.media_dir.exists():
            for stored in set(project.media_dir.iterdir()) - before:
                stored.unlink(missing_ok=True)
        raise

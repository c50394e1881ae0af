"""What a list of courses shows of a bundle, read cheaply: its title and its first picture.

The project's ``course.db`` is read through a read-only connection
(:func:`studio.project_file.open_read_only`: the database is never written); the course is not
loaded and no migration runs, so a list of recent courses costs two small queries per bundle.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studio import project_file
from studio.project_file import DB_NAME

# The first slide and the first video of the course that have a media file, in outline order
_FIRST_PICTURES = """
    SELECT kind, filename, sha256 FROM (
        SELECT items.kind, assets.filename, assets.sha256,
               ROW_NUMBER() OVER (PARTITION BY items.kind
                                  ORDER BY modules.position, lessons.position, items.position)
                   AS nth,
               modules.position AS m, lessons.position AS l, items.position AS i
        FROM items
        JOIN lessons ON lessons.id = items.lesson_id
        JOIN modules ON modules.id = lessons.module_id
        JOIN assets ON assets.id = items.asset_id
        WHERE items.kind IN ('slide', 'video'))
    WHERE nth = 1
    ORDER BY m, l, i
"""


@dataclass(frozen=True)
class CourseSummary:
    """A bundle as a list shows it.

    ``pictures`` holds up to two candidates in outline order: ``("slide", path)`` for the
    first slide's picture file in ``media/``, ``("video", sha256)`` for the first video's
    content hash (its poster frame, if made, lives in the media room's thumbnail cache).
    """

    folder: Path
    title: str
    pictures: tuple[tuple[str, Path | str], ...] = ()


def read_summary(folder: Path | str) -> CourseSummary | None:
    """The title and first picture of the bundle at ``folder``; None when there is no
    readable course database there (moved, deleted, damaged or not a project). Never writes
    the database; raises nothing."""
    folder = Path(folder)
    db_path = folder / DB_NAME
    if not db_path.is_file():
        return None
    try:
        conn = project_file.open_read_only(db_path)
    except (sqlite3.Error, OSError):
        return None
    try:
        row = conn.execute("SELECT title FROM course WHERE id = 1").fetchone()
        if row is None:
            return None
        firsts = conn.execute(_FIRST_PICTURES).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    pictures = tuple((kind, folder / "media" / filename if kind == "slide" else str(sha256))
                     for kind, filename, sha256 in firsts)
    return CourseSummary(folder, str(row[0]), pictures)

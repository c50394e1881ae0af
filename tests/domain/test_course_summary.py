"""A bundle's title and first pictures, read without opening it as a project."""

from __future__ import annotations

from pathlib import Path

from studio import commands
from studio.course_summary import read_summary
from studio.store import Project
from tests.conftest import build_fire_course


def _files(folder: Path) -> dict[str, int]:
    """Every file's change time, but SQLite's WAL companions, which any reader may create."""
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*")
            if not p.name.endswith(("-wal", "-shm"))}


def test_title_and_first_pictures_in_outline_order(tmp_path: Path):
    build_fire_course(tmp_path).close()
    folder = tmp_path / "Fire Safety.course"
    before = _files(folder)
    summary = read_summary(folder)
    assert summary.title == "Fire safety <basics> & “drills”"
    kinds = [kind for kind, _ in summary.pictures]
    assert kinds == ["video", "slide"]  # the clip comes before the slide in the lesson
    video, slide = (where for _, where in summary.pictures)
    assert len(video) == 64 and slide.parent == folder / "media" and slide.is_file()
    assert _files(folder) == before  # the database and media untouched


def test_course_without_media_and_missing_folders(tmp_path: Path):
    with Project.create(tmp_path / "Plain.course", "Plain") as project:
        commands.add_lesson(project, commands.add_module(project, "M"), "L")
    summary = read_summary(tmp_path / "Plain.course")
    assert (summary.title, summary.pictures) == ("Plain", ())
    assert read_summary(tmp_path / "Gone.course") is None
    (tmp_path / "Junk.course").mkdir()
    (tmp_path / "Junk.course" / "course.db").write_bytes(b"not a database at all" * 100)
    assert read_summary(tmp_path / "Junk.course") is None

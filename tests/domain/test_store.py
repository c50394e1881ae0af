"""The project bundle on disk: creating, opening, refusing, migrating, storing media once."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from studio import commands, migrations
from studio.errors import (
    ImportFileError,
    NotAProjectError,
    ProjectExistsError,
    ProjectVersionError,
    ProjectWriteError,
    StudioError,
)
from studio.migrations import MIGRATION_NAMES, SCHEMA_VERSION, migration
from studio.store import DB_NAME, Project


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- creating ------------------------------------------------------------------------------
def test_create_makes_the_bundle(tmp_path):
    path = tmp_path / "Safety.course"
    with Project.create(path, "  Safety first ", language="fr") as project:
        assert sorted(p.name for p in path.iterdir() if not p.name.startswith(DB_NAME)) == [
            "cache", "media"]
        conn = project.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        course = project.course()
        assert (course.title, course.language, course.modules) == ("Safety first", "fr", ())
        assert course.identifier.startswith("urn:uuid:")
        assert not project.dirty and project.history.entries() == []
    assert not (path / f"{DB_NAME}-wal").exists(), "closing leaves the data in course.db only"


def test_create_refuses_an_existing_project_or_file(project, tmp_path):
    with pytest.raises(ProjectExistsError):
        Project.create(project.path, "Again")
    taken = tmp_path / "taken.course"
    taken.write_text("not a folder")
    with pytest.raises(ProjectExistsError):
        Project.create(taken, "Course")
    assert taken.read_text() == "not a folder"


def test_create_needs_a_title(tmp_path):
    with pytest.raises(StudioError):
        Project.create(tmp_path / "Untitled.course", " ")
    assert not (tmp_path / "Untitled.course" / DB_NAME).exists()


@pytest.mark.parametrize("where", ["under_a_file", "under_proc"])
def test_create_where_nothing_can_be_written(tmp_path, where):
    if where == "under_a_file":
        blocker = tmp_path / "plain.txt"
        blocker.write_text("a file, not a folder")
        path = blocker / "Course.course"
    else:
        path = Path("/proc") / "Course.course"
    with pytest.raises(ProjectWriteError) as caught:
        Project.create(path, "Course")
    assert str(path) in str(caught.value)


# ---- opening and refusing ------------------------------------------------------------------
def test_open_reads_back_what_was_written(project):
    module = commands.add_module(project, "Kept")
    path = project.path
    project.close()
    with Project.open(str(path)) as reopened:
        assert [m.id for m in reopened.course().modules] == [module]


def test_open_refuses_what_is_not_a_project(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello")
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    db_is_folder = tmp_path / "odd.course"
    (db_is_folder / DB_NAME).mkdir(parents=True)
    for path in (tmp_path / "missing.course", a_file, empty_folder, db_is_folder):
        with pytest.raises(NotAProjectError):
            Project.open(path)


@pytest.mark.parametrize("content", [
    os.urandom(4096),
    b"short",
    b"SQLite format 3\x00" + bytes(4000),
])
def test_open_refuses_a_course_db_that_is_not_sqlite(tmp_path, content):
    path = tmp_path / "Broken.course"
    path.mkdir()
    (path / DB_NAME).write_bytes(content)
    with pytest.raises(NotAProjectError):
        Project.open(path)
    assert (path / DB_NAME).read_bytes() == content


def test_a_damaged_project_is_refused_untouched(project):
    path = project.path
    project.close()
    real = (path / DB_NAME).read_bytes()
    damaged = real[:100] + os.urandom(len(real) - 100)
    (path / DB_NAME).write_bytes(damaged)
    with pytest.raises(NotAProjectError):
        Project.open(path)
    assert (path / DB_NAME).read_bytes() == damaged


def test_a_project_from_a_newer_studio_is_refused_untouched(project):
    path = project.path
    project.close()
    conn = sqlite3.connect(path / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = file_hash(path / DB_NAME)
    listing = sorted(p.name for p in path.iterdir())
    with pytest.raises(ProjectVersionError) as caught:
        Project.open(path)
    assert "99" in str(caught.value) and "newer" in str(caught.value)
    assert file_hash(path / DB_NAME) == before
    assert sorted(p.name for p in path.iterdir()) == listing


def test_an_empty_database_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "Empty.course"
    path.mkdir()
    sqlite3.connect(path / DB_NAME).close()
    with pytest.raises(NotAProjectError, match="empty"):
        Project.open(path)
    assert (path / DB_NAME).stat().st_size == 0


def test_a_new_project_is_migrated_from_nothing_to_the_current_schema(tmp_path):
    path = tmp_path / "New.course"
    Project.create(path, "New").close()
    with Project.open(path) as project:
        conn = project.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        recorded = conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall()
        assert recorded == [("course-studio", name) for name in MIGRATION_NAMES]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert {"course", "modules", "lessons", "items", "questions", "assets",
                "history"} <= tables
    with Project.open(path) as again:  # opening a current project migrates nothing more
        count = again.conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
        assert count == SCHEMA_VERSION


def test_migrations_are_numbered_in_order_and_stamp_the_version_themselves():
    assert SCHEMA_VERSION == len(MIGRATION_NAMES) >= 1
    assert [name[:4] for name in MIGRATION_NAMES] == [
        f"{n:04d}" for n in range(1, SCHEMA_VERSION + 1)]
    with pytest.raises(ValueError, match=f"{SCHEMA_VERSION + 1:04d}"):
        migration("0999_out_of_order")
    source = Path(migrations.__file__).read_text(encoding="utf-8")
    assert "user_version =" not in source.split("def _initial", 1)[1], \
        "a migration writes user_version by hand; migration() stamps it"


# ---- media ---------------------------------------------------------------------------------
def test_the_same_file_imported_twice_is_stored_once(project, media_file, tmp_path):
    copy = tmp_path / "renamed copy.mp4"
    copy.write_bytes(media_file.read_bytes())
    first = project.store_media(media_file)
    second = project.store_media(copy)
    assert first == second
    sha, filename = first
    assert sha == file_hash(media_file) and filename.endswith(".mp4")
    assert [p.name for p in project.media_dir.iterdir()] == [filename]
    assert (project.media_dir / filename).read_bytes() == media_file.read_bytes()
    ids = {commands.add_asset(project, sha, filename, name, "video", 10) for name in
           (media_file.name, copy.name)}
    assert len(ids) == 1 and list(project.course().assets) == list(ids)


def test_different_content_is_stored_separately(project, media_file, tmp_path):
    other = tmp_path / "other.mp4"
    other.write_bytes(media_file.read_bytes() + b"\x01")
    assert project.store_media(media_file) != project.store_media(other)
    assert len(list(project.media_dir.iterdir())) == 2


def test_importing_a_missing_or_unreadable_file_is_a_clear_error(project, tmp_path):
    for source in (tmp_path / "missing.mp4", tmp_path):
        with pytest.raises(ImportFileError) as caught:
            project.store_media(source)
        assert source.name in str(caught.value)
    assert list(project.media_dir.iterdir()) == []

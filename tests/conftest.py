"""Core fixtures: a fresh project on a real SQLite file, and a way to compare its whole state."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from media_samples import MediaSamples

from studio import commands
from studio.store import Project

# Bookkeeping tables: undo entries, the saved mark and the migration record are not course data.
NOT_COURSE_DATA = {"history", "project_state", "_sqlite_migrations", "sqlite_sequence"}


def course_tables(conn: sqlite3.Connection) -> list[str]:
    names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [name for (name,) in names if name not in NOT_COURSE_DATA]


def dump_project(project: Project) -> dict[str, list[tuple]]:
    """Every row of every course table, in a stable order: equal dumps mean equal courses."""
    conn = project.conn
    return {
        table: sorted(conn.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)
        for table in course_tables(conn)
    }


@pytest.fixture
def dump() -> Callable[[Project], dict[str, list[tuple]]]:
    return dump_project


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "Sample.course", "Sample course") as opened:
        yield opened


@pytest.fixture
def media_file(tmp_path: Path) -> Path:
    path = tmp_path / "Intro Clip.MP4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    return path


@pytest.fixture
def video_asset(project: Project, media_file: Path) -> str:
    """A 60-second video stored in the project, recorded as the importer records it."""
    sha, filename = project.store_media(media_file)
    return commands.add_asset(project, sha, filename, media_file.name, "video",
                              media_file.stat().st_size, duration=60.0, width=1280, height=720)


@pytest.fixture(scope="session")
def media(tmp_path_factory) -> MediaSamples:
    """Small generated clips and sounds, made once per test run (see media_samples.py)."""
    return MediaSamples(tmp_path_factory.mktemp("media"))


@pytest.fixture
def lesson(tmp_path):
    """(project, lesson id): a fresh project with one module holding one lesson."""
    project = Project.create(tmp_path / "L.course", "L")
    lesson_id = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    yield project, lesson_id
    project.close()

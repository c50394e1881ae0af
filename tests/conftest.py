"""Core fixtures: a fresh project on a real SQLite file, and a way to compare its whole state."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from media_samples import MediaSamples

import studio
from studio import commands
from studio.store import Project

ROOT = Path(__file__).resolve().parents[1]
# Where the third-party conformance kit (official schemas, reference packages) is looked for;
# a relative path is taken from the repository's root.
CONFORMANCE_DIR = "STUDIO_CONFORMANCE_DIR"
CONFORMANCE_DEFAULT = "../shared/conformance"
REQUIRE_CONFORMANCE = "STUDIO_REQUIRE_CONFORMANCE"  # "1" (CI): a missing kit fails the tests

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


@pytest.fixture(scope="session")
def conformance() -> Path:
    """The conformance kit's folder (``samples/``, ``xsd/``). Tests that read it skip with one
    reason where it is absent, or fail when STUDIO_REQUIRE_CONFORMANCE=1."""
    folder = Path(os.path.normpath(ROOT / os.environ.get(CONFORMANCE_DIR, CONFORMANCE_DEFAULT)))
    if (folder / "samples").is_dir() and (folder / "xsd").is_dir():
        return folder.resolve()
    reason = (f"the third-party conformance kit is not at {folder} "
              f"(set {CONFORMANCE_DIR} to the folder that holds its samples/ and xsd/)")
    if os.environ.get(REQUIRE_CONFORMANCE) == "1":
        pytest.fail(f"{reason}; {REQUIRE_CONFORMANCE}=1 makes this a failure", pytrace=False)
    pytest.skip(reason)


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


def _media(project: Project, folder: Path, name: str, kind: str, data: bytes,
           duration: float | None = None) -> str:
    source = folder / name
    source.write_bytes(data)
    sha, filename = project.store_media(source)
    return commands.add_asset(project, sha, filename, name, kind, len(data), duration=duration)


def build_fire_course(root: Path) -> Project:
    """A small fixed course: two modules, three lessons, every item kind, media of each kind."""
    root.mkdir(parents=True, exist_ok=True)
    project = Project.create(root / "Fire Safety.course", "Fire safety <basics> & “drills”")
    commands.set_course(project, description="What to do when the alarm rings.",
                        author="Safety Team", mastery_score=80)
    sources = root / "sources"
    sources.mkdir()
    video = _media(project, sources, "alarm.mp4", "video", b"\x00mp4" * 5000, duration=40.0)
    image = _media(project, sources, "exit.png", "image", b"\x89PNG" + bytes(range(256)) * 4)
    audio = _media(project, sources, "narration.m4a", "audio", b"m4a!" * 3000, duration=8.0)

    basics = commands.add_module(project, "Basics")
    alarm = commands.add_lesson(project, basics, "The alarm")
    clip = commands.add_video(project, alarm, video, "When the alarm rings")
    commands.trim(project, clip, 2.0, 30.0)
    cue = commands.add_cue(project, clip, 10.0, "Check", must_answer=True)
    commands.add_question(project, clip, "truefalse", "Use the lift?", cue_id=cue,
                          data={"answer": False, "feedback": {"correct": "Right.",
                                                              "incorrect": "Never the lift."}})
    slide = commands.add_slide(project, alarm, "Exits", asset_id=image, text="Green signs",
                               notes="Follow the green signs.", duration=6.0)
    commands.set_item(project, slide, narration_asset_id=audio)
    commands.add_page(project, alarm, "Summary",
                      "# Remember\n\nStay calm.\nWalk.\n\n- Leave bags\n- Close doors\n\n"
                      "1. Alarm\n2. Exit")
    check = commands.add_lesson(project, basics, "Check yourself")
    quiz = commands.add_quiz(project, check, "Fire quiz", pass_mark=75, attempts=2)
    commands.add_question(project, quiz, "choice", "Which extinguisher for oil?", 2.0, data={
        "choices": [{"id": "a", "text": "Water", "correct": False, "feedback": "Never."},
                    {"id": "b", "text": "Foam", "correct": True, "feedback": ""}]})
    commands.add_question(project, quiz, "fill", "Emergency number?",
                          data={"answers": ["112"], "caseSensitive": False})
    commands.add_question(project, quiz, "numeric", "Minutes to assemble?",
                          data={"min": 1, "max": 3})
    commands.add_question(project, quiz, "likert", "Did you like it?",
                          data={"scale": [{"id": "1", "text": "No"}, {"id": "2", "text": "Yes"}]})
    drills = commands.add_module(project, "Drills")
    yearly = commands.add_lesson(project, drills, "Yearly drill")
    commands.add_page(project, yearly, "Plan", "Once a year, everyone walks out.")
    return project


@pytest.fixture
def sample(tmp_path: Path):
    """The small fixed export course of :func:`build_fire_course`, open, in tmp_path/work."""
    with build_fire_course(tmp_path / "work") as project:
        yield project


def studio_lines_matching(pattern: str, owner: str) -> list[str]:
    """``path:line`` of each line of studio/ matching ``pattern``, outside the file ``owner``
    (a name relative to studio/): where a fact declared in ``owner`` is written again."""
    root = Path(studio.__file__).resolve().parent
    found = re.compile(pattern)
    return [f"{path.relative_to(root)}:{number}"
            for path in sorted(root.rglob("*.py")) if path.relative_to(root).as_posix() != owner
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if found.search(line)]


@pytest.fixture
def restated() -> Callable[[str, str], list[str]]:
    """:func:`studio_lines_matching`, for tests that a fact is declared once."""
    return studio_lines_matching

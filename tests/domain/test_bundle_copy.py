"""A copy of the bundle: the same course and media, consistent while another process writes,
nothing left behind when cancelled or refused."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio import bundle_copy, commands
from studio.bundle_copy import check_copy_target, copy_bundle
from studio.commands.publish import publish_settings, set_publish
from studio.errors import Cancelled, NotAProjectError, ProjectExistsError, ProjectWriteError
from studio.jobs import CancelToken
from studio.store import Project

ROOT = Path(__file__).resolve().parents[2]


def test_the_copy_holds_the_same_course_media_history_and_publish_settings(
        project, video_asset, dump, tmp_path):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    commands.add_video(project, lesson, video_asset, "Clip")
    set_publish(project, format="html", folder=str(tmp_path))
    (project.cache_dir / "thumb.jpg").write_bytes(b"cached")
    (project.media_dir / "half.mp4.part").write_bytes(b"being written")
    seen: list[float] = []
    target = tmp_path / "out" / "Copy.course"
    report = copy_bundle(project.path, target, lambda f, m="": seen.append(f))
    assert report.target == target and report.media_files == 1
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with Project.open(target) as copy:
        assert dump(copy) == dump(project)
        assert copy.course() == project.course()
        assert [e.name for e in copy.history.entries()] == [
            e.name for e in project.history.entries()]
        assert publish_settings(copy) == publish_settings(project)
        copy.undo()  # the copy's history works on its own
    assert sorted(p.name for p in (target / "media").iterdir()) == sorted(
        p.name for p in project.media_dir.iterdir() if not p.name.endswith(".part"))
    assert list((target / "cache").iterdir()) == []  # caches are rebuilt, not copied
    assert [p.name for p in target.parent.iterdir()] == ["Copy.course"]  # no .part left
    assert project.course().find(lesson).items  # the original is untouched


WRITER = """
import sys
from studio import commands
from studio.store import Project
with Project.open(sys.argv[1]) as project:
    for n in range(int(sys.argv[2])):
        with project.group("Pair"):
            module = commands.add_module(project, f"M{n}")
            commands.add_lesson(project, module, f"L{n}")
"""


def pairs_hold(path: Path) -> tuple[int, bool]:
    """Modules in the bundle, and whether each one has exactly its one lesson (the writer
    adds both in one transaction: a torn copy breaks this)."""
    with Project.open(path) as opened:
        modules = opened.course().modules
        return len(modules), all(len(m.lessons) == 1 for m in modules)


def test_the_copy_is_one_moment_of_the_database_while_another_process_writes(
        project, tmp_path, monkeypatch):
    for n in range(150):  # a database of many pages, so the copy takes many steps
        with project.group("Pair"):
            commands.add_lesson(project, commands.add_module(project, f"Seed {n}" * 20), "L")
    monkeypatch.setattr(bundle_copy, "BACKUP_PAGES", 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(project.path), "100000"],
                              env=env)
    modules = "SELECT COUNT(*) FROM modules"
    try:
        deadline = time.monotonic() + 60
        while project.conn.execute(modules).fetchone()[0] == 150:  # the writer has begun
            assert time.monotonic() < deadline and writer.poll() is None
            time.sleep(0.05)
        overlapped = 0
        for attempt in range(6):
            before = project.conn.execute(modules).fetchone()[0]
            target = tmp_path / f"copy{attempt}.course"
            copy_bundle(project.path, target, lambda f, m="": time.sleep(0.002))
            after = project.conn.execute(modules).fetchone()[0]
            overlapped += after > before
            count, whole = pairs_hold(target)
            assert whole and count >= 150
            with Project.open(target) as copy:
                assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert overlapped, "the writer never committed while a copy ran"
    finally:
        writer.kill()
        writer.wait()


def test_a_cancelled_copy_leaves_nothing(project, tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        copy_bundle(project.path, tmp_path / "Copy.course", token=token)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Sample.course"]


def test_refusals_name_the_reason_and_write_nothing(project, tmp_path):
    (tmp_path / "Taken.course").mkdir()
    (tmp_path / "file.course").write_text("x")
    cases = [
        (tmp_path / "Taken.course", ProjectExistsError, "already exists"),
        (tmp_path / "file.course", ProjectExistsError, "already exists"),
        (project.path, ProjectExistsError, "already exists"),
        (project.path / "media" / "Inner.course", ProjectWriteError, "inside the project"),
        (tmp_path / "Other.course" / "Nested.course", ProjectWriteError,
         "inside another project"),
    ]
    Project.create(tmp_path / "Other.course", "Other").close()
    for target, error, words in cases:
        with pytest.raises(error, match=words) as caught:
            copy_bundle(project.path, target)
        assert "\n" not in caught.value.message
    with pytest.raises(NotAProjectError):
        check_copy_target(tmp_path / "Taken.course", tmp_path / "New.course")
    assert not (project.path / "media" / "Inner.course").exists()
    assert not (tmp_path / "Other.course" / "Nested.course").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Other.course", "Sample.course", "Taken.course", "file.course"]

"""The project file against the world: damaged pages, another program's database, a second
process, a write-protected folder, a full disk and a killed studio's leftovers."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from studio import commands, project_file
from studio.errors import (
    ForeignDatabaseError,
    InvalidEditError,
    ProjectDamagedError,
    ProjectExistsError,
    ProjectReadOnlyError,
    ProjectWriteError,
)
from studio.recovery import check_project, recover
from studio.store import DB_NAME, Project


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(path: Path, pages: int = 40) -> dict:
    """A course whose items table spans several pages of the database."""
    with Project.create(path, "Damaged") as project:
        module = commands.add_module(project, "Module A")
        lesson = commands.add_lesson(project, module, "Lesson A")
        items = [commands.add_page(project, lesson, f"Page {n}", "Text " * 200)
                 for n in range(pages)]
    return {"module": module, "lesson": lesson, "items": items}


def damage_a_page_of(db: Path, table: str = "items") -> int:
    """Overwrite the start of one leaf page of ``table`` (its header and cell pointers)."""
    with sqlite3.connect(db) as conn:
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,))]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    page = leaves[len(leaves) // 2]
    with open(db, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xa5" * 64)
    return page


# ---- damaged pages ---------------------------------------------------------------------------
def test_a_damaged_database_is_refused_for_edits_and_recovered_into_a_new_bundle(tmp_path):
    path = tmp_path / "D.course"
    ids = build(path)
    (path / "media" / "kept.bin").write_bytes(b"media original")
    damage_a_page_of(path / DB_NAME)
    before = file_hash(path / DB_NAME)

    with pytest.raises(ProjectDamagedError) as caught:
        Project.open(path)
    assert "studio recover" in caught.value.message and "\n" not in caught.value.message
    problems = check_project(path)
    assert problems
    assert file_hash(path / DB_NAME) == before

    report = recover(path)
    assert file_hash(path / DB_NAME) == before  # the original is untouched
    assert report.target == tmp_path / "D-recovered.course"
    assert (report.target / "media" / "kept.bin").read_bytes() == b"media original"
    assert check_project(report.target) == []
    with Project.open(report.target) as recovered:
        course = recovered.course()
        assert course.title == "Damaged"
        [module] = course.modules
        assert module.id == ids["module"]
        titles = [item.title for item in module.lessons[0].items]
        assert 0 < len(titles) < len(ids["items"])  # the readable pages, not the damaged one
        assert "Page 0" in titles
        commands.rename(recovered, module.id, "Edited after recovery")


def test_recover_rehomes_rows_whose_parent_was_lost(tmp_path):
    path = tmp_path / "Lost.course"
    with Project.create(path, "Lost") as project:
        module = commands.add_module(project, "M")
        lessons = [commands.add_lesson(project, module, f"Lesson {n} " + "x" * 1500)
                   for n in range(12)]
        commands.add_page(project, lessons[-1], "Kept page", "text")
    with sqlite3.connect(path / DB_NAME) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM modules")  # as if its page were unreadable
    conn.close()
    report = recover(path, tmp_path / "Back.course")
    with Project.open(report.target) as back:
        [holder] = back.course().modules
        assert holder.title == "Recovered"
        assert len(holder.lessons) == 12
        assert any(n for n in report.notes if "Recovered" in n)


def test_recover_refuses_an_existing_target(tmp_path):
    path = tmp_path / "A.course"
    build(path, pages=1)
    with pytest.raises(ProjectExistsError, match="already"):
        recover(path, path)


# ---- another program's database -------------------------------------------------------------
def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "Foreign.course"
    path.mkdir()
    with sqlite3.connect(path / DB_NAME) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.close()
    before = file_hash(path / DB_NAME)
    with pytest.raises(ForeignDatabaseError, match="another program"):
        Project.open(path)
    with sqlite3.connect(path / DB_NAME) as conn:
        conn.execute("PRAGMA application_id = 1234")
    conn.close()
    before = file_hash(path / DB_NAME)
    with pytest.raises(ForeignDatabaseError, match="0x000004d2"):
        Project.open(path)
    assert file_hash(path / DB_NAME) == before
    with pytest.raises(ForeignDatabaseError):
        recover(path)
    assert sorted(p.name for p in path.iterdir()) == [DB_NAME]


def test_new_projects_carry_the_application_id_and_older_ones_are_stamped(tmp_path):
    path = tmp_path / "Old.course"
    build(path, pages=1)
    assert project_file.read_header(path / DB_NAME).application_id == project_file.APPLICATION_ID
    with sqlite3.connect(path / DB_NAME) as conn:
        conn.execute("PRAGMA application_id = 0")  # as made before the id existed
    conn.close()
    with Project.open(path) as project:
        assert project.course().title == "Damaged"
    assert project_file.read_header(path / DB_NAME).application_id == project_file.APPLICATION_ID


# ---- two processes -------------------------------------------------------------------------
def test_an_edit_waits_for_another_processs_write_instead_of_failing(tmp_path):
    path = tmp_path / "Shared.course"
    ids = build(path, pages=1)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(path / DB_NAME)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        time.sleep(1.0)
        conn.execute("COMMIT")
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with Project.open(path) as project:
        started = time.monotonic()
        commands.rename(project, ids["module"], "After the other writer")
        waited = time.monotonic() - started
        assert project.course().modules[0].title == "After the other writer"
    holder.wait(timeout=10)
    assert waited > 0.3


def test_undo_reads_the_history_as_it_is_now_not_as_it_was(tmp_path):
    path = tmp_path / "Shared.course"
    ids = build(path, pages=1)
    window, script = Project.open(path), Project.open(path)
    try:
        commands.rename(window, ids["module"], "Window's title")
        commands.rename(script, ids["lesson"], "Script's title")
        assert window.undo() == "Rename to “Script's title”"  # the newest entry, whoever made it
        assert window.course().modules[0].lessons[0].title == "Lesson A"
        assert script.redo() == "Rename to “Script's title”"
        commands.rename(script, ids["module"], "Later")
        with pytest.raises(InvalidEditError, match="Nothing to redo"):
            window.redo()
    finally:
        window.close()
        script.close()


def test_a_listener_hears_edits_and_undos_made_by_another_process(tmp_path):
    path = tmp_path / "Shared.course"
    ids = build(path, pages=1)
    with Project.open(path) as window, Project.open(path) as other:
        heard = []
        window.subscribe(heard.append)
        assert not window.changed_elsewhere()
        commands.rename(other, ids["module"], "Renamed elsewhere")
        assert window.changed_elsewhere()
        assert window.catch_up("elsewhere").touches(ids["module"])
        other.undo()
        assert window.changed_elsewhere()
        changes = window.catch_up("elsewhere")
        assert changes.touches(ids["module"])  # an undo of an entry already seen
        assert not window.changed_elsewhere()


def test_two_processes_editing_at_once_fail_nothing(tmp_path):
    bench = Path(__file__).resolve().parents[2] / "bench" / "bench_concurrency.py"
    done = subprocess.run([sys.executable, str(bench), "--renames", "20", "--pairs", "5",
                           "--json"], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr


    result = json.loads(done.stdout)
    assert result["total"]["failed"] == 0 and result["total"]["tracebacks"] == 0, result
    assert result["total"]["done"] >= 2 * 20 + 2 * 5
    assert result["sound"]


# ---- read-only, full disk -------------------------------------------------------------------
@pytest.fixture
def read_only_course(tmp_path):
    path = tmp_path / "Locked.course"
    ids = build(path, pages=2)
    paths = [path, *path.rglob("*")]
    for p in paths:
        p.chmod(p.stat().st_mode & ~0o222)
    yield path, ids
    for p in paths:
        p.chmod(p.stat().st_mode | 0o200)


def test_a_read_only_project_is_listed_but_refused_for_edits_in_words_that_say_so(
        read_only_course):
    path, ids = read_only_course
    before = file_hash(path / DB_NAME)
    with Project.open(path) as project:
        assert project.read_only
        assert project.course().modules[0].title == "Module A"
        with pytest.raises(ProjectReadOnlyError, match="read-only.*listed, previewed and exported"):
            commands.rename(project, ids["module"], "No")
        with pytest.raises(ProjectReadOnlyError):
            project.undo()
        assert not str(project.cache_dir).startswith(str(path))
    assert file_hash(path / DB_NAME) == before
    assert sorted(p.name for p in path.iterdir()) == sorted(["cache", "media", DB_NAME])


def test_a_full_disk_during_an_edit_says_disk_full(tmp_path):
    path = tmp_path / "Full.course"
    ids = build(path, pages=1)
    script = textwrap.dedent(f"""
        import resource, signal
        from studio import commands
        from studio.errors import StudioError
        from studio.store import Project
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        project = Project.open({str(path)!r})
        size = max(p.stat().st_size for p in project.path.glob("course.db*"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        try:
            commands.add_page(project, {ids['lesson']!r}, "Big", "x" * 2_000_000)
        except StudioError as exc:
            print(type(exc).__name__, exc.message)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith(ProjectWriteError.__name__), done.stdout
    assert "disk full" in done.stdout.lower()
    with Project.open(path) as project:
        assert project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [i.title for i in project.course().modules[0].lessons[0].items] == ["Page 0"]


# ---- a killed studio's leftovers --------------------------------------------------------------
def test_opening_removes_part_files_nothing_is_writing(tmp_path):
    path = tmp_path / "Parts.course"
    build(path, pages=1)
    stale = path / "media" / "abc.mp4.part"
    stale.write_bytes(b"half")
    (path / "cache" / "renders").mkdir()
    stale_render = path / "cache" / "renders" / "clip.mp4.part"
    stale_render.write_bytes(b"half")
    live = path / "cache" / "live.png.part"
    with open(live, "wb") as writing:
        writing.write(b"being written")
        Project.open(path).close()
        assert live.exists()
    assert not stale.exists() and not stale_render.exists()


def test_a_child_process_dies_with_the_studio(tmp_path):
    script = textwrap.dedent("""
        import subprocess, sys, time
        from studio.media.process import dying_with_studio
        child = subprocess.Popen(dying_with_studio(["sleep", "60"]))
        print(child.pid, flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{child}/stat") as f:
                if f.read().split(") ")[1].startswith("Z"):
                    break  # dead, waiting for init to reap it
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        os.kill(child, 9)
        pytest.fail("the child outlived its killed parent")


def test_another_process_reading_never_takes_the_log_from_under_an_open_project(tmp_path):
    """A job's own connection opened and closed in the window's process must not drop the
    window's lock on course.db: else a script that reads the project and exits believes it
    is the last one, folds the log into the file and deletes it while the window still
    writes to it, and the window's next edits are lost."""
    from tests.cli_runner import studio

    path = tmp_path / "Shared.course"
    window = Project.create(path, "Shared")
    try:
        commands.add_module(window, "Week 1")
        Project.open(path).close()  # a background job's connection, in this process
        studio("ls", path)  # a script reads the project and exits
        commands.add_module(window, "Week 2")
        listed = json.loads(studio("ls", path, "--json").stdout)
        assert [m["title"] for m in listed["modules"]] == ["Week 1", "Week 2"]
        assert Path(f"{path / DB_NAME}-wal").exists()
    finally:
        window.close()

"""`studio` on a damaged, foreign or write-protected project: one line, never a traceback."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from cli_runner import studio

DB = "course.db"


def one_line(done) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def course_with_pages(tmp_path: Path, pages: int = 30) -> tuple[Path, str]:
    path = tmp_path / "Demo.course"
    assert studio("new", path, "--title", "Demo", check=False).returncode == 0
    module = studio("add-module", path, "Module", check=False).stdout.split()[-1]
    lesson = studio("add-lesson", path, module, "Lesson", check=False).stdout.split()[-1]
    with sqlite3.connect(path / DB) as conn:  # many pages quickly, as the studio lays them out
        conn.executemany(
            "INSERT INTO items (id, lesson_id, position, kind, title, props) "
            "VALUES (?, ?, ?, 'page', ?, ?)",
            [(f"itm_{n:010d}", lesson, n, f"Page {n}", '{"text": "' + "t" * 900 + '"}')
             for n in range(pages)])
    conn.close()
    return path, module


def damage(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * size)
        f.write(b"\xa5" * 64)


def test_a_damaged_project_gives_one_line_and_recover_brings_back_the_rest(tmp_path):
    path, module = course_with_pages(tmp_path)
    assert studio("check", path, check=False).returncode == 0
    damage(path / DB)
    before = digest(path / DB)
    for args in (("ls", path), ("export", path, "--format", "html", "-o", tmp_path / "o.zip"),
                 ("rename", path, module, "Never written")):
        done = studio(*args, check=False)
        assert done.returncode == 1
        assert "damaged" in one_line(done) and "studio recover" in done.stderr
    assert digest(path / DB) == before
    assert not (tmp_path / "o.zip").exists()

    checked = studio("check", path, check=False)
    assert checked.returncode == 1 and "studio recover" in checked.stderr
    recovered = studio("recover", path, "-o", tmp_path / "Back.course", check=False)
    assert recovered.returncode == 0, recovered.stderr
    assert "Back.course" in recovered.stdout and "lost" in recovered.stdout
    assert digest(path / DB) == before
    listing = studio("ls", tmp_path / "Back.course", check=False)
    assert listing.returncode == 0 and "Page 0" in listing.stdout
    assert studio("rename", tmp_path / "Back.course", module, "Fine", check=False).returncode == 0


def test_another_programs_database_is_refused_in_one_line(tmp_path):
    path = tmp_path / "Foreign.course"
    path.mkdir()
    with sqlite3.connect(path / DB) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    before = digest(path / DB)
    for args in (("ls", path), ("add-module", path, "M"), ("check", path)):
        done = studio(*args, check=False)
        assert done.returncode == 1 and "another program" in one_line(done)
    assert digest(path / DB) == before


@pytest.fixture
def locked(tmp_path):
    path, module = course_with_pages(tmp_path, pages=2)
    everything = [path, *path.rglob("*")]
    for p in everything:
        p.chmod(p.stat().st_mode & ~0o222)
    yield path, module
    for p in everything:
        p.chmod(p.stat().st_mode | 0o200)


def test_a_read_only_project_lists_and_exports_but_refuses_edits(locked, tmp_path):
    path, module = locked
    before = digest(path / DB)
    assert "Page 1" in studio("ls", path, check=False).stdout
    exported = studio("export", path, "--format", "html", "-o", tmp_path / "site.zip", check=False)
    assert exported.returncode == 0, exported.stderr
    for args in (("rename", path, module, "No"), ("undo", path)):
        done = studio(*args, check=False)
        assert done.returncode == 1 and "read-only" in one_line(done)
    assert digest(path / DB) == before

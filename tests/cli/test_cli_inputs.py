"""The shell under hostile input: bytes that are not UTF-8, control characters, closed pipes
and bugs. Whatever happens, one line, never a traceback."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from cli_runner import run_main, studio
from pictures import blank_png

from studio.resources import resources_dir

SAMPLE_VIDEO = resources_dir() / "sample" / "welcome.mp4"
TESTS = Path(__file__).parents[1]


@pytest.fixture
def lesson(tmp_path) -> tuple[Path, str]:
    course = tmp_path / "Demo.course"
    studio("new", course, "--title", "Demo")
    module = studio("add-module", course, "Week 1").stdout.strip()
    return course, studio("add-lesson", course, module, "Intro").stdout.strip()


def outline(course: Path) -> dict:
    return json.loads(studio("ls", course, "--json").stdout)


def test_names_that_are_not_utf8_are_kept_with_the_bad_bytes_shown_safely(lesson, tmp_path):
    course, lesson_id = lesson
    clip = Path(os.fsdecode(bytes(tmp_path) + b"/clip-\xe9t\xe9.mp4"))
    shutil.copy(SAMPLE_VIDEO, clip)
    done = studio("import", course, clip, "--lesson", lesson_id)
    assert done.stdout.startswith("clip-\\udce9t\\udce9.mp4: asset ")
    item = outline(course)["modules"][0]["lessons"][0]["items"][0]
    assert item["title"] == "clip-\ufffdt\ufffd"
    assert studio("history", course).stdout.splitlines()[-1].endswith(
        "Import clip-\ufffdt\ufffd.mp4")

    studio("rename", course, item["id"], os.fsdecode(b"caf\xe9 \xff"))
    assert outline(course)["modules"][0]["lessons"][0]["items"][0]["title"] == "caf\ufffd \ufffd"
    new = tmp_path / "New.course"
    studio("new", new, "--title", os.fsdecode(b"Cours \xe9t\xe9"))
    assert outline(new)["course"]["title"] == "Cours \ufffdt\ufffd"


def test_an_id_that_is_not_utf8_is_refused_in_one_line(lesson):
    course, _ = lesson
    done = studio("rm", course, os.fsdecode(b"itm_\xff"), check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["studio: itm_\\udcff is not valid UTF-8 text; use a "
                                        "name made of valid UTF-8 characters."]


def test_a_closed_pipe_ends_quietly(tmp_path):
    course = tmp_path / "Sample.course"
    studio("sample", course)
    reader, writer = os.pipe()
    os.close(reader)  # as `studio ls | head -1` once head has read its line
    try:
        done = studio("ls", course, check=False, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, "")


def test_control_characters_never_reach_a_title_nor_the_terminal(lesson):
    course, lesson_id = lesson
    studio("rename", course, lesson_id, "Red\x1b[31m alert\x07\x0bnow\x9b2J")
    assert outline(course)["modules"][0]["lessons"][0]["title"] == "Red[31m alert now2J"

    # a project written before titles were cleaned, or by another program
    with sqlite3.connect(course / "course.db") as conn:
        conn.execute("UPDATE lessons SET title = ? WHERE id = ?",
                     ("Evil\x1b]0;pwned\x07\x9b2J\x7f", lesson_id))
    conn.close()
    shown = studio("ls", course).stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
    assert f"{lesson_id}  Evil\\x1b]0;pwned\\x07\\x9b2J\\x7f" in shown
    raw = studio("ls", course, "--json").stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", raw)
    assert json.loads(raw)["modules"][0]["lessons"][0]["title"] == "Evil\x1b]0;pwned\x07\x9b2J\x7f"


def test_a_bug_is_one_line_and_a_log_file(lesson, tmp_path, monkeypatch):
    from studio.media import importer

    course, lesson_id = lesson
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"PK")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the deck reader")

    monkeypatch.setattr(importer, "import_paths", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    done = run_main("import", course, deck, "--lesson", lesson_id)
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    found = re.fullmatch(r"studio: internal error while importing deck\.pptx; details were "
                         r"written to (.+\.log)", line)
    assert found, line
    log = Path(found[1])
    assert log.parent == tmp_path / "state" / "studio" / "log"
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "RuntimeError: a bug in the deck reader" in details


def test_the_window_is_named_when_a_bug_ends_another_command(lesson, tmp_path, monkeypatch):
    from studio import commands

    course, lesson_id = lesson
    monkeypatch.setattr(commands, "rename", lambda *a: 1 / 0)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    done = run_main("rename", course, lesson_id, "X")
    assert done.stderr.startswith("studio: internal error while running 'studio rename'; "
                                  "details were written to ")


def test_moving_into_a_parent_of_the_wrong_kind_says_so(lesson):
    course, lesson_id = lesson
    module = outline(course)["modules"][0]["id"]
    done = studio("move", course, lesson_id, "--to", lesson_id, check=False)
    assert done.stderr.strip() == (f"studio: {lesson_id} is a lesson: a lesson moves into "
                                   "a module.")
    page = studio("add-page", course, lesson_id, "P").stdout.strip()
    done = studio("move", course, page, "--to", module, check=False)
    assert done.stderr.strip() == f"studio: {module} is a module: an item moves into a lesson."


def test_every_cli_run_in_the_suite_is_checked_for_tracebacks():
    """Runs of the command go through cli_runner, which fails a test on any traceback."""
    ways = ("-m\", \"studio.cli", "from studio.cli import main", "studio.cli.main(",
            "[\"studio\",")
    offenders = [str(path.relative_to(TESTS)) for path in TESTS.rglob("*.py")
                 if path.name != "cli_runner.py" and path != Path(__file__)
                 and any(way in path.read_text(encoding="utf-8") for way in ways)]
    assert offenders == []


def test_a_huge_picture_is_refused_as_too_large_in_one_line(lesson, tmp_path):
    course, lesson_id = lesson
    big = blank_png(tmp_path / "poster.png", 30000, 30000)
    done = studio("import", course, big, "--lesson", lesson_id, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["studio: poster.png is too large (900 megapixels; the "
                                        "limit is 100)."]

"""Text from outside (file names, arguments, pasted titles) is stored clean and printed safe."""

from __future__ import annotations

import os

import pytest

from studio import commands
from studio.errors import InvalidEditError
from studio.text import clean_text, plural, printable


def test_clean_text_shows_undecodable_bytes_and_drops_controls():
    assert clean_text(os.fsdecode(b"caf\xe9")) == "caf\ufffd"
    assert clean_text("a\x1b[31mb\x07c\x9bd\x7f") == "a[31mbcd"
    assert clean_text("line\x0bbreak\ttab\r\nend") == "line break tab  end"
    assert clean_text("Ünïcödé — 日本語 🙂") == "Ünïcödé — 日本語 🙂"


def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert printable(os.fsdecode(b"n\xff")) == "n\\udcff"
    assert printable("\x9b2J\x7f") == "\\x9b2J\\x7f"
    assert printable("plain — 日本") == "plain — 日本"


def test_the_title_check_cleans_every_title_the_same_way(project):
    module = commands.add_module(project, "Week\x1b[2J 1\x00")
    lesson = commands.add_lesson(project, module, os.fsdecode(b"Le\xe7on"))
    commands.rename(project, module, "Red\x0bline")
    course = project.course()
    assert course.find(module).title == "Red line"
    assert course.find(lesson).title == "Le\ufffdon"
    assert project.history.entries()[-1].name == "Rename to “Red line”"
    with pytest.raises(InvalidEditError):
        commands.rename(project, lesson, "\x1b\x07 \x00")


def test_counts_are_worded_in_the_singular_and_plural():
    assert plural(1, "statement") == "1 statement"
    assert plural(0, "statement") == "0 statements"
    assert plural(4381, "new statement") == "4,381 new statements"
    assert plural(2, "quiz", "quizzes") == "2 quizzes"

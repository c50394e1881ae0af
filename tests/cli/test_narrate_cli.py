"""`studio narrate`, `studio glossary`, `studio voice` and `studio script` from a shell."""

from __future__ import annotations

import json
import os
import signal

import pytest
from cli_runner import run_main, studio

from studio import commands
from studio.cli.progress import ProgressBar
from studio.media.voices import engine
from studio.store import Project

NOTES = "Welcome to this lesson. We start with the basics of sound. Loudness comes next."


@pytest.fixture
def course(tmp_path):
    if engine("espeak-ng").available() is not None:
        pytest.skip("espeak-ng cannot be used here")
    path = tmp_path / "Narrated.course"
    with Project.create(path, "Narrated") as project:
        module = commands.add_module(project, "M")
        lesson = commands.add_lesson(project, module, "L")
        first = commands.add_slide(project, lesson, "Intro", notes=NOTES)
        second = commands.add_page(project, lesson, "Reading", text="# Heading\n- One point.")
    return path, first, second


def test_narrate_reports_each_item_and_says_what_it_reused(course):
    path, first, second = course
    done = run_main("narrate", path, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    rows = {row["id"]: row for row in report["items"]}
    assert report["language"] == "en" and set(rows) == {first, second}
    assert rows[first]["sentences"] == 3 and rows[first]["synthesised"] == 3
    assert rows[first]["duration"] > 1 and abs(rows[first]["loudness"] - -16.0) <= 1.0
    again = run_main("narrate", path, first)
    assert again.returncode == 0
    assert "0 sentences voiced, 3 reused" in again.stdout and "(unchanged)" in again.stdout
    assert "LUFS" in again.stdout


def test_glossary_edits_name_the_items_to_revoice(course):
    path, first, _ = course
    run_main("narrate", path, first)
    done = run_main("glossary", path, "set", "loudness", "lowdness")
    assert done.returncode == 0, done.stderr
    assert f"Needs re-voicing (1): Intro ({first})" in done.stdout
    listed = run_main("glossary", path)
    assert "loudness: lowdness" in listed.stdout
    assert json.loads(run_main("glossary", path, "list", "--json").stdout) == [
        {"word": "loudness", "say": "lowdness", "kind": "respell", "language": ""}]
    voiced = run_main("narrate", path, first, "--json")
    assert json.loads(voiced.stdout)["items"][0]["synthesised"] == 1
    removed = run_main("glossary", path, "remove", "loudness")
    assert "Removed" in removed.stdout and "Needs re-voicing (1)" in removed.stdout


def test_voice_and_script_commands(course):
    path, first, _ = course
    shown = run_main("voice", path, first, "--rate", "200")
    assert shown.returncode == 0, shown.stderr
    assert "rate 200" in shown.stdout
    assert run_main("voice", path, first, "--clear").returncode == 0
    bad = run_main("voice", path, first, "--rate", "9999")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
    done = run_main("script", path, first, "--text", "Just one sentence here.")
    assert done.returncode == 0, done.stderr
    report = json.loads(run_main("narrate", path, first, "--json").stdout)
    assert report["items"][0]["sentences"] == 1
    assert run_main("script", path, first, "--from-notes").returncode == 0
    assert "Needs re-voicing (1)" in run_main("script", path, first, "--from-notes").stdout


def test_a_bad_item_is_one_line(course):
    path, _, _ = course
    done = run_main("narrate", path, "nope")
    assert done.returncode == 1 and done.stderr.startswith("studio: No item")


def test_ctrl_c_cancels_cleanly_and_changes_nothing(course, monkeypatch):
    path, first, _ = course
    before = studio("ls", path, "--json").stdout

    def interrupted(bar, fraction, message=""):
        if fraction > 0.2:  # under way: the person presses Ctrl-C
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(ProgressBar, "__call__", interrupted)
    done = run_main("narrate", path)
    assert done.returncode == 1
    assert done.stderr == "studio: cancelled; nothing was changed.\n"
    assert studio("ls", path, "--json").stdout == before


def test_a_german_script_is_voiced_whole_through_abbreviations_and_wrapped_lines(course):
    path, first, _ = course
    with Project.open(path) as project:
        commands.set_course(project, language="de")
    script = "Das ist z. B. ein Test mit Dr. Müller\num 10 Uhr. Danach kommt mehr."
    assert run_main("script", path, first, "--text", script).returncode == 0
    done = run_main("narrate", path, first, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"][0]["sentences"] == 2


def test_a_script_without_words_is_refused_in_one_line(course):
    path, first, _ = course
    assert run_main("script", path, first, "--text", "... ?! —").returncode == 0
    done = run_main("narrate", path, first)
    assert done.returncode == 1
    assert done.stderr == "studio: “Intro” has nothing to say: its script has no words.\n"


def test_a_voice_the_engine_lacks_is_refused_when_set_not_later(course):
    path, first, _ = course
    done = run_main("set", path, "course", "narration_voice=nosuch")
    assert done.returncode != 0 and 'no voice "nosuch"' in done.stderr
    done = run_main("voice", path, first, "--voice", "nosuch")
    assert done.returncode != 0 and 'no voice "nosuch"' in done.stderr
    with Project.open(path) as project:
        course_now = project.course()
        assert course_now.settings.narration_voice == ""
        assert dict(course_now.find(first).narration.voice) == {}
    assert run_main("voice", path, first, "--voice", "de").returncode == 0
    done = run_main("set", path, "course", "loudness=-24")
    assert done.returncode == 0, done.stderr


def test_voice_options_on_narrate_are_kept_by_the_next_narrate(course):
    path, first, _ = course
    done = run_main("narrate", path, "--rate", "250", first, "--json")
    assert done.returncode == 0, done.stderr
    fast = json.loads(done.stdout)["items"][0]["duration"]
    again = json.loads(run_main("narrate", path, "--json").stdout)
    row = next(row for row in again["items"] if row["id"] == first)
    assert row["unchanged"] and row["duration"] == fast
    with Project.open(path) as project:
        assert dict(project.course().find(first).narration.voice) == {"rate": "250"}
    assert run_main("undo", path).returncode == 0  # the plain narrate of the page
    assert run_main("undo", path).returncode == 0  # the render and the override, together
    with Project.open(path) as project:
        item = project.course().find(first)
        assert dict(item.narration.voice) == {} and item.narration.track("en") is None


def test_messages_say_what_happened_and_name_what_is_missing(course, tmp_path):
    path, first, second = course
    done = run_main("script", path, first, "--text", "")
    assert done.returncode == 0 and "Script cleared: the notes are narrated." in done.stdout
    missing = tmp_path / "nope" / "script.txt"
    done = run_main("script", path, first, "--file", str(missing))
    assert done.returncode != 0 and f"{missing} cannot be read" in done.stderr
    done = run_main("narrate", path, first, "--language", "de")
    assert done.returncode != 0
    assert ("has no de script to narrate: give it one with studio script --language de."
            in done.stderr)


def test_glossary_names_only_the_items_that_say_the_word(course):
    path, first, second = course
    assert run_main("narrate", path).returncode == 0
    run_main("set", path, "course", "narration_rate=200")  # every item is stale now
    done = run_main("glossary", path, "set", "basics", "baysics")
    assert done.returncode == 0, done.stderr
    assert f"Needs re-voicing (1): Intro ({first})" in done.stdout and second not in done.stdout


def test_the_readme_shows_every_narration_command():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for command in ("narrate", "script", "voice", "glossary", "align", "voices"):
        assert f"\nstudio {command} " in readme, command

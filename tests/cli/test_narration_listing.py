"""The shell shows narration: ``studio ls --json`` lists each timed item's narration facts and
the course's voice settings; ``studio set`` takes, checks and documents the voice settings."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run_main, studio

from studio import commands
from studio.model import NarrationTrack, SpokenSentence
from studio.store import Project


def listing(course: Path) -> dict:
    ran = run_main("ls", course, "--json")
    assert ran.returncode == 0
    return json.loads(ran.stdout)


def test_ls_json_lists_narration_facts_and_voice_settings(tmp_path):
    path = tmp_path / "N.course"
    with Project.create(path, "N") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        slide = commands.add_slide(project, lesson, "S")
        commands.set_item(project, slide, notes="One. Two.", duration=9.0)
        cue = commands.add_cue(project, slide, 2.0, "Check")
        page = commands.add_page(project, lesson, "P")
        commands.set_script(project, page, "Bonjour.", "fr")
        commands.set_item_voice(project, page, rate=150)
        commands.set_glossary_entry(project, "Knuth", "Kuh-nooth")
        commands.apply_track(project, slide, NarrationTrack("en", "aligned", None, None, 4.25, (
            SpokenSentence("One.", 0.0, 1.0, confidence=0.9),
            SpokenSentence("Two.", 1.5, 4.25, confidence=0.3, review=True))))
    items = listing(path)["modules"][0]["lessons"][0]["items"]
    assert items[0]["narration"] == {
        "script": "notes", "typed": [], "voice": {}, "tracks": [{
            "language": "en", "origin": "aligned", "asset": None, "captions": None,
            "duration": 4.25, "sentences": 2, "review": 1, "loudness": None}]}
    assert items[0]["cues"] == [{"id": cue, "time": 2.0, "title": "Check",
                                 "must_answer": False}]
    assert items[1]["narration"] == {"script": "", "typed": ["fr"], "voice": {"rate": "150"},
                                     "tracks": []}
    shown = run_main("ls", path).stdout
    assert "9.0 s  narrated (en), 1 to review" in shown  # no sound: duration kept
    course = listing(path)["course"]
    assert {key: course[key] for key in ("narration_engine", "narration_voice", "narration_rate",
                                         "narration_pitch", "loudness", "glossary")} == {
        "narration_engine": "espeak-ng", "narration_voice": "", "narration_rate": 175,
        "narration_pitch": 50, "loudness": -16.0,
        "glossary": [{"word": "Knuth", "say": "Kuh-nooth", "kind": "respell", "language": ""}]}


def test_set_takes_checks_and_documents_the_voice_settings(tmp_path):
    path = tmp_path / "N.course"
    assert run_main("new", path, "--title", "N").returncode == 0
    assert run_main("set", path, "course", "narration_voice=en-us", "narration_rate=160",
                    "narration_pitch=40", "loudness=-18",
                    "narration_engine=espeak-ng").returncode == 0
    course = listing(path)["course"]
    assert (course["narration_engine"], course["narration_voice"], course["narration_rate"],
            course["narration_pitch"], course["loudness"]) == ("espeak-ng", "en-us", 160, 40,
                                                               -18.0)
    refused = run_main("set", path, "course", "narration_rate=1000")
    assert refused.returncode != 0 and "80 to 450" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    helped = " ".join(studio("set", "--help").stdout.split())
    for text in ("narration_engine (", "festival|system|piper)", "narration_voice (",
                 "narration_rate (words per minute, 80..450)", "narration_pitch (0..100)",
                 "loudness (narration's target loudness, LUFS, -30..-10)"):
        assert text in helped
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for key in ("narration_engine=", "narration_voice=", "narration_rate=", "narration_pitch=",
                "loudness="):
        assert key in readme


def test_cue_points_and_their_questions_on_a_slide_from_the_shell(tmp_path):
    path = tmp_path / "N.course"
    with Project.create(path, "N") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        slide = commands.add_slide(project, lesson, "S")
        commands.set_item(project, slide, duration=6.0)
    assert run_main("add-cue", path, slide, "--at", "0:04", "--title", "Check").returncode == 0
    [cue] = listing(path)["modules"][0]["lessons"][0]["items"][0]["cues"]
    assert (cue["time"], cue["title"]) == (4.0, "Check")
    assert run_main("add-question", path, slide, "--type", "truefalse", "--prompt", "Ready?",
                    "--data", '{"answer": true}', "--cue", cue["id"]).returncode == 0
    [asked] = listing(path)["modules"][0]["lessons"][0]["items"][0]["questions"]
    assert asked["cue"] == cue["id"]
    outside = run_main("add-cue", path, slide, "--at", "7")
    assert outside.returncode != 0 and "outside the slide (0–6 s)" in outside.stderr

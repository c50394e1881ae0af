"""`studio recording` from a shell: a recorded voice-over as a target language's narration
(or the slide's own), reported in text or JSON; refusals in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_main
from media_samples import MediaSamples

from studio import commands
from studio.media.importer import import_files
from studio.store import Project
from studio.translation.segments import course_segments
from studio.translation.units import Translation


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def course(tmp_path, samples) -> tuple[Path, dict[str, str]]:
    with Project.create(tmp_path / "Voices.course", "Voices") as project:
        module = commands.add_module(project, "Module")
        lesson = commands.add_lesson(project, module, "Lesson")
        slide = commands.add_slide(project, lesson, "Exits", notes="Follow the green signs.")
        quiz = commands.add_quiz(project, lesson, "Check")
        [notes] = [s for s in course_segments(project.course(), player=False)
                   if s.owner == slide and s.field == "notes"]
        commands.store_translations(project, "fr", [
            Translation("fr", notes.id, "Suivez les panneaux verts.", notes.source_hash,
                        notes.text)])
        voice = import_files(project, [samples["voice.mp3"]])[0].asset_id
        return project.path, {"slide": slide, "quiz": quiz, "voice": voice}


def test_a_french_recording_is_attached_and_reported(course, samples):
    path, ids = course
    done = run_main("recording", path, ids["slide"], samples["voice.wav"], "--language", "fr",
                    "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["item"], report["language"], report["timing"]) == (
        ids["slide"], "fr", "proportional")
    with Project.open(path) as project:
        slide = project.course().find(ids["slide"])
        track = slide.narration.track("fr")
        assert (track.origin, track.asset_id) == ("recorded", report["asset"])
        assert [s.text for s in track.sentences] == ["Suivez les panneaux verts."]
        assert slide.narration_asset_id is None
    again = run_main("recording", path, ids["slide"], ids["voice"], "--language", "fr")
    assert again.returncode == 0, again.stderr
    assert f"narrated in fr by {ids['voice']}" in again.stdout


def test_refusals_are_one_line(course, samples, tmp_path):
    path, ids = course
    text = tmp_path / "talk.txt"
    text.write_text("words", encoding="utf-8")
    cases = [
        ((ids["quiz"], samples["voice.wav"], "--language", "fr"), "is a quiz"),
        (("itm_nope", samples["voice.wav"], "--language", "fr"), "No item"),
        ((ids["slide"], samples["voice.wav"], "--language", "de"), "not a language"),
        ((ids["slide"], text, "--language", "fr"), "not a media file"),
        ((ids["slide"], tmp_path / "gone.wav", "--language", "fr"), "does not exist"),
    ]
    for args, words in cases:
        done = run_main("recording", path, *args)
        assert done.returncode == 1 and words in done.stderr
        assert done.stderr.count("\n") == 1 and done.stdout == ""


def test_the_readme_lists_the_command():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "studio recording " in readme

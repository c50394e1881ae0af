"""Narration per language: a French narration voiced by espeak-ng's French voice from the
translated script, stored as the French track without changing the slide's timeline."""

from __future__ import annotations

import pytest

from studio import commands
from studio.media.captions import read_captions
from studio.media.narration_render import narrate, stale
from studio.media.voices import engine
from studio.store import Project
from studio.translation.segments import course_segments
from studio.translation.units import Translation

NOTES = "Welcome to this lesson. We start with the basics of sound."
FRENCH = ("Bienvenue dans cette leçon.", "Nous commençons par les bases du son.")


@pytest.fixture
def espeak():
    found = engine("espeak-ng")
    if found.available() is not None:
        pytest.skip(f"espeak-ng cannot be used here: {found.available()}")
    return found


@pytest.fixture
def slide(project: Project) -> str:
    module = commands.add_module(project, "Sound")
    lesson = commands.add_lesson(project, module, "Basics")
    slide_id = commands.add_slide(project, lesson, "Welcome", notes=NOTES, duration=5.0)
    commands.add_cue(project, slide_id, 4.0, "Check")
    commands.add_slide(project, lesson, "Later", notes="Nothing of this is translated yet.")
    commands.set_course(project, narration_voice="en-us")
    notes = [s for s in course_segments(project.course(), player=False)
             if s.field == "notes" and s.owner == slide_id]
    commands.store_translations(project, "fr", [
        Translation("fr", s.id, text, s.source_hash, s.text)
        for s, text in zip(notes, FRENCH, strict=True)])
    return slide_id


def test_french_narration_is_voiced_in_french_from_the_translation(project, slide, espeak,
                                                                   monkeypatch):
    asked = []
    real = espeak.synthesize

    def recording(text, voice, *args, **kwargs):
        asked.append((text, voice))
        return real(text, voice, *args, **kwargs)

    monkeypatch.setattr(espeak, "synthesize", recording)
    before = project.course().find(slide)
    report = narrate(project, language="fr")
    # the second slide has nothing translated: it is not voiced in English words
    assert report.language == "fr" and [item.id for item in report.items] == [slide]
    assert [text for text, _ in asked] == list(FRENCH)
    assert {voice for _, voice in asked} == {espeak.default_voice("fr")}
    after = project.course().find(slide)
    track = after.narration.track("fr")
    assert [s.text for s in track.sentences] == list(FRENCH)
    assert (after.duration, after.narration_asset_id) == (before.duration,
                                                          before.narration_asset_id)
    assert [cue.time for cue in after.cue_points] == [cue.time for cue in before.cue_points]
    captions = {t.language: t for t in after.captions}
    assert captions["fr"].asset_id == track.captions_asset_id
    cues = read_captions(project.media_dir / project.course().assets[
        track.captions_asset_id].filename)
    assert " ".join(cue.text for cue in cues).startswith("Bienvenue")
    assert stale(project, "fr") == [] and narrate(project, language="fr").synthesised == 0


def test_a_changed_translation_makes_the_french_track_stale(project, slide, espeak):
    narrate(project, language="fr")
    [first] = [s for s in course_segments(project.course(), player=False)
               if s.id == f"{slide}.notes.0"]
    commands.store_translations(project, "fr", [
        Translation("fr", first.id, "Bonjour à tous.", first.source_hash, first.text)])
    assert stale(project, "fr") == [slide]
    assert stale(project) == []

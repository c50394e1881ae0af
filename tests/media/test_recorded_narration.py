"""A recorded voice-over per language: a French recording made the French track of a slide
or page, captioned from the French script, one undo step, the source item untouched."""

from __future__ import annotations

import pytest
from media_samples import MediaSamples

from studio import commands
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.media.alignment.recording import recorded_speech
from studio.media.captions import read_captions
from studio.media.importer import import_files
from studio.media.narration_render import stale
from studio.media.recorded_narration import RECORDED, attach_recording
from studio.media.slide_narration import PROPORTIONAL
from studio.store import Project
from studio.translation.segments import course_segments
from studio.translation.units import Translation
from studio.translation.variant import translated

NOTES = "Welcome to this lesson. We start with the basics of sound."
FRENCH = ("Bienvenue dans cette leçon.", "Nous commençons par les bases du son.")


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def ids(project: Project) -> dict[str, str]:
    module = commands.add_module(project, "Sound")
    lesson = commands.add_lesson(project, module, "Basics")
    slide = commands.add_slide(project, lesson, "Welcome", notes=NOTES, duration=5.0)
    page = commands.add_page(project, lesson, "Later", "Nothing of this is translated yet.")
    quiz = commands.add_quiz(project, lesson, "Check")
    notes = [s for s in course_segments(project.course(), player=False)
             if s.field == "notes" and s.owner == slide]
    commands.store_translations(project, "fr", [
        Translation("fr", s.id, text, s.source_hash, s.text)
        for s, text in zip(notes, FRENCH, strict=True)])
    return {"slide": slide, "page": page, "quiz": quiz}


def cue_texts(project: Project, asset_id: str) -> list[str]:
    asset = project.course().assets[asset_id]
    return [cue.text for cue in read_captions(project.media_dir / asset.filename)]


def test_a_french_recording_is_the_french_track_captioned_in_french(project, ids, samples):
    before = project.course().find(ids["slide"])
    done = attach_recording(project, ids["slide"], samples["voice.wav"], language="fr")
    course = project.course()
    after = course.find(ids["slide"])
    track = after.narration.track("fr")
    assert (track.origin, track.asset_id, track.captions_asset_id) == (
        RECORDED, done.asset_id, done.captions_asset_id)
    assert course.assets[done.asset_id].kind == "audio"
    assert track.duration == done.duration == pytest.approx(1.0, abs=0.05)
    assert done.timing == PROPORTIONAL and done.language == "fr"
    assert [s.text for s in track.sentences] == list(FRENCH)
    assert track.sentences[0].start == 0.0 and track.sentences[-1].end == track.duration
    assert cue_texts(project, track.captions_asset_id) == list(FRENCH)
    # the source slide keeps its sound, duration and captions
    assert (after.duration, after.narration_asset_id) == (before.duration,
                                                          before.narration_asset_id)
    assert [c for c in after.captions if c.language != "fr"] == list(before.captions)
    # the French variant speaks the recording for as long as it lasts (at least the minimum)
    variant = translated(course, "fr").find(ids["slide"])
    assert variant.narration_asset_id == done.asset_id
    assert [(c.asset_id, c.language) for c in variant.captions] == [
        (track.captions_asset_id, "fr")]
    assert stale(project, "fr") == []  # a recording is never "needs re-voicing"
    # aligning the French captions listens to the French recording, not the source's sound
    assert recorded_speech(project, ids["slide"], "fr").asset_id == done.asset_id


def test_one_undo_step_removes_the_recording(project, ids, samples):
    before = project.course()
    attach_recording(project, ids["slide"], samples["voice.wav"], language="fr")
    assert project.undo().startswith("Record French narration")
    after = project.course()
    assert after.find(ids["slide"]) == before.find(ids["slide"])
    assert set(after.assets) == set(before.assets)


def test_a_sound_of_the_project_can_be_a_page_recording(project, ids, samples):
    voice = import_files(project, [samples["voice.mp3"]])[0].asset_id
    done = attach_recording(project, ids["page"], asset_id=voice, language="fr")
    track = project.course().find(ids["page"]).narration.track("fr")
    assert track.asset_id == voice and track.origin == RECORDED
    # nothing of the page is translated yet: no captions in English words
    assert done.captions_asset_id is None and track.sentences == ()
    assert project.course().find(ids["page"]).narration_asset_id is None


def test_in_the_course_language_the_slide_is_narrated_as_before(project, ids, samples):
    done = attach_recording(project, ids["slide"], samples["voice.wav"])
    slide = project.course().find(ids["slide"])
    assert done.language == "en" and slide.narration_asset_id == done.asset_id
    assert slide.duration == pytest.approx(1.0, abs=0.05)
    assert done.captions_asset_id in {c.asset_id for c in slide.captions}


def test_refusals_are_one_line(project, ids, samples, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a sound", encoding="utf-8")
    cases = [
        (dict(item_id=ids["quiz"], audio=samples["voice.wav"], language="fr"),
         InvalidEditError, "is a quiz"),
        (dict(item_id="itm_nope", audio=samples["voice.wav"], language="fr"),
         NotFoundError, "No item"),
        (dict(item_id=ids["slide"], audio=samples["voice.wav"], language="de"),
         InvalidEditError, "de is not a language of this course"),
        (dict(item_id=ids["slide"], audio=text, language="fr"), ImportFileError,
         "not a media file"),
        (dict(item_id=ids["slide"], audio=samples["still.png"], language="fr"),
         ImportFileError, "not an audio file"),
        (dict(item_id=ids["slide"], audio=tmp_path / "gone.wav", language="fr"),
         ImportFileError, "does not exist"),
        (dict(item_id=ids["slide"], asset_id="ast_nope", language="fr"), NotFoundError,
         "No asset"),
        (dict(item_id=ids["page"], audio=samples["voice.wav"]), InvalidEditError, "is a page"),
    ]
    for kwargs, error, words in cases:
        with pytest.raises(error, match=words) as raised:
            attach_recording(project, **kwargs)
        assert "\n" not in str(raised.value)
    assert project.course().find(ids["slide"]).narration.track("fr") is None

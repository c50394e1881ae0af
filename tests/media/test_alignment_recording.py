"""Captions for an item's recorded speech stored as its narration track: clips (on the
source's timeline, within in/out), slides with a recorded narration, placeholders; one undo
step each."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import commands
from studio.errors import InvalidEditError
from studio.media.alignment import REVIEW_BELOW, AlignmentError
from studio.media.alignment.recording import PLACEHOLDER_TEXT, caption_recording
from studio.media.captions import read_captions
from studio.media.slide_narration import ALIGNED, PROPORTIONAL, attach_narration, narrate
from studio.store import Project
from tests.slides_decks import tone
from tests.speech_fixtures import SCRIPT, WRONG_SCRIPT, build_speech, voice_available

SPOKEN = SCRIPT[:3]


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    if not voice_available("festival"):
        pytest.skip("festival is not installed")
    path = tmp_path_factory.mktemp("speech") / "talk.wav"
    return path, build_speech(SPOKEN, path, "festival")


def _clip(project: Project, lesson_id: str, wav: Path, duration: float) -> str:
    sha, filename = project.store_media(wav)
    asset = commands.add_asset(project, sha, filename, wav.name, "audio", wav.stat().st_size,
                               duration)
    return commands.add_video(project, lesson_id, asset, title="Talk")


def _vtt(project: Project, asset_id: str):
    asset = project.course().assets[asset_id]
    return read_captions(project.media_dir / asset.filename, "en")


def test_a_clip_gets_aligned_captions_and_one_undo_removes_them(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    track = caption_recording(project, clip, "\n".join(SPOKEN))
    item = project.course().find(clip)
    assert item.narration.track("en") == track
    assert track.origin == "aligned" and track.asset_id is None
    assert [c.asset_id for c in item.captions if c.language == "en"] == [
        track.captions_asset_id]
    cues = _vtt(project, track.captions_asset_id)
    assert [c.text for c in cues] == list(SPOKEN)
    for cue, (start, _) in zip(cues, truth, strict=True):
        assert abs(cue.start - start) <= 0.25
    assert all(s.confidence >= REVIEW_BELOW for s in track.sentences)
    assert project.undo().startswith("Align captions")
    item = project.course().find(clip)
    assert item.narration.track("en") is None and not item.captions


def test_a_trimmed_clip_is_aligned_within_its_in_and_out_on_the_source_timeline(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    commands.trim(project, clip, in_point=truth[1][0] - 0.3, out_point=truth[2][1] + 0.3)
    track = caption_recording(project, clip, "\n".join(SPOKEN[1:]))
    assert track.duration == pytest.approx(truth[2][1] - truth[1][0] + 0.6, abs=0.002)
    for sentence, (start, _) in zip(track.sentences, truth[1:], strict=True):
        assert abs(sentence.start - start) <= 0.1


def test_without_a_script_speech_runs_become_empty_cues_to_review(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    track = caption_recording(project, clip)  # a clip has no script of its own
    assert track.origin == "placeholders"
    assert len(track.sentences) == len(truth)
    assert all(s.review and s.text == "" for s in track.sentences)
    cues = _vtt(project, track.captions_asset_id)
    assert [round(c.start, 1) for c in cues] == [round(t[0], 1) for t in truth]
    assert {c.text for c in cues} == {PLACEHOLDER_TEXT}


def test_a_wrong_script_is_stored_with_every_cue_marked_for_review(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    track = caption_recording(project, clip, "\n".join(WRONG_SCRIPT[:3]))
    assert all(s.review for s in track.sentences)
    assert "REVIEW" not in (project.media_dir / project.course().assets[
        track.captions_asset_id].filename).read_text(encoding="utf-8")


def test_a_slide_narration_is_captioned_by_aligning_its_notes(lesson, speech, tmp_path):
    project, lesson_id = lesson
    wav, truth = speech
    slide = commands.add_slide(project, lesson_id, "Intro", notes=" ".join(SPOKEN))
    attach_narration(project, slide, wav)
    item = project.course().find(slide)
    track = item.narration.track("en")
    assert track.origin == "aligned" and track.asset_id == item.narration_asset_id
    assert item.transcript_asset_id is not None
    cues = _vtt(project, item.captions[0].asset_id)
    assert [c.text for c in cues] == list(SPOKEN)
    assert abs(cues[1].start - truth[1][0]) <= 0.1
    project.undo()
    assert project.course().find(slide).narration.track("en") is None


def test_a_slide_narration_that_does_not_say_the_notes_keeps_the_proportional_rule(
        lesson, tmp_path):
    project, lesson_id = lesson
    sound = tone(tmp_path / "tone.m4a", 2.0)
    slide = commands.add_slide(project, lesson_id, "Intro", notes=" ".join(SPOKEN))
    sha, filename = project.store_media(sound)
    asset = commands.add_asset(project, sha, filename, "tone.m4a", "audio",
                               sound.stat().st_size, 2.0)
    assert narrate(project, slide, asset) == PROPORTIONAL
    item = project.course().find(slide)
    assert item.narration.track("en") is None and len(item.captions) == 1


def test_aligned_is_said_for_speech_that_says_the_notes(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    slide = commands.add_slide(project, lesson_id, "Intro", notes="\n".join(SPOKEN))
    sha, filename = project.store_media(wav)
    asset = commands.add_asset(project, sha, filename, wav.name, "audio",
                               wav.stat().st_size, truth[-1][1] + 0.6)
    assert narrate(project, slide, asset) == ALIGNED


def test_items_without_speech_and_languages_without_an_aligner_are_refused(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    slide = commands.add_slide(project, lesson_id, "Quiet", notes="Nothing is recorded.")
    with pytest.raises(InvalidEditError, match="no recorded narration"):
        caption_recording(project, slide)
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    with pytest.raises(AlignmentError, match="no offline aligner for German"):
        caption_recording(project, clip, "Guten Tag.", language="de")
    assert project.course().find(clip).narration.track("de") is None


def test_a_synthesised_narration_keeps_its_exact_captions(lesson):
    if not voice_available("espeak"):
        pytest.skip("espeak-ng is not installed")
    from studio.media.narration_render import narrate as voice

    project, lesson_id = lesson
    slide = commands.add_slide(project, lesson_id, "Voiced", notes="Read the three slides.")
    voice(project, [slide])
    before = project.course().find(slide)
    with pytest.raises(InvalidEditError) as refused:
        caption_recording(project, slide)
    assert str(refused.value) == ("Voiced is narrated by synthesis: its captions already "
                                  "follow the voice exactly.")
    assert project.course().find(slide) == before
    assert before.narration.track("en").origin == "synthesised"


def test_no_text_to_align_never_replaces_aligned_captions_unasked(lesson, speech):
    project, lesson_id = lesson
    wav, truth = speech
    clip = _clip(project, lesson_id, wav, truth[-1][1] + 0.6)
    with pytest.raises(InvalidEditError, match="holds no text to align"):
        caption_recording(project, clip, "  \n")
    assert project.course().find(clip).narration.track("en") is None
    caption_recording(project, clip, "\n".join(SPOKEN))
    aligned = project.course().find(clip)
    for script in ("", None):  # the window's Align with its script box empty passes None
        with pytest.raises(InvalidEditError):
            caption_recording(project, clip, script)
        assert project.course().find(clip) == aligned
    track = caption_recording(project, clip, only_placeholders=True)
    assert track.origin == "placeholders" and len(track.sentences) == len(SPOKEN)

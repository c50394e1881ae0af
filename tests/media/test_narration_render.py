"""Narrating slides from their notes with the real espeak-ng, ffmpeg and SQLite: duration,
captions, loudness, sentence reuse after edits, cue points that move with their sentences,
undo without synthesis, glossary edits, cancel, and repeatable bytes."""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from studio import commands
from studio.commands.narration import set_glossary_entry, set_script
from studio.errors import Cancelled, InvalidEditError
from studio.jobs import CancelToken
from studio.media import narration_render
from studio.media.captions import read_captions
from studio.media.ffmpeg import find_ffmpeg
from studio.media.loudness import integrated_loudness
from studio.media.narration_cache import NarrationCache
from studio.media.narration_render import narrate, sentence_audio, stale
from studio.media.voices import engine
from studio.narration import SENTENCE_PAUSE
from studio.store import Project

NOTES = ("Welcome to this lesson. We start with the basics of sound. "
         "Then we look at how loudness is measured. Finally we practise on real examples.")
EDITED = NOTES.replace("Then we look at how loudness is measured.",
                       "Then we look closely at how loudness is measured and levelled.")


@pytest.fixture
def espeak():
    found = engine("espeak-ng")
    if found.available() is not None:
        pytest.skip(f"espeak-ng cannot be used here: {found.available()}")
    return found


@pytest.fixture
def calls(espeak, monkeypatch) -> list[str]:
    """The texts espeak-ng is asked to voice, in order."""
    asked: list[str] = []
    real = espeak.synthesize

    def counting(text, *args, **kwargs):
        asked.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(espeak, "synthesize", counting)
    return asked


@pytest.fixture
def slide(project: Project) -> str:
    module = commands.add_module(project, "Sound")
    lesson = commands.add_lesson(project, module, "Basics")
    return commands.add_slide(project, lesson, "Welcome", notes=NOTES)


def media_path(project: Project, asset_id: str) -> Path:
    return project.media_dir / project.course().assets[asset_id].filename


def track_of(project: Project, item_id: str):
    return project.course().find(item_id).narration.track(project.course().language)


def test_a_slide_lasts_as_long_as_its_narration_and_captions_follow_the_sentences(
        project, slide, calls):
    report = narrate(project, [slide])
    item = project.course().find(slide)
    track = item.narration.track("en")
    assert track.origin == "synthesised" and len(track.sentences) == 4
    assert item.slide_duration == track.duration == report.items[0].duration
    assert item.narration_asset_id == track.asset_id
    assert report.items[0].synthesised == 4 and report.items[0].reused == 0
    assert len(calls) == 4
    text = media_path(project, track.captions_asset_id).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT")
    cues = read_captions(media_path(project, track.captions_asset_id))
    assert [(c.start, c.end, c.text) for c in cues] == [
        (s.start, s.end, s.text) for s in track.sentences]
    starts = [s.start for s in track.sentences]
    gaps = [round(b.start - a.end, 3) for a, b in pairwise(track.sentences)]
    assert starts[0] == 0.0 and all(abs(gap - SENTENCE_PAUSE) <= 0.002 for gap in gaps)
    assert any(s.words for s in track.sentences)  # espeak-ng reports word times
    assert item.captions and item.captions[0].asset_id == track.captions_asset_id


def test_the_encoded_narration_meets_the_loudness_target(project, slide, espeak):
    commands.set_course(project, loudness=-18.0)
    narrate(project, [slide])
    track = track_of(project, slide)
    raw = subprocess.run([find_ffmpeg().path, "-v", "error", "-i",
                          str(media_path(project, track.asset_id)), "-f", "s16le", "-ac", "1",
                          "-ar", "22050", "pipe:1"], capture_output=True, check=True).stdout
    measured = integrated_loudness(np.frombuffer(raw, dtype="<i2"), 22050)
    assert abs(measured - -18.0) <= 1.0
    assert abs(track.loudness - -18.0) <= 1.0


def test_one_edited_sentence_is_voiced_again_and_later_cues_shift_by_the_change(
        project, slide, calls):
    narrate(project, [slide])
    before = track_of(project, slide)
    early = commands.add_cue(project, slide, round(before.sentences[0].start + 0.2, 3), "A")
    late = commands.add_cue(project, slide, round(before.sentences[3].start + 0.3, 3), "B")
    commands.add_question(project, slide, "truefalse", "Clear so far?", cue_id=late)
    calls.clear()
    commands.update_slide(project, slide, notes=EDITED)
    report = narrate(project, [slide])
    after = track_of(project, slide)
    assert len(calls) == 1 and calls[0].startswith("Then we look closely")
    assert report.items[0].synthesised == 1 and report.items[0].reused == 3
    change = round(after.duration - before.duration, 3)
    assert change > 0
    cues = {cue.id: cue.time for cue in project.course().find(slide).cue_points}
    old = {cue_id: time for cue_id, time in ((early, before.sentences[0].start + 0.2),
                                             (late, before.sentences[3].start + 0.3))}
    assert cues[early] == round(old[early], 3)
    assert cues[late] == round(round(old[late], 3) + change, 3)
    assert [q.cue_id for q in project.course().find(slide).questions] == [late]
    for a, b in zip(before.sentences[3:], after.sentences[3:], strict=True):
        assert round(b.start - a.start, 3) == change


def test_an_edit_renders_exactly_what_a_render_from_scratch_gives(project, slide, espeak):
    narrate(project, [slide])
    commands.update_slide(project, slide, notes=EDITED)
    narrate(project, [slide])
    edited = track_of(project, slide)
    edited_bytes = media_path(project, edited.asset_id).read_bytes()
    shutil.rmtree(NarrationCache(project.cache_dir).root)
    commands.remove_track(project, slide, "en")
    narrate(project, [slide])
    fresh = track_of(project, slide)
    assert [(s.text, s.start, s.end, s.key, s.words) for s in fresh.sentences] == [
        (s.text, s.start, s.end, s.key, s.words) for s in edited.sentences]
    assert fresh.duration == edited.duration
    assert media_path(project, fresh.asset_id).read_bytes() == edited_bytes


def test_undo_brings_back_the_previous_narration_without_synthesis(project, slide, calls):
    narrate(project, [slide])
    first = track_of(project, slide)
    first_duration = project.course().find(slide).slide_duration
    commands.update_slide(project, slide, notes=EDITED)
    narrate(project, [slide])
    assert track_of(project, slide).asset_id != first.asset_id
    calls.clear()
    assert project.undo().startswith("Narrate")
    restored = track_of(project, slide)
    assert restored == first and calls == []
    assert project.course().find(slide).slide_duration == first_duration
    assert media_path(project, restored.asset_id).is_file()


def test_a_glossary_entry_revoices_only_the_sentences_with_the_word(project, slide, calls):
    narrate(project, [slide])
    calls.clear()
    set_glossary_entry(project, "loudness", "lowdness")
    assert stale(project) == [slide]
    report = narrate(project)
    assert len(calls) == 1 and "loudness" in calls[0]
    assert report.items[0].synthesised == 1 and report.items[0].reused == 3
    assert stale(project) == []


def test_stale_for_given_items_plans_only_those(project, slide, espeak, monkeypatch):
    lesson = project.course().modules[0].lessons[0].id
    other = commands.add_slide(project, lesson, "Second", notes="A second slide. It speaks.")
    narrate(project)
    set_glossary_entry(project, "second", "sekond")
    commands.update_slide(project, slide, notes=EDITED)
    assert stale(project) == [slide, other]
    planned: list[str] = []
    real = narration_render.plan_item

    def spy(course, item, *args, **kwargs):
        planned.append(item.id)
        return real(course, item, *args, **kwargs)

    monkeypatch.setattr(narration_render, "plan_item", spy)
    assert stale(project, item_ids=[other]) == [other] and planned == [other]
    assert stale(project, item_ids=["no-such-item"]) == [] and planned == [other]
    assert stale(project, item_ids=[other, slide]) == [slide, other]  # outline order


def test_cancel_leaves_the_project_unchanged(project, slide, espeak, dump):
    before = dump(project)
    token = CancelToken()

    def progress(fraction, message=""):
        if fraction > 0.3:
            token.cancel()

    with pytest.raises(Cancelled):
        narrate(project, [slide], progress=progress, token=token)
    assert dump(project) == before
    assert not list(project.path.glob("media/*.m4a"))


def test_the_same_text_gives_the_same_bytes(project, slide, espeak, tmp_path):
    narrate(project, [slide])
    first = media_path(project, track_of(project, slide).asset_id).read_bytes()
    with Project.create(tmp_path / "Other.course", "Other") as other:
        module = commands.add_module(other, "M")
        lesson = commands.add_lesson(other, module, "L")
        again = commands.add_slide(other, lesson, "Welcome", notes=NOTES)
        narrate(other, [again])
        assert media_path(other, track_of(other, again).asset_id).read_bytes() == first


def test_an_unchanged_item_is_left_alone(project, slide, calls):
    narrate(project, [slide])
    steps = len(project.history.entries())
    report = narrate(project)
    assert report.items[0].unchanged and report.synthesised == 0
    assert len(project.history.entries()) == steps


def test_a_typed_script_replaces_the_notes_and_a_sentence_can_be_played(project, slide, espeak):
    set_script(project, slide, "A typed script. It has two sentences.")
    narrate(project, [slide])
    assert [s.text for s in track_of(project, slide).sentences] == [
        "A typed script.", "It has two sentences."]
    wav = sentence_audio(project, slide, 1)
    assert wav.is_file() and wav.read_bytes()[:4] == b"RIFF"
    with pytest.raises(InvalidEditError):
        sentence_audio(project, slide, 2)


def test_items_without_a_script_are_refused_by_name(project, slide, espeak):
    module = project.course().modules[0].id
    lesson = project.course().modules[0].lessons[0].id
    quiz = commands.add_quiz(project, lesson, "Check")
    with pytest.raises(InvalidEditError, match="Check"):
        narrate(project, [quiz])
    with pytest.raises(InvalidEditError, match="No item"):
        narrate(project, [module + "x"])


def test_a_slide_that_lost_its_narration_sound_is_rendered_again_from_the_cache(
        project, slide, calls):
    narrate(project, [slide])
    calls.clear()
    commands.update_slide(project, slide, narration_asset_id=None)
    report = narrate(project, [slide])
    assert not report.items[0].unchanged and report.items[0].reused == 4 and calls == []
    assert project.course().find(slide).narration_asset_id == track_of(project, slide).asset_id

"""Narration commands: each is one undo step that undoes and redoes exactly; refusals change
nothing and say why in one line. Cue points and their questions on slides."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.model import NarrationTrack, SpokenSentence
from studio.store import Project


def one_step(project: Project, dump, action):
    """Run an edit; check it is one undo step that undoes and redoes exactly."""
    before, steps = dump(project), len(project.history.entries())
    result = action()
    after = dump(project)
    assert after != before
    assert len(project.history.entries()) == steps + 1
    project.undo()
    assert dump(project) == before
    project.redo()
    assert dump(project) == after
    return result


def refused(project: Project, dump, error, action) -> str:
    before, steps = dump(project), len(project.history.entries())
    with pytest.raises(error) as caught:
        action()
    assert dump(project) == before and len(project.history.entries()) == steps
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.fixture
def items(project: Project) -> dict[str, str]:
    """A lesson with a slide (with notes), a page, a quiz; ids by kind."""
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    slide = commands.add_slide(project, lesson, "Welcome")
    commands.set_item(project, slide, notes="Hello there. Welcome to the course.")
    page = commands.add_page(project, lesson, "Read me")
    commands.set_item(project, page, text="# Title\n- first point\n1. second point")
    quiz = commands.add_quiz(project, lesson, "Check")
    return {"lesson": lesson, "slide": slide, "page": page, "quiz": quiz}


def sound(project: Project, tmp_path: Path, name: str, kind: str = "audio",
          duration: float | None = 4.0) -> str:
    path = tmp_path / name
    path.write_bytes(name.encode() * 20)
    sha, filename = project.store_media(path)
    return commands.add_asset(project, sha, filename, name, kind, path.stat().st_size,
                              duration=duration)


def a_track(audio: str | None, captions: str | None, duration: float = 4.0,
            language: str = "en", texts=("Hello there.", "Welcome to the course.")):
    half = round(duration / 2, 3)
    sentences = (SpokenSentence(texts[0], 0.0, half - 0.35, key="k1"),
                 SpokenSentence(texts[1], half, duration, key="k2"))
    return NarrationTrack(language, "synthesised", audio, captions, duration, sentences,
                          voice=(("rate", "175"), ("engine", "espeak-ng"),
                                 ("engine_version", "1.51")), loudness=-16.0)


def test_set_script_types_and_clears_per_language(project, dump, items):
    slide = items["slide"]
    one_step(project, dump, lambda: commands.set_script(project, slide, "  Typed words.  "))
    assert project.course().find(slide).narration.scripts == (("en", "Typed words."),)
    one_step(project, dump, lambda: commands.set_script(project, slide, "Bonjour.", "FR"))
    assert project.course().find(slide).narration.script("fr") == "Bonjour."
    one_step(project, dump, lambda: commands.set_script(project, slide, None))
    narration = project.course().find(slide).narration
    assert narration.script("en") is None and narration.script("fr") == "Bonjour."
    one_step(project, dump, lambda: commands.set_script(project, slide, "   ", "fr"))
    assert project.course().find(slide).narration.scripts == ()


def test_set_script_refusals(project, dump, items):
    assert "quiz" in refused(project, dump, InvalidEditError,
                             lambda: commands.set_script(project, items["quiz"], "Hi."))
    refused(project, dump, NotFoundError, lambda: commands.set_script(project, "nope", "Hi."))
    assert "language tag" in refused(project, dump, InvalidEditError, lambda: commands.set_script(
        project, items["slide"], "Hi.", "not a tag!"))


def test_set_item_voice_overrides_and_removes(project, dump, items):
    page = items["page"]
    one_step(project, dump, lambda: commands.set_item_voice(
        project, page, engine="festival", rate="160", pitch=40))
    assert dict(project.course().find(page).narration.voice) == {
        "engine": "festival", "rate": "160", "pitch": "40"}
    one_step(project, dump, lambda: commands.set_item_voice(project, page, rate=None))
    assert dict(project.course().find(page).narration.voice) == {
        "engine": "festival", "pitch": "40"}


@pytest.mark.parametrize(("values", "words"), [
    ({"rate": 79}, "80 to 450"), ({"rate": 451}, "80 to 450"), ({"rate": 150.5}, "whole"),
    ({"pitch": -1}, "0 to 100"), ({"pitch": "loud"}, "whole"),
    ({"engine": "sam"}, "espeak-ng"), ({"speed": 1}, "no setting speed"),
])
def test_set_item_voice_refusals(project, dump, items, values, words):
    message = refused(project, dump, InvalidEditError,
                      lambda: commands.set_item_voice(project, items["slide"], **values))
    assert words in message


def test_glossary_entries_set_replace_and_remove(project, dump):
    one_step(project, dump, lambda: commands.set_glossary_entry(project, " Knuth ", "Kuh-nooth"))
    one_step(project, dump, lambda: commands.set_glossary_entry(
        project, "SQL", "S Q L", language="en_gb"))
    one_step(project, dump, lambda: commands.set_glossary_entry(
        project, "knuth", "k n u: T", kind="phonemes"))
    glossary = project.course().settings.glossary
    assert [(e.word, e.say, e.kind, e.language) for e in glossary] == [
        ("knuth", "k n u: T", "phonemes", ""), ("SQL", "S Q L", "respell", "en-GB")]
    one_step(project, dump, lambda: commands.remove_glossary_entry(project, "KNUTH"))
    assert [e.word for e in project.course().settings.glossary] == ["SQL"]
    refused(project, dump, NotFoundError,
            lambda: commands.remove_glossary_entry(project, "SQL"))  # that one is en-GB's
    one_step(project, dump, lambda: commands.remove_glossary_entry(project, "sql", "en-GB"))


def test_a_glossary_word_may_be_a_phrase(project, dump):
    one_step(project, dump, lambda: commands.set_glossary_entry(
        project, " Monte \n Carlo ", "Montay Carlo"))
    assert [e.word for e in project.course().settings.glossary] == ["Monte Carlo"]
    one_step(project, dump, lambda: commands.remove_glossary_entry(project, "monte  carlo"))


@pytest.mark.parametrize(("args", "words"), [
    (("", "x"), "needs a word"), (("word", " "), "Say how"),
    (("word", "x", "ipa"), "respell or phonemes"), (("word", "x", "respell", "??"), "tag"),
    (("word", "]]]]]][[[[[[", "phonemes"), "cannot contain “[” or “]”"),
    (("word", "w[[3:]]d"), "cannot contain “[” or “]”"),  # in a respelling too
])
def test_glossary_refusals(project, dump, args, words):
    assert words in refused(project, dump, InvalidEditError,
                            lambda: commands.set_glossary_entry(project, *args))


def test_apply_track_on_a_slide_sets_sound_duration_captions_and_moves_cues(
        project, dump, items, tmp_path):
    slide = items["slide"]
    commands.set_item(project, slide, duration=10.0)
    early, late = commands.add_cue(project, slide, 1.0), commands.add_cue(project, slide, 9.0)
    audio, vtt = sound(project, tmp_path, "one.m4a"), sound(project, tmp_path, "one.vtt",
                                                             "captions", None)
    track = a_track(audio, vtt, 6.0)
    one_step(project, dump, lambda: commands.apply_track(project, slide, track, {early: 3.5}))
    item = project.course().find(slide)
    assert item.narration.track("en") == track  # equal to what the render made, pairs and all
    assert item.narration.track("en").voice[0] == ("engine", "espeak-ng")
    assert (item.narration_asset_id, item.slide_duration) == (audio, 6.0)
    assert [(c.asset_id, c.language, c.label) for c in item.captions] == [
        (vtt, "en", "English")]
    assert {c.id: c.time for c in item.cue_points} == {early: 3.5, late: 6.0}  # kept inside


def test_undo_of_a_new_track_points_back_at_the_previous_sound(project, dump, items, tmp_path):
    slide = items["slide"]
    first, second = sound(project, tmp_path, "a.m4a"), sound(project, tmp_path, "b.m4a")
    commands.apply_track(project, slide, a_track(first, None, 4.0))
    one_step(project, dump, lambda: commands.apply_track(
        project, slide, a_track(second, None, 5.0, texts=("Hi there.", "Welcome."))))
    project.undo()
    item = project.course().find(slide)
    assert (item.narration_asset_id, item.slide_duration) == (first, 4.0)
    assert item.narration.track("en").sentences[0].text == "Hello there."
    assert first in project.course().assets and second in project.course().assets


def test_a_second_language_adds_captions_but_not_the_sound(project, dump, items, tmp_path):
    slide = items["slide"]
    english, french = sound(project, tmp_path, "en.m4a"), sound(project, tmp_path, "fr.m4a")
    vtt = sound(project, tmp_path, "fr.vtt", "captions", None)
    commands.apply_track(project, slide, a_track(english, None, 4.0))
    one_step(project, dump, lambda: commands.apply_track(
        project, slide, a_track(french, vtt, 7.0, language="fr")))
    item = project.course().find(slide)
    assert (item.narration_asset_id, item.slide_duration) == (english, 4.0)
    assert [t.language for t in item.narration.tracks] == ["en", "fr"]
    assert [(c.language, c.label) for c in item.captions] == [("fr", "French")]
    one_step(project, dump, lambda: commands.remove_track(project, slide, "fr"))
    item = project.course().find(slide)
    assert item.captions == () and item.narration_asset_id == english


def test_apply_track_on_a_page_and_a_clip(project, dump, items, tmp_path, video_asset):
    page = items["page"]
    audio = sound(project, tmp_path, "page.m4a")
    one_step(project, dump, lambda: commands.apply_track(project, page, a_track(audio, None)))
    assert project.course().find(page).narration_asset_id == audio
    one_step(project, dump, lambda: commands.remove_track(project, page, "en"))
    assert project.course().find(page).narration_asset_id is None
    clip = commands.add_video(project, items["lesson"], video_asset, "Talk")
    vtt = sound(project, tmp_path, "talk.vtt", "captions", None)
    aligned = NarrationTrack("en", "aligned", None, vtt, 60.0, (
        SpokenSentence("Hello.", 1.0, 2.0, confidence=0.4, review=True),))
    one_step(project, dump, lambda: commands.apply_track(project, clip, aligned))
    item = project.course().find(clip)
    assert item.narration.tracks == (aligned,) and item.captions[0].asset_id == vtt


def test_apply_track_sets_or_keeps_the_transcript(project, dump, items, tmp_path):
    slide = items["slide"]
    text = sound(project, tmp_path, "t.vtt", "captions", None)
    commands.apply_track(project, slide, a_track(None, None), transcript_asset_id=text)
    assert project.course().find(slide).transcript_asset_id == text
    commands.apply_track(project, slide, a_track(None, None))
    assert project.course().find(slide).transcript_asset_id == text
    commands.apply_track(project, slide, a_track(None, None), transcript_asset_id=None)
    assert project.course().find(slide).transcript_asset_id is None


def test_apply_track_refusals(project, dump, items, tmp_path, video_asset):
    slide = items["slide"]
    refused(project, dump, NotFoundError,
            lambda: commands.apply_track(project, slide, a_track("ast_missing", None)))
    refused(project, dump, InvalidEditError, lambda: commands.apply_track(
        project, slide, NarrationTrack("en", "dictated", None, None, 1.0)))
    refused(project, dump, InvalidEditError, lambda: commands.apply_track(
        project, slide, NarrationTrack("en", "synthesised", None, None, float("nan"))))
    refused(project, dump, InvalidEditError,
            lambda: commands.apply_track(project, items["quiz"], a_track(None, None)))
    refused(project, dump, NotFoundError,
            lambda: commands.apply_track(project, slide, a_track(None, None), {"cue_x": 1.0}))
    refused(project, dump, InvalidEditError, lambda: commands.apply_track(
        project, items["page"], a_track(None, None), transcript_asset_id=None))
    refused(project, dump, NotFoundError, lambda: commands.remove_track(project, slide, "en"))


def test_cue_points_on_a_slide_lie_within_its_duration(project, dump, items):
    slide = items["slide"]
    commands.set_item(project, slide, duration=8.0)
    cue = one_step(project, dump, lambda: commands.add_cue(project, slide, 2.0, "Check"))
    assert "outside the slide (0–8 s)" in refused(
        project, dump, InvalidEditError, lambda: commands.add_cue(project, slide, 8.5))
    refused(project, dump, InvalidEditError, lambda: commands.move_cue(project, slide, cue, -1))
    one_step(project, dump, lambda: commands.move_cue(project, slide, cue, 8.0))
    one_step(project, dump, lambda: commands.rename_cue(project, slide, cue, " Stop  here "))
    one_step(project, dump, lambda: commands.set_must_answer(project, slide, cue, True))
    [point] = project.course().find(slide).cue_points
    assert (point.time, point.title, point.must_answer) == (8.0, "Stop here", True)
    assert "video clips and slides" in refused(
        project, dump, InvalidEditError, lambda: commands.add_cue(project, items["page"], 1.0))


def test_questions_at_a_slide_cue(project, dump, items):
    slide = items["slide"]
    cue = commands.add_cue(project, slide, 1.0)
    asked = one_step(project, dump, lambda: commands.add_question(
        project, slide, "truefalse", "Ready?", data={"answer": True}, cue_id=cue))
    assert "cue points" in refused(project, dump, InvalidEditError, lambda: commands.add_question(
        project, slide, "truefalse", "Ready?", data={"answer": True}))
    banked = commands.add_question(project, items["quiz"], "truefalse", "Sure?",
                                   data={"answer": False}, pool="bank")
    copied = one_step(project, dump, lambda: commands.copy_question_to_cue(
        project, banked, slide, cue))
    item = project.course().find(slide)
    assert [(q.id, q.cue_id) for q in item.questions] == [(asked, cue), (copied, cue)]
    assert one_step(project, dump, lambda: commands.remove_cue(project, slide, cue)) == 2
    assert project.course().find(slide).questions == ()

"""An item's narration plan: the cache keys follow a voice file's bytes, not only its path."""

from __future__ import annotations

import os

import pytest

from studio import commands
from studio.commands.narration import set_item_voice
from studio.media.narration_plan import plan_item, voice_file_digest
from studio.media.voices import engine


def test_a_voice_file_replaced_at_the_same_path_gives_new_keys(project, tmp_path):
    voice = tmp_path / "voice.onnx"
    voice.write_bytes(b"first voice model")
    module = commands.add_module(project, "M")
    lesson = commands.add_lesson(project, module, "L")
    slide = commands.add_slide(project, lesson, "S")
    commands.update_slide(project, slide, notes="Hello there. How are you?")
    set_item_voice(project, slide, engine="piper", voice_file=str(voice))

    def keys() -> tuple[str, ...]:
        course = project.course()
        return plan_item(course, course.find(slide), "en", check=False).keys

    before = keys()
    assert before == keys()  # the same file: the same keys
    voice.write_bytes(b"second voice model, retrained")
    os.utime(voice, ns=(1, 1))
    after = keys()
    assert len(after) == 2
    assert set(before).isdisjoint(after)


def test_a_missing_voice_file_is_named_so_not_read(tmp_path):
    assert voice_file_digest(str(tmp_path / "absent.onnx")) == "missing"


def test_a_glossary_phrase_wrapped_over_a_line_is_voiced_by_espeak(project):
    espeak = engine("espeak-ng")
    if espeak.available() is not None:
        pytest.skip("espeak-ng cannot be used here")
    module = commands.add_module(project, "M")
    lesson = commands.add_lesson(project, module, "L")
    slide = commands.add_slide(project, lesson, "S")
    commands.update_slide(project, slide, notes="We ran Monte\nCarlo methods today.")
    commands.set_glossary_entry(project, "monte carlo", "m'0nti k'A@l@U", kind="phonemes")
    course = project.course()
    plan = plan_item(course, course.find(slide), "en")
    assert [s.text for s in plan.sentences] == ["We ran Monte Carlo methods today."]
    (sentence,) = plan.sentences
    assert [e.word for e in sentence.entries] == ["monte carlo"]
    said = espeak.synthesize(sentence.text, "en-us", 175, 50, sentence.entries)
    assert len(said.samples) > 0
    texts = [sentence.text[offset:offset + size] for _s, _e, offset, size in said.words]
    assert "Monte Carlo" in texts  # the phrase is one spoken word, timed as one

"""An item's narration plan: the cache keys follow a voice file's bytes, not only its path."""

from __future__ import annotations

import os

from studio import commands
from studio.commands.narration import set_item_voice
from studio.media.narration_plan import plan_item, voice_file_digest


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

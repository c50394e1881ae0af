"""Align to recording from the narration panel: a clip of recorded speech and its script
become timed sentences with confidences, as a job, one undo step; the captions follow the
playhead under the preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio import commands
from studio.model import VideoClip
from tests.speech_fixtures import SCRIPT, build_speech, voice_available

SPOKEN = SCRIPT[:3]


@pytest.fixture
def speech_clip(window, tmp_path):
    voice = "festival" if voice_available("festival") else "espeak"
    if not voice_available(voice):
        pytest.skip("no speech synthesiser to build the recording")
    wav = tmp_path / "talk.wav"
    truth = build_speech(SPOKEN, wav, voice)
    project = window.session.project
    lesson = window.session.course().lessons()[0]

    def add(project):
        sha, filename = project.store_media(wav)
        asset = commands.add_asset(project, sha, filename, wav.name, "audio",
                                   wav.stat().st_size, truth[-1][1] + 0.6)
        return commands.add_video(project, lesson.id, asset, title="Recorded talk")

    with project.group("Add the talk"):
        clip_id = window.session.run(add).value
    return clip_id, truth


def test_align_to_recording_times_the_script_as_one_undo_step(window, qtbot, speech_clip):
    clip_id, truth = speech_clip
    language = window.session.course().language
    window.session.select(clip_id)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.narration
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.id == clip_id, timeout=3000)
    assert panel.align_button.isVisible() and not panel.revoice_button.isVisible()
    panel.script.setPlainText("\n".join(SPOKEN))
    qtbot.mouseClick(panel.align_button, Qt.MouseButton.LeftButton)
    assert panel.job is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=180000)
    assert window.errors == []
    clip = window.session.find(clip_id)
    assert isinstance(clip, VideoClip)
    track = clip.narration.track(language)
    assert track is not None and track.origin == "aligned"
    assert clip.narration.script(language) == "\n".join(SPOKEN)  # stored before aligning
    qtbot.waitUntil(lambda: panel.sentences.rowCount() == len(SPOKEN), timeout=3000)
    for row, (start, _end) in enumerate(truth):
        assert panel.sentences.item(row, 2).text() == SPOKEN[row]
        assert panel.sentences.item(row, 3).text()  # a confidence for every aligned sentence
        assert abs(track.sentences[row].start - start) <= 0.3
    assert "Aligned" in panel.status.text()
    # the captions it made show under the preview at the playhead
    window.session.select(clip.lesson_id)
    box = next(b for b in window.timeline.boxes if b.item_id == clip_id)
    window.timeline.set_playhead(box.start + (truth[1][0] + truth[1][1]) / 2 - box.in_point)
    qtbot.waitUntil(lambda: window.preview.caption_line.text() == SPOKEN[1], timeout=3000)

    assert window.session.undo().value.startswith("Align captions")
    assert window.session.find(clip_id).narration.track(language) is None

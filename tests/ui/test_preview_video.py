"""The learner preview plays the course's videos inside the studio: its clips are WebM, which
Qt WebEngine decodes without the proprietary codecs its pip build lacks."""

from __future__ import annotations

import json

from studio.model import VideoClip
from tests.ui.test_learner_preview import open_preview, run_js

FIND_VIDEO = "document.querySelector('video')"
STATE = ("(function (v) { return v ? JSON.stringify({src: v.currentSrc || v.src, "
         "error: v.error, time: v.currentTime, ready: v.readyState}) : ''; })("
         + FIND_VIDEO + ")")
# muted, as Chromium lets a page start muted media without a click
PLAY = f"(function (v) {{ v.muted = true; v.play(); return true; }})({FIND_VIDEO})"


def video_lesson(window) -> str:
    course = window.session.course()
    return next(lesson.id for lesson in course.lessons()
                if any(isinstance(item, VideoClip) for item in lesson.items))


def test_a_lesson_video_plays_in_the_studio_preview(window, qtbot):
    lesson = video_lesson(window)
    window.session.select(lesson)
    preview = open_preview(window, qtbot)
    assert preview.lesson_id == lesson
    qtbot.waitUntil(lambda: bool(run_js(qtbot, preview.page, STATE)), timeout=10000)
    state = json.loads(run_js(qtbot, preview.page, STATE))
    assert state["src"].endswith(".webm"), state
    assert state["error"] is None, state
    assert run_js(qtbot, preview.page, PLAY) is True

    def advanced() -> bool:
        now = json.loads(run_js(qtbot, preview.page, STATE))
        assert now["error"] is None, now  # a decoding failure ends the wait at once
        return now["ready"] >= 2 and now["time"] > 0.3

    qtbot.waitUntil(advanced, timeout=20000)
    # the engine decodes the clips, so nothing sends the designer to a browser
    qtbot.wait(300)
    assert not preview.note.isVisibleTo(preview), preview.note.text()
    preview.close()


def test_without_webm_encoders_the_preview_renders_mp4_and_says_why(window, qtbot,
                                                                    monkeypatch):
    from studio.ui import learner_preview

    monkeypatch.setattr(learner_preview, "encoders", lambda binary: frozenset({"libx264"}))
    window.session.select(video_lesson(window))
    preview = open_preview(window, qtbot)
    qtbot.waitUntil(lambda: bool(run_js(qtbot, preview.page, STATE)), timeout=10000)
    assert json.loads(run_js(qtbot, preview.page, STATE))["src"].endswith(".mp4")
    qtbot.waitUntil(lambda: preview.note.isVisibleTo(preview), timeout=10000)
    assert "Open in browser" in preview.note.text()
    preview.close()

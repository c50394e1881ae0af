"""The preview follows the playhead: clicks and scrubs on the ruler show the frame under it,
Play starts there and moves it, cue points stop playback with their questions, J/K/L and
frame steps move it by the right amounts, and every panel writes a duration the same way."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import imageio_ffmpeg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

from studio import commands
from studio.model import VideoClip
from studio.store import Project
from studio.ui.quiz_preview import QuizPreview
from studio.ui.timeline.items import RULER_H

FPS = 25
IN_POINT = 1.0  # the clip is trimmed so that lesson time t shows source time t + 1


def moving_clip(path: Path, seconds: float = 10.0) -> Path:
    """A clip whose every frame differs (testsrc2 moves), with a keyframe every 2 s."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size=320x180:rate={FPS}:duration={seconds}",
         "-c:v", "libx264", "-g", str(2 * FPS), "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


@pytest.fixture
def clip(window, tmp_path, qtbot) -> VideoClip:
    lesson = window.outline.add_lesson("Playhead")
    job = window.media_bin.import_paths([moving_clip(tmp_path / "moving.mp4")], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    item = next(i for i in window.session.find(lesson).items if isinstance(i, VideoClip))
    window.session.run(commands.trim, item.id, IN_POINT, 8.97)
    window.session.select(lesson)
    window.timeline.setFocus()
    qtbot.waitUntil(lambda: bool(window.timeline.boxes))
    return window.session.find(item.id)


def _path(window, clip: VideoClip) -> Path:
    return window.session.path / "media" / window.session.course().assets[clip.asset_id].filename


def pyav_frame(path: Path, seconds: float, width: int, height: int) -> bytes:
    """The frame PyAV decodes at a source time, the plain way (every frame from the keyframe)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if frame.time > seconds + 1e-3:
                break
            shown = frame
        rgb = shown.reformat(width, height, "rgb24", interpolation="BILINEAR")
        plane = rgb.planes[0]
        return b"".join(bytes(plane)[row * plane.line_size:row * plane.line_size + width * 3]
                        for row in range(height))


def grabbed(label: QLabel) -> tuple[bytes, int, int]:
    """The pixels the preview shows on screen (the picture centred in its label), as RGB."""
    picture = label.pixmap()
    width, height = picture.width(), picture.height()
    shot = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    left, top = (shot.width() - width) // 2, (shot.height() - height) // 2
    shot = shot.copy(left, top, width, height)
    data = bytes(shot.constBits())
    line = shot.bytesPerLine()
    return b"".join(data[row * line:row * line + width * 3] for row in range(height)), width, height


def mean_difference(a: bytes, b: bytes) -> float:
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def ruler_point(view, seconds: float) -> QPoint:
    y = view.mapFromScene(QPointF(0, RULER_H / 2)).y()
    return QPoint(round(view.x_of(seconds)), y)


def _mouse(view, kind, point: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseButtonRelease \
        else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
                        button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def test_a_ruler_click_shows_the_frame_under_the_playhead(window, clip, qtbot):
    view, video = window.timeline, window.preview.video
    path = _path(window, clip)
    for lesson_time in (3.37, 0.5, 6.11):
        shown = video.frames_shown
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=ruler_point(view, lesson_time))
        qtbot.waitUntil(lambda n=shown: video.frames_shown > n, timeout=10000)
        source = view.playhead + IN_POINT
        assert abs(view.playhead - lesson_time) < 0.05
        assert video.shown_time == pytest.approx(source)
        pixels, width, height = grabbed(video.still)
        assert width > 200  # scaled to the pane, not a thumbnail
        wanted = pyav_frame(path, source, width, height)
        assert mean_difference(pixels, wanted) < 3.0
        # and it is this frame, not just any frame of the clip
        assert mean_difference(pixels, pyav_frame(path, source + 0.6, width, height)) > 6.0


def test_scrubbing_shows_only_the_newest_frame(window, clip, qtbot):
    view, video = window.timeline, window.preview.video
    shown: list[float] = []
    video.frame_shown.connect(shown.append)
    times = [0.2 + n * 0.31 for n in range(20)]
    _mouse(view, QMouseEvent.Type.MouseButtonPress, ruler_point(view, times[0]))
    for at in times[1:]:
        _mouse(view, QMouseEvent.Type.MouseMove, ruler_point(view, at))
    _mouse(view, QMouseEvent.Type.MouseButtonRelease, ruler_point(view, times[-1]))
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    qtbot.wait(300)  # nothing older may arrive late
    assert shown == [pytest.approx(view.playhead + IN_POINT)]
    assert abs(view.playhead - times[-1]) < 0.05
    assert video.decoder.decoded < len(times) / 2  # the requests in between were dropped
    pixels, width, height = grabbed(video.still)
    assert mean_difference(pixels, pyav_frame(_path(window, clip), shown[0], width,
                                              height)) < 3.0


def test_play_starts_at_the_playhead_and_moves_it(window, clip, qtbot):
    view, video = window.timeline, window.preview.video
    view.set_playhead(2.0)
    moves: list[float] = []
    view.playhead_moved.connect(moves.append)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert video.playing and window.preview.play_button.text() == "❚❚ Pause"
    assert window.playhead_link.playing_box.item_id == clip.id
    qtbot.waitUntil(lambda: view.playhead > 2.4, timeout=15000)
    assert min(moves) >= 2.0 - 0.05  # from the playhead, not from the clip's in point
    assert moves == sorted(moves)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not video.playing
    stopped = view.playhead
    qtbot.waitUntil(lambda: video.shown_time is not None
                    and abs(video.shown_time - (stopped + IN_POINT)) < 1e-6, timeout=10000)
    assert view.playhead == stopped


def test_playback_positions_map_to_lesson_time_and_stop_at_the_out_point(window, clip, qtbot):
    """Through the player's own signal, with positions the test chooses."""
    view, video = window.timeline, window.preview.video
    view.set_playhead(1.0)
    window.preview.play_button.click()
    qtbot.waitUntil(lambda: video._start_ms is None, timeout=10000)
    video.player.pause()  # the test drives the positions from here on
    video.player.positionChanged.emit(4250)  # source 4.25 s
    assert view.playhead == pytest.approx(4.25 - IN_POINT)
    assert video.playing  # a playhead moved by playback does not seek or stop the player
    video.player.positionChanged.emit(9000)  # past the out point (8.97)
    assert not video.playing
    assert view.playhead == pytest.approx(8.97 - IN_POINT)


def play_to_a_cue(window, clip, qtbot, must_answer: bool = False) -> None:
    """A cue at source 2.5 s with one true/false question (true); play from source 2.2 s
    until the preview asks it."""
    session, view, preview = window.session, window.timeline, window.preview
    cue = session.run(commands.add_cue, clip.id, 2.5, "Check", must_answer=must_answer).value
    session.run(commands.add_question, clip.id, "truefalse", "Is the sky blue?", cue_id=cue,
                data={"answer": True})
    view.set_playhead(1.2)  # source 2.2 s
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: preview.stack.currentWidget() is preview.cue_area, timeout=15000)


def test_playback_stops_at_a_cue_point_and_asks_its_questions(window, clip, qtbot):
    view, preview = window.timeline, window.preview
    play_to_a_cue(window, clip, qtbot)
    assert not preview.video.playing
    assert view.playhead == pytest.approx(2.5 - IN_POINT)
    texts = [label.text() for label in preview.cue_area.widget().findChildren(QLabel)]
    assert any("Is the sky blue?" in text for text in texts)
    assert preview.continue_button.text() == "Skip"  # it need not be answered
    qtbot.mouseClick(preview.continue_button, Qt.MouseButton.LeftButton)
    assert preview.stack.currentWidget() is preview.video and preview.video.playing
    qtbot.waitUntil(lambda: view.playhead > 2.5 - IN_POINT + 0.2, timeout=15000)
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert not preview.video.playing


def test_a_cue_point_s_questions_stay_when_another_process_edits_elsewhere(window, clip, qtbot):
    session, preview = window.session, window.preview
    play_to_a_cue(window, clip, qtbot)
    form = preview.cue_area.widget()
    session.reload("Changes made elsewhere")  # a job's end heard once more: nothing new
    other = next(m for m in session.course().modules if clip.lesson_id not in
                 {lesson.id for lesson in m.lessons})
    with Project.open(session.path) as elsewhere:  # another process renames another module
        commands.rename(elsewhere, other.id, "Renamed elsewhere")
    assert session.poll_external()
    assert session.find(other.id).title == "Renamed elsewhere"
    assert preview.stack.currentWidget() is preview.cue_area
    assert preview.cue_area.widget() is form
    session.run(commands.trim, clip.id, IN_POINT, 8.5)  # an edit of the lesson shown redraws
    assert preview.stack.currentWidget() is preview.video


def test_a_cue_that_must_be_answered_grades_like_the_player_before_going_on(window, clip,
                                                                             qtbot):
    view, preview = window.timeline, window.preview
    play_to_a_cue(window, clip, qtbot, must_answer=True)
    check = preview.cue_area.widget().findChild(QuizPreview)
    assert not preview.continue_button.isVisibleTo(preview.cue_area)  # no skipping
    assert not check.rules.isVisibleTo(check)  # a cue has no pass mark
    view_ = check.views[0]
    view_.buttons["false"].click()  # in a scroll area offscreen: the button's own click
    qtbot.mouseClick(check.submit, Qt.MouseButton.LeftButton)
    assert view_.verdict.text().startswith("Incorrect")
    assert not check.retry.isVisibleTo(check)
    assert not check.result.isVisibleTo(check)  # no "Passed" after a wrong answer
    assert preview.continue_button.isVisibleTo(preview.cue_area)
    assert preview.continue_button.text() == "Continue"
    qtbot.mouseClick(preview.continue_button, Qt.MouseButton.LeftButton)
    assert preview.stack.currentWidget() is preview.video and preview.video.playing
    qtbot.keyClick(view, Qt.Key.Key_K)


def test_shuttle_and_frame_steps_move_the_playhead_by_the_right_amounts(window, clip, qtbot):
    view = window.timeline
    view.set_playhead(2.0)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.playhead == pytest.approx(2.0 + 1 / FPS)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.playhead == pytest.approx(2.0 - 2 / FPS)
    assert clip.out_point == window.session.find(clip.id).out_point  # Alt+arrows do not trim
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert view.rate == 1
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert view.rate == 2
    before = view.playhead
    qtbot.wait(400)
    assert 0.3 < view.playhead - before < 2.5  # about 2 s a second, on a loaded machine
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.rate == 0
    stopped = view.playhead
    qtbot.wait(100)
    assert view.playhead == stopped
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.rate == -1
    qtbot.waitUntil(lambda: view.playhead < stopped - 0.1, timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_K)
    video = window.preview.video
    qtbot.waitUntil(lambda: video.shown_time == pytest.approx(view.playhead + IN_POINT),
                    timeout=10000)  # the shuttle drives the preview
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.playhead == pytest.approx(7.97)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.playhead == 0


def test_the_readout_shows_the_playhead_in_lesson_time(window, clip):
    window.timeline.set_playhead(2.4)
    assert window.preview.readout.text() == "0:02.40 / 0:07.97"
    window.timeline.set_playhead(7.97)
    assert window.preview.readout.text() == "0:07.97 / 0:07.97"


def test_the_outline_and_the_inspector_write_7_97_s_alike(window, clip, qtbot):
    window.session.select(clip.id)
    model = window.outline.model
    found = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(256 + 1) == clip.id:
                found.append(model.index(row, 1, parent).data())
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert found == ["0:07.97"]
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id)
    labels = [label.text() for label in window.inspector.findChildren(QLabel)]
    assert "0:07.97" in labels


def test_the_slide_under_the_playhead_shows_in_the_preview(window, clip, qtbot):
    lesson = clip.lesson_id
    slide = window.session.run(commands.add_slide, lesson, "After the clip", text="Hello",
                               duration=4.0).value
    view, preview = window.timeline, window.preview
    qtbot.waitUntil(lambda: len(view.boxes) == 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=ruler_point(view, 9.0))
    assert preview.item is not None and preview.item.id == slide
    assert preview.stack.currentWidget() is preview.picture.parentWidget()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=ruler_point(view, 1.0))
    assert preview.item.id == clip.id and preview.stack.currentWidget() is preview.video


def test_a_selected_lesson_previews_what_the_playhead_is_on(window, clip, qtbot):
    window.session.select(window.session.course().lessons()[0].id)
    window.session.select(clip.lesson_id)
    preview = window.preview
    assert window.timeline.playhead == 0
    assert preview.item.id == clip.id and preview.stack.currentWidget() is preview.video
    qtbot.waitUntil(lambda: preview.video.shown_time == pytest.approx(IN_POINT), timeout=10000)
    assert preview.readout.text() == "0:00.00 / 0:07.97"


def test_phone_video_is_shown_upright(tmp_path, qtbot):
    """A clip recorded sideways (a display matrix of 90 degrees) shows as ffmpeg plays it."""
    from studio.ui.frames import FrameDecoder

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    flat = moving_clip(tmp_path / "flat.mp4", 2.0)
    turned = tmp_path / "turned.mp4"
    subprocess.run([ffmpeg, "-v", "error", "-y", "-display_rotation", "90", "-i", str(flat),
                    "-c", "copy", str(turned)], check=True)
    decoder = FrameDecoder()
    with qtbot.waitSignal(decoder.ready, timeout=10000) as shown:
        decoder.request(str(turned), 1.0, FPS, 400, 400)
    image = shown.args[1].convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    assert (width, height) == (224, 400)  # 180x320 upright, fitted to the box
    line = image.bytesPerLine()
    data = bytes(image.constBits())
    pixels = b"".join(data[row * line:row * line + width * 3] for row in range(height))
    played = subprocess.run(
        [ffmpeg, "-v", "error", "-ss", "1.0", "-i", str(turned), "-frames:v", "1",
         "-vf", f"scale={width}:{height}:flags=bilinear", "-f", "rawvideo", "-pix_fmt", "rgb24",
         "-"], check=True, capture_output=True).stdout
    assert mean_difference(pixels, played) < 8.0
    decoder.stop()


def test_an_edit_keeps_the_preview_on_the_playhead(window, clip, qtbot):
    view, preview = window.timeline, window.preview
    view.set_playhead(2.0)
    qtbot.waitUntil(lambda: preview.video.shown_time == pytest.approx(3.0), timeout=10000)
    qtbot.keyClick(view, Qt.Key.Key_I)  # the in point moves to the playhead: source 3 s
    assert window.session.find(clip.id).in_point == pytest.approx(3.0)
    assert preview.item == window.session.find(clip.id)
    assert preview.stack.currentWidget() is preview.video
    qtbot.waitUntil(lambda: preview.video.shown_time is not None
                    and preview.video.shown_time == pytest.approx(view.playhead + 3.0),
                    timeout=10000)


def test_playback_goes_on_into_the_next_clip(window, clip, qtbot):
    view, video, link = window.timeline, window.preview.video, window.playhead_link
    view.set_playhead(3.0)
    second = window.timeline.split_at_playhead()  # two clips: source 1-4 s and 4-8.97 s
    qtbot.waitUntil(lambda: len(view.boxes) == 2)
    view.set_playhead(1.0)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: video._start_ms is None, timeout=10000)
    assert link.playing_box.item_id == clip.id
    video.player.pause()  # the test drives the positions from here on
    video.player.positionChanged.emit(4050)  # past the first clip's out point (4 s)
    assert video.playing and link.playing_box.item_id == second
    assert view.playhead == pytest.approx(3.0)
    assert window.preview.item.id == second
    video.player.positionChanged.emit(5000)
    assert view.playhead == pytest.approx(4.0)


def test_a_page_at_the_playhead_does_not_hide_the_clip_under_it(window, clip, qtbot):
    view, preview = window.timeline, window.preview
    window.session.run(commands.add_page, clip.lesson_id, "Before", index=0)
    window.session.run(commands.add_page, clip.lesson_id, "After")
    qtbot.waitUntil(lambda: len(view.boxes) == 3)
    for key in (Qt.Key.Key_End, Qt.Key.Key_Home):
        qtbot.keyClick(view, key)
        assert view.clip_at_playhead().item_id == clip.id
        assert preview.item.id == clip.id

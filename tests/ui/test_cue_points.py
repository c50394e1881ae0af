"""Cue points in the window, trims that show where they are, split names: driven through the
real timeline (mouse and keys on its viewport), the cue panel and the question dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from studio import commands
from studio.model import VideoClip
from studio.ui.cue_panel import BankPicker, CuePanel
from studio.ui.question_form import QuestionDialog
from studio.ui.timeline.items import CUE_Y, LEFT
from studio.ui.timeline.logic import duration_text

FPS = 24.0  # the sample's welcome video


@pytest.fixture
def clip(window, qtbot) -> VideoClip:
    """The sample's welcome video (6 s, one cue point at 3 s with one question), its lesson
    on the timeline."""
    video = next(i for i in window.session.course().items() if isinstance(i, VideoClip))
    window.session.select(video.lesson_id)
    qtbot.waitUntil(lambda: window.timeline.lesson_id == video.lesson_id, timeout=3000)
    return video


def now(window, clip_id: str) -> VideoClip:
    return window.session.course().find(clip_id)


def panel_of(window, qtbot, clip_id: str) -> CuePanel:
    """The inspector's cue panel, once the inspector has caught up with the selection."""
    qtbot.waitUntil(lambda: window.inspector.shown == clip_id, timeout=3000)
    qtbot.wait(10)  # the inspector rebuilds after each edit's signal returns
    panel = window.inspector.widget().findChild(CuePanel)
    assert panel is not None
    return panel


def cue_point(view, cue_id: str) -> QPoint:
    """Where a cue point's diamond is on the timeline's viewport."""
    shown = view.cues.items[cue_id]
    return view.mapFromScene(QPointF(shown.x, CUE_Y))


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for n in range(1, steps + 1):
        qtbot.mouseMove(widget, QPoint(start.x() + (end.x() - start.x()) * n // steps,
                                       start.y()))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_a_click_selects_a_cue_and_a_drag_moves_it_in_one_step(window, clip, qtbot):
    view, cue = window.timeline, clip.cue_points[0]
    start = cue_point(view, cue.id)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    assert (window.session.selected, window.session.selected_cue) == (clip.id, cue.id)
    assert view.cues.items[cue.id].selected
    panel = panel_of(window, qtbot, clip.id)
    assert panel.cue == cue and panel.title.text() == "Quick check"
    assert [q.cue_id for q in panel.cue_questions()] == [cue.id]

    steps = len(window.session.project.history.entries())
    drag(qtbot, view.viewport(), cue_point(view, cue.id),
         cue_point(view, cue.id) + QPoint(int(1.25 * view.pps), 0))
    moved = now(window, clip.id).cue_points[0]
    assert moved.id == cue.id and moved.time == pytest.approx(4.25)
    assert len(window.session.project.history.entries()) == steps + 1
    assert window.session.project.history.undo_name() == "Move cue point"
    assert view.cues.items[cue.id].x == pytest.approx(LEFT + 4.25 * view.pps)
    window.undo_action.trigger()
    assert now(window, clip.id).cue_points[0].time == 3.0
    window.redo_action.trigger()
    assert now(window, clip.id).cue_points[0].time == pytest.approx(4.25)
    assert window.errors == []


def test_a_dragged_cue_stays_on_its_clip_and_snaps(window, clip, qtbot):
    view, cue = window.timeline, clip.cue_points[0]
    view.set_playhead(2.0 + 0.5 / FPS)  # between two frames
    near = view.x_of(2.0 + 0.5 / FPS) + 3  # within the snap distance of the playhead
    drag(qtbot, view.viewport(), cue_point(view, cue.id), QPoint(int(near), 0))
    assert now(window, clip.id).cue_points[0].time == pytest.approx(2.0 + 0.5 / FPS, abs=1e-6)
    # dragged past the clip's end it stops at the out point
    drag(qtbot, view.viewport(), cue_point(view, cue.id),
         QPoint(int(view.x_of(9.0)), 0))
    assert now(window, clip.id).cue_points[0].time == 6.0
    # elsewhere it lands on a frame of the source
    drag(qtbot, view.viewport(), cue_point(view, cue.id),
         cue_point(view, cue.id) - QPoint(int(1.37 * view.pps), 0))
    time = now(window, clip.id).cue_points[0].time
    assert time * FPS == pytest.approx(round(time * FPS), abs=1e-3)
    assert 4.5 < time < 4.8


def test_delete_removes_the_selected_cue_and_m_adds_one(window, clip, qtbot):
    view, cue = window.timeline, clip.cue_points[0]
    start = cue_point(view, cue.id)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    after = now(window, clip.id)
    assert after is not None and after.cue_points == () and after.questions == ()
    assert window.session.project.history.undo_name() == "Remove cue point"
    assert cue.id not in view.cues.items
    window.undo_action.trigger()
    assert [c.id for c in now(window, clip.id).cue_points] == [cue.id]
    assert len(now(window, clip.id).questions) == 1

    view.set_playhead(4.5)
    qtbot.keyClick(view, Qt.Key.Key_M)
    added = [c for c in now(window, clip.id).cue_points if c.id != cue.id]
    assert [(c.time, c.title) for c in added] == [(4.5, "Cue point")]
    assert window.session.selected_cue == added[0].id
    assert panel_of(window, qtbot, clip.id).cue.id == added[0].id
    module = window.session.course().modules[0]
    bare = window.session.run(commands.add_lesson, module.id, "Reading only").value
    window.session.run(commands.add_page, bare, "Read this", "Words.")
    window.session.select(bare)  # no clip or slide there: refused, with the reason
    qtbot.waitUntil(lambda: view.lesson_id == bare, timeout=3000)
    view.set_playhead(0.0)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert len(now(window, clip.id).cue_points) == 2
    assert window.errors == ["Place the playhead on a video clip or a slide to add a cue "
                             "point."]


def test_cue_points_on_a_slide_are_drawn_added_dragged_and_deleted(window, qtbot):
    from studio.model import Slide

    slide = next(i for i in window.session.course().items() if isinstance(i, Slide))
    view = window.timeline
    window.session.select(slide.lesson_id)
    qtbot.waitUntil(lambda: view.lesson_id == slide.lesson_id, timeout=3000)
    box = next(b for b in view.boxes if b.item_id == slide.id)
    cue_id = window.session.run(commands.add_cue, slide.id, 1.0, "On the slide").value
    qtbot.waitUntil(lambda: cue_id in view.cues.items, timeout=3000)  # drawn
    assert view.cues.items[cue_id].x == pytest.approx(view.x_of(box.start + 1.0))
    drag(qtbot, view.viewport(), cue_point(view, cue_id),
         cue_point(view, cue_id) + QPoint(int(0.5 * view.pps), 0))
    moved = window.session.find(slide.id).cue_points[0]
    assert moved.id == cue_id and moved.time == pytest.approx(1.5, abs=0.05)
    assert window.session.project.history.undo_name() == "Move cue point"
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the dragged cue is selected
    assert window.session.find(slide.id).cue_points == ()
    view.set_playhead(box.start + 2.0)
    qtbot.keyClick(view, Qt.Key.Key_M)
    added = window.session.find(slide.id).cue_points
    assert [(c.time, c.title) for c in added] == [(2.0, "Cue point")]
    assert window.errors == []


def test_the_panel_lists_lesson_time_like_the_ruler(window, clip, qtbot):
    window.session.run(commands.trim, clip.id, in_point=1.0)  # cue at 3 s of the source
    view, cue = window.timeline, clip.cue_points[0]
    window.session.select_cue(clip.id, cue.id)
    panel = panel_of(window, qtbot, clip.id)
    assert panel.list.item(0).text().startswith("0:02.00  Quick check")
    assert panel.time.text() == "0:02.00"
    assert view.time_at(cue_point(view, cue.id).x()) == pytest.approx(2.0, abs=1 / view.pps)


def test_panel_rename_time_must_answer_and_delete(window, clip, qtbot):
    window.session.run(commands.trim, clip.id, in_point=1.0)  # the clip plays 0:00-0:05
    cue = clip.cue_points[0]
    window.session.select_cue(clip.id, cue.id)
    panel = panel_of(window, qtbot, clip.id)
    panel.title.selectAll()
    qtbot.keyClicks(panel.title, "Before the demo")
    qtbot.keyClick(panel.title, Qt.Key.Key_Return)
    assert now(window, clip.id).cue_points[0].title == "Before the demo"

    for typed, source in (("0:04", 5.0), ("1.5", 2.5), ("00:00:03.5", 4.5)):
        panel = panel_of(window, qtbot, clip.id)
        panel.time.selectAll()
        qtbot.keyClicks(panel.time, typed)
        assert now(window, clip.id).cue_points[0].time != source  # not while typing
        qtbot.keyClick(panel.time, Qt.Key.Key_Return)
        assert now(window, clip.id).cue_points[0].time == source, typed
    assert window.errors == []

    for typed, why in (("25", "0:25.00 is outside this clip, which plays 0:00.00–0:05.00"),
                       ("later", "is not a time"), ("0:75", "must be under 60")):
        panel = panel_of(window, qtbot, clip.id)
        panel.time.selectAll()
        qtbot.keyClicks(panel.time, typed)
        qtbot.keyClick(panel.time, Qt.Key.Key_Return)
        assert now(window, clip.id).cue_points[0].time == 4.5
        assert panel.time.text() == "0:03.50"  # reverted to what is stored
        assert panel.error.isVisibleTo(panel) and why in panel.error.text()
        assert "\n" not in panel.error.text()
        assert window.statusBar().currentMessage() == panel.error.text()
    assert window.errors == []

    panel = panel_of(window, qtbot, clip.id)
    qtbot.mouseClick(panel.must_answer, Qt.MouseButton.LeftButton)
    assert now(window, clip.id).cue_points[0].must_answer is False  # the sample's was True
    panel = panel_of(window, qtbot, clip.id)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert now(window, clip.id).cue_points == () and now(window, clip.id).questions == ()
    panel = panel_of(window, qtbot, clip.id)
    assert panel.list.count() == 0 and not panel.title.isEnabled()
    window.undo_action.trigger()
    assert now(window, clip.id).cue_points[0].title == "Before the demo"


def test_add_a_question_to_a_cue_through_the_dialog(window, clip, qtbot):
    cue = clip.cue_points[0]
    window.session.select_cue(clip.id, cue.id)
    panel = panel_of(window, qtbot, clip.id)
    qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    [dialog] = window.findChildren(QuestionDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("truefalse"))
    dialog.prompt.setPlainText("Cue points pause the video.")
    dialog.editor("truefalse").true.click()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    added = [q for q in now(window, clip.id).questions if q.prompt.startswith("Cue points")]
    assert [(q.type, q.cue_id, q.data["answer"]) for q in added] == [
        ("truefalse", cue.id, True)]
    panel = panel_of(window, qtbot, clip.id)
    assert panel.questions.count() == 2
    assert "Cue points pause the video." in panel.questions.item(1).text()

    panel.questions.setCurrentRow(1)
    qtbot.mouseClick(panel.buttons["edit"], Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(QuestionDialog) if d.isVisible())
    dialog.prompt.setPlainText("Cue points stop the video.")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert now(window, clip.id).questions[1].prompt == "Cue points stop the video."
    panel = panel_of(window, qtbot, clip.id)
    panel.questions.setCurrentRow(0)
    qtbot.mouseClick(panel.buttons["remove"], Qt.MouseButton.LeftButton)
    assert [q.prompt for q in now(window, clip.id).questions] == ["Cue points stop the video."]


def test_copy_a_quiz_bank_question_onto_a_cue(window, clip, qtbot):
    quiz = next(i for i in window.session.course().items() if i.kind == "quiz")
    banked = quiz.questions[2]
    window.session.run(commands.set_pool, banked.id, "bank")
    cue = clip.cue_points[0]
    window.session.select_cue(clip.id, cue.id)
    panel = panel_of(window, qtbot, clip.id)
    qtbot.mouseClick(panel.buttons["bank"], Qt.MouseButton.LeftButton)
    [picker] = window.findChildren(BankPicker)
    assert picker.list.count() == len(quiz.questions)
    first = picker.list.item(0)
    assert "(Final quiz · bank)" in first.text()  # the bank comes first
    picker.list.setCurrentItem(first)
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    copied = now(window, clip.id).questions[-1]
    assert (copied.prompt, copied.type, copied.cue_id) == (banked.prompt, banked.type, cue.id)
    assert copied.id != banked.id
    assert len(window.session.course().find(quiz.id).questions) == len(quiz.questions)
    assert window.session.project.history.undo_name() == "Copy questions to cue point"


def test_trimming_shows_a_readout_and_snaps_to_frames(window, clip, qtbot):
    view = window.timeline
    y = view.track_y()
    end = int(round(view.x_of(6.0))) - 1
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(end, y))
    qtbot.mouseMove(view.viewport(), QPoint(end - int(1.0 * view.pps), y))
    assert view.cues.readout.isVisible()
    assert view.cues.readout.text == "Out 0:05.00 · 0:05.00 long"
    qtbot.mouseMove(view.viewport(), QPoint(end - int(1.51 * view.pps), y))
    assert view.cues.readout.text == "Out 0:04.50 · 0:04.50 long"
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=QPoint(end - int(1.51 * view.pps), y))
    assert not view.cues.readout.isVisible()
    assert now(window, clip.id).out_point == 4.5

    # the in edge, dragged by an amount between frames, lands on a frame
    start = int(round(view.x_of(0.0))) + 1
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(start, y))
    qtbot.mouseMove(view.viewport(), QPoint(start + 29, y))  # 0.725 s at 40 px/s
    text = view.cues.readout.text
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(start + 29, y))
    in_point = now(window, clip.id).in_point
    assert in_point * FPS == pytest.approx(round(in_point * FPS), abs=1e-3)
    assert abs(in_point - 0.725) <= 0.5 / FPS and in_point != 0.725
    assert text == f"In {duration_text(in_point)} · {duration_text(4.5 - in_point)} long"

    # near the playhead, the playhead wins over the frames
    view.set_playhead(2.0 + 0.5 / FPS)
    edge = int(round(view.x_of(4.5 - in_point))) - 1
    target = int(view.x_of(2.0 + 0.5 / FPS)) + 4
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(view.viewport(), QPoint(target, y))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(target, y))
    assert now(window, clip.id).out_point == pytest.approx(in_point + 2.0 + 0.5 / FPS,
                                                           abs=1e-3)


def test_split_halves_are_numbered(window, clip, qtbot):
    view = window.timeline
    view.set_playhead(2.0)
    qtbot.keyClick(view, Qt.Key.Key_S)
    view.set_playhead(1.0)
    qtbot.keyClick(view, Qt.Key.Key_S)
    lesson = window.session.find(clip.lesson_id)
    assert [i.title for i in lesson.items if isinstance(i, VideoClip)] == [
        "Welcome video (1)", "Welcome video (3)", "Welcome video (2)"]
    assert [b.title for b in view.boxes if b.kind == "video"] == [
        "Welcome video (1)", "Welcome video (3)", "Welcome video (2)"]

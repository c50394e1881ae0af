"""X-ray in the window, driven through the real widgets: the heat strip and question badges on
the timeline (pixels grabbed), the X-ray tab's one-click fixes (buttons clicked, one undo
step each), the lesson inspector's funnel, the menu's shortcuts and the Load dialog's refusals.
The measures are built by hand from the sample course's ids."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QProgressBar

from studio.model import Quiz, VideoClip
from studio.ui.question_form import QuestionDialog
from studio.ui.timeline.items import LEFT
from studio.ui.timeline.xray_layer import EASY, HARD, HOT, heat_color
from studio.ui.xray_fixes import trim_fix
from studio.ui.xray_funnel import LessonFunnel
from studio.ui.xray_load import LoadLearnerData
from studio.ui.xray_state import XRayHolder
from studio.xray.result import (
    NEGATIVE_DISCRIMINATION,
    OLDER_VERSION,
    TOO_EASY,
    TOO_HARD,
    LessonMeasures,
    QuestionMeasures,
    VideoMeasures,
    XRay,
)

VIEWERS = (100, 96, 90, 30, 10, 5)  # the 6 s welcome video: most leave at 3 s


def sample_xray(course) -> XRay:
    clip = next(i for i in course.items() if isinstance(i, VideoClip))
    quiz = next(i for i in course.items() if isinstance(i, Quiz))
    cue = clip.cue_points[0]
    video = VideoMeasures(item=clip.id, title=clip.title, lesson=clip.lesson_id, length_s=6.0,
                          viewers=100, viewers_per_second=VIEWERS,
                          rewatches_per_second=(0, 0, 4, 0, 0, 0), drop_off_s=3.0,
                          drop_offs=((3, 60), (5, 5)), older_version=12)
    hard = QuestionMeasures(id=clip.questions[0].id, item=clip.id, prompt="At the cue",
                            answers=40, facility=0.15, discrimination=-0.3,
                            flags=(TOO_HARD, NEGATIVE_DISCRIMINATION), cue=cue.id,
                            cue_s=cue.time - clip.in_point)
    easy = QuestionMeasures(id=quiz.questions[0].id, item=quiz.id, prompt="Easy one",
                            answers=90, facility=0.97, discrimination=0.1,
                            flags=(TOO_EASY, OLDER_VERSION), older_answers=90)
    fine = QuestionMeasures(id=quiz.questions[1].id, item=quiz.id, prompt="Fine one",
                            answers=90, facility=0.6, discrimination=0.4)
    lesson = LessonMeasures(id=clip.lesson_id, title="Welcome",
                            funnel={"launched": 100, "first_item": 90, "half_video": 50,
                                    "quiz_attempted": None, "passed": None},
                            time_spent_s=75.0, planned_s=60.0)
    return XRay(course=course.title, learners=100, statements=5000, latest="2026-11-30T10:00:00Z",
                videos=(video,), questions=(hard, easy, fine), lessons=(lesson,))


@pytest.fixture
def shown(window, qtbot):
    """The sample's measures in the window, the welcome lesson on the timeline."""
    course = window.session.course()
    clip = next(i for i in course.items() if isinstance(i, VideoClip))
    window.session.select(clip.lesson_id)
    qtbot.waitUntil(lambda: window.timeline.lesson_id == clip.lesson_id, timeout=3000)
    XRayHolder.of(window.session).set_xray(sample_xray(course))
    return clip


def pixel(view, scene_x: float, scene_y: float, image=None) -> QColor:
    image = image or view.viewport().grab().toImage()
    at = view.mapFromScene(QPointF(scene_x, scene_y))
    return QColor(image.pixel(at.x(), at.y()))


def test_the_heat_strip_shows_viewers_per_second_and_the_drop_off(window, shown, qtbot):
    view = window.timeline
    strip = view.xray.strips[shown.id]
    y = strip.top + 5
    start = LEFT + strip.box.start * view.pps
    first = pixel(view, start + 0.5 * view.pps, y)
    late = pixel(view, start + 4.5 * view.pps, y)
    assert first.lightness() > late.lightness() + 60  # the crowd at 0 s, the few at 4 s
    assert abs(first.red() - HOT.red()) < 40 and abs(first.green() - HOT.green()) < 40
    assert heat_color(10, 100).lightness() < heat_color(90, 100).lightness()
    marker = pixel(view, start + 3.0 * view.pps, strip.top - 6)  # the drop-off's red mark
    assert marker.red() > 200 and marker.green() < 120
    assert "0:03" in strip.tip(3) and "30 viewers" in strip.tip(3)
    assert "older version" in strip.tip(None)


def test_question_badges_tell_facility_by_shape_and_letter_and_flag_negative_d(window, shown,
                                                                              qtbot):
    view = window.timeline
    badges = view.xray.badges
    hard = badges[shown.questions[0].id]
    assert hard.band is HARD and hard.negative
    image = view.viewport().grab().toImage()
    reds = [c for dx in range(-5, 6) for dy in range(-6, 0)
            if (c := pixel(view, hard.x + dx, hard.y + dy, image)).red() > 180
            and c.green() < 100]
    assert len(reds) > 12  # a red shape, with its letter on it
    assert abs(hard.x - (LEFT + view.cues.marks[0].time * view.pps)) < 0.5  # at its cue
    assert "Discrimination -0.30" in hard.toolTip()
    quiz = next(i for i in window.session.course().items() if isinstance(i, Quiz))
    window.session.select(quiz.lesson_id)
    qtbot.waitUntil(lambda: view.lesson_id == quiz.lesson_id, timeout=3000)
    badges = view.xray.badges
    assert set(badges) == {quiz.questions[0].id, quiz.questions[1].id}  # beside the quiz
    easy = badges[quiz.questions[0].id]
    assert easy.band is EASY and not easy.negative
    assert {HARD.shape, EASY.shape, HARD.letter, EASY.letter} == {"triangle", "circle", "H",
                                                                   "E"}


def test_the_menu_toggle_hides_x_ray_on_the_timeline(window, shown, qtbot):
    view = window.timeline
    assert view.xray.strips
    window.xray_shown_action.trigger()
    assert not view.xray.strips and not view.xray.badges
    assert not window.xray.show_check.isChecked()
    qtbot.mouseClick(window.xray.show_check, Qt.MouseButton.LeftButton)
    assert view.xray.strips and window.xray_shown_action.isChecked()


def test_ctrl_shift_j_shows_the_tab_with_videos_flags_and_older_data(window, shown, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.xray
    assert window.side.currentWidget() is panel and panel.tree.hasFocus()
    assert "100 learners" in panel.summary.text()
    texts = [panel.tree.topLevelItem(n).text(0) for n in range(panel.tree.topLevelItemCount())]
    assert texts == ["Videos (1)", "Flagged questions (2)", "Cold segment + weak item (0)"]
    video = panel.tree.topLevelItem(0).child(0)
    assert video.text(0) == "Welcome video"
    measures = panel.tree.itemWidget(video.child(0), 0).findChild(QLabel).text()
    assert "drop-off at 0:03" in measures and "older version" in measures
    easy = panel.tree.topLevelItem(1).child(1)
    assert easy.text(0) == "Easy one"
    words = panel.tree.itemWidget(easy.child(0), 0).findChild(QLabel).text()
    assert "facility 97%" in words
    assert "all 90 answers predate your last edit of this question" in words
    labels = [b.text() for b in panel.buttons]
    assert labels == ["Trim cold segment after 0:03", "Move cue point to 0:02",
                      "Edit question", "Edit question"]
    assert all(b.accessibleName() for b in panel.buttons)


def test_trim_cold_segment_is_one_click_and_one_undo_step(window, shown, qtbot):
    panel = window.xray
    button = next(b for b in panel.buttons if b.text().startswith("Trim"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.course().find(shown.id).out_point == pytest.approx(3.0)
    window.session.undo()
    assert window.session.course().find(shown.id).out_point == pytest.approx(6.0)


def test_move_cue_point_puts_the_question_where_learners_still_watch(window, shown, qtbot):
    panel = window.xray
    button = next(b for b in panel.buttons if b.text().startswith("Move cue"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    moved = window.session.course().find(shown.id).cue_points[0]
    assert moved.time == pytest.approx(2.0)
    assert window.session.selected_cue == moved.id
    window.session.undo()
    assert window.session.course().find(shown.id).cue_points[0].time == pytest.approx(3.0)


def test_edit_question_opens_the_cue_question_in_its_dialog(window, shown, qtbot):
    panel = window.xray
    qtbot.mouseClick(panel.buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(w, QuestionDialog) and w.isVisible()
                                for w in window.findChildren(QuestionDialog)), timeout=3000)
    dialog = next(w for w in window.findChildren(QuestionDialog) if w.isVisible())
    assert dialog.question.id == shown.questions[0].id
    assert window.side.currentWidget() is window.inspector
    dialog.reject()


def test_edit_question_opens_a_quiz_question_in_the_quiz_editor(window, shown, qtbot):
    panel = window.xray
    quiz = next(i for i in window.session.course().items() if isinstance(i, Quiz))
    qtbot.mouseClick(panel.buttons[3], Qt.MouseButton.LeftButton)
    assert window.session.selected == quiz.id
    assert window.inspector.quiz_editor.current_id() == quiz.questions[0].id
    dialog = next(w for w in window.findChildren(QuestionDialog) if w.isVisible())
    assert dialog.question.id == quiz.questions[0].id
    dialog.reject()


def test_the_lesson_inspector_shows_the_funnel_and_time_against_plan(window, shown, qtbot):
    window.inspector.rebuild(force=True)
    funnel = window.inspector.widget().findChild(LessonFunnel)
    assert funnel is not None and funnel.isVisible()
    bars = funnel.findChildren(QProgressBar)
    assert [b.format() for b in bars] == ["100%", "90%", "50%"]  # steps that do not apply: none
    assert "Watched half the video: 50 learners" in bars[2].accessibleName()
    assert "1:15 spent" in funnel.time.text() and "+25%" in funnel.time.text()


def test_no_funnel_without_learner_data(window, qtbot):
    window.inspector.rebuild(force=True)
    assert window.inspector.widget().findChild(LessonFunnel) is None
    assert "No learner data" in window.xray.summary.text()


def test_ctrl_alt_j_opens_the_load_dialog_which_refuses_in_one_line(window, qtbot, tmp_path):
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    dialog = window.xray_dialog
    assert isinstance(dialog, LoadLearnerData) and dialog.isVisible()
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None and "Give an LRS endpoint" in dialog.message.text()
    dialog.endpoint.setText("lrs.example.org")
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert "http:// or https://" in dialog.message.text()
    dialog.endpoint.clear()
    dialog.statements.add_paths([tmp_path / "gone.jsonl"])
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "gone.jsonl cannot be read: there is no such file."
    assert dialog.statements.list.count() == 1  # what was chosen stays
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_fix_buttons_are_reached_with_tab(window, shown, qtbot):
    panel = window.xray
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    reached = []
    for _ in range(8):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    assert [b for b in panel.buttons if b in reached] == panel.buttons


def test_no_trim_is_offered_for_a_tail_most_learners_watch(window):
    course = window.session.course()
    video = sample_xray(course).videos[0]
    assert trim_fix(course, video).out_point == pytest.approx(3.0)
    few_left = replace(video, viewers_per_second=(100, 99, 98, 97, 96, 95))
    assert trim_fix(course, few_left) is None


def older(course, older_answers: int) -> XRay:
    """The sample's measures, with ``older_answers`` of the cue question's 40 answers given to
    an earlier version (all of them: flagged as such, as the measures do)."""
    xray = sample_xray(course)
    hard = xray.questions[0]
    flags = hard.flags + ((OLDER_VERSION,) if older_answers == hard.answers else ())
    return replace(xray, questions=(replace(hard, older_answers=older_answers, flags=flags),
                                    *xray.questions[1:]))


def test_tab_from_the_list_walks_the_fix_buttons_in_reading_order(window, shown, qtbot):
    panel = window.xray
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert panel.tree.hasFocus()
    reached = []
    for _ in panel.buttons:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        reached.append(window.focusWidget())
    assert reached == panel.buttons
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is panel.buttons[-2]


def test_enter_on_an_entry_goes_to_its_first_fix_and_changes_nothing(window, shown, qtbot):
    panel = window.xray
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    video = panel.tree.topLevelItem(0).child(0)
    panel.tree.setCurrentItem(video)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.session.course().find(shown.id).out_point == pytest.approx(6.0)  # not cut
    assert window.focusWidget() is panel.buttons[0]
    assert panel.buttons[0].text().startswith("Trim")
    qtbot.keyClick(panel.buttons[0], Qt.Key.Key_Space)  # the button itself does it
    assert window.session.course().find(shown.id).out_point == pytest.approx(3.0)


def test_entries_speak_their_measures_to_a_screen_reader(window, shown, qtbot):
    from PySide6.QtGui import QAccessible

    panel = window.xray
    tree = QAccessible.queryAccessibleInterface(panel.tree)
    names = []
    stack = [tree]
    while stack:
        node = stack.pop()
        names.append(node.text(QAccessible.Text.Name))
        stack += [node.child(n) for n in range(node.childCount())]
    spoken = " | ".join(names)
    assert "Welcome video: 100 viewers; drop-off at 0:03" in spoken
    assert "At the cue: facility 15%" in spoken
    video = panel.tree.topLevelItem(0).child(0)
    assert "drop-off at 0:03" in video.toolTip(0)
    assert "drop-off at 0:03" in video.child(0).data(0, Qt.ItemDataRole.AccessibleTextRole)


def test_counts_are_worded_in_the_singular_and_the_plural(window, shown, qtbot):
    panel, course = window.xray, window.session.course()
    one = sample_xray(course)
    video = replace(one.videos[0], viewers=1, viewers_per_second=(1, 1, 1, 1, 1, 1),
                    older_version=1)
    XRayHolder.of(window.session).set_xray(replace(one, learners=1, statements=1,
                                                   videos=(video,)))
    assert panel.summary.text().startswith("1 learner, 1 statement,")
    words = panel.tree.itemWidget(panel.tree.topLevelItem(0).child(0).child(0), 0)
    assert "1 viewer;" in words.findChild(QLabel).text()
    assert "1 statement from an older version" in words.findChild(QLabel).text()
    lesson = replace(one.lessons[0], funnel={"launched": 1, "first_item": 1, "half_video": 0,
                                             "quiz_attempted": None, "passed": None})
    funnel = LessonFunnel(replace(one, lessons=(lesson,)), lesson.id)
    assert "Launched: 1 learner," in funnel.findChildren(QProgressBar)[0].accessibleName()
    tip = window.timeline.xray.strips[shown.id].tip(0)
    assert "1 viewer," in tip and "0 re-watches" in tip and "(s)" not in tip
    XRayHolder.of(window.session).set_xray(replace(one, learners=4381))
    assert panel.summary.text().startswith("4,381 learners, 5,000 statements")
    texts = [panel.summary.text(), *(b.accessibleName() for b in panel.buttons)]
    assert not [t for t in texts if "(s)" in t]


def test_a_question_every_answer_of_which_predates_its_edit_is_shown_stale(window, shown,
                                                                          qtbot):
    panel, view = window.xray, window.timeline
    XRayHolder.of(window.session).set_xray(older(window.session.course(), 40))
    hard = panel.tree.topLevelItem(1).child(0)
    words = panel.tree.itemWidget(hard.child(0), 0).findChild(QLabel)
    assert words.text().startswith("all 40 answers predate your last edit of this question")
    assert "older version" not in words.text()  # the flag is the sentence, not one more flag
    assert "#8a8a8a" in words.styleSheet() and hard.foreground(0).color() == QColor("#8a8a8a")
    badge = view.xray.badges[shown.questions[0].id]
    assert badge.stale
    assert "Out of date: all 40 answers predate your last edit" in badge.toolTip()
    image = view.viewport().grab().toImage()
    reds = [c for dx in range(-5, 6) for dy in range(-6, 0)
            if (c := pixel(view, badge.x + dx, badge.y + dy, image)).red() > 180
            and c.green() < 100]
    assert not reds  # greyed: no full red any more


def test_some_answers_before_the_edit_are_counted_and_the_figures_stay(window, shown, qtbot):
    panel, view = window.xray, window.timeline
    XRayHolder.of(window.session).set_xray(older(window.session.course(), 12))
    hard = panel.tree.topLevelItem(1).child(0)
    words = panel.tree.itemWidget(hard.child(0), 0).findChild(QLabel)
    assert words.text().startswith("12 of 40 answers predate your last edit of this "
                                   "question; facility 15%")
    assert not words.styleSheet()
    badge = view.xray.badges[shown.questions[0].id]
    assert not badge.stale
    assert "12 of 40 answers predate your last edit" in badge.toolTip()

"""What the learner meets, set in the course settings dialog: resume, the policy when
progress cannot be recorded, cover, certificate, objectives and the end message."""

from __future__ import annotations

from a11y_audit import opened_by, tab_stops, unnamed_controls
from PySide6.QtCore import Qt

from studio.ui.course_settings import CourseSettingsDialog


def _choose(qtbot, box, value: str) -> None:
    box.setFocus()
    target = box.findData(value)
    key = Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up
    while box.currentIndex() != target:
        qtbot.keyClick(box, key)


def test_the_learner_settings_are_stored_as_one_undo_step_and_shown_again(window, qtbot):
    dialog = CourseSettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    settings = window.session.course().settings
    assert dialog.resume.currentData() == settings.resume == "always"
    assert dialog.unrecorded.currentData() == settings.unrecorded == "continue"
    assert not dialog.cover.isChecked() and not dialog.certificate.isChecked()
    dialog.show()
    _choose(qtbot, dialog.resume, "ask")
    _choose(qtbot, dialog.unrecorded, "block")
    qtbot.mouseClick(dialog.cover, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.certificate, Qt.MouseButton.LeftButton)
    dialog.objectives.setFocus()
    qtbot.keyClicks(dialog.objectives, "Spot a hazard")
    qtbot.keyClick(dialog.objectives, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.objectives, Qt.Key.Key_Return)  # blank lines are not objectives
    qtbot.keyClicks(dialog.objectives, "  Report it ")
    dialog.end_message.setFocus()
    qtbot.keyClicks(dialog.end_message, "Well done. Your manager sees it.")
    before = len(window.session.project.history.entries())
    dialog.accept()
    settings = window.session.course().settings
    assert (settings.resume, settings.unrecorded, settings.cover, settings.certificate) == \
        ("ask", "block", True, True)
    assert settings.objectives == ("Spot a hazard", "Report it")
    assert settings.end_message == "Well done. Your manager sees it."
    assert len(window.session.project.history.entries()) == before + 1
    again = CourseSettingsDialog(window.session, window)
    qtbot.addWidget(again)
    assert again.resume.currentData() == "ask"
    assert again.unrecorded.currentData() == "block"
    assert again.cover.isChecked() and again.certificate.isChecked()
    assert again.objectives.toPlainText() == "Spot a hazard\nReport it"
    assert again.end_message.toPlainText() == "Well done. Your manager sees it."
    window.undo_action.trigger()
    settings = window.session.course().settings
    assert (settings.resume, settings.cover, settings.objectives) == ("always", False, ())


def test_unchanged_learner_settings_make_no_edit(window, qtbot):
    dialog = CourseSettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    before = window.session.project.history.entries()
    dialog.accept()
    assert window.session.project.history.entries() == before


def test_the_new_controls_are_named_and_reached_by_tab(window, qtbot):
    def check(dialog):
        stops = tab_stops(dialog)
        wanted = (dialog.resume, dialog.unrecorded, dialog.cover, dialog.objectives,
                  dialog.certificate, dialog.end_message)
        return unnamed_controls(dialog), [control in stops for control in wanted]

    unnamed, reached = opened_by(qtbot, window.settings_action.trigger, check)
    assert unnamed == []
    assert all(reached)

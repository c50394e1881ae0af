"""Every dialog the window opens, opened through its action: a title, a name for each
control a screen reader reaches, and Tab in reading order."""

from __future__ import annotations

import pytest
from a11y_audit import audit, opened_by, tab_stops, unnamed_controls
from PySide6.QtWidgets import QComboBox, QDialog

from studio.crash import report_crash
from studio.ui import crash_dialog


def _action(window, text: str):
    for top in window.menuBar().actions():
        for action in top.menu().actions() if top.menu() else ():
            if action.text().replace("&", "").startswith(text):
                return action
    raise LookupError(text)


@pytest.mark.parametrize("text", ["Course settings", "Export", "New course", "Getting started",
                                  "Keyboard shortcuts", "About Course Studio"])
def test_each_dialog_of_the_menus_names_its_controls(window, qtbot, text):
    problems, stops = opened_by(qtbot, _action(window, text).trigger,
                                lambda dialog: (audit(dialog), len(tab_stops(dialog))))
    assert problems == [], text
    assert stops >= 1  # the dialog was really looked at


def test_the_quiz_editor_and_the_question_dialog_of_each_type(window, qtbot):
    quiz = next(item for item in window.session.course().items() if item.kind == "quiz")
    window.session.select(quiz.id)
    qtbot.waitUntil(lambda: getattr(window.inspector, "quiz_editor", None) is not None
                    and window.inspector.quiz_editor.isVisible())
    editor = window.inspector.quiz_editor
    assert unnamed_controls(window) == []

    def every_type(dialog: QDialog) -> dict[str, list[str]]:
        kinds: QComboBox = dialog.kind
        found = {}
        for index in range(kinds.count()):
            kinds.setCurrentIndex(index)
            found[kinds.itemText(index)] = audit(dialog)
        return found

    found = opened_by(qtbot, editor.buttons["add"].click, every_type)
    assert len(found) >= 6
    assert {kind: problems for kind, problems in found.items() if problems} == {}


def test_the_crash_dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        raise ValueError("a bug in a slot")
    except ValueError as exc:
        report = report_crash(exc, "working in the window")
    problems = opened_by(qtbot, lambda: crash_dialog.present_crash(report), audit)
    assert problems == []


def test_the_learner_preview_window_and_its_lms_panel(window, qtbot):
    def check(preview) -> list[str]:
        qtbot.waitUntil(lambda: preview.page is not None or bool(window.errors),
                        timeout=60000)
        assert window.errors == []
        # the web engine makes the widget that takes the keys once the page is shown
        qtbot.waitUntil(lambda: any(c.call == "Initialize" for c in preview.panel.record.calls),
                        timeout=30000)
        try:
            qtbot.waitUntil(lambda: audit(preview) == [], timeout=5000)
        except AssertionError:
            pass  # reported below
        return audit(preview)

    assert opened_by(qtbot, window.learner_action.trigger, check, timeout=90000) == []

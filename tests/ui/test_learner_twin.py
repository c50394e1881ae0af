"""The learner preview plays the course in the LMS twin of the course's chosen LMS: the panel
names that LMS, shows what it kept beside what the course set, and the twin's warnings live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_learner_preview import open_preview

from studio.commands.publish import set_publish
from studio.twin.runner import FAULTS
from studio.ui.learner_twin import FAULT_LABELS


def texts(panel, name: str) -> tuple[str, str]:
    return panel.shown[name].text(), panel.kept[name].text()


def test_the_chosen_lms_keeps_only_what_was_committed_and_warns_live(window, qtbot):
    set_publish(window.session.project, lms="brightspace")  # SCORM 1.2, grades need LMSFinish
    window.session.select("")
    preview = open_preview(window, qtbot)
    panel = preview.panel
    assert panel.heading.text() == "What D2L Brightspace records (SCORM 1.2)"
    assert panel.profile.text() == "D2L Brightspace (brightspace 2026.11), SCORM 1.2"
    assert panel.suspend_limit == 4096
    assert panel.record.calls[0].text() == 'LMSInitialize("") → true'
    # the player commits status and exit at start; its place comes after, set but not kept
    qtbot.waitUntil(lambda: texts(panel, "Completion") == ("incomplete", "incomplete"),
                    timeout=10000)
    qtbot.waitUntil(lambda: panel.record.suspend_size > 0, timeout=10000)
    size = f"{panel.record.suspend_size:,} of 4,096 characters"
    qtbot.waitUntil(lambda: texts(panel, "Suspend data") == (
        size, "0 of 4,096 characters (not kept yet)"), timeout=10000)
    assert panel.kept["Suspend data"].styleSheet() != ""
    assert panel.success.text() == "unknown"  # 1.2 says passed/failed in the status
    # the twin raises what Brightspace would lose so far
    qtbot.waitUntil(lambda: panel.warnings.count() > 0
                    and "LMSFinish" in panel.warnings.item(0).text(), timeout=10000)
    assert panel.warnings.item(0).text().startswith("✖ D2L Brightspace")

    qtbot.mouseClick(panel.leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.record.terminated, timeout=10000)
    assert panel.record.calls[-1].call == "LMSFinish"
    qtbot.waitUntil(lambda: texts(panel, "Suspend data") == (size, size), timeout=10000)
    assert panel.kept["Suspend data"].styleSheet() == ""
    assert panel.kept["Session time"].text().startswith("total ")
    qtbot.waitUntil(lambda: panel.warnings.item(0).text() == "None so far.", timeout=10000)


def test_a_course_without_an_lms_plays_in_the_generic_scorm_2004_lms(window, qtbot):
    set_publish(window.session.project, lms="")
    preview = open_preview(window, qtbot)
    panel = preview.panel
    assert panel.heading.text() == "What Generic SCORM 2004 4th Edition records (SCORM 2004)"
    assert panel.profile.text().endswith("SCORM 2004 4th Edition")
    assert panel.record.calls[0].text() == 'Initialize("") → true'
    preview.close()


def test_simulate_tracking_relaunches_with_the_chosen_broken_lms(window, qtbot):
    assert set(FAULT_LABELS) - {None} == set(FAULTS)
    set_publish(window.session.project, lms="")
    preview = open_preview(window, qtbot)
    panel = preview.panel
    assert preview.fault.currentText() == "LMS works"
    preview.fault.setFocus()
    qtbot.keyClick(preview.fault, Qt.Key.Key_Down)
    qtbot.keyClick(preview.fault, Qt.Key.Key_Down)
    assert preview.fault.currentText() == "LMS refuses to start"
    qtbot.waitUntil(lambda: bool(panel.record.calls)
                    and panel.record.calls[0].text().startswith('Initialize("") → false'),
                    timeout=20000)
    preview.close()

"""'Check in LMS twin' from the export dialog: the real check-lms in a child process on the
package just written (one path, to stay quick), its sheet and warnings in a dialog; Cancel
kills it; a twin that cannot start is a one-line message."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QKeySequence

from studio.ui import twin_check
from studio.ui.export_dialog import ExportDialog

TWIN_TIMEOUT = 180000  # ms: Qt WebEngine starts in the child on a loaded machine


def choose(dialog, name: str) -> None:
    dialog.lms.setCurrentIndex(dialog.lms.findData(name))


def test_the_package_just_written_is_checked_and_its_sheet_shown(window, qtbot, tmp_path):
    dialog = window.export()
    choose(dialog, "cornerstone")
    target = tmp_path / "for-cornerstone.zip"
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=120000)
    assert dialog.twin_button.isEnabled()
    assert dialog.twin_button.shortcut() == QKeySequence("Ctrl+Shift+K")
    dialog.twin_paths = ("complete",)
    qtbot.mouseClick(dialog.twin_button, Qt.MouseButton.LeftButton)
    assert dialog.twin is not None and dialog.twin.package == target  # no second export
    assert not dialog.twin_button.isEnabled() and not dialog.export_button.isEnabled()
    assert dialog.progress.isVisible() and dialog.cancel_button.text() == "Cancel"
    qtbot.waitUntil(lambda: dialog.results is not None or bool(window.errors),
                    timeout=TWIN_TIMEOUT)
    assert window.errors == []
    results = dialog.results
    assert results.isVisible()
    assert results.windowTitle() == "What Cornerstone OnDemand will record"
    assert dialog.status.text() == results.verdict.text()
    assert results.verdict.text().startswith("✔ Cornerstone OnDemand will record")
    sheet = results.tab("complete")
    assert results.tabs.count() == 1 and sheet is not None
    assert sheet.rows["Completion"].text() == "completed"
    assert sheet.rows["Success"].text() == "passed"
    assert sheet.rows["Score"].text() == "raw 100 · scaled 1 · max 100"
    assert sheet.interactions.rowCount() >= 1
    assert results.warnings.count() >= 1  # a warning, or the line saying there is none
    saved = results.save_report(tmp_path / "twin-report.html")
    assert "Cornerstone" in saved.read_text(encoding="utf-8")
    assert dialog.twin_button.isEnabled() and dialog.cancel_button.text() == "Close"
    results.close()


def test_cancel_stops_the_check_and_the_shortcut_starts_it(window, qtbot):
    window.twin_action.trigger()  # opens the export dialog and starts: export, then the twin
    dialog = window.findChildren(ExportDialog)[-1]
    assert dialog.isVisible() and dialog.job is not None
    assert dialog.status.text() == "Exporting the course for the LMS twin…"
    qtbot.waitUntil(lambda: dialog.twin is not None, timeout=120000)
    twin = dialog.twin
    qtbot.waitUntil(lambda: twin.process.state() == QProcess.ProcessState.Running,
                    timeout=20000)
    package_folder = twin.package.parent
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.twin is None, timeout=20000)
    assert twin.process.state() == QProcess.ProcessState.NotRunning
    assert dialog.status.text() == "LMS twin check cancelled."
    assert dialog.results is None and window.errors == []
    assert not package_folder.exists() and not twin.folder.exists()  # temporary: gone
    assert dialog.twin_button.isEnabled()


def test_a_twin_that_cannot_start_is_one_line(window, qtbot, monkeypatch):
    monkeypatch.setattr(twin_check, "check_command", lambda package, lms, html, paths=(): [
        sys.executable, "-c", "import sys; sys.exit('studio: scorm-again is missing')"])
    dialog = window.export()
    dialog.check_in_twin()
    qtbot.waitUntil(lambda: bool(window.errors), timeout=120000)
    [message] = window.errors
    assert message == "The LMS twin could not check the package: scorm-again is missing"
    assert "\n" not in message and dialog.twin is None


def test_an_html5_site_has_no_lms_to_check(window, qtbot):
    dialog = window.export()
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    assert not dialog.twin_button.isEnabled()
    assert "no LMS to check it in" in dialog.twin_button.toolTip()
    assert dialog.check_in_twin() is None

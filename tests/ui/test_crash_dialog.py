"""A bug in the window, in a slot or in a job, is one line in a dialog with its details a
click away, and a log file; the designer never loses the window to it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from studio.ui import crash_dialog
from studio.ui.app import run  # noqa: F401 (the window's entry installs the hook below)

LINE = re.compile(r"studio: internal error while (.+); details were written to (.+\.log)")


def test_a_job_that_hits_a_bug_shows_one_line_and_copies_its_details(window, qtbot, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    errors = list(window.errors)

    def work(project, progress, token):
        raise KeyError("a bug in a job")

    job = window.session.start_job("Import deck.pptx", work, writes=True)
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert job.crash is not None and job.error == job.crash.message
    found = LINE.fullmatch(job.error)
    assert found and found[1] == "running “Import deck.pptx”"
    assert "KeyError: 'a bug in a job'" in Path(found[2]).read_text(encoding="utf-8")
    dialog = crash_dialog.shown[-1]
    assert dialog.isVisible() and dialog.report is job.crash
    assert window.errors == errors  # one dialog for a bug, not two

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(job.error) and "Traceback" in copied
    dialog.reject()
    assert dialog not in crash_dialog.shown


def test_an_exception_in_a_slot_becomes_the_same_dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        raise ValueError("a bug in a slot")
    except ValueError as exc:
        crash_dialog.excepthook(ValueError, exc, exc.__traceback__)
    dialog = crash_dialog.shown[-1]
    qtbot.addWidget(dialog)
    found = LINE.fullmatch(dialog.report.message)
    assert found and found[1] == "working in the window"
    assert "ValueError: a bug in a slot" in dialog.details.toPlainText()
    assert Path(found[2]).parent == tmp_path / "state" / "studio" / "log"
    dialog.reject()

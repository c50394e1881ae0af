"""The status bar's job: cancelled by keyboard (Escape, a listed shortcut, the Cancel button
reached by Tab), and a job that reports the end before it returns reads "Finishing…"."""

from __future__ import annotations

import threading

from a11y_audit import tab_stops
from PySide6.QtCore import Qt

from studio.ui.shortcuts import find, keys


def waiting_job(window, release: threading.Event, fraction: float):
    def work(progress, token):
        progress(fraction, "encode the narration")
        while not release.wait(0.02):
            token.check()
        return "made"

    return window.runner.start("Build of Big", work)


def test_escape_cancels_the_running_job_and_the_shortcut_is_listed(window, qtbot):
    assert find("cancel_job").keys == "Esc"
    assert window.job_status.cancel_action.shortcut() == keys("cancel_job")
    assert not window.job_status.cancel_action.isEnabled()  # no job: Escape is left alone
    release = threading.Event()
    job = waiting_job(window, release, 0.3)
    outcomes = []
    job.cancelled.connect(lambda: outcomes.append("cancelled"))
    job.succeeded.connect(lambda _: outcomes.append("made"))
    qtbot.waitUntil(lambda: window.job_status.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.outline.setFocus()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    release.set()
    assert outcomes == ["cancelled"]
    assert not window.job_status.isVisible()
    assert not window.job_status.cancel_action.isEnabled()


def test_the_cancel_button_is_a_named_tab_stop(window, qtbot):
    release = threading.Event()
    job = waiting_job(window, release, 0.3)
    qtbot.waitUntil(lambda: window.job_status.isVisible())
    stop = window.job_status.stop
    assert stop in tab_stops(window)
    assert stop.accessibleName() == "Cancel this job"
    stop.setFocus()
    qtbot.keyClick(stop, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    release.set()
    assert job.token.cancelled


def test_a_job_at_the_end_that_has_not_returned_reads_finishing(window, qtbot):
    release = threading.Event()
    job = waiting_job(window, release, 0.5)
    status = window.job_status
    qtbot.waitUntil(lambda: job.fraction == 0.5)
    assert status.label.text() == "Build of Big: encode the narration"
    assert status.bar.maximum() == 1000 and status.bar.value() == 500
    job._on_progress(1.0, "encode the narration")
    assert status.label.text() == "Build of Big: Finishing…"
    assert status.bar.maximum() == 0  # a busy bar, not "100 %" standing still
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert job.result == "made"

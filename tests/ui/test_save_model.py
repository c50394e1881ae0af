"""The window's save model: edits are saved as they are made and the status bar says so;
"Save a copy as…" writes a new bundle while the window stays on the original; closing asks
only while something is still being written; a desktop that cannot open a path is told."""

from __future__ import annotations

import shutil
import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.store import Project
from studio.ui import desktop
from studio.ui.status import READ_ONLY, SAVED


def file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions() if a.text()]


def writing_job(window, name="Import lecture.mp4"):
    """A job that writes to the project until the returned event is set."""
    release = threading.Event()

    def work(project, progress, token):
        release.wait(30)
        token.check()

    return window.session.start_job(name, work, writes=True), release


def test_no_unsaved_marker_and_the_label_says_all_changes_saved(window, qtbot):
    assert "Mark as saved" not in " ".join(file_menu_texts(window))
    assert window.save_status.text() == SAVED and window.save_status.isVisible()
    window.outline.add_module("Extra")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.outline.add_module("Again")
    assert "*" not in window.windowTitle() and not window.isWindowModified()
    assert window.save_status.text() == SAVED
    assert window.save_status.accessibleName() == "Save state"


def test_while_a_job_writes_the_label_names_it(window, qtbot):
    job, release = writing_job(window)
    qtbot.waitUntil(lambda: window.save_status.text() == "Writing: Import lecture.mp4…")
    release.set()
    qtbot.waitUntil(lambda: job.done)
    qtbot.waitUntil(lambda: window.save_status.text() == SAVED)


def test_a_read_only_project_says_its_changes_cannot_be_saved(qtbot, sample, tmp_path):
    from studio.ui.main_window import MainWindow

    for path in (sample / "course.db", sample):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        assert win.open_project(sample), win.errors
        assert win.save_status.text() == READ_ONLY
    finally:
        win.close()
        sample.chmod(0o755)
        (sample / "course.db").chmod(0o644)


def choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def test_save_a_copy_writes_a_bundle_and_the_window_stays_on_the_original(
        window, qtbot, monkeypatch, tmp_path):
    original = window.session.path
    window.outline.add_module("Added before the copy")
    assert window.copy_action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert "Save a &copy as…" in file_menu_texts(window)
    choose(monkeypatch, tmp_path / "copies" / "Tour copy")  # .course is added
    target = tmp_path / "copies" / "Tour copy.course"
    window.copy_action.trigger()
    qtbot.waitUntil(lambda: target.is_dir() and not window.runner.running, timeout=20000)
    assert window.errors == []
    assert window.session.path == original
    assert window.save_status.text() == SAVED
    assert str(target) in window.statusBar().currentMessage()
    with Project.open(target) as copy, Project.open(original) as source:
        assert copy.course() == source.course()
        assert copy.course().modules[-1].title == "Added before the copy"
    assert sorted(p.name for p in (target / "media").iterdir()) == sorted(
        p.name for p in (original / "media").iterdir())
    window.outline.add_module("After the copy")  # edits still go to the original
    with Project.open(target) as copy:
        assert copy.course().modules[-1].title == "Added before the copy"


def test_the_copy_is_consistent_while_another_connection_writes(window, qtbot, monkeypatch,
                                                              tmp_path):
    from studio import bundle_copy, commands

    monkeypatch.setattr(bundle_copy, "BACKUP_PAGES", 1)
    stop = threading.Event()

    def write() -> None:
        with Project.open(window.session.path) as other:
            n = 0
            while not stop.is_set():
                with other.group("Pair"):
                    commands.add_lesson(other, commands.add_module(other, f"W{n}"), "L")
                n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        choose(monkeypatch, tmp_path / "Busy.course")
        window.copy_action.trigger()
        qtbot.waitUntil(lambda: not window.runner.running, timeout=30000)
    finally:
        stop.set()
        writer.join()
    assert window.errors == []
    with Project.open(tmp_path / "Busy.course") as copy:
        added = [m for m in copy.course().modules if m.title.startswith("W")]
        assert all(len(m.lessons) == 1 for m in added)


def test_a_copy_is_refused_onto_an_existing_folder_or_inside_the_project(
        window, qtbot, monkeypatch, tmp_path):
    (tmp_path / "Taken.course").mkdir()
    for target, words in ((tmp_path / "Taken.course", "already exists"),
                          (window.session.path / "media" / "In.course", "inside the project")):
        choose(monkeypatch, target)
        window.copy_action.trigger()
        assert words in window.errors[-1] and "\n" not in window.errors[-1]
        assert not window.runner.running
    assert not (window.session.path / "media" / "In.course").exists()


def answer_close_question(qtbot, window, button_text: str) -> None:
    box = None

    def find() -> bool:
        nonlocal box
        box = next((b for b in window.findChildren(QMessageBox) if b.isVisible()), None)
        return box is not None

    qtbot.waitUntil(find)
    assert "still writing" in box.text()
    button = next(b for b in box.buttons() if b.text() == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_closing_asks_only_while_a_job_writes(window, qtbot):
    job, release = writing_job(window)
    qtbot.waitUntil(lambda: window.save_status.text().startswith("Writing"))
    assert not window.close()
    answer_close_question(qtbot, window, "Keep working")
    assert window.isVisible() and not job.done
    assert not window.close()
    answer_close_question(qtbot, window, "Close when finished")
    assert window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert job.done and job.error == ""


def test_close_when_finished_closes_if_the_job_ended_while_the_question_was_open(window,
                                                                                qtbot):
    job, release = writing_job(window)
    qtbot.waitUntil(lambda: window.save_status.text().startswith("Writing"))
    assert not window.close()
    release.set()
    qtbot.waitUntil(lambda: job.done)
    qtbot.waitUntil(lambda: not window.runner.running)
    answer_close_question(qtbot, window, "Close when finished")
    qtbot.waitUntil(lambda: not window.isVisible())


def test_stop_and_close_cancels_the_writing_job(window, qtbot):
    job, release = writing_job(window)
    qtbot.waitUntil(lambda: bool(window.runner.running))
    QTimer.singleShot(0, release.set)  # the job notices the cancel once it wakes
    assert not window.close()
    answer_close_question(qtbot, window, "Stop and close")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert job.token.cancelled


def test_closing_with_nothing_being_written_does_not_ask(window, qtbot):
    window.outline.add_module("Saved already")
    assert window.close()
    assert not any(b.isVisible() for b in window.findChildren(QMessageBox))


@pytest.fixture(params=["qt", "xdg-open"])
def desktop_fails(request, monkeypatch, tmp_path):
    """A desktop that cannot open paths: Qt says so at once, or (Linux) xdg-open starts,
    finds no application and exits with status 3. Gives a function listing the paths it
    was asked to open."""
    if request.param == "qt":
        asked: list[str] = []

        def refuse(url) -> bool:
            asked.append(url.toLocalFile())
            return False

        monkeypatch.setattr(desktop, "OPENER", "no-such-opener")
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(refuse))
        return lambda: asked
    log = tmp_path / "opened.txt"
    script = tmp_path / "bin" / "xdg-open"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexit 3\n')
    script.chmod(0o755)
    monkeypatch.setattr(desktop, "OPENER", str(script))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    return lambda: log.read_text().splitlines() if log.exists() else []


def test_show_in_folder_that_cannot_open_says_where_the_package_is(window, qtbot, tmp_path,
                                                                   desktop_fails):
    dialog = window.export()
    dialog.target.setText(str(tmp_path / "pkg.zip"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=60000)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(tmp_path) in dialog.status.text())
    assert desktop_fails() == [str(tmp_path)]
    dialog.close()


def test_opening_another_course_while_a_job_writes_is_refused_and_loses_nothing(
        window, qtbot, sample, tmp_path):
    other = tmp_path / "Other.course"
    shutil.copytree(sample, other)
    job, release = writing_job(window)
    qtbot.waitUntil(lambda: window.save_status.text().startswith("Writing"))
    assert not window.open_project(other)
    assert "still writing" in window.errors[-1] and window.session.path == sample
    release.set()
    qtbot.waitUntil(lambda: job.done)
    assert job.error == "" and not job.token.cancelled
    assert window.open_project(other), window.errors

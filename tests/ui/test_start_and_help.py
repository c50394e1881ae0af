"""The start screen (new course in one dialog, open sample, recent courses) and the Help menu
(Getting started, Keyboard shortcuts, About), driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from studio.store import Project
from studio.ui import new_course
from studio.ui.help import AboutDialog, GuideDialog, ShortcutsDialog, studio_version
from studio.ui.main_window import MainWindow
from studio.ui.settings import recent_projects, remember_project
from studio.ui.shortcuts import SHORTCUTS, TIMELINE, WINDOW, keys
from studio.ui.welcome import THUMB, generic_icon


@pytest.fixture
def start(qtbot):
    """The window as it first opens: no project, the start screen."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _fill(qtbot, dialog, title: str, folder: Path) -> None:
    dialog.folder_edit.selectAll()
    qtbot.keyClicks(dialog.folder_edit, str(folder))
    qtbot.keyClicks(dialog.title_edit, title)


# ---- New course ------------------------------------------------------------------------------
def test_new_course_is_made_from_one_dialog_and_opens(qtbot, start, tmp_path: Path):
    qtbot.mouseClick(start.welcome.new_button, Qt.MouseButton.LeftButton)
    dialog = start.findChild(new_course.NewCourseDialog)
    assert dialog is not None and dialog.isVisible()
    _fill(qtbot, dialog, "Safety induction", tmp_path)
    target = tmp_path / "Safety induction.course"
    assert dialog.target_label.text() == str(target)
    assert dialog.create_button.isEnabled() and dialog.problem_label.text() == ""
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # the default button: Create
    qtbot.waitUntil(lambda: start.session is not None)
    assert not dialog.isVisible()
    assert start.session.path == target
    assert start.session.course().title == "Safety induction"
    assert (target / "course.db").is_file()
    assert recent_projects()[0] == target.resolve()


def test_new_course_refuses_an_existing_target_with_the_reason(qtbot, start, tmp_path: Path):
    Project.create(tmp_path / "Intro.course", "Intro").close()
    dialog = start.new_project()
    _fill(qtbot, dialog, "Intro", tmp_path)
    assert not dialog.create_button.isEnabled()
    assert "Intro.course already exists" in dialog.problem_label.text()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and start.session is None
    qtbot.keyClicks(dialog.title_edit, " 2")  # another title is fine
    assert dialog.create_button.isEnabled()
    assert dialog.target_label.text().endswith("Intro 2.course")


def test_new_course_title_and_folder_problems(qtbot, start, tmp_path: Path):
    dialog = start.new_project()
    assert not dialog.create_button.isEnabled()  # no title yet
    _fill(qtbot, dialog, 'A/B: "C"?', tmp_path / "nowhere")
    assert "does not exist" in dialog.problem_label.text()
    dialog.folder_edit.setText(str(tmp_path))
    assert dialog.target_label.text() == str(tmp_path / "A B C.course")
    dialog.title_edit.setText("...")
    assert "no character a file name can use" in dialog.problem_label.text()


# ---- Open sample -----------------------------------------------------------------------------
def test_open_sample_builds_it_as_a_job_and_opens_it(qtbot, start, tmp_path: Path,
                                                     monkeypatch):
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(new_course, "documents_folder", lambda: docs)
    with qtbot.waitSignal(start.runner.jobs_changed, timeout=5000):
        qtbot.mouseClick(start.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert [job.name for job in start.runner.running] == ["Build the sample course"]
    qtbot.waitUntil(lambda: start.session is not None, timeout=120_000)
    target = docs / "Course Studio sample.course"
    assert start.session.path == target
    assert start.session.course().title == "Course Studio Tour"
    assert [p.name for p in docs.iterdir()] == [target.name]  # no .part left behind
    start.close_project()
    job = start.open_sample()  # a second sample goes beside the first
    qtbot.waitUntil(lambda: start.session is not None, timeout=120_000)
    assert job.result == docs / "Course Studio sample 2.course"


def test_open_sample_cancelled_or_refused_leaves_nothing(qtbot, start, tmp_path: Path):
    job = start.open_sample(tmp_path)
    cancelled = []
    job.cancelled.connect(lambda: cancelled.append(True))
    job.cancel()
    with qtbot.waitSignal(start.runner.jobs_changed, timeout=120_000,
                          check_params_cb=lambda: not start.runner.running):
        pass
    assert cancelled and start.session is None and start.errors == []
    assert [p.name for p in tmp_path.iterdir() if "sample" in p.name] == []  # nor a .part
    start.open_sample(tmp_path / "nowhere")
    qtbot.waitUntil(lambda: bool(start.errors))
    assert start.errors == [f"The folder {tmp_path / 'nowhere'} does not exist."]


# ---- Recent courses --------------------------------------------------------------------------
def test_recent_courses_by_title_with_missing_ones_disabled(qtbot, sample: Path,
                                                            tmp_path: Path):
    plain = tmp_path / "Plain.course"
    Project.create(plain, "Plain and simple").close()
    gone = tmp_path / "Gone.course"
    for path in (gone, plain, sample):
        remember_project(path)
    gone_absent = gone.resolve()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    recent = win.welcome.recent
    rows = [recent.item(row) for row in range(recent.count())]
    assert [item.text() for item in rows] == [
        f"Course Studio Tour\n{sample.parent.resolve()}",
        f"Plain and simple\n{plain.parent.resolve()}",
        f"Gone.course — moved or deleted\n{gone_absent.parent}"]
    enabled = [bool(item.flags() & Qt.ItemFlag.ItemIsEnabled) for item in rows]
    assert enabled == [True, True, False]
    # the sample starts with a video whose poster is not made yet: its first slide shows
    picture = rows[0].icon().pixmap(THUMB).toImage()
    assert rows[0].icon().cacheKey() != generic_icon().cacheKey()
    assert picture.pixelColor(4, THUMB.height() // 2).alpha() == 255  # fills the frame's width
    assert rows[1].icon().cacheKey() == generic_icon().cacheKey()
    assert win.welcome.forget_missing.isVisibleTo(win)
    # the menu says the same
    win._fill_recent()
    menu_rows = [(a.text(), a.isEnabled()) for a in win.recent_menu.actions()]
    assert menu_rows[2] == ("Gone.course — moved or deleted", False)
    assert menu_rows[0][0].startswith("Course Studio Tour — ")
    # a missing course is removed from the list, the others stay
    qtbot.mouseClick(win.welcome.forget_missing, Qt.MouseButton.LeftButton)
    assert recent.count() == 2 and gone_absent not in recent_projects()
    assert not win.welcome.forget_missing.isVisibleTo(win)
    # keyboard: the list has the focus on the newest course, Enter opens it
    recent.setFocus()
    assert recent.currentItem() is recent.item(0)
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert win.session is not None and win.session.path == sample.resolve()
    win.close()


def test_start_screen_is_reachable_by_tab_with_names(qtbot, start):
    page = start.welcome
    controls = [page.new_button, page.open_button, page.sample_button, page.sample_elsewhere,
                page.recent]
    for widget in controls:
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.new_button.setFocus()
    seen = []
    for _ in range(len(controls) + 2):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert all(widget in seen for widget in controls)


# ---- Shortcuts ------------------------------------------------------------------------------
def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            continue  # a submenu (Open recent): its entries are the recent courses
        found.append(action)
    return found


def test_every_menu_action_has_a_shortcut_from_the_table(window):
    actions = [a for top in window.menuBar().actions() for a in _menu_actions(top.menu())]
    assert len(actions) > 15
    assert [a.text() for a in actions if a.shortcut().isEmpty()] == []
    bound = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in actions}
    table = {keys(row.name).toString() for row in SHORTCUTS}
    assert bound - table == set(), "menu shortcuts missing from studio/ui/shortcuts.py"
    every = [a.shortcut().toString() for a in window.findChildren(QAction)
             if not a.shortcut().isEmpty()]
    assert len(every) == len(set(every)), "two actions share a shortcut"
    for row in SHORTCUTS:
        assert row.where in (WINDOW, TIMELINE)
        if row.where == WINDOW:
            assert not keys(row.name).isEmpty(), row
            assert keys(row.name).toString() in bound, f"{row.name} is bound to no action"
    window_keys = [row.keys for row in SHORTCUTS if row.where == WINDOW]
    assert len(window_keys) == len(set(window_keys))
    assert {row.name for row in SHORTCUTS} >= {"split", "shuttle", "play", "cue", "mark"}


def test_shortcut_triggers_its_action(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_shortcuts_dialog_lists_the_table_and_searches(qtbot, start):
    start.help.shortcuts()
    dialog = start.findChild(ShortcutsDialog)
    assert dialog.table.columnCount() == 3
    rows = dialog.shown_rows()
    assert len(rows) == len(SHORTCUTS)
    assert ("New course", QKeySequence("Ctrl+N").toString(
        QKeySequence.SequenceFormat.NativeText), "Window") in rows
    assert any(where == "Timeline" and "J / K / L" in keys_ for _, keys_, where in rows)
    qtbot.keyClicks(dialog.search, "split")
    assert dialog.shown_rows() == [("Split the clip at the playhead", "S", "Timeline")]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ctrl+shift+m")
    assert [does for does, _, _ in dialog.shown_rows()] == ["Add a module"]
    assert start.help.shortcuts() is dialog  # asked again: the same window, raised


# ---- Getting started and About ---------------------------------------------------------------
def test_f1_opens_the_guide_with_the_five_steps(qtbot, start):
    start.activateWindow()
    qtbot.waitUntil(start.isActiveWindow)
    qtbot.keyClick(start, Qt.Key.Key_F1)
    guide = start.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.text.toPlainText()
    for step in ("1. Structure", "2. Media", "3. Slides", "4. Quiz", "5. Export"):
        assert step in text
    for word in ("module", "lesson", "Import", "timeline", "trim", "split", "cue point",
                 "PowerPoint", "question", "bank", "SCORM 1.2", "cmi5", "validated",
                 "Preview as learner"):
        assert word in text, word
    assert QKeySequence("Ctrl+I").toString(QKeySequence.SequenceFormat.NativeText) in text


def test_about_shows_versions_and_where_logs_go(qtbot, start):
    start.help.about()
    about = start.findChild(AboutDialog)
    text = about.text.text()
    assert f"Course Studio {studio_version()}" in text
    assert "PySide6" in text and "Qt" in text and "ffmpeg" in text and "Logs" in text
    assert "LGPL" in text  # the Qt binding's licence, read from its metadata


def test_delete_and_s_keep_to_their_panels(qtbot, window):
    """Delete removes from the outline while the outline has the focus, and stays the
    timeline's own key there; S splits only on the timeline, never while typing."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = window.session
    module = session.course().modules[0]
    items_before = len(session.course().items())
    session.select(module.id)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert session.find(module.id) is not None  # not the outline's Delete
    field = window.inspector.findChild(QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "s")
    assert len(session.course().items()) == items_before
    window.outline.tree.setFocus()
    qtbot.keyClick(window.outline.tree, Qt.Key.Key_Delete)
    assert session.find(module.id) is None

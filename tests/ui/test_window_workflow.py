"""A designer's session through the real widgets, offscreen; the database is the judge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import make_clip


def db_rows(project_dir: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(project_dir / "course.db") as conn:
        return conn.execute(sql, args).fetchall()


def lesson_items(project_dir: Path, lesson_id: str) -> list[tuple]:
    return db_rows(project_dir, "SELECT id, kind, in_point, out_point FROM items "
                   "WHERE lesson_id = ? ORDER BY position", lesson_id)


def drop_files(qtbot, widget, paths: list[Path]) -> None:
    """What the desktop does when files are dropped on a widget."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(widget.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def undo_redo(window, check_before, check_after) -> None:
    window.undo_action.trigger()
    check_before()
    window.redo_action.trigger()
    check_after()


def test_build_cut_reorder_and_export_a_lesson(window, sample, tmp_path, qtbot):
    view = window.timeline

    # add a lesson to the selected module
    modules = db_rows(sample, "SELECT id FROM modules ORDER BY position")
    window.session.select(modules[0][0])
    lesson = window.outline.add_lesson("Practice")
    assert db_rows(sample, "SELECT title, module_id FROM lessons WHERE id = ?", lesson) == [
        ("Practice", modules[0][0])]
    undo_redo(window,
              lambda: assert_count(sample, "lessons WHERE id = ?", lesson, 0),
              lambda: assert_count(sample, "lessons WHERE id = ?", lesson, 1))
    window.session.select(lesson)
    assert view.lesson_id == lesson

    # drop a generated video on the timeline: it goes through the import job
    clip = make_clip(tmp_path / "talk.mp4", 2.0)
    drop_files(qtbot, view.viewport(), [clip])
    qtbot.waitUntil(lambda: len(lesson_items(sample, lesson)) == 1 and not
                    window.runner.running, timeout=30000)
    [(video, kind, in_point, out_point)] = lesson_items(sample, lesson)
    assert kind == "video" and in_point == 0 and 1.9 < out_point < 2.2
    assert window.errors == []
    undo_redo(window, lambda: assert_count(sample, "items WHERE lesson_id = ?", lesson, 0),
              lambda: assert_count(sample, "items WHERE lesson_id = ?", lesson, 1))
    window.session.select(lesson)

    # trim: drag the clip's out handle 0.5 s to the left
    y = view.track_y()
    end_x = int(round(view.x_of(out_point)))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(end_x - 1, y))
    qtbot.mouseMove(view.viewport(), QPoint(end_x - 1 - int(0.5 * view.pps), y))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=QPoint(end_x - 1 - int(0.5 * view.pps), y))
    [(_, _, trimmed_in, trimmed_out)] = lesson_items(sample, lesson)
    assert trimmed_in == 0 and abs(trimmed_out - (out_point - 0.5)) < 0.05
    undo_redo(window, lambda: assert_out(sample, video, out_point),
              lambda: assert_out(sample, video, trimmed_out))

    # split at the playhead with the S key
    view.set_playhead(0.6)
    qtbot.keyClick(view, Qt.Key.Key_S)
    items = lesson_items(sample, lesson)
    assert [(i[2], i[3]) for i in items] == [(0.0, 0.6), (0.6, trimmed_out)]
    second = items[1][0]
    undo_redo(window, lambda: assert_count(sample, "items WHERE lesson_id = ?", lesson, 1),
              lambda: assert_count(sample, "items WHERE lesson_id = ?", lesson, 2))

    # reorder: drag the second clip before the first
    middle = int(view.x_of(0.6 + (trimmed_out - 0.6) / 2))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, y))
    for x in range(middle, int(view.x_of(0.05)), -8):
        qtbot.mouseMove(view.viewport(), QPoint(x, y))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=QPoint(int(view.x_of(0.05)), y))
    assert [i[0] for i in lesson_items(sample, lesson)] == [second, video]
    assert window.session.project.history.undo_name() == "Move"
    undo_redo(window, lambda: assert_order(sample, lesson, [video, second]),
              lambda: assert_order(sample, lesson, [second, video]))
    assert window.errors == []

    # export through the dialog, validated in the background
    dialog = window.export()
    dialog.target.setText(str(tmp_path / "out" / "course.zip"))
    (tmp_path / "out").mkdir()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None or dialog.job is None, timeout=60000)
    assert dialog.outcome is not None, dialog.status.text()
    result, report = dialog.outcome
    assert report.ok, report.findings
    assert result.target.is_file() and result.files > 5
    assert "valid" in dialog.status.text() and dialog.folder_button.isVisible()
    dialog.close()


def assert_count(project_dir: Path, where: str, arg: str, count: int) -> None:
    assert db_rows(project_dir, f"SELECT COUNT(*) FROM {where}", arg) == [(count,)]


def assert_out(project_dir: Path, item_id: str, out_point: float) -> None:
    assert db_rows(project_dir, "SELECT out_point FROM items WHERE id = ?", item_id) == [
        (out_point,)]


def assert_order(project_dir: Path, lesson_id: str, ids: list[str]) -> None:
    assert [i[0] for i in lesson_items(project_dir, lesson_id)] == ids


def test_undo_and_redo_name_the_edit_and_nothing_shows_as_unsaved(window, qtbot):
    assert not window.isWindowModified()
    window.outline.add_module("Extra")
    assert not window.isWindowModified()  # every edit is on disk as it is made
    assert window.undo_action.text() == "&Undo Add module “Extra”"
    window.undo_action.trigger()
    assert not window.isWindowModified()
    assert window.redo_action.text() == "&Redo Add module “Extra”"


def test_refused_edit_is_a_dialog_not_a_crash(window, qtbot):
    window.timeline.set_playhead(0)
    window.session.select("")
    qtbot.keyClick(window.timeline, Qt.Key.Key_S)
    assert window.errors == ["Place the playhead inside a video clip to split it."]


def test_a_long_edit_name_is_elided_in_undo_and_whole_in_its_tooltip(window):
    title = "Week 1 — a very long module title that goes on and on 1234567890"
    window.outline.add_module(title)
    text = window.undo_action.text()
    assert text.startswith("&Undo Add module") and text.endswith("…") and len(text) < 48
    assert title in window.undo_action.toolTip()

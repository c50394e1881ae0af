"""Media reaches a lesson every way a designer tries: Import with a lesson selected, drags from
the bin onto the timeline and the outline, double-click, Enter and the bin's context menu;
each gesture is one undo step, and empty panels say what to do."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QPixmap,
)
from PySide6.QtWidgets import QApplication

from studio.item_kinds import SLIDE
from studio.store import Project
from studio.ui import media_bin
from tests.ui.conftest import make_clip

DECORATION = Qt.ItemDataRole.DecorationRole


def make_tone(path: Path, seconds: float = 2.5) -> Path:
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=330:duration={seconds}", str(path)], check=True)
    return path


def make_picture(path: Path) -> Path:
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7"))
    assert image.save(str(path))
    return path


def state(project_dir: Path) -> dict[str, list[tuple]]:
    """Every row a media gesture may touch, to compare before and after an undo."""
    with sqlite3.connect(project_dir / "course.db") as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("items", "assets", "lessons", "questions")}


def lesson_items(window, title: str) -> list[tuple[str, str]]:
    lesson = next(les for les in window.session.course().lessons() if les.title == title)
    return [(item.kind.value, item.title) for item in lesson.items]


def lesson_id(window, title: str) -> str:
    return next(les.id for les in window.session.course().lessons() if les.title == title)


def to_bin(window, qtbot, *paths: Path) -> list[str]:
    """Import files into the media bin only; returns their asset ids."""
    job = window.media_bin.import_paths(list(paths))
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert window.errors == [] and job.result is not None
    return list(job.result.media_asset_ids)


def bin_mime(window, asset_ids: list[str]) -> QMimeData:
    """What the bin's drag carries, made by the bin's own model."""
    model = window.media_bin.model
    rows = [row for row, asset in enumerate(model.assets) if asset.id in asset_ids]
    return model.mimeData([model.index(row) for row in rows])


def drag_and_drop(widget, data: QMimeData, point: QPoint) -> bool:
    """Enter, move over and drop on a widget as a drag does; returns whether it was taken."""
    action, button, mods = (Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(point, action, data, button, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, action, data, button, mods)
    QApplication.sendEvent(widget, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), action, data, button, mods)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def timeline_point(window, seconds: float) -> QPoint:
    view = window.timeline
    return QPoint(int(view.x_of(seconds)), view.track_y())


def undo_restores(window, qtbot, sample: Path, before: dict, name: str) -> None:
    assert window.session.project.history.undo_name() == name
    window.undo_action.trigger()
    qtbot.wait(10)
    assert state(sample) == before


def test_ctrl_i_with_a_lesson_selected_adds_to_the_lesson_and_the_bin(
        window, sample, qtbot, tmp_path, monkeypatch):
    clip = make_clip(tmp_path / "clip.mp4", 2.0)
    asked: list[str] = []

    def choose(*_args, **_kwargs):
        asked.append("asked")
        return [str(clip)], ""

    monkeypatch.setattr(media_bin.QFileDialog, "getOpenFileNames", choose)
    jobs: list = []
    window.media_bin.import_started.connect(jobs.append)
    # a lesson selected, its timeline shown, the playhead at 7 s: between slides 1 and 2
    window.session.select(lesson_id(window, "Building blocks"))
    window.timeline.set_playhead(7.0)
    before = state(sample)
    window.activateWindow()
    qtbot.keyClick(window.timeline, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["asked"]
    qtbot.waitUntil(lambda: bool(jobs) and jobs[0].done, timeout=60000)
    assert window.errors == []
    assert lesson_items(window, "Building blocks") == [
        ("slide", "What a course is made of"), ("video", "clip"),
        ("slide", "Modules, lessons, items"), ("slide", "Tracking with SCORM and xAPI")]
    assert "clip.mp4" in [a.original_name for a in window.media_bin.model.assets]
    new = window.session.find(window.session.selected)
    assert new.title == "clip"  # what was added is selected, so the timeline shows it
    undo_restores(window, qtbot, sample, before, "Add clip.mp4")

    # an item selected: right after it
    welcome = window.session.find(lesson_id(window, "Welcome"))
    window.session.select(welcome.items[0].id)
    jobs.clear()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(jobs) and jobs[0].done, timeout=60000)
    assert lesson_items(window, "Welcome") == [
        ("video", "Welcome video"), ("video", "clip"), ("page", "About this course")]


def test_import_with_a_module_selected_goes_to_the_bin_and_says_how_to_place_it(
        window, sample, qtbot, tmp_path, monkeypatch):
    clip = make_clip(tmp_path / "aside.mp4", 1.0)
    monkeypatch.setattr(media_bin.QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(clip)], ""))
    window.session.select(window.session.course().modules[0].id)
    items = state(sample)["items"]
    job = window.media_bin.choose_files()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert state(sample)["items"] == items
    assert "aside.mp4" in [a.original_name for a in window.media_bin.model.assets]
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported 1 file(s). Media waits in the bin")
    # the whole hint is the bar's tooltip when the window is too narrow to show all of it
    whole = window.statusBar().toolTip()
    assert "drag it onto the timeline" in whole and "Ctrl+Shift+Return" in whole


def test_a_drag_from_the_bin_lands_on_the_timeline_where_dropped(window, sample, qtbot,
                                                                 tmp_path):
    [asset] = to_bin(window, qtbot, make_clip(tmp_path / "drag.mp4", 2.0))
    window.session.select(lesson_id(window, "Building blocks"))
    qtbot.wait(10)
    before = state(sample)
    data = bin_mime(window, [asset])
    assert data.formats() == ["application/x-course-studio-assets"]
    # 13 s: inside the second slide (6-12 s)... past its middle, so after it
    assert drag_and_drop(window.timeline.viewport(), data, timeline_point(window, 10.0))
    assert window.errors == []
    assert [kind for kind, _ in lesson_items(window, "Building blocks")] == [
        "slide", "slide", "video", "slide"]
    undo_restores(window, qtbot, sample, before, "Add drag.mp4")
    # before the first slide's middle: at the start
    assert drag_and_drop(window.timeline.viewport(), bin_mime(window, [asset]),
                         timeline_point(window, 1.0))
    assert lesson_items(window, "Building blocks")[0] == ("video", "drag")


def test_desktop_files_dropped_on_the_timeline_still_import_there(window, sample, qtbot,
                                                                  tmp_path):
    first, second = make_clip(tmp_path / "one.mp4", 1.0), make_clip(tmp_path / "two.mp4", 1.5)
    window.session.select(lesson_id(window, "Building blocks"))
    qtbot.wait(10)
    before = state(sample)
    jobs: list = []
    window.media_bin.import_started.connect(jobs.append)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    assert drag_and_drop(window.timeline.viewport(), data, timeline_point(window, 7.0))
    qtbot.waitUntil(lambda: bool(jobs) and jobs[0].done, timeout=60000)
    assert window.errors == []
    assert [t for _, t in lesson_items(window, "Building blocks")][1:3] == ["one", "two"]
    undo_restores(window, qtbot, sample, before, "Add 2 media")


def test_a_drag_from_the_bin_onto_the_outline(window, sample, qtbot, tmp_path):
    [asset] = to_bin(window, qtbot, make_clip(tmp_path / "outline.mp4", 1.0))
    tree, model = window.outline.tree, window.outline.model
    before = state(sample)
    # onto a lesson: at its end
    final = model.index_of_id(lesson_id(window, "Final quiz"))
    tree.scrollTo(final)
    assert drag_and_drop(tree.viewport(), bin_mime(window, [asset]),
                         tree.visualRect(final).center())
    assert window.errors == []
    assert lesson_items(window, "Final quiz") == [("quiz", "Final quiz"), ("video", "outline")]
    undo_restores(window, qtbot, sample, before, "Add outline.mp4")
    # onto an item: right after it
    welcome = window.session.find(lesson_id(window, "Welcome"))
    video = model.index_of_id(welcome.items[0].id)
    tree.scrollTo(video)
    assert drag_and_drop(tree.viewport(), bin_mime(window, [asset]),
                         tree.visualRect(video).center())
    assert lesson_items(window, "Welcome") == [
        ("video", "Welcome video"), ("video", "outline"), ("page", "About this course")]
    # onto a module: not a place for media
    module = model.index_of_id(window.session.course().modules[0].id)
    assert not drag_and_drop(tree.viewport(), bin_mime(window, [asset]),
                             tree.visualRect(module).center())


def test_double_click_and_enter_add_after_the_selection(window, sample, qtbot, tmp_path):
    [asset] = to_bin(window, qtbot, make_clip(tmp_path / "keys.mp4", 1.0))
    welcome = window.session.find(lesson_id(window, "Welcome"))
    window.session.select(welcome.items[1].id)  # the page
    view = window.media_bin.view
    window.media_bin.select_asset(asset)
    before = state(sample)
    rect = view.visualRect(view.currentIndex())
    # a double-click as the system delivers it: press and release, then the double-click
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.errors == []
    assert lesson_items(window, "Welcome")[-1] == ("video", "keys")
    undo_restores(window, qtbot, sample, before, "Add keys.mp4")

    window.session.select(welcome.items[0].id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.errors == []
    assert lesson_items(window, "Welcome")[1] == ("video", "keys")
    # Ctrl+Shift+Return is the window's "Add to lesson", wherever the focus is
    assert window.add_media_action.shortcut().toString() == "Ctrl+Shift+Return"
    window.add_media_action.trigger()
    assert lesson_items(window, "Welcome")[2] == ("video", "keys")


def test_the_bins_context_menu_adds_at_the_playhead_and_removes_unused_media(
        window, sample, qtbot, tmp_path):
    [asset] = to_bin(window, qtbot, make_clip(tmp_path / "menu.mp4", 1.0))
    window.session.select(lesson_id(window, "Building blocks"))
    window.timeline.set_playhead(12.0)  # the boundary of slides 2 and 3
    bin_, view = window.media_bin, window.media_bin.view
    bin_.select_asset(asset)
    before = state(sample)

    def menu_action(text: str):
        point = view.visualRect(view.currentIndex()).center()
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)))
        assert bin_.menu is not None and bin_.menu.isVisible()
        found = next(a for a in bin_.menu.actions() if a.text().startswith(text))
        bin_.menu.close()
        return found

    assert [a.text().split("\t")[0] for a in menu_action("Add").parent().actions()
            if a.text()] == ["Add to lesson", "Add to timeline at playhead", "Remove from bin"]
    menu_action("Add to timeline at playhead").trigger()
    assert window.errors == []
    assert [k for k, _ in lesson_items(window, "Building blocks")] == [
        "slide", "slide", "video", "slide"]

    # used media is not removed, and the refusal says where it is used
    menu_action("Remove from bin").trigger()
    assert "menu.mp4 is used by “menu”" in window.errors[-1]
    assert asset in window.session.course().assets
    undo_restores(window, qtbot, sample, before, "Add menu.mp4")
    # unused: removed, and the undo brings it back
    bin_.select_asset(asset)
    menu_action("Remove from bin").trigger()
    assert asset not in window.session.course().assets
    assert asset not in [a.id for a in bin_.model.assets]
    undo_restores(window, qtbot, sample, before, "Remove from media bin")


def test_kinds_picture_slide_sound_narration_captions_on_a_clip(window, sample, qtbot,
                                                                 tmp_path):
    picture, sound = to_bin(window, qtbot, make_picture(tmp_path / "chart.png"),
                            make_tone(tmp_path / "voice.m4a", 2.5))
    window.session.select(lesson_id(window, "Building blocks"))
    qtbot.wait(10)
    viewport = window.timeline.viewport()

    # a picture becomes a slide of the slide kind's default duration
    before = state(sample)
    assert drag_and_drop(viewport, bin_mime(window, [picture]), timeline_point(window, 18.0))
    slide = window.session.find(lesson_id(window, "Building blocks")).items[-1]
    assert (slide.kind.value, slide.title, slide.asset_id) == ("slide", "chart", picture)
    assert slide.duration == SLIDE["duration"].default
    undo_restores(window, qtbot, sample, before, "Add chart.png")

    # a sound dropped on a slide becomes its narration; the slide lasts as long
    first = window.session.find(lesson_id(window, "Building blocks")).items[0]
    assert drag_and_drop(viewport, bin_mime(window, [sound]), timeline_point(window, 1.0))
    # a job: the notes are aligned to the sound off the window's thread
    qtbot.waitUntil(lambda: window.session.find(first.id).narration_asset_id == sound,
                    timeout=60_000)
    assert window.errors == []
    narrated = window.session.find(first.id)
    assert narrated.narration_asset_id == sound
    assert narrated.duration == pytest.approx(2.5, abs=0.1)
    # the transcript and captions made from its notes belong to the slide, not to the bin
    assert narrated.transcript_asset_id in window.session.course().assets
    assert narrated.transcript_asset_id not in [a.id for a in window.media_bin.model.assets]
    undo_restores(window, qtbot, sample, before, f"Narrate “{first.title}”")

    # ... and in the outline too
    tree, model = window.outline.tree, window.outline.model
    second = window.session.find(lesson_id(window, "Building blocks")).items[1]
    assert drag_and_drop(tree.viewport(), bin_mime(window, [sound]),
                         tree.visualRect(model.index_of_id(second.id)).center())
    qtbot.waitUntil(lambda: window.session.find(second.id).narration_asset_id == sound,
                    timeout=60_000)
    window.undo_action.trigger()

    # a sound anywhere else is refused with a reason, and nothing changes
    window.session.select(lesson_id(window, "Welcome"))
    qtbot.wait(10)
    assert drag_and_drop(viewport, bin_mime(window, [sound]), timeline_point(window, 1.0))
    assert "voice.m4a is a sound: drop it on a slide" in window.errors[-1]
    assert state(sample) == before

    # a caption file dropped on a clip becomes its captions
    captions = tmp_path / "welcome.vtt"
    captions.write_text("WEBVTT\n\n00:00.500 --> 00:01.500\nHello\n", encoding="utf-8")
    jobs: list = []
    window.media_bin.import_started.connect(jobs.append)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(captions))])
    assert drag_and_drop(viewport, data, timeline_point(window, 2.0))
    qtbot.waitUntil(lambda: bool(jobs) and jobs[0].done, timeout=30000)
    clip = window.session.find(lesson_id(window, "Welcome")).items[0]
    assert [t.language for t in clip.captions] == [window.session.course().language]
    undo_restores(window, qtbot, sample, before, "Add welcome.vtt")


def test_bin_thumbnails_preview_and_the_failure_footer(window, sample, qtbot, tmp_path):
    [video] = to_bin(window, qtbot, make_clip(tmp_path / "poster.mp4", 2.0))
    model = window.media_bin.model
    row = next(r for r, a in enumerate(model.assets) if a.id == video)
    qtbot.waitUntil(lambda: isinstance(model.data(model.index(row), DECORATION), QPixmap),
                    timeout=30000)
    poster = model.data(model.index(row), DECORATION)
    assert not poster.isNull() and poster.height() == media_bin.ICON_HEIGHT
    assert len({poster.toImage().pixel(x, 10) for x in range(0, poster.width(), 4)}) > 3

    # choosing a bin item shows it in the preview
    window.media_bin.select_asset(video)
    assert window.preview.title.text() == "poster.mp4"
    assert window.preview.stack.currentWidget() is window.preview.video

    # a failed import is said in the footer until the next import succeeds
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 20)
    job = window.media_bin.import_paths([broken])
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert "failed" in window.media_bin.status.text()
    window.errors.clear()
    to_bin(window, qtbot, make_picture(tmp_path / "fine.png"))
    assert "failed" not in window.media_bin.status.text()
    assert "Imported 1 file" in window.media_bin.status.text()


def _placeholder_pixels(widget) -> int:
    image = widget.grab().toImage()
    hint = widget.palette().color(widget.palette().ColorRole.PlaceholderText)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - hint.red()) + abs(pixel.green() - hint.green()) + abs(
                    pixel.blue() - hint.blue()) < 30:
                count += 1
    return count


def test_empty_panels_paint_what_to_do(window, qtbot, tmp_path):
    Project.create(tmp_path / "Empty.course", "Empty").close()
    assert window.open_project(tmp_path / "Empty.course")
    qtbot.wait(20)
    timeline, outline, bin_view = (window.timeline, window.outline.tree,
                                   window.media_bin.view)
    assert timeline.hint() == "Add a lesson (Ctrl+L)"
    assert _placeholder_pixels(timeline.viewport()) > 10
    empty_outline = _placeholder_pixels(outline.viewport())
    assert empty_outline > 10
    assert _placeholder_pixels(bin_view.viewport()) > 10
    assert media_bin.EMPTY_HINT == "Import media (Ctrl+I) or drop files here"

    window.outline.add_lesson("First")
    qtbot.wait(20)
    assert timeline.hint() == ("Drop media here, or select media in the bin and press "
                               "Ctrl+Shift+Return")
    assert _placeholder_pixels(timeline.viewport()) > 10
    assert _placeholder_pixels(outline.viewport()) < empty_outline / 2  # rows now, no hint


def test_the_undo_step_of_several_bin_media_is_one_and_named(window, sample, qtbot, tmp_path):
    ids = to_bin(window, qtbot, make_clip(tmp_path / "a.mp4", 1.0),
                 make_picture(tmp_path / "b.png"), make_clip(tmp_path / "c.mp4", 1.5))
    window.session.select(lesson_id(window, "Final quiz"))
    before = state(sample)
    view = window.media_bin.view
    for asset_id in ids:
        row = next(r for r, a in enumerate(window.media_bin.model.assets) if a.id == asset_id)
        view.selectionModel().select(window.media_bin.model.index(row),
                                     view.selectionModel().SelectionFlag.Select)
    window.add_media_action.trigger()
    assert [k for k, _ in lesson_items(window, "Final quiz")] == [
        "quiz", "video", "slide", "video"]
    rows = state(sample)["items"]
    assert len(rows) == len(before["items"]) + 3
    assert all(json.loads(r[-1]) is not None for r in rows)
    undo_restores(window, qtbot, sample, before, "Add 3 media")


def test_a_sound_file_from_the_desktop_dropped_on_an_outline_slide_narrates_it(
        window, sample, qtbot, tmp_path):
    voice = make_tone(tmp_path / "spoken.wav", 2.0)
    slide = window.session.find(lesson_id(window, "Building blocks")).items[2]
    tree, model = window.outline.tree, window.outline.model
    index = model.index_of_id(slide.id)
    tree.scrollTo(index)
    before = state(sample)
    jobs: list = []
    window.media_bin.import_started.connect(jobs.append)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(voice))])
    assert drag_and_drop(tree.viewport(), data, tree.visualRect(index).center())
    qtbot.waitUntil(lambda: bool(jobs) and jobs[0].done, timeout=60000)
    assert window.errors == []
    narrated = window.session.find(slide.id)
    assert window.session.course().assets[narrated.narration_asset_id].original_name == \
        "spoken.wav"
    assert narrated.duration == pytest.approx(2.0, abs=0.1)
    assert window.session.selected == slide.id
    undo_restores(window, qtbot, sample, before, "Add spoken.wav")

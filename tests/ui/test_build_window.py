"""A course built from raw materials in the window: New course from folder (a folder or a
spec file, as a job with Cancel), Rebuild from spec (the open panels catch up, one undo
step) and the export dialog's All formats, driven through the real widgets."""

from __future__ import annotations

import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio import commands
from studio.export.formats import available_formats
from studio.export.validate import validate_package
from studio.media.build_map import built_from
from studio.spec.reader import read_spec
from studio.ui.course_build import (
    BuildDialog,
    BuildSummary,
    new_course_from,
    rebuild,
    write_folder_spec,
)
from studio.ui.main_window import MainWindow
from tests.media.build_fixtures import GIFT, PAGE, SRT

SPEC = """title = "Bars and tones"
language = "en"

[[modules]]
title = "Basics"

[[modules.lessons]]
title = "{lesson}"
id = "watch"
items = [
  {{ video = "intro.mp4", title = "Intro", captions = ["intro.srt"] }},
  {{ page = "start.md", title = "Before you start" }},
]

[[modules.lessons]]
title = "Practise"
items = [{{ quiz = "check.gift", title = "Check" }}]
"""


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


@pytest.fixture
def folder(tmp_path: Path, media) -> Path:
    """A designer's folder: one module of two lessons, a clip with captions, a page, a quiz
    and a file the convention does not read."""
    root = tmp_path / "Bars and tones"
    watch, practise = root / "1 Basics" / "1 Watch", root / "1 Basics" / "2 Practise"
    watch.mkdir(parents=True)
    practise.mkdir()
    shutil.copy(media["plain.mp4"], watch / "intro.mp4")
    (watch / "intro.srt").write_text(SRT, encoding="utf-8")
    (watch / "start.md").write_text(PAGE, encoding="utf-8")
    (watch / "budget.xyz").write_text("not course material", encoding="utf-8")
    (practise / "check.gift").write_text(GIFT, encoding="utf-8")
    return root


@pytest.fixture
def spec_file(tmp_path: Path, media) -> Path:
    """The same materials named by a spec file."""
    root = tmp_path / "materials"
    root.mkdir()
    shutil.copy(media["plain.mp4"], root / "intro.mp4")
    (root / "intro.srt").write_text(SRT, encoding="utf-8")
    (root / "start.md").write_text(PAGE, encoding="utf-8")
    (root / "check.gift").write_text(GIFT, encoding="utf-8")
    spec = root / "course.toml"
    spec.write_text(SPEC.format(lesson="Watch"), encoding="utf-8")
    return spec


def outline_titles(win: MainWindow) -> list[str]:
    """Every row the outline shows, depth first."""
    model, titles = win.outline.tree.model(), []

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            titles.append(model.data(index))
            walk(index)

    walk(model.index(-1, -1))
    return titles


def built(qtbot, win: MainWindow, source: Path) -> MainWindow:
    job = new_course_from(win, source)
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert job.error == "" and win.session is not None, win.errors
    return win


def test_new_course_from_folder_builds_opens_and_sums_up(qtbot, start, folder: Path):
    assert start.build_action.isEnabled() and not start.rebuild_action.isEnabled()
    qtbot.mouseClick(start.welcome.build_button, Qt.MouseButton.LeftButton)
    dialog = start.findChild(BuildDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.build_button.isEnabled()  # nothing chosen yet
    qtbot.keyClicks(dialog.source_edit, str(folder))
    target = folder.parent / "Bars and tones.course"
    assert dialog.target_edit.text() == str(target)  # beside the folder, as the CLI
    assert dialog.build_button.isEnabled(), dialog.problem_label.text()
    qtbot.keyClick(dialog.source_edit, Qt.Key.Key_Return)
    assert [job.name for job in start.runner.running] == ["Build from Bars and tones"]
    qtbot.waitUntil(lambda: start.session is not None, timeout=120_000)
    assert start.session.path == target
    assert outline_titles(start) == ["Basics", "Watch", "intro", "start", "Practise", "check"]
    summary = start.findChild(BuildSummary)
    assert summary is not None and summary.isVisible()
    text = summary.text.toPlainText()
    assert text.startswith("Built Bars and tones.course (")
    assert "budget.xyz" in text  # the file the convention skipped, noted
    assert summary.text.isReadOnly()
    copy = next(b for b in summary.findChildren(type(dialog.build_button))
                if b.text() == "&Copy")
    copy.click()
    assert QApplication.clipboard().text() == text
    assert start.rebuild_action.isEnabled()  # a built course can be rebuilt
    assert start.write_spec_action.isEnabled()  # and, built from a folder, its spec written


def test_dialog_refuses_a_taken_target_and_a_file_that_is_no_spec(qtbot, start, folder: Path):
    dialog = new_course_from(start)
    (folder.parent / "Bars and tones.course").mkdir()
    (folder.parent / "Bars and tones.course" / "keep.txt").write_text("mine")
    qtbot.keyClicks(dialog.source_edit, str(folder))
    assert not dialog.build_button.isEnabled()
    assert "already exists" in dialog.problem_label.text()
    (folder.parent / "Made before.course").mkdir()
    (folder.parent / "Made before.course" / "course.db").write_bytes(b"")
    dialog.target_edit.setText(str(folder.parent / "Made before.course"))
    assert "is a course already" in dialog.problem_label.text()
    dialog.source_edit.setText(str(folder / "1 Basics" / "1 Watch" / "start.md"))
    assert "not a course spec" in dialog.problem_label.text()


def test_cancelled_build_leaves_no_folder(qtbot, start, folder: Path):
    start.runner.pool.setMaxThreadCount(1)  # the build waits behind a job holding the pool
    release = threading.Event()
    start.runner.start("Hold the pool", lambda _progress, _token: release.wait(60))
    job = new_course_from(start, folder)
    # cancelled on the worker as it starts reading: the project's hidden folder is made
    # before the first check of the token, so the cancel must take it away again
    job._worker_progress.connect(lambda _fraction, _message: job.cancel(),
                                 Qt.ConnectionType.DirectConnection)
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert start.session is None and start.errors == []
    assert sorted(p.name for p in folder.parent.iterdir()) == ["Bars and tones"]  # no .part
    assert "cancelled" in start.statusBar().currentMessage()


def test_bad_spec_is_one_line(qtbot, start, spec_file: Path):
    spec_file.write_text('title = "Bars"\nmodules = "none"\n', encoding="utf-8")
    job = new_course_from(start, spec_file)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert len(start.errors) == 1 and "\n" not in start.errors[0]
    assert "course.toml" in start.errors[0] and "Traceback" not in start.errors[0]
    assert start.session is None and not list(spec_file.parent.parent.glob("*.course"))


def test_rebuild_after_the_spec_changed_updates_the_outline_in_one_undo(qtbot, start,
                                                                       spec_file: Path):
    win = built(qtbot, start, spec_file)
    assert win.session.path == spec_file.parent.with_name(f"{spec_file.parent.name}.course")
    assert "Watch" in outline_titles(win) and win.rebuild_action.isEnabled()
    spec_file.write_text(SPEC.format(lesson="Watch first"), encoding="utf-8")
    job = rebuild(win)
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert job.error == "", win.errors
    qtbot.waitUntil(lambda: "Watch first" in outline_titles(win))
    assert "Watch" not in outline_titles(win)
    assert win.undo_action.text() == "&Undo Build from course.toml"
    summary = win.build_summary
    assert summary.isVisible()
    assert summary.text.toPlainText().startswith(
        "Updated materials.course (0 added, 1 updated, 0 removed)")
    win.undo()  # the rebuild, whole
    qtbot.waitUntil(lambda: "Watch" in outline_titles(win))
    assert "Watch first" not in outline_titles(win)
    assert win.redo_action.text() == "&Redo Build from course.toml"
    win.redo()
    qtbot.waitUntil(lambda: "Watch first" in outline_titles(win))
    job = rebuild(win)  # nothing changed since: said in the status bar, nothing written
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert job.result.status == "unchanged"
    assert "unchanged" in win.statusBar().currentMessage()


def test_rebuild_keeps_the_designers_edit_and_lists_the_conflict(qtbot, start,
                                                                 spec_file: Path):
    win = built(qtbot, start, spec_file)
    watch = next(lesson for lesson in win.session.course().lessons() if lesson.title == "Watch")
    assert win.session.run(commands.rename, watch.id, "Watch this").ok
    spec_file.write_text(SPEC.format(lesson="Watch first"), encoding="utf-8")
    job = rebuild(win)
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert "Watch this" in outline_titles(win) and "Watch first" not in outline_titles(win)
    text = win.build_summary.text.toPlainText()
    conflict = next(line for line in text.splitlines() if line.startswith("• "))
    assert "Watch this" in conflict and "Watch first" in conflict
    assert "Conflicts (1): your edit was kept" in text


def test_rebuild_refuses_a_course_not_built(qtbot, window):
    assert not window.rebuild_action.isEnabled()  # the sample was not built from a spec
    assert not window.write_spec_action.isEnabled()
    assert rebuild(window) is None
    assert window.errors == ["This course was not built from a spec or a folder."]


def test_rebuild_of_a_folder_infers_it_again_where_it_moved(qtbot, start, folder: Path):
    win = built(qtbot, start, folder)
    moved = folder.parent / "Bars and tones (moved)"
    folder.rename(moved)
    (moved / "1 Basics" / "2 Practise" / "more.md").write_text("# More\n", encoding="utf-8")
    job = rebuild(win, moved)  # the window asks for it; here it is given
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert job.error == "", win.errors
    qtbot.waitUntil(lambda: "more" in outline_titles(win))
    assert built_from(win.session.project) == moved  # the next rebuild looks there
    # Write spec: the folder's inferred spec as its course.toml, which later rebuilds read
    assert win.write_spec_action.isEnabled()
    written = write_folder_spec(win)
    assert written == moved / "course.toml" and read_spec(written).title == moved.name
    assert write_folder_spec(win) is None and "has its spec already" in win.errors[-1]
    text = written.read_text(encoding="utf-8").replace('"Practise"', '"Practise well"')
    written.write_text(text, encoding="utf-8")
    job = rebuild(win)
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    qtbot.waitUntil(lambda: "Practise well" in outline_titles(win))
    assert built_from(win.session.project) == written
    assert not win.write_spec_action.isEnabled()  # built from a spec file now


def test_export_all_formats_writes_five_valid_packages(qtbot, start, spec_file: Path,
                                                        tmp_path: Path):
    win = built(qtbot, start, spec_file)
    dialog = win.export()
    dialog.all_formats.setChecked(True)
    assert not dialog.format.isEnabled() and not dialog.twin_button.isEnabled()
    assert dialog.target.text() == str(tmp_path / "Bars-and-tones-packages")
    out = tmp_path / "packages"
    dialog.target.setText(str(out))
    job = dialog.start()
    qtbot.waitUntil(lambda: job.done, timeout=300_000)
    assert job.error == "", win.errors
    files = sorted(out.iterdir())
    assert len(files) == len(available_formats()) == 5
    for package in files:
        assert zipfile.ZipFile(package).testzip() is None
        assert validate_package(package).ok, package
    status = dialog.status.text()
    assert status.startswith(f"✔ 5 packages, all valid, in {out}:")
    assert all(package.name in status for package in files)
    dialog.all_formats.setChecked(False)  # back to one package, named as before
    assert dialog.format.isEnabled()
    assert dialog.target.text().endswith(".zip")


def test_the_summary_says_what_narration_was_voiced(qtbot, start, folder: Path):
    watch = folder / "1 Basics" / "1 Watch"
    Image.new("RGB", (320, 180), (40, 90, 160)).save(watch / "diagram.png")
    (watch / "diagram.txt").write_text("Here is the flow. It runs left to right.",
                                       encoding="utf-8")
    win = built(qtbot, start, folder)
    qtbot.waitUntil(lambda: getattr(win, "build_summary", None) is not None)
    lines = win.build_summary.text.toPlainText().splitlines()
    assert lines[1] == "Narration: 1 item voiced, 2 new sentences"

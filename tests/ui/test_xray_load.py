"""Learner data loaded for real through the window: a synthetic cohort in the player's
statement shapes written to a JSONL file, read with the Load learner data dialog (a job with
progress), measured, and shown on the timeline, in the X-ray tab and in the lesson's funnel;
a trim made from the tab measures again through the new cut; Cancel stops a read."""

from __future__ import annotations

import json
import math
import shutil

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from xray_cohort import CLIP_SECONDS, clip_of, cohort_statements, planted, xray_course

from studio.export.xml import course_iri
from studio.ui.main_window import MainWindow
from studio.ui.xray_funnel import LessonFunnel
from studio.ui.xray_load import LoadLearnerData
from studio.ui.xray_state import XRayHolder, learner_store
from studio.ui.xray_window import load_learner_data
from studio.xray.ingest import IngestReport
from studio.xray.statement_files import read_statements_file

DROP_OFF_S = 40.0


def needs_ingest() -> None:
    pytest.importorskip("studio.xray.ingest")  # the use case the dialog runs


def cohort_project(tmp_path, cached: bool):
    """(project folder, statements file) of the cohort's course; ``cached``: the statements
    read into the project's learner-data cache already."""
    with xray_course(tmp_path) as project:
        course = project.course()
        statements = tmp_path / "statements.jsonl"
        statements.write_text("".join(json.dumps(s) + "\n" for s in cohort_statements(
            course, learners=300, drop_off_s=DROP_OFF_S)), encoding="utf-8")
        if cached:
            read_statements_file(statements, learner_store(project), course_iri(course))
        return project.path, statements


def open_window(qtbot, path):
    from studio.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    assert win.open_project(path), win.errors
    clip = clip_of(win.session.course())
    win.session.select(clip.lesson_id)
    qtbot.waitUntil(lambda: win.timeline.lesson_id == clip.lesson_id, timeout=3000)
    return win, clip


@pytest.fixture
def loaded(qtbot, tmp_path):
    """(window, clip, statements file): the cohort's course open, its lesson shown, no
    learner data read yet."""
    needs_ingest()
    path, statements = cohort_project(tmp_path, cached=False)
    win, clip = open_window(qtbot, path)
    yield win, clip, statements
    win.close()


@pytest.fixture
def cached(qtbot, tmp_path):
    """(window, clip): the cohort's course open with its learner data in the cache."""
    path, _ = cohort_project(tmp_path, cached=True)
    win, clip = open_window(qtbot, path)
    yield win, clip
    win.close()


def test_cached_learner_data_are_measured_as_the_course_opens_and_again_after_a_trim(
        cached, qtbot):
    win, clip = cached
    holder = XRayHolder.of(win.session)
    qtbot.waitUntil(lambda: holder.xray is not None, timeout=60_000)
    video = next(v for v in holder.xray.videos if v.item == clip.id)
    assert abs(video.drop_off_s - DROP_OFF_S) <= 2
    assert win.timeline.xray.strips[clip.id].video is video
    negative, easy = planted(win.session.course())
    badges = win.timeline.xray.badges
    assert badges[negative].negative and badges[easy].band.letter == "E"
    win.inspector.rebuild(force=True)
    funnel = win.inspector.widget().findChild(LessonFunnel)
    assert funnel is not None and funnel.lesson.funnel["launched"] == 300

    qtbot.keyClick(win, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    trim = next(b for b in win.xray.buttons if b.text().startswith("Trim"))
    qtbot.mouseClick(trim, Qt.MouseButton.LeftButton)
    cut = win.session.course().find(clip.id)
    assert cut.out_point == pytest.approx(clip.in_point + math.ceil(video.drop_off_s))
    qtbot.waitUntil(lambda: holder.xray.videos[0].length_s < CLIP_SECONDS - 1, timeout=60_000)
    remapped = holder.xray.videos[0]
    assert len(remapped.viewers_per_second) <= math.ceil(cut.duration)
    assert remapped.outside_s > 0  # what was watched after the new out point
    assert win.timeline.xray.strips[clip.id].video is remapped
    assert not [b for b in win.xray.buttons if b.text().startswith("Trim")]  # no cold tail left
    win.session.undo()  # the whole clip again: measured again through the old cut
    qtbot.waitUntil(lambda: holder.xray.videos[0].length_s == pytest.approx(CLIP_SECONDS),
                    timeout=60_000)
    assert holder.xray.videos[0].viewers_per_second == video.viewers_per_second


def open_dialog(win, qtbot):
    qtbot.keyClick(win, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    return win.xray_dialog


def test_a_cohort_read_in_the_dialog_lands_on_the_timeline(loaded, qtbot):
    win, clip, statements = loaded
    holder = XRayHolder.of(win.session)
    dialog = open_dialog(win, qtbot)
    dialog.statements.add_paths([statements])
    seen = []
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    dialog.job.progressed.connect(lambda fraction, _text: seen.append(fraction))
    qtbot.waitUntil(lambda: holder.xray is not None, timeout=120_000)
    assert seen  # progress was shown
    assert not any(d.isVisible() for d in win.findChildren(LoadLearnerData))  # done: closed
    assert win.side.currentWidget() is win.xray
    video = next(v for v in holder.xray.videos if v.item == clip.id)
    assert abs(video.drop_off_s - DROP_OFF_S) <= 2
    assert win.timeline.xray.strips[clip.id].video is video
    negative, easy = planted(win.session.course())
    flagged = {q.id for q in holder.xray.questions if set(q.flags) - {"few_answers"}}
    assert {negative, easy} <= flagged


def test_cancel_stops_a_read_between_sources_and_keeps_what_was_typed(loaded, qtbot):
    win, _clip, statements = loaded
    holder = XRayHolder.of(win.session)
    dialog = open_dialog(win, qtbot)
    copies = []  # the same rows in thirty files: a long read (a file is listed once)
    for n in range(30):
        copy = statements.with_name(f"copy{n}{statements.suffix}")
        shutil.copyfile(statements, copy)
        copies.append(copy)
    dialog.statements.add_paths(copies)
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    assert job is not None and not dialog.load_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.result is None and job.error == ""  # cancelled, not finished nor failed
    assert dialog.isVisible() and dialog.load_button.isEnabled()
    assert dialog.message.text().startswith("Cancelled.")
    assert dialog.statements.list.count() == 30
    if holder.job is not None:  # a source read before the cancel is kept, and measured
        qtbot.waitUntil(lambda: holder.job.done, timeout=60_000)


def test_a_file_that_is_not_statements_is_one_line_in_the_dialog(loaded, qtbot, tmp_path):
    win, _clip, _statements = loaded
    bad = tmp_path / "notes.jsonl"
    bad.write_text("these are not statements\n", encoding="utf-8")
    dialog = open_dialog(win, qtbot)
    dialog.statements.add_paths([bad])
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    assert job.crash is None
    assert "notes.jsonl" in dialog.message.text() and "\n" not in dialog.message.text()
    assert dialog.isVisible() and win.errors == []  # said once, in the dialog
    assert XRayHolder.of(win.session).xray is None
    # the ended read left the dialog's controls as they were, made once
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    assert [b for b in dialog.findChildren(QPushButton)
            if b.text() == "Forget learner data…"] == [dialog.forget_button]
    assert dialog.forget_button.isVisibleTo(dialog)


def answer(qtbot, button) -> None:
    """Press ``button`` on the next question box, once it shows."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    QTimer.singleShot(0, lambda: qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5000)
        or press())


def test_the_lrs_endpoint_and_user_are_remembered_per_course_never_the_password(
        loaded, qtbot, sample, tmp_path):
    win, _clip, _statements = loaded
    dialog = open_dialog(win, qtbot)
    assert dialog.endpoint.text() == "" and dialog.user.text() == ""
    qtbot.keyClicks(dialog.endpoint, "http://127.0.0.1:9/xAPI/")  # nobody listens there
    qtbot.keyClicks(dialog.user, "ana")
    qtbot.keyClicks(dialog.password, "s3cret-pass")
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    assert job is not None
    job.cancel()
    qtbot.waitUntil(lambda: job.done, timeout=60_000)
    dialog.reject()
    again = load_learner_data(win)
    assert again is not dialog
    assert again.endpoint.text() == "http://127.0.0.1:9/xAPI/" and again.user.text() == "ana"
    assert again.password.text() == ""
    kept = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "settings").rglob("*") if p.is_file())
    assert "ana" in kept and "s3cret-pass" not in kept
    other = MainWindow()  # another course: its own (empty) LRS fields
    qtbot.addWidget(other)
    assert other.open_project(sample), other.errors
    assert other.session.course().identifier != win.session.course().identifier
    theirs = load_learner_data(other)
    assert theirs.endpoint.text() == "" and theirs.user.text() == ""
    other.close()


def test_a_registration_is_checked_as_it_is_typed(loaded, qtbot):
    win, _clip, statements = loaded
    dialog = open_dialog(win, qtbot)
    top = [w.mapTo(dialog, QPoint(0, 0)).y() for w in (dialog.registration,
                                                        dialog.statements, dialog.reports)]
    assert top == sorted(top) and dialog.reports.isVisible()  # both groups laid out
    dialog.statements.add_paths([statements])
    qtbot.keyClicks(dialog.registration, "notauuid")
    assert dialog.message.text().startswith("The registration must be a UUID")
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None  # refused, nothing read
    dialog.registration.clear()
    qtbot.keyClicks(dialog.registration, "6f1c0a2e-8b1d-4c4e-9f3a-2d5b7e9c1a00")
    assert dialog.message.text() == ""
    assert dialog.sources().registration == "6f1c0a2e-8b1d-4c4e-9f3a-2d5b7e9c1a00"


def test_a_file_is_listed_once_and_a_big_read_shows_a_busy_bar(loaded, qtbot):
    win, _clip, statements = loaded
    holder = XRayHolder.of(win.session)
    dialog = open_dialog(win, qtbot)
    dialog.statements.add_paths([statements])
    dialog.statements.add_paths([statements.parent / "." / statements.name])
    assert dialog.statements.list.count() == 1
    assert dialog.message.text() == "That file is in the list already."
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    bar = dialog.progress
    assert bar.isVisible() and (bar.minimum(), bar.maximum()) == (0, 0)  # busy, not 0 %
    qtbot.waitUntil(lambda: holder.xray is not None, timeout=120_000)
    dialog = load_learner_data(win)  # a second file, read from half way: no news for a while
    dialog.show_progress(0.5, "Reading copy.jsonl")
    assert (dialog.progress.maximum(), dialog.progress.value()) == (1000, 500)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 0, timeout=3000)  # busy again


def test_forget_empties_the_learner_data_after_asking(cached, qtbot):
    win, _clip = cached
    holder = XRayHolder.of(win.session)
    qtbot.waitUntil(lambda: holder.xray is not None, timeout=60_000)
    store = learner_store(win.session.project)
    kept = store.count()
    assert kept > 0
    dialog = open_dialog(win, qtbot)
    answer(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert store.count() == kept and holder.xray is not None  # asked, and said no
    answer(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert store.count() == 0 and holder.xray is None
    assert dialog.message.text() == "The learner data read so far are forgotten."
    assert win.xray.summary.text().startswith("No learner data yet.")
    assert not win.timeline.xray.strips


def test_a_reads_notes_are_sentences_and_a_long_one_stays_in_the_dialog(cached, qtbot):
    win, _clip = cached
    holder = XRayHolder.of(win.session)
    qtbot.waitUntil(lambda: holder.xray is not None, timeout=60_000)
    shown = []
    win.session.notice.connect(shown.append)
    dialog = open_dialog(win, qtbot)
    dialog._done((IngestReport(read=1, added=1, duplicates=0, foreign=0, total=1,
                               notes=("two pages",)), holder.xray))
    assert shown[-1] == "Added 1 statement; 300 learners measured. Two pages."
    assert not dialog.isVisible()
    dialog = open_dialog(win, qtbot)
    note = ("the LRS ignored the activity filter; all its statements were read and those "
            "about other courses left out")
    dialog._done((IngestReport(read=9, added=7, duplicates=0, foreign=2, total=7,
                               notes=(note,)), holder.xray))
    assert dialog.isVisible() and dialog.cancel_button.text() == "Close"
    assert dialog.message.text().endswith("The LRS ignored the activity filter; all its "
                                          "statements were read and those about other "
                                          "courses left out.")
    assert shown[-1] == ("Added 7 statements; 300 learners measured. The read has a note; "
                         "it is in the Load learner data dialog.")

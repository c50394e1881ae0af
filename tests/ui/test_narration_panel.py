"""The narration panel: the script typed and stored on leaving the field (undoable), the
voice chosen per item, Re-voice as a job that fills the sentence list, aligned cues flagged
for review shown in words and colour, and the keys that reach it."""

from __future__ import annotations

import shutil
import threading

import pytest
from a11y_audit import tab_stops, unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studio.commands.narration import apply_track
from studio.model import NarrationTrack, Slide, SpokenSentence, VideoClip
from studio.ui.narration_sentences import REVIEW_BACKGROUND, REVIEW_MARK


def first(window, kind):
    return next(i for i in window.session.course().items() if isinstance(i, kind))


def narrate_panel(window, qtbot, item_id: str):
    """Select the item and bring the narration panel forward with its key."""
    window.session.select(item_id)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.narration
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.id == item_id, timeout=3000)
    assert window.side.currentWidget() is panel
    return panel


def stored(window, item_id: str):
    return window.session.find(item_id)


def test_the_panel_shows_the_notes_until_a_script_is_typed(window, qtbot):
    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    assert panel.script.hasFocus()  # Ctrl+Shift+N puts the focus in the script
    assert panel.script.toPlainText() == ""
    assert panel.script.placeholderText() == slide.notes
    assert "from the notes" in panel.source.text()
    assert not panel.use_notes.isEnabled()


def test_a_typed_script_is_stored_on_leaving_the_field_and_undo_restores(window, qtbot):
    slide = first(window, Slide)
    language = window.session.course().language
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.keyClicks(panel.script, "Welcome to the blocks. Modules hold lessons.")
    assert stored(window, slide.id).narration.script(language) is None  # not while typing
    panel.glossary_button.setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: stored(window, slide.id).narration.script(language)
                    == "Welcome to the blocks. Modules hold lessons.", timeout=3000)
    qtbot.waitUntil(lambda: panel.use_notes.isEnabled(), timeout=3000)
    assert "typed" in panel.source.text()

    window.undo_action.trigger()
    assert stored(window, slide.id).narration.script(language) is None
    qtbot.waitUntil(lambda: panel.script.toPlainText() == "", timeout=3000)
    assert panel.script.placeholderText() == slide.notes


def test_ctrl_return_commits_and_the_focus_stays_in_the_script(window, qtbot):
    slide = first(window, Slide)
    language = window.session.course().language
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.keyClicks(panel.script, "One sentence only.")
    qtbot.keyClick(panel.script, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, slide.id).narration.script(language) == "One sentence only."
    qtbot.waitUntil(lambda: panel.use_notes.isEnabled(), timeout=3000)  # drawn again
    qtbot.waitUntil(lambda: panel.script.hasFocus(), timeout=3000)
    assert panel.script.toPlainText() == "One sentence only."
    # "Use the notes" goes back to the slide's own text, as one more undo step
    qtbot.mouseClick(panel.use_notes, Qt.MouseButton.LeftButton)
    assert stored(window, slide.id).narration.script(language) is None
    window.undo_action.trigger()
    assert stored(window, slide.id).narration.script(language) == "One sentence only."


def test_a_voice_change_is_stored_per_item_and_undone(window, qtbot):
    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    rate = panel.voice_row.rate
    assert rate.text().startswith("Default (")  # no override: the course default shows
    rate.setFocus()
    rate.selectAll()
    qtbot.keyClicks(rate, "210")
    qtbot.keyClick(rate, Qt.Key.Key_Return)
    voice = dict(stored(window, slide.id).narration.voice)
    assert str(voice["rate"]) == "210"
    qtbot.waitUntil(lambda: panel.voice_row.rate.value() == 210, timeout=3000)
    window.undo_action.trigger()
    assert "rate" not in dict(stored(window, slide.id).narration.voice)


def test_review_cues_are_marked_in_words_and_colour(window, qtbot):
    clip = first(window, VideoClip)
    language = window.session.course().language
    track = NarrationTrack(language, "aligned", None, None, 4.0, (
        SpokenSentence("Welcome to the course.", 0.0, 1.5, confidence=0.92),
        SpokenSentence("This part was hard to hear.", 1.9, 3.6, confidence=0.31, review=True)))
    assert window.session.run(apply_track, clip.id, track).ok
    panel = narrate_panel(window, qtbot, clip.id)
    table = panel.sentences
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=3000)
    assert table.review_rows == [1]
    assert table.item(0, 3).text() == "92 %"
    assert table.item(1, 3).text().startswith(REVIEW_MARK)  # said in words, not colour alone
    assert table.item(1, 3).background().color() == REVIEW_BACKGROUND
    table.clearSelection()
    qtbot.wait(20)
    rect = table.visualItemRect(table.item(1, 2))
    image = table.viewport().grab(rect).toImage()
    pixel = QColor(image.pixel(image.width() - 3, image.height() // 2))
    assert abs(pixel.red() - REVIEW_BACKGROUND.red()) < 12 \
        and abs(pixel.blue() - REVIEW_BACKGROUND.blue()) < 12, pixel.name()
    assert not panel.revoice_button.isVisible()  # a clip's speech is recorded, not voiced


@pytest.mark.skipif(shutil.which("espeak-ng") is None and shutil.which("espeak") is None,
                    reason="espeak-ng is not installed")
def test_revoice_runs_as_a_job_and_fills_the_sentence_list(window, qtbot):
    pytest.importorskip("studio.media.narration_render")
    slide = first(window, Slide)
    language = window.session.course().language
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.keyClicks(panel.script, "Modules group lessons. Lessons are what a learner opens.")
    qtbot.keyClick(window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    job = panel.job
    assert job is not None and not panel.revoice_button.isEnabled()
    assert window.job_status.isVisible()  # progress and Cancel in the status bar
    qtbot.waitUntil(lambda: panel.job is None, timeout=120000)
    assert window.errors == []
    track = stored(window, slide.id).narration.track(language)
    assert track is not None and track.origin == "synthesised"
    qtbot.waitUntil(lambda: panel.sentences.rowCount() == 2, timeout=3000)
    assert panel.sentences.item(1, 2).text() == "Lessons are what a learner opens."
    assert stored(window, slide.id).slide_duration == pytest.approx(track.duration)
    assert "Needs re-voicing" not in panel.status.text()
    # the rendered sound belongs to the slide, like its captions: not listed in the bin
    shown = [a.id for a in window.media_bin.model.assets]
    assert track.asset_id not in shown and track.captions_asset_id not in shown
    assert panel.play_sentence(1)
    assert panel.player.path is not None and panel.player.path.is_file()

    # a changed script marks the item stale
    panel.script.setFocus()
    qtbot.keyClicks(panel.script, " A third one.")
    panel.glossary_button.setFocus()
    qtbot.waitUntil(lambda: "Needs re-voicing" in panel.status.text(), timeout=3000)


def test_the_narration_menu_has_its_keys(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Narration")
    texts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert texts == {"&Narration panel": "Ctrl+Shift+N", "&Re-voice selected item":
                     "Ctrl+Shift+R", "&Glossary…": "Ctrl+Shift+G"}


def test_tab_reaches_the_panels_controls(window, qtbot):
    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.wait(50)
    stops = tab_stops(panel)
    for widget in (panel.script, panel.voice_row.engine, panel.voice_row.voice,
                   panel.voice_row.rate, panel.voice_row.pitch, panel.revoice_button,
                   panel.glossary_button):
        assert widget in stops, type(widget).__name__
    assert unnamed_controls(panel) == []


def test_a_revoice_cancelled_from_the_status_bar_changes_nothing(window, qtbot):
    pytest.importorskip("studio.media.narration_render")
    slide = first(window, Slide)
    language = window.session.course().language
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.keyClicks(panel.script, " ".join(f"Sentence number {n} is here." for n in range(12)))
    job = panel.revoice()
    assert window.job_status.shown is job
    qtbot.mouseClick(window.job_status.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.job is None, timeout=120000)
    assert window.errors == []
    assert stored(window, slide.id).narration.track(language) is None
    assert panel.revoice_button.isEnabled()
    assert window.statusBar().currentMessage() == "Re-voicing cancelled; nothing was changed."


def test_the_revoice_button_stays_put_when_the_state_line_wraps(window, qtbot):
    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    panel.status.setText("Short.")
    qtbot.wait(50)
    where = panel.revoice_button.mapTo(panel.widget(), panel.revoice_button.rect().topLeft())
    panel.status.setText("A state long enough to wrap over several lines in the narrow "
                         "panel beside the preview, " * 4)
    qtbot.wait(50)
    assert panel.status.height() > 2 * panel.status.fontMetrics().height()  # it did wrap
    assert panel.revoice_button.mapTo(panel.widget(),
                                      panel.revoice_button.rect().topLeft()) == where


def test_choosing_an_engine_stores_it_and_the_voice_list_follows(window, qtbot):
    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    row = panel.voice_row
    qtbot.waitUntil(lambda: row.catalogue.voices is not None, timeout=30000)
    qtbot.waitUntil(lambda: row.voice.count() > 2, timeout=3000)  # listed on a worker
    assert row.voice.itemText(0).startswith("Default")
    index = row.voice.findData("en-us") if row.voice.findData("en-us") > 0 else 1
    row.voice.setCurrentIndex(index)
    row.voice.activated.emit(index)
    chosen = row.voice.itemData(index)
    assert dict(stored(window, slide.id).narration.voice)["voice"] == chosen
    engine = panel.voice_row.engine
    qtbot.waitUntil(lambda: panel.voice_row.engine is not engine, timeout=3000)  # drawn again
    row = panel.voice_row
    assert row.voice.currentData() == chosen
    row.engine.setCurrentIndex(row.engine.findData("espeak-ng"))
    row.engine.activated.emit(row.engine.currentIndex())
    # a voice belongs to its engine: choosing an engine drops the voice override
    voice = dict(stored(window, slide.id).narration.voice)
    assert voice.get("engine") == "espeak-ng" and "voice" not in voice


def test_a_script_being_typed_is_kept_for_its_own_item_when_the_selection_moves(window, qtbot):
    course = window.session.course()
    first_slide, second_slide = [i for i in course.items() if isinstance(i, Slide)][:2]
    panel = narrate_panel(window, qtbot, first_slide.id)
    qtbot.keyClicks(panel.script, "Said on the first slide.")
    window.session.select(second_slide.id)  # not by a click: the field still has the focus
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.id == second_slide.id,
                    timeout=3000)
    assert stored(window, first_slide.id).narration.script(course.language) == \
        "Said on the first slide."
    assert stored(window, second_slide.id).narration.script(course.language) is None
    window.session.select(first_slide.lesson_id)  # a lesson: nothing to narrate
    qtbot.waitUntil(lambda: panel.item is None, timeout=3000)
    assert "Select a slide" in panel.heading.text()
    window.session.select(second_slide.id)
    qtbot.waitUntil(lambda: panel.item is not None, timeout=3000)
    assert panel.script.placeholderText() == second_slide.notes


def test_piper_asks_for_its_voice_file_in_the_panel(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from studio.media.voices.engine import VoiceError
    from studio.media.voices.piper import check_voice_file

    slide = first(window, Slide)
    panel = narrate_panel(window, qtbot, slide.id)
    row = panel.voice_row
    assert not row.voice_file.isVisibleTo(panel)  # the course's engine takes no file
    row.engine.setCurrentIndex(row.engine.findData("piper"))
    row.engine.activated.emit(row.engine.currentIndex())
    assert dict(stored(window, slide.id).narration.voice)["engine"] == "piper"
    qtbot.waitUntil(lambda: panel.voice_row is not row, timeout=3000)  # drawn again
    row = panel.voice_row
    assert row.voice_file.isVisibleTo(panel) and row.browse.isVisibleTo(panel)
    voice = tmp_path / "en_US-test.onnx"
    asked = []

    def choose(parent, caption, start, filters):
        asked.append(filters)
        return str(voice), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    qtbot.mouseClick(row.browse, Qt.MouseButton.LeftButton)
    assert asked and "*.onnx" in asked[0]
    assert dict(stored(window, slide.id).narration.voice)["voice_file"] == str(voice)
    qtbot.waitUntil(lambda: panel.voice_row.voice_file.text() == str(voice), timeout=3000)
    # cleared by typing: back to no voice file
    row = panel.voice_row
    row.voice_file.setFocus()
    row.voice_file.selectAll()
    qtbot.keyClick(row.voice_file, Qt.Key.Key_Delete)
    qtbot.keyClick(row.voice_file, Qt.Key.Key_Return)
    assert "voice_file" not in dict(stored(window, slide.id).narration.voice)
    with pytest.raises(VoiceError, match="choose one in the Narration tab or with --voice-file"):
        check_voice_file("")


def test_the_course_voice_says_piper_files_are_named_per_item(window, qtbot):
    from studio.ui.narration_voice import VoiceRow

    row = VoiceRow(window.session.runner, "en", {}, {"engine": "espeak-ng"},
                   with_default=False)
    qtbot.addWidget(row)
    index = row.engine.findData("piper")
    assert "voice file set per item" in row.engine.itemText(index)
    assert "Narration tab" in row.engine.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert not row.voice_file.isVisibleTo(row)


@pytest.mark.skipif(shutil.which("espeak-ng") is None and shutil.which("espeak") is None,
                    reason="espeak-ng is not installed")
def test_needs_revoicing_is_worked_out_off_the_window_thread_for_the_shown_item(
        window, qtbot, monkeypatch):
    from studio.ui import narration_jobs

    slide = first(window, Slide)
    language = window.session.course().language
    track = NarrationTrack(language, "synthesised", None, None, 2.0, (
        SpokenSentence("Voiced before the notes changed.", 0.0, 2.0, "an-old-key"),))
    assert window.session.run(apply_track, slide.id, track).ok
    asked: list[tuple[list[str], bool]] = []
    real = narration_jobs.stale_in

    def spy(course, language=None, *, item_ids=None):
        asked.append((list(item_ids), threading.current_thread() is threading.main_thread()))
        return real(course, language, item_ids=item_ids)

    monkeypatch.setattr(narration_jobs, "stale_in", spy)
    panel = narrate_panel(window, qtbot, slide.id)
    qtbot.waitUntil(lambda: "Needs re-voicing" in panel.status.text(), timeout=5000)
    assert asked and all(ids == [slide.id] and not on_gui for ids, on_gui in asked)

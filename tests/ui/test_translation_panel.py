"""The Translation tab, driven through its widgets: languages added and removed with the
language picker, the drift counts in words, side-by-side editing (Enter or leaving the cell
stores, one undo step, empty removes), Mark reviewed, the filters, and the preview in the
chosen language."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from studio.commands import rename
from studio.ui.translation_table import SOURCE, STATE, TRANSLATION, WHERE


def item_named(window, title):
    return next(item for lesson in window.session.course().lessons() for item in lesson.items
                if item.title == title)


def open_tab(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.translation
    qtbot.waitUntil(lambda: window.side.currentWidget() is panel and panel.builds > 0)
    return panel


def add_french(qtbot, window, panel):
    def answer():
        dialog = QApplication.activeModalWidget()
        dialog.picker.setEditText("fr")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.language == "fr")


def translations(window, language="fr"):
    return window.session.course().translations.get(language, {})


def row_of(panel, field_prefix):
    return next(row for row, s in enumerate(panel.table.segments) if s.id.endswith(field_prefix))


def open_editor(qtbot, table, row):
    """F2 on the row's translation cell; returns the cell's editor, focused."""
    table.window().activateWindow()
    qtbot.waitUntil(table.window().isActiveWindow)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentCell(row, TRANSLATION)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and table.isAncestorOf(QApplication.focusWidget()))
    return QApplication.focusWidget()


def type_in_cell(qtbot, table, row, text):
    editor = open_editor(qtbot, table, row)
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_tab_adds_a_language_and_says_what_needs_work_in_words(qtbot, window):
    panel = open_tab(qtbot, window)
    assert window.side.tabText(window.side.indexOf(panel)) == "Translation"
    assert panel.switcher.currentText().startswith("English")
    assert "No target languages" in panel.drift.text()
    assert not panel.table.isVisible()
    add_french(qtbot, window, panel)
    assert window.session.course().settings.languages == ("fr",)
    assert panel.switcher.currentText().startswith("French")
    total = len(panel.segments())
    qtbot.waitUntil(lambda: panel.drift.text() == f"fr: {total} new"
                    or panel.drift.text().startswith("fr:"))
    assert "new" in panel.drift.text()
    assert panel.table.isVisible()
    for widget in (panel.switcher, panel.add_button, panel.remove_button, panel.table,
                   panel.whole, panel.needs_work, panel.review_button):
        assert widget.accessibleName() or widget.text()


def test_edit_stores_one_undo_step_and_empty_removes(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    table = panel.table
    row = row_of(panel, f"{slide.id}.title")
    assert table.item(row, SOURCE).text() == slide.title
    assert table.item(row, STATE).text() == "New"
    assert table.item(row, WHERE).text()
    type_in_cell(qtbot, table, row, "De quoi est fait un cours")
    qtbot.waitUntil(lambda: f"{slide.id}.title" in translations(window))
    stored = translations(window)[f"{slide.id}.title"]
    assert stored.text == "De quoi est fait un cours"
    assert stored.source_text == slide.title
    qtbot.waitUntil(lambda: table.item(row_of(panel, f"{slide.id}.title"), STATE).text()
                    == "Current")
    assert "Current" in table.item(row_of(panel, f"{slide.id}.title"), STATE).toolTip() or \
        table.item(row_of(panel, f"{slide.id}.title"), STATE).toolTip()
    # one undo step takes it back
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: f"{slide.id}.title" not in translations(window))
    window.session.redo()
    qtbot.waitUntil(lambda: f"{slide.id}.title" in translations(window))
    # an emptied cell removes the translation
    qtbot.waitUntil(lambda: table.item(row_of(panel, f"{slide.id}.title"), TRANSLATION)
                    .text() == "De quoi est fait un cours")
    type_in_cell(qtbot, table, row_of(panel, f"{slide.id}.title"), "")
    qtbot.waitUntil(lambda: f"{slide.id}.title" not in translations(window))
    qtbot.waitUntil(lambda: table.item(row_of(panel, f"{slide.id}.title"), STATE).text()
                    == "New")


def test_leaving_the_cell_stores_too(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    table = panel.table
    editor = open_editor(qtbot, table, row_of(panel, f"{slide.id}.title"))
    qtbot.keyClicks(editor, "Un cours")
    panel.switcher.setFocus()  # the cell is left
    qtbot.waitUntil(lambda: translations(window).get(f"{slide.id}.title") is not None)
    assert translations(window)[f"{slide.id}.title"].text == "Un cours"


def test_source_edit_needs_review_then_mark_reviewed(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    type_in_cell(qtbot, panel.table, row_of(panel, f"{slide.id}.title"), "Un cours")
    qtbot.waitUntil(lambda: f"{slide.id}.title" in translations(window))
    assert window.session.run(rename, slide.id, "What a course holds").ok
    table = panel.table
    qtbot.waitUntil(lambda: table.item(row_of(panel, f"{slide.id}.title"), STATE).text()
                    == "Needs review")
    qtbot.waitUntil(lambda: "1 segment needs review" in panel.drift.text())
    # the filter keeps only what needs work
    panel.needs_work.click()
    qtbot.waitUntil(lambda: all(table.item(r, STATE).text() in ("New", "Needs review")
                                for r in range(table.rowCount())))
    row = row_of(panel, f"{slide.id}.title")
    table.selectRow(row)
    assert panel.review_button.isEnabled()
    qtbot.mouseClick(panel.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: translations(window)[f"{slide.id}.title"].source_text
                    == "What a course holds")
    assert translations(window)[f"{slide.id}.title"].text == "Un cours"
    qtbot.waitUntil(lambda: "need review" not in panel.drift.text())
    # current rows are filtered out now
    qtbot.waitUntil(lambda: all(s.id != f"{slide.id}.title" for s in table.segments))
    assert window.session.project.history.undo_name() == "Mark translation reviewed"


def test_whole_course_toggle_and_selection(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    shown = {s.item or s.owner for s in panel.table.segments}
    assert shown == {slide.id}
    panel.whole.click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == len(panel.segments()))
    assert {s.owner for s in panel.table.segments} >= {"course", slide.id}


def test_preview_shows_the_item_in_the_chosen_language(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    type_in_cell(qtbot, panel.table, row_of(panel, f"{slide.id}.title"), "De quoi")
    qtbot.waitUntil(lambda: window.preview.title.text() == "De quoi")
    panel.choose("")
    qtbot.waitUntil(lambda: window.preview.title.text() == slide.title)
    assert not panel.table.isVisible()
    panel.choose("fr")
    qtbot.waitUntil(lambda: window.preview.title.text() == "De quoi")


def test_remove_language_is_one_undo_step(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    type_in_cell(qtbot, panel.table, row_of(panel, f"{slide.id}.title"), "Un cours")
    qtbot.waitUntil(lambda: f"{slide.id}.title" in translations(window))
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.course().settings.languages == ())
    qtbot.waitUntil(lambda: panel.switcher.count() == 1 and panel.language == "")
    assert translations(window) == {}
    window.session.undo()
    qtbot.waitUntil(lambda: panel.switcher.count() == 2)
    assert translations(window)[f"{slide.id}.title"].text == "Un cours"


def test_a_refused_language_says_why_and_keeps_the_course(qtbot, window):
    panel = open_tab(qtbot, window)
    assert panel.add_language("en") is False  # the course's own language
    assert window.errors and window.session.course().settings.languages == ()


def test_typing_on_the_source_side_edits_the_translation(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    table = panel.table
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentCell(row_of(panel, f"{slide.id}.title"), SOURCE)
    qtbot.keyClicks(table, "U")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "n cours")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: f"{slide.id}.title" in translations(window))
    assert translations(window)[f"{slide.id}.title"].text == "Un cours"


def test_a_translation_with_a_broken_inline_code_is_refused_in_one_line(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    assert window.session.run(rename, slide.id, "Welcome to <i>Course Studio</i>").ok
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" and "<i>" in s.text
                                for s in panel.table.segments))
    errors = len(window.errors)
    type_in_cell(qtbot, panel.table, row_of(panel, f"{slide.id}.title"),
                 "Bienvenue dans <i>Course Studio")
    qtbot.waitUntil(lambda: len(window.errors) > errors)
    message = window.errors[-1]
    assert f"{slide.id}.title" in message and "</i>" in message and "\n" not in message
    assert f"{slide.id}.title" not in translations(window)
    qtbot.waitUntil(lambda: panel.table.item(row_of(panel, f"{slide.id}.title"), TRANSLATION)
                    .text() == "")

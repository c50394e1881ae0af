"""Driving the question form through its widgets: typing into table and list cells, ticking
Correct boxes, pressing the row buttons."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QRadioButton

from studio.ui.question_form import QuestionDialog


def type_into(qtbot, view, index, text: str) -> None:
    """Open the cell at ``index`` for editing, type ``text`` over it, press Return."""
    if view.indexWidget(index) is None:
        view.setCurrentIndex(index)
        view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), "the cell is open for editing"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=1000)  # queued close


def type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    type_into(qtbot, table, table.model().index(row, column), text)


def type_entry(qtbot, listing, row: int, text: str) -> None:
    type_into(qtbot, listing, listing.model().index(row, 0), text)


def click(qtbot, button) -> None:
    """Click a button; a check box or radio button on its box (the rest of a wide one's
    row is no target)."""
    if isinstance(button, QCheckBox | QRadioButton) and button.text():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def clear_rows(qtbot, editor) -> None:
    """Remove every row with the Remove button."""
    view = getattr(editor, "table", None) or editor.list
    while view.model().rowCount():
        view.setCurrentIndex(view.model().index(0, 0))
        click(qtbot, editor.rows.buttons["remove"])


def choice_rows(editor) -> list[tuple[bool, str, str]]:
    return [tuple(editor.row_values(r)) for r in range(editor.table.rowCount())]


def set_choices(qtbot, editor, rows) -> None:
    """Replace the choices with ``rows`` of (correct, text, feedback) through the widgets."""
    clear_rows(qtbot, editor)
    for correct, text, feedback in rows:
        click(qtbot, editor.rows.buttons["add"])
        row = editor.table.rowCount() - 1
        type_cell(qtbot, editor.table, row, 1, text)
        if feedback:
            type_cell(qtbot, editor.table, row, 2, feedback)
        if correct:
            click(qtbot, editor.correct_box(row))


def list_texts(editor) -> list[str]:
    return [editor.list.item(r).text() for r in range(editor.list.count())]


# ---- the quiz editor and its question form ------------------------------------------------
def editor_for(window, qtbot, quiz_id: str):
    window.session.select(quiz_id)
    qtbot.waitUntil(lambda: getattr(window.inspector, "quiz_editor", None) is not None
                    and window.inspector.shown == quiz_id, timeout=3000)
    qtbot.wait(10)
    return window.inspector.quiz_editor


def new_quiz(window, qtbot) -> str:
    window.session.select(window.session.course().lessons()[0].id)
    return window.outline.add_quiz("Forms")


def find_question(window, question_id: str):
    for lesson in window.session.course().lessons():
        for item in lesson.items:
            for question in getattr(item, "questions", ()):
                if question.id == question_id:
                    return question
    raise AssertionError(f"no question {question_id}")


def opened(qtbot, parent, qtype: str = "choice", question=None) -> QuestionDialog:
    dialog = QuestionDialog(parent, qtype=qtype, question=question)  # the panel owns it
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def write_prompt(qtbot, dialog, prompt: str, feedback: dict | None = None) -> None:
    qtbot.keyClicks(dialog.prompt, prompt)
    for key, line in (("correct", dialog.correct), ("incorrect", dialog.incorrect),
                      ("general", dialog.general)):
        if feedback and feedback.get(key):
            qtbot.keyClicks(line, feedback[key])


def accept(qtbot, dialog) -> None:
    """Press the dialog's OK button."""
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert dialog.result() == 1, dialog.error.text()

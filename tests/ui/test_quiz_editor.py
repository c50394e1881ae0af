"""The quiz editor through its widgets: write, change, reorder, bank, remove, import, export."""

from __future__ import annotations

import json
import sqlite3

from form_driver import choice_rows, set_choices
from PySide6.QtCore import Qt

from studio.quiz.importer import read_question_file

GIFT = """::Sum:: 2 + 2 = {=4 ~3 ~5}

::Essay:: Describe your morning. {}

::Sky:: The sky is blue. {T}

::Half:: Name a primary colour. {=%50%red}
"""


def questions(project_dir, quiz_id: str) -> list[tuple]:
    with sqlite3.connect(project_dir / "course.db") as conn:
        return conn.execute("SELECT id, type, prompt, points, pool, data FROM questions "
                            "WHERE item_id = ? ORDER BY position", (quiz_id,)).fetchall()


def editor_for(window, qtbot, quiz_id: str):
    window.session.select(quiz_id)
    qtbot.waitUntil(lambda: getattr(window.inspector, "quiz_editor", None) is not None
                    and window.inspector.shown == quiz_id, timeout=3000)
    qtbot.wait(10)  # the inspector rebuilds after each edit's signal returns
    return window.inspector.quiz_editor


def test_write_change_reorder_bank_and_remove_questions(window, sample, qtbot):
    lesson = window.session.course().lessons()[0].id
    window.session.select(lesson)
    quiz = window.outline.add_quiz("Check")
    editor = editor_for(window, qtbot, quiz)

    from studio.ui.question_form import QuestionDialog

    dialog = QuestionDialog(editor)  # a new question starts from the type's starter answers
    dialog.show()
    assert choice_rows(dialog.editor()) == [(True, "Option A", ""), (False, "Option B", "")]
    dialog.prompt.setPlainText("Which colour is the sky?")
    set_choices(qtbot, dialog.editor(), [(False, "Red", ""), (True, "Blue", ""),
                                         (False, "Green", "")])
    dialog.correct.setText("Yes.")
    dialog.accept()
    first = editor.save(dialog)
    editor = editor_for(window, qtbot, quiz)
    second = editor.save(_accepted(editor, "truefalse", "Water is wet."))
    editor = editor_for(window, qtbot, quiz)
    rows = questions(sample, quiz)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (first, "choice", "Which colour is the sky?"), (second, "truefalse", "Water is wet.")]
    assert [c["correct"] for c in json.loads(rows[0][5])["choices"]] == [False, True, False]

    # change the first: a choice question without a ticked Correct box is refused
    editor.select(first)
    dialog = editor.edit_dialog()
    dialog.show()
    assert choice_rows(dialog.editor()) == [(False, "Red", ""), (True, "Blue", ""),
                                            (False, "Green", "")]
    assert dialog.correct.text() == "Yes."
    dialog.kind.setCurrentIndex(dialog.kind.findData("multiple"))
    set_choices(qtbot, dialog.editor(), [(False, "Red", ""), (False, "Green", "")])
    dialog.accept()
    assert "Correct box" in dialog.error.text() and dialog.result() == 0
    set_choices(qtbot, dialog.editor(), [(True, "Blue", ""), (True, "Azure", ""),
                                         (False, "Red", "")])
    dialog.points.setValue(3)
    dialog.accept()
    assert editor.save(dialog) == first
    row = questions(sample, quiz)[0]
    assert (row[1], row[3]) == ("multiple", 3.0)
    assert [c["text"] for c in json.loads(row[5])["choices"]] == ["Blue", "Azure", "Red"]
    window.undo_action.trigger()
    assert questions(sample, quiz)[0][1] == "choice"
    window.redo_action.trigger()

    # reorder with the button, move to the bank and back, remove; each one undo step
    editor = editor_for(window, qtbot, quiz)
    editor.select(second)
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    assert [r[0] for r in questions(sample, quiz)] == [second, first]
    editor = editor_for(window, qtbot, quiz)
    assert editor.current_id() == second  # the chosen question stays chosen after the edit
    qtbot.mouseClick(editor.buttons["pool"], Qt.MouseButton.LeftButton)
    assert questions(sample, quiz)[0][4] == "bank"
    assert window.undo_action.text() == "&Undo Move to bank"
    editor = editor_for(window, qtbot, quiz)
    qtbot.mouseClick(editor.buttons["pool"], Qt.MouseButton.LeftButton)
    assert questions(sample, quiz)[0][4] == "quiz"
    editor = editor_for(window, qtbot, quiz)
    qtbot.mouseClick(editor.buttons["remove"], Qt.MouseButton.LeftButton)
    assert [r[0] for r in questions(sample, quiz)] == [first]
    window.undo_action.trigger()
    assert [r[0] for r in questions(sample, quiz)] == [second, first]
    assert window.errors == []


def _accepted(editor, qtype: str, prompt: str):
    from studio.ui.question_form import QuestionDialog

    dialog = QuestionDialog(editor, qtype)
    dialog.prompt.setPlainText(prompt)
    dialog.accept()
    assert dialog.result() == 1, dialog.error.text()
    return dialog


def test_import_gift_in_the_background_and_export_it_again(window, sample, tmp_path, qtbot):
    window.session.select(window.session.course().lessons()[0].id)
    quiz = window.outline.add_quiz("Imported")
    editor = editor_for(window, qtbot, quiz)
    source = tmp_path / "bank.gift"
    source.write_text(GIFT, encoding="utf-8")
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    job = editor.import_file(source)
    assert job.writes  # on the writer lane, not the GUI thread
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    summary = notices[0]
    assert summary.startswith("Imported 3 question(s) from bank.gift.")
    assert "Skipped" in summary and "short-answer" in summary
    assert [(r[1], r[2]) for r in questions(sample, quiz)] == [
        ("choice", "2 + 2 ="), ("essay", "Describe your morning."),
        ("truefalse", "The sky is blue.")]
    window.undo_action.trigger()
    assert questions(sample, quiz) == []
    window.redo_action.trigger()

    # a file with an error adds nothing and says where the error is
    bad = tmp_path / "bad.gift"
    bad.write_text("::Broken:: What? {=yes ~no\n", encoding="utf-8")
    editor = editor_for(window, qtbot, quiz)
    editor.import_file(bad)
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10000)
    assert window.errors and "bad.gift" in window.errors[-1]
    assert len(questions(sample, quiz)) == 3

    out = tmp_path / "out" / "quiz.gift"
    out.parent.mkdir()
    editor = editor_for(window, qtbot, quiz)
    assert editor.export_gift(out)
    assert not out.with_name("quiz.gift.part").exists()
    parsed = read_question_file(out)
    assert [(q.type, q.prompt) for q in parsed.questions] == [
        ("choice", "2 + 2 ="), ("essay", "Describe your morning."),
        ("truefalse", "The sky is blue.")]
    # a folder that does not exist: a message, nothing written
    errors = len(window.errors)
    assert not editor.export_gift(tmp_path / "missing" / "quiz.gift")
    assert len(window.errors) == errors + 1 and "Cannot write" in window.errors[-1]


def test_the_import_notice_stays_clear_of_all_changes_saved(window, tmp_path, qtbot):
    window.resize(900, 700)
    window.session.select(window.session.course().lessons()[0].id)
    quiz = window.outline.add_quiz("Imported")
    editor = editor_for(window, qtbot, quiz)
    source = tmp_path / "a question bank with a rather long file name.gift"
    source.write_text(GIFT, encoding="utf-8")
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    editor.import_file(source)
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    qtbot.waitUntil(lambda: window.save_status.text() == "All changes saved", timeout=10000)
    bar = window.statusBar()
    shown = bar.currentMessage()
    assert shown.endswith("…") and notices[0].startswith(shown[:-1])
    assert bar.fontMetrics().horizontalAdvance(shown) < window.save_status.x()
    if window.job_status.isVisible():
        assert bar.fontMetrics().horizontalAdvance(shown) < window.job_status.x()
    assert bar.toolTip() == notices[0]  # the whole notice on hover

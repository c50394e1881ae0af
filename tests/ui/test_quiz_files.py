"""Question files in the window: Import questions takes every format the registry reads and
lists what a file held that was not kept; Export questions writes GIFT, Moodle XML and QTI
2.1/3.0 packages as a background job."""

from __future__ import annotations

import importlib.util
import zipfile

import pytest
from a11y_audit import audit
from form_driver import click, editor_for
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from studio.quiz import exchange
from studio.quiz.importer import read_question_file
from studio.quiz.types import QUESTION_TYPES
from studio.ui.quiz_files import ExportQuestionsDialog, question_files_filter

MATCHING = "::Kinds:: Match each thing. {=cat -> animal =rose -> flower = -> mineral}\n"


def the_quiz(window):
    return next(item for item in window.session.course().items() if item.kind == "quiz")


def test_the_import_filter_offers_every_readable_kind():
    text = question_files_filter()
    for suffix in (".gift", ".txt", ".xml", ".zip", ".xlsx", ".csv"):
        assert f"*{suffix}" in text.split(";;")[0]
    assert text.endswith("All files (*)")


def test_an_import_lists_what_was_not_kept(window, qtbot, tmp_path):
    quiz = the_quiz(window)
    editor = editor_for(window, qtbot, quiz.id)
    source = tmp_path / "kinds.gift"
    source.write_text(MATCHING, encoding="utf-8")
    before = len(quiz.questions)
    assert editor.import_file(source).writes

    def notes() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox)
                if b.windowTitle() == "Import notes" and b.isVisible()]

    qtbot.waitUntil(lambda: bool(notes()), timeout=15000)
    [box] = notes()
    assert box.text().startswith("kinds.gift: 1 thing(s) were not kept")
    assert "mineral" in box.detailedText()
    assert len(window.session.find(quiz.id).questions) == before + 1
    click(qtbot, box.button(QMessageBox.StandardButton.Close))
    assert not box.isVisible()
    assert window.errors == []


def test_a_spreadsheet_template_imports_in_the_background(window, qtbot, tmp_path):
    from studio.quiz.sheet import write_template

    quiz = the_quiz(window)
    editor = editor_for(window, qtbot, quiz.id)
    template = tmp_path / "bank.xlsx"
    write_template(template)
    expected = read_question_file(template)
    before = len(quiz.questions)
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    editor.import_file(template)
    qtbot.waitUntil(lambda: bool(notices), timeout=20000)
    assert notices[0].startswith(f"Imported {len(expected.questions)} question(s) from "
                                 "bank.xlsx.")
    after = window.session.find(quiz.id).questions
    assert [(q.type, q.prompt) for q in after[before:]] == [
        (q.type, q.prompt) for q in expected.questions]
    assert window.errors == []


def test_the_export_dialog_offers_every_format_and_follows_its_suffix(window, qtbot, tmp_path):
    editor = editor_for(window, qtbot, the_quiz(window).id)
    dialog = ExportQuestionsDialog("Final quiz", editor)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert audit(dialog) == []
    assert [dialog.format.itemData(n) for n in range(dialog.format.count())] == list(
        exchange.WRITERS)
    assert [dialog.format.itemText(n) for n in range(dialog.format.count())] == [
        w.label for w in exchange.WRITERS.values()]
    dialog.path.setText(str(tmp_path / "Final-quiz.gift"))
    for name in ("moodle", "qti30", "gift"):
        dialog.format.setCurrentIndex(dialog.format.findData(name))
        assert dialog.path.text() == str(tmp_path / ("Final-quiz"
                                                     + exchange.WRITERS[name].suffix))
    dialog.path.setText(str(tmp_path / "missing" / "quiz.gift"))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert dialog.isVisible() and "folder that exists" in dialog.error.text()
    dialog.path.setText(str(tmp_path / "quiz.xml"))
    dialog.format.setCurrentIndex(dialog.format.findData("moodle"))
    click(qtbot, ok)
    assert not dialog.isVisible() and dialog.choice() == ("moodle", tmp_path / "quiz.xml")


WRITER_MODULES = {"moodle": "studio.quiz.moodle_writer"}  # writers that land on their own


@pytest.mark.parametrize("name", list(exchange.WRITERS))
def test_export_questions_in_each_format_as_a_job(window, qtbot, tmp_path, name):
    module = WRITER_MODULES.get(name)
    if module and importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not in this tree yet")
    quiz = the_quiz(window)
    editor = editor_for(window, qtbot, quiz.id)
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    target = tmp_path / f"quiz-{name}{exchange.WRITERS[name].suffix}"
    job = editor.export_questions(name, target)
    assert not job.writes  # reads its own snapshot; the window stays free to edit
    qtbot.waitUntil(lambda: any(target.name in n for n in notices) or bool(window.errors),
                    timeout=30000)
    assert window.errors == []
    assert target.exists() and target.stat().st_size > 0
    if target.suffix == ".zip":
        assert zipfile.is_zipfile(target)
    parsed = read_question_file(target)
    held = [q for q in quiz.questions if name != "gift" or QUESTION_TYPES[q.type].gift]
    assert len(parsed.questions) == len(held)
    shown = [b for b in window.findChildren(QMessageBox)  # what the format could not hold
             if b.windowTitle() == "Export notes" and b.isVisible()]
    if len(held) < len(quiz.questions):
        assert len(shown) == 1 and "sequencing" in shown[0].detailedText()
    for box in shown:
        box.close()
    assert window.errors == []


def test_an_export_that_cannot_write_says_why_in_one_line(window, qtbot, tmp_path):
    editor = editor_for(window, qtbot, the_quiz(window).id)
    editor.export_questions("gift", tmp_path / "missing" / "quiz.gift")
    qtbot.waitUntil(lambda: bool(window.errors), timeout=20000)
    assert window.errors[-1].startswith("Cannot write") and "\n" not in window.errors[-1]
    assert not (tmp_path / "missing").exists()

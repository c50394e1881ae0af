"""The question form of every type through its widgets: write, store, open again unchanged,
refuse what cannot work; and the quiz preview grading as the player does."""

from __future__ import annotations

import random

import pytest
from form_driver import (
    accept,
    choice_rows,
    clear_rows,
    click,
    editor_for,
    list_texts,
    new_quiz,
    opened,
    set_choices,
    type_cell,
    type_entry,
    write_prompt,
)
from form_driver import find_question as _find
from PySide6.QtCore import QModelIndex, Qt

from studio import commands
from studio.errors import InvalidEditError
from studio.quiz.scoring import score_quiz
from studio.quiz.types import QUESTION_TYPES
from studio.ui.question_editors import ChoiceEditor, NumericEditor, PairsEditor, answer_editor
from studio.ui.quiz_preview import QuizPreview, judged_shape

FEEDBACK = {"correct": "Right.", "incorrect": "Not quite."}


# ---- every type, written through its widgets --------------------------------------------------
def fill_choice(qtbot, dialog):
    editor = dialog.editor()
    assert choice_rows(editor) == [(True, "Option A", ""), (False, "Option B", "")]
    set_choices(qtbot, editor, [(False, "Red", "Red is the sunset."), (True, "Blue", "Yes"),
                                (False, "Green", "")])
    return {"choices": [
        {"id": "a", "text": "Red", "correct": False, "feedback": "Red is the sunset."},
        {"id": "b", "text": "Blue", "correct": True, "feedback": "Yes"},
        {"id": "c", "text": "Green", "correct": False, "feedback": ""}]}


def fill_multiple(qtbot, dialog):
    editor = dialog.editor()
    click(qtbot, editor.rows.buttons["add"])
    type_cell(qtbot, editor.table, 2, 1, "Oxygen")
    type_cell(qtbot, editor.table, 1, 1, "Nitrogen")
    click(qtbot, editor.correct_box(1))  # several may be right: A stays ticked
    type_cell(qtbot, editor.table, 0, 1, "Argon")
    type_cell(qtbot, editor.table, 2, 2, "Needed to breathe, but only 21 %.")
    return {"choices": [
        {"id": "a", "text": "Argon", "correct": True, "feedback": ""},
        {"id": "b", "text": "Nitrogen", "correct": True, "feedback": ""},
        {"id": "c", "text": "Oxygen", "correct": False,
         "feedback": "Needed to breathe, but only 21 %."}]}


def fill_truefalse(qtbot, dialog):
    click(qtbot, dialog.editor().false)
    return {"answer": False}


def fill_fill(qtbot, dialog):
    editor = dialog.editor()
    type_entry(qtbot, editor.list, 0, "112")
    click(qtbot, editor.rows.buttons["add"])
    type_entry(qtbot, editor.list, 1, "911")
    click(qtbot, editor.case)
    click(qtbot, editor.spaces)
    return {"answers": ["112", "911"], "caseSensitive": True, "normaliseSpace": False}


def fill_numeric(qtbot, dialog):
    editor = dialog.editor()
    click(qtbot, editor.ranged)
    qtbot.keyClicks(editor.low, "9.7")
    qtbot.keyClicks(editor.high, "9,9")
    return {"min": 9.7, "max": 9.9}


def fill_matching(qtbot, dialog):
    editor = dialog.editor()
    for row, (left, right) in enumerate((("France", "Paris"), ("Spain", "Madrid"))):
        type_cell(qtbot, editor.table, row, 0, left)
        type_cell(qtbot, editor.table, row, 1, right)
    click(qtbot, editor.rows.buttons["add"])
    type_cell(qtbot, editor.table, 2, 0, "Italy")
    type_cell(qtbot, editor.table, 2, 1, "Rome")
    editor.table.setCurrentCell(2, 0)
    click(qtbot, editor.rows.buttons["up"])
    return {"pairs": [{"id": "p1", "left": "France", "right": "Paris"},
                      {"id": "p3", "left": "Italy", "right": "Rome"},
                      {"id": "p2", "left": "Spain", "right": "Madrid"}]}


def fill_sequencing(qtbot, dialog):
    editor = dialog.editor()
    assert list_texts(editor) == ["First", "Second", "Third"]
    # a drag in the list is a move of its model's row
    assert editor.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    type_entry(qtbot, editor.list, 0, "Plan")
    editor.list.setCurrentRow(2)
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    return {"items": [{"id": "s3", "text": "Plan"}, {"id": "s2", "text": "Second"},
                      {"id": "s1", "text": "First"}]}


def fill_likert(qtbot, dialog):
    editor = dialog.editor()
    editor.list.setCurrentRow(2)
    click(qtbot, editor.rows.buttons["remove"])
    type_entry(qtbot, editor.list, 0, "Never")
    return {"scale": [{"id": "a", "text": "Never"}, {"id": "b", "text": "Disagree"},
                      {"id": "d", "text": "Agree"}, {"id": "e", "text": "Strongly agree"}]}


def fill_hotspot(qtbot, dialog):
    editor = dialog.editor()
    picture = next(a for a in dialog.session.course().assets.values() if a.kind == "image")
    editor.chooser.combo.setCurrentIndex(editor.chooser.combo.findData(picture.id))
    qtbot.keyClicks(editor.image_alt, "A slide")
    type_cell(qtbot, editor.table, 1, 1, "Corner")
    editor.scoring.setCurrentIndex(editor.scoring.findData("partial"))
    return {"image": picture.id, "imageAlt": "A slide", "scoring": "partial", "regions": [
        {"id": "r1", "label": "Region 1", "shape": "rect", "coords": [0.1, 0.1, 0.3, 0.3],
         "correct": True},
        {"id": "r2", "label": "Corner", "shape": "rect", "coords": [0.6, 0.6, 0.3, 0.3],
         "correct": False}]}


def fill_dragdrop(qtbot, dialog):
    editor = dialog.editor()
    type_entry(qtbot, editor.categories.list, 1, "Metals")
    type_cell(qtbot, editor.items.table, 1, 0, "Iron")
    return {"categories": [{"id": "k1", "text": "Category 1"}, {"id": "k2", "text": "Metals"}],
            "items": [{"id": "d1", "text": "Item 1", "category": "k1"},
                      {"id": "d2", "text": "Iron", "category": "k2"}]}


def fill_essay(qtbot, dialog):
    qtbot.keyClicks(dialog.editor().model, "A model.")
    return {"modelAnswer": "A model.", "maxLength": 4000}


def fill_description(qtbot, dialog):
    return {}


FILLERS = {"choice": fill_choice, "multiple": fill_multiple, "truefalse": fill_truefalse,
           "fill": fill_fill, "numeric": fill_numeric, "matching": fill_matching,
           "sequencing": fill_sequencing, "likert": fill_likert, "hotspot": fill_hotspot,
           "dragdrop": fill_dragdrop, "essay": fill_essay, "description": fill_description}


def test_every_type_has_a_form_driven_here():
    assert set(FILLERS) == set(QUESTION_TYPES)


def test_every_type_written_through_its_form_is_stored_exactly(window, qtbot):
    quiz = new_quiz(window, qtbot)
    picture = next(a for a in window.session.course().assets.values() if a.kind == "image")
    written = {}
    for qtype, fill in FILLERS.items():
        editor = editor_for(window, qtbot, quiz)
        dialog = opened(qtbot, editor, qtype)
        scored = QUESTION_TYPES[qtype].scored
        feedback = {**(FEEDBACK if scored else {}), "general": f"About {qtype}."}
        write_prompt(qtbot, dialog, f"A {qtype} question?", feedback)
        expected = fill(qtbot, dialog)
        expected["feedback"] = {"correct": "", "incorrect": "", **feedback}
        expected["media"] = None
        if QUESTION_TYPES[qtype].scoring_modes:  # stored with its default scoring
            expected.setdefault("scoring", QUESTION_TYPES[qtype].scoring_modes[0])
        if qtype == "matching":  # a picture on the prompt, with its alternative text
            dialog.media.setCurrentIndex(dialog.media.findData(picture.id))
            qtbot.keyClicks(dialog.alt, "A map of Europe")
            expected |= {"media": picture.id, "mediaAlt": "A map of Europe"}
        qtbot.keyClick(dialog.points, Qt.Key.Key_Up)
        accept(qtbot, dialog)
        question_id = editor.save(dialog)
        question = _find(window, question_id)
        assert (question.type, question.prompt, question.points) == (
            qtype, f"A {qtype} question?", 2.0)
        assert question.data == expected, qtype
        written[qtype] = question_id
    assert window.errors == []

    # each one opened again shows what is stored, and accepting it unchanged changes nothing
    for qtype, question_id in written.items():
        before = _find(window, question_id)
        editor = editor_for(window, qtbot, quiz)
        dialog = opened(qtbot, editor, question=before)
        assert dialog.qtype() == qtype and dialog.prompt.toPlainText() == before.prompt
        assert dialog.general.text() == f"About {qtype}."
        assert dialog.editor().data() == {k: before.data[k] for k in dialog.editor().data()}
        accept(qtbot, dialog)
        assert dialog.fields == (qtype, before.prompt, before.points, before.data)
        editor.save(dialog)
        assert _find(window, question_id).data == before.data
    assert window.errors == []


def test_round_trip_keeps_ranges_titles_pictures_and_choice_ids(window, qtbot):
    quiz = new_quiz(window, qtbot)
    picture = next(a for a in window.session.course().assets.values() if a.kind == "image")
    made = {
        "numeric": {"min": 1, "max": 2.5, "title": "Range", "category": "Physics"},
        "fill": {"answers": ["Paris"], "caseSensitive": True, "normaliseSpace": True},
        "choice": {"choices": [{"id": "x", "text": "One", "correct": False, "feedback": "no"},
                               {"id": "y", "text": "Two", "correct": True, "feedback": ""}],
                   "media": picture.id, "mediaAlt": "Two apples",
                   "feedback": {"correct": "", "incorrect": "", "general": "Count them."}},
    }
    for qtype, data in made.items():
        run = window.session.run(commands.add_question, quiz, qtype, f"{qtype}?",
                                 points=1.5, data=data)
        assert run.ok, run.error
        before = _find(window, run.value)
        editor = editor_for(window, qtbot, quiz)
        dialog = opened(qtbot, editor, question=before)
        if qtype == "numeric":
            assert dialog.editor().ranged.isChecked()
            assert (dialog.editor().low.text(), dialog.editor().high.text()) == ("1", "2.5")
        if qtype == "choice":
            assert choice_rows(dialog.editor()) == [(False, "One", "no"), (True, "Two", "")]
            assert dialog.media.currentData() == picture.id
            assert dialog.alt.text() == "Two apples"
        accept(qtbot, dialog)
        editor.save(dialog)
        after = _find(window, run.value)
        assert (after.points, after.data) == (1.5, before.data)
    assert window.errors == []


def test_invalid_forms_are_refused_with_one_line(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "choice")
    dialog.accept()  # no prompt
    assert dialog.result() == 0 and dialog.error.text() == "A question needs a prompt."
    qtbot.keyClicks(dialog.prompt, "Which one?")
    click(qtbot, dialog.editor().correct_box(0))  # untick the only right choice
    dialog.accept()
    assert dialog.result() == 0 and "Correct box" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    click(qtbot, dialog.editor().correct_box(1))
    dialog.media.setCurrentIndex(1)
    dialog.accept()  # a picture needs its alternative text
    assert dialog.result() == 0 and "alternative text" in dialog.error.text()
    dialog.media.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("numeric"))
    numeric = dialog.editor()
    click(qtbot, numeric.ranged)
    qtbot.keyClicks(numeric.low, "5")
    qtbot.keyClicks(numeric.high, "3")
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == \
        "The minimum (5) is above the maximum (3)."
    numeric.high.clear()
    qtbot.keyClicks(numeric.high, "ten")
    dialog.accept()
    assert dialog.result() == 0 and "must be a number" in dialog.error.text()
    numeric.high.clear()
    qtbot.keyClicks(numeric.high, "10")
    dialog.kind.setCurrentIndex(dialog.kind.findData("matching"))
    clear_rows(qtbot, dialog.editor())
    dialog.accept()
    assert dialog.result() == 0 and "at least two pairs" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("numeric"))  # its answers were kept
    accept(qtbot, dialog)
    assert dialog.fields[3]["min"] == 5 and dialog.fields[3]["max"] == 10
    assert list(window.session.find(quiz).questions) == []  # nothing stored by a dialog


def test_single_choice_keeps_one_box_ticked_and_rows_move_by_keyboard(qtbot):
    editor = answer_editor(QUESTION_TYPES["choice"])
    assert isinstance(editor, ChoiceEditor)
    qtbot.addWidget(editor)
    editor.show()
    editor.load({"choices": [{"id": "a", "text": "A", "correct": True, "feedback": "fa"},
                             {"id": "b", "text": "B", "correct": False, "feedback": ""}]})
    click(qtbot, editor.correct_box(1))
    assert [r[0] for r in choice_rows(editor)] == [False, True]
    editor.table.setCurrentCell(0, 1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert choice_rows(editor) == [(True, "B", ""), (False, "A", "fa")]
    assert [c["id"] for c in editor.data()["choices"]] == ["b", "a"]
    qtbot.keyClick(editor.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.table.rowCount() == 3
    with pytest.raises(Exception, match="Choice 3 has no text"):
        editor.data()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert editor.table.rowCount() == 2
    pairs = answer_editor(QUESTION_TYPES["matching"])
    numeric = answer_editor(QUESTION_TYPES["numeric"])
    assert isinstance(pairs, PairsEditor) and isinstance(numeric, NumericEditor)
    numeric.load({"value": 0.1, "tolerance": 0})
    assert (numeric.exact.isChecked(), numeric.value.text()) == (True, "0.1")
    assert numeric.data() == {"value": 0.1, "tolerance": 0}


# ---- the quiz preview grades as the player does -------------------------------------------
QUIZ_QUESTIONS = [
    ("choice", "Sky?", 2, {"choices": [
        {"text": "Red", "correct": False, "feedback": "That is the sunset."},
        {"text": "Blue", "correct": True, "feedback": "Rayleigh scattering."}],
        "feedback": {"correct": "Well done.", "incorrect": "Look up.",
                     "general": "Light scatters."}}),
    ("numeric", "g?", 1, {"min": 9.7, "max": 9.9}),
    ("truefalse", "Water is wet.", 1, {"answer": True}),
    ("likert", "Fun?", 1, None),
]


def test_the_quiz_preview_grades_right_and_wrong_answers_like_the_scorer(window, qtbot):
    quiz = new_quiz(window, qtbot)
    for qtype, prompt, points, data in QUIZ_QUESTIONS:
        assert window.session.run(commands.add_question, quiz, qtype, prompt, points=points,
                                  data=data).ok
    window.session.select(quiz)
    qtbot.waitUntil(lambda: isinstance(window.preview.quiz_area.widget(), QuizPreview))
    preview = window.preview.quiz_area.widget()
    views = preview.views
    assert [v.question.type for v in views] == ["choice", "numeric", "truefalse", "likert"]
    asked = [judged_shape(v.question) for v in views]
    choice, numeric, truefalse, likert = views

    # a wrong answer set: Red, 10 (out of range), False
    click(qtbot, choice.buttons["a"])
    qtbot.keyClicks(numeric.answer, "10")
    click(qtbot, truefalse.buttons["false"])
    click(qtbot, likert.buttons["c"])
    wrong = {choice.question.id: "a", numeric.question.id: 10,
             truefalse.question.id: False, likert.question.id: "c"}
    assert {v.question.id: v.response() for v in views} == wrong
    click(qtbot, preview.submit)
    expected = score_quiz(asked, wrong, 70)
    assert (expected.score, expected.max, expected.passed) == (0, 4, False)
    assert preview.result.text() == "Not passed: 0 of 4 points (0 %; pass mark 70 %)"
    assert choice.verdict.text().startswith("Incorrect")
    assert choice.choice_notes["a"].isVisible()
    assert choice.choice_notes["a"].text() == "That is the sunset."
    assert not choice.choice_notes["b"].isVisible()
    notes = [choice.feedback.itemAt(n).widget().text() for n in range(choice.feedback.count())]
    assert notes == ["Look up.", "Light scatters."]
    assert likert.verdict.text() == "Answered"
    assert not choice.buttons["b"].isEnabled()  # judged answers are locked until Retry

    # Retry, then a right answer set (a decimal comma, as the player reads it)
    click(qtbot, preview.retry)
    views = preview.views
    choice, numeric, truefalse, likert = views
    assert choice.response() is None and not choice.verdict.isVisible()
    click(qtbot, choice.buttons["b"])
    qtbot.keyClicks(numeric.answer, "9,8")
    click(qtbot, truefalse.buttons["true"])
    right = {choice.question.id: "b", numeric.question.id: 9.8,
             truefalse.question.id: True, likert.question.id: None}
    assert {v.question.id: v.response() for v in views} == right
    click(qtbot, preview.submit)
    expected = score_quiz(asked, right, 70)
    assert (expected.score, expected.max, expected.passed) == (4, 4, True)
    assert preview.result.text() == "Passed: 4 of 4 points (100 %; pass mark 70 %)"
    assert choice.choice_notes["b"].text() == "Rayleigh scattering."
    notes = [choice.feedback.itemAt(n).widget().text() for n in range(choice.feedback.count())]
    assert notes == ["Well done.", "Light scatters."]
    assert numeric.verdict.text() == "Correct · 1 of 1 point(s)"
    assert window.errors == []


def test_matching_and_sequencing_answers_in_the_preview(window, qtbot):
    quiz = new_quiz(window, qtbot)
    window.session.run(commands.add_question, quiz, "matching", "Capitals", data={
        "pairs": [{"left": "France", "right": "Paris"}, {"left": "Spain", "right": "Madrid"}]})
    window.session.run(commands.add_question, quiz, "sequencing", "Order", data=None)
    found = window.session.find(quiz)
    preview = QuizPreview(found, rng=random.Random(1))
    qtbot.addWidget(preview)
    matching, sequencing = preview.views
    for (_key, select), answer in zip(matching.selects, ("p1", "p2"), strict=True):
        select.setCurrentIndex(select.findData(answer))
    for (_key, select), answer in zip(sequencing.selects, ("s1", "s2", "s3"), strict=True):
        select.setCurrentIndex(select.findData(answer))
    assert matching.response() == {"p1": "p1", "p2": "p2"}
    assert sequencing.response() == ["s1", "s2", "s3"]
    outcome = preview.grade()
    assert outcome.score == 2 and outcome.passed


def test_each_editor_gives_its_type_data_and_refuses_what_cannot_work(qtbot):
    def editor(qtype: str, data: dict):
        made = answer_editor(QUESTION_TYPES[qtype])
        qtbot.addWidget(made)
        made.show()
        made.load(data)
        return made

    choice = editor("choice", {"choices": []})
    set_choices(qtbot, choice, [(False, "Red", ""), (True, "Blue", ""), (False, "Green", "")])
    assert [c["correct"] for c in choice.data()["choices"]] == [False, True, False]
    multiple = editor("multiple", {"choices": []})
    set_choices(qtbot, multiple, [(True, "a", ""), (True, "b", ""), (False, "c", "")])
    assert [c["correct"] for c in multiple.data()["choices"]] == [True, True, False]
    truefalse = editor("truefalse", {"answer": True})
    click(qtbot, truefalse.false)
    assert truefalse.data() == {"answer": False}
    fill = editor("fill", {"answers": ["112"]})
    click(qtbot, fill.rows.buttons["add"])
    type_entry(qtbot, fill.list, 1, " 911 ")
    assert fill.data()["answers"] == ["112", "911"]
    numeric = editor("numeric", {"value": 0, "tolerance": 0})
    numeric.value.clear()
    qtbot.keyClicks(numeric.value, "3")
    numeric.tolerance.clear()
    qtbot.keyClicks(numeric.tolerance, "0.5")
    assert numeric.data() == {"value": 3, "tolerance": 0.5}
    matching = editor("matching", {"pairs": []})
    for row, (left, right) in enumerate((("a", "1"), ("b", "2"))):
        click(qtbot, matching.rows.buttons["add"])
        type_cell(qtbot, matching.table, row, 0, left)
        type_cell(qtbot, matching.table, row, 1, right)
    assert matching.data()["pairs"][1] == {"id": "p2", "left": "b", "right": "2"}
    sequencing = editor("sequencing", {"items": ["x", "y"]})
    assert [s["text"] for s in sequencing.data()["items"]] == ["x", "y"]
    likert = editor("likert", {"scale": ["No", "Yes"]})
    assert "feedback" not in likert.data()

    def refused(made, reason: str) -> None:
        with pytest.raises(InvalidEditError, match=reason):
            made.data()

    for box in range(3):  # no right choice
        if choice.correct_box(box).isChecked():
            click(qtbot, choice.correct_box(box))
    refused(choice, "Tick the Correct box")
    matching.table.setCurrentCell(1, 0)
    click(qtbot, matching.rows.buttons["remove"])
    refused(matching, "at least two pairs")
    sequencing.list.setCurrentRow(0)
    click(qtbot, sequencing.rows.buttons["remove"])
    refused(sequencing, "at least 2 steps")
    clear_rows(qtbot, fill)
    refused(fill, "at least 1 accepted answer")
    click(qtbot, numeric.ranged)
    qtbot.keyClicks(numeric.low, "2")
    qtbot.keyClicks(numeric.high, "1")
    refused(numeric, r"minimum \(2\) is above the maximum \(1\)")


def test_a_picture_from_a_file_joins_the_course_and_shows_in_the_preview(window, qtbot,
                                                                        tmp_path):
    from PySide6.QtGui import QColor, QImage

    picture = tmp_path / "kettle.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(picture))
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "truefalse")
    assert not dialog.form.isRowVisible(dialog.alt)  # no picture, no alternative text
    job = dialog.add_picture(picture)
    assert job.writes  # stored by the writer, not on the window's thread
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10000)
    qtbot.waitUntil(lambda: dialog.media.currentText() == "kettle.png", timeout=10000)
    asset_id = dialog.media.currentData()
    assert window.session.course().assets[asset_id].kind == "image"
    assert dialog.form.isRowVisible(dialog.alt)
    qtbot.keyClicks(dialog.prompt, "Is it hot?")
    qtbot.keyClicks(dialog.alt, "A blue kettle")
    accept(qtbot, dialog)
    question_id = editor.save(dialog)
    assert _find(window, question_id).data["mediaAlt"] == "A blue kettle"

    window.session.select(quiz)
    qtbot.waitUntil(lambda: isinstance(window.preview.quiz_area.widget(), QuizPreview))
    [view] = window.preview.quiz_area.widget().views
    qtbot.waitUntil(lambda: not view.image.isHidden(), timeout=10000)
    shown = view.image.pixmap().toImage()
    assert shown.pixelColor(shown.width() // 2, shown.height() // 2) == QColor("#3366cc")
    assert view.image.accessibleName() == "A blue kettle"
    assert window.errors == []


def test_every_question_dialog_orders_its_tabs_without_qt_warnings(window, qtbot):
    from PySide6.QtCore import qInstallMessageHandler

    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    warnings: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, text: warnings.append(text))
    try:
        for qtype in QUESTION_TYPES:
            dialog = opened(qtbot, editor, qtype)
            dialog.kind.setCurrentIndex(0)  # and a type switched to after opening
            dialog.reject()
    finally:
        qInstallMessageHandler(previous)
    assert [w for w in warnings if "setTabOrder" in w] == []

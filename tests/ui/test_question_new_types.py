"""The new question types, partial credit and media in the question form, through the real
widgets: hotspot regions drawn with the mouse, drag and drop, essay and description, the
Scoring drop-down, weights and partial answers, pictures that need alternative text; and the
quiz preview grading them with partial credit."""

from __future__ import annotations

import pytest
from form_driver import (
    accept,
    click,
    editor_for,
    find_question,
    new_quiz,
    opened,
    type_cell,
    type_entry,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from studio import commands
from studio.quiz.scoring import score_quiz
from studio.quiz.types import QUESTION_TYPES, SCORING_LABELS
from studio.ui.hotspot_canvas import region_bounds
from studio.ui.quiz_preview import QuizPreview, judged_shape


def picture_of(window):
    return next(a for a in window.session.course().assets.values() if a.kind == "image")


def at(canvas, x: float, y: float) -> QPoint:
    """The canvas pixel at fractions (x, y) of the picture as it is drawn."""
    frame = canvas.frame()
    return QPoint(round(frame.x() + x * frame.width()), round(frame.y() + y * frame.height()))


def drag(qtbot, widget, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for step in (0.25, 0.5, 0.75, 1.0):
        qtbot.mouseMove(widget, QPoint(round(start.x() + (end.x() - start.x()) * step),
                                       round(start.y() + (end.y() - start.y()) * step)))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def fraction(canvas, point: QPoint) -> tuple[float, float]:
    spot = canvas.to_fraction(QPointF(point))
    return spot.x(), spot.y()


# ---- hotspot ----------------------------------------------------------------------------------
def test_hotspot_regions_drawn_with_the_mouse_are_stored_as_fractions(window, qtbot):
    quiz = new_quiz(window, qtbot)
    picture = picture_of(window)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "hotspot")
    hotspot = dialog.editor()
    canvas = hotspot.canvas
    hotspot.chooser.combo.setCurrentIndex(hotspot.chooser.combo.findData(picture.id))
    qtbot.waitUntil(lambda: not canvas.image.isNull(), timeout=5000)
    assert canvas.image.width() == picture.width  # read at its own size, off the thread
    # the starter regions go: select each and press Delete on the picture
    click(qtbot, hotspot.tool_buttons["select"])
    while canvas.regions:
        region = canvas.regions[0]
        x, y, w, h = region["coords"]
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, x + w / 2, y + h / 2))
        assert canvas.current == 0
        qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert hotspot.table.rowCount() == 0

    # a rectangle, dragged from its bottom-right corner to its top-left one
    click(qtbot, hotspot.tool_buttons["rect"])
    start, end = at(canvas, 0.6, 0.5), at(canvas, 0.2, 0.1)
    drag(qtbot, canvas, start, end)
    (x0, y0), (x1, y1) = fraction(canvas, end), fraction(canvas, start)
    assert canvas.regions[0]["shape"] == "rect"
    assert canvas.regions[0]["coords"] == pytest.approx([x0, y0, x1 - x0, y1 - y0], abs=1e-3)
    assert canvas.regions[0]["coords"] == pytest.approx([0.2, 0.1, 0.4, 0.4], abs=0.01)
    # a circle: the one inscribed in the box dragged (the radius a fraction of the width)
    click(qtbot, hotspot.tool_buttons["circle"])
    drag(qtbot, canvas, at(canvas, 0.7, 0.55), at(canvas, 0.9, 0.85))
    assert canvas.regions[1]["shape"] == "circle"
    frame = canvas.frame()
    radius = min(0.2 * frame.width(), 0.3 * frame.height()) / 2 / frame.width()
    assert canvas.regions[1]["coords"] == pytest.approx([0.8, 0.7, radius], abs=0.01)
    # a polygon: three clicks, Enter closes it
    click(qtbot, hotspot.tool_buttons["polygon"])
    for x, y in ((0.05, 0.9), (0.15, 0.6), (0.25, 0.9)):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, x, y))
    assert len(canvas.regions) == 2  # not closed yet
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert canvas.regions[2]["shape"] == "polygon"
    assert canvas.regions[2]["coords"] == pytest.approx([0.05, 0.9, 0.15, 0.6, 0.25, 0.9],
                                                        abs=0.01)
    assert [hotspot.table.item(r, 2).text() for r in range(3)] == [
        "Rectangle", "Circle", "Polygon"]

    # select the circle by clicking it, nudge it ten pixels right with Shift+Right
    click(qtbot, hotspot.tool_buttons["select"])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 0.8, 0.7))
    assert canvas.current == 1 and hotspot.table.currentRow() == 1
    before = canvas.regions[1]["coords"][0]
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.regions[1]["coords"][0] == pytest.approx(
        before + 10 / canvas.frame().width(), abs=1e-3)
    # and move the rectangle by dragging it
    rect_before = list(canvas.regions[0]["coords"])
    drag(qtbot, canvas, at(canvas, 0.3, 0.3), at(canvas, 0.35, 0.3))
    assert canvas.regions[0]["coords"][0] == pytest.approx(rect_before[0] + 0.05, abs=0.01)
    assert canvas.regions[0]["coords"][1:] == pytest.approx(rect_before[1:], abs=1e-3)

    # labels and Correct boxes beside the picture: the first region is correct already
    for row, label in enumerate(("Lake", "Summit", "Hut")):
        type_cell(qtbot, hotspot.table, row, 1, label)
    click(qtbot, hotspot.correct_box(2))
    qtbot.keyClicks(dialog.prompt, "Where do you sleep?")
    dialog.accept()  # the picture has no alternative text yet
    assert dialog.result() == 0 and "alternative text" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    qtbot.keyClicks(hotspot.image_alt, "A valley with a lake, a summit and a hut")
    accept(qtbot, dialog)
    question = find_question(window, editor.save(dialog))
    data = question.data
    assert (data["image"], data["imageAlt"]) == (picture.id,
                                                 "A valley with a lake, a summit and a hut")
    assert data["scoring"] == "all-or-nothing"
    assert [(r["id"], r["label"], r["shape"], r["correct"]) for r in data["regions"]] == [
        ("r1", "Lake", "rect", True), ("r2", "Summit", "circle", False),
        ("r3", "Hut", "polygon", True)]
    assert all(0 <= c <= 1 for r in data["regions"] for c in r["coords"])
    assert data["regions"][0]["coords"] == pytest.approx(canvas.regions[0]["coords"])

    # opened again: the same regions, and OK stores the same data
    editor = editor_for(window, qtbot, quiz)
    again = opened(qtbot, editor, question=question)
    assert [r["label"] for r in again.editor().canvas.regions] == ["Lake", "Summit", "Hut"]
    accept(qtbot, again)
    assert again.fields[3] == data
    assert window.errors == []


def test_hotspot_without_picture_or_labels_is_refused(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "hotspot")
    qtbot.keyClicks(dialog.prompt, "Where?")
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text().startswith("Choose the hotspot picture")
    hotspot = dialog.editor()
    hotspot.chooser.combo.setCurrentIndex(hotspot.chooser.combo.findData(picture_of(window).id))
    qtbot.keyClicks(hotspot.image_alt, "A map")
    type_cell(qtbot, hotspot.table, 0, 1, "")
    dialog.accept()
    assert dialog.result() == 0 and "Region 1 has no label" in dialog.error.text()
    # without a mouse: Add region puts a rectangle in the middle, the arrow keys move it
    click(qtbot, hotspot.add)
    canvas = hotspot.canvas
    assert len(canvas.regions) == 3 and canvas.current == 2
    assert canvas.tool == "select" and canvas.hasFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.regions[2]["coords"][:2] == pytest.approx(
        [0.4, 0.4 + 1 / canvas.frame().height()], abs=1e-3)
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert len(canvas.regions) == 2 and hotspot.table.rowCount() == 2


# ---- scoring, weights, partial answers ----------------------------------------------------------
def test_scoring_modes_weights_and_partial_answers_are_stored(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "multiple")
    multiple = dialog.editor()
    assert [multiple.scoring.itemData(n) for n in range(multiple.scoring.count())] == list(
        QUESTION_TYPES["multiple"].scoring_modes)  # named as the registry names them
    assert [multiple.scoring.itemText(n) for n in range(multiple.scoring.count())] == [
        SCORING_LABELS[mode] for mode in QUESTION_TYPES["multiple"].scoring_modes]
    assert multiple.table.isColumnHidden(multiple.WEIGHT)
    multiple.scoring.setCurrentIndex(multiple.scoring.findData("weighted"))
    assert not multiple.table.isColumnHidden(multiple.WEIGHT)
    assert multiple.table.isColumnHidden(0)  # the weights say what is right
    click(qtbot, multiple.rows.buttons["add"])
    type_cell(qtbot, multiple.table, 2, 1, "Option C")
    for row, weight in enumerate(("50", "50", "-100")):
        type_cell(qtbot, multiple.table, row, multiple.WEIGHT, weight)
    qtbot.keyClicks(dialog.prompt, "Pick the two halves.")
    accept(qtbot, dialog)
    data = find_question(window, editor.save(dialog)).data
    assert data["scoring"] == "weighted"
    assert [(c["weight"], c["correct"]) for c in data["choices"]] == [
        (50, True), (50, True), (-100, False)]

    # weights that do not make 100 % are refused by the core, in one line
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "multiple")
    dialog.editor().scoring.setCurrentIndex(2)
    type_cell(qtbot, dialog.editor().table, 1, dialog.editor().WEIGHT, "30")
    qtbot.keyClicks(dialog.prompt, "Sum?")
    dialog.accept()
    assert dialog.result() == 0 and "130" in dialog.error.text()
    dialog.reject()

    # a single choice may give some choices part of the points
    dialog = opened(qtbot, editor, "choice")
    single = dialog.editor()
    assert single.scoring is None and not single.use_weights.isChecked()
    click(qtbot, single.use_weights)
    assert [single.table.item(r, single.WEIGHT).text() for r in range(2)] == ["100", "0"]
    type_cell(qtbot, single.table, 1, single.WEIGHT, "50")
    qtbot.keyClicks(dialog.prompt, "Close enough?")
    accept(qtbot, dialog)
    data = find_question(window, editor.save(dialog)).data
    assert [(c["correct"], c.get("weight")) for c in data["choices"]] == [(True, None),
                                                                         (False, 50)]
    editor = editor_for(window, qtbot, quiz)
    again = opened(qtbot, editor, question=find_question(window, editor.quiz.questions[-1].id))
    assert again.editor().use_weights.isChecked()  # a stored weight shows the column

    # matching scored per pair
    dialog = opened(qtbot, editor, "matching")
    dialog.editor().scoring.setCurrentIndex(dialog.editor().scoring.findData("per-item"))
    assert dialog.editor().scoring.currentText() == SCORING_LABELS["per-item"]
    qtbot.keyClicks(dialog.prompt, "Match.")
    accept(qtbot, dialog)
    assert find_question(window, editor.save(dialog)).data["scoring"] == "per-item"

    # fill-in and numeric answers worth part of the points
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "fill")
    fill = dialog.editor()
    type_entry(qtbot, fill.list, 0, "Paris")
    click(qtbot, fill.partial.rows.buttons["add"])
    type_cell(qtbot, fill.partial.table, 0, 0, "Pari")
    type_cell(qtbot, fill.partial.table, 0, 1, "40")
    qtbot.keyClicks(dialog.prompt, "Capital of France?")
    accept(qtbot, dialog)
    assert find_question(window, editor.save(dialog)).data["partial"] == [
        {"text": "Pari", "weight": 40}]
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "numeric")
    numeric = dialog.editor()
    numeric.value.clear()
    qtbot.keyClicks(numeric.value, "100")
    click(qtbot, numeric.partial.rows.buttons["add"])
    for column, text in enumerate(("90", "5", "150")):
        type_cell(qtbot, numeric.partial.table, 0, column, text)
    qtbot.keyClicks(dialog.prompt, "Boiling point?")
    dialog.accept()
    assert dialog.result() == 0 and "from 1 to 99 %" in dialog.error.text()
    type_cell(qtbot, numeric.partial.table, 0, 2, "50")
    accept(qtbot, dialog)
    assert find_question(window, editor.save(dialog)).data["partial"] == [
        {"value": 90, "tolerance": 5, "weight": 50}]
    assert window.errors == []


# ---- media on the prompt and on choices -------------------------------------------------------
def test_pictures_need_alternative_text_sounds_and_videos_may_go_without(window, qtbot):
    quiz = new_quiz(window, qtbot)
    picture = picture_of(window)
    video = next(a for a in window.session.course().assets.values() if a.kind == "video")
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "choice")
    choices = dialog.editor()
    qtbot.keyClicks(dialog.prompt, "Which slide opens the course?")
    # the prompt gets a video: any media of the course is offered, a video needs no alt
    dialog.media.setCurrentIndex(dialog.media.findData(video.id))
    assert dialog.media.currentText() == "welcome.mp4 (video)"
    # choice 2 gets a picture through its media button
    button = choices.media_button(1)
    assert button.text() == "Add…"
    click(qtbot, button)
    media = button.dialog
    qtbot.waitExposed(media)
    media.chooser.combo.setCurrentIndex(media.chooser.combo.findData(picture.id))
    ok = media.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert media.isVisible() and "alternative text" in media.error.text()
    qtbot.keyClicks(media.alt, "The first slide")
    click(qtbot, ok)
    assert not media.isVisible() and button.text() == picture.original_name
    accept(qtbot, dialog)
    data = find_question(window, editor.save(dialog)).data
    assert data["media"] == video.id and "mediaAlt" not in data
    assert data["choices"][1]["media"] == picture.id
    assert data["choices"][1]["mediaAlt"] == "The first slide"
    assert "media" not in data["choices"][0]
    window.session.select(quiz)
    qtbot.waitUntil(lambda: isinstance(window.preview.quiz_area.widget(), QuizPreview))
    [view] = window.preview.quiz_area.widget().views
    assert view.image.text() == "Video: welcome.mp4 (plays in the learner preview)"
    qtbot.waitUntil(lambda: not view.buttons["b"].icon().isNull(), timeout=5000)
    assert view.buttons["b"].toolTip() == "The first slide"  # the choice's picture

    # a picture on the prompt without its text is refused, in one line, and nothing stored
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "truefalse")
    qtbot.keyClicks(dialog.prompt, "Is it blue?")
    dialog.media.setCurrentIndex(dialog.media.findData(picture.id))
    assert dialog.form.isRowVisible(dialog.alt)
    count = len(window.session.find(quiz).questions)
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text().startswith(
        "Describe the question's picture in its alternative text")
    assert len(window.session.find(quiz).questions) == count
    assert window.errors == []


# ---- drag and drop, essay, description -------------------------------------------------------
def test_dragdrop_essay_and_description_forms(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "dragdrop")
    dragdrop = dialog.editor()
    type_entry(qtbot, dragdrop.categories.list, 0, "Mammals")
    type_entry(qtbot, dragdrop.categories.list, 1, "Birds")
    assert dragdrop.items.combo(0).itemText(1) == "Mammals"  # the items' lists follow
    type_cell(qtbot, dragdrop.items.table, 0, 0, "Whale")
    type_cell(qtbot, dragdrop.items.table, 1, 0, "Penguin")
    click(qtbot, dragdrop.items.rows.buttons["add"])
    type_cell(qtbot, dragdrop.items.table, 2, 0, "Bat")
    qtbot.keyClicks(dialog.prompt, "Sort the animals.")
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == \
        "Choose the category item 3 goes into."
    dragdrop.items.combo(2).setCurrentIndex(dragdrop.items.combo(2).findData("k1"))
    dragdrop.scoring.setCurrentIndex(dragdrop.scoring.findData("per-item"))
    accept(qtbot, dialog)
    data = find_question(window, editor.save(dialog)).data
    assert data["categories"] == [{"id": "k1", "text": "Mammals"}, {"id": "k2", "text": "Birds"}]
    assert data["items"] == [{"id": "d1", "text": "Whale", "category": "k1"},
                             {"id": "d2", "text": "Penguin", "category": "k2"},
                             {"id": "d3", "text": "Bat", "category": "k1"}]
    assert data["scoring"] == "per-item"

    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "essay")
    essay = dialog.editor()
    assert essay.longest.value() == 4000
    qtbot.keyClicks(essay.model, "Plan, do, check, act.")
    essay.longest.setValue(800)
    qtbot.keyClicks(dialog.prompt, "How do you improve a process?")
    assert not dialog.form.isRowVisible(dialog.correct)  # unscored: no right/wrong feedback
    accept(qtbot, dialog)
    data = find_question(window, editor.save(dialog)).data
    assert (data["modelAnswer"], data["maxLength"]) == ("Plan, do, check, act.", 800)

    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "description")
    assert not dialog.form.isRowVisible(dialog.points)
    qtbot.keyClicks(dialog.prompt, "The next questions are about birds.")
    accept(qtbot, dialog)
    question = find_question(window, editor.save(dialog))
    assert question.type == "description"
    assert window.errors == []


# ---- the preview grades the new types with partial credit ------------------------------------
def test_the_preview_grades_new_types_with_partial_credit(window, qtbot):
    quiz = new_quiz(window, qtbot)
    picture = picture_of(window)
    run = window.session.run
    assert run(commands.add_question, quiz, "description", "Warm-up first.").ok
    assert run(commands.add_question, quiz, "multiple", "Primes?", points=3, data={
        "choices": [{"text": "2", "correct": True}, {"text": "3", "correct": True},
                    {"text": "4", "correct": False}], "scoring": "partial"}).ok
    assert run(commands.add_question, quiz, "dragdrop", "Sort.", points=2, data={
        "categories": ["Mammals", "Birds"],
        "items": [{"text": "Whale", "category": "k1"}, {"text": "Penguin", "category": "k2"}],
        "scoring": "per-item"}).ok
    assert run(commands.add_question, quiz, "hotspot", "Click the lake.", points=1, data={
        "image": picture.id, "imageAlt": "A valley",
        "regions": [{"label": "Lake", "shape": "rect", "coords": [0.1, 0.1, 0.3, 0.3],
                     "correct": True},
                    {"label": "Hut", "shape": "circle", "coords": [0.7, 0.7, 0.1]}]}).ok
    assert run(commands.add_question, quiz, "essay", "Why?", data={"modelAnswer": "Because."}).ok
    window.session.select(quiz)
    qtbot.waitUntil(lambda: isinstance(window.preview.quiz_area.widget(), QuizPreview))
    preview = window.preview.quiz_area.widget()
    description, multiple, dragdrop, hotspot, essay = preview.views
    assert multiple.findChild(type(multiple.verdict)).text().startswith("<b>1.</b>")
    assert not description.findChild(type(description.verdict)).text().startswith("<b>")

    click(qtbot, multiple.buttons["a"])  # one right pick of two: half the points
    dragdrop.selects[0][1].setCurrentIndex(dragdrop.selects[0][1].findData("k1"))
    dragdrop.selects[1][1].setCurrentIndex(dragdrop.selects[1][1].findData("k1"))
    # the hotspot's picture: a click on the lake ticks its box in the list
    qtbot.waitUntil(lambda: not hotspot.hotspot.image.isNull(), timeout=5000)
    spot = hotspot.hotspot.point_of(0.25, 0.25).toPoint()
    qtbot.mouseClick(hotspot.hotspot, Qt.MouseButton.LeftButton, pos=spot)
    assert hotspot.buttons["r1"].isChecked() and hotspot.hotspot.picked == {"r1"}
    assert [b.text() for b in hotspot.buttons.values()] == ["Lake", "Hut"]
    qtbot.keyClicks(essay.essay, "It depends.")
    responses = {v.question.id: v.response() for v in preview.views}
    assert list(responses.values()) == [None, ["a"], {"d1": "k1", "d2": "k1"}, ["r1"],
                                        "It depends."]
    click(qtbot, preview.submit)
    expected = score_quiz([judged_shape(v.question) for v in preview.views], responses, 70)
    assert (expected.score, expected.max) == (1.5 + 1 + 1, 6)
    assert multiple.verdict.text() == "Partly correct · 1.5 of 3 point(s)"
    assert dragdrop.verdict.text() == "Partly correct · 1 of 2 point(s)"
    assert hotspot.verdict.text() == "Correct · 1 of 1 point(s)"
    assert essay.verdict.text() == "Answered"
    notes = [essay.feedback.itemAt(n).widget().text() for n in range(essay.feedback.count())]
    assert notes == ["Model answer: Because."]
    assert not description.verdict.isVisible()
    assert preview.result.text() == "Not passed: 3.5 of 6 points (58 %; pass mark 70 %)"
    assert hotspot.hotspot.judged  # the regions show now
    assert window.errors == []


def test_hotspot_label_renamed_in_the_table_is_redrawn_on_the_picture(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "hotspot")
    hotspot = dialog.editor()
    canvas = hotspot.canvas
    hotspot.chooser.combo.setCurrentIndex(hotspot.chooser.combo.findData(picture_of(window).id))
    qtbot.waitUntil(lambda: not canvas.image.isNull(), timeout=5000)
    qtbot.wait(50)
    type_cell(qtbot, hotspot.table, 0, 1, "A much longer lake shore label")
    assert canvas.regions[0]["label"] == "A much longer lake shore label"
    qtbot.wait(50)
    # what the window shows (its backing store) is the label as the canvas draws it now
    box = region_bounds(canvas.regions[0], canvas.frame()).toRect().adjusted(0, 0, 0, -1)
    box.setHeight(min(box.height(), 20))
    shown = dialog.screen().grabWindow(dialog.winId(), *canvas.mapTo(dialog, box.topLeft())
                                       .toTuple(), box.width(), box.height()).toImage()
    fresh = canvas.grab(box).toImage().convertToFormat(shown.format())
    assert shown == fresh


def test_hotspot_regions_stay_on_the_picture_when_drawn_moved_or_nudged(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "hotspot")
    hotspot = dialog.editor()
    canvas = hotspot.canvas
    hotspot.chooser.combo.setCurrentIndex(hotspot.chooser.combo.findData(picture_of(window).id))
    qtbot.waitUntil(lambda: not canvas.image.isNull(), timeout=5000)
    canvas.regions.clear()
    frame = canvas.frame()
    aspect = frame.width() / frame.height()

    def inside(region) -> bool:
        c = region["coords"]
        if region["shape"] == "rect":
            return min(c) >= 0 and c[0] + c[2] <= 1 + 1e-4 and c[1] + c[3] <= 1 + 1e-4
        cx, cy, r = c
        return (r - 1e-4 <= cx <= 1 - r + 1e-4
                and r * aspect - 1e-4 <= cy <= 1 - r * aspect + 1e-4)

    # a circle dragged from inside the picture to beyond its bottom-right corner
    click(qtbot, hotspot.tool_buttons["circle"])
    drag(qtbot, canvas, at(canvas, 0.8, 0.8), QPoint(canvas.width() - 1, canvas.height() - 1))
    circle = canvas.regions[0]
    assert circle["shape"] == "circle" and circle["coords"][2] > 0 and inside(circle)
    # a rectangle dragged past the top-left corner
    click(qtbot, hotspot.tool_buttons["rect"])
    drag(qtbot, canvas, at(canvas, 0.3, 0.3), QPoint(1, 1))  # (0, 0) is "the middle" to QTest
    assert canvas.regions[1]["coords"][:2] == pytest.approx([0, 0], abs=1e-3)
    assert inside(canvas.regions[1])
    # moved with the mouse far off the picture, then nudged with Shift+arrows: still on it
    click(qtbot, hotspot.tool_buttons["select"])
    cx, cy, _r = circle["coords"]
    drag(qtbot, canvas, at(canvas, cx, cy), at(canvas, cx + 0.5, cy + 0.5))
    assert canvas.current == 0 and inside(circle)
    for _ in range(30):
        qtbot.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert inside(circle)
    assert circle["coords"][1] == pytest.approx(1 - circle["coords"][2] * aspect, abs=1e-3)
    for _ in range(60):
        qtbot.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert inside(circle)
    assert circle["coords"][1] == pytest.approx(circle["coords"][2] * aspect, abs=1e-3)


def test_unscored_types_show_no_points_in_the_form_or_the_question_list(window, qtbot):
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    dialog = opened(qtbot, editor, "choice")
    assert dialog.points.isVisible()
    for qtype in ("essay", "likert", "description"):
        dialog.kind.setCurrentIndex(dialog.kind.findData(qtype))
        assert not dialog.points.isVisible(), qtype
        assert not dialog.form.labelForField(dialog.points).isVisible(), qtype
    dialog.kind.setCurrentIndex(dialog.kind.findData("choice"))
    assert dialog.points.isVisible()
    dialog.reject()
    run = window.session.run
    for qtype, prompt in (("essay", "Describe your morning."), ("likert", "How sure are you?"),
                          ("description", "Read this first."), ("choice", "Pick one.")):
        assert run(commands.add_question, quiz, qtype, prompt).ok, qtype
    editor = editor_for(window, qtbot, quiz)
    texts = [editor.list.item(r).text() for r in range(editor.list.count())]
    assert [t.endswith(" pt") for t in texts] == [False, False, False, True], texts


def test_hotspot_has_one_picture_picker_no_regions_before_it_and_cancel_leaves_no_asset(
        window, qtbot, tmp_path):
    from PySide6.QtGui import QColor, QImage

    file = tmp_path / "valley.png"
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7f3a"))
    assert image.save(str(file))
    quiz = new_quiz(window, qtbot)
    editor = editor_for(window, qtbot, quiz)
    before = set(window.session.course().assets)
    dialog = opened(qtbot, editor, "hotspot")
    hotspot = dialog.editor()
    # the hotspot's picture is the only picture picker shown
    assert not dialog.chooser.isVisible() and hotspot.chooser.isVisible()
    # no placeholder regions on an empty picture, and nothing to add them with
    assert hotspot.canvas.regions == [] and hotspot.table.rowCount() == 0
    assert not hotspot.add.isEnabled()
    hotspot.chooser.add_file(file)  # what "From file…" does with the file chosen
    qtbot.waitUntil(lambda: hotspot.chooser.current() is not None, timeout=10000)
    assert hotspot.chooser.current() not in before
    qtbot.waitUntil(lambda: not hotspot.canvas.image.isNull(), timeout=5000)
    assert hotspot.table.rowCount() == len(hotspot.canvas.regions) > 0 and hotspot.add.isEnabled()
    # a choice switched to keeps the prompt's media picker
    dialog.kind.setCurrentIndex(dialog.kind.findData("choice"))
    assert dialog.chooser.isVisible()
    click(qtbot, dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Cancel))
    assert dialog.result() == 0
    qtbot.waitUntil(lambda: set(window.session.course().assets) == before, timeout=5000)
    assert window.errors == []

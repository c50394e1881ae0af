"""The form to write or change a question of every type.

The prompt, points, feedback and media (a picture, a sound or a short video, with its
alternative text, required for a picture) are common to every type; the answers are one
editor per type (:mod:`studio.ui.question_editors`). What the form can tell is wrong is
refused with a one-line reason; then the core's own check,
:func:`studio.quiz.questions.normalise_question`, runs and its message is shown the same
way. Stored fields the form does not show (a title or category from a question file) are
kept when a question is changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.model import Question
from studio.quiz.questions import MAX_POINTS, normalise_question, starter_data
from studio.quiz.types import QUESTION_TYPES
from studio.ui.dialog_parts import error_label, ok_cancel
from studio.ui.question_editors import answer_editor
from studio.ui.question_media import MediaChooser, forget_imports, require_alt, session_of
from studio.ui.question_rows import AnswerEditor

# The editor's name of each type; an unscored type says so.
TYPES = {t.name: t.label + ("" if t.scored or t.interaction is None else " (not scored)")
         for t in QUESTION_TYPES.values()}
KEPT = ("title", "category")  # stored fields the form does not show, kept on edit


def _in_cell(widget: QWidget) -> bool:
    """Whether a widget sits in a table's cell (hidden until the table lays its rows out)."""
    viewport = widget.parentWidget()
    return viewport is not None and isinstance(viewport.parentWidget(), QAbstractItemView)


def reading_order(widgets: list[QWidget], within: QWidget) -> list[QWidget]:
    """Widgets top to bottom, and left to right along a line: widgets whose middles are
    within a few pixels of each other's height (a table row's box and button, a picture and
    the table beside it) share one; a table comes just before the boxes in its cells."""
    def middle(w: QWidget):
        return w.mapTo(within, w.rect().center())

    lines: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: middle(w).y()):
        if lines and abs(middle(widget).y() - middle(lines[-1][0]).y()) <= 6:
            lines[-1].append(widget)
        else:
            lines.append([widget])
    order = [w for line in lines for w in sorted(line, key=lambda w: middle(w).x())]
    for view in [w for w in order if isinstance(w, QAbstractItemView)]:
        cells = [w for w in order if view.isAncestorOf(w)]
        if cells and order.index(cells[0]) < order.index(view):
            order.remove(view)  # Qt moves a widget's children with it: the table first
            order.insert(order.index(cells[0]), view)
    return order


class QuestionDialog(QDialog):
    """Write one question of any type, or change one (``question`` given).

    When accepted, :attr:`fields` holds :meth:`result_fields`."""

    def __init__(self, parent: QWidget | None = None, qtype: str = "choice",
                 question: Question | None = None, session=None):
        super().__init__(parent)
        self.question = question
        self.session = session or session_of(parent)
        self.setWindowTitle("Edit question" if question else "New question")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Question type")
        for key, label in TYPES.items():
            self.kind.addItem(label, key)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setAccessibleName("Question")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setPlaceholderText("The question as the learner reads it")
        self.prompt.setFixedHeight(60)
        self.points = QDoubleSpinBox(self, minimum=0, maximum=MAX_POINTS, value=1)
        self.points.setAccessibleName("Points")
        self.answers = QStackedWidget(self)
        self.editors: dict[str, AnswerEditor] = {}
        self.correct = QLineEdit(self)
        self.correct.setAccessibleName("Feedback if right")
        self.incorrect = QLineEdit(self)
        self.incorrect.setAccessibleName("Feedback if wrong")
        self.general = QLineEdit(self)
        self.general.setAccessibleName("General feedback")
        self.general.setPlaceholderText("Shown to every learner after answering")
        self.chooser = MediaChooser(self.session, current=question.data.get("media")
                                    if question else None, name="Media", parent=self)
        self.media, self.media_file = self.chooser.combo, self.chooser.button
        self.alt = QLineEdit(self)
        self.alt.setAccessibleName("Media's alternative text")
        self.alt.setPlaceholderText("What it shows or says, for learners who cannot see or "
                                    "hear it")
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("Type", self.kind)
        form.addRow("Question", self.prompt)
        form.addRow("Media", self.chooser)
        form.addRow("Alternative text", self.alt)
        form.addRow("Points", self.points)
        form.addRow("Answers", self.answers)
        form.addRow("Feedback if right", self.correct)
        form.addRow("Feedback if wrong", self.incorrect)
        form.addRow("General feedback", self.general)
        self.form = form
        buttons, _ok = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.chooser.message.connect(self.error.setText)
        self.chooser.chosen.connect(self._media_chosen)
        self.kind.setCurrentIndex(list(TYPES).index(question.type if question else qtype))
        self.kind.currentIndexChanged.connect(self._show_type)
        if question is not None:
            self._fill(question)
        self._show_type()

    # ---- what the form shows -------------------------------------------------------------
    def qtype(self) -> str:
        """The type the form is set to."""
        return self.kind.currentData()

    def editor(self, qtype: str | None = None) -> AnswerEditor:
        """The answer editor of a type (the current one by default), made when first shown:
        the question's own answers for its type, else the type's starter answers."""
        qtype = qtype or self.qtype()
        if qtype not in self.editors:
            editor = answer_editor(QUESTION_TYPES[qtype], self)
            same = self.question is not None and self.question.type == qtype
            editor.load(self.question.data if same else starter_data(qtype))
            self.editors[qtype] = editor
            self.answers.addWidget(editor)
        return self.editors[qtype]

    def _show_type(self) -> None:
        kind = QUESTION_TYPES[self.qtype()]
        self.answers.setCurrentWidget(self.editor())
        for widget in (self.correct, self.incorrect):
            self.form.setRowVisible(widget, kind.scored)
        # a hotspot's picture is its own; the prompt's media shows only when it holds one
        self.form.setRowVisible(self.chooser, "regions" not in kind.fields
                                or self.chooser.current() is not None)
        self.form.setRowVisible(self.points, kind.scored)  # no points where nothing is graded
        if "regions" in kind.fields:  # room to draw on the picture
            self.resize(max(self.width(), 900), max(self.height(), 820))
        self._show_alt()
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab follows the form top to bottom, and each answer editor row by row, left to
        right: editors are made when first shown, so they would otherwise come last."""
        editor = self.answers.currentWidget()
        self.layout().activate()
        inside = [w for w in editor.findChildren(QWidget)
                  if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                  and w.window() is self  # not a drop-down's pop-up list
                  and (not w.isHidden() or _in_cell(w))
                  and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)]
        inside = reading_order(inside, editor)
        buttons = self.findChild(QDialogButtonBox).buttons()
        chain = [self.kind, self.prompt, self.media, self.media_file, self.alt, self.points,
                 *inside, self.correct, self.incorrect, self.general, *buttons]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._order_tabs()  # the editors' rows have their places now

    def _show_alt(self) -> None:
        self.form.setRowVisible(self.alt, self.media.currentData() is not None)

    def _fill(self, question: Question) -> None:
        data = question.data
        self.prompt.setPlainText(question.prompt)
        self.points.setValue(question.points)
        feedback = data.get("feedback") or {}
        self.correct.setText(feedback.get("correct", ""))
        self.incorrect.setText(feedback.get("incorrect", ""))
        self.general.setText(feedback.get("general", ""))
        self.alt.setText(data.get("mediaAlt", ""))

    # ---- the media -------------------------------------------------------------------------
    def _media_chosen(self, asset_id: str | None) -> None:
        self._show_alt()
        if asset_id is not None and self.isVisible():
            self.alt.setFocus()

    def add_picture(self, path: Path):
        """Bring a picture, sound or video file into the course's media (a background job)
        and show it on the question when it is in. Returns the job (None without a
        project)."""
        return self.chooser.add_file(path)

    # ---- the result ------------------------------------------------------------------------
    def result_fields(self) -> tuple[str, str, float, dict]:
        """(type, prompt, points, data) as the core stores them.

        Raises InvalidEditError with a one-line reason: an empty prompt, answers the form
        or the core refuses, a picture without its alternative text."""
        prompt = self.prompt.toPlainText().strip()
        if not prompt:
            raise InvalidEditError("A question needs a prompt.")
        data = self.editor().data()
        data["feedback"] = {"correct": self.correct.text().strip(),
                            "incorrect": self.incorrect.text().strip(),
                            "general": self.general.text().strip()}
        media = self.chooser.current()
        data["media"] = media
        if media is not None:
            require_alt(self.chooser.kind(), self.alt.text(), "the question's picture")
            if self.alt.text().strip():
                data["mediaAlt"] = self.alt.text().strip()
        if self.question is not None:
            data.update({key: self.question.data[key] for key in KEPT
                         if self.question.data.get(key) is not None})
        # the core's own check: what it would refuse is refused here, in its words
        prompt, points, data = normalise_question(self.qtype(), prompt, self.points.value(),
                                                  data)
        return self.qtype(), prompt, points, data

    def accept(self) -> None:
        try:
            self.fields = self.result_fields()
        except InvalidEditError as exc:
            self.error.setText(exc.message.splitlines()[0])
            return
        self.error.setText("")
        super().accept()

    def reject(self) -> None:
        forget_imports(self)
        super().reject()

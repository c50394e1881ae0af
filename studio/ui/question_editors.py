"""The answer part of the question form: one editor per kind of answer data, chosen by the
fields a question type declares (:mod:`studio.quiz.types`). The rows, keys and number
handling they share are in :mod:`studio.ui.question_rows`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTableWidgetItem,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.quiz.types import QuestionType
from studio.ui.question_rows import (
    ID_ROLE,
    AnswerEditor,
    ListEditor,
    TableEditor,
    number_text,
    parse_number,
)


class ChoiceEditor(TableEditor):
    """Choices with a Correct box and their own feedback (single choice, multiple response);
    a single choice keeps one box ticked."""

    columns = ("Correct", "Choice", "Feedback for this choice")
    noun = "choice"
    text_column = 1

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def correct_box(self, row: int) -> QCheckBox:
        return self.table.cellWidget(row, 0).findChild(QCheckBox)

    def row_values(self, row: int) -> list:
        texts = super().row_values(row)
        return [self.correct_box(row).isChecked(), texts[1], texts[2]]

    def set_row(self, row: int, values: list, entry_id: str) -> None:
        correct, text, feedback = values
        holder = self.table.cellWidget(row, 0)
        if holder is None:
            holder = QWidget()
            box = QCheckBox(holder)
            box.toggled.connect(lambda on, b=box: self._ticked(b, on))
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            line.addWidget(box)
            self.table.setCellWidget(row, 0, holder)
        holder.findChild(QCheckBox).setChecked(bool(correct))
        holder.findChild(QCheckBox).setAccessibleName(f"Choice {row + 1} is correct")
        item = QTableWidgetItem("")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(ID_ROLE, entry_id)
        self.table.setItem(row, 0, item)
        self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.setItem(row, 2, QTableWidgetItem(feedback))

    def _ticked(self, box: QCheckBox, on: bool) -> None:
        if on and not self.kind.several_right:
            for row in range(self.table.rowCount()):
                other = self.correct_box(row)
                if other is not box and other.isChecked():
                    other.setChecked(False)

    def blank_row(self) -> list:
        return [False, "", ""]

    def load(self, data: dict) -> None:
        self.clear()
        for choice in data.get("choices", []):
            self.append([choice.get("correct", False), choice.get("text", ""),
                         choice.get("feedback", "")], choice.get("id"))

    def data(self) -> dict:
        choices = []
        for row in range(self.table.rowCount()):
            correct, text, feedback = self.row_values(row)
            if not text.strip():
                raise InvalidEditError(f"Choice {row + 1} has no text; write it or remove it.")
            choices.append({"id": self.row_id(row), "text": text.strip(), "correct": correct,
                            "feedback": feedback.strip()})
        if len(choices) < 2:
            raise InvalidEditError("A choice question needs at least two choices.")
        if not any(c["correct"] for c in choices):
            raise InvalidEditError("Tick the Correct box of the right choice"
                                   + ("s." if self.kind.several_right else "."))
        return {"choices": choices}


class PairsEditor(TableEditor):
    """Matching: a two-column table of pairs."""

    columns = ("Left", "Matches")
    noun = "pair"
    id_prefix = "p"

    def load(self, data: dict) -> None:
        self.clear()
        for pair in data.get("pairs", []):
            self.append([pair.get("left", ""), pair.get("right", "")], pair.get("id"))

    def data(self) -> dict:
        pairs = []
        for row in range(self.table.rowCount()):
            left, right = (t.strip() for t in self.row_values(row))
            if not left or not right:
                raise InvalidEditError(f"Pair {row + 1} needs both sides; fill it in or remove "
                                       "it.")
            pairs.append({"id": self.row_id(row), "left": left, "right": right})
        if len(pairs) < 2:
            raise InvalidEditError("A matching question needs at least two pairs.")
        return {"pairs": pairs}


class FillEditor(ListEditor):
    """Fill in the blank: accepted answers and how they are compared."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, "accepted answer", "answers", "", parent, keeps_ids=False)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.case = QCheckBox("Case sensitive", self)
        self.spaces = QCheckBox("Ignore extra spaces", self)
        self.layout_.addWidget(self.case)
        self.layout_.addWidget(self.spaces)

    def load(self, data: dict) -> None:
        super().load(data)
        merged = {**self.kind.defaults, **data}
        self.case.setChecked(bool(merged.get("caseSensitive")))
        self.spaces.setChecked(merged.get("normaliseSpace") is not False)

    def data(self) -> dict:
        return {**super().data(), "caseSensitive": self.case.isChecked(),
                "normaliseSpace": self.spaces.isChecked()}


class TrueFalseEditor(AnswerEditor):
    """True / false: which one is right."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.true = QRadioButton("True is right", self)
        self.false = QRadioButton("False is right", self)
        self.layout_.addWidget(self.true)
        self.layout_.addWidget(self.false)

    def load(self, data: dict) -> None:
        (self.true if data.get("answer", True) else self.false).setChecked(True)

    def data(self) -> dict:
        return {"answer": self.true.isChecked()}


class NumericEditor(AnswerEditor):
    """Numeric: value ± tolerance, or a range from min to max; the form used is kept."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.exact = QRadioButton("Value ± tolerance", self)
        self.ranged = QRadioButton("Range from minimum to maximum", self)
        self.value, self.tolerance = QLineEdit(self), QLineEdit(self)
        self.low, self.high = QLineEdit(self), QLineEdit(self)
        for edit, name in ((self.value, "Value"), (self.tolerance, "Tolerance"),
                           (self.low, "Minimum"), (self.high, "Maximum")):
            edit.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.exact)
        form.addRow("Value", self.value)
        form.addRow("Tolerance ±", self.tolerance)
        form.addRow(self.ranged)
        form.addRow("Minimum", self.low)
        form.addRow("Maximum", self.high)
        self.layout_.addLayout(form)
        self.exact.toggled.connect(self._enable)
        self.exact.setChecked(True)

    def _enable(self) -> None:
        exact = self.exact.isChecked()
        for edit in (self.value, self.tolerance):
            edit.setEnabled(exact)
        for edit in (self.low, self.high):
            edit.setEnabled(not exact)

    def load(self, data: dict) -> None:
        ranged = data.get("value") is None and (data.get("min") is not None
                                                or data.get("max") is not None)
        (self.ranged if ranged else self.exact).setChecked(True)
        self.value.setText(number_text(data.get("value")))
        self.tolerance.setText(number_text(data.get("tolerance")) or "0")
        self.low.setText(number_text(data.get("min")))
        self.high.setText(number_text(data.get("max")))
        self._enable()

    def data(self) -> dict:
        if self.exact.isChecked():
            return {"value": parse_number(self.value.text(), "The value"),
                    "tolerance": parse_number(self.tolerance.text() or "0", "The tolerance")}
        low = parse_number(self.low.text(), "The minimum")
        high = parse_number(self.high.text(), "The maximum")
        if low > high:
            raise InvalidEditError(f"The minimum ({low:g}) is above the maximum ({high:g}).")
        return {"min": low, "max": high}


def answer_editor(kind: QuestionType, parent: QWidget | None = None) -> AnswerEditor:
    """The editor of a type's answers, chosen by the fields the type declares."""
    fields = set(kind.fields)
    if "choices" in fields:
        return ChoiceEditor(kind, parent)
    if "pairs" in fields:
        return PairsEditor(kind, parent)
    if "answers" in fields:
        return FillEditor(kind, parent)
    if "answer" in fields:
        return TrueFalseEditor(kind, parent)
    if "value" in fields:
        return NumericEditor(kind, parent)
    if "items" in fields:
        return ListEditor(kind, "step", "items", "s", parent)
    if "scale" in fields:
        return ListEditor(kind, "scale point", "scale", "", parent)
    raise InvalidEditError(f"The form cannot edit {kind.label} questions.")

"""The answer part of the question form, one editor per kind of answer data.

Each editor shows the fields of a question type (:mod:`studio.quiz.types`) as rows, tables
and boxes: ``load(data)`` shows stored data, ``data()`` gives the type's fields back in the
stored shape, with the ids of rows that were loaded kept, so an unchanged form gives back
the data it was given. ``data()`` raises InvalidEditError with a one-line reason for what
the form can tell is wrong; the core's own check runs after it.
"""

from __future__ import annotations

import string

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.quiz.types import QuestionType

ID_ROLE = Qt.ItemDataRole.UserRole
# Keys that work in every list and table of the form, as its buttons do.
ROW_KEYS = {"add": "Ctrl+Return", "remove": "Ctrl+Delete", "up": "Alt+Up", "down": "Alt+Down"}


def number_text(value: object) -> str:
    """A stored number as the form shows it, exactly enough to read back the same number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def parse_number(text: str, what: str) -> int | float:
    """A number typed into the form (a decimal comma is accepted); raises InvalidEditError."""
    cleaned = text.strip().replace(",", ".") if "." not in text else text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidEditError(f"{what} must be a number, not “{text.strip()}”.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidEditError(f"{what} must be a finite number.")
    return value


def _fresh_id(taken: set[str], prefix: str) -> str:
    if not prefix:
        for letter in string.ascii_lowercase:
            if letter not in taken:
                return letter
    n = 1
    while f"{prefix or 'o'}{n}" in taken:
        n += 1
    return f"{prefix or 'o'}{n}"


class RowButtons(QHBoxLayout):
    """Add, remove, move up and move down for a list or a table, with their keys (read by
    the view itself, so they work wherever its focus is, not only in an active window)."""

    def __init__(self, owner: QWidget, view: QWidget, noun: str, actions: dict):
        super().__init__()
        self.buttons: dict[str, QPushButton] = {}
        self.actions = actions
        self.keys = {QKeySequence(sequence): key for key, sequence in ROW_KEYS.items()}
        self.watcher = _KeyWatcher(self, owner)
        view.installEventFilter(self.watcher)
        for key, text in (("add", f"Add {noun}"), ("remove", "Remove"), ("up", "Move up"),
                          ("down", "Move down")):
            button = QPushButton(text, owner)
            button.setAccessibleName(f"{text} ({noun})" if key != "add" else text)
            button.setToolTip(f"{text} ({QKeySequence(ROW_KEYS[key]).toString()})")
            button.clicked.connect(lambda _c=False, act=actions[key]: act())
            self.addWidget(button)
            self.buttons[key] = button
        self.addStretch(1)


class _KeyWatcher(QObject):
    def __init__(self, rows: RowButtons, parent: QObject):
        super().__init__(parent)
        self.rows = rows

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress:
            key = self.rows.keys.get(QKeySequence(event.keyCombination()))
            if key is not None:
                self.rows.actions[key]()
                return True
        return False


class AnswerEditor(QWidget):
    """The answers of one type: subclasses show them and give them back."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def load(self, data: dict) -> None:  # pragma: no cover - every editor overrides it
        raise NotImplementedError

    def data(self) -> dict:  # pragma: no cover - every editor overrides it
        raise NotImplementedError


class TableEditor(AnswerEditor):
    """Rows of a table, each with a kept id: the base of choices and pairs."""

    columns: tuple[str, ...] = ()
    noun = "row"
    id_prefix = ""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels(self.columns)
        self.table.setAccessibleName(f"{kind.label} {self.noun}s")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        header = self.table.horizontalHeader()
        for column in range(len(self.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.rows = RowButtons(self, self.table, self.noun, {
            "add": self.add_row, "remove": self.remove_row,
            "up": lambda: self.move_row(-1), "down": lambda: self.move_row(1)})
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(self.rows)

    # ---- rows as plain values --------------------------------------------------------------
    def row_values(self, row: int) -> list:
        """The cells of a row: text of each text column (subclasses add their boxes)."""
        return [self.table.item(row, c).text() if self.table.item(row, c) else ""
                for c in range(self.table.columnCount())]

    def set_row(self, row: int, values: list, entry_id: str) -> None:
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.item(row, 0).setData(ID_ROLE, entry_id)

    def row_id(self, row: int) -> str:
        return self.table.item(row, 0).data(ID_ROLE)

    def append(self, values: list, entry_id: str | None = None) -> int:
        taken = {self.row_id(r) for r in range(self.table.rowCount())}
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.set_row(row, values, entry_id or _fresh_id(taken, self.id_prefix))
        return row

    # ---- the row buttons ---------------------------------------------------------------------
    def blank_row(self) -> list:
        return [""] * len(self.columns)

    def add_row(self) -> None:
        row = self.append(self.blank_row())
        self.table.setCurrentCell(row, self.text_column)
        self.table.editItem(self.table.item(row, self.text_column))

    text_column = 0

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), self.text_column)

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        here, there = self.row_values(row), self.row_values(other)
        here_id, there_id = self.row_id(row), self.row_id(other)
        self.set_row(row, there, there_id)
        self.set_row(other, here, here_id)
        self.table.setCurrentCell(other, self.table.currentColumn())

    def clear(self) -> None:
        self.table.setRowCount(0)


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


class ListEditor(AnswerEditor):
    """An ordered list of texts, dragged or moved with the buttons: sequencing steps, scale
    points, accepted answers."""

    def __init__(self, kind: QuestionType, noun: str, field: str, prefix: str,
                 parent: QWidget | None = None, keeps_ids: bool = True):
        super().__init__(kind, parent)
        self.noun, self.field, self.prefix, self.keeps_ids = noun, field, prefix, keeps_ids
        self.list = QListWidget(self)
        self.list.setAccessibleName(f"{kind.label}: {noun}s")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMinimumHeight(130)
        self.rows = RowButtons(self, self.list, noun, {
            "add": self.add_row, "remove": self.remove_row,
            "up": lambda: self.move_row(-1), "down": lambda: self.move_row(1)})
        self.layout_.addWidget(self.list)
        self.layout_.addLayout(self.rows)

    def append(self, text: str, entry_id: str | None = None) -> QListWidgetItem:
        taken = {self.list.item(r).data(ID_ROLE) for r in range(self.list.count())}
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(ID_ROLE, entry_id or _fresh_id(taken, self.prefix))
        self.list.addItem(item)
        return item

    def add_row(self) -> None:
        item = self.append("")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def remove_row(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move_row(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)

    def texts(self) -> list[str]:
        return [self.list.item(r).text().strip() for r in range(self.list.count())]

    def load(self, data: dict) -> None:
        self.list.clear()
        for entry in data.get(self.field, []):
            if isinstance(entry, dict):
                self.append(str(entry.get("text", "")), entry.get("id"))
            else:
                self.append(str(entry))

    def data(self) -> dict:
        texts = self.texts()
        if any(not t for t in texts):
            raise InvalidEditError(f"{self.noun.capitalize()} {texts.index('') + 1} is empty; "
                                   "write it or remove it.")
        minimum = 2 if self.keeps_ids else 1
        if len(texts) < minimum:
            raise InvalidEditError(f"A {self.kind.noun} question needs at least {minimum} "
                                   f"{self.noun}{'s' if minimum > 1 else ''}.")
        if not self.keeps_ids:
            return {self.field: texts}
        return {self.field: [{"id": self.list.item(r).data(ID_ROLE), "text": t}
                             for r, t in enumerate(texts)]}


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

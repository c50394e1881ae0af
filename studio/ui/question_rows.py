"""The building blocks of the question form's answer editors: rows in a table or a list,
each with a kept id, added, removed and reordered by buttons and keys; numbers shown and read
back exactly.

An editor's ``load(data)`` shows stored data and ``data()`` gives the type's fields back in the
stored shape, with the ids of loaded rows kept, so an unchanged form gives back the data it
was given. ``data()`` raises InvalidEditError with a one-line reason for what the form can
tell is wrong; the core's own check runs after it.
"""

from __future__ import annotations

import math
import re
import string

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.quiz.judges import read_number
from studio.quiz.types import SCORING_LABELS, QuestionType

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
    """A number typed into the form, read as the player reads a learner's (a decimal comma
    is accepted); a whole number written without a point stays an int. Raises
    InvalidEditError naming ``what``."""
    value = read_number(text)
    if value is None or not math.isfinite(value):
        raise InvalidEditError(f"{what} must be a number, not “{text.strip()}”.")
    return int(value) if re.fullmatch(r"[+-]?\d+", text.strip()) else value


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
    """The answers of one type: subclasses show them and give them back.

    A type with scoring modes gets a "Scoring" drop-down at the top (:attr:`scoring`, None
    otherwise); subclasses read it back with :meth:`load_scoring` and :meth:`scoring_data`
    and hear its changes through :attr:`scoring_changed`."""

    scoring_changed = Signal(str)
    offers_scoring = True  # False: a part of another editor, which offers the scoring

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.scoring: QComboBox | None = None
        if kind.scoring_modes and self.offers_scoring:
            self.scoring = QComboBox(self)
            self.scoring.setAccessibleName("Scoring")
            for mode in kind.scoring_modes:
                self.scoring.addItem(SCORING_LABELS.get(mode, mode), mode)
            self.scoring.currentIndexChanged.connect(
                lambda _i: self.scoring_changed.emit(self.scoring_mode()))
            row = QFormLayout()
            row.addRow("Scoring", self.scoring)
            self.layout_.addLayout(row)

    def scoring_mode(self) -> str:
        """The chosen scoring mode ("" for a type without modes)."""
        return self.scoring.currentData() if self.scoring is not None else ""

    def load_scoring(self, data: dict) -> None:
        """Show the stored ``scoring`` (the type's first mode when there is none)."""
        if self.scoring is not None:
            index = self.scoring.findData(data.get("scoring"))
            self.scoring.setCurrentIndex(max(0, index))
            self.scoring_changed.emit(self.scoring_mode())

    def scoring_data(self) -> dict:
        """``{"scoring": mode}`` for a type with modes, else {}."""
        return {"scoring": self.scoring_mode()} if self.scoring is not None else {}

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

    def row_state(self, row: int) -> list:
        """Everything a row shows, as :meth:`set_row` takes it back (a move swaps these)."""
        return self.row_values(row)

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
        here, there = self.row_state(row), self.row_state(other)
        here_id, there_id = self.row_id(row), self.row_id(other)
        self.set_row(row, there, there_id)
        self.set_row(other, here, here_id)
        self.table.setCurrentCell(other, self.table.currentColumn())

    def clear(self) -> None:
        self.table.setRowCount(0)


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
        self.load_scoring(data)

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
            return {self.field: texts, **self.scoring_data()}
        return {self.field: [{"id": self.list.item(r).data(ID_ROLE), "text": t}
                             for r, t in enumerate(texts)], **self.scoring_data()}

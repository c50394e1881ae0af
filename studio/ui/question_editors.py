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
from studio.ui.dragdrop_editor import DragDropEditor
from studio.ui.hotspot_editor import HotspotEditor
from studio.ui.question_media import MediaButton, asset_kind, require_alt, session_of
from studio.ui.question_partial import PartialAnswers, PartialValues
from studio.ui.question_rows import (
    ID_ROLE,
    AnswerEditor,
    ListEditor,
    TableEditor,
    number_text,
    parse_number,
)
from studio.ui.question_text_editors import DescriptionEditor, EssayEditor


class ChoiceEditor(TableEditor):
    """Choices with a Correct box, their own feedback and media (single choice, multiple
    response); a single choice keeps one box ticked.

    With weights (a single choice's "Partial credit per choice" box, or a multiple response
    scored "Weighted") a Weight % column stands for the Correct box: a choice is right at
    100 % (single) or above 0 % (multiple); negative weights cost credit."""

    columns = ("Correct", "Choice", "Feedback for this choice", "Weight %", "Media")
    noun = "choice"
    text_column = 1
    WEIGHT, MEDIA = 3, 4

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        header = self.table.horizontalHeader()
        for column in (0, self.WEIGHT, self.MEDIA):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.moveSection(self.WEIGHT, 1)  # shown where the Correct box stands
        self.use_weights: QCheckBox | None = None
        if not kind.several_right:
            self.use_weights = QCheckBox("Partial credit per choice (Weight %)", self)
            self.use_weights.toggled.connect(lambda _on: self._show_weights())
            self.layout_.insertWidget(0, self.use_weights)
        self.scoring_changed.connect(lambda _mode: self._show_weights())
        self._show_weights()

    # ---- weights ---------------------------------------------------------------------------
    def weighted(self) -> bool:
        """Whether the choices carry weights (the Weight % column shows)."""
        if self.use_weights is not None:
            return self.use_weights.isChecked()
        return self.scoring_mode() == "weighted"

    def _show_weights(self) -> None:
        on = self.weighted()
        self.table.setColumnHidden(0, on)
        self.table.setColumnHidden(self.WEIGHT, not on)
        if on:  # blank weights start from the Correct boxes
            rows = range(self.table.rowCount())
            right = [r for r in rows if self.correct_box(r).isChecked()]
            share = 100 if not self.kind.several_right else round(100 / max(1, len(right)), 2)
            for row in rows:
                item = self.table.item(row, self.WEIGHT)
                if item is not None and not item.text().strip():
                    item.setText(number_text(share if row in right else 0))

    # ---- rows ------------------------------------------------------------------------------
    def correct_box(self, row: int) -> QCheckBox:
        return self.table.cellWidget(row, 0).findChild(QCheckBox)

    def media_button(self, row: int) -> MediaButton:
        return self.table.cellWidget(row, self.MEDIA)

    def row_values(self, row: int) -> list:
        texts = super().row_values(row)
        return [self.correct_box(row).isChecked(), texts[1], texts[2]]

    def row_state(self, row: int) -> list:
        button = self.media_button(row)
        weight = self.table.item(row, self.WEIGHT)
        return [*self.row_values(row), weight.text() if weight else "", button.media,
                button.alt]

    def set_row(self, row: int, values: list, entry_id: str) -> None:
        correct, text, feedback = values[:3]
        weight, media, alt = (list(values[3:]) + ["", None, ""])[:3]
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
        self.table.setItem(row, self.WEIGHT, QTableWidgetItem(weight))
        button = self.table.cellWidget(row, self.MEDIA)
        if button is None:
            button = MediaButton(f"choice {row + 1}", parent=self.table)
            self.table.setCellWidget(row, self.MEDIA, button)
        button.what = f"choice {row + 1}"
        button.set_media(media, alt)

    def _ticked(self, box: QCheckBox, on: bool) -> None:
        if on and not self.kind.several_right:
            for row in range(self.table.rowCount()):
                other = self.correct_box(row)
                if other is not box and other.isChecked():
                    other.setChecked(False)

    def blank_row(self) -> list:
        return [False, "", "", "0" if self.weighted() else ""]

    def load(self, data: dict) -> None:
        self.clear()
        choices = data.get("choices", [])
        for choice in choices:
            weight = choice.get("weight")
            self.append([choice.get("correct", False), choice.get("text", ""),
                         choice.get("feedback", ""),
                         number_text(weight) if weight is not None else "",
                         choice.get("media"), choice.get("mediaAlt", "")], choice.get("id"))
        self.load_scoring(data)
        if self.use_weights is not None:
            self.use_weights.setChecked(any(c.get("weight") is not None for c in choices))
        self._show_weights()

    def data(self) -> dict:
        weighted = self.weighted()
        choices = []
        for row in range(self.table.rowCount()):
            correct, text, feedback = self.row_values(row)
            if not text.strip():
                raise InvalidEditError(f"Choice {row + 1} has no text; write it or remove it.")
            button = self.media_button(row)
            require_alt(asset_kind(session_of(self), button.media), button.alt,
                        f"choice {row + 1}'s picture")
            choice = {"id": self.row_id(row), "text": text.strip(), "correct": correct,
                      "feedback": feedback.strip()}
            if weighted:
                weight = parse_number(self.table.item(row, self.WEIGHT).text() or "0",
                                      f"The weight of choice {row + 1}")
                if not -100 <= weight <= 100:
                    raise InvalidEditError(f"The weight of choice {row + 1} must be from "
                                           "-100 to 100 %.")
                choice["weight"] = weight
                choice["correct"] = weight == 100 if not self.kind.several_right \
                    else weight > 0
            choices.append(choice | button.entry_fields())
        if len(choices) < 2:
            raise InvalidEditError("A choice question needs at least two choices.")
        if not any(c["correct"] for c in choices):
            if weighted:
                raise InvalidEditError("Give the right choice a weight of 100 %."
                                       if not self.kind.several_right else
                                       "Give the right choices weights above 0 %.")
            raise InvalidEditError("Tick the Correct box of the right choice"
                                   + ("s." if self.kind.several_right else "."))
        return {"choices": choices, **self.scoring_data()}


class PairsEditor(TableEditor):
    """Matching: a two-column table of pairs."""

    columns = ("Left", "Matches")
    noun = "pair"
    id_prefix = "p"

    def load(self, data: dict) -> None:
        self.clear()
        for pair in data.get("pairs", []):
            self.append([pair.get("left", ""), pair.get("right", "")], pair.get("id"))
        self.load_scoring(data)

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
        return {"pairs": pairs, **self.scoring_data()}


class FillEditor(ListEditor):
    """Fill in the blank: accepted answers and how they are compared."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, "accepted answer", "answers", "", parent, keeps_ids=False)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.case = QCheckBox("Case sensitive", self)
        self.spaces = QCheckBox("Ignore extra spaces", self)
        self.layout_.addWidget(self.case)
        self.layout_.addWidget(self.spaces)
        self.partial = PartialAnswers(kind, self)
        self.layout_.addWidget(self.partial)

    def load(self, data: dict) -> None:
        super().load(data)
        merged = {**self.kind.defaults, **data}
        self.case.setChecked(bool(merged.get("caseSensitive")))
        self.spaces.setChecked(merged.get("normaliseSpace") is not False)
        self.partial.load(data)

    def data(self) -> dict:
        return {**super().data(), "caseSensitive": self.case.isChecked(),
                "normaliseSpace": self.spaces.isChecked(), **self.partial.data()}


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
        self.partial = PartialValues(kind, self)
        self.layout_.addWidget(self.partial)
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
        self.partial.load(data)

    def data(self) -> dict:
        if self.exact.isChecked():
            return {"value": parse_number(self.value.text(), "The value"),
                    "tolerance": parse_number(self.tolerance.text() or "0", "The tolerance"),
                    **self.partial.data()}
        low = parse_number(self.low.text(), "The minimum")
        high = parse_number(self.high.text(), "The maximum")
        if low > high:
            raise InvalidEditError(f"The minimum ({low:g}) is above the maximum ({high:g}).")
        return {"min": low, "max": high, **self.partial.data()}


def answer_editor(kind: QuestionType, parent: QWidget | None = None) -> AnswerEditor:
    """The editor of a type's answers, chosen by the fields the type declares."""
    fields = set(kind.fields)
    if not fields:
        return DescriptionEditor(kind, parent)
    if "regions" in fields:
        return HotspotEditor(kind, parent)
    if "categories" in fields:
        return DragDropEditor(kind, parent)
    if "modelAnswer" in fields:
        return EssayEditor(kind, parent)
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

"""Answers worth part of a question's points, for fill-in-the-blank and numeric questions: a
small table of answers (or values with their tolerance) and their weight in percent
(1 to 99; a full answer is written above it, in the type's own answers)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from studio.errors import InvalidEditError
from studio.quiz.types import QuestionType
from studio.ui.question_rows import TableEditor, number_text, parse_number

LOWEST, HIGHEST = 1, 99  # percent: a partial answer earns some, never all, of the points


def _weight(text: str, row: int) -> int | float:
    weight = parse_number(text or "", f"The weight of partial answer {row + 1}")
    if not LOWEST <= weight <= HIGHEST:
        raise InvalidEditError(f"The weight of partial answer {row + 1} must be from "
                               f"{LOWEST} to {HIGHEST} %.")
    return weight


class PartialAnswers(TableEditor):
    """``partial`` of a fill-in question: rows of (answer text, weight %)."""

    columns = ("Partly right answer", "Weight %")
    noun = "partial answer"
    text_column = 0
    offers_scoring = False

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.table.setMinimumHeight(90)
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.columns) - 1, QHeaderView.ResizeMode.ResizeToContents)

    def blank_row(self) -> list:
        return [""] * (len(self.columns) - 1) + ["50"]

    def load(self, data: dict) -> None:
        self.clear()
        for entry in data.get("partial") or []:
            self.append([entry.get("text", ""), number_text(entry.get("weight"))])

    def data(self) -> dict:
        """``{"partial": [{"text", "weight"}]}``; {} when there are none."""
        out = []
        for row in range(self.table.rowCount()):
            text, weight = (t.strip() for t in self.row_values(row))
            if not text:
                raise InvalidEditError(f"Partial answer {row + 1} is empty; write it or "
                                       "remove it.")
            out.append({"text": text, "weight": _weight(weight, row)})
        return {"partial": out} if out else {}


class PartialValues(PartialAnswers):
    """``partial`` of a numeric question: rows of (value, tolerance ±, weight %)."""

    columns = ("Partly right value", "Tolerance ±", "Weight %")

    def load(self, data: dict) -> None:
        self.clear()
        for entry in data.get("partial") or []:
            self.append([number_text(entry.get("value")),
                         number_text(entry.get("tolerance", 0)),
                         number_text(entry.get("weight"))])

    def data(self) -> dict:
        """``{"partial": [{"value", "tolerance", "weight"}]}``; {} when there are none."""
        out = []
        for row in range(self.table.rowCount()):
            value, tolerance, weight = (t.strip() for t in self.row_values(row))
            tolerance = parse_number(tolerance or "0", f"The tolerance of partial answer "
                                     f"{row + 1}")
            if tolerance < 0:
                raise InvalidEditError(f"The tolerance of partial answer {row + 1} cannot be "
                                       "below 0.")
            out.append({"value": parse_number(value, f"The value of partial answer {row + 1}"),
                        "tolerance": tolerance, "weight": _weight(weight, row)})
        return {"partial": out} if out else {}

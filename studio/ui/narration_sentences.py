"""The sentences of a narration track as a table: a play button, the start time, the text,
and for aligned speech the confidence, with cues flagged for review marked in words and
colour (a "⚠ Review" text, an amber row)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)

from studio.ui.timeline.logic import duration_text

REVIEW_BACKGROUND = QColor("#ffe08a")  # amber; the text stays dark on it (contrast > 10:1)
REVIEW_TEXT = QColor("#1a1a1a")
REVIEW_MARK = "⚠ Review"
COLUMNS = ("", "Start", "Sentence", "Confidence")


def confidence_text(confidence: float | None, review: bool) -> str:
    """What the confidence column says: "", "87 %", or "⚠ Review · 42 %"."""
    shown = "" if confidence is None else f"{round(confidence * 100)} %"
    if review:
        return f"{REVIEW_MARK} · {shown}" if shown else REVIEW_MARK
    return shown


class SentenceTable(QTableWidget):
    play_requested = Signal(int)  # the sentence's index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setAccessibleName("Narration sentences")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for column, mode in ((0, QHeaderView.ResizeMode.ResizeToContents),
                             (1, QHeaderView.ResizeMode.ResizeToContents),
                             (2, QHeaderView.ResizeMode.Stretch),
                             (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.buttons: list[QToolButton] = []
        self.review_rows: list[int] = []

    def show_sentences(self, sentences, playable: bool) -> None:
        """Fill the table from ``SpokenSentence`` values; ``playable``: play buttons work."""
        self.setRowCount(len(sentences))
        self.buttons, self.review_rows = [], []
        for row, sentence in enumerate(sentences):
            button = QToolButton(self)
            button.setText("▶")
            button.setAccessibleName(f"Play sentence {row + 1}")
            button.setToolTip(f"Play sentence {row + 1}")
            button.setEnabled(playable)
            button.clicked.connect(lambda _c=False, n=row: self.play_requested.emit(n))
            self.setCellWidget(row, 0, button)
            self.buttons.append(button)
            cells = (duration_text(sentence.start), sentence.text or "(no script: a speech run)",
                     confidence_text(sentence.confidence, sentence.review))
            for column, text in enumerate(cells, start=1):
                cell = QTableWidgetItem(text)
                cell.setToolTip(sentence.text if column == 2 else text)
                if sentence.review:
                    cell.setBackground(QBrush(REVIEW_BACKGROUND))
                    cell.setForeground(QBrush(REVIEW_TEXT))
                self.setItem(row, column, cell)
            if sentence.review:
                self.review_rows.append(row)
        self.resizeRowsToContents()

    def keyPressEvent(self, event) -> None:
        """Enter or Space on a row plays its sentence."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and self.currentRow() >= 0 and self.buttons \
                and self.buttons[self.currentRow()].isEnabled():
            self.play_requested.emit(self.currentRow())
            return
        super().keyPressEvent(event)

"""The side-by-side table of the translation panel: Where / Source / Translation / State.

One row per segment. Only the Translation column is editable: Enter or leaving the cell
hands the text to :attr:`TranslationTable.edited` (the panel stores it as one undo step).
The state is written out in words and tinted, never colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from studio.translation.units import Segment, SegmentState, Translation
from studio.ui.translation_use import STATE_NAMES

WHERE, SOURCE, TRANSLATION, STATE = range(4)
HEADERS = ("Where", "Source", "Translation", "State")
STATE_TINTS = {SegmentState.CURRENT: "#d8f0dc", SegmentState.NEEDS_REVIEW: "#fbe3b0",
               SegmentState.NEW: "#f3d0d0"}
STATE_TIPS = {
    SegmentState.CURRENT: "Translated from the source as it reads now",
    SegmentState.NEEDS_REVIEW: "The source changed since this was translated: check it, "
                               "then edit it or Mark reviewed",
    SegmentState.NEW: "Not translated yet: the source text is used in this language"}
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def where(segment: Segment, titles: Mapping[str, str]) -> str:
    """Where a segment shows, for the Where column: its translator's note, else the owner's
    title and the field ("Welcome · title")."""
    if segment.note:
        return segment.note
    owner = titles.get(segment.owner) or titles.get(segment.item or "") or segment.owner
    return f"{owner} · {segment.field}"


class TranslationTable(QTableWidget):
    """Rows of (segment, state, translation); ``edited(segment id, text)`` when a
    translation cell is changed by the person."""

    edited = Signal(str, str)
    editor_closed = Signal()  # a redraw put off while a cell was being edited may happen now

    def __init__(self, parent=None):
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self.setAccessibleName("Source and translation, side by side")
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        header = self.horizontalHeader()
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TRANSLATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(WHERE, 120)
        self.verticalHeader().setVisible(False)
        self.segments: list[Segment] = []
        self.rows: dict[str, tuple[SegmentState, Translation | None]] = {}
        self.itemChanged.connect(self._changed)

    def show_rows(self, segments: Sequence[Segment],
                  states: Mapping[str, tuple[SegmentState, Translation | None]],
                  titles: Mapping[str, str]) -> None:
        """Fill the table; the row that was current stays current when its segment is
        still shown."""
        current = self.current_segment()
        self.segments = list(segments)
        self.rows = {s.id: states.get(s.id, (SegmentState.NEW, None)) for s in segments}
        header = self.horizontalHeader()
        # a header sized to its contents measures the column again at every cell set
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Fixed)
        self.setUpdatesEnabled(False)
        self.blockSignals(True)
        try:
            self.setRowCount(len(self.segments))
            for row, segment in enumerate(self.segments):
                state, translation = self.rows[segment.id]
                cells = (where(segment, titles), segment.text,
                         translation.text if translation else "", STATE_NAMES[state])
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    if column != TRANSLATION:
                        cell.setFlags(_READ_ONLY)
                    cell.setData(Qt.ItemDataRole.UserRole, segment.id)
                    self.setItem(row, column, cell)
                if segment.max_length:
                    self.item(row, TRANSLATION).setToolTip(
                        f"At most {segment.max_length} characters")
                tint = self.item(row, STATE)
                tint.setBackground(QBrush(QColor(STATE_TINTS[state])))
                tint.setForeground(QBrush(QColor("#1b1b1b")))
                tint.setToolTip(STATE_TIPS[state])
        finally:
            self.blockSignals(False)
            header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
            self.setUpdatesEnabled(True)
        self.resizeRowsToContents()
        if current is not None and current.id in self.rows:
            self.setCurrentCell(self.row_of(current.id), TRANSLATION)

    def event(self, event) -> bool:
        # F2 edits the cell here, as in any table, rather than renaming in the outline
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_F2:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        # typing (or F2) on the source side of a row edits that row's translation
        row = self.currentRow()
        if row >= 0 and self.currentColumn() != TRANSLATION and not self.editing() and (
                event.key() == Qt.Key.Key_F2 or (event.text().isprintable() and event.text()
                                                  and not event.modifiers()
                                                  & ~Qt.KeyboardModifier.ShiftModifier)):
            self.setCurrentCell(row, TRANSLATION)
        super().keyPressEvent(event)

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        self.editor_closed.emit()

    def current_segment(self) -> Segment | None:
        row = self.currentRow()
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def selected_segments(self) -> list[Segment]:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return [self.segments[row] for row in rows if row < len(self.segments)]

    def row_of(self, segment_id: str) -> int:
        return next((row for row, s in enumerate(self.segments) if s.id == segment_id), -1)

    def _changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == TRANSLATION:
            self.edited.emit(cell.data(Qt.ItemDataRole.UserRole), cell.text())

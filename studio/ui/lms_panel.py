"""The learner preview's side panel: what an LMS has received so far, redrawn at each call."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.ui.learner_lms import (
    EDITION,
    SUSPEND_LIMIT,
    SUSPEND_LIMIT_12,
    ApiCall,
    LmsRecord,
)

INTERACTION_COLUMNS = ("Id", "Type", "Learner response", "Result")
REDRAW_MS = 30  # a quiz submit sends dozens of calls at once: they are drawn together


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


class LmsPanel(QWidget):
    """Status, score, interactions, suspend data, session time and the call log of one
    learner; :attr:`leave_requested` when the designer ends the session as a learner closing
    the course would, :attr:`restart_requested` when they ask for a new learner."""

    leave_requested = Signal()
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = LmsRecord()
        heading = QLabel(f"What the LMS receives ({EDITION})", self)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold")
        self.completion = QLabel(self)
        self.success = QLabel(self)
        self.score = QLabel(self)
        self.progress = QLabel(self)
        self.suspend = QLabel(self)
        self.suspend.setWordWrap(True)
        self.session_time = QLabel(self)
        form = QFormLayout()
        form.addRow("Completion:", self.completion)
        form.addRow("Success:", self.success)
        form.addRow("Score:", self.score)
        form.addRow("Progress:", self.progress)
        form.addRow("Suspend data:", self.suspend)
        form.addRow("Session time:", self.session_time)
        for label, name in ((self.completion, "Completion status"),
                            (self.success, "Success status"), (self.score, "Score"),
                            (self.progress, "Progress measure"), (self.suspend, "Suspend data"),
                            (self.session_time, "Session time")):
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.interactions = QTableWidget(0, len(INTERACTION_COLUMNS), self)
        self.interactions.setHorizontalHeaderLabels(INTERACTION_COLUMNS)
        self.interactions.setAccessibleName("Interactions")
        self.interactions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.interactions.verticalHeader().setVisible(False)
        header = self.interactions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # ids run long
        self.interactions.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.log = QListWidget(self)
        self.log.setAccessibleName("API calls in order")
        self.log.setUniformItemSizes(True)
        self.restart = QPushButton("Restart as new learner", self)
        self.restart.setToolTip("Forget this learner's data and launch the course again")
        self.restart.clicked.connect(self.restart_requested)
        self.leave = QPushButton("Leave the course", self)
        self.leave.setToolTip("End the session as a learner closing the course does: the "
                              "content sends its exit, session time and Terminate")
        self.leave.clicked.connect(self.leave_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel("Interactions:", self))
        layout.addWidget(self.interactions, 2)
        layout.addWidget(QLabel("API calls:", self))
        layout.addWidget(self.log, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave)
        buttons.addWidget(self.restart)
        QWidget.setTabOrder(self.leave, self.restart)  # left to right, as they are shown
        layout.addLayout(buttons)
        self._tick = QTimer(self)  # the session time runs until the content reports it
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_session_time)
        self._redraw_soon = QTimer(self)
        self._redraw_soon.setSingleShot(True)
        self._redraw_soon.setInterval(REDRAW_MS)
        self._redraw_soon.timeout.connect(self._redraw)
        self.reset()

    def reset(self) -> None:
        """A new learner: nothing received yet."""
        self._redraw_soon.stop()
        self.record = LmsRecord()
        self.log.clear()
        self._redraw()

    def add_call(self, call: ApiCall) -> None:
        """Log one call and show what the LMS holds after it (drawn within
        :data:`REDRAW_MS`)."""
        self.record.add(call)
        if not self._redraw_soon.isActive():
            self._redraw_soon.start()

    def _redraw(self) -> None:
        calls = self.record.calls
        first = self.log.count()
        if len(calls) > first:
            self.log.addItems([call.text() for call in calls[first:]])
            for row, call in enumerate(calls[first:], start=first):
                if not call.ok:
                    self.log.item(row).setForeground(Qt.GlobalColor.red)
            self.log.scrollToBottom()
        value = self.record.value
        self.completion.setText(value("cmi.completion_status", "unknown"))
        self.success.setText(value("cmi.success_status", "unknown"))
        parts = [f"{name} {value('cmi.score.' + name) or '–'}"
                 for name in ("raw", "min", "max", "scaled")]
        self.score.setText(" · ".join(parts))
        measure = value("cmi.progress_measure")
        self.progress.setText(f"{float(measure):.0%}" if measure else "–")
        size = self.record.suspend_size
        over = size > SUSPEND_LIMIT
        self.suspend.setText(f"{size:,} of {SUSPEND_LIMIT:,} characters"
                             + (" — over the limit" if over else "")
                             + (f" (SCORM 1.2 keeps {SUSPEND_LIMIT_12:,})"
                                if size > SUSPEND_LIMIT_12 else ""))
        self.suspend.setStyleSheet("color: red" if size > SUSPEND_LIMIT_12 else "")
        rows = self.record.interactions()
        self.interactions.setRowCount(len(rows))
        for row, ia in enumerate(rows):
            for column, text in enumerate((ia.id, ia.type, ia.learner_response, ia.result)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(f"{ia.description}\n{text}" if ia.description else text)
                self.interactions.setItem(row, column, cell)
        self._show_session_time()
        if self.record.terminated:
            self.leave.setEnabled(False)

    def _show_session_time(self) -> None:
        reported = self.record.value("cmi.session_time")
        started = self.record.started_at
        if reported:
            exit_ = self.record.value("cmi.exit") or "–"
            text = f"{reported} (sent at exit; exit: {exit_})"
        elif started is not None and not self.record.terminated:
            elapsed = max(0.0, time.time() - started / 1000)
            text = f"running, {_clock(elapsed)} so far (sent at exit)"
        else:
            text = "–"
        self.session_time.setText(text)
        running = started is not None and not reported and not self.record.terminated
        if running != self._tick.isActive():
            self._tick.start() if running else self._tick.stop()

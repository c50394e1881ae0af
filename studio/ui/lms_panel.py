"""The learner preview's side panel: what the LMS has received so far and what it has kept,
the LMS twin's warnings on the session, redrawn as calls arrive."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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

from studio.ui.learner_lms import SCORM2004, ApiCall, DataModel, LmsRecord

INTERACTION_COLUMNS = ("Id", "Type", "Learner response", "Result")
REDRAW_MS = 30  # a quiz submit sends dozens of calls at once: they are drawn together
ROWS = ("Completion", "Success", "Score", "Progress", "Suspend data", "Session time")
NOT_KEPT = "color: #b35c00"  # a value set but not (yet) kept by the LMS


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _selectable(label: QLabel, name: str) -> QLabel:
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LmsPanel(QWidget):
    """Status, score, interactions, suspend data, session time and the call log of one
    learner, beside what the LMS kept of them and the twin's warnings;
    :attr:`leave_requested` when the designer ends the session as a learner closing the
    course would, :attr:`restart_requested` when they ask for a new learner."""

    leave_requested = Signal()
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = LmsRecord()
        self.suspend_limit = 64000
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold")
        self.profile = _selectable(QLabel(self), "LMS profile")
        self.profile.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("Set by the course", self), 0, 1)
        grid.addWidget(QLabel("Kept by the LMS", self), 0, 2)
        self.shown: dict[str, QLabel] = {}
        self.kept: dict[str, QLabel] = {}
        for row, name in enumerate(ROWS, start=1):
            grid.addWidget(QLabel(f"{name}:", self), row, 0)
            self.shown[name] = _selectable(QLabel(self), name)
            self.shown[name].setWordWrap(True)
            self.kept[name] = _selectable(QLabel(self), f"{name} kept by the LMS")
            grid.addWidget(self.shown[name], row, 1)
            grid.addWidget(self.kept[name], row, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.completion, self.success, self.score = (self.shown[n] for n in ROWS[:3])
        self.progress, self.suspend, self.session_time = (self.shown[n] for n in ROWS[3:])
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName("What a tester would raise")
        self.warnings.setWordWrap(True)
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
        layout.addWidget(self.heading)
        layout.addWidget(self.profile)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Warnings:", self))
        layout.addWidget(self.warnings, 1)
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
        self.show_lms("the LMS", "", SCORM2004, self.suspend_limit)

    def show_lms(self, label: str, about: str, model: DataModel, suspend_limit: int) -> None:
        """Which LMS records (``label``; ``about``: its profile's name and version), in which
        edition's data model, keeping ``suspend_limit`` characters of suspend data; a new
        learner starts."""
        self.heading.setText(f"What {label} records ({model.label})")
        self.profile.setText(about)
        self.profile.setVisible(bool(about))
        self.suspend_limit = suspend_limit
        self.progress.setEnabled(bool(model.progress))
        self.success.setToolTip("" if model.success else
                                "SCORM 1.2 reports passed or failed in the lesson status")
        self.reset(model)

    def reset(self, model: DataModel | None = None) -> None:
        """A new learner: nothing received or kept yet."""
        self._redraw_soon.stop()
        self.record = LmsRecord(model or self.record.model)
        self.log.clear()
        self.warnings.clear()
        self._redraw()

    def add_call(self, call: ApiCall) -> None:
        """Log one call and show what the LMS holds after it (drawn within
        :data:`REDRAW_MS`)."""
        self.record.add(call)
        if not self._redraw_soon.isActive():
            self._redraw_soon.start()

    def show_kept(self, kept: dict[str, str]) -> None:
        """What the LMS has kept so far (element -> value), as its twin journals it."""
        self.record.kept = dict(kept)
        if not self._redraw_soon.isActive():
            self._redraw_soon.start()

    def show_warnings(self, lines: list[tuple[str, bool]]) -> None:
        """The twin's warnings on the session so far: (message, whether it fails)."""
        self.warnings.clear()
        for message, fails in lines:
            self.warnings.addItem(("✖ " if fails else "⚠ ") + message)
            if fails:
                self.warnings.item(self.warnings.count() - 1).setForeground(
                    Qt.GlobalColor.red)
        if not lines:
            self.warnings.addItem("None so far.")

    def _values(self, source: dict[str, str]) -> dict[str, str]:
        """The rows' texts of one set of values (what was set, or what was kept)."""
        model = self.record.model

        def get(element: str, default: str = "") -> str:
            return source.get(element, default) if element else default

        status = get(model.completion, "unknown" if model.success else "not attempted")
        size = len(get(model.suspend))
        parts = [f"{name} {get(model.score + name) or '–'}"
                 for name in ("raw", "min", "max", "scaled")[:4 if model.success else 3]]
        measure = get(model.progress)
        return {"Completion": status,
                "Success": get(model.success, "unknown") if model.success else
                ("passed" if status == "passed" else "failed" if status == "failed" else
                 "unknown"),
                "Score": " · ".join(parts),
                "Progress": f"{float(measure):.0%}" if measure else "–",
                "Suspend data": f"{size:,} of {self.suspend_limit:,} characters"}

    def _redraw(self) -> None:
        calls = self.record.calls
        first = self.log.count()
        if len(calls) > first:
            self.log.addItems([call.text() for call in calls[first:]])
            for row, call in enumerate(calls[first:], start=first):
                if not call.ok:
                    self.log.item(row).setForeground(Qt.GlobalColor.red)
            self.log.scrollToBottom()
        shown, kept = self._values(self.record.values), self._values(self.record.kept)
        size = self.record.suspend_size
        for name, text in shown.items():
            self.shown[name].setText(text + (" — over the limit" if name == "Suspend data"
                                             and size > self.suspend_limit else ""))
            waiting = text != kept[name] and bool(self.record.calls)
            self.kept[name].setText(kept[name] + (" (not kept yet)" if waiting else ""))
            self.kept[name].setStyleSheet(NOT_KEPT if waiting else "")
        self.suspend.setStyleSheet("color: red" if size > self.suspend_limit else "")
        total = self.record.kept.get(self.record.model.total_time, "")
        self.kept["Session time"].setText(f"total {total}" if total else "–")
        self.kept["Session time"].setStyleSheet("")
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
        model = self.record.model
        reported = self.record.value(model.session_time)
        started = self.record.started_at
        running = started is not None and not self.record.terminated
        if running:
            text = f"running, {_clock(max(0.0, time.time() - started))} so far"
            text += f" (last sent: {reported})" if reported else ""
        elif reported:
            exit_ = self.record.value(model.exit) or "–"
            text = f"{reported} (exit: {exit_})"
        else:
            text = "–"
        self.session_time.setText(text)
        if running != self._tick.isActive():
            self._tick.start() if running else self._tick.stop()

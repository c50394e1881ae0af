"""The status bar's view of the project: whether every change is saved, and the running jobs
(what runs, how far it is, and a way to stop it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStatusBar,
    QToolButton,
    QWidget,
)

from studio.ui.session import ProjectSession
from studio.ui.shortcuts import keys
from studio.ui.workers import Job, JobRunner

SAVED = "All changes saved"
FINISHING = "Finishing…"
READ_ONLY = "Read-only: changes cannot be saved"


def show_notice(bar: QStatusBar, text: str, beside: tuple[QWidget, ...],
                timeout_ms: int = 8000) -> None:
    """Show ``text`` on the status bar cut with "…" to the room left of the ``beside``
    widgets (the bar's permanent ones), so it never runs under them; the whole text is the
    bar's tooltip."""
    shown = [w for w in beside if w.isVisible()]
    room = (min(w.x() for w in shown) if shown else bar.width()) - 16
    bar.showMessage(bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                 max(room, 40)), timeout_ms)
    bar.setToolTip(text)


def writing_jobs(runner: JobRunner) -> list[Job]:
    """The running jobs that write to the project (imports), oldest first."""
    return [job for job in runner.running if job.writes and not job.done]


class SaveStatus(QLabel):
    """Says where the project's changes stand. Every edit is written as it is made, so
    after an edit it reads "All changes saved"; while a job writes to the project, what it
    writes; for a write-protected project, that nothing can be saved."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.session: ProjectSession | None = None
        self.setAccessibleName("Save state")
        self.setToolTip("Every edit is written to the project as it is made")
        runner.jobs_changed.connect(self.refresh)
        self.refresh()

    def watch(self, session: ProjectSession | None) -> None:
        """Follow this open project (None: no project)."""
        self.session = session
        if session is not None:
            session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        self.setVisible(self.session is not None)
        if self.session is None:
            return
        writing = writing_jobs(self.runner)
        if self.session.project.read_only:
            self.setText(READ_ONLY)
        elif writing:
            self.setText(f"Writing: {writing[-1].name}…")
        else:
            self.setText(SAVED)


class JobStatus(QWidget):
    """The newest running job: its name and message, a progress bar, and a Cancel button
    reached by Tab; ``cancel_action`` (Escape, for the whole window) cancels it too. A job
    that reports it is done but has not returned yet reads "Finishing…" over a busy bar."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.stop = QToolButton(self)
        self.stop.setText("✕")
        self.stop.setToolTip("Cancel this job")
        self.stop.setAccessibleName("Cancel this job")
        self.stop.setAutoRaise(True)
        self.stop.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stop.clicked.connect(self._cancel)
        self.cancel_action = QAction("Cancel the running &job", self)
        self.cancel_action.setShortcut(keys("cancel_job"))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.cancel_action.setStatusTip("Stop the job shown in the status bar")
        self.cancel_action.triggered.connect(self._cancel)
        self.addAction(self.cancel_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self.shown: Job | None = None
        runner.jobs_changed.connect(self._jobs_changed)
        self._jobs_changed()

    def _jobs_changed(self) -> None:
        running = [job for job in self.runner.running if not job.done]
        self.setVisible(bool(running))
        self.cancel_action.setEnabled(bool(running))
        if self.shown is not None and self.shown not in running:
            self.shown = None
        if running and self.shown is None:
            self.shown = running[-1]
            self.shown.progressed.connect(self._progressed)
        self._progressed()

    def _progressed(self, *_: object) -> None:
        running = [job for job in self.runner.running if not job.done]
        job = self.shown
        if job is None:
            return
        more = f" (+{len(running) - 1} more)" if len(running) > 1 else ""
        finishing = job.fraction >= 1.0
        message = FINISHING if finishing else job.message or "working"
        self.label.setText(f"{job.name}: {message}{more}")
        self.bar.setRange(0, 0 if finishing else 1000)  # 0..0: a busy bar, no end in sight
        self.bar.setValue(int(job.fraction * 1000))

    def _cancel(self) -> None:
        if self.shown is not None:
            self.shown.cancel()

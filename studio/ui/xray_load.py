"""Load learner data…: an xAPI LRS (endpoint, user, password, since) and/or files (statements
as JSON or JSONL, LMS interaction reports as CSV), read into the project's learner-data cache
as one job with progress and Cancel, then measured. A refusal or a failure is one line in the
dialog; what was typed stays."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.text import plural
from studio.ui.session import ProjectSession
from studio.ui.settings import app_settings
from studio.ui.theme import error_style
from studio.ui.workers import Job
from studio.ui.xray_state import LearnerSources, XRayHolder, learner_store

STALL_MS = 800  # no progress for this long: the bar turns busy
STATUS_ROOM = 100  # characters of a read's message the status bar shows whole


def sentence(note: str) -> str:
    """A read's note as a sentence: a capital first, a full stop last."""
    note = note.strip()
    if not note:
        return ""
    note = note[0].upper() + note[1:]
    return note if note.endswith((".", "!", "?", "…")) else note + "."


class FileList(QWidget):
    """A list of chosen files with Add… and Remove; a file is listed once."""

    duplicate = Signal(int)  # how many files chosen were listed already

    def __init__(self, name: str, patterns: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.patterns = patterns
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setFixedHeight(56)
        self.add = QPushButton("Add…", self)
        self.add.setAccessibleName(f"Add {name.lower()}")
        self.add.clicked.connect(self.choose)
        self.remove = QPushButton("Remove", self)
        self.remove.setAccessibleName(f"Remove from {name.lower()}")
        self.remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        buttons = QVBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.list, 1)
        line.addLayout(buttons)

    def choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.list.accessibleName(), "",
                                                self.patterns)
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> int:
        """Add the files not listed yet; returns how many were already there."""
        listed = {p.resolve() for p in self.paths()}
        twice = 0
        for path in paths:
            if Path(path).resolve() in listed:
                twice += 1
                continue
            listed.add(Path(path).resolve())
            self.list.addItem(str(path))
        if twice:
            self.duplicate.emit(twice)
        return twice

    def paths(self) -> tuple[Path, ...]:
        return tuple(Path(self.list.item(n).text()) for n in range(self.list.count()))


class LoadLearnerData(QDialog):
    """The dialog; :meth:`start` runs the job (the Load button does)."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.holder = XRayHolder.of(session)
        self.job: Job | None = None
        self.setWindowTitle("Load learner data")
        self.setAccessibleName("Load learner data")
        self.endpoint = QLineEdit(self)
        self.endpoint.setAccessibleName("LRS endpoint")
        self.endpoint.setPlaceholderText("https://lrs.example.org/xAPI/")
        self.user = QLineEdit(self)
        self.user.setAccessibleName("LRS user")
        self.password = QLineEdit(self)
        self.password.setAccessibleName("LRS password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.since = QLineEdit(self)
        self.since.setAccessibleName("Since")
        self.since.setPlaceholderText("what is new since the last read")
        self.since.setToolTip("An ISO 8601 date or time (2026-11-01 or 2026-11-01T08:00:00Z); "
                              "empty: only statements stored since the last read")
        lrs = QGroupBox("From an xAPI LRS", self)
        form = QFormLayout(lrs)
        form.addRow("Endpoint", self.endpoint)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("Since", self.since)
        self.registration = QLineEdit(self)
        self.registration.setAccessibleName("Registration")
        self.registration.setPlaceholderText("every attempt")
        self.registration.setToolTip("The registration (a UUID) of one attempt, to read only "
                                     "its statements; empty: every attempt")
        self.registration.textChanged.connect(self._check_registration)
        form.addRow("Registration", self.registration)
        self.statements = FileList("Statement files", "xAPI statements (*.json *.jsonl "
                                   "*.ndjson);;All files (*)", self)
        self.reports = FileList("SCORM interaction reports", "CSV reports (*.csv *.txt);;"
                                "All files (*)", self)
        files = QGroupBox("From files", self)
        form = QFormLayout(files)
        form.addRow("Statements", self.statements)
        form.addRow("SCORM reports", self.reports)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Reading progress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.stalled = QTimer(self)
        self.stalled.setSingleShot(True)
        self.stalled.setInterval(STALL_MS)
        self.stalled.timeout.connect(lambda: self.progress.setRange(0, 0))
        for chosen in (self.statements, self.reports):
            chosen.duplicate.connect(lambda n: self.say(
                ("That file is" if n == 1 else f"{n} of those files are")
                + " in the list already.", error=True))
        self.forget_button = QPushButton("Forget learner data…", self)
        self.forget_button.setToolTip("Forget the learner data read so far (the course and "
                                      "the sources are not touched)")
        self.forget_button.clicked.connect(self.forget)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.load_button = QPushButton("Load", self)
        self.load_button.setDefault(True)
        self.load_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(lrs)
        layout.addWidget(files)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(560, 0)
        self._recall()

    def _settings_key(self) -> str:
        return f"xray/lrs/{self.session.course().identifier}"

    def _recall(self) -> None:
        """Fill the endpoint and user last used for this course (never a password)."""
        settings: QSettings = app_settings()
        key = self._settings_key()
        self.endpoint.setText(str(settings.value(f"{key}/endpoint", "") or ""))
        self.user.setText(str(settings.value(f"{key}/user", "") or ""))

    def _remember(self, sources: LearnerSources) -> None:
        if not sources.lrs:
            return
        settings, key = app_settings(), self._settings_key()
        settings.setValue(f"{key}/endpoint", sources.lrs)
        settings.setValue(f"{key}/user", sources.auth[0] if sources.auth else "")

    def _check_registration(self) -> bool:
        text = self.registration.text().strip()
        try:
            if text:
                UUID(text)
        except ValueError:
            self.say("The registration must be a UUID (8-4-4-4-12 hexadecimal digits).",
                     error=True)
            return False
        if self.message.text().startswith("The registration"):
            self.say("")
        return True

    def forget(self) -> bool:
        """Forget the learner data read so far, after asking; returns whether it was done."""
        if self.job is not None or self.holder.reading is not None:
            self.say("Learner data are being read; cancel the read first.", error=True)
            return False
        answer = QMessageBox.question(
            self, "Forget learner data",
            "Forget the learner data read so far? The next read starts from the beginning.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            learner_store(self.session.project).forget()
        except Exception as exc:  # noqa: BLE001 - the cache's own errors, in one line
            self.say(f"The learner data could not be forgotten: {exc}".splitlines()[0],
                     error=True)
            return False
        self.holder.serial += 1  # a measure still running would bring them back
        self.holder.set_xray(None)
        self.say("The learner data read so far are forgotten.")
        return True

    def sources(self) -> LearnerSources | None:
        """What the fields say, or None (and the reason shown) when it cannot be read."""
        endpoint = self.endpoint.text().strip()
        if endpoint and not endpoint.startswith(("http://", "https://")):
            self.say("The LRS endpoint must be an http:// or https:// address.", error=True)
            return None
        if not self._check_registration():
            return None
        user, password = self.user.text().strip(), self.password.text()
        sources = LearnerSources(lrs=endpoint, auth=(user, password) if user else None,
                                 since=self.since.text().strip(),
                                 registration=self.registration.text().strip(),
                                 statements=self.statements.paths(),
                                 scorm_reports=self.reports.paths())
        if sources.empty():
            self.say("Give an LRS endpoint, a statements file or an interactions report.",
                     error=True)
            return None
        missing = next((p for p in (*sources.statements, *sources.scorm_reports)
                        if not p.is_file()), None)
        if missing is not None:
            self.say(f"{missing.name} cannot be read: there is no such file.", error=True)
            return None
        return sources

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(error_style() if error else "")

    def start(self) -> Job | None:
        """Read the sources and measure, as a job; None when the fields say no."""
        if self.job is not None:
            return None
        sources = self.sources()
        if sources is None:
            return None
        self._remember(sources)
        self.say("Reading learner data…")
        self.progress.setRange(0, 0)  # busy until the first progress arrives
        self.progress.show()
        self.load_button.setEnabled(False)
        job = self.job = self.holder.read(sources)
        job.progressed.connect(self.show_progress)
        job.succeeded.connect(self._done)
        job.failed.connect(lambda message: self.say(message.splitlines()[0], error=True))
        job.cancelled.connect(self._cancelled)
        job.ended.connect(self._ended)
        return job

    def show_progress(self, fraction: float, text: str) -> None:
        """Show how far the read is (``fraction`` 0..1) and what it does; the bar turns busy
        at 0 and whenever no news came for :data:`STALL_MS` (DuckDB reads a big file in one
        go), rather than standing still."""
        self.progress.setRange(0, 0 if fraction <= 0 else 1000)
        self.progress.setValue(int(fraction * 1000))
        self.stalled.start()
        if text:
            self.say(text)

    def _done(self, value) -> None:
        report, xray = value
        added = getattr(report, "added", None)
        headline = (f"Added {plural(added, 'statement')}; {plural(xray.learners, 'learner')} "
                    "measured." if added is not None else "Learner data read.")
        notes = " ".join(sentence(n) for n in getattr(report, "notes", ()))
        self.say(f"{headline} {notes}".strip())
        if len(self.message.text()) <= STATUS_ROOM:
            self.session.notice.emit(self.message.text())
            self.accept()
            return
        # too long for the status bar without cutting it: the dialog stays open with it
        self.session.notice.emit(f"{headline} The read has a note; it is in the Load learner "
                                 "data dialog.")
        self.cancel_button.setText("Close")

    def _cancelled(self) -> None:
        self.say("Cancelled. Sources read before are kept; loading again adds only what is "
                 "new.")
        self.holder.measure()  # what was kept is measured

    def _ended(self) -> None:
        self.stalled.stop()
        self.job = None
        self.progress.hide()
        self.load_button.setEnabled(True)

    def cancel(self) -> None:
        """Stop the running read (between sources or LRS pages; a source half read is not
        kept), else close."""
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.job is not None:
            self.job.cancel()
            return
        super().keyPressEvent(event)

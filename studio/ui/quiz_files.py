"""Question files in the window: which files "Import questions" takes (the formats' registry,
:mod:`studio.quiz.exchange`), what an import could not keep shown after it, and a quiz
written out as GIFT, Moodle XML or a QTI 2.1/3.0 package by a background job."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.media.import_report import ImportReport
from studio.quiz import exchange
from studio.ui.dialog_parts import error_label, ok_cancel
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

SHOWN = 8  # notes listed in the window itself; the rest under Show Details


def question_files_filter() -> str:
    """The file dialog's filter: every question file together, then each kind."""
    every = " ".join(f"*{s}" for s in exchange.SUFFIXES)
    kinds = [f"{r.label} ({' '.join('*' + s for s in r.suffixes)})" for r in exchange.READERS]
    return ";;".join([f"Question files ({every})", *kinds, "All files (*)"])


def show_notes(host: QWidget, title: str, summary: str, notes: list[str]
               ) -> QMessageBox | None:
    """List notes one per line in a window that does not block (the first few shown, all
    of them under Show Details); None when there are none."""
    if not notes:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, title, summary,
                      QMessageBox.StandardButton.Close, host)
    box.setInformativeText("\n".join(notes[:SHOWN]) + ("\n…" if len(notes) > SHOWN else ""))
    box.setDetailedText("\n".join(notes))
    box.open()
    return box


def show_import_notes(host: QWidget, report: ImportReport, path: Path) -> QMessageBox | None:
    """After an import, list what the file held that was not kept as it was (skipped
    questions, notices); None when there is nothing to say."""
    notes = [str(s) for s in report.skipped_in(path)] + [str(n) for n in
                                                         report.notices_for(path)]
    return show_notes(host, "Import notes",
                      f"{path.name}: {len(notes)} thing(s) were not kept as they were.", notes)


class ExportQuestionsDialog(QDialog):
    """Choose a format and a file for a quiz's questions. When accepted, :meth:`choice`
    gives (format name, file path)."""

    def __init__(self, quiz_title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export questions")
        self.stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in quiz_title) or "quiz"
        self.format = QComboBox(self)
        self.format.setAccessibleName("Question file format")
        for writer in exchange.WRITERS.values():
            self.format.addItem(writer.label, writer.name)
        self.path = QLineEdit(str(Path.home() / self._file_name()), self)
        self.path.setAccessibleName("File to write")
        self.browse = QPushButton("Choose…", self)
        self.browse.setAccessibleName("Choose the file to write")
        self.browse.clicked.connect(self.choose_file)
        self.format.currentIndexChanged.connect(self._follow_format)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(self.browse)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("File", line)
        buttons, _ok = ok_cancel(self, "Export")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 150)

    def writer(self) -> exchange.Writer:
        return exchange.WRITERS[self.format.currentData()]

    def _file_name(self) -> str:
        return self.stem + self.writer().suffix

    def _follow_format(self) -> None:
        """The file keeps its folder and name and takes the format's suffix."""
        current = Path(self.path.text().strip() or self._file_name())
        self.path.setText(str(current.with_suffix(self.writer().suffix)))

    def choose_file(self) -> None:
        writer = self.writer()
        path, _ = QFileDialog.getSaveFileName(self, "Export questions", self.path.text(),
                                              f"{writer.label} (*{writer.suffix})")
        if path:
            self.path.setText(path)

    def choice(self) -> tuple[str, Path]:
        return self.format.currentData(), Path(self.path.text().strip())

    def accept(self) -> None:
        target = Path(self.path.text().strip())
        if not self.path.text().strip() or not target.parent.is_dir():
            self.error.setText(f"Choose a file in a folder that exists ({target.parent} "
                               "does not).")
            return
        super().accept()


def start_export(session: ProjectSession, quiz_id: str, fmt: str, target: Path,
                 host: QWidget | None = None) -> Job:
    """Write a quiz's questions to ``target`` in format ``fmt`` (a name of
    :data:`studio.quiz.exchange.WRITERS`) as a background job reading its own snapshot of
    the project. The status bar says what was written; what the format could not hold is
    listed in a window over ``host`` (the job's "notes" property); a failure shows its
    message."""
    from studio.media.quiz_export import export_quiz  # noqa: PLC0415 (reads asset bytes)

    label = exchange.WRITERS[fmt].label

    def work(project, _progress, _token) -> list[str]:
        return export_quiz(project, quiz_id, fmt, target)

    job = session.start_job(f"Export questions as {label}", work)

    def succeeded(notes: list[str]) -> None:
        session.notice.emit(f"Wrote the quiz's questions to {target.name} ({label})"
                            + (f"; {len(notes)} note(s)." if notes else "."))
        if host is not None:
            job.notes = show_notes(host, "Export notes", f"{target.name}: {len(notes)} "
                                   f"thing(s) {label} could not hold as they were.", notes)

    job.succeeded.connect(succeeded)
    return job

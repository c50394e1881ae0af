"""The export dialog: format and options, a package written and validated in the background,
the verdict in plain words, and a way to the package on disk."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.export.exporter import ExportResult, export_course
from studio.export.formats import available_formats, get_format
from studio.export.package import MULTI_UNIT, ExportOptions
from studio.export.validate import Report, validate_package
from studio.jobs import SubProgress
from studio.ui.session import ProjectSession
from studio.ui.settings import export_defaults
from studio.ui.workers import Job


def verdict(result: ExportResult, report: Report) -> str:
    """What the validation found, for a person who does not read schemas."""
    size = f"{result.bytes / 1e6:.1f} MB" if result.bytes >= 100_000 else \
        f"{result.bytes / 1e3:.0f} kB"
    what = f"{result.target.name}: {result.files} files, {size}"
    if report.ok:
        text = f"✔ The package is valid and ready to upload to your LMS ({what})."
        if report.warnings:
            text += "\nWorth a look:\n" + "\n".join(
                f"• {f.where}: {f.message}" for f in report.warnings[:5])
        return text
    lines = [f"✖ The package was written ({what}) but an LMS may refuse it:"]
    lines += [f"• {f.where}: {f.message}" for f in report.errors[:8]]
    if len(report.errors) > 8:
        lines.append(f"… and {len(report.errors) - 8} more.")
    return "\n".join(lines)


def default_name(title: str, fmt: str) -> str:
    stem = re.sub(r"[^\w\-]+", "-", title).strip("-") or "course"
    return f"{stem}-{fmt}.zip"


def format_controls(defaults: dict) -> tuple[QComboBox, QCheckBox]:
    """The package format list and the unit-per-lesson box, set as ``defaults`` say."""
    formats = QComboBox()
    for name in available_formats():
        formats.addItem(get_format(name).label, name)
    formats.setCurrentIndex(max(0, formats.findData(defaults["format"])))
    sco_per_lesson = QCheckBox("One launchable unit per lesson")
    sco_per_lesson.setChecked(defaults["sco_per_lesson"])
    return formats, sco_per_lesson


class ExportDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        self.outcome: tuple[ExportResult, Report] | None = None
        self.setWindowTitle("Export course")
        self.setMinimumWidth(520)
        course = session.course()
        defaults = export_defaults(course.identifier)
        self.format, self.sco_per_lesson = format_controls(defaults)
        self.schemas = QCheckBox("Include the XML schemas in the package")
        self.schemas.setChecked(True)
        self.target = QLineEdit(str(Path.home() / default_name(course.title,
                                                                 defaults["format"])))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setVisible(False)
        self.folder_button.clicked.connect(self.show_in_folder)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("", self.sco_per_lesson)
        form.addRow("", self.schemas)
        form.addRow("Save as", target_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        fmt = get_format(self.format.currentData())
        self.sco_per_lesson.setEnabled(MULTI_UNIT in fmt.capabilities)
        path = Path(self.target.text())
        self.target.setText(str(path.with_name(default_name(self.session.course().title,
                                                            fmt.name))))

    def choose_target(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save package as", self.target.text(),
                                                "Zip packages (*.zip)")
        if chosen:
            self.target.setText(chosen if chosen.endswith(".zip") else chosen + ".zip")

    def options(self) -> ExportOptions:
        return ExportOptions(format=self.format.currentData(),
                             sco_per_lesson=self.sco_per_lesson.isChecked(),
                             include_schemas=self.schemas.isChecked())

    def start(self) -> Job:
        options, target = self.options(), Path(self.target.text()).expanduser()

        def work(project, progress, token):
            result = export_course(project, options, target, SubProgress(progress, 0, 0.8),
                                   token)
            report = validate_package(result.target, SubProgress(progress, 0.8, 0.2), token)
            return result, report

        self.outcome = None
        self.job = self.session.start_job(f"Export {target.name}", work)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(lambda message: self._ended(f"The export failed: {message}"))
        self.job.cancelled.connect(lambda: self._ended("Export cancelled; nothing was written."))
        self.export_button.setEnabled(False)
        self.folder_button.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.status.setText("Exporting…")
        return self.job

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)

    def _done(self, outcome: tuple[ExportResult, Report]) -> None:
        self.outcome = outcome
        self._ended(verdict(*outcome))
        self.folder_button.setVisible(True)

    def _ended(self, text: str) -> None:
        self.job = None
        self.status.setText(text)
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        super().reject()

    def show_in_folder(self) -> None:
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome[0].target.parent)))

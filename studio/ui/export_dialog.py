"""The export dialog: format and options, a package written and validated in the background,
the verdict in plain words, and a way to the package on disk.

It opens with the project's publish settings and stores what an export used (not an undo
step; see :mod:`studio.commands.publish`), so the next export, `studio export` and the
course settings all start from the same values.
"""

from __future__ import annotations

from pathlib import Path

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

from studio.commands.publish import publish_settings, set_publish
from studio.errors import StudioError
from studio.export.exporter import ExportResult, export_course
from studio.export.formats import available_formats, get_format
from studio.export.package import MULTI_UNIT, ExportOptions
from studio.export.validate import Report, validate_package
from studio.jobs import SubProgress
from studio.publish import PublishSettings, package_name
from studio.ui.desktop import open_path
from studio.ui.session import ProjectSession
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


def format_controls(settings: PublishSettings) -> tuple[QComboBox, QCheckBox]:
    """The package format list and the unit-per-lesson box, set as ``settings`` say."""
    formats = QComboBox()
    formats.setAccessibleName("Package format")
    for name in available_formats():
        formats.addItem(get_format(name).label, name)
    formats.setCurrentIndex(max(0, formats.findData(settings.format)))
    sco_per_lesson = QCheckBox("One launchable unit per lesson")
    sco_per_lesson.setChecked(settings.sco_per_lesson)
    return formats, sco_per_lesson


def store_publish(session: ProjectSession, **values: object) -> None:
    """Keep publish settings in the project; while a job writes to it, once that job ends.

    A read-only project keeps nothing; a failure is a status-bar notice (the export itself
    is not affected).
    """
    if session.project.read_only:
        return

    def store() -> bool:
        if session.runner.writing:
            return False
        try:
            set_publish(session.project, **values)
        except StudioError as exc:
            session.notice.emit(f"The publish settings were not kept: {exc.message}")
        return True

    def later() -> None:
        if store():
            session.runner.jobs_changed.disconnect(later)

    if not store():
        session.runner.jobs_changed.connect(later)


class ExportDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        self.outcome: tuple[ExportResult, Report] | None = None
        self.setWindowTitle("Export course")
        self.setMinimumWidth(520)
        stored = publish_settings(session.project)
        self.format, self.sco_per_lesson = format_controls(stored)
        self.schemas = QCheckBox("Include the XML schemas in the package")
        self.schemas.setChecked(stored.include_schemas)
        folder = Path(stored.folder) if stored.folder else self.session.path.parent  # beside it
        self._fmt = stored.format
        self.target = QLineEdit(str(folder / (stored.file_name or self._default_name())))
        self.target.setAccessibleName("Save the package as")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose where to save the package")
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

    def _default_name(self) -> str:
        return package_name(self.session.course().title, self._fmt)

    def _format_changed(self) -> None:
        fmt = get_format(self.format.currentData())
        self.sco_per_lesson.setEnabled(MULTI_UNIT in fmt.capabilities)
        path = Path(self.target.text())
        named = path.name == self._default_name()  # a name of the person's own stays
        self._fmt = fmt.name
        if named:
            self.target.setText(str(path.with_name(self._default_name())))

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
        store_publish(self.session, format=options.format,
                      sco_per_lesson=options.sco_per_lesson,
                      include_schemas=options.include_schemas,
                      folder=str(target.parent.resolve()),
                      file_name="" if target.name == self._default_name() else target.name)

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

    def show_in_folder(self) -> bool:
        """Open the package's folder in the file manager; where none opens, the dialog says
        so with the path. Returns whether it opened."""
        if self.outcome is None:
            return False
        folder, said = self.outcome[0].target.parent, verdict(*self.outcome)
        return open_path(folder, lambda message: self.status.setText(f"{said}\n{message}"),
                         f"No file manager could be opened here; the package is in {folder}")

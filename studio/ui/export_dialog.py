"""The export dialog: format and options, a package written and validated in the background,
the verdict in plain words, and a way to the package on disk.

It opens with the project's publish settings and stores what an export used (not an undo
step; see :mod:`studio.commands.publish`), so the next export, `studio export` and the
course settings all start from the same values.
"""

from __future__ import annotations

import shutil
import tempfile
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
from studio.export.languages import package_file_name
from studio.export.package import MULTI_UNIT, ExportOptions
from studio.export.validate import Report, validate_package
from studio.jobs import SubProgress
from studio.publish import PublishSettings, package_name
from studio.ui import a11y_jobs
from studio.ui.desktop import open_path
from studio.ui.export_results import default_folder, start_all, verdict
from studio.ui.lms_choice import format_for, limit_formats, lms_combo, summary, twin_profile
from studio.ui.session import ProjectSession
from studio.ui.shortcuts import keys
from studio.ui.translation_export import LanguageChoice
from studio.ui.twin_check import TwinOutcome, TwinRun
from studio.ui.twin_results import TwinResultsDialog
from studio.ui.workers import Job

TWIN_TIP = "Replay learners against a local copy of the chosen LMS: what will it record?"


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
        self._written: ExportOptions | None = None  # the options of the package in outcome
        self.setWindowTitle("Export course")
        self.setMinimumWidth(520)
        self.twin: TwinRun | None = None
        self.twin_paths: tuple[str, ...] = ()  # the learner paths to replay (empty: all)
        self.results: TwinResultsDialog | None = None
        stored = publish_settings(session.project)
        self.lms, self.profiles = lms_combo(stored.lms, self)
        self.lms_summary = QLabel(self)
        self.lms_summary.setWordWrap(True)
        self.lms_summary.setAccessibleName("What the chosen LMS switches")
        self.format, self.sco_per_lesson = format_controls(stored)
        self.format.setCurrentIndex(max(0, self.format.findData(
            format_for(self.profile, self.format.currentData()))))
        self.schemas = QCheckBox("Include the XML schemas in the package")
        self.schemas.setChecked(stored.include_schemas)
        self.all_formats = QCheckBox("All &formats: one package each, into a folder")
        self.all_formats.toggled.connect(self._all_toggled)
        folder = Path(stored.folder) if stored.folder else self.session.path.parent  # beside it
        self._fmt = stored.format
        self._languages: tuple[str, ...] = ()  # the package languages the default name has
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
        self.twin_button = QPushButton("Check in LMS &twin")
        self.twin_button.setShortcut(keys("twin_check"))
        self.twin_button.clicked.connect(self.check_in_twin)
        form = QFormLayout()
        form.addRow("&LMS", self.lms)
        form.addRow("", self.lms_summary)
        form.addRow("Format", self.format)
        form.addRow("", self.all_formats)
        form.addRow("", self.sco_per_lesson)
        form.addRow("", self.schemas)
        self.languages = LanguageChoice(session.course(), self, session.project)
        form.addRow("Lan&guage", self.languages)
        form.setRowVisible(self.languages, bool(self.languages.targets))
        self.languages.changed.connect(self._format_changed)
        self.target_label = QLabel("Save as")
        form.addRow(self.target_label, target_row)
        self.a11y = a11y_jobs.choice_combo()
        self.a11y.setCurrentIndex(max(0, self.a11y.findData(stored.a11y)))
        form.addRow("&Accessibility report", self.a11y)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.twin_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.lms.currentIndexChanged.connect(self._lms_changed)
        limit_formats(self.format, self.profile)
        self._format_changed()

    def _fit(self) -> None:
        """Grow to show every line: wrapped labels (the summary, the status) need a height the
        layout's minimum size does not count."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    @property
    def profile(self):
        """The chosen LMS's profile (None: Any LMS)."""
        return self.profiles.get(self.lms.currentData())

    def _lms_changed(self) -> None:
        limit_formats(self.format, self.profile)
        if self.profile is not None:
            self.format.setCurrentIndex(self.format.findData(format_for(self.profile, None)))
        self._format_changed()

    def _default_name(self) -> str:
        return package_file_name(package_name(self.session.course().title, self._fmt),
                                 self._languages)

    def _format_changed(self) -> None:
        fmt = get_format(self.format.currentData())
        self.sco_per_lesson.setEnabled(MULTI_UNIT in fmt.capabilities)
        line, tip = summary(self.profile, fmt.name)
        self.lms_summary.setText(line)
        self.lms_summary.setToolTip(tip)
        self._fit()
        lms = twin_profile(self.lms.currentData(), fmt.name, self.profiles)
        self.twin_button.setEnabled(lms is not None and self.job is None and self.twin is None
                                    and not self.all_formats.isChecked())
        self.twin_button.setToolTip(TWIN_TIP + f" ({keys('twin_check').toString()})" if lms
                                    else f"An {fmt.label} package has no LMS to check it in.")
        path = Path(self.target.text())
        # a name of the person's own stays; a folder of all formats is no package's name
        named = path.name == self._default_name() and not self.all_formats.isChecked()
        self._fmt = fmt.name
        self._languages = self.languages.languages()
        if named:
            self.target.setText(str(path.with_name(self._default_name())))

    def _all_toggled(self, on: bool) -> None:
        self.format.setEnabled(not on)
        self.a11y.setEnabled(not on)  # a report goes with one package
        self.target_label.setText("Folder" if on else "Save as")
        self.target.setAccessibleName("Folder for the packages" if on else "Save the package as")
        place = Path(self.target.text()).expanduser()
        self.target.setText(str(default_folder(self.session.course().title, place.parent)
                                if on else place.parent / self._default_name()))
        self._format_changed()

    def choose_target(self) -> None:
        if self.all_formats.isChecked():
            if chosen := QFileDialog.getExistingDirectory(self, "Folder for the packages",
                                                          self.target.text()):
                self.target.setText(chosen)
            return
        chosen, _ = QFileDialog.getSaveFileName(self, "Save package as", self.target.text(),
                                                "Zip packages (*.zip)")
        if chosen:
            self.target.setText(chosen if chosen.endswith(".zip") else chosen + ".zip")

    def options(self) -> ExportOptions:
        return ExportOptions(format=self.format.currentData(),
                             sco_per_lesson=self.sco_per_lesson.isChecked(),
                             include_schemas=self.schemas.isChecked(),
                             lms=self.lms.currentData() or None,
                             languages=self.languages.languages())

    def start(self) -> Job | None:
        if problem := self.languages.problem():
            self.status.setText(problem)
            return None
        if self.all_formats.isChecked():
            return self._watch(start_all(self), "Exporting every format…")
        options, target = self.options(), Path(self.target.text()).expanduser()
        store_publish(self.session, format=options.format, lms=options.lms or "",
                      sco_per_lesson=options.sco_per_lesson,
                      include_schemas=options.include_schemas,
                      folder=str(target.parent.resolve()),
                      file_name="" if target.name == self._default_name() else target.name,
                      a11y=self.a11y.currentData())

        a11y = self.a11y.currentData()

        def work(project, progress, token):
            def write(path, progress, token):
                result = export_course(project, options, path, SubProgress(progress, 0, 0.8),
                                       token)
                report = validate_package(result.target, SubProgress(progress, 0.8, 0.2),
                                          token)
                return result, report

            if not a11y:
                return write(target, progress, token)
            return a11y_jobs.checked_export(write, target, a11y, project.path, progress, token)

        self.outcome = None
        self._written = options
        job = self.session.start_job(f"Export {target.name}", work)
        job.succeeded.connect(self._done)
        return self._watch(job, "Exporting…")

    def _watch(self, job: Job, text: str) -> Job:
        self.job = job
        self.job.progressed.connect(self._progressed)
        self.job.failed.connect(lambda message: self._ended(f"The export failed: {message}"))
        self.job.cancelled.connect(lambda: self._ended("Export cancelled; nothing was written."))
        self.export_button.setEnabled(False)
        self.twin_button.setEnabled(False)
        self.folder_button.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.status.setText(text)
        self._fit()
        return self.job

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)
            self._fit()

    def _done(self, outcome: tuple) -> None:
        self.outcome = outcome[:2]
        self._ended(verdict(*self.outcome) + a11y_jobs.export_note(outcome))
        self.folder_button.setVisible(True)

    def _ended(self, text: str) -> None:
        self.job = None
        self.status.setText(text)
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self._format_changed()
        self.cancel_button.setText("Close")

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
        elif self.twin is not None:
            self.twin.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.twin is not None:
            self.twin.cancel()
        super().reject()

    # ---- the LMS twin ------------------------------------------------------------------------
    def check_in_twin(self) -> TwinRun | Job | None:
        """Replay the twin's learner paths on the package this dialog just wrote, or else on
        the course exported to a temporary file first (a job). Returns what now runs."""
        lms = twin_profile(self.lms.currentData(), self.format.currentData(), self.profiles)
        if lms is None or self.job is not None or self.twin is not None:
            return None
        options = self.options()
        if self.outcome is not None and self.outcome[0].target.is_file() \
                and self._written == options:
            return self._run_twin(self.outcome[0].target, lms, None)
        folder = Path(tempfile.mkdtemp(prefix="course-studio-twin-package-"))
        target = folder / self._default_name()

        def work(project, progress, token):
            return export_course(project, options, target, progress, token).target

        self.job = self.session.start_job(f"Export {target.name} for the LMS twin", work)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(lambda package: self._run_twin(package, lms, folder))
        self.job.failed.connect(lambda message: self._twin_ended(
            f"The LMS twin has no package to check: {message}", folder))
        self.job.cancelled.connect(lambda: self._twin_ended("LMS twin check cancelled.",
                                                            folder))
        self._busy("Exporting the course for the LMS twin…")
        return self.job

    def _run_twin(self, package: Path, lms: str, temporary: Path | None) -> TwinRun:
        self.job = None
        self.twin = TwinRun(package, lms, self.twin_paths, self)
        self.twin.progressed.connect(self._twin_progressed)
        self.twin.finished.connect(lambda outcome: self._twin_done(outcome, temporary))
        self.twin.failed.connect(lambda message: self._twin_ended(message, temporary, True))
        self.twin.cancelled.connect(lambda: self._twin_ended("LMS twin check cancelled.",
                                                             temporary))
        self._busy(f"Checking {package.name} in the LMS twin ({lms})…")
        self.progress.setRange(0, 0)  # busy until the twin reports a fraction
        self.twin.start()
        return self.twin

    def _busy(self, text: str) -> None:
        self.export_button.setEnabled(False)
        self.twin_button.setEnabled(False)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(text)
        self.cancel_button.setText("Cancel")
        self._fit()

    def _twin_progressed(self, fraction: float, message: str) -> None:
        if fraction > 0:  # until the first path is done, busy: a bar at 0 % looks stuck
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(f"LMS twin: {message}")
            self._fit()

    def _twin_done(self, outcome: TwinOutcome, temporary: Path | None) -> None:
        self._twin_ended("", temporary)
        self.results = TwinResultsDialog(outcome, self)  # above this window-modal dialog
        self.status.setText(self.results.verdict.text())
        self.results.show()

    def _twin_ended(self, text: str, temporary: Path | None, failed: bool = False) -> None:
        self.job = None
        self.twin = None
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        self._ended(text)
        if failed:
            self.session.failed.emit(text)

    def show_in_folder(self) -> bool:
        """Open the package's folder in the file manager; where none opens, the dialog says
        so with the path. Returns whether it opened."""
        if self.outcome is None:
            return False
        folder, said = self.outcome[0].target.parent, verdict(*self.outcome)
        return open_path(folder, lambda message: self.status.setText(f"{said}\n{message}"),
                         f"No file manager could be opened here; the package is in {folder}")

"""A course built from raw materials in the window: File › New course from folder… (a folder
of materials, or a spec file), File › Rebuild from spec for a course built so (and Write
spec for one built from a folder), and the build's summary (what it added, its notes and
conflicts) in a dialog that can be copied.

Builds run as jobs through :func:`studio.media.build.build_course`, the use case of
``studio build``: a first build makes the project in a hidden folder renamed into place (a
cancel leaves nothing), a rebuild updates the open project in one undo step on the job's own
connection, and the session then catches up so the panels redraw.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.media.build import BuildReport, build_course, default_target
from studio.media.build_map import built_from
from studio.project_file import DB_NAME
from studio.spec.folder import SPEC_NAMES, infer, read_source
from studio.spec.writer import write_spec
from studio.ui.dialog_parts import error_label, ok_cancel
from studio.ui.new_course import SUFFIX
from studio.ui.shortcuts import keys
from studio.ui.workers import Job, JobRunner

SPEC_FILTER = "Course specs (*.toml *.yaml *.yml)"
SPEC_SUFFIXES = tuple(Path(name).suffix for name in SPEC_NAMES)


def source_problem(source: str) -> str:
    """Why ``source`` cannot be built ('' when it can: a folder, or a spec file)."""
    if not source.strip():
        return "Choose a folder of materials, or a spec file."
    path = Path(source.strip()).expanduser()
    if path.is_dir():
        return ""
    if not path.is_file():
        return f"{path} does not exist."
    if path.suffix.lower() not in SPEC_SUFFIXES:
        return f"{path.name} is not a course spec (.toml, .yaml or .yml)."
    return ""


def target_problem(target: str) -> str:
    """Why a new course cannot go at ``target`` ('' when it can)."""
    if not target.strip():
        return "Choose where the course goes."
    path = Path(target.strip()).expanduser()
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist."
    if (path / DB_NAME).is_file():
        return (f"{path.name} is a course already: open it and use File › Rebuild from spec "
                "to build it again.")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        return f"{path.name} already exists in {path.parent}: choose another place."
    return ""


def headline(report: BuildReport) -> str:
    """One line: what the build did to which course."""
    if report.status == "unchanged":
        return f"{report.target.name}: unchanged, nothing written."
    made = "Built" if report.status == "built" else "Updated"
    counts = f"{report.added} added, {report.updated} updated, {report.removed} removed"
    if report.kept:
        counts += f", {report.kept} kept"
    return f"{made} {report.target.name} ({counts})."


def summary_text(report: BuildReport) -> str:
    """The headline and what narration was voiced, then the conflicts and the notes, one per
    line."""
    lines = [headline(report)] + [line for line in (report.narration_line,) if line]
    if report.conflicts:
        lines += ["", f"Conflicts ({len(report.conflicts)}): your edit was kept"]
        lines += [f"• {line}" for line in report.conflicts]
    if report.notes:
        lines += ["", f"Notes ({len(report.notes)})"]
        lines += [f"• {line}" for line in report.notes]
    return "\n".join(lines)


class BuildSummary(QDialog):
    """A build's summary as selectable text, with a Copy button."""

    def __init__(self, report: BuildReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Build of {report.target.name}")
        self.text = QPlainTextEdit(summary_text(report), self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Build summary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        lines = self.text.document().blockCount() + 6  # margins and the buttons' row
        self.resize(640, min(480, max(180, lines * self.fontMetrics().lineSpacing())))


class BuildDialog(QDialog):
    """The materials (a folder, or a spec file) and the ``.course`` to make; the target
    follows the source (beside it, as ``studio build``) until the person edits it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New course from folder")
        self.source_edit = QLineEdit(self)
        self.source_edit.setAccessibleName("Folder of materials or spec file")
        self.source_edit.setPlaceholderText("a folder of modules and lessons, or course.toml")
        folder = QPushButton("&Folder…", self)
        folder.setAccessibleName("Choose a folder of materials")
        folder.clicked.connect(self._choose_folder)
        spec = QPushButton("Use a &spec file…", self)
        spec.setAccessibleName("Choose a spec file")
        spec.clicked.connect(self._choose_spec)
        self.target_edit = QLineEdit(self)
        self.target_edit.setAccessibleName("The course to make")
        browse = QPushButton("C&hoose…", self)
        browse.setAccessibleName("Choose where the course goes")
        browse.clicked.connect(self._choose_target)
        self.problem_label = error_label(self)
        hint = QLabel("Top-level folders become modules, their subfolders lessons, their "
                      "files items, all in name order. A course.toml at the top wins.", self)
        hint.setWordWrap(True)
        self.buttons, self.build_button = ok_cancel(self, "&Build")
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(folder)
        source_row.addWidget(spec)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)
        form = QFormLayout()
        source_label = QLabel("&Materials:", self)
        source_label.setBuddy(self.source_edit)
        form.addRow(source_label, source_row)
        form.addRow("", hint)
        target_label = QLabel("&Course:", self)
        target_label.setBuddy(self.target_edit)
        form.addRow(target_label, target_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._followed = ""  # the target the source suggested last ('' none yet)
        self.source_edit.textChanged.connect(self._source_changed)
        self.target_edit.textChanged.connect(self._update)
        self.resize(680, self.sizeHint().height())
        self._update()

    def chosen(self) -> tuple[Path, Path]:
        """The source and the target as typed (checked by :meth:`problem`)."""
        return (Path(self.source_edit.text().strip()).expanduser(),
                Path(self.target_edit.text().strip()).expanduser())

    def problem(self) -> str:
        return source_problem(self.source_edit.text()) or target_problem(
            self.target_edit.text())

    def _source_changed(self) -> None:
        source = self.source_edit.text().strip()
        if source and self.target_edit.text() in ("", self._followed):
            self._followed = str(default_target(Path(source).expanduser()))
            self.target_edit.setText(self._followed)
        self._update()

    def _update(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem if self.source_edit.text().strip() else "")
        self.build_button.setEnabled(not problem)

    def _choose_folder(self) -> None:
        if folder := QFileDialog.getExistingDirectory(self, "Folder of materials"):
            self.source_edit.setText(folder)

    def _choose_spec(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Course spec", "", SPEC_FILTER)
        if path:
            self.source_edit.setText(path)

    def _choose_target(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "The course to make",
                                              self.target_edit.text())
        if path:
            self.target_edit.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def accept(self) -> None:
        if problem := self.problem():  # the disk may have changed since the last keystroke
            self.problem_label.setText(problem)
            self.build_button.setEnabled(False)
            return
        super().accept()


def build_job(runner: JobRunner, source: Path, target: Path, *, writes: bool = False) -> Job:
    """Read ``source`` (a folder or a spec file) and build it into ``target`` as a job; its
    result is the :class:`BuildReport`. A bad spec or folder fails the job with its line."""

    def work(progress, token) -> BuildReport:
        progress(0.0, f"Reading {source.name}")
        read = read_source(source)
        return build_course(read.spec, target, progress, token, notes=read.notes)

    return runner.start(f"Build from {source.name}", work, writes=writes)


def show_summary(window, report: BuildReport) -> BuildSummary | None:
    """The headline in the status bar and, unless nothing changed, the summary dialog."""
    window.statusBar().showMessage(headline(report), 8000)
    if report.status == "unchanged":
        return None
    window.build_summary = BuildSummary(report, window)
    window.build_summary.open()
    return window.build_summary


def new_course_from(window, source: Path | None = None, target: Path | None = None
                    ) -> BuildDialog | Job | None:
    """File › New course from folder: with no ``source``, the dialog (its Build starts the
    job); with one, the build job into ``target`` (default beside it), then the course opens
    and its summary shows."""
    if source is None:
        dialog = BuildDialog(window)
        dialog.accepted.connect(lambda: new_course_from(window, *dialog.chosen()))
        dialog.open()
        return dialog
    if window._still_writing():
        return None
    job = build_job(window.runner, source, target or default_target(source))

    def built(report: BuildReport) -> None:
        if window.open_project(report.target):
            show_summary(window, report)

    job.succeeded.connect(built)
    job.failed.connect(lambda message: job.crash is None and window.show_error(message))
    job.cancelled.connect(lambda: window.statusBar().showMessage(
        f"Build of {source.name} cancelled; nothing was made.", 8000))
    return job


def ask_for_source(window, moved: Path) -> Path | None:
    """The spec file or folder a course was built from, which is no longer at ``moved``."""
    box = QMessageBox(QMessageBox.Icon.Question, "Rebuild from spec",
                      f"This course was built from {moved}, which is no longer there. "
                      "Where is it now?", QMessageBox.StandardButton.Cancel, window)
    spec = box.addButton("Spec file…", QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton("Folder…", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is spec:
        path, _ = QFileDialog.getOpenFileName(window, "Course spec", str(moved.parent),
                                              SPEC_FILTER)
        return Path(path) if path else None
    if box.clickedButton() is folder:
        path = QFileDialog.getExistingDirectory(window, "Folder of materials",
                                                str(moved.parent))
        return Path(path) if path else None
    return None


def rebuild(window, source: Path | None = None) -> Job | None:
    """File › Rebuild from spec: build the open course again from the spec or folder it was
    built from (or ``source``; asked for when it moved), as one undo step; the panels catch
    up and the summary shows."""
    session = window.session
    stored = built_from(session.project)
    source = source or stored
    if source is None:
        window.show_error("This course was not built from a spec or a folder.")
        return None
    if not source.exists():
        source = ask_for_source(window, source)
        if source is None:
            return None
    if session.runner.writing:
        window.show_error("A job is still writing to this course; rebuild when it has "
                          "finished (see the status bar).")
        return None
    job = build_job(session.runner, source, session.path, writes=True)
    job.ended.connect(lambda: session.reload(job.name))
    job.succeeded.connect(lambda report: show_summary(window, report))
    job.failed.connect(lambda message: job.crash is None and window.show_error(message))
    return job


def write_folder_spec(window) -> Path | None:
    """File › Write spec: the spec a folder-built course was inferred from, written as the
    folder's ``course.toml`` (as ``studio build FOLDER --write-spec``), to edit and keep;
    later rebuilds read it. Returns the file written (None: refused, with the reason)."""
    source = built_from(window.session.project)
    if source is None or not source.is_dir():
        window.show_error("Write spec is for a course built from a folder of materials.")
        return None
    if written := next((source / n for n in SPEC_NAMES if (source / n).is_file()), None):
        window.show_error(f"{source.name} has its spec already ({written.name}): edit it, "
                          "then File › Rebuild from spec.")
        return None
    try:
        written = write_spec(infer(source).spec, source / SPEC_NAMES[0])
    except StudioError as exc:
        window.show_error(exc.message)
        return None
    window.statusBar().showMessage(f"Wrote the spec to {written}; edit it, then File › "
                                   "Rebuild from spec.", 10000)
    return written


def build_actions(window) -> None:
    """File's New course from folder, Rebuild from spec and Write spec, as
    ``window.build_action``, ``rebuild_action`` and ``write_spec_action`` (the latter two
    enabled by :func:`update_build_actions`)."""
    window.build_action = window._action(
        "New course from &folder…", lambda: new_course_from(window), keys("build"),
        "Build a course from a folder of materials or a spec file", needs_project=False)
    window.rebuild_action = window._action(
        "Rebuil&d from spec", lambda: rebuild(window), keys("rebuild"),
        "Build the course again from the spec or folder it was made from (one undo step)",
        needs_project=False)
    window.write_spec_action = window._action(
        "Write s&pec…", lambda: write_folder_spec(window), keys("write_spec"),
        "Write the spec a folder of materials stands for as its course.toml, to edit",
        needs_project=False)


def update_build_actions(window) -> None:
    """Rebuild from spec only for an open course that a build made; Write spec only for
    one built from a folder."""
    source = built_from(window.session.project) if window.session is not None else None
    window.rebuild_action.setEnabled(source is not None)
    window.write_spec_action.setEnabled(source is not None and source.is_dir())


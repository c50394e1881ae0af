"""Starting a course: the one-dialog New course (title and place), and the sample course built
as a job into the documents folder."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import ProjectExistsError, ProjectWriteError
from studio.files import replacing
from studio.text import clean_text
from studio.ui.dialog_parts import error_label, ok_cancel
from studio.ui.workers import Job, JobRunner

SUFFIX = ".course"
SAMPLE_NAME = "Course Studio sample"
MAX_NAME = 120  # characters of a bundle's folder name, before the suffix
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # refused by one file system or another


def documents_folder() -> Path:
    """The user's documents folder (the home folder where the desktop names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def bundle_name(title: str) -> str:
    """The folder name of a course called ``title``: what every file system accepts, with
    the suffix; empty when nothing usable is left."""
    name = " ".join(_NOT_IN_NAMES.sub(" ", clean_text(title)).split())[:MAX_NAME]
    name = name.strip(" .")
    return name + SUFFIX if name else ""


def new_course_target(title: str, folder: str) -> tuple[Path | None, str]:
    """Where a course of this title in this folder goes, or None and the reason it cannot."""
    if not " ".join(clean_text(title).split()):
        return None, "Give the course a title."
    name = bundle_name(title)
    if not name:
        return None, "The title has no character a file name can use."
    if not folder.strip():
        return None, "Choose the folder to put the course in."
    place = Path(folder.strip()).expanduser()
    if not place.is_dir():
        return None, f"The folder {place} does not exist."
    target = place / name
    if target.exists():
        return None, f"{name} already exists in {place}: choose another title or folder."
    return target, ""


class NewCourseDialog(QDialog):
    """Title and folder in one dialog; shows the bundle it will make and why it cannot."""

    chosen = Signal(object, str)  # the bundle's Path, the title

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("New course")
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Course title")
        self.title_edit.setPlaceholderText("e.g. Safety induction")
        self.folder_edit = QLineEdit(str(folder or documents_folder()), self)
        self.folder_edit.setAccessibleName("Folder to put the course in")
        browse = QPushButton("Choose…", self)
        browse.setAccessibleName("Choose the folder")
        browse.clicked.connect(self._browse)
        self.target_label = QLabel(self)
        self.target_label.setAccessibleName("The course's bundle")
        self.target_label.setWordWrap(True)
        self.problem_label = error_label(self)
        self.buttons, self.create_button = ok_cancel(self, "Create")
        place = QHBoxLayout()
        place.addWidget(self.folder_edit, 1)
        place.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        folder_label = QLabel("&Folder:", self)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, place)
        form.addRow("Creates:", self.target_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update)
        self.folder_edit.textChanged.connect(self._update)
        self.resize(560, self.sizeHint().height())
        self._update()

    def target(self) -> tuple[Path | None, str]:
        return new_course_target(self.title_edit.text(), self.folder_edit.text())

    def _update(self) -> None:
        target, problem = self.target()
        name = bundle_name(self.title_edit.text()) or "Title" + SUFFIX
        self.target_label.setText(str(Path(self.folder_edit.text().strip() or "…") / name))
        # An empty title is where every dialog starts: a hint, not a refusal
        self.problem_label.setText(problem if self.title_edit.text().strip() else "")
        self.create_button.setEnabled(target is not None)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to put the course in",
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def accept(self) -> None:
        target, problem = self.target()  # the disk may have changed since the last keystroke
        if target is None:
            self.problem_label.setText(problem)
            self.create_button.setEnabled(False)
            return
        super().accept()
        self.chosen.emit(target, " ".join(clean_text(self.title_edit.text()).split()))


def free_target(folder: Path, name: str) -> Path:
    """``folder/name.course``, or ``name 2.course``, ``name 3.course``… the first not taken."""
    target, number = folder / (name + SUFFIX), 1
    while target.exists():
        number += 1
        target = folder / f"{name} {number}{SUFFIX}"
    return target


def start_sample_job(runner: JobRunner, folder: Path | None = None) -> Job:
    """Build the sample course in ``folder`` (default: the documents folder) under a free
    name, written through a ``.part`` folder; the job's result is the bundle's Path."""
    folder = Path(folder) if folder else documents_folder()

    def work(progress, token) -> Path:
        from studio.media.sample import build_sample  # media import tooling loads when used

        if not folder.is_dir():
            raise ProjectWriteError(f"The folder {folder} does not exist.")
        target = free_target(folder, SAMPLE_NAME)
        progress(0.0, f"Building {target.name}")

        def refused(exc: OSError) -> ProjectExistsError:
            return ProjectExistsError(f"Cannot put the sample at {target}: {exc.strerror}.")

        with replacing(target, unique=True, error=refused) as part:
            build_sample(part).close()
            token.check()
        progress(1.0, f"Built {target.name}")
        return target

    return runner.start("Build the sample course", work)

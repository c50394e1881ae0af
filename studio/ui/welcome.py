"""The start screen, shown with no project open: new course, open, the sample, recent courses.

Recent courses are listed by their title with the folder beneath and a small picture (the
first slide, or the first video's poster frame when the thumbnail cache has it), read from
each bundle without opening it as a project (:func:`studio.course_summary.read_summary`).
Courses that were moved or deleted stay listed, disabled, until they are removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.course_summary import CourseSummary, read_summary
from studio.ui.icons import kind_icon
from studio.ui.settings import forget_project, recent_projects
from studio.ui.shortcuts import find, shown_keys

THUMB = QSize(96, 54)
MISSING = "moved or deleted"
PATH_ROLE = Qt.ItemDataRole.UserRole


@cache
def generic_icon() -> QIcon:
    """The icon of a course without a picture, framed like the pictures."""
    return _framed(kind_icon("module").pixmap(40, 40))


def _pictures(summary: CourseSummary) -> Iterator[Path]:
    for kind, where in summary.pictures:
        if kind == "slide":
            yield Path(where)
            continue
        from studio.media.previews import FILMSTRIP_INTERVAL  # noqa: PLC0415
        from studio.media.thumbnails import cached_filmstrip  # noqa: PLC0415

        strip = cached_filmstrip(str(where), summary.folder / "cache", FILMSTRIP_INTERVAL)
        if strip and strip.frames:  # a poster only when the timeline has already made one
            yield strip.frames[0]


def _framed(picture: QPixmap) -> QIcon:
    """``picture`` centred on a transparent :data:`THUMB`, so every row's text lines up."""
    framed = QPixmap(THUMB)
    framed.fill(Qt.GlobalColor.transparent)
    painter = QPainter(framed)
    painter.drawPixmap((THUMB.width() - picture.width()) // 2,
                       (THUMB.height() - picture.height()) // 2, picture)
    painter.end()
    return QIcon(framed)


def thumbnail(summary: CourseSummary | None) -> QIcon:
    """The course's first picture scaled to :data:`THUMB`, else the generic course icon."""
    for path in _pictures(summary) if summary else ():
        if not path.is_file():
            continue
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            return _framed(QPixmap.fromImage(image))
    return generic_icon()


def recent_text(path: Path, summary: CourseSummary | None) -> str:
    """Two lines: the course's title (or that it was moved or deleted), then its folder."""
    if summary is None:
        return f"{path.name} — {MISSING}\n{path.parent}"
    return f"{summary.title}\n{path.parent}"


def fill_recent_menu(menu: QMenu, open_project: Callable[[Path], object]) -> None:
    """File › Open recent: the recent courses by title; moved or deleted ones disabled."""
    menu.clear()
    for path in recent_projects():
        summary = read_summary(path)
        title = recent_text(path, summary).partition("\n")[0]
        action = menu.addAction(f"{title} — {path.parent}" if summary else title,
                                lambda p=path: open_project(p))
        action.setEnabled(summary is not None)
    menu.setEnabled(bool(menu.actions()))


class RecentList(QListWidget):
    """Recent courses; Enter or a double click opens one, Delete forgets it."""

    forget_requested = Signal(object)  # a Path

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None:
            self.forget_requested.emit(item.data(PATH_ROLE))
        else:
            super().keyPressEvent(event)


class WelcomePage(QWidget):
    open_requested = Signal(object)  # a Path
    new_requested = Signal()
    build_requested = Signal()  # a course from a folder of materials or a spec file
    browse_requested = Signal()
    sample_requested = Signal(object)  # the folder to build it in; None: the documents folder

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel("Course Studio")
        heading.setStyleSheet("font-size: 22pt; font-weight: 600;")
        intro = QLabel("Build courses from video, slides and quizzes; export them for any LMS.")
        self.new_button = QPushButton(f"New course…   {shown_keys(find('new'))}")
        self.new_button.setAccessibleName("New course")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.build_button = QPushButton(f"New course from folder…   {shown_keys(find('build'))}")
        self.build_button.setAccessibleName("New course from a folder of materials or a spec")
        self.build_button.setToolTip("Modules as folders, lessons as their subfolders, files "
                                     "as items; or a course.toml spec")
        self.build_button.clicked.connect(self.build_requested.emit)
        self.open_button = QPushButton(f"Open…   {shown_keys(find('open'))}")
        self.open_button.setAccessibleName("Open a course")
        self.open_button.clicked.connect(self.browse_requested.emit)
        self.sample_button = QPushButton("Open sample")
        self.sample_button.setAccessibleName("Open the sample course")
        self.sample_button.setToolTip("Build the sample course in your documents folder and "
                                      "open it")
        self.sample_button.clicked.connect(lambda: self.sample_requested.emit(None))
        self.sample_elsewhere = QToolButton()
        self.sample_elsewhere.setText("…")
        self.sample_elsewhere.setAccessibleName("Build the sample course in a folder you choose")
        self.sample_elsewhere.setToolTip(self.sample_elsewhere.accessibleName())
        self.sample_elsewhere.clicked.connect(self._sample_in_folder)
        self.recent = RecentList()
        self.recent.setAccessibleName("Recent courses")
        self.recent.setIconSize(THUMB)
        self.recent.setMinimumWidth(520)
        self.recent.setMaximumWidth(760)
        self.recent.setSpacing(2)
        self.recent.itemActivated.connect(self._activated)
        self.recent.forget_requested.connect(self.forget)
        self.recent.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent.customContextMenuRequested.connect(self._context_menu)
        self.forget_missing = QPushButton(f"Remove courses {MISSING} from the list")
        self.forget_missing.clicked.connect(self.forget_all_missing)
        self.empty = QLabel("Courses you open appear here.")
        self.empty.setStyleSheet("color: palette(mid);")
        sample = QHBoxLayout()
        sample.setSpacing(2)
        sample.addWidget(self.sample_button, 1)
        sample.addWidget(self.sample_elsewhere)
        start = QVBoxLayout()
        start.addWidget(QLabel("<b>Start</b>"))
        for widget in (self.new_button, self.build_button, self.open_button):
            start.addWidget(widget)
        start.addLayout(sample)
        start.addStretch(1)
        for button in (self.new_button, self.build_button, self.open_button):
            button.setMinimumWidth(220)
        recent = QVBoxLayout()
        recent_label = QLabel("<b>&Recent courses</b>")
        recent_label.setBuddy(self.recent)
        for widget in (recent_label, self.recent, self.empty):
            recent.addWidget(widget)
        recent.addWidget(self.forget_missing, 0, Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout()
        columns.addLayout(start)
        columns.addSpacing(32)
        columns.addLayout(recent, 1)
        columns.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(16)
        layout.addLayout(columns, 1)

    def refresh(self) -> None:
        """Read the recent courses again (titles and pictures may have changed)."""
        self.recent.clear()
        missing = False
        for path in recent_projects():
            summary = read_summary(path)
            item = QListWidgetItem(thumbnail(summary), recent_text(path, summary))
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
            if summary is None:
                missing = True
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.forget_missing.setVisible(missing)
        self.empty.setVisible(self.recent.count() == 0)
        first = next((self.recent.item(row) for row in range(self.recent.count())
                      if self.recent.item(row).flags() & Qt.ItemFlag.ItemIsEnabled), None)
        self.recent.setCurrentItem(first)

    def forget(self, path: Path) -> None:
        forget_project(path)
        self.refresh()

    def forget_all_missing(self) -> None:
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
                forget_project(item.data(PATH_ROLE))
        self.refresh()
        self.recent.setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.open_requested.emit(item.data(PATH_ROLE))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.recent.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            menu.addAction("Open", lambda: self.open_requested.emit(item.data(PATH_ROLE)))
        path = item.data(PATH_ROLE)
        menu.addAction("Remove from this list", lambda: self.forget(path))
        menu.exec(self.recent.viewport().mapToGlobal(pos))

    def _sample_in_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Build the sample course in")
        if folder:
            self.sample_requested.emit(Path(folder))

    def showEvent(self, event) -> None:  # read when shown: not at all when a course opens first
        self.refresh()
        super().showEvent(event)

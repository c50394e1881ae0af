"""The media bin: every imported file with its picture, kind and duration; drop files here.

Importing goes through the media room's import use case (``import_paths``), the same path a
drop on the bin or on the timeline takes, as one writing job: files are probed and copied
on the writer thread while the window stays live, and the result is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.media.import_report import ImportTarget
from studio.model import Asset
from studio.ui.icons import kind_icon
from studio.ui.imports import start_import
from studio.ui.media_previews import MediaPreviews
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import timecode
from studio.ui.workers import Job

MEDIA_FILTER = ("Media and decks (*.mp4 *.mov *.mkv *.webm *.m4v *.avi *.mp3 *.m4a *.wav *.ogg "
                "*.flac *.png *.jpg *.jpeg *.gif *.webp *.pptx);;All files (*)")

ASSET_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()


def describe(asset: Asset) -> str:
    parts = [asset.kind]
    if asset.duration:
        parts.append(timecode(asset.duration))
    if asset.width and asset.height:
        parts.append(f"{asset.width}×{asset.height}")
    return " · ".join(parts)


class AssetListModel(QAbstractListModel):
    def __init__(self, session: ProjectSession, previews: MediaPreviews, parent=None):
        super().__init__(parent)
        self.session, self.previews = session, previews
        self.assets: list[Asset] = self._read()
        session.changed.connect(lambda changes: changes.media and self.refresh())
        previews.ready.connect(self._picture_ready)

    def _read(self) -> list[Asset]:
        return sorted(self.session.course().assets.values(), key=lambda a: a.original_name.lower())

    def refresh(self) -> None:
        self.beginResetModel()
        self.assets = self._read()
        self.endResetModel()

    def _picture_ready(self, asset_id: str) -> None:
        for row, asset in enumerate(self.assets):
            if asset.id == asset_id:
                self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.assets)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        asset = self.assets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{asset.original_name}\n{describe(asset)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.previews.scaled(asset, 48) or kind_icon(asset.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{asset.original_name}\n{describe(asset)}\n{asset.size / 1e6:.1f} MB"
        if role == ASSET_ROLE:
            return asset.id
        return None


class MediaBin(QWidget):
    import_started = Signal(object)  # the Job

    def __init__(self, session: ProjectSession, previews: MediaPreviews,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = AssetListModel(session, previews, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(64, 40))
        self.view.setSpacing(2)
        self.view.setAccessibleName("Media bin")
        self.view.setAcceptDrops(False)  # drops land on the panel itself
        self.status = QLabel("Drop video, audio or pictures here.", self)
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        import_button = QPushButton("Import…", self)
        import_button.setToolTip("Import media files into the project")
        import_button.clicked.connect(self.choose_files)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.setAcceptDrops(True)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import media", "", MEDIA_FILTER)
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path], lesson_id: str | None = None) -> Job:
        """Import files in the background, into the bin and (given a lesson) its timeline,
        as one job and one undo step; a PowerPoint deck becomes slide items (in a new lesson
        named after it when no lesson is given)."""
        names = ", ".join(p.name for p in paths[:2]) + (" …" if len(paths) > 2 else "")
        job = start_import(self.session, paths, ImportTarget.lesson(lesson_id))
        self.status.setText(f"Importing {names}…")
        job.progressed.connect(lambda _f, message: self.status.setText(message))
        job.succeeded.connect(lambda _report: self.status.setText(job.property("summary")))
        job.failed.connect(lambda _m: self.status.setText("The import failed; nothing changed."))
        job.cancelled.connect(lambda: self.status.setText("Import cancelled; nothing changed."))
        self.import_started.emit(job)
        return job

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)


def dropped_paths(event: QDropEvent) -> list[Path]:
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]

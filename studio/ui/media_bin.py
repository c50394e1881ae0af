"""The media bin: every imported file with its picture, kind and duration; drop files here,
drag media from here onto the timeline or a lesson of the outline.

Importing goes through the media room's import use case (``import_paths``), the same path a
drop on the bin or on the timeline takes, as one writing job: files are probed and copied
on the writer thread while the window stays live, and the result is one undo step. Double-
click, Enter or Ctrl+Shift+Return add the selected media after the outline's selection; the
context menu also adds at the playhead and removes unused media. Where media goes is
:mod:`studio.ui.placing`'s business.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.media.import_report import ImportTarget
from studio.model import Asset
from studio.ui.hints import paint_hint
from studio.ui.icons import kind_icon
from studio.ui.imports import start_import
from studio.ui.media_previews import MediaPreviews
from studio.ui.placing import (
    ADD_KEYS,
    ASSET_MIME,
    MediaDrop,
    MediaPlacer,
    asset_mime,
    dropped_files,
)
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import duration_text
from studio.ui.workers import Job

MEDIA_FILTER = ("Media and decks (*.mp4 *.mov *.mkv *.webm *.m4v *.avi *.mp3 *.m4a *.wav *.ogg "
                "*.flac *.png *.jpg *.jpeg *.gif *.webp *.pptx);;All files (*)")

ASSET_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
ICON_HEIGHT = 40  # pixels: the bin's pictures, as tall as its icon size
EMPTY_HINT = "Import media (Ctrl+I) or drop files here"
IDLE = f"Drag media onto the timeline or a lesson, or double-click it ({ADD_KEYS})."


def describe(asset: Asset) -> str:
    parts = [asset.kind]
    if asset.duration:
        parts.append(duration_text(asset.duration))
    if asset.width and asset.height:
        parts.append(f"{asset.width}×{asset.height}")
    return " · ".join(parts)


class AssetListModel(QAbstractListModel):
    def __init__(self, session: ProjectSession, previews: MediaPreviews, parent=None):
        super().__init__(parent)
        self.session, self.previews = session, previews
        self.assets: list[Asset] = self._read()
        self._posters: dict[str, QPixmap] = {}  # video asset id -> its first frame, scaled
        session.changed.connect(lambda changes: changes.media and self.refresh())
        previews.ready.connect(self._picture_ready)

    def _read(self) -> list[Asset]:
        # a slide's transcript and timed captions, made from its notes, and an item's
        # rendered narration are part of the item
        shown = (a for a in self.session.course().assets.values() if not a.info.get("role"))
        return sorted(shown, key=lambda a: a.original_name.lower())

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
            picture = self._poster(asset) if asset.kind == "video" else \
                self.previews.scaled(asset, ICON_HEIGHT)
            return picture or kind_icon(asset.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{asset.original_name}\n{describe(asset)}\n{asset.size / 1e6:.1f} MB"
        if role == ASSET_ROLE:
            return asset.id
        return None

    def _poster(self, asset: Asset) -> QPixmap | None:
        """A video's first frame: the filmstrip's, decoded off the GUI thread and cached by
        :class:`MediaPreviews` (``ready`` repaints the row when it arrives)."""
        if asset.id not in self._posters:
            media = self.previews.media(asset)
            if media is None or not media.frames:
                return None
            self._posters[asset.id] = media.frames[0][1].scaledToHeight(
                ICON_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        return self._posters[asset.id]

    # ---- dragging out ----------------------------------------------------------------------
    def flags(self, index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [ASSET_MIME]

    def mimeData(self, indexes) -> QMimeData:
        """The dragged rows' asset ids under the bin's private MIME type."""
        rows = sorted({index.row() for index in indexes if index.isValid()})
        return asset_mime([self.assets[row].id for row in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class BinView(QListView):
    """The bin's list: paints a hint when empty; Enter adds, Delete removes the selection."""

    add_requested = Signal()
    remove_requested = Signal()

    def event(self, event: QEvent) -> bool:
        # Delete here removes from the bin, not what the window's Delete shortcut removes
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and not event.modifiers():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.add_requested.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.remove_requested.emit()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            paint_hint(self.viewport(), EMPTY_HINT)


class MediaBin(QWidget):
    import_started = Signal(object)  # the Job
    asset_selected = Signal(object)  # the Asset now current in the bin

    def __init__(self, session: ProjectSession, previews: MediaPreviews,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.placer = MediaPlacer(session, self)
        self.model = AssetListModel(session, previews, self)
        self.view = BinView(self)
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(64, ICON_HEIGHT))
        self.view.setSpacing(2)
        self.view.setAccessibleName("Media bin")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setAcceptDrops(False)  # drops land on the panel itself
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.add_to_lesson())
        self.view.add_requested.connect(self.add_to_lesson)
        self.view.remove_requested.connect(self.remove_selected)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.menu: QMenu | None = None
        self.status = QLabel(IDLE, self)
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        self._failed = False
        import_button = QPushButton("Import…", self)
        import_button.setToolTip("Import media files into the project (Ctrl+I)")
        import_button.setAccessibleName("Import media")
        import_button.clicked.connect(self.choose_files)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.setAcceptDrops(True)
        session.changed.connect(lambda changes: changes.media and self._clear_failure())

    def connect_panels(self, timeline, outline, preview) -> None:
        """Take media drops from the timeline and the outline, place media at the
        timeline's playhead, and show the bin's current asset in the preview."""
        self.placer.timeline = timeline
        timeline.media_dropped.connect(self.place_drop)
        timeline.files_to_bin.connect(self.import_paths)
        outline.model.media_dropped.connect(self.place_drop)
        self.asset_selected.connect(preview.show_asset)

    # ---- the selection -----------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The selected assets' ids, in the bin's order (the current one when none is)."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.assets[row].id for row in rows]

    def select_asset(self, asset_id: str) -> None:
        """Make an asset the bin's current and only selected one."""
        for row, asset in enumerate(self.model.assets):
            if asset.id == asset_id:
                self.view.setCurrentIndex(self.model.index(row))

    def _current_changed(self, current: QModelIndex, _previous) -> None:
        if current.isValid():
            self.asset_selected.emit(self.model.assets[current.row()])

    # ---- gestures ----------------------------------------------------------------------------
    def add_to_lesson(self):
        """Add the selected media after the outline's selection (a lesson: at its end)."""
        return self.placer.add(self.selected_ids(), self.placer.spot_after_selection())

    def add_at_playhead(self):
        """Add the selected media to the timeline's lesson at the playhead."""
        spot = self.placer.spot_at_playhead()
        if spot is None:
            self.session.failed.emit("Select a lesson: the timeline shows none.")
            return None
        return self.placer.add(self.selected_ids(), spot)

    def remove_selected(self) -> bool:
        """Take the selected media out of the bin; media still in use is refused, naming
        where it is used, and nothing is removed."""
        ids = self.selected_ids()
        if not ids:
            return False

        def remove(project) -> None:
            with project.group("Remove from media bin"):
                for asset_id in ids:
                    commands.remove_asset(project, asset_id)

        return self.session.run(remove).ok

    def place_drop(self, drop: MediaDrop):
        """Media dropped on the timeline or the outline."""
        result = self.placer.drop(drop)
        if isinstance(result, Job):
            self._follow(result, drop.paths)
        return result

    def _context_menu(self, pos: QPoint) -> QMenu | None:
        if not self.selected_ids():
            return None
        menu = QMenu(self)
        # the key is shown, not bound: the window's action owns it
        menu.addAction(f"Add to lesson\t{ADD_KEYS}", self.add_to_lesson)
        menu.addAction("Add to timeline at playhead", self.add_at_playhead)
        menu.addSeparator()
        menu.addAction("Remove from bin", self.remove_selected)
        self.menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))
        return menu

    # ---- importing ---------------------------------------------------------------------------
    def choose_files(self) -> Job | None:
        """Ask for files and import them: into the selected lesson too (after the selected
        item, or at the playhead), else into the bin alone."""
        files, _ = QFileDialog.getOpenFileNames(self, "Import media", "", MEDIA_FILTER)
        if not files:
            return None
        paths = [Path(f) for f in files]
        job = self.placer.import_files(paths, self.placer.spot_after_selection(True))
        self._follow(job, paths)
        return job

    def import_paths(self, paths: list[Path], lesson_id: str | None = None) -> Job:
        """Import files in the background, into the bin and (given a lesson) its timeline,
        as one job and one undo step; a PowerPoint deck becomes slide items (in a new lesson
        named after it when no lesson is given)."""
        job = start_import(self.session, paths, ImportTarget.lesson(lesson_id))
        self._follow(job, paths)
        return job

    def _follow(self, job: Job, paths) -> None:
        """The footer tells how an import goes; a failure stays until the next success."""
        names = ", ".join(p.name for p in paths[:2]) + (" …" if len(paths) > 2 else "")
        self.status.setText(f"Importing {names}…")
        job.progressed.connect(lambda _f, message: self.status.setText(message))
        job.succeeded.connect(lambda _result: self._succeeded(job.property("summary")))
        job.failed.connect(self._import_failed)
        job.cancelled.connect(lambda: self.status.setText("Import cancelled; nothing changed."))
        self.import_started.emit(job)

    def _succeeded(self, text: str | None) -> None:
        self._failed = False
        self.status.setText(text or IDLE)

    def _import_failed(self, message: str) -> None:
        self._failed = True
        self.status.setText(f"The import failed; nothing changed. {message}")

    def _clear_failure(self) -> None:
        """Media arrived by another way (a drop, the inspector): an old failure is past."""
        if self._failed:
            self._succeeded(IDLE)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

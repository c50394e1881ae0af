"""Pictures of media for the bin, the timeline and the preview, made off the GUI thread.

Slides and images show their own picture, read and scaled on a worker thread (QImage is safe
to use there; QPixmap is made on the GUI thread when it is ready). Filmstrips and waveforms
of video clips come from the media room's thumbnail and waveform jobs when they exist in this
installation; until then clips show film perforations and a flat audio line.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from studio.model import Asset, Item, Slide, VideoClip

THUMB_HEIGHT = 144


def media_jobs_available() -> bool:
    """Whether this installation has the media room's thumbnail and waveform jobs."""
    return all(importlib.util.find_spec(f"studio.media.{name}") is not None
               for name in ("thumbnails", "waveform"))


class _LoadImage(QRunnable):
    def __init__(self, owner: MediaPreviews, asset_id: str, path: Path):
        super().__init__()
        self.owner, self.asset_id, self.path = owner, asset_id, path

    def run(self) -> None:
        reader = QImageReader(str(self.path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and size.height() > THUMB_HEIGHT:
            reader.setScaledSize(QSize(max(1, size.width() * THUMB_HEIGHT // size.height()),
                                       THUMB_HEIGHT))
        image = reader.read()
        try:
            self.owner._loaded.emit(self.asset_id, image)
        except RuntimeError:  # the project was closed meanwhile: nobody wants the picture
            pass


class MediaPreviews(QObject):
    ready = Signal(str)  # asset id whose picture is now available
    _loaded = Signal(str, QImage)

    def __init__(self, media_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.media_dir = media_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._pixmaps: dict[str, QPixmap | None] = {}
        self._loaded.connect(self._store)

    def picture(self, asset: Asset | None) -> QPixmap | None:
        """The asset's picture if ready; asks for it otherwise (``ready`` tells when)."""
        if asset is None or asset.kind != "image":
            return None
        if asset.id not in self._pixmaps:
            self._pixmaps[asset.id] = None
            self.pool.start(_LoadImage(self, asset.id, self.media_dir / asset.filename))
        return self._pixmaps[asset.id]

    def _store(self, asset_id: str, image: QImage) -> None:
        self._pixmaps[asset_id] = None if image.isNull() else QPixmap.fromImage(image)
        if not image.isNull():
            self.ready.emit(asset_id)

    def decorate(self, clip, item: Item, assets: dict[str, Asset]) -> None:
        """Give a timeline clip the pictures known for its item."""
        if isinstance(item, Slide):
            clip.thumbnail = self.picture(assets.get(item.asset_id or ""))
        elif isinstance(item, VideoClip):
            clip.filmstrip, clip.peaks = [], []

    def scaled(self, asset: Asset | None, height: int) -> QPixmap | None:
        picture = self.picture(asset)
        if picture is None:
            return None
        return picture.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)

    def wait(self) -> None:
        self.pool.waitForDone()

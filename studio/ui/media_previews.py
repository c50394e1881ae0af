"""Pictures of media for the bin, the timeline and the preview, made off the GUI thread.

Slides and images show their own picture, read and scaled on a worker thread (QImage is safe
to use there; QPixmap is made on the GUI thread when it is ready). Video clips get the
filmstrip and waveform of :func:`studio.media.previews.previews_of` (cached in the project's
``cache/`` by the source's content hash, shared with the command line), computed on the same
low-priority workers; until they are ready a clip shows film perforations and a flat line.
A file that cannot give a picture or a sound keeps its placeholder: the timeline is no place
for an error dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from studio.errors import StudioError
from studio.model import Asset, Item, Slide, VideoClip
from studio.ui.workers import lower_priority

log = logging.getLogger(__name__)
THUMB_HEIGHT = 144
FRAME_HEIGHT = 72  # filmstrip frames as the timeline draws them


def _read_image(path: Path, height: int) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.height() > height:
        reader.setScaledSize(QSize(max(1, size.width() * height // size.height()), height))
    return reader.read()


@dataclass(frozen=True)
class ClipMedia:
    frames: list[tuple[float, QPixmap]]  # (source time, frame) of the filmstrip
    peaks_per_second: int
    peaks: tuple[float, ...]


class _Work(QRunnable):
    """One picture, filmstrip or waveform: computed on a worker, handed back by a signal."""

    def __init__(self, owner: MediaPreviews, kind: str, asset_id: str,
                 compute: Callable[[], object]):
        super().__init__()
        self.owner, self.kind, self.asset_id, self.compute = owner, kind, asset_id, compute

    def run(self) -> None:
        lower_priority()
        try:
            value = self.compute()
        except (StudioError, OSError) as exc:  # an unreadable file keeps its placeholder
            log.info("No %s for %s: %s", self.kind, self.asset_id, exc)
            value = None
        try:
            self.owner._computed.emit(self.kind, self.asset_id, value)
        except RuntimeError:  # the project was closed meanwhile: nobody wants the result
            pass


class MediaPreviews(QObject):
    ready = Signal(str)  # asset id with a new picture, filmstrip or waveform
    _computed = Signal(str, str, object)

    def __init__(self, media_dir: Path, parent: QObject | None = None,
                 cache_dir: Path | None = None):
        super().__init__(parent)
        self.media_dir = media_dir
        self.cache_dir = cache_dir or media_dir.parent / "cache"
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._pixmaps: dict[str, QPixmap | None] = {}
        self._media: dict[str, ClipMedia | None] = {}  # None while being made
        self._computed.connect(self._store)

    # ---- asking -------------------------------------------------------------------------------
    def _start(self, kind: str, asset_id: str, compute: Callable[[], object]) -> None:
        self.pool.start(_Work(self, kind, asset_id, compute))

    def picture(self, asset: Asset | None) -> QPixmap | None:
        """The asset's picture if ready; asks for it otherwise (``ready`` tells when)."""
        if asset is None or asset.kind != "image":
            return None
        if asset.id not in self._pixmaps:
            self._pixmaps[asset.id] = None
            path = self.media_dir / asset.filename
            self._start("picture", asset.id, lambda: _read_image(path, THUMB_HEIGHT))
        return self._pixmaps[asset.id]

    def media(self, asset: Asset | None) -> ClipMedia | None:
        """The filmstrip and waveform of a video or sound asset if made; asks otherwise."""
        if asset is None or asset.kind not in ("video", "audio"):
            return None
        if asset.id not in self._media:
            self._media[asset.id] = None
            media_dir, cache_dir = self.media_dir, self.cache_dir

            def compute() -> tuple[list[tuple[float, QImage]], int, tuple[float, ...]]:
                from studio.media.previews import previews_of  # noqa: PLC0415 (loads PyAV)

                made = previews_of(asset, media_dir, cache_dir)
                frames = [(time, _read_image(frame, FRAME_HEIGHT)) for time, frame in
                          zip(made.filmstrip_times, made.filmstrip_frames, strict=True)]
                return frames, made.peaks_per_second, made.peaks

            self._start("media", asset.id, compute)
        return self._media[asset.id]

    def _store(self, kind: str, asset_id: str, value: object) -> None:
        if kind == "picture":
            image = value if isinstance(value, QImage) else QImage()
            self._pixmaps[asset_id] = None if image.isNull() else QPixmap.fromImage(image)
            found = not image.isNull()
        else:
            images, rate, peaks = value if value is not None else ([], 0, ())
            frames = [(time, QPixmap.fromImage(image)) for time, image in images
                      if not image.isNull()]
            self._media[asset_id] = ClipMedia(frames, rate, tuple(peaks))
            found = value is not None
        if found:
            self.ready.emit(asset_id)

    # ---- giving -------------------------------------------------------------------------------
    def decorate(self, clip, item: Item, assets: dict[str, Asset]) -> None:
        """Give a timeline clip the pictures known for its item (and ask for the others)."""
        asset = assets.get(getattr(item, "asset_id", None) or "")
        if isinstance(item, Slide):
            clip.thumbnail = self.picture(asset)
        elif isinstance(item, VideoClip):
            media = self.media(asset)
            clip.filmstrip = clip_frames(media.frames, item.in_point, item.out_point) \
                if media else []
            clip.peaks = clip_peaks(media.peaks_per_second, media.peaks, item.in_point,
                                    item.out_point) if media else []

    def scaled(self, asset: Asset | None, height: int) -> QPixmap | None:
        picture = self.picture(asset)
        if picture is None:
            return None
        return picture.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)

    def wait(self) -> None:
        self.pool.waitForDone()


def clip_frames(strip: list[tuple[float, QPixmap]], in_point: float, out_point: float
                ) -> list[QPixmap]:
    """The filmstrip frames of the range that plays: the one showing at the in point first."""
    if not strip:
        return []
    first = max((n for n, (time, _) in enumerate(strip) if time <= in_point + 1e-6), default=0)
    return [frame for n, (time, frame) in enumerate(strip) if n == first
            or (n > first and time < out_point)]


def clip_peaks(per_second: int, peaks: tuple[float, ...], in_point: float, out_point: float
               ) -> list[float]:
    """The waveform peaks of the range that plays."""
    if not per_second:
        return []
    return list(peaks[int(in_point * per_second):max(int(in_point * per_second) + 1,
                                                     int(out_point * per_second))])

"""Pictures of media for the bin, the timeline and the preview, made off the GUI thread.

Slides and images show their own picture, read and scaled on a worker thread (QImage is safe
to use there; QPixmap is made on the GUI thread when it is ready). Video clips get a
filmstrip (:func:`studio.media.thumbnails.filmstrip`) and a waveform
(:func:`studio.media.waveform.waveform`), both cached in the project's ``cache/`` by the
source's content hash, computed on the same low-priority workers; until they are ready a
clip shows film perforations and a flat audio line. A file that cannot give a picture or a
sound keeps its placeholder: the timeline is no place for an error dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from studio.errors import StudioError
from studio.model import Asset, Item, Slide, VideoClip
from studio.ui.workers import lower_priority

log = logging.getLogger(__name__)
THUMB_HEIGHT = 144
FRAME_HEIGHT = 72  # filmstrip frames as the timeline draws them


def filmstrip_interval(duration: float | None) -> float:
    """Seconds between filmstrip frames: about sixteen per source, one a second at most."""
    return float(min(10, max(1, round((duration or 0) / 16))))


def _read_image(path: Path, height: int) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.height() > height:
        reader.setScaledSize(QSize(max(1, size.width() * height // size.height()), height))
    return reader.read()


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
        # asset id -> [(source time, frame)], or None while being made or when there is none
        self._filmstrips: dict[str, list[tuple[float, QPixmap]] | None] = {}
        self._waveforms: dict[str, tuple[int, tuple[float, ...]] | None] = {}
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

    def filmstrip(self, asset: Asset | None) -> list[tuple[float, QPixmap]] | None:
        if asset is None or asset.kind != "video":
            return None
        if asset.id not in self._filmstrips:
            self._filmstrips[asset.id] = None
            source, sha, cache = self.media_dir / asset.filename, asset.sha256, self.cache_dir
            interval = filmstrip_interval(asset.duration)

            def compute() -> list[tuple[float, QImage]]:
                from studio.media.thumbnails import filmstrip  # noqa: PLC0415 (loads PyAV)

                strip = filmstrip(source, sha, cache, interval=interval)
                return [(time, _read_image(frame, FRAME_HEIGHT))
                        for time, frame in zip(strip.times, strip.frames, strict=True)]

            self._start("filmstrip", asset.id, compute)
        return self._filmstrips[asset.id]

    def waveform(self, asset: Asset | None) -> tuple[int, tuple[float, ...]] | None:
        """(peaks per second, peaks) of the asset's sound once made."""
        if asset is None or asset.kind not in ("video", "audio"):
            return None
        if asset.id not in self._waveforms:
            self._waveforms[asset.id] = None
            source, sha, cache = self.media_dir / asset.filename, asset.sha256, self.cache_dir
            duration = asset.duration

            def compute() -> tuple[int, tuple[float, ...]]:
                from studio.media.waveform import waveform  # noqa: PLC0415

                wave = waveform(source, sha, cache, duration)
                return wave.peaks_per_second, wave.peaks

            self._start("waveform", asset.id, compute)
        return self._waveforms[asset.id]

    def _store(self, kind: str, asset_id: str, value: object) -> None:
        if kind == "picture":
            image = value if isinstance(value, QImage) else QImage()
            self._pixmaps[asset_id] = None if image.isNull() else QPixmap.fromImage(image)
            found = not image.isNull()
        elif kind == "filmstrip":
            frames = [(time, QPixmap.fromImage(image)) for time, image in (value or [])
                      if not image.isNull()]
            self._filmstrips[asset_id] = frames or None
            found = bool(frames)
        else:
            self._waveforms[asset_id] = value  # type: ignore[assignment]
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
            strip = self.filmstrip(asset) or []
            clip.filmstrip = clip_frames(strip, item.in_point, item.out_point)
            wave = self.waveform(asset)
            clip.peaks = clip_peaks(wave, item.in_point, item.out_point) if wave else []

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


def clip_peaks(wave: tuple[int, tuple[float, ...]], in_point: float, out_point: float
               ) -> list[float]:
    per_second, peaks = wave
    return list(peaks[int(in_point * per_second):max(int(in_point * per_second) + 1,
                                                     int(out_point * per_second))])

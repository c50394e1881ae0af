"""Frames under the playhead, decoded off the GUI thread.

One worker thread serves the newest request only: while the designer scrubs, the requests
that arrive during a decode replace each other, and a frame that comes back for a request
that is no longer the newest is dropped, so the preview never shows a time the playhead has
already left. Recent frames stay in a small cache keyed by file, frame number and size, so
scrubbing back over them costs nothing.

When a video has a scrubbing proxy (:mod:`studio.media.scrub_proxy`), frames are read from
it instead of the original: :attr:`FrameDecoder.proxy_for` maps an original's path to its
proxy's, and every frame says which file it came from (its ``source`` text). Requests and
the cache still speak of the original, so a proxy arriving mid-scrub changes nothing else.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QTransform
from shiboken6 import isValid

from studio.errors import MediaError
from studio.media.frame_at import FrameReader

log = logging.getLogger(__name__)
CACHED_FRAMES = 48
OPEN_FILES = 4
SOURCE_TEXT = "source"  # the QImage text key naming the file a frame was decoded from


@dataclass(frozen=True)
class FrameRequest:
    serial: int
    path: str
    seconds: float  # of the source
    width: int  # the box the frame must fit, pixels
    height: int
    key: tuple


def frame_key(path: str, seconds: float, fps: float | None, width: int, height: int) -> tuple:
    """What identifies a shown frame: its file, its number at the clip's frame rate (or the
    millisecond without one) and the size it was scaled to."""
    number = math.floor(seconds * fps + 1e-3) if fps else round(seconds * 1000)
    return path, number, width, height


class FrameDecoder(QObject):
    """Decodes the frame at a time of a video in a worker thread; emits :attr:`ready`."""

    ready = Signal(object, QImage)  # the FrameRequest answered, the frame
    failed = Signal(object, str)  # the FrameRequest, why (the preview keeps its picture)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.serial = 0  # of the newest request
        self.decoded = 0  # frames decoded so far (cache misses)
        self.last_source = ""  # the file the newest decoded frame was read from
        # original path -> its proxy's path or None; called on the worker thread
        self.proxy_for: Callable[[str], str | None] | None = None
        self._cache: OrderedDict[tuple, QImage] = OrderedDict()
        self._lock = threading.Condition()
        self._wanted: FrameRequest | None = None
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, path: str, seconds: float, fps: float | None, width: int, height: int
                ) -> FrameRequest:
        """Ask for a frame; a cached one is emitted before this returns."""
        self.serial += 1
        key = frame_key(path, seconds, fps, width, height)
        wanted = FrameRequest(self.serial, path, seconds, width, height, key)
        with self._lock:
            image = self._cache.get(key)
            if image is not None:
                self._cache.move_to_end(key)
                self._wanted = None
            else:
                self._wanted = wanted
                self._lock.notify()
        if image is not None:
            self.ready.emit(wanted, image)
            return wanted
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="frames", daemon=True)
            self._thread.start()
        return wanted

    def cancel(self) -> None:
        """Forget the request not yet served (a frame already decoding is then dropped)."""
        self.serial += 1
        with self._lock:
            self._wanted = None

    def clear(self) -> None:
        """Forget the cached frames (the next request of each is decoded again)."""
        with self._lock:
            self._cache.clear()

    def stop(self) -> None:
        """End the worker (waits for the frame it is decoding)."""
        with self._lock:
            self._stopped = True
            self._lock.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _serve(self) -> None:
        readers: OrderedDict[str, FrameReader] = OrderedDict()
        try:
            while True:
                with self._lock:
                    while self._wanted is None and not self._stopped:
                        self._lock.wait(timeout=1.0)
                        if not isValid(self):  # the pane is gone: nobody will ask again
                            return
                    if self._stopped:
                        return
                    wanted, self._wanted = self._wanted, None
                try:
                    image = self._decode(readers, wanted)
                except MediaError as exc:
                    log.info("No preview frame: %s", exc.message)
                    self.failed.emit(wanted, exc.message)
                    continue
                with self._lock:
                    self._cache[wanted.key] = image
                    while len(self._cache) > CACHED_FRAMES:
                        self._cache.popitem(last=False)
                self.ready.emit(wanted, image)
        except RuntimeError:  # the pane was deleted while a frame was decoding
            pass
        finally:
            for reader in readers.values():
                reader.close()

    def _decode(self, readers: OrderedDict[str, FrameReader], wanted: FrameRequest) -> QImage:
        resolve = self.proxy_for
        proxy = resolve(wanted.path) if resolve is not None else None
        path = proxy or wanted.path
        reader = readers.get(path)
        if reader is None:
            reader = readers[path] = FrameReader(Path(path), intra_only=proxy is not None)
            while len(readers) > OPEN_FILES:
                readers.popitem(last=False)[1].close()
        readers.move_to_end(path)
        frame = reader.frame_at(wanted.seconds, wanted.width, wanted.height)
        self.decoded += 1
        self.last_source = path
        # copy(): the QImage must own its pixels once the bytes object is gone
        image = QImage(frame.rgb, frame.width, frame.height, frame.stride,
                       QImage.Format.Format_RGB888).copy()
        if frame.rotation:  # counterclockwise on screen, where Qt turns clockwise
            image = image.transformed(QTransform().rotate(-frame.rotation))
        image.setText(SOURCE_TEXT, path)
        return image


def frame_rate(asset) -> float | None:
    """Frames per second of a video asset, as its probe found them (None if unknown)."""
    video = (asset.info or {}).get("video") if asset is not None else None
    rate = video.get("frame_rate") if isinstance(video, dict) else None
    return float(rate) if rate else None

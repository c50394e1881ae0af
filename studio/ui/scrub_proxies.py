"""Scrubbing proxies for the window: made in the background, then read by the preview.

A video larger than a proxy (:func:`~studio.media.scrub_proxy.worth_a_proxy`) gets its proxy
(:mod:`studio.media.scrub_proxy`) after it is imported, or when a clip of it is first shown
without one; a cancelled build is asked again the next time the clip is shown. Proxies are
made one at a time, as jobs of the session (progress and Cancel in the status bar, on a
low-priority worker whose ffmpeg inherits its nice value), so the window stays responsive and
a build never competes with another.
Until a video's proxy exists, the preview decodes the original; :meth:`ScrubProxies.proxy_for`
is what the frame decoder asks, from its worker thread, before every frame.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from studio.changes import ChangeSet
from studio.jobs import CancelToken, Progress
from studio.media.scrub_proxy import build_proxy, find_proxy, worth_a_proxy
from studio.model import Asset
from studio.ui.session import ProjectSession
from studio.ui.workers import Job


class ScrubProxies(QObject):
    ready = Signal(str)  # the media path of a video whose proxy is now in use

    def __init__(self, session: ProjectSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.media_dir = Path(session.project.media_dir)
        self.cache_dir = Path(session.project.cache_dir)
        self.started = 0  # proxy jobs started so far
        self.job: Job | None = None  # the one being made
        self._making: Asset | None = None  # its asset
        self._ready: dict[str, str] = {}  # media path -> proxy path; read from the decoder thread
        self._queue: list[Asset] = []
        self._asked: set[str] = set()  # content hashes already queued, made or failed
        session.changed.connect(self._changed)

    def proxy_for(self, path: str) -> str | None:
        """The proxy to read instead of the media file ``path``, or None (thread-safe)."""
        return self._ready.get(path)

    def want(self, asset: Asset | None) -> None:
        """Use the asset's proxy if it exists; otherwise queue it to be made (only videos
        :func:`worth_a_proxy`)."""
        video = (asset.info or {}).get("video") if asset is not None else None
        if asset is None or asset.kind != "video" or not isinstance(video, dict) or \
                not worth_a_proxy(video.get("width"), video.get("height")):
            return
        path = str(self.media_dir / asset.filename)
        if path in self._ready or asset.sha256 in self._asked:
            return
        found = find_proxy(self.cache_dir, asset.sha256)
        if found is not None:
            self._ready[path] = str(found)
            return
        self._asked.add(asset.sha256)
        self._queue.append(asset)
        self._next()

    def _changed(self, changes: ChangeSet) -> None:
        """Videos just imported get their proxies (a whole reload starts none)."""
        if changes.everything or not changes.assets.inserted:
            return
        assets = self.session.course().assets
        for asset_id in sorted(changes.assets.inserted):
            self.want(assets.get(asset_id))

    def _next(self) -> None:
        if self.job is not None or not self._queue:
            return
        asset = self._queue.pop(0)
        source, cache_dir = self.media_dir / asset.filename, self.cache_dir
        sha256, duration, name = asset.sha256, asset.duration, asset.original_name

        def work(_project, progress: Progress, token: CancelToken) -> str:
            return str(build_proxy(source, sha256, cache_dir, duration, progress, token, name))

        self.started += 1
        self._making = asset
        self.job = job = self.session.start_job(
            f"Scrubbing proxy of {asset.original_name}", work)
        # bound methods: Qt drops them with this object if the project closes first
        job.succeeded.connect(self._made)
        job.cancelled.connect(self._cancelled)
        job.ended.connect(self._ended)

    def _made(self, proxy: str) -> None:
        path = str(self.media_dir / self._making.filename)
        self._ready[path] = proxy
        self.ready.emit(path)

    def _cancelled(self) -> None:
        self._asked.discard(self._making.sha256)

    def _ended(self) -> None:
        self.job = self._making = None
        self._next()

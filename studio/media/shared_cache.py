"""A render cache shared by machines: a folder or any fsspec URL (``s3://bucket/renders``,
``sftp://host/srv/cache``, ...) that the studio and every worker reach.

    LOCATION/renders/<key>.mp4    the render (or .webm), named by its content key
    LOCATION/renders/<key>.json   how it was made; written last, so a render is a hit only
                                  once both are there
    LOCATION/sources/<sha256>.mp4 a source, for workers that cannot read the studio's files

Every file is written under a unique ``.part`` name and moved to its final name, so no one
ever reads a partial render: a ``.part`` is never served, even one a killed worker left
behind; :meth:`SharedCache.remove_stale_parts` removes those once they are old. In a folder
the worker renders in place (the rename is atomic); elsewhere it renders in a scratch
folder of its own and uploads. The studio then takes each render from the shared cache:
from the folder as it is, from a URL downloaded into the project's cache first. fsspec is
imported when a cache is opened: it comes with the ``cluster`` extra.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from studio.errors import MediaError
from studio.files import PART_GLOB, part_name, replacing
from studio.jobs import CancelToken, Progress
from studio.media.cache import CacheCounters, RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.render import render_source
from studio.media.render_job import RenderJob
from studio.project_file import STALE_WITHOUT_PROC

CACHE_ENV = "STUDIO_CACHE"  # the shared cache's location when no option names one


class SharedCache:
    """The shared render cache at ``location`` (a folder path or an fsspec URL).

    Raises MediaError when fsspec is missing or knows no file system for the URL, and
    when the cache cannot be read or written (naming the location).
    """

    def __init__(self, location: str):
        try:
            from fsspec.core import url_to_fs  # noqa: PLC0415
            from fsspec.implementations.local import LocalFileSystem  # noqa: PLC0415
        except ImportError as exc:
            raise MediaError("A shared render cache needs fsspec: install "
                             "course-studio[cluster].") from exc
        self.location = location
        try:
            self.fs, root = url_to_fs(location)
        except (ImportError, ValueError) as exc:
            raise MediaError(f"Cannot open the render cache {location}: {exc}") from exc
        self.root = root.rstrip("/") or "/"
        self.folder = Path(self.root) if isinstance(self.fs, LocalFileSystem) else None
        if self.folder is not None:  # absolute, for workers whose working folder differs
            self.location = str(self.folder)

    def _path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def has_render(self, key: str, extension: str) -> bool:
        """Whether the render ``key`` (video and record) is in the cache."""
        return self._exists(f"renders/{key}.json") and self._exists(
            f"renders/{key}.{extension}")

    def _exists(self, name: str) -> bool:
        try:
            return self.fs.exists(self._path(name))
        except OSError as exc:
            raise self._failed("read", exc) from exc

    def remove_stale_parts(self, older_than: float = STALE_WITHOUT_PROC) -> int:
        """Remove the ``.part`` files in ``renders`` and ``sources`` last written more than
        ``older_than`` seconds ago (left by killed workers); returns how many went. By age,
        as a writer may be on another machine, out of sight of this one's open files; a live
        one keeps writing. A store that cannot tell a file's age, or refuses, keeps its
        parts (they are never read)."""
        removed, limit = 0, time.time() - older_than
        for sub in ("renders", "sources"):
            with contextlib.suppress(OSError, NotImplementedError):
                for part in self.fs.glob(self._path(sub, PART_GLOB)):
                    if self.fs.modified(part).timestamp() < limit:
                        self.fs.rm_file(part)
                        removed += 1
        return removed

    def _publish(self, local: Path, name: str) -> None:
        """Upload ``local`` as ``name`` through a unique .part name."""
        final = self._path(name)
        part = part_name(final, unique=True)
        try:
            self.fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
            self.fs.put_file(str(local), part)
            self.fs.mv(part, final)
        except OSError as exc:
            raise self._failed("write", exc) from exc

    def put_source(self, source: Path, sha256: str) -> None:
        """Store the file ``source`` (whose SHA-256 is ``sha256``) unless it is there."""
        name = f"sources/{sha256}{source.suffix.lower()}"
        if not self._exists(name):
            self._publish(source, name)

    def source(self, job: RenderJob, scratch: Path) -> Path:
        """A readable copy of ``job``'s source on this machine: the studio's own file when
        it is here, else the cache's (downloaded into ``scratch`` for a URL)."""
        if job.source.is_file():
            return job.source
        name = f"sources/{job.source_sha256}{job.source.suffix.lower()}"
        if self.folder is not None:
            return self.folder / name
        return self._download(name, scratch / Path(name).name)

    def publish_render(self, cache: RenderCache, key: str, extension: str) -> None:
        """Upload the finished render ``key`` of ``cache`` (video first, record last)."""
        self._publish(cache.video(key, extension), f"renders/{key}.{extension}")
        self._publish(cache.record_path(key), f"renders/{key}.json")

    def local_render(self, key: str, extension: str, cache_dir: Path) -> Path:
        """The render ``key`` as a file here: in the folder itself, or downloaded into the
        ``renders`` of ``cache_dir`` (once)."""
        if self.folder is not None:
            return RenderCache(self.folder).video(key, extension)
        local = RenderCache(cache_dir)
        target = local.video(key, extension)
        if not target.is_file():
            self._download(f"renders/{key}.json", local.record_path(key))
            self._download(f"renders/{key}.{extension}", target)
        return target

    def _download(self, name: str, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with replacing(target, unique=True) as part:
                self.fs.get_file(self._path(name), str(part))
        except OSError as exc:
            raise self._failed("read", exc) from exc
        return target

    def _failed(self, verb: str, exc: OSError) -> MediaError:
        return MediaError(f"Cannot {verb} the render cache {self.location}: "
                          f"{exc.strerror or exc}.")


@dataclass(frozen=True)
class SharedJob:
    """A render to keep in the shared cache at ``location``: picklable plain data."""

    job: RenderJob
    location: str


def render_shared(shared: SharedJob, progress: Progress, token: CancelToken) -> str:
    """On any machine: make sure the render of ``shared.job`` is in the shared cache;
    returns its key (this machine's ffmpeg's). Errors as
    :func:`~studio.media.render.render_source` and :class:`SharedCache`."""
    cache, job = SharedCache(shared.location), shared.job
    key = job.key(find_ffmpeg())
    if cache.folder is not None:  # render in place: the cache's rename publishes it
        source = cache.source(job, cache.folder)
        render_source(replace(job, source=source, cache_dir=cache.folder), progress, token)
        return key
    if cache.has_render(key, job.video_format):
        RenderCache.add_counts(CacheCounters(hits=1))
        progress(1.0, f"{job.label}: already rendered")
        return key
    scratch = Path(tempfile.mkdtemp(prefix="studio-render-"))
    try:
        source = cache.source(job, scratch)
        render_source(replace(job, source=source, cache_dir=scratch), progress, token)
        cache.publish_render(RenderCache(scratch), key, job.video_format)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return key

"""The project's disposable cache: files named by the hash of everything that made them.

A renderer asks for a key built from its inputs (source hash, cut, preset, filters, tool
version); an entry exists only once complete, because it is written under a unique
``.part`` name and renamed into place. Deleting the folder loses nothing but time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ProjectWriteError
from studio.files import replacing, write_atomically


def cache_key(parts: dict) -> str:
    """A stable hash of JSON-able inputs: equal inputs, equal key, whatever the dict order."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache file whole (folders made as needed); ProjectWriteError if it cannot."""
    write_atomically(path, data, ProjectWriteError, parents=True, unique=True)


@dataclass(frozen=True)
class CacheCounters:
    """How often renders were looked up in this process since the last reset: ``hits``
    found finished, ``misses`` not found, ``stored`` newly published (a miss that rendered).
    Subtracting two snapshots gives what one batch did."""

    hits: int = 0
    misses: int = 0
    stored: int = 0

    def __sub__(self, other: CacheCounters) -> CacheCounters:
        return CacheCounters(self.hits - other.hits, self.misses - other.misses,
                             self.stored - other.stored)

    def __add__(self, other: CacheCounters) -> CacheCounters:
        return CacheCounters(self.hits + other.hits, self.misses + other.misses,
                             self.stored + other.stored)


class Tally:
    """What one thread counted inside :meth:`RenderCache.tally`: ``counts``."""

    def __init__(self) -> None:
        self.counts = CacheCounters()


_counted = [CacheCounters()]
_counting = threading.Lock()
_tallies = threading.local()


def _count(**changes: int) -> None:
    made = CacheCounters(**changes)
    with _counting:
        _counted[0] = _counted[0] + made
    tally = getattr(_tallies, "open", None)
    if tally is not None:
        tally.counts = tally.counts + made


class RenderCache:
    """Rendered clips under ``cache/renders/<key>.<extension>`` (``mp4`` or ``webm``), each
    with a ``<key>.json`` record.

    Every lookup and every published render is counted process-wide, whichever cache
    folder it was (:meth:`counters`); renders made by a remote executor are added to the
    count of the process that asked for them when their job returns (:meth:`add_counts`).
    """

    @staticmethod
    def counters() -> CacheCounters:
        """A snapshot of this process's render-cache counters."""
        return _counted[0]

    @staticmethod
    def reset_counters() -> None:
        """Set the counters back to zero."""
        with _counting:
            _counted[0] = CacheCounters()

    @staticmethod
    @contextlib.contextmanager
    def tally() -> Iterator[Tally]:
        """Count, besides the process-wide counters, what this thread does in the block
        (a job's own share when several run at once)."""
        outer, _tallies.open = getattr(_tallies, "open", None), Tally()
        try:
            yield _tallies.open
        finally:
            _tallies.open = outer

    @staticmethod
    def add_counts(counts: CacheCounters) -> None:
        """Add counts made elsewhere (another process's batch) to this process's counters."""
        _count(hits=counts.hits, misses=counts.misses, stored=counts.stored)

    def __init__(self, cache_dir: Path):
        self.root = Path(cache_dir) / "renders"

    def video(self, key: str, extension: str = "mp4") -> Path:
        """Where the render ``key`` is kept (it may not exist yet)."""
        return self.root / f"{key}.{extension}"

    def record_path(self, key: str) -> Path:
        """Where the record of the render ``key`` is kept (JSON)."""
        return self.root / f"{key}.json"

    def lookup(self, key: str, extension: str = "mp4") -> Path | None:
        """The finished render ``key`` (video and record both there), else None."""
        found = self._finished(key, extension)
        _count(hits=int(found), misses=int(not found))
        return self.video(key, extension) if found else None

    def _finished(self, key: str, extension: str) -> bool:
        return self.video(key, extension).is_file() and self.record_path(key).is_file()

    def record(self, key: str) -> dict:
        """How the render ``key`` was made, as stored; OSError if it has no record."""
        return json.loads(self.record_path(key).read_text(encoding="utf-8"))

    @contextlib.contextmanager
    def writing(self, key: str, extension: str = "mp4") -> Iterator[Path]:
        """Yield a unique .part path for the render ``key``; it becomes :meth:`video` when
        the block ends normally, and is removed when it raises. The block stores the
        :meth:`store_record` first, so a video without its record is never a hit."""
        self.root.mkdir(parents=True, exist_ok=True)
        video = self.video(key, extension)
        with replacing(video, unique=True, error=lambda exc: ProjectWriteError(
                f"Could not store the render {video.name}: {exc}.")) as part:
            yield part
        _count(stored=1)

    def store_record(self, key: str, record: dict) -> None:
        """Write the render's record (how it was made; JSON); ProjectWriteError if it cannot."""
        write_atomic(self.record_path(key), json.dumps(record, sort_keys=True,
                                                       indent=1).encode("utf-8"))

    def keys(self) -> list[str]:
        """The keys of every finished render, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.iterdir()
                      if p.suffix in (".mp4", ".webm") and self._finished(p.stem, p.suffix[1:]))

    def clear(self) -> int:
        """Remove every render (and stray partial files); returns how many renders went."""
        count = len(self.keys())
        shutil.rmtree(self.root, ignore_errors=True)
        return count

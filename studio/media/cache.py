"""The project's disposable cache: files named by the hash of everything that made them.

A renderer asks for a key built from its inputs (source hash, cut, preset, filters, tool
version); an entry exists only once complete, because it is written under a unique
``.part`` name and renamed into place. Deleting the folder loses nothing but time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

from studio.errors import ProjectWriteError


def cache_key(parts: dict) -> str:
    """A stable hash of JSON-able inputs: equal inputs, equal key, whatever the dict order."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def part_path(final: Path) -> Path:
    """A unique partial name beside ``final``, so two writers never share one."""
    return final.with_name(f"{final.name}.{uuid.uuid4().hex[:8]}.part")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(path)
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise ProjectWriteError(f"Could not write {path}: {exc.strerror}.") from exc


class RenderCache:
    """Rendered clips under ``cache/renders/<key>.mp4``, each with a ``<key>.json`` record."""

    def __init__(self, cache_dir: Path):
        self.root = Path(cache_dir) / "renders"

    def video(self, key: str) -> Path:
        return self.root / f"{key}.mp4"

    def record_path(self, key: str) -> Path:
        return self.root / f"{key}.json"

    def lookup(self, key: str) -> Path | None:
        video = self.video(key)
        return video if video.is_file() and self.record_path(key).is_file() else None

    def record(self, key: str) -> dict:
        return json.loads(self.record_path(key).read_text(encoding="utf-8"))

    def new_part(self, key: str) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        return part_path(self.video(key))

    def commit(self, part: Path, key: str, record: dict) -> Path:
        """Move a finished render into place, its record first (a video without one is a miss)."""
        data = json.dumps(record, sort_keys=True, indent=1).encode("utf-8")
        write_atomic(self.record_path(key), data)
        try:
            os.replace(part, self.video(key))
        except OSError as exc:
            raise ProjectWriteError(f"Could not store the render {part.name}: {exc}.") from exc
        return self.video(key)

    def keys(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.mp4") if self.lookup(p.stem))

    def clear(self) -> int:
        """Remove every render (and stray partial files); returns how many renders went."""
        count = len(self.keys())
        shutil.rmtree(self.root, ignore_errors=True)
        return count

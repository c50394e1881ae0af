"""Writing files whole or not at all: the bytes go to a ``.part`` file beside the target,
renamed over it only once complete, so a crash or a full disk never leaves half a file."""

from __future__ import annotations

import os
from pathlib import Path

from studio.errors import ExportError


def part_path(target: Path) -> Path:
    """Where ``target`` is written before it is renamed into place."""
    return target.with_name(target.name + ".part")


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` through its .part file; an ExportError if it cannot."""
    part = part_path(path)
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc

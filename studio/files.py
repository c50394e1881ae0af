"""Writing files whole or not at all: the bytes go to a ``.part`` file beside the target,
renamed over it only once complete, so a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from studio.errors import ExportError, ImportFileError, StudioError

PART_GLOB = "*.part"  # every file written through :func:`replacing`, for finding leftovers


def part_path(target: Path, unique: bool = False) -> Path:
    """Where ``target`` is written before it is renamed into place: ``<name>.part``, or with
    ``unique`` ``<name>.<8 hex>.part`` so that writers racing for one target never share it."""
    return target.with_name(part_name(target.name, unique))


def part_name(name: str, unique: bool = False) -> str:
    """The name (or URL) ``name`` is written under before it is moved into place, as
    :func:`part_path` spells it; for stores that are not local paths (fsspec URLs)."""
    tag = f".{uuid.uuid4().hex[:8]}" if unique else ""
    return f"{name}{tag}.part"


@contextlib.contextmanager
def replacing(target: Path, unique: bool = False, durable: bool = False,
              error: Callable[[OSError], Exception] | None = None) -> Iterator[Path]:
    """Yield the ``.part`` path (see :func:`part_path`) to write ``target`` through.

    When the block ends normally the part (a file or a folder) is renamed over ``target``,
    after an fsync of the file with ``durable``; an OSError of that last step is raised as
    ``error(exc)`` when given. When anything raises, the part is removed and the exception
    propagates (the block's own exceptions unchanged).
    """
    part = part_path(target, unique)
    try:
        yield part
        try:
            if durable:
                _fsync(part)
            os.replace(part, target)
        except OSError as exc:
            if error is None:
                raise
            raise error(exc) from exc
    except BaseException:
        discard(part)
        raise


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def discard(part: Path) -> None:
    """Remove a partial file or folder, if it is there; never raises."""
    if part.is_dir() and not part.is_symlink():
        shutil.rmtree(part, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            part.unlink()


def write_atomically(path: Path, data: bytes | str, error: type[StudioError] = ExportError,
                     parents: bool = False, unique: bool = False) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` through its .part file (unique-named with
    ``unique``), creating missing parent folders with ``parents``; raises ``error`` (a
    StudioError subclass) if it cannot."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path, unique) as part:
            part.write_bytes(raw)
    except OSError as exc:
        raise error(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` through its .part file; an ExportError if it cannot."""
    write_atomically(path, text)


def unreadable(path: Path, exc: OSError) -> ImportFileError:
    """The one refusal for a file the person chose that cannot be read: "NAME cannot be read
    (permission denied)." (the reason is the system's, in lower case)."""
    reason = exc.strerror or type(exc).__name__
    return ImportFileError(f"{Path(path).name} cannot be read ({reason[0].lower()}{reason[1:]}).")


def read_input(path: Path) -> bytes:
    """The whole content of a file chosen for import, in bytes; raises ImportFileError (see
    :func:`unreadable`) when it is missing or cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from exc

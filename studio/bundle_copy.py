"""A consistent copy of a project bundle in a new ``.course`` folder ("Save a copy as").

``course.db`` is copied with SQLite's online backup API (``sqlite3_backup_step``, SQLite C
interface "Online Backup API") from one read transaction held for the whole copy, so the
copy is the database as it stood at one moment even while another connection or process
writes. ``media/`` follows (originals are never rewritten in place, so the files the copied
database names are all there); ``cache/`` is left out and starts empty. Everything is
written into a ``.part`` folder beside the target and renamed into place at the end, so a
cancelled or failed copy leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studio import project_file
from studio.errors import NotAProjectError, ProjectExistsError, ProjectWriteError
from studio.files import PART_GLOB, replacing
from studio.jobs import CancelToken, Progress, no_progress
from studio.project_file import DB_NAME

BACKUP_PAGES = 256  # database pages copied per backup step (progress and cancel points)
COPY_BLOCK = 1 << 20  # bytes of a media file copied between two cancel checks
MEDIA, CACHE = "media", "cache"


@dataclass(frozen=True)
class CopyReport:
    """What :func:`copy_bundle` wrote: the new bundle, its media file count and the bytes
    copied (database and media)."""

    target: Path
    media_files: int
    bytes: int


def check_copy_target(source: Path | str, target: Path | str) -> Path:
    """Refuse a target the copy of ``source`` cannot go to; returns ``target`` as a Path.

    Raises NotAProjectError when ``source`` holds no ``course.db``, ProjectExistsError when
    ``target`` exists (file or folder), ProjectWriteError when ``target`` lies inside
    ``source`` or inside any other bundle. Each message is one line that names the reason.
    """
    source, target = Path(source), Path(target)
    if not (source / DB_NAME).is_file():
        raise NotAProjectError(f"{source} is not a course project (it has no {DB_NAME}).")
    if target.exists() or target.is_symlink():
        raise ProjectExistsError(f"{target} already exists; choose a new name for the copy.")
    own = source.resolve()
    for parent in target.resolve().parents:
        if parent == own:
            raise ProjectWriteError(f"A copy cannot go inside the project it copies "
                                    f"({source}); choose a place outside it.")
        if (parent / DB_NAME).is_file():
            raise ProjectWriteError(f"A copy cannot go inside another project ({parent}); "
                                    "choose a place outside it.")
    return target


def copy_bundle(source: Path | str, target: Path | str, progress: Progress = no_progress,
                token: CancelToken | None = None) -> CopyReport:
    """Write a consistent copy of the bundle ``source`` to the new folder ``target``.

    ``progress`` hears the share of bytes copied (database pages, then media files);
    ``token`` is checked between backup steps and media blocks. The source is only read.
    Missing parent folders of ``target`` are created.

    Raises what :func:`check_copy_target` raises, ``Cancelled`` when the token is set (nothing
    is left behind), ProjectWriteError (or its "Disk full" form) when the copy cannot be
    written, NotAProjectError when ``course.db`` cannot be read as SQLite.
    """
    source, target = Path(source), check_copy_target(source, target)
    token = token or CancelToken()
    media = sorted(p for p in (source / MEDIA).glob("*")
                   if p.is_file() and not p.match(PART_GLOB)) if (source / MEDIA).is_dir() \
        else []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target, unique=True, error=lambda exc: _refused(target, exc)) as part:
            (part / MEDIA).mkdir(parents=True)
            (part / CACHE).mkdir()
            media_bytes = sum(p.stat().st_size for p in media)
            db_bytes = _backup(source / DB_NAME, part / DB_NAME, media_bytes, progress, token)
            total, done = db_bytes + media_bytes, db_bytes
            for file in media:
                done = _copy_file(file, part / MEDIA / file.name, done, total, progress, token)
                shutil.copystat(file, part / MEDIA / file.name)
    except (OSError, sqlite3.OperationalError) as exc:
        raise project_file.translate(exc, target) from exc
    progress(1.0, f"Copied to {target.name}")
    return CopyReport(target, len(media), done)


def _refused(target: Path, exc: OSError) -> Exception:
    if target.exists():
        return ProjectExistsError(f"{target} already exists; choose a new name for the copy.")
    return project_file.translate(exc, target)


def _backup(db_path: Path, copy_path: Path, media_bytes: int, progress: Progress,
            token: CancelToken) -> int:
    """Copy the database page by page from one read snapshot; returns its size in bytes."""
    try:
        src = project_file.open_read_only(db_path)
    except sqlite3.Error as exc:
        raise NotAProjectError(f"{db_path} cannot be read as a course database: {exc}.") from exc
    dst = sqlite3.connect(copy_path)
    try:
        # A read transaction open across the steps pins one snapshot (WAL): steps never
        # restart when another connection commits meanwhile
        src.execute("BEGIN")
        page_size = src.execute("PRAGMA page_size").fetchone()[0]
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()

        def stepped(status: int, remaining: int, pages: int) -> None:
            token.check()
            total = pages * page_size + media_bytes
            progress((pages - remaining) * page_size / max(total, 1), "Copying the course")

        try:
            src.backup(dst, pages=BACKUP_PAGES, progress=stepped)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise
            raise NotAProjectError(
                f"{db_path} cannot be read as a course database: {exc}.") from exc
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return dst.execute("PRAGMA page_count").fetchone()[0] * page_size
    finally:
        src.close()
        dst.close()


def _copy_file(source: Path, target: Path, done: int, total: int, progress: Progress,
               token: CancelToken) -> int:
    with open(source, "rb") as reader, open(target, "wb") as writer:
        while block := reader.read(COPY_BLOCK):
            token.check()
            writer.write(block)
            done += len(block)
            progress(done / max(total, 1), f"Copying {source.name}")
        writer.flush()
        os.fsync(writer.fileno())
    return done

"""The project bundle on disk: ``Name.course/`` with ``course.db``, ``media/`` and ``cache/``.

``course.db`` is SQLite (WAL, foreign keys on) whose ``PRAGMA user_version`` is the schema
version; migrations are ordered and each runs in one transaction with its record. A
database written by a newer studio is refused before anything opens it for writing.
Media originals are stored once under ``media/``, named by content hash.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from studio import loader
from studio.changes import ChangeSet, Source
from studio.errors import (
    ImportFileError,
    NotAProjectError,
    ProjectExistsError,
    ProjectVersionError,
    ProjectWriteError,
)
from studio.files import part_path
from studio.history import History, Tx
from studio.migrations import MIGRATIONS, SCHEMA_VERSION
from studio.model import Course
from studio.text import clean_text

DB_NAME = "course.db"
SQLITE_MAGIC = b"SQLite format 3\x00"


def read_schema_version(db_path: Path) -> int:
    """The database's user_version, read from the file header without opening SQLite."""
    try:
        with open(db_path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise NotAProjectError(f"Cannot read {db_path}: {exc.strerror}.") from exc
    if len(header) == 0:
        raise NotAProjectError(f"{db_path} is empty: it is not a course database.")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{db_path} is not a course database.")
    return int.from_bytes(header[60:64], "big")


def _connect(db_path: Path) -> sqlite_utils.Database:
    conn = sqlite3.connect(str(db_path), check_same_thread=False, timeout=10)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return db


def _write_error(path: Path, exc: OSError | sqlite3.Error) -> ProjectWriteError:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return ProjectWriteError(f"The disk is full: could not write {path}.")
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ProjectWriteError(f"{path} is read-only: cannot write the project there.")
    reason = getattr(exc, "strerror", None) or str(exc)
    return ProjectWriteError(f"Could not write {path}: {reason}.")


class Project:
    """An open course project. Edits go through :meth:`edit` (see :mod:`studio.commands`).

    ``path`` is the bundle folder, ``db``/``conn`` its database connection (one thread at a
    time), ``history`` its undo stack. Listeners added with :meth:`subscribe` hear a
    :class:`~studio.changes.ChangeSet` after each committed edit, undo or redo.
    """

    def __init__(self, path: Path, db: sqlite_utils.Database):
        self.path = path
        self.db = db
        self.conn = db.conn
        self.history = History(self.conn)
        self._tx: Tx | None = None
        self._model_cache = loader.ModelCache()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        self._seen_seq = self.history.last_seq()  # newest entry the listeners were told of

    # ---- opening -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, title: str, language: str = "en") -> Project:
        """Make a new bundle at ``path`` (folders, migrated database, the course row) and open it.

        Raises ProjectExistsError when ``path`` holds a project or is a file,
        ProjectWriteError for an empty title or when the folder cannot be written.
        """
        path = Path(path)
        if (path / DB_NAME).exists():
            raise ProjectExistsError(f"{path} already holds a course project.")
        if path.exists() and not path.is_dir():
            raise ProjectExistsError(f"{path} exists and is not a folder.")
        title = " ".join(clean_text(title).split())
        if not title:
            raise ProjectWriteError("A course needs a title.")
        try:
            for sub in ("media", "cache"):
                (path / sub).mkdir(parents=True, exist_ok=True)
            project = cls._open_db(path)
            with project.db.atomic():
                project.conn.execute(
                    "INSERT INTO course (id, uid, title, language) VALUES (1, ?, ?, ?)",
                    (f"urn:uuid:{uuid.uuid4()}", title.strip(), language),
                )
        except (OSError, sqlite3.OperationalError) as exc:
            raise _write_error(path, exc) from exc
        return project

    @classmethod
    def open(cls, path: Path | str) -> Project:
        """Open the bundle at ``path``, migrating its database to :data:`SCHEMA_VERSION`.

        Raises NotAProjectError when ``path`` is no project or its database is unreadable,
        ProjectVersionError when a newer Course Studio wrote it (the file is left untouched).
        """
        path = Path(path)
        db_path = path / DB_NAME
        if not path.is_dir():
            raise NotAProjectError(f"{path} is not a course project (no such folder).")
        if not db_path.is_file():
            raise NotAProjectError(f"{path} is not a course project (it has no {DB_NAME}).")
        version = read_schema_version(db_path)
        if version > SCHEMA_VERSION:
            raise ProjectVersionError(
                f"{path} was saved by a newer Course Studio (project format {version}; this "
                f"version reads up to {SCHEMA_VERSION}). Update Course Studio to open it; "
                "the project was not changed."
            )
        try:
            return cls._open_db(path)
        except sqlite3.DatabaseError as exc:
            raise NotAProjectError(
                f"{db_path} cannot be read as a course database: {exc}."
            ) from exc

    @classmethod
    def _open_db(cls, path: Path) -> Project:
        db = _connect(path / DB_NAME)
        MIGRATIONS.apply(db)
        project = cls(path, db)
        if project.conn.execute("SELECT COUNT(*) FROM course").fetchone()[0] > 1:
            raise NotAProjectError(f"{path / DB_NAME} is damaged (several course rows).")
        return project

    def close(self) -> None:
        """Fold the write-ahead log into ``course.db`` (best effort) and close the connection."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- folders -----------------------------------------------------------------------
    @property
    def media_dir(self) -> Path:
        """``media/``: imported originals, named by content hash."""
        return self.path / "media"

    @property
    def cache_dir(self) -> Path:
        """``cache/``: thumbnails, waveforms and renders, disposable."""
        return self.path / "cache"

    # ---- reading -----------------------------------------------------------------------
    def course(self) -> Course:
        """The course as frozen model objects (unchanged rows reuse their previous objects)."""
        return loader.load_course(self.conn, self._model_cache)

    def course_row(self) -> dict:
        """The ``course`` table's one row as ``{column: value}`` (``{}`` if missing)."""
        return Tx(self.conn).row("course", 1) or {}

    # ---- editing -----------------------------------------------------------------------
    @contextlib.contextmanager
    def edit(self, name: str, merge_key: str | None = None) -> Iterator[Tx]:
        """One named edit = one transaction = one history entry (nested edits join the outer).

        Edits with the same ``merge_key`` in quick succession share one entry (see
        :meth:`History.record`). An exception inside rolls the edit back and propagates;
        a database that cannot be written raises ProjectWriteError. Listeners hear the
        edit's ChangeSet once the outermost edit commits with changes.
        """
        if self._tx is not None:
            # A savepoint, so a refused command caught inside a group leaves nothing behind
            kept = len(self._tx.changes)
            try:
                with self.db.atomic():
                    yield self._tx
            except BaseException:
                del self._tx.changes[kept:]
                raise
            return
        tx = Tx(self.conn)
        self._tx = tx
        try:
            with self.db.atomic():
                yield tx
                self.history.record(name, tx.changes, merge_key)
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path / DB_NAME, exc) from exc
        finally:
            self._tx = None
        if tx.changes:
            self._notify(ChangeSet.from_rows(name, tx.changes))

    def group(self, name: str) -> contextlib.AbstractContextManager[Tx]:
        """Several commands as one undo step: ``with project.group("Trim clip"): ...``."""
        return self.edit(name)

    def undo(self) -> str:
        """Undo the newest applied history entry in one transaction; returns its name.

        Listeners hear a :class:`~studio.changes.ChangeSet` with source ``undo``. Raises
        InvalidEditError when there is nothing to undo.
        """
        with self.db.atomic():
            step = self.history.undo()
        self._notify(ChangeSet.from_rows(step.name, step.changes, Source.UNDO))
        return step.name

    def redo(self) -> str:
        """Redo the oldest undone history entry in one transaction; returns its name.

        Listeners hear a :class:`~studio.changes.ChangeSet` with source ``redo``. Raises
        InvalidEditError when there is nothing to redo.
        """
        with self.db.atomic():
            step = self.history.redo()
        self._notify(ChangeSet.from_rows(step.name, step.changes, Source.REDO))
        return step.name

    def mark_saved(self) -> None:
        """Record the current history entry as saved: :attr:`dirty` is False until the next
        edit, undo or redo."""
        with self.db.atomic():
            self.history.mark_saved()

    @property
    def dirty(self) -> bool:
        """Whether there are unsaved changes (derived from the history)."""
        return self.history.is_dirty()

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        """Call ``listener(changes)`` after every committed edit, undo or redo, and after
        :meth:`catch_up`, with what it changed (nothing for an edit that changed no row)."""
        self._listeners.append(listener)

    def catch_up(self, name: str) -> ChangeSet:
        """Tell the listeners what other connections committed since they last heard.

        The change set is built from the history entries recorded since (source
        ``external``); when those cannot be read whole it is ``everything``. Returns it.
        """
        steps = self.history.recorded_since(self._seen_seq)
        if steps is None:
            changes = ChangeSet.everything_changed(name)
        else:
            changes = ChangeSet.from_rows(
                name, (row for step in steps for row in step.changes), Source.EXTERNAL)
        self._notify(changes)
        return changes

    def _notify(self, changes: ChangeSet) -> None:
        self._seen_seq = self.history.last_seq()
        for listener in list(self._listeners):
            listener(changes)

    # ---- media originals ---------------------------------------------------------------
    def store_media(self, source: Path) -> tuple[str, str]:
        """Copy a file into media/ named by its SHA-256 (once); returns (sha256, filename)."""
        digest = hashlib.sha256()
        try:
            with open(source, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise ImportFileError(f"Cannot read {source}: {exc.strerror}.") from exc
        sha = digest.hexdigest()
        filename = sha[:32] + source.suffix.lower()
        target = self.media_dir / filename
        if target.exists():
            return sha, filename
        part = part_path(target)
        try:
            self.media_dir.mkdir(exist_ok=True)
            shutil.copyfile(source, part)
            os.replace(part, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                part.unlink()
            raise _write_error(target, exc) from exc
        return sha, filename


def dumps(value: object) -> str:
    """JSON for the store's JSON columns: compact and key-sorted, so equal data is equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

"""The project bundle on disk: ``Name.course/`` with ``course.db``, ``media/`` and ``cache/``.

``course.db`` is SQLite (WAL, foreign keys on) whose ``PRAGMA user_version`` is the schema
version; migrations are ordered and each runs in one transaction with its record. A
database written by a newer studio is refused before anything opens it for writing.
Media originals are stored once under ``media/``, named by content hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from studio import loader, project_file
from studio.changes import ChangeSet, Source
from studio.errors import (
    NotAProjectError,
    ProjectExistsError,
    ProjectReadOnlyError,
    ProjectVersionError,
    ProjectWriteError,
    StudioError,
)
from studio.files import replacing, unreadable
from studio.history import History, Tx
from studio.language import language_tag
from studio.migrations import MIGRATIONS, SCHEMA_VERSION
from studio.model import Course
from studio.project_file import DB_NAME
from studio.text import clean_text


def _connect(db_path: Path, read_only: bool = False) -> sqlite_utils.Database:
    if read_only:
        conn = project_file.open_read_only(db_path)
    else:
        conn = sqlite3.connect(str(db_path), check_same_thread=False,
                               timeout=project_file.BUSY_TIMEOUT)
    db = sqlite_utils.Database(conn)
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return db


def _write_error(path: Path, exc: OSError | sqlite3.Error) -> StudioError:
    return project_file.translate(exc, path)


class Project:
    """An open course project. Edits go through :meth:`edit` (see :mod:`studio.commands`).

    ``path`` is the bundle folder, ``db``/``conn`` its database connection (one thread at a
    time), ``history`` its undo stack. Listeners added with :meth:`subscribe` hear a
    :class:`~studio.changes.ChangeSet` after each committed edit, undo or redo.
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, read_only: bool = False):
        self.path = path
        self.db = db
        self.conn = db.conn
        self.read_only = read_only  # write-protected: listed, previewed, exported, not edited
        self.history = History(self.conn)
        self._tx: Tx | None = None
        self._model_cache = loader.ModelCache()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        self._seen_seq = self.history.last_seq()  # newest entry the listeners were told of
        self._seen_applied = self.history.current_seq()  # newest applied entry, then
        self._data_version = self._read_data_version()

    # ---- opening -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, title: str, language: str = "en",
               identifier: str | None = None) -> Project:
        """Make a new bundle at ``path`` (folders, migrated database, the course row) and open it.

        ``language`` is a BCP 47 tag, stored normalised (:func:`studio.language.language_tag`);
        ``identifier`` the course's URN (default: a new random ``urn:uuid:``).
        Raises ProjectExistsError when ``path`` holds a project or is a file,
        ProjectWriteError for an empty title or when the folder cannot be written,
        InvalidEditError for a language that is not a tag; nothing is written then.
        """
        path = Path(path)
        language = language_tag(language)
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
            project = cls._open_db(path, stamp=True)
            with project_file.write_transaction(project.conn, path / DB_NAME):
                project.conn.execute(
                    "INSERT INTO course (id, uid, title, language) VALUES (1, ?, ?, ?)",
                    (identifier or f"urn:uuid:{uuid.uuid4()}", title.strip(), language),
                )
        except (OSError, sqlite3.OperationalError) as exc:
            raise _write_error(path, exc) from exc
        return project

    @classmethod
    def open(cls, path: Path | str) -> Project:
        """Open the bundle at ``path``, migrating its database to :data:`SCHEMA_VERSION`.

        A write-protected bundle opens read-only (:attr:`read_only`; edits are refused with
        ProjectReadOnlyError). Stale ``.part`` files of a killed studio are removed from
        ``media/`` and ``cache/`` (see :func:`studio.project_file.remove_stale_parts`).

        Raises NotAProjectError when ``path`` is no project or its database is unreadable,
        ForeignDatabaseError for another program's SQLite file, ProjectDamagedError when
        SQLite's quick check finds damage, ProjectVersionError when a newer Course Studio
        wrote it (in each case the file is left untouched).
        """
        path = Path(path)
        db_path = path / DB_NAME
        if not path.is_dir():
            raise NotAProjectError(f"{path} is not a course project (no such folder).")
        if not db_path.is_file():
            raise NotAProjectError(f"{path} is not a course project (it has no {DB_NAME}).")
        header = project_file.read_header(db_path)
        version = header.user_version
        if version > SCHEMA_VERSION:
            raise ProjectVersionError(
                f"{path} was saved by a newer Course Studio (project format {version}; this "
                f"version reads up to {SCHEMA_VERSION}). Update Course Studio to open it; "
                "the project was not changed."
            )
        stamp = project_file.check_ownership(db_path, header)
        read_only = project_file.is_write_protected(path)
        if read_only and version < SCHEMA_VERSION:
            raise ProjectReadOnlyError(
                f"{path} is read-only and was saved by an older Course Studio: it must be "
                "upgraded once, which needs it writable.")
        try:
            project = cls._open_db(path, stamp=stamp, read_only=read_only, check=True)
        except sqlite3.DatabaseError as exc:
            raise NotAProjectError(
                f"{db_path} cannot be read as a course database: {exc}."
            ) from exc
        if not read_only:
            project_file.remove_stale_parts([project.media_dir, project.cache_dir])
        return project

    @classmethod
    def _open_db(cls, path: Path, stamp: bool = False, read_only: bool = False,
                 check: bool = False) -> Project:
        db_path = path / DB_NAME
        db = _connect(db_path, read_only)
        try:
            if check and (problems := project_file.quick_check(db.conn, db_path)):
                raise project_file.damaged_error(db_path, problems)
            if not read_only:
                if stamp:
                    with project_file.write_transaction(db.conn, db_path):
                        db.conn.execute(
                            f"PRAGMA application_id = {project_file.APPLICATION_ID}")
                MIGRATIONS.apply(db)
            project = cls(path, db, read_only)
            if project.conn.execute("SELECT COUNT(*) FROM course").fetchone()[0] > 1:
                raise project_file.damaged_error(db_path, ["several course rows"])
        except BaseException:
            db.conn.close()
            raise
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
        """``cache/``: thumbnails, waveforms and renders, disposable. For a read-only
        project, a folder of the same name under the system's temporary directory, keyed by
        the bundle's path, so previews and exports can still render."""
        if not self.read_only:
            return self.path / "cache"
        key = hashlib.sha256(str(self.path.resolve()).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / "course-studio-cache" / key

    # ---- reading -----------------------------------------------------------------------
    def course(self) -> Course:
        """The course as frozen model objects (unchanged rows reuse their previous objects).

        Raises ProjectDamagedError when a damaged page of the database cannot be read.
        """
        try:
            return loader.load_course(self.conn, self._model_cache)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise _write_error(self.path / DB_NAME, exc) from exc

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

        The edit waits its turn while another process writes (``BEGIN IMMEDIATE``, see
        :func:`studio.project_file.begin_immediate`); ProjectBusyError after
        :data:`~studio.project_file.WRITE_WAIT` seconds. A read-only project raises
        ProjectReadOnlyError, a full disk a ProjectWriteError that says "Disk full".
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
            with self._writing():
                yield tx
                self.history.record(name, tx.changes, merge_key)
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
        InvalidEditError when there is nothing to undo. The entry is read inside the write
        transaction, so an entry another process recorded or undid meanwhile is seen.
        """
        with self._writing():
            step = self.history.undo()
        self._notify(ChangeSet.from_rows(step.name, step.changes, Source.UNDO))
        return step.name

    def redo(self) -> str:
        """Redo the oldest undone history entry in one transaction; returns its name.

        Listeners hear a :class:`~studio.changes.ChangeSet` with source ``redo``. Raises
        InvalidEditError when there is nothing to redo (also when another process edited
        since the undo).
        """
        with self._writing():
            step = self.history.redo()
        self._notify(ChangeSet.from_rows(step.name, step.changes, Source.REDO))
        return step.name

    def mark_saved(self) -> None:
        """Record the current history entry as saved: :attr:`dirty` is False until the next
        edit, undo or redo."""
        with self._writing():
            self.history.mark_saved()

    def _writing(self) -> contextlib.AbstractContextManager[None]:
        self.refuse_if_read_only()
        return project_file.write_transaction(self.conn, self.path / DB_NAME)

    def refuse_if_read_only(self) -> None:
        """Raise ProjectReadOnlyError, in words that say why, when the project is
        write-protected (see :func:`studio.project_file.is_write_protected`)."""
        if self.read_only:
            raise ProjectReadOnlyError(
                f"{self.path} is read-only: it can be listed, previewed and exported, but not "
                "edited. Make it writable (e.g. chmod -R u+w) to change it.")

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
        ``external``); when those cannot be read whole, or an older entry was undone or
        redone elsewhere, it is ``everything``. Returns it.
        """
        steps = self.history.recorded_since(self._seen_seq)
        if steps is None or self.history.current_seq(upto=self._seen_seq) != self._seen_applied:
            changes = ChangeSet.everything_changed(name)
        else:
            changes = ChangeSet.from_rows(
                name, (row for step in steps for row in step.changes), Source.EXTERNAL)
        self._notify(changes)
        return changes

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another process, or a job's) committed since the last
        call; cheap enough to poll (SQLite's ``PRAGMA data_version``)."""
        version = self._read_data_version()
        changed, self._data_version = version != self._data_version, version
        return changed

    def _read_data_version(self) -> int:
        try:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return -1

    def _notify(self, changes: ChangeSet) -> None:
        self._seen_seq = self.history.last_seq()
        self._seen_applied = self.history.current_seq()
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
            raise unreadable(source, exc) from exc
        self.refuse_if_read_only()
        sha = digest.hexdigest()
        filename = sha[:32] + source.suffix.lower()
        target = self.media_dir / filename
        if target.exists():
            return sha, filename
        try:
            self.media_dir.mkdir(exist_ok=True)
            with replacing(target) as part:
                shutil.copyfile(source, part)
        except OSError as exc:
            raise _write_error(target, exc) from exc
        return sha, filename


def dumps(value: object) -> str:
    """JSON for the store's JSON columns: compact and key-sorted, so equal data is equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

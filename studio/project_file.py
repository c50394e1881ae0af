"""``course.db`` as a file: whose it is, whether it is sound, who may write it, and when.

Opening a project goes through :func:`connect`, which refuses another program's SQLite
file before anything writes to it, opens a write-protected project read-only, and runs
SQLite's cheap ``PRAGMA quick_check``. Edits go through :func:`write_transaction`, which
takes the write lock up front (``BEGIN IMMEDIATE``) so that two processes on one project
take turns instead of failing. :func:`remove_stale_parts` clears what a killed studio left
half-written.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:
    import resource
except ImportError:  # not on Windows
    resource = None

from studio.errors import (
    ForeignDatabaseError,
    NotAProjectError,
    ProjectBusyError,
    ProjectDamagedError,
    ProjectReadOnlyError,
    ProjectWriteError,
)
from studio.files import PART_GLOB

DB_NAME = "course.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite file header field "Application ID" (offset 68, 4 bytes): b"CStu" marks Course Studio
APPLICATION_ID = int.from_bytes(b"CStu", "big")
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of applied migrations
OUR_TABLES = frozenset({"course", MIGRATIONS_TABLE})  # a pre-stamp project has both

BUSY_TIMEOUT = 5.0  # seconds SQLite waits for another writer before one retry round
WRITE_WAIT = 30.0  # seconds an edit waits in all for its turn before it is refused
QUICK_CHECK_ROWS = 3  # problems named in a refusal
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
PROCESS_STARTED = time.time()


@dataclass(frozen=True)
class Header:
    """The fields of the 100-byte SQLite file header the studio reads (SQLite file format §1.3)."""

    user_version: int  # offset 60: the project's schema version
    application_id: int  # offset 68


def read_header(db_path: Path) -> Header:
    """The header fields of ``db_path`` (SQLite file format §1.3), read without writing.

    While a write-ahead log exists, some connection (perhaps of this process) has the file
    open in WAL mode: the fields are then read through a read-only SQLite connection, never
    a file descriptor of our own, since closing one would drop every POSIX lock this
    process holds on the file, and another process closing its connection would then take
    itself for the last one and delete the log under the open project. Without a log the
    first 100 bytes are read directly (an SQLite connection would create one).

    Raises NotAProjectError when the file cannot be read, is empty or is not SQLite.
    """
    if Path(f"{db_path}-wal").exists():
        return _header_through_sqlite(db_path)
    try:
        with open(db_path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise NotAProjectError(f"Cannot read {db_path}: {exc.strerror}.") from exc
    if len(header) == 0:
        raise NotAProjectError(f"{db_path} is empty: it is not a course database.")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{db_path} is not a course database.")
    return Header(int.from_bytes(header[60:64], "big"), int.from_bytes(header[68:72], "big"))


def _header_through_sqlite(db_path: Path) -> Header:
    if not os.access(db_path, os.R_OK):
        raise NotAProjectError(f"Cannot read {db_path}: Permission denied.")
    try:
        conn = open_read_only(db_path)
        try:
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{db_path} is not a course database.") from exc
    return Header(user_version, application_id)


def is_write_protected(folder: Path) -> bool:
    """Whether the bundle at ``folder`` must be opened read-only: its ``course.db`` or the
    folder cannot be written by this process, or carries no write permission bit at all
    (``chmod a-w``, honoured even for a superuser)."""
    db_path = folder / DB_NAME
    for path in (db_path, folder):
        if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
            return True
    return False


def _uri(db_path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{db_path.resolve().as_posix().replace('?', '%3f').replace('#', '%23')}?{query}"


def open_read_only(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to ``db_path`` that writes nothing, not even a ``-shm`` file
    when the folder is write-protected (then opened ``immutable``). Raises sqlite3.Error."""
    wal = Path(f"{db_path}-wal")
    if is_write_protected(db_path.parent) and not (wal.is_file() and wal.stat().st_size):
        # Nobody may write it, and no log holds newer pages: read the file as it stands
        return sqlite3.connect(_uri(db_path, mode="ro", immutable="1"), uri=True,
                               check_same_thread=False)
    conn = sqlite3.connect(_uri(db_path, mode="ro"), uri=True, check_same_thread=False,
                           timeout=BUSY_TIMEOUT)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    return sqlite3.connect(_uri(db_path, mode="ro", immutable="1"), uri=True,
                           check_same_thread=False)


def check_ownership(db_path: Path, header: Header) -> bool:
    """Refuse a database that is neither ours nor empty; returns whether it still needs our
    application id stamped (a new file, or a project made before the id was set).

    Raises ForeignDatabaseError for another program's SQLite file (a different application
    id, or tables without the studio's ``course`` table and migration record); the file is
    left byte-identical. Raises NotAProjectError when it cannot be read at all.
    """
    if header.application_id == APPLICATION_ID:
        return False
    if header.application_id != 0:
        raise ForeignDatabaseError(
            f"{db_path} belongs to another program (SQLite application id "
            f"0x{header.application_id:08x}), not Course Studio; it was left untouched.")
    try:
        conn = open_read_only(db_path)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAProjectError(f"{db_path} cannot be read as a course database: {exc}.") from exc
    if tables and not OUR_TABLES <= tables:
        raise ForeignDatabaseError(
            f"{db_path} is another program's SQLite database (it has no course table); "
            "Course Studio left it untouched.")
    return True


def quick_check(conn: sqlite3.Connection, db_path: Path, full: bool = False) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (or, with ``full``, ``integrity_check``, which also
    compares every index with its table): the problems found, ``[]`` when sound.

    A database too damaged to run the check gives its error as the one problem.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def damaged_error(db_path: Path, problems: list[str]) -> ProjectDamagedError:
    """The refusal for a damaged ``course.db``: what is wrong and how to get the rest back."""
    shown = "; ".join(problems[:QUICK_CHECK_ROWS]) + ("; ..." if len(problems) > 1 else "")
    folder = db_path.parent
    return ProjectDamagedError(
        f"{db_path} is damaged ({shown}); nothing was written to it. `studio recover {folder}` "
        "copies what can still be read into a new project.")


def translate(exc: sqlite3.Error | OSError, path: Path) -> Exception:
    """The StudioError a failed database or file operation means for the person: damaged,
    busy, read-only, "disk full", or a plain write error naming ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    code = code & 0xFF if code is not None else None
    os_errno = exc.errno if isinstance(exc, OSError) else None
    if code in _DAMAGED:
        return damaged_error(path, [str(exc)])
    if code in _BUSY:
        return ProjectBusyError(
            f"{path} is being written by another program and stayed locked for "
            f"{WRITE_WAIT:.0f} seconds; nothing was changed. Try again when it has finished.")
    no_room = code == sqlite3.SQLITE_FULL or os_errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    if no_room or (code == sqlite3.SQLITE_IOERR and _out_of_room(path)):
        return ProjectWriteError(f"Disk full: could not write {path}; nothing was changed.")
    if code == sqlite3.SQLITE_READONLY or os_errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ProjectReadOnlyError(f"{path} is read-only: cannot write the project there.")
    reason = getattr(exc, "strerror", None) or str(exc)
    return ProjectWriteError(f"Could not write {path}: {reason}.")


LOW_SPACE = 1 << 20  # bytes free below which a failed write is taken for a full disk


def _out_of_room(path: Path) -> bool:
    # SQLite reports a write refused for lack of room as a plain I/O error unless the
    # kernel said ENOSPC; its errno is not exposed, so ask the disk and the process limit
    folder = path if path.is_dir() else path.parent
    with contextlib.suppress(OSError):
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return True
    if resource is None:
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    with contextlib.suppress(OSError):
        return any(p.stat().st_size + LOW_SPACE >= limit
                   for p in folder.glob(f"{DB_NAME}*"))
    return False


def begin_immediate(conn: sqlite3.Connection, db_path: Path, wait: float = WRITE_WAIT) -> None:
    """Start a write transaction holding SQLite's write lock from the first statement.

    A deferred transaction that reads, then writes, must upgrade its lock and gets
    SQLITE_BUSY at once when another process wrote meanwhile (SQLite's "database is locked"
    without waiting). Taking the lock first lets the busy timeout wait for the other writer;
    BUSY answers are retried until ``wait`` seconds (default :data:`WRITE_WAIT`) have passed.
    Raises ProjectBusyError then, or the translated error of anything else.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            code = (exc.sqlite_errorcode or 0) & 0xFF
            if code not in _BUSY or time.monotonic() >= deadline:
                raise translate(exc, db_path) from exc
            time.sleep(0.05)


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, db_path: Path) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back when the block raises (which propagates).

    A database error while writing or committing becomes the StudioError :func:`translate`
    gives (disk full, damaged, read-only, busy); other exceptions pass unchanged.
    """
    begin_immediate(conn, db_path)
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.rollback()
        if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
                exc, sqlite3.IntegrityError):
            raise translate(exc, db_path) from exc
        raise


def open_by_any_process(paths: list[Path]) -> set[Path]:
    """Which of ``paths`` some process (this one included) has open, read from
    ``/proc/*/fd`` (Linux); empty when ``/proc`` is not there. Only processes this user may
    inspect are seen."""
    wanted = {str(p.resolve()) for p in paths}
    found: set[str] = set()
    proc = Path("/proc")
    if not proc.is_dir():
        return set()
    for pid in os.listdir(proc):
        if not pid.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in os.listdir(proc / pid / "fd"):
                with contextlib.suppress(OSError):
                    target = os.readlink(proc / pid / "fd" / fd)
                    if target in wanted:
                        found.add(target)
    return {p for p in paths if str(p.resolve()) in found}


STALE_WITHOUT_PROC = 3600.0  # seconds: where /proc cannot tell, a .part this old is stale


def _mtime(path: Path) -> float:
    """Seconds since the epoch of the last change; +inf for a file gone meanwhile (not stale)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")


def remove_stale_parts(folders: list[Path]) -> list[Path]:
    """Remove ``*.part`` files under ``folders`` that nothing is writing: on Linux those no
    process holds open, elsewhere those untouched for :data:`STALE_WITHOUT_PROC` seconds
    and older than this process. Returns the files removed; unremovable ones are kept."""
    # os.walk skips folders that vanish while it looks (a worker renaming its .part folder);
    # rglob would raise
    parts = [Path(root) / name for folder in folders for root, _dirs, names in os.walk(folder)
             for name in fnmatch.filter(names, PART_GLOB)]
    if not parts:
        return []
    if Path("/proc/self/fd").is_dir():
        busy = open_by_any_process(parts)
        stale = [p for p in parts if p not in busy]
    else:
        now = time.time()
        stale = [p for p in parts if (m := _mtime(p)) < PROCESS_STARTED
                 and now - m > STALE_WITHOUT_PROC]
    removed = []
    for part in stale:
        with contextlib.suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed

"""Getting a damaged project back: what can still be read goes into a new bundle.

The original is never written: its ``course.db`` (with its write-ahead log) is copied to a
temporary folder first. When the ``sqlite3`` shell is installed its ``.recover`` command
(SQLite CLI, "Recovering Data From A Corrupted Database") rebuilds a sound copy from every
page it can read; otherwise, and from that copy, each table's rows are read one rowid at a
time so that one damaged page loses only its own rows. Rows whose parent was lost are kept
under a "Recovered" module; ``media/`` and ``cache/`` are copied as they are.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from studio import project_file
from studio.errors import (
    ForeignDatabaseError,
    NotAProjectError,
    ProjectExistsError,
    ProjectWriteError,
)
from studio.files import PART_GLOB
from studio.project_file import DB_NAME
from studio.store import Project

# Parents first, so that a child can be checked against the rows already copied
TABLES = ("course", "modules", "lessons", "assets", "items", "questions")
RECOVER_TIMEOUT = 300.0  # seconds the sqlite3 shell may take
PROBE_ROWS_PER_PAGE = 500  # rowids probed per database page when a table's end is unreadable


@dataclass
class RecoveryReport:
    """What :func:`recover` did: the new bundle, how the rows were read (``"sqlite3
    .recover"`` or ``"row by row"``), rows copied per table, and what was lost or moved."""

    target: Path
    method: str
    copied: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def default_target(path: Path) -> Path:
    """``Name-recovered.course`` beside ``Name.course`` (then ``-recovered-2`` and so on)."""
    stem = path.name.removesuffix(".course")
    for n in range(1, 1000):
        suffix = "-recovered" if n == 1 else f"-recovered-{n}"
        candidate = path.with_name(f"{stem}{suffix}.course")
        if not candidate.exists():
            return candidate
    raise ProjectExistsError(f"Too many recovered copies beside {path}; name one with -o.")


def check_project(path: Path | str) -> list[str]:
    """SQLite's full ``PRAGMA integrity_check`` and ``foreign_key_check`` of the project at
    ``path``, read-only: the problems found, ``[]`` when sound.

    Raises NotAProjectError when ``path`` holds no SQLite ``course.db``,
    ForeignDatabaseError when it is another program's database.
    """
    path = Path(path)
    db_path = path / DB_NAME
    if not db_path.is_file():
        raise NotAProjectError(f"{path} is not a course project (it has no {DB_NAME}).")
    project_file.check_ownership(db_path, project_file.read_header(db_path))
    try:
        conn = project_file.open_read_only(db_path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        problems = project_file.quick_check(conn, db_path, full=True)
        if not problems:
            with contextlib.suppress(sqlite3.DatabaseError):
                problems = [f"{table} row {rowid} names a missing {parent} row"
                            for table, rowid, parent, _ in conn.execute(
                                "PRAGMA foreign_key_check")]
    finally:
        conn.close()
    return problems


def recover(path: Path | str, target: Path | str | None = None) -> RecoveryReport:
    """Copy what can be read from the project at ``path`` into a new bundle ``target``
    (default :func:`default_target`); the original is left byte-identical.

    The undo history is not carried over (its entries may name rows that were lost).
    Raises NotAProjectError when ``path`` has no ``course.db``, ForeignDatabaseError when it
    is another program's database, ProjectExistsError when ``target`` exists,
    ProjectWriteError when the new bundle cannot be written.
    """
    path = Path(path)
    source_db = path / DB_NAME
    if not source_db.is_file():
        raise NotAProjectError(f"{path} is not a course project (it has no {DB_NAME}).")
    try:
        project_file.check_ownership(source_db, project_file.read_header(source_db))
    except ForeignDatabaseError:
        raise
    except NotAProjectError:
        pass  # a damaged header or schema: what recovery is for
    target = Path(target) if target else default_target(path)
    if target.exists():
        raise ProjectExistsError(f"{target} already exists; choose a new name with -o.")
    with tempfile.TemporaryDirectory(prefix="studio-recover-") as tmp:
        copy = Path(tmp) / DB_NAME
        try:
            for suffix in ("", "-wal"):
                if Path(f"{source_db}{suffix}").is_file():
                    shutil.copyfile(f"{source_db}{suffix}", f"{copy}{suffix}")
        except OSError as exc:
            raise NotAProjectError(f"Cannot read {source_db}: {exc.strerror}.") from exc
        readable, method = _sqlite_recover(copy), "sqlite3 .recover"
        if readable is None:
            readable, method = copy, "row by row"
        report = RecoveryReport(target, method)
        project = Project.create(target, path.name.removesuffix(".course") or "Recovered")
        try:
            conn = sqlite3.connect(readable)
            try:
                _copy_rows(conn, project.conn, target / DB_NAME, report, path)
            finally:
                conn.close()
        finally:
            project.close()
    for sub in ("media", "cache"):
        _copy_folder(path / sub, target / sub, report)
    return report


def _sqlite_recover(db: Path) -> Path | None:
    """A sound database rebuilt by the sqlite3 shell's ``.recover``; None without the shell
    or when it fails."""
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    rebuilt = db.with_name("recovered.db")
    try:
        dump = subprocess.run([shell, str(db), ".recover"], capture_output=True,
                              timeout=RECOVER_TIMEOUT, check=True).stdout
        subprocess.run([shell, str(rebuilt)], input=dump, capture_output=True,
                       timeout=RECOVER_TIMEOUT, check=True)
    except (OSError, subprocess.SubprocessError):
        return None  # e.g. a shell built without the sqlite_dbpage table .recover reads
    try:
        with contextlib.closing(sqlite3.connect(rebuilt)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        return None
    return rebuilt if set(TABLES) <= tables else None


def readable_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple], bool]:
    """Every row of ``table`` that can be read: ``(columns, rows, whole)``, rows in rowid
    order; ``whole`` is False when some could not be read (they are skipped).

    Raises sqlite3.DatabaseError only when the table's schema itself cannot be read.
    """
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
    if not columns:
        raise sqlite3.DatabaseError(f"no table {table}")
    listed = ", ".join(f"[{c}]" for c in columns)
    try:
        rows = conn.execute(f"SELECT {listed} FROM [{table}] ORDER BY rowid").fetchall()
        return columns, rows, True
    except sqlite3.DatabaseError:
        pass
    try:
        last = conn.execute(f"SELECT MAX(rowid) FROM [{table}]").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        last = conn.execute("PRAGMA page_count").fetchone()[0] * PROBE_ROWS_PER_PAGE
    rows = []
    for rowid in range(1, last + 1):
        with contextlib.suppress(sqlite3.DatabaseError):
            found = conn.execute(f"SELECT {listed} FROM [{table}] WHERE rowid = ?",
                                 (rowid,)).fetchone()
            if found is not None:
                rows.append(found)
    return columns, rows, False


def _copy_rows(source: sqlite3.Connection, target: sqlite3.Connection, db_path: Path,
               report: RecoveryReport, original: Path) -> None:
    wanted = {t: {r[1] for r in target.execute(f"PRAGMA table_info([{t}])")} for t in TABLES}
    target.execute("PRAGMA foreign_keys = OFF")  # children may arrive before a lost parent
    with project_file.write_transaction(target, db_path):
        target.execute("DELETE FROM course")
        for table in TABLES:
            try:
                columns, rows, whole = readable_rows(source, table)
            except sqlite3.DatabaseError as exc:
                report.notes.append(f"{table}: nothing could be read ({exc})")
                report.copied[table] = 0
                continue
            keep = [i for i, c in enumerate(columns) if c in wanted[table]]
            names = ", ".join(f"[{columns[i]}]" for i in keep)
            marks = ", ".join("?" for _ in keep)
            copied = 0
            for row in rows:
                with contextlib.suppress(sqlite3.Error):
                    target.execute(f"INSERT OR IGNORE INTO [{table}] ({names}) VALUES ({marks})",
                                   tuple(row[i] for i in keep))
                    copied += 1
            report.copied[table] = copied
            if not whole:
                report.notes.append(f"{table}: some rows were on damaged pages and are lost")
        _rehome_orphans(target, report, original)
    target.execute("PRAGMA foreign_keys = ON")


def _rehome_orphans(conn: sqlite3.Connection, report: RecoveryReport, original: Path) -> None:
    if conn.execute("SELECT COUNT(*) FROM course").fetchone()[0] == 0:
        conn.execute("INSERT INTO course (id, uid, title) VALUES (1, ?, ?)",
                     (f"urn:uuid:{uuid.uuid4()}", original.name.removesuffix(".course")))
        report.notes.append("the course settings were lost: the title is the folder's name")
    holder: dict[str, str] = {}

    def place(kind: str) -> str:
        if "module" not in holder:
            holder["module"] = f"mod_{uuid.uuid4().hex[:10]}"
            conn.execute("INSERT INTO modules (id, title, position) VALUES (?, 'Recovered', "
                         "(SELECT COALESCE(MAX(position) + 1, 0) FROM modules))",
                         (holder["module"],))
        if kind == "lesson" and "lesson" not in holder:
            holder["lesson"] = f"les_{uuid.uuid4().hex[:10]}"
            conn.execute("INSERT INTO lessons (id, module_id, title, position) "
                         "VALUES (?, ?, 'Recovered items', 0)",
                         (holder["lesson"], holder["module"]))
        return holder[kind]

    lost_parent = {
        "lessons": ("module_id", "modules", "module"),
        "items": ("lesson_id", "lessons", "lesson"),
    }
    for table, (column, parent, kind) in lost_parent.items():
        orphans = [r[0] for r in conn.execute(
            f"SELECT id FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})")]
        for orphan in orphans:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (place(kind), orphan))
        if orphans:
            report.notes.append(f"{len(orphans)} {table} whose {kind} was lost are under "
                                "the 'Recovered' module")
    unplayable = conn.execute("DELETE FROM items WHERE asset_id IS NOT NULL AND asset_id NOT IN "
                              "(SELECT id FROM assets)").rowcount
    if unplayable:
        report.notes.append(f"{unplayable} items whose media record was lost were left out")
    lost = conn.execute(
        "DELETE FROM questions WHERE item_id NOT IN (SELECT id FROM items)").rowcount
    if lost:
        report.notes.append(f"{lost} questions whose quiz was lost were left out")


def _copy_folder(source: Path, target: Path, report: RecoveryReport) -> None:
    if not source.is_dir():
        return
    try:
        shutil.copytree(source, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(PART_GLOB))
    except shutil.Error as exc:
        report.notes.append(f"{len(exc.args[0])} files of {source.name}/ could not be read")
    except OSError as exc:
        raise ProjectWriteError(f"Could not copy {source} into {target}: {exc.strerror}.") from exc

"""The project's learner-data cache: a DuckDB file holding the ``statements`` table
(:func:`studio.xray.rows.table_ddl`), one row per statement, unique by ``id``. The store
keeps ids unique itself (its one write path skips ids already kept), so the table has no
key index, whose upkeep would cost more than a whole bulk read.

Every write is one transaction, timestamps cast on the way in: into an empty table the rows
go straight in and rows without an id or with a repeated id are deleted after (usually none
are); otherwise they are staged and only the first of each id not kept yet is inserted. A
failure leaves the table as it was.
Connections are short-lived (one per call), so the window and the command line can take
turns on the file; a file another process holds open gives a one-line
:class:`~studio.errors.LearnerDataError`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from studio.errors import Cancelled, LearnerDataError
from studio.jobs import CancelToken
from studio.xray.rows import COLUMN_NAMES, STATEMENT_COLUMNS, table_ddl

FOLDER = "xray"
FILE_NAME = "learners.duckdb"
TABLE = "statements"
_TIMESTAMPS = ("stored", "timestamp")
# Staged rows carry their times as the strings sent; the store casts them (NULL if unreadable).
STAGED_TYPES = {name: ("VARCHAR" if name in _TIMESTAMPS else kind)
                for name, kind, _ in STATEMENT_COLUMNS}


@dataclass(frozen=True)
class AddResult:
    """What one write did: ``seen`` rows the select gave, ``candidates`` of them with an id
    (about the course; repeats included), ``added`` rows new to the store; ``candidates -
    added`` were already kept or repeated in the batch."""

    seen: int
    candidates: int
    added: int

    @property
    def duplicates(self) -> int:
        """Rows offered whose id was already kept or came twice."""
        return self.candidates - self.added


class LearnerStore:
    """The X-ray cache of a project: ``<cache_dir>/xray/learners.duckdb`` where ``cache_dir``
    is ``Project.cache_dir``. The file and table are created on first use."""

    def __init__(self, cache_dir: Path):
        self.folder = Path(cache_dir) / FOLDER
        self.path = self.folder / FILE_NAME

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the cache (table ensured, time zone UTC), closed on exit.
        Raises LearnerDataError when the file cannot be opened (another process holds it,
        not a DuckDB file, folder not writable)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(self.path))
        except (duckdb.Error, OSError) as exc:
            raise LearnerDataError(_open_error(self.path, exc)) from None
        try:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(table_ddl(TABLE, key=False))
            yield con
        finally:
            con.close()

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        """Rows of a read query (DuckDB SQL over ``statements``); TIMESTAMPTZ values should be
        selected as text (``strftime``/``CAST … AS VARCHAR``): no time-zone library is
        assumed."""
        with self.connect() as con:
            return con.execute(sql, params or []).fetchall()

    def count(self) -> int:
        """Rows kept."""
        return self.query(f"SELECT count(*) FROM {TABLE}")[0][0]

    def latest_stored(self) -> str | None:
        """The newest ``stored`` kept, ISO 8601 in UTC with microseconds
        (``2026-11-30T10:00:00.123456Z``), the ``since`` of the next incremental read; None
        when no row has one."""
        row = self.query(f"SELECT strftime(max(stored), '%Y-%m-%dT%H:%M:%S.%fZ') FROM {TABLE}")
        return row[0][0]

    def forget(self) -> None:
        """Empty the cache (the table stays, with no rows)."""
        with self.connect() as con:
            con.execute(f"DELETE FROM {TABLE}")
            con.execute("CHECKPOINT")

    def add(self, rows: Iterable[tuple]) -> AddResult:
        """Keep rows (tuples in :data:`~studio.xray.rows.COLUMN_NAMES` order, as
        :func:`studio.xray.normalise.statement_row` gives them) not kept yet, in one
        transaction. Raises LearnerDataError when the cache cannot be written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="rows-", suffix=".jsonl", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(dict(zip(COLUMN_NAMES, row, strict=True)),
                                         ensure_ascii=False, allow_nan=False))
                    out.write("\n")
            columns = ", ".join(f"'{c}': '{t}'" for c, t in STAGED_TYPES.items())
            return self.add_from_sql(
                f"SELECT {', '.join(_quoted(c) for c in COLUMN_NAMES)} FROM read_json(?, "
                f"format='newline_delimited', columns={{{columns}}})", [name])
        finally:
            Path(name).unlink(missing_ok=True)

    def add_from_sql(self, select: str, params: Sequence | None = None,
                     setup: Sequence[str] = (), error_prefix: str = "",
                     token: CancelToken | None = None) -> AddResult:
        """Keep the rows a DuckDB ``select`` gives (the columns of ``COLUMN_NAMES`` in order;
        ``stored``/``timestamp`` as ISO 8601 text), after running the ``setup`` statements
        (e.g. temporary macros) on the same connection, all in one transaction. Rows without
        an id are counted in ``seen`` and dropped. Raises LearnerDataError (``error_prefix``
        and DuckDB's first line) when the select or the write fails, a bad file it reads
        included, or Cancelled when ``token`` is cancelled meanwhile (the running query is
        interrupted); nothing is kept then."""
        casts = ", ".join(f"TRY_CAST({_quoted(c)} AS TIMESTAMPTZ)" if c in _TIMESTAMPS
                          else _quoted(c) for c in COLUMN_NAMES)
        with self.connect() as con, _interrupting(con, token):
            try:
                con.execute("BEGIN TRANSACTION")
                for statement in setup:
                    con.execute(statement)
                if con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]:
                    seen, candidates, added = _add_staged(con, select, params, casts)
                else:
                    seen, candidates, added = _add_to_empty(con, select, params, casts)
                if token is not None and token.cancelled:
                    con.execute("ROLLBACK")
                    raise Cancelled()
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                if token is not None and token.cancelled:
                    raise Cancelled() from None
                raise LearnerDataError(error_prefix + _first_line(exc)) from None
        return AddResult(seen, candidates, added)


def _add_to_empty(con, select: str, params, casts: str) -> tuple[int, int, int]:
    """(seen, candidates, added) of ``select`` written straight into the empty table, whose
    rows are then all this batch's: rows without an id, and every repeat of an id after its
    first, are deleted afterwards (usually none are, so the rows are written once)."""
    seen = con.execute(f"INSERT INTO {TABLE} SELECT {casts} FROM ({select})",
                       params or []).fetchone()[0]
    candidates, distinct = con.execute(
        f"SELECT count(id), count(DISTINCT id) FROM {TABLE}").fetchone()
    if candidates < seen:
        con.execute(f"DELETE FROM {TABLE} WHERE id IS NULL")
    if distinct < candidates:
        con.execute(f"DELETE FROM {TABLE} WHERE rowid NOT IN "
                    f"(SELECT min(rowid) FROM {TABLE} GROUP BY id)")
    return seen, candidates, distinct


def _add_staged(con, select: str, params, casts: str) -> tuple[int, int, int]:
    """(seen, candidates, added) of ``select`` staged, then its first row of each id not kept
    yet inserted, in the order the select gave them (the first-of-each-id grouping, a pass
    over the rows, only when the batch repeats an id)."""
    con.execute(f"CREATE TEMP TABLE staged AS {select}", params or [])
    seen, candidates, distinct = con.execute(
        "SELECT count(*), count(id), count(DISTINCT id) FROM staged").fetchone()
    where = f"s.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {TABLE} t WHERE t.id = s.id)"
    if distinct == candidates:
        insert = f"INSERT INTO {TABLE} SELECT {casts} FROM staged s WHERE {where}"
    else:
        insert = (f"INSERT INTO {TABLE} SELECT {casts} FROM staged WHERE rowid IN ("
                  f"SELECT min(s.rowid) FROM staged s WHERE {where} GROUP BY s.id) "
                  f"ORDER BY rowid")
    added = con.execute(insert).fetchone()[0]
    con.execute("DROP TABLE staged")
    return seen, candidates, added


@contextlib.contextmanager
def _interrupting(con, token: CancelToken | None) -> Iterator[None]:
    """While the block runs, a cancelled ``token`` interrupts ``con``'s running query."""
    if token is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if token.cancelled:
                con.interrupt()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _open_error(path: Path, exc: BaseException) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return f"{path}: the learner-data cache is in use by another program; close it and retry"
    return f"{path}: cannot open the learner-data cache ({_first_line(exc)})"

"""Undo history as domain data, stored in the project database.

An edit runs inside a :class:`Tx`, which writes rows and records each row's image before
and after. The history keeps those images per named entry, so undo writes the "before"
images back in reverse order and redo writes the "after" images forward. Because entries
live in ``course.db`` in the same transaction as the edit, undo survives closing and
reopening the project, and a crash can never separate an edit from its history entry.

Repeated edits with the same merge key (a drag, a series of nudges) within
:data:`MERGE_WINDOW` seconds become one entry. "Unsaved changes" is derived from the
history: the project is dirty when its newest applied entry is not the one marked saved.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from studio.errors import InvalidEditError
from studio.text import clean_text

MERGE_WINDOW = 2.0  # seconds between two steps of one drag or nudge series
MAX_ENTRIES = 1000

Row = dict[str, object]


@dataclass(frozen=True)
class RowChange:
    """One row's image before and after a write, in table ``table`` with primary key ``id``."""

    table: str
    id: object
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted

    def to_json(self) -> list:
        """``[table, id, before, after]``, as stored in the history's ``changes`` column."""
        return [self.table, self.id, self.before, self.after]

    @staticmethod
    def from_json(data: list) -> RowChange:
        """The change :meth:`to_json` wrote."""
        return RowChange(*data)

    def reversed(self) -> RowChange:
        """The change that undoes this one (after and before swapped)."""
        return RowChange(self.table, self.id, self.after, self.before)


class Tx:
    """Writes rows inside the current transaction and remembers what each write changed.

    ``changes`` lists one :class:`RowChange` per write, in order. Table names come from the
    code, never from input; values are bound parameters.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.changes: list[RowChange] = []

    def row(self, table: str, row_id: object) -> Row | None:
        """The row of ``table`` with this id as ``{column: value}``, None if there is none."""
        cur = self.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
        found = cur.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cur.description], found, strict=True))

    def insert(self, table: str, row: Row) -> None:
        """Insert ``row`` (which holds its ``id``); raises sqlite3.IntegrityError on a clash."""
        _write_row(self.conn, table, row)
        self.changes.append(RowChange(table, row["id"], None, self.row(table, row["id"])))

    def update(self, table: str, row_id: object, **values: object) -> None:
        """Set these columns of one row; nothing is recorded when no value differs.

        Raises InvalidEditError when no row has this id.
        """
        before = self.row(table, row_id)
        if before is None:
            raise InvalidEditError(f"Nothing with id {row_id} in {table}.")
        if all(before.get(k) == v for k, v in values.items()):
            return
        columns = ", ".join(f"[{k}] = ?" for k in values)
        self.conn.execute(
            f"UPDATE [{table}] SET {columns} WHERE id = ?", (*values.values(), row_id)
        )
        self.changes.append(RowChange(table, row_id, before, self.row(table, row_id)))

    def delete(self, table: str, row_id: object) -> None:
        """Delete one row, if it exists."""
        before = self.row(table, row_id)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        self.changes.append(RowChange(table, row_id, before, None))


def _write_row(conn: sqlite3.Connection, table: str, row: Row) -> None:
    columns = ", ".join(f"[{k}]" for k in row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", tuple(row.values()))


def _restore(conn: sqlite3.Connection, changes: Iterable[RowChange], forward: bool) -> None:
    for change in changes:
        target = change.after if forward else change.before
        if target is None:
            conn.execute(f"DELETE FROM [{change.table}] WHERE id = ?", (change.id,))
        elif (change.before if forward else change.after) is None:
            _write_row(conn, change.table, target)
        else:
            columns = ", ".join(f"[{k}] = ?" for k in target)
            conn.execute(
                f"UPDATE [{change.table}] SET {columns} WHERE id = ?",
                (*target.values(), change.id),
            )


@dataclass(frozen=True)
class Entry:
    """One history entry: its sequence number, name, time (epoch seconds) and undo state."""

    seq: int
    name: str
    created: float
    undone: bool


@dataclass(frozen=True)
class Step:
    """What an undo or redo applied: the entry's name and its row changes, in the order
    they were written (for an undo: reversed, each with before and after swapped)."""

    name: str
    changes: tuple[RowChange, ...]


class History:
    """The undo/redo stack of one project; every method runs inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float] = time.time):
        self.conn = conn
        self.clock = clock

    def record(self, name: str, changes: list[RowChange], merge_key: str | None) -> None:
        """Add an entry for one committed edit, dropping every undone entry (no redo after a
        new edit) and keeping the newest :data:`MAX_ENTRIES`.

        With the same ``merge_key`` as the newest entry, within :data:`MERGE_WINDOW` seconds
        and unless that entry is the saved one, the changes join it instead. No changes: no
        entry.
        """
        if not changes:
            return
        name = clean_text(name)  # names hold file names, which may not be valid UTF-8
        self.conn.execute("DELETE FROM history WHERE undone = 1")
        now = self.clock()
        top = self.conn.execute(
            "SELECT seq, merge_key, changes, created FROM history ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if (
            merge_key is not None
            and top is not None
            and top[1] == merge_key
            and now - top[3] <= MERGE_WINDOW
            and top[0] != self.saved_seq()
        ):
            merged = json.loads(top[2]) + [c.to_json() for c in changes]
            self.conn.execute(
                "UPDATE history SET changes = ?, created = ? WHERE seq = ?",
                (json.dumps(merged), now, top[0]),
            )
            return
        self.conn.execute(
            "INSERT INTO history (name, merge_key, changes, created, undone)"
            " VALUES (?, ?, ?, ?, 0)",
            (name, merge_key, json.dumps([c.to_json() for c in changes]), now),
        )
        self.conn.execute(
            "DELETE FROM history WHERE seq <= (SELECT MAX(seq) FROM history) - ?", (MAX_ENTRIES,)
        )

    def undo(self) -> Step:
        """Write back the "before" images of the newest applied entry, newest row first, and
        mark it undone. Returns what was applied; raises InvalidEditError if nothing is left.
        """
        top = self.conn.execute(
            "SELECT seq, name, changes FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if top is None:
            raise InvalidEditError("Nothing to undo.")
        changes = [RowChange.from_json(c) for c in json.loads(top[2])]
        _restore(self.conn, reversed(changes), forward=False)
        self.conn.execute("UPDATE history SET undone = 1 WHERE seq = ?", (top[0],))
        return Step(top[1], tuple(c.reversed() for c in reversed(changes)))

    def redo(self) -> Step:
        """Write the "after" images of the oldest undone entry again, in order, and mark it
        applied. Returns what was applied; raises InvalidEditError if nothing was undone.
        """
        nxt = self.conn.execute(
            "SELECT seq, name, changes FROM history WHERE undone = 1 ORDER BY seq LIMIT 1"
        ).fetchone()
        if nxt is None:
            raise InvalidEditError("Nothing to redo.")
        changes = [RowChange.from_json(c) for c in json.loads(nxt[2])]
        _restore(self.conn, changes, forward=True)
        self.conn.execute("UPDATE history SET undone = 0 WHERE seq = ?", (nxt[0],))
        return Step(nxt[1], tuple(changes))

    def last_seq(self) -> int:
        """The sequence number of the newest entry, applied or undone (0: none yet).

        Sequence numbers only grow, so entries above a number read earlier were recorded
        since, by this connection or another.
        """
        row = self.conn.execute("SELECT MAX(seq) FROM history").fetchone()
        return row[0] or 0

    def recorded_since(self, seq: int) -> list[Step] | None:
        """The applied entries recorded after entry ``seq``, oldest first, as :class:`Step`.

        None when some of them are no longer there (trimmed, or undone and then replaced),
        so the caller cannot know every row that changed. Changes merged into an entry
        older than ``seq`` (a merge key) are not seen: writers on other connections use none.
        """
        rows = self.conn.execute(
            "SELECT seq, name, changes FROM history WHERE seq > ? AND undone = 0 ORDER BY seq",
            (seq,)).fetchall()
        if ([r[0] for r in rows] != list(range(seq + 1, seq + 1 + len(rows)))
                or self.last_seq() != seq + len(rows)):
            return None
        return [Step(name, tuple(RowChange.from_json(c) for c in json.loads(changes)))
                for _seq, name, changes in rows]

    def entries(self) -> list[Entry]:
        """Every entry, oldest first."""
        rows = self.conn.execute("SELECT seq, name, created, undone FROM history ORDER BY seq")
        return [Entry(seq, name, created, bool(undone)) for seq, name, created, undone in rows]

    def undo_name(self) -> str | None:
        """The name of the entry :meth:`undo` would undo, None if none."""
        row = self.conn.execute(
            "SELECT name FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def redo_name(self) -> str | None:
        """The name of the entry :meth:`redo` would redo, None if none."""
        row = self.conn.execute(
            "SELECT name FROM history WHERE undone = 1 ORDER BY seq LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def current_seq(self, upto: int | None = None) -> int:
        """The sequence number of the newest applied entry (0: none); with ``upto``, the
        newest applied among entries numbered up to it."""
        row = self.conn.execute(
            "SELECT MAX(seq) FROM history WHERE undone = 0 AND seq <= ?",
            (upto if upto is not None else 1 << 62,)).fetchone()
        return row[0] or 0

    def saved_seq(self) -> int:
        """The sequence number marked saved by :meth:`mark_saved` (0: never saved)."""
        row = self.conn.execute(
            "SELECT value FROM project_state WHERE key = 'saved_seq'"
        ).fetchone()
        return int(row[0]) if row else 0

    def mark_saved(self) -> None:
        """Remember the current entry as the saved state."""
        self.conn.execute(
            "INSERT OR REPLACE INTO project_state (key, value) VALUES ('saved_seq', ?)",
            (str(self.current_seq()),),
        )

    def is_dirty(self) -> bool:
        """Whether the applied entries differ from the saved state (unsaved changes)."""
        return self.current_seq() != self.saved_seq()

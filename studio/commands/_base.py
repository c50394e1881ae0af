"""Shared helpers of the edit commands: ids, titles, lookups and sibling ordering."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import itertools
import uuid
from collections.abc import Iterator

from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.store import dumps
from studio.text import clean_text

# (seed, counter) while derived_ids is active: ids drawn from the seed instead of at random
_DERIVED: contextvars.ContextVar[tuple[str, Iterator[int]] | None] = contextvars.ContextVar(
    "derived_ids", default=None)


def new_id(prefix: str) -> str:
    """A fresh id ``<prefix>_<10 hex digits>``: random, or inside :func:`derived_ids` the
    next of its seed's sequence."""
    derived = _DERIVED.get()
    if derived is None:
        return f"{prefix}_{uuid.uuid4().hex[:10]}"
    seed, counter = derived
    digest = hashlib.sha256(f"{seed}\0{prefix}\0{next(counter)}".encode()).hexdigest()
    return f"{prefix}_{digest[:10]}"


@contextlib.contextmanager
def derived_ids(seed: str) -> Iterator[None]:
    """Within the block, :func:`new_id` derives ids from ``seed`` and a count, so the same
    edits made from the same seed give the same ids (a course built twice from one spec
    exports the same package bytes). Seeds must differ between blocks whose ids would meet
    in one project."""
    reset = _DERIVED.set((seed, itertools.count()))
    try:
        yield
    finally:
        _DERIVED.reset(reset)


def _title(title: str) -> str:
    """A title as stored: :func:`studio.text.clean_text` (undecodable bytes shown as U+FFFD,
    control characters dropped), runs of white space as one space, no space at either end.

    Raises InvalidEditError when nothing is left.
    """
    cleaned = " ".join(clean_text(title).split())
    if not cleaned:
        raise InvalidEditError("A title cannot be empty.")
    return cleaned


def _require(tx: Tx, table: str, row_id: str, what: str) -> dict:
    row = tx.row(table, row_id)
    if row is None:
        raise NotFoundError(f"No {what} with id {row_id}.")
    return row


def _children(tx: Tx, table: str, parent_col: str | None, parent_id: str | None) -> list[str]:
    where, args = (f"WHERE [{parent_col}] = ?", (parent_id,)) if parent_col else ("", ())
    rows = tx.conn.execute(f"SELECT id FROM [{table}] {where} ORDER BY position, id", args)
    return [r[0] for r in rows]


def _place(tx: Tx, table: str, parent_col: str | None, parent_id: str | None,
           ordered: list[str]) -> None:
    """Give rows under one parent positions 0..n-1 in this order, writing only what changed."""
    for position, row_id in enumerate(ordered):
        values = {"position": position}
        if parent_col:
            values[parent_col] = parent_id
        tx.update(table, row_id, **values)


def _insert_at(siblings: list[str], new: str, index: int | None) -> list[str]:
    if index is None or index >= len(siblings):
        return [*siblings, new]
    if index < 0:
        raise InvalidEditError(f"Position {index} is not valid; positions start at 0.")
    return [*siblings[:index], new, *siblings[index:]]


def _table_of(tx: Tx, node_id: str) -> str:
    for table in ("modules", "lessons", "items"):
        if tx.row(table, node_id) is not None:
            return table
    raise NotFoundError(f"No module, lesson or item with id {node_id}.")




def _insert_item(tx: Tx, lesson_id: str, kind: str, title: str, index: int | None, props: dict,
                 asset_id: str | None = None, in_point: float = 0.0,
                 out_point: float = 0.0) -> str:
    """A new item in a lesson, placed at ``index`` (default: last); returns its id."""
    _require(tx, "lessons", lesson_id, "lesson")
    if asset_id is not None:
        _require(tx, "assets", asset_id, "asset")
    item_id = new_id("itm")
    siblings = _children(tx, "items", "lesson_id", lesson_id)
    tx.insert("items", {
        "id": item_id, "lesson_id": lesson_id, "position": len(siblings), "kind": kind,
        "title": _title(title), "asset_id": asset_id, "in_point": in_point,
        "out_point": out_point, "props": dumps(props),
    })
    _place(tx, "items", "lesson_id", lesson_id, _insert_at(siblings, item_id, index))
    return item_id

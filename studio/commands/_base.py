"""Shared helpers of the edit commands: ids, titles, lookups and sibling ordering."""

from __future__ import annotations

import uuid

from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.store import dumps
from studio.text import clean_text


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


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

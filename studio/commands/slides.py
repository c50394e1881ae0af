"""Slides that come from a deck: add or update one with everything the deck brought (alt
texts, transcript and caption tracks, embedded media, where it came from), and put a
lesson's items in a given order. Used inside one group by the deck import."""

from __future__ import annotations

import json

from studio.commands._base import _children, _insert_item, _place, _require, _title
from studio.errors import InvalidEditError
from studio.history import Tx
from studio.item_kinds import SLIDE
from studio.store import Project, dumps

EXTRAS = {"alt_texts", "transcript_asset_id", "captions", "media_asset_ids", "source"}


def _props(tx: Tx, current: dict, values: dict) -> dict:
    unknown = set(values) - set(SLIDE.names()) - EXTRAS
    if unknown:
        raise InvalidEditError(f"A slide has no setting {', '.join(sorted(unknown))}.")
    props = SLIDE.apply(current, {k: v for k, v in values.items() if k not in EXTRAS})
    for key in ("narration_asset_id", "transcript_asset_id"):
        if values.get(key) is not None:
            _require(tx, "assets", str(values[key]), "asset")
            props[key] = values[key]
        elif key in values:
            props[key] = None
    if "alt_texts" in values:
        props["alt_texts"] = [str(text) for text in values["alt_texts"]]
    if "media_asset_ids" in values:
        for asset_id in values["media_asset_ids"]:
            _require(tx, "assets", asset_id, "asset")
        props["media_asset_ids"] = list(values["media_asset_ids"])
    if "captions" in values:
        tracks = []
        for track in values["captions"]:
            _require(tx, "assets", track["asset_id"], "asset")
            tracks.append({"asset_id": track["asset_id"],
                           "language": str(track.get("language", "en")),
                           "label": str(track.get("label", ""))})
        props["captions"] = tracks
    if "source" in values:
        if not isinstance(values["source"], dict):
            raise InvalidEditError("A slide's source is a set of named values.")
        props["source"] = dict(values["source"])
    return props


def add_imported_slide(project: Project, lesson_id: str, title: str, asset_id: str | None,
                       index: int | None = None, **values: object) -> str:
    """A new slide item with settings and deck data; placed at ``index`` (default: last)."""
    with project.edit(f"Add slide “{_title(title)}”") as tx:
        props = _props(tx, {}, values)
        # An index outside the lesson (negative included) appends, as an import expects.
        place = index if index is not None and index >= 0 else None
        return _insert_item(tx, lesson_id, "slide", title, place, props, asset_id)


def update_slide(project: Project, item_id: str, title: str | None = None,
                 asset_id: str | None = None, **values: object) -> None:
    """Change a slide's picture, title and settings in place; everything else it holds stays."""
    with project.edit("Update slide") as tx:
        row = _require(tx, "items", item_id, "item")
        if row["kind"] != "slide":
            raise InvalidEditError(f"{row['title']} is a {row['kind']}, not a slide.")
        changes: dict[str, object] = {"props": dumps(_props(tx, json.loads(row["props"]),
                                                            values))}
        if title is not None:
            changes["title"] = _title(title)
        if asset_id is not None:
            _require(tx, "assets", asset_id, "asset")
            changes["asset_id"] = asset_id
        tx.update("items", item_id, **changes)


def order_items(project: Project, lesson_id: str, item_ids: list[str]) -> None:
    """Give a lesson's items this order; the list must hold each of its items once."""
    with project.edit("Reorder items") as tx:
        _require(tx, "lessons", lesson_id, "lesson")
        current = _children(tx, "items", "lesson_id", lesson_id)
        if sorted(current) != sorted(item_ids) or len(set(item_ids)) != len(item_ids):
            raise InvalidEditError("The new order must name every item of the lesson once.")
        _place(tx, "items", "lesson_id", lesson_id, item_ids)

"""Slides that come from a deck: add or update one with everything the deck brought (alt
texts, pictures and text boxes, transcript and caption tracks, embedded media, where it came
from), and put a lesson's items in a given order (used inside one group by the deck
import); describe a slide's picture or mark it decorative."""

from __future__ import annotations

import json
from dataclasses import replace

from studio.commands._base import _children, _insert_item, _place, _require, _title
from studio.errors import InvalidEditError
from studio.history import Tx
from studio.item_kinds import SLIDE
from studio.slide_layout import pictures_from_json, text_boxes_from_json
from studio.store import Project, dumps

EXTRAS = {"alt_texts", "pictures", "text_boxes", "transcript_asset_id", "captions",
          "media_asset_ids", "source"}


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
    for key, read in (("pictures", pictures_from_json), ("text_boxes", text_boxes_from_json)):
        if key in values:  # kept in the shape studio.slide_layout reads back
            props[key] = [entry.as_json() for entry in read(values[key]) or ()]
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


def set_picture_alt(project: Project, item_id: str, index: int, alt: str,
                    decorative: bool = False) -> None:
    """Describe picture ``index`` (0-based, in the slide's reading order as
    :attr:`studio.model.Slide.pictures` lists them) of a deck slide for screen readers, or
    mark it decorative (its description is then dropped: assistive technology passes over
    it, WCAG 2.2 §1.1.1), as one undo step; the player's ``alt_texts`` follow. Raises
    :class:`~studio.errors.NotFoundError` for an unknown item and
    :class:`~studio.errors.InvalidEditError` when it is no slide, its pictures were never
    read (not from a deck, or imported before they were: re-import the deck), ``index`` is
    out of range, or ``alt`` is empty for a picture not marked decorative."""
    alt = " ".join(str(alt).split())
    if not decorative and not alt:
        raise InvalidEditError("Describe the picture, or mark it as decorative.")
    with project.edit("Set picture description") as tx:
        row = _require(tx, "items", item_id, "item")
        if row["kind"] != "slide":
            raise InvalidEditError(f"{row['title']} is a {row['kind']}, not a slide.")
        props = json.loads(row["props"])
        pictures = pictures_from_json(props.get("pictures"))
        if pictures is None:
            raise InvalidEditError(f"The pictures of {row['title']} are not known: re-import "
                                   "its deck to read them.")
        if not 0 <= index < len(pictures):
            raise InvalidEditError(f"{row['title']} has {len(pictures)} picture(s); there is "
                                   f"no picture {index + 1}.")
        changed = replace(pictures[index], alt="" if decorative else alt,
                          decorative=bool(decorative))
        pictures = (*pictures[:index], changed, *pictures[index + 1:])
        props["pictures"] = [p.as_json() for p in pictures]
        props["alt_texts"] = [p.alt for p in pictures if p.alt and not p.decorative]
        tx.update("items", item_id, props=dumps(props))

"""Timeline edits on video clips: trim, nudge, split, cue points."""

from __future__ import annotations

import json
import math

from studio.commands._base import _children, _place, _require, new_id
from studio.errors import InvalidEditError
from studio.history import Tx
from studio.store import Project, dumps


def _video(tx: Tx, item_id: str) -> tuple[dict, dict, float | None]:
    row = _require(tx, "items", item_id, "item")
    if row["kind"] != "video":
        raise InvalidEditError(f"{row['title']} is a {row['kind']}, not a video clip.")
    asset = tx.row("assets", row["asset_id"]) if row["asset_id"] else None
    return row, json.loads(row["props"]), (asset or {}).get("duration")


def _check_range(in_point: float, out_point: float, source_duration: float | None) -> None:
    if not (math.isfinite(in_point) and math.isfinite(out_point)):
        raise InvalidEditError("In and out points must be numbers of seconds.")
    if in_point < 0:
        raise InvalidEditError(f"The in point ({in_point:g} s) cannot be before the start.")
    if out_point <= in_point:
        raise InvalidEditError(
            f"The out point ({out_point:g} s) must come after the in point ({in_point:g} s).")
    if source_duration is not None and out_point > source_duration + 1e-6:
        raise InvalidEditError(
            f"The out point ({out_point:g} s) is past the end of the source "
            f"({source_duration:g} s).")


def trim(project: Project, item_id: str, in_point: float | None = None,
         out_point: float | None = None, merge_key: str | None = None) -> list[str]:
    """Set a clip's in/out points (seconds of its source). Returns cue points now outside."""
    with project.edit("Trim clip", merge_key=merge_key) as tx:
        row, props, source_duration = _video(tx, item_id)
        new_in = row["in_point"] if in_point is None else float(in_point)
        new_out = row["out_point"] if out_point is None else float(out_point)
        _check_range(new_in, new_out, source_duration)
        tx.update("items", item_id, in_point=new_in, out_point=new_out)
        return [cue["id"] for cue in props.get("cues", [])
                if not new_in <= cue["time"] <= new_out]


def nudge(project: Project, item_id: str, edge: str, delta: float) -> list[str]:
    """Move one edge of a clip by delta seconds; a series of nudges is one undo step."""
    if edge not in ("in", "out"):
        raise InvalidEditError("The edge to nudge is 'in' or 'out'.")
    row = _video(Tx(project.conn), item_id)[0]
    key = f"nudge:{item_id}:{edge}"
    if edge == "in":
        return trim(project, item_id, in_point=row["in_point"] + delta, merge_key=key)
    return trim(project, item_id, out_point=row["out_point"] + delta, merge_key=key)


def split(project: Project, item_id: str, at: float) -> str:
    """Split a clip at a time of its source into two clips of the same asset; returns the second."""
    with project.edit("Split clip") as tx:
        row, props, _ = _video(tx, item_id)
        if not row["in_point"] < at < row["out_point"]:
            raise InvalidEditError(
                f"Split point {at:g} s is not inside the clip "
                f"({row['in_point']:g}–{row['out_point']:g} s).")
        cues = props.get("cues", [])
        first = {**props, "cues": [c for c in cues if c["time"] < at]}
        second = {**props, "cues": [c for c in cues if c["time"] >= at]}
        moved_cues = {c["id"] for c in second["cues"]}
        new_item = new_id("itm")
        siblings = _children(tx, "items", "lesson_id", row["lesson_id"])
        tx.update("items", item_id, out_point=at, props=dumps(first))
        tx.insert("items", {**row, "id": new_item, "in_point": at, "position": len(siblings),
                            "props": dumps(second)})
        for question_id in _children(tx, "questions", "item_id", item_id):
            if tx.row("questions", question_id)["cue_id"] in moved_cues:
                tx.update("questions", question_id, item_id=new_item)
        siblings.insert(siblings.index(item_id) + 1, new_item)
        _place(tx, "items", "lesson_id", row["lesson_id"], siblings)
    return new_item


def add_cue(project: Project, item_id: str, time: float, title: str = "",
            must_answer: bool = False) -> str:
    """Add a cue point at ``time`` (seconds of the source, within the clip's in and out
    points), kept in time order; returns its id. Raises NotFoundError for an unknown item,
    InvalidEditError for an item that is not a clip or a time outside it."""
    with project.edit("Add cue point") as tx:
        row, props, _ = _video(tx, item_id)
        if not row["in_point"] <= time <= row["out_point"]:
            raise InvalidEditError(f"Cue point {time:g} s is outside the clip.")
        cue_id = new_id("cue")
        cues = [*props.get("cues", []),
                {"id": cue_id, "time": float(time), "title": title, "must_answer": must_answer}]
        cues.sort(key=lambda c: c["time"])
        tx.update("items", item_id, props=dumps({**props, "cues": cues}))
    return cue_id

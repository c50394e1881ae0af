"""Timeline edits on video clips: trim, nudge, split, cue points and their questions.

Times are seconds of the clip's source. A cue point lives in its clip's ``props`` (id, time,
title, must_answer); the questions asked at it are rows of ``questions`` with its ``cue_id``.
Slides have cue points too (a narrated slide pauses its narration there): their times are
seconds on the slide's own timeline, within [0, its duration].
"""

from __future__ import annotations

import json
import math
import re

from studio.commands._base import _children, _place, _require, new_id
from studio.commands.content import add_question
from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.item_kinds import SLIDE
from studio.store import Project, dumps
from studio.text import clean_text

# a title's part number, as a split writes it: "Talk (2)" (three digits at most, so a year in
# brackets, "Report (2024)", is part of the name)
_PART = re.compile(r"^(?P<base>.*\S) \((?P<n>[1-9][0-9]{0,2})\)$")


def _video(tx: Tx, item_id: str) -> tuple[dict, dict, float | None]:
    row = _require(tx, "items", item_id, "item")
    if row["kind"] != "video":
        raise InvalidEditError(f"{row['title']} is a {row['kind']}, not a video clip.")
    asset = tx.row("assets", row["asset_id"]) if row["asset_id"] else None
    return row, json.loads(row["props"]), (asset or {}).get("duration")


def _timed(tx: Tx, item_id: str) -> tuple[dict, dict, float, float]:
    """A clip's or a slide's row, its props and the range (seconds) its cue points lie in: a
    clip's in to out point of its source, a slide's 0 to its duration."""
    row = _require(tx, "items", item_id, "item")
    props = json.loads(row["props"])
    if row["kind"] == "video":
        return row, props, row["in_point"], row["out_point"]
    if row["kind"] == "slide":
        return row, props, 0.0, float(props.get("duration", SLIDE["duration"].default))
    raise InvalidEditError(f"{row['title']} is a {row['kind']}; cue points go on video clips "
                           "and slides.")


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


def relink(project: Project, item_id: str, asset_id: str) -> tuple[float, float]:
    """Point a clip at another source asset (a re-imported file), keeping its in/out points
    where they fall within the new source, else cutting them to its length (seconds).
    Returns the (in, out) points now set; raises NotFoundError for an unknown clip or asset."""
    with project.edit("Relink clip") as tx:
        row, _, _ = _video(tx, item_id)
        asset = _require(tx, "assets", asset_id, "asset")
        length = asset["duration"]
        new_in, new_out = row["in_point"], row["out_point"]
        if length is not None and new_out > length:
            new_out = length
            new_in = new_in if new_in < new_out else 0.0
        tx.update("items", item_id, asset_id=asset_id, in_point=new_in, out_point=new_out)
        return new_in, new_out


def nudge(project: Project, item_id: str, edge: str, delta: float) -> list[str]:
    """Move one edge of a clip by delta seconds; a series of nudges is one undo step."""
    if edge not in ("in", "out"):
        raise InvalidEditError("The edge to nudge is 'in' or 'out'.")
    row = _video(Tx(project.conn), item_id)[0]
    key = f"nudge:{item_id}:{edge}"
    if edge == "in":
        return trim(project, item_id, in_point=row["in_point"] + delta, merge_key=key)
    return trim(project, item_id, out_point=row["out_point"] + delta, merge_key=key)


def part_titles(title: str, taken: list[str]) -> tuple[str, str]:
    """The titles of the two halves of a clip called ``title`` when it is split, among the
    lesson's item titles ``taken``: "Talk" gives "Talk (1)" and "Talk (2)". A title that
    already ends in a part number keeps it, and a new part takes the next number above
    every part of that name in the lesson ("Talk (1)" gives "Talk (1)" and "Talk (3)" when
    "Talk (2)" exists; "Talk" gives "Talk (3)" and "Talk (4)" then), so no two parts share
    a name. A bracketed number of four digits or more ("Report (2024)") is part of the name.
    """
    found = _PART.match(title)
    base = found["base"] if found else title
    used = [int(m["n"]) for t in taken if (m := _PART.match(t)) and m["base"] == base]
    if found:
        return title, f"{base} ({max([*used, int(found['n'])]) + 1})"
    number = max(used, default=0) + 1
    return f"{base} ({number})", f"{base} ({number + 1})"


def split(project: Project, item_id: str, at: float) -> str:
    """Split a clip at ``at`` (seconds of its source, strictly inside the clip) into two clips
    of the same asset, titled as :func:`part_titles` says; cue points and their questions go
    with the half they fall in. Returns the second clip's id.

    Raises NotFoundError for an unknown item, InvalidEditError for an item that is not a
    video clip or a time not inside it."""
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
        taken = [tx.row("items", sibling)["title"] for sibling in siblings]
        first_title, second_title = part_titles(row["title"], taken)
        tx.update("items", item_id, out_point=at, props=dumps(first), title=first_title)
        tx.insert("items", {**row, "id": new_item, "in_point": at, "position": len(siblings),
                            "title": second_title, "props": dumps(second)})
        for question_id in _children(tx, "questions", "item_id", item_id):
            if tx.row("questions", question_id)["cue_id"] in moved_cues:
                tx.update("questions", question_id, item_id=new_item)
        siblings.insert(siblings.index(item_id) + 1, new_item)
        _place(tx, "items", "lesson_id", row["lesson_id"], siblings)
    return new_item


def add_cue(project: Project, item_id: str, time: float, title: str = "",
            must_answer: bool = False) -> str:
    """Add a cue point at ``time`` (a clip: seconds of the source, within its in and out
    points; a slide: seconds on the slide, within [0, its duration]), kept in time order;
    returns its id. Raises NotFoundError for an unknown item, InvalidEditError for an item
    that is neither a clip nor a slide, or a time outside it."""
    with project.edit("Add cue point") as tx:
        row, props, low, high = _timed(tx, item_id)
        time = _check_cue_time(row, time, low, high)
        cue_id = new_id("cue")
        cues = [*props.get("cues", []),
                {"id": cue_id, "time": float(time), "title": title, "must_answer": must_answer}]
        cues.sort(key=lambda c: c["time"])
        tx.update("items", item_id, props=dumps({**props, "cues": cues}))
    return cue_id


def _cue(tx: Tx, item_id: str, cue_id: str) -> tuple[dict, dict, list[dict], dict]:
    """The clip's or slide's row, its props, its cue list and the cue with this id in it."""
    row, props, _, _ = _timed(tx, item_id)
    cues = [dict(c) for c in props.get("cues", [])]
    cue = next((c for c in cues if c["id"] == cue_id), None)
    if cue is None:
        raise NotFoundError(f"{row['title']} has no cue point with id {cue_id}.")
    return row, props, cues, cue


def _cue_title(title: str) -> str:
    """A cue point's title as stored: cleaned like an item title, but it may be empty."""
    return " ".join(clean_text(title).split())


def _check_cue_time(row: dict, time: float, low: float, high: float) -> float:
    try:
        time = float(time)
    except (TypeError, ValueError):
        time = math.nan
    if not math.isfinite(time):
        raise InvalidEditError("A cue point's time must be a number of seconds.")
    if not low <= time <= high:
        if row["kind"] == "slide":
            raise InvalidEditError(f"Cue point {time:g} s is outside the slide (0–{high:g} s).")
        raise InvalidEditError(
            f"Cue point {time:g} s is outside the clip ({low:g}–{high:g} s of its source).")
    return time


def _store_cues(tx: Tx, item_id: str, props: dict, cues: list[dict]) -> None:
    cues.sort(key=lambda c: c["time"])
    tx.update("items", item_id, props=dumps({**props, "cues": cues}))


def rename_cue(project: Project, item_id: str, cue_id: str, title: str) -> None:
    """Retitle a clip's or slide's cue point (white space runs collapsed; empty: an untitled cue).

    Raises NotFoundError for an unknown item or cue, InvalidEditError when the item is
    neither a clip nor a slide."""
    with project.edit("Rename cue point") as tx:
        _, props, cues, cue = _cue(tx, item_id, cue_id)
        cue["title"] = _cue_title(title)
        _store_cues(tx, item_id, props, cues)


def move_cue(project: Project, item_id: str, cue_id: str, time: float) -> None:
    """Move a cue point to ``time``: on a clip seconds of its source, within its in and out
    points; on a slide seconds on the slide, within [0, its duration]. Cues stay in time
    order and keep their questions.

    Raises NotFoundError for an unknown item or cue, InvalidEditError (saying the range) for
    a time outside it or not a number."""
    with project.edit("Move cue point") as tx:
        row, props, cues, cue = _cue(tx, item_id, cue_id)
        _, _, low, high = _timed(tx, item_id)
        cue["time"] = _check_cue_time(row, time, low, high)
        _store_cues(tx, item_id, props, cues)


def set_must_answer(project: Project, item_id: str, cue_id: str, must_answer: bool) -> None:
    """Say whether the learner must answer a cue point's questions before the clip or
    slide goes on.

    Raises NotFoundError for an unknown clip or cue."""
    with project.edit("Must answer" if must_answer else "May skip") as tx:
        _, props, cues, cue = _cue(tx, item_id, cue_id)
        cue["must_answer"] = bool(must_answer)
        _store_cues(tx, item_id, props, cues)


def remove_cue(project: Project, item_id: str, cue_id: str) -> int:
    """Remove a cue point and the questions asked at it, as one undo step; the item's other
    questions close the gap. Returns how many questions went with it.

    Raises NotFoundError for an unknown clip or cue."""
    with project.edit("Remove cue point") as tx:
        _, props, cues, _ = _cue(tx, item_id, cue_id)
        _store_cues(tx, item_id, props, [c for c in cues if c["id"] != cue_id])
        asked = [q for q in _children(tx, "questions", "item_id", item_id)
                 if tx.row("questions", q)["cue_id"] == cue_id]
        for question_id in asked:
            tx.delete("questions", question_id)
        _place(tx, "questions", "item_id", item_id,
               _children(tx, "questions", "item_id", item_id))
    return len(asked)


def copy_question_to_cue(project: Project, question_id: str, item_id: str,
                         cue_id: str) -> str:
    """Ask a copy of a quiz's question (from its ordered list or its bank) at a clip's or
    slide's cue point; the original stays in its quiz. Returns the copy's id.

    Raises NotFoundError for an unknown question, clip or cue, InvalidEditError when the
    question is not a quiz's (it is already asked at a cue point)."""
    with project.edit("Copy question to cue point") as tx:
        source = _require(tx, "questions", question_id, "question")
        if source["cue_id"] is not None:
            raise InvalidEditError("That question is asked at a cue point; copy a quiz's "
                                   "question.")
        _cue(tx, item_id, cue_id)
        return add_question(project, item_id, source["type"], source["prompt"],
                            source["points"], json.loads(source["data"]), cue_id=cue_id)

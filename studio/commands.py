"""Named edit commands: each is one transaction and one undo step, or changes nothing.

The CLI, the window and the tests call these same functions. Each takes the open
:class:`~studio.store.Project` first and addresses things by stable id. A command that
cannot apply raises a :class:`~studio.errors.StudioError` and leaves the project as it was.
"""

from __future__ import annotations

import json
import math
import uuid

from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.model import CompletionRule
from studio.store import Project, dumps

QUESTION_TYPES = (
    "choice", "multiple", "truefalse", "fill", "numeric", "matching", "sequencing", "likert"
)


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def _title(title: str) -> str:
    cleaned = " ".join(title.split())
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


# ---- structure ---------------------------------------------------------------------------
def add_module(project: Project, title: str, index: int | None = None) -> str:
    with project.edit(f"Add module “{_title(title)}”") as tx:
        module_id = new_id("mod")
        siblings = _children(tx, "modules", None, None)
        tx.insert("modules", {"id": module_id, "title": _title(title), "position": len(siblings)})
        _place(tx, "modules", None, None, _insert_at(siblings, module_id, index))
    return module_id


def add_lesson(project: Project, module_id: str, title: str, index: int | None = None) -> str:
    with project.edit(f"Add lesson “{_title(title)}”") as tx:
        _require(tx, "modules", module_id, "module")
        lesson_id = new_id("les")
        siblings = _children(tx, "lessons", "module_id", module_id)
        tx.insert("lessons", {"id": lesson_id, "module_id": module_id, "title": _title(title),
                              "position": len(siblings)})
        _place(tx, "lessons", "module_id", module_id, _insert_at(siblings, lesson_id, index))
    return lesson_id


def _add_item(project: Project, lesson_id: str, kind: str, title: str, index: int | None,
              props: dict, asset_id: str | None = None, in_point: float = 0.0,
              out_point: float = 0.0) -> str:
    with project.edit(f"Add {kind} “{_title(title)}”") as tx:
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


def add_page(project: Project, lesson_id: str, title: str, text: str = "",
             index: int | None = None) -> str:
    return _add_item(project, lesson_id, "page", title, index, {"text": text})


def add_quiz(project: Project, lesson_id: str, title: str, index: int | None = None,
             **settings: object) -> str:
    props = _quiz_props({}, settings)
    return _add_item(project, lesson_id, "quiz", title, index, props)


def add_slide(project: Project, lesson_id: str, title: str, asset_id: str | None = None,
              text: str = "", notes: str = "", duration: float = 5.0,
              index: int | None = None) -> str:
    props = _slide_props({}, {"text": text, "notes": notes, "duration": duration})
    return _add_item(project, lesson_id, "slide", title, index, props, asset_id=asset_id)


def add_video(project: Project, lesson_id: str, asset_id: str, title: str | None = None,
              index: int | None = None) -> str:
    with project.group("Add video") as tx:
        asset = _require(tx, "assets", asset_id, "asset")
        if asset["kind"] not in ("video", "audio"):
            raise InvalidEditError(f"{asset['original_name']} is not a video or audio file.")
        duration = asset["duration"] or 0.0
        return _add_item(project, lesson_id, "video", title or asset["original_name"], index,
                         {"cues": [], "captions": []}, asset_id=asset_id, out_point=duration)


def rename(project: Project, node_id: str, title: str) -> None:
    with project.edit(f"Rename to “{_title(title)}”") as tx:
        tx.update(_table_of(tx, node_id), node_id, title=_title(title))


def move(project: Project, node_id: str, to: str | None = None, index: int | None = None,
         merge_key: str | None = None) -> None:
    """Move an item to a lesson, a lesson to a module, or a module to a new position."""
    with project.edit("Move", merge_key=merge_key) as tx:
        table = _table_of(tx, node_id)
        parent_col, parent_table = {"items": ("lesson_id", "lessons"),
                                    "lessons": ("module_id", "modules"),
                                    "modules": (None, None)}[table]
        row = tx.row(table, node_id)
        source = row[parent_col] if parent_col else None
        target = to if parent_col else None
        if parent_col and target is None:
            target = source
        if parent_table and target is not None:
            _require(tx, parent_table, target, parent_table[:-1])
        if parent_col is None and to is not None:
            raise InvalidEditError("A module is moved by position only (use --index).")
        if source != target:
            remaining = [i for i in _children(tx, table, parent_col, source) if i != node_id]
            _place(tx, table, parent_col, source, remaining)
        siblings = [i for i in _children(tx, table, parent_col, target) if i != node_id]
        _place(tx, table, parent_col, target, _insert_at(siblings, node_id, index))


def remove(project: Project, node_id: str) -> None:
    """Remove a module, lesson or item with everything inside it."""
    peek = Tx(project.conn)
    table = _table_of(peek, node_id)
    with project.edit(f"Remove “{peek.row(table, node_id)['title']}”") as tx:
        _remove_tree(tx, table, node_id)


def _remove_tree(tx: Tx, table: str, node_id: str) -> None:
    if table == "modules":
        for lesson_id in _children(tx, "lessons", "module_id", node_id):
            _remove_tree(tx, "lessons", lesson_id)
    elif table == "lessons":
        for item_id in _children(tx, "items", "lesson_id", node_id):
            _remove_tree(tx, "items", item_id)
    elif table == "items":
        for question_id in _children(tx, "questions", "item_id", node_id):
            tx.delete("questions", question_id)
    row = tx.row(table, node_id)
    tx.delete(table, node_id)
    if table != "modules":
        parent_col = "lesson_id" if table == "items" else "module_id"
        _place(tx, table, parent_col, row[parent_col], _children(tx, table, parent_col,
                                                                  row[parent_col]))
    else:
        _place(tx, "modules", None, None, _children(tx, "modules", None, None))


# ---- timeline edits ----------------------------------------------------------------------
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


# ---- properties --------------------------------------------------------------------------
COURSE_FIELDS = {"title", "description", "language", "author", "version", "completion",
                 "completion_threshold", "mastery_score"}


def set_course(project: Project, **values: object) -> None:
    unknown = set(values) - COURSE_FIELDS
    if unknown:
        raise InvalidEditError(f"Unknown course setting: {', '.join(sorted(unknown))}.")
    if "title" in values:
        values["title"] = _title(str(values["title"]))
    if "completion" in values:
        try:
            values["completion"] = CompletionRule(values["completion"]).value
        except ValueError:
            choices = ", ".join(r.value for r in CompletionRule)
            raise InvalidEditError(f"Completion rule must be one of: {choices}.") from None
    if values.get("mastery_score") is not None:
        values["mastery_score"] = _number(values["mastery_score"], "Mastery score", 0, 100)
    if "completion_threshold" in values:
        values["completion_threshold"] = _number(
            values["completion_threshold"], "Completion threshold", 0, 1)
    with project.edit("Course settings") as tx:
        tx.update("course", 1, **values)


def _number(value: object, what: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidEditError(f"{what} must be a number.") from None
    if not low <= number <= high:
        raise InvalidEditError(f"{what} must be between {low:g} and {high:g}.")
    return number


def _quiz_props(props: dict, values: dict) -> dict:
    out = {"pass_mark": 70.0, "attempts": 0, "shuffle": True, "draw": None,
           "show_answers": "after_pass", "weight": 1.0, **props}
    for key, value in values.items():
        if key == "pass_mark":
            out[key] = _number(value, "Pass mark", 0, 100)
        elif key == "attempts":
            out[key] = int(_number(value, "Attempts", 0, 1000))
        elif key == "shuffle":
            out[key] = bool(value)
        elif key == "draw":
            out[key] = None if value in (None, 0) else int(_number(value, "Draw", 1, 10000))
        elif key == "show_answers":
            if value not in ("always", "after_pass", "never"):
                raise InvalidEditError("Show answers must be always, after_pass or never.")
            out[key] = value
        elif key == "weight":
            out[key] = _number(value, "Weight", 0, 1000)
        else:
            raise InvalidEditError(f"A quiz has no setting {key}.")
    return out


def _slide_props(props: dict, values: dict) -> dict:
    out = {"text": "", "notes": "", "duration": 5.0, "narration_asset_id": None, **props}
    for key, value in values.items():
        if key in ("text", "notes"):
            out[key] = str(value)
        elif key == "duration":
            out[key] = _number(value, "Slide duration", 0.1, 24 * 3600)
        elif key == "narration_asset_id":
            out[key] = value
        else:
            raise InvalidEditError(f"A slide has no setting {key}.")
    return out


def set_item(project: Project, item_id: str, **values: object) -> None:
    """Set kind-specific properties of an item (quiz settings, slide text, page text...)."""
    with project.edit("Set properties") as tx:
        row = _require(tx, "items", item_id, "item")
        props = json.loads(row["props"])
        if row["kind"] == "quiz":
            props = _quiz_props(props, values)
        elif row["kind"] == "slide":
            if values.get("narration_asset_id") is not None:
                _require(tx, "assets", str(values["narration_asset_id"]), "asset")
            props = _slide_props(props, values)
        elif row["kind"] == "page" and set(values) <= {"text"}:
            props = {**props, **{k: str(v) for k, v in values.items()}}
        else:
            raise InvalidEditError(
                f"A {row['kind']} has no setting {', '.join(sorted(values))}.")
        tx.update("items", item_id, props=dumps(props))


# ---- assets and questions ----------------------------------------------------------------
def add_asset(project: Project, sha256: str, filename: str, original_name: str, kind: str,
              size: int, duration: float | None = None, width: int | None = None,
              height: int | None = None, info: dict | None = None) -> str:
    """Record a stored media file; the same content recorded twice is one asset."""
    existing = project.conn.execute("SELECT id FROM assets WHERE sha256 = ?", (sha256,)).fetchone()
    if existing:
        return existing[0]
    with project.edit(f"Import {original_name}") as tx:
        asset_id = new_id("ast")
        tx.insert("assets", {
            "id": asset_id, "sha256": sha256, "filename": filename,
            "original_name": original_name, "kind": kind, "size": size, "duration": duration,
            "width": width, "height": height, "info": dumps(info or {}),
        })
    return asset_id


def add_question(project: Project, item_id: str, type: str, prompt: str, points: float = 1.0,
                 data: dict | None = None, pool: str = "quiz", cue_id: str | None = None,
                 index: int | None = None) -> str:
    if type not in QUESTION_TYPES:
        raise InvalidEditError(f"Unknown question type {type}; use one of "
                               f"{', '.join(QUESTION_TYPES)}.")
    if not prompt.strip():
        raise InvalidEditError("A question needs a prompt.")
    if pool not in ("quiz", "bank"):
        raise InvalidEditError("A question's pool is 'quiz' or 'bank'.")
    with project.edit("Add question") as tx:
        row = _require(tx, "items", item_id, "item")
        if row["kind"] == "video":
            cues = {c["id"] for c in json.loads(row["props"]).get("cues", [])}
            if cue_id not in cues:
                raise InvalidEditError("A question on a video belongs to one of its cue points.")
        elif row["kind"] != "quiz":
            raise InvalidEditError(f"{row['title']} is a {row['kind']}; questions go in quizzes.")
        question_id = new_id("q")
        siblings = _children(tx, "questions", "item_id", item_id)
        tx.insert("questions", {
            "id": question_id, "item_id": item_id, "position": len(siblings), "pool": pool,
            "cue_id": cue_id, "type": type, "prompt": prompt,
            "points": _number(points, "Points", 0, 10000), "data": dumps(data or {}),
        })
        _place(tx, "questions", "item_id", item_id, _insert_at(siblings, question_id, index))
    return question_id

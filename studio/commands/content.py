"""Assets and questions."""

from __future__ import annotations

import json

from studio.commands._base import _children, _insert_at, _number, _place, _require, new_id
from studio.errors import InvalidEditError
from studio.store import Project, dumps

QUESTION_TYPES = (
    "choice", "multiple", "truefalse", "fill", "numeric", "matching", "sequencing", "likert"
)


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

"""Assets and questions."""

from __future__ import annotations

import json

from studio.commands._base import _children, _insert_at, _place, _require, new_id
from studio.errors import InvalidEditError
from studio.history import Tx
from studio.quiz.questions import media_ids, normalise_question
from studio.quiz.types import QUESTION_TYPES
from studio.store import Project, dumps
from studio.text import clean_text

__all__ = ["QUESTION_TYPES", "add_asset", "add_question", "asset_users", "check_media",
           "remove_asset"]


def add_asset(project: Project, sha256: str, filename: str, original_name: str, kind: str,
              size: int, duration: float | None = None, width: int | None = None,
              height: int | None = None, info: dict | None = None) -> str:
    """Record a stored media file; the same content recorded twice is one asset.

    ``original_name`` is kept as :func:`studio.text.clean_text` gives it (undecodable bytes
    of a file name as U+FFFD); ``size`` is in bytes, ``duration`` in seconds, ``width`` and
    ``height`` in pixels. Returns the asset id.
    """
    original_name = clean_text(original_name)
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


def asset_users(tx: Tx, asset_id: str) -> list[str]:
    """Titles of the items that use an asset, in outline order: as their picture or source,
    anywhere in their settings (narration, captions, transcript, embedded media) or in the
    data of one of their questions (a question's media); "the course theme" first when the
    course's theme uses it (a logo, favicon or font). [] when nothing uses it."""
    # an asset id is a unique token, so finding it in an item's JSON is finding a use of it
    rows = tx.conn.execute(
        "SELECT DISTINCT items.title FROM items"
        " JOIN lessons ON lessons.id = items.lesson_id"
        " JOIN modules ON modules.id = lessons.module_id"
        " LEFT JOIN questions ON questions.item_id = items.id"
        " WHERE items.asset_id = ?1 OR instr(items.props, ?1) > 0"
        " OR instr(coalesce(questions.data, ''), ?1) > 0"
        " ORDER BY modules.position, lessons.position, items.position", (asset_id,))
    course = tx.row("course", 1) or {}
    theme = ["the course theme"] if asset_id in (course.get("settings") or "") else []
    return theme + [row[0] for row in rows]


def remove_asset(project: Project, asset_id: str) -> None:
    """Take an asset out of the media bin, as one undo step. Its stored file stays in the
    bundle's media/ folder, so an undo brings it back whole.

    Raises NotFoundError for an unknown asset, InvalidEditError naming (up to three of) the
    items that still use it.
    """
    with project.edit("Remove from media bin") as tx:
        asset = _require(tx, "assets", asset_id, "asset")
        users = asset_users(tx, asset_id)
        if users:
            named = ", ".join(f"“{title}”" for title in users[:3])
            more = f" and {len(users) - 3} more" if len(users) > 3 else ""
            raise InvalidEditError(f"{asset['original_name']} is used by {named}{more}; "
                                   "remove it from there first.")
        tx.delete("assets", asset_id)


def add_question(project: Project, item_id: str, type: str, prompt: str, points: float = 1.0,
                 data: dict | None = None, pool: str = "quiz", cue_id: str | None = None,
                 index: int | None = None) -> str:
    """Add a question (data checked by :func:`studio.quiz.questions.normalise_question`) to a
    quiz (``pool`` 'quiz' or 'bank'), or at a cue point (``cue_id``) of a video clip or a
    slide; placed at ``index`` (default: last). Returns its id. Raises NotFoundError for an
    unknown item, InvalidEditError for a refused question, pool, item kind or cue."""
    prompt, points, data = normalise_question(type, prompt, points, data)
    if pool not in ("quiz", "bank"):
        raise InvalidEditError("A question's pool is 'quiz' or 'bank'.")
    with project.edit("Add question") as tx:
        row = _require(tx, "items", item_id, "item")
        if row["kind"] in ("video", "slide"):
            cues = {c["id"] for c in json.loads(row["props"]).get("cues", [])}
            if cue_id not in cues:
                raise InvalidEditError(f"A question on a {row['kind']} belongs to one of its "
                                       "cue points.")
            if pool != "quiz":
                raise InvalidEditError("A question at a cue point is asked there; only quiz "
                                       "questions go to a bank.")
        elif row["kind"] != "quiz":
            raise InvalidEditError(f"{row['title']} is a {row['kind']}; questions go in quizzes.")
        elif cue_id is not None:
            raise InvalidEditError("Only questions on a video or a slide have a cue point.")
        check_media(tx, data)
        question_id = new_id("q")
        siblings = _children(tx, "questions", "item_id", item_id)
        tx.insert("questions", {
            "id": question_id, "item_id": item_id, "position": len(siblings), "pool": pool,
            "cue_id": cue_id, "type": type, "prompt": prompt,
            "points": points, "data": dumps(data),
        })
        _place(tx, "questions", "item_id", item_id, _insert_at(siblings, question_id, index))
    return question_id


def check_media(tx: Tx, data: dict) -> None:
    """Every asset a question's data names (:func:`studio.quiz.questions.media_ids`: the
    prompt's, the choices' and items', a hotspot's image) must be an image, audio or video
    asset of the project, and a hotspot's image a picture. Raises NotFoundError for an
    unknown asset, InvalidEditError for one of another kind."""
    for asset_id in media_ids(data):
        asset = _require(tx, "assets", asset_id, "asset")
        if asset["kind"] not in ("image", "audio", "video"):
            raise InvalidEditError(f"{asset['original_name']} cannot be shown with a question.")
        if asset_id == data.get("image") and asset["kind"] != "image":
            raise InvalidEditError(f"{asset['original_name']} is not a picture; a hotspot "
                                   "question is answered on a picture.")

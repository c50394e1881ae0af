"""Settings of the course and of items (quiz rules, slide text, page text)."""

from __future__ import annotations

import json
from dataclasses import fields

from studio.commands._base import _number, _require, _title
from studio.errors import InvalidEditError
from studio.model import CompletionRule, CourseSettings, parse_resolution, resolution_text
from studio.store import Project, dumps

COURSE_FIELDS = {"title", "description", "language", "author", "version", "completion",
                 "completion_threshold", "mastery_score"}
SETTING_FIELDS = {f.name for f in fields(CourseSettings)}  # kept in the row's settings JSON


def set_course(project: Project, **values: object) -> None:
    """Change course fields (``COURSE_FIELDS``) and course settings (``SETTING_FIELDS``) as
    one undoable edit.

    ``resolution`` takes ``"WIDTHxHEIGHT"`` text or a pair of integers, in pixels. Raises
    ``InvalidEditError`` for an unknown key or a value out of range; nothing is changed then.
    """
    unknown = set(values) - COURSE_FIELDS - SETTING_FIELDS
    if unknown:
        raise InvalidEditError(f"Unknown course setting: {', '.join(sorted(unknown))}.")
    settings = {key: values.pop(key) for key in SETTING_FIELDS & set(values)}
    if "resolution" in settings:
        try:
            settings["resolution"] = resolution_text(parse_resolution(settings["resolution"]))
        except ValueError as exc:
            message = str(exc)
            raise InvalidEditError(f"{message[:1].upper()}{message[1:]}.") from None
    for key in ("description", "language", "author", "version"):
        if key in values and not isinstance(values[key], str):
            raise InvalidEditError(f"The course {key} must be text.")
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
        if settings:
            values["settings"] = dumps({**_stored_settings(tx.row("course", 1)), **settings})
        tx.update("course", 1, **values)


def _stored_settings(row: dict | None) -> dict:
    try:
        stored = json.loads((row or {}).get("settings") or "{}")
    except ValueError:
        return {}  # unreadable: the new settings replace it
    return stored if isinstance(stored, dict) else {}


def quiz_settings(props: dict, values: dict) -> dict:
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


def slide_settings(props: dict, values: dict) -> dict:
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
            props = quiz_settings(props, values)
        elif row["kind"] == "slide":
            if values.get("narration_asset_id") is not None:
                _require(tx, "assets", str(values["narration_asset_id"]), "asset")
            props = slide_settings(props, values)
        elif row["kind"] == "page" and set(values) <= {"text"}:
            props = {**props, **{k: str(v) for k, v in values.items()}}
        else:
            raise InvalidEditError(
                f"A {row['kind']} has no setting {', '.join(sorted(values))}.")
        tx.update("items", item_id, props=dumps(props))

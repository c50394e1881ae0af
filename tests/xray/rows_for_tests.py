"""Rows of the learner-data table from the player's statements, for measuring tests: the
table (studio/xray/rows.py) is the contract the measures read."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import duckdb

from studio.export.xml import course_iri
from studio.model import Course
from studio.xray.rows import (
    COLUMN_NAMES,
    EXT_CLIP,
    EXT_LENGTH,
    EXT_PROGRESS,
    EXT_QUESTION_VERSION,
    EXT_SEGMENTS,
    EXT_SESSION,
    EXT_TIME,
    EXT_TIME_FROM,
    EXT_TIME_TO,
    STATEMENT_COLUMNS,
    VERBS,
    activity_ref,
    table_ddl,
)

_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$")


def _seconds(text):
    match = _DURATION.match(text or "")
    if not match:
        return None
    h, m, s = match.groups()
    return int(h or 0) * 3600 + int(m or 0) * 60 + float(s or 0)


def row(statement: dict, course: Course) -> tuple | None:
    root = course_iri(course)
    ref = activity_ref(statement["object"]["id"], root)
    if ref is None:
        return None
    context = statement.get("context", {})
    result = statement.get("result", {})
    rext, cext = result.get("extensions", {}), context.get("extensions", {})
    lesson = None
    for parent in context.get("contextActivities", {}).get("parent", []):
        found = activity_ref(parent["id"], root)
        if found and found[0] == "lesson":
            lesson = found[1]
    clip = cext.get(EXT_CLIP) or {}
    score = result.get("score", {})
    values = {
        "id": statement["id"], "stored": statement.get("stored"),
        "timestamp": statement.get("timestamp"), "learner": statement["actor"]["mbox"],
        "registration": context.get("registration"),
        "verb": VERBS.get(statement["verb"]["id"], statement["verb"]["id"]),
        "kind": ref[0], "ref": ref[1], "lesson": lesson, "session": cext.get(EXT_SESSION),
        "time": rext.get(EXT_TIME), "time_from": rext.get(EXT_TIME_FROM),
        "time_to": rext.get(EXT_TIME_TO), "segments": rext.get(EXT_SEGMENTS),
        "progress": rext.get(EXT_PROGRESS), "length": cext.get(EXT_LENGTH),
        "success": result.get("success"), "scaled": score.get("scaled"),
        "raw": score.get("raw"), "max": score.get("max"), "response": result.get("response"),
        "duration": _seconds(result.get("duration")), "clip_in": clip.get("in"),
        "clip_out": clip.get("out"),
        "version": clip.get("version", cext.get(EXT_QUESTION_VERSION)), "source": "file"}
    return tuple(values[c] for c in COLUMN_NAMES)


def make_row(**values) -> tuple:
    """A row from column values (the others NULL; source "file")."""
    values.setdefault("source", "file")
    return tuple(values.get(c) for c in COLUMN_NAMES)


class TableStore:
    """A store over an in-memory DuckDB table (``connect()``) of the given statements, or of
    ready rows when ``course`` is None."""

    def __init__(self, statements: list, course: Course | None):
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(table_ddl())
        rows = statements if course is None else [
            r for r in (row(s, course) for s in statements) if r is not None]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.jsonl"
            path.write_text("".join(json.dumps(dict(zip(COLUMN_NAMES, r, strict=True))) + "\n"
                                    for r in rows), encoding="utf-8")
            types = ", ".join(f"'{name}': '{kind}'" for name, kind, _ in STATEMENT_COLUMNS)
            self.con.execute(f"INSERT INTO statements SELECT * FROM read_json(?, "
                             f"format='newline_delimited', columns={{{types}}})", [str(path)])

    def connect(self):
        import contextlib

        return contextlib.nullcontext(self.con)

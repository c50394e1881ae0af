"""A learner-data table in memory for measuring tests: statements normalised as the ingest
does (:func:`studio.xray.normalise.statement_row`), or rows written by hand."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

import duckdb

from studio.export.xml import course_iri
from studio.model import Course
from studio.xray.normalise import statement_row
from studio.xray.rows import COLUMN_NAMES, SOURCE_FILE, STATEMENT_COLUMNS, table_ddl


def make_row(**values) -> tuple:
    """A row from column values (the others NULL; source "file")."""
    values.setdefault("source", SOURCE_FILE)
    return tuple(values.get(c) for c in COLUMN_NAMES)


class TableStore:
    """A store over an in-memory DuckDB table (``connect()``) of the given statements, or of
    ready rows when ``course`` is None."""

    def __init__(self, statements: list, course: Course | None):
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(table_ddl())
        rows = statements if course is None else [
            r for r in (statement_row(s, course_iri(course), SOURCE_FILE) for s in statements)
            if r is not None]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.jsonl"
            path.write_text("".join(json.dumps(dict(zip(COLUMN_NAMES, r, strict=True))) + "\n"
                                    for r in rows), encoding="utf-8")
            types = ", ".join(f"'{name}': '{kind}'" for name, kind, _ in STATEMENT_COLUMNS)
            self.con.execute(f"INSERT INTO statements SELECT * FROM read_json(?, "
                             f"format='newline_delimited', columns={{{types}}})", [str(path)])

    def connect(self):
        return contextlib.nullcontext(self.con)

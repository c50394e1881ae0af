"""What a build made, kept in the project: each spec key's node and the values last built.

The ``build_map`` table holds one row for the course (id ``course``: the spec it was built
from (``spec``: the spec file or the folder of materials), how many builds ran, the course
fields last built) and one per spec node (id
``node:<path of keys>``: the node id it made and its last-built values, the base of a
rebuild's three-way merge). Rows are written through the edit's transaction, so a build's
undo takes the map back with its edits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import ImportFileError
from studio.model import Course
from studio.store import Project, dumps

COURSE_ROW = "course"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex); ImportFileError naming a missing file."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    return digest.hexdigest()


@dataclass
class Entry:
    """One spec node as last built: the project node's id and its ``base`` values."""

    node_id: str | None
    base: dict = field(default_factory=dict)


def read_map(project: Project) -> dict[str, Entry]:
    """Every row of the project's build map by id ({} for a project never built)."""
    rows = project.conn.execute("SELECT id, node_id, base FROM build_map")
    return {row_id: Entry(node_id, json.loads(base)) for row_id, node_id, base in rows}


def built_from(project: Project) -> Path | None:
    """The spec file or folder of materials the project was last built from (an absolute
    path, which may have moved since); None for a project never built from a spec (or built
    before the build map kept its source)."""
    row = project.conn.execute("SELECT base FROM build_map WHERE id = ?",
                               (COURSE_ROW,)).fetchone()
    source = json.loads(row[0]).get("spec") if row else None
    return Path(source) if source else None


def write_map(project: Project, before: dict[str, Entry], after: dict[str, Entry]) -> None:
    """Make the stored map ``after``, writing only the rows that differ from ``before``, in
    the current edit."""
    with project.edit("Build map") as tx:
        for row_id in before.keys() - after.keys():
            tx.delete("build_map", row_id)
        for row_id, entry in after.items():
            values = {"node_id": entry.node_id, "base": dumps(entry.base)}
            old = before.get(row_id)
            if old is None:
                tx.insert("build_map", {"id": row_id, **values})
            elif (old.node_id, old.base) != (entry.node_id, entry.base):
                tx.update("build_map", row_id, **values)


def node_digest(project: Project, node_id: str) -> str:
    """A hash of a module, lesson or item row (without its position) and, for an item, its
    questions: what says a person changed the node since the build stored the hash."""
    parts = []
    for table, where in (("modules", "id"), ("lessons", "id"), ("items", "id"),
                         ("questions", "item_id")):
        cursor = project.conn.execute(
            f"SELECT * FROM [{table}] WHERE [{where}] = ? ORDER BY id", (node_id,))
        names = [c[0] for c in cursor.description]
        parts += [{k: v for k, v in zip(names, row, strict=True) if k != "position"}
                  for row in cursor]
    return hashlib.sha256(dumps(parts).encode()).hexdigest()


def has_children(project: Project, node_id: str) -> bool:
    """Whether a module holds a lesson or a lesson an item."""
    return any(project.conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1",
                                    (node_id,)).fetchone()
               for table, column in (("lessons", "module_id"), ("items", "lesson_id")))


def children_of(course: Course, node_id: str) -> list:
    """The lessons of a module or the items of a lesson."""
    node = course.find(node_id)
    return list(getattr(node, "lessons", None) or getattr(node, "items", None) or [])


def deck_slides(project: Project, lesson_id: str, deck_name: str) -> list[str]:
    """The ids of a deck's slide items in a lesson, in timeline order."""
    rows = project.conn.execute(
        "SELECT id, props FROM items WHERE lesson_id = ? AND kind = 'slide' "
        "ORDER BY position, id", (lesson_id,))
    return [item_id for item_id, props in rows
            if (json.loads(props).get("source") or {}).get("deck_name", "").lower()
            == deck_name.lower()]


@dataclass
class Merge:
    """The three-way merge of one node's fields; ``conflicts`` one line each."""

    conflicts: list[str] = field(default_factory=list)

    def take(self, what: str, name: str, base: object, ours: object, theirs: object,
             first: bool) -> bool:
        """Whether the spec's value ``theirs`` is to be applied to field ``name`` of node
        ``what``: on a first build, or when the spec changed it and the project did not.
        A field both changed differently is kept as the project has it and reported."""
        if first:
            return ours != theirs
        if theirs == base or ours == theirs:
            return False
        if ours == base:
            return True
        self.conflicts.append(f"{what}: {name} is {_shown(ours)} in the project and "
                              f"{_shown(theirs)} in the spec; the project's kept")
        return False


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

"""What one edit, undo or redo changed, as typed data the screens can ask questions of.

A :class:`ChangeSet` is built from the row changes a transaction recorded
(:class:`~studio.history.RowChange`): the ids of the modules, lessons, items, questions and
assets inserted, updated or deleted, whether the course settings changed, and which nodes
that makes look different. A view asks :meth:`ChangeSet.touches` (or
:meth:`ChangeSet.touches_any`) with the ids it shows instead of re-reading and comparing.
Changes made where no row detail is known (another connection wrote without history)
are one :meth:`ChangeSet.everything_changed`, which touches every id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Generic, TypeVar

from studio.history import RowChange

T = TypeVar("T")

# the tables that hold course content, by the ChangeSet field that reports them
CONTENT_TABLES = ("modules", "lessons", "items", "questions", "assets")
# a row's container: a change to the row changes what its container shows
PARENT_COLUMN = {"lessons": "module_id", "items": "lesson_id", "questions": "item_id"}
# columns that only say where a row sits among its siblings
ORDER_COLUMNS = frozenset({"position"})


class Source(StrEnum):
    """Where a change set comes from."""

    EDIT = "edit"  # a command committed on this connection
    UNDO = "undo"
    REDO = "redo"
    EXTERNAL = "external"  # another connection (a background job) committed


@dataclass(frozen=True)
class Rows:
    """Ids of one table's rows an edit inserted, updated and deleted (net over the edit)."""

    inserted: frozenset[str] = frozenset()
    updated: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()

    @property
    def ids(self) -> frozenset[str]:
        """Every id in the three sets."""
        return self.inserted | self.updated | self.deleted

    def __bool__(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)

    def __or__(self, other: Rows) -> Rows:
        """Both sets of changes, as if made in order (self, then other)."""
        inserted = (self.inserted - other.deleted) | (other.inserted - self.deleted)
        deleted = (self.deleted - other.inserted) | (other.deleted - self.inserted)
        updated = ((self.updated | other.updated | (self.deleted & other.inserted))
                   - inserted - deleted)
        return Rows(frozenset(inserted), frozenset(updated), frozenset(deleted))


@dataclass(frozen=True)
class ChangeSet:
    """What one committed edit, undo, redo or background job changed in the course.

    ``modules`` … ``assets`` hold ids by table; ``course`` is True when the course row
    (title, language, tracking settings) changed; ``everything`` is True when the rows are
    unknown, so every question about it answers yes. ``touched`` is the set of node ids
    whose shown state differs: the rows that changed (except those that only changed
    position) and the containers of every changed row (a lesson whose items were added,
    moved, reordered or edited; an item whose questions changed).
    """

    name: str
    source: Source = Source.EDIT
    modules: Rows = Rows()
    lessons: Rows = Rows()
    items: Rows = Rows()
    questions: Rows = Rows()
    assets: Rows = Rows()
    course: bool = False
    everything: bool = False
    touched: frozenset[str] = field(default=frozenset(), repr=False)

    # ---- building --------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, name: str, rows: Iterable[RowChange],
                  source: Source = Source.EDIT) -> ChangeSet:
        """The change set of row changes applied in this order (as undo or redo applied them).

        A row changed several times counts once, by its first "before" and last "after"
        image: inserted then deleted within the edit leaves no trace but its container.
        A table outside the course content makes the set ``everything``.
        """
        first: dict[tuple[str, object], RowChange] = {}
        last: dict[tuple[str, object], RowChange] = {}
        for change in rows:
            key = (change.table, change.id)
            first.setdefault(key, change)
            last[key] = change
        found: dict[str, dict[str, set[str]]] = {
            t: {"inserted": set(), "updated": set(), "deleted": set()} for t in CONTENT_TABLES}
        touched: set[str] = set()
        course = everything = False
        for key, change in last.items():
            table, row_id = key
            before, after = first[key].before, change.after
            if table == "course":
                course = True
                continue
            if table not in found:
                everything = True
                continue
            for image in (before, after):
                parent = image.get(PARENT_COLUMN.get(table, "")) if image else None
                if parent:
                    touched.add(str(parent))
            if before is None and after is None:
                continue
            kind = "inserted" if before is None else "deleted" if after is None else "updated"
            found[table][kind].add(str(row_id))
            if kind != "updated" or _differs_beyond_order(before, after):
                touched.add(str(row_id))
        return cls(name, source, course=course, everything=everything,
                   touched=frozenset(touched),
                   **{t: Rows(*(frozenset(found[t][k]) for k in ("inserted", "updated",
                                                                   "deleted")))
                      for t in CONTENT_TABLES})

    @classmethod
    def everything_changed(cls, name: str, source: Source = Source.EXTERNAL) -> ChangeSet:
        """A change set for changes whose rows are unknown: it touches every id."""
        return cls(name, source, course=True, everything=True)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        """Both change sets as one (self first), named and sourced like ``other``."""
        return replace(
            other,
            course=self.course or other.course,
            everything=self.everything or other.everything,
            touched=self.touched | other.touched,
            **{t: getattr(self, t) | getattr(other, t) for t in CONTENT_TABLES})

    # ---- questions a view asks -------------------------------------------------------------
    def touches(self, node_id: str | None) -> bool:
        """Whether what a view shows of this module, lesson, item, question or asset changed."""
        return self.everything or (bool(node_id) and node_id in self.touched)

    def touches_any(self, ids: Iterable[str | None]) -> bool:
        """Whether any of these ids is touched (see :meth:`touches`)."""
        return self.everything or any(i in self.touched for i in ids if i)

    @property
    def outline(self) -> bool:
        """Whether modules, lessons or items changed: their titles, order or lengths."""
        return self.everything or bool(self.modules or self.lessons or self.items)

    @property
    def media(self) -> bool:
        """Whether the project's assets (imported media) changed."""
        return self.everything or bool(self.assets)

    @property
    def label(self) -> str:
        """The change as a person reads it: ``Undo Trim clip``, ``Redo …`` or the edit's name."""
        if self.source is Source.UNDO:
            return f"Undo {self.name}"
        if self.source is Source.REDO:
            return f"Redo {self.name}"
        return self.name

    def __bool__(self) -> bool:
        return self.everything or self.course or bool(self.touched) or any(
            getattr(self, t) for t in CONTENT_TABLES)


def _differs_beyond_order(before: dict, after: dict) -> bool:
    return any(before.get(k) != v for k, v in after.items() if k not in ORDER_COLUMNS)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of running one command for a face: what it returned, or why it was refused.

    ``ok`` is False when the command was refused (``error`` then holds the message for the
    person, ``value`` is None); ``changes`` is what the command committed (None if nothing).
    """

    ok: bool
    value: T | None = None
    error: str | None = None
    changes: ChangeSet | None = None

    @classmethod
    def refused(cls, message: str) -> Outcome:
        """A command that did not apply, with the reason to show."""
        return cls(False, None, message, None)

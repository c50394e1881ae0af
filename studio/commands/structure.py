"""Course structure: add, rename, move and remove modules, lessons and items."""

from __future__ import annotations

from studio.commands._base import (
    _children,
    _insert_at,
    _insert_item,
    _place,
    _require,
    _table_of,
    _title,
    new_id,
)
from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.item_kinds import PAGE, QUIZ, SLIDE
from studio.store import Project


def add_module(project: Project, title: str, index: int | None = None) -> str:
    """Add a module at position ``index`` (0-based; None or past the end: last); returns
    its id. Raises InvalidEditError for an empty title or a negative index."""
    with project.edit(f"Add module “{_title(title)}”") as tx:
        module_id = new_id("mod")
        siblings = _children(tx, "modules", None, None)
        tx.insert("modules", {"id": module_id, "title": _title(title), "position": len(siblings)})
        _place(tx, "modules", None, None, _insert_at(siblings, module_id, index))
    return module_id


def add_lesson(project: Project, module_id: str, title: str, index: int | None = None) -> str:
    """Add a lesson to a module at ``index`` (0-based; None or past the end: last); returns
    its id. Raises NotFoundError for an unknown module, InvalidEditError for an empty title
    or a negative index."""
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
        return _insert_item(tx, lesson_id, kind, title, index, props, asset_id, in_point,
                            out_point)


def add_page(project: Project, lesson_id: str, title: str, text: str = "",
             index: int | None = None) -> str:
    """Add a text page (light markup, see :data:`studio.item_kinds.PAGE`); returns its id."""
    return _add_item(project, lesson_id, "page", title, index, PAGE.apply({}, {"text": text}))


def add_quiz(project: Project, lesson_id: str, title: str, index: int | None = None,
             **settings: object) -> str:
    """Add a quiz; ``settings`` as :data:`studio.item_kinds.QUIZ` declares them (e.g.
    ``pass_mark=80``); returns its id. Raises :class:`InvalidEditError` for a refused one."""
    props = QUIZ.apply({}, settings)
    return _add_item(project, lesson_id, "quiz", title, index, props)


def add_slide(project: Project, lesson_id: str, title: str, asset_id: str | None = None,
              text: str = SLIDE["text"].default, notes: str = SLIDE["notes"].default,
              duration: float = SLIDE["duration"].default, index: int | None = None) -> str:
    """Add a slide shown for ``duration`` seconds; returns its id. Raises
    :class:`InvalidEditError` for a duration outside :data:`studio.item_kinds.SLIDE`'s range."""
    props = SLIDE.apply({}, {"text": text, "notes": notes, "duration": duration})
    return _add_item(project, lesson_id, "slide", title, index, props, asset_id=asset_id)


def add_video(project: Project, lesson_id: str, asset_id: str, title: str | None = None,
              index: int | None = None) -> str:
    """Add a clip of a whole video or sound asset (out point: its duration in seconds, 0 when
    unknown), titled after its file unless ``title`` is given; returns its id. Raises
    NotFoundError for an unknown asset or lesson, InvalidEditError for an asset that is not
    video or sound or a negative index."""
    with project.group("Add video") as tx:
        asset = _require(tx, "assets", asset_id, "asset")
        if asset["kind"] not in ("video", "audio"):
            raise InvalidEditError(f"{asset['original_name']} is not a video or audio file.")
        duration = asset["duration"] or 0.0
        return _add_item(project, lesson_id, "video", title or asset["original_name"], index,
                         {"cues": [], "captions": []}, asset_id=asset_id, out_point=duration)


def rename(project: Project, node_id: str, title: str) -> None:
    """Retitle a module, lesson or item (whitespace runs collapsed). Raises NotFoundError
    for an unknown id, InvalidEditError for an empty title."""
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
            _require_parent(tx, table, parent_table, target)
        if parent_col is None and to is not None:
            raise InvalidEditError("A module is moved by position only (use --index).")
        if source != target:
            remaining = [i for i in _children(tx, table, parent_col, source) if i != node_id]
            _place(tx, table, parent_col, source, remaining)
        siblings = [i for i in _children(tx, table, parent_col, target) if i != node_id]
        _place(tx, table, parent_col, target, _insert_at(siblings, node_id, index))


def _require_parent(tx: Tx, table: str, parent_table: str, target: str) -> None:
    """Raise NotFoundError unless ``target`` is a row of ``parent_table``; its message says
    what ``target`` is when it is a node of another kind (an item moved into a module)."""
    if tx.row(parent_table, target) is not None:
        return
    for other in ("modules", "lessons", "items"):
        if tx.row(other, target) is not None:
            raise NotFoundError(f"{target} is {_a(other[:-1])}: {_a(table[:-1])} moves into "
                                   f"{_a(parent_table[:-1])}.")
    raise NotFoundError(f"No {parent_table[:-1]} with id {target}.")


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


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

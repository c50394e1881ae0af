"""A thin Qt item model over the course's outline: modules -> lessons -> items.

It keeps a tree of small nodes (id, kind, title, length) mirroring the session's frozen
course view. After every change to modules, lessons or items (``ChangeSet.outline``) the
new course is compared with that tree and only the difference is announced: rows
removed, moved, inserted, or changed in place, so the view keeps its selection, scroll
position and expanded rows, and a 2,000-item course costs the few rows an edit touched
rather than a full reset. Renames and drops of nodes become the core's
``rename`` and ``move`` commands; media dropped from the bin or the desktop onto a lesson
(its end), between items, or onto an item (after it) is announced as a
:class:`~studio.ui.placing.MediaDrop` by :attr:`OutlineModel.media_dropped`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studio import commands
from studio.media.placing import Spot
from studio.model import Course
from studio.ui.icons import kind_icon
from studio.ui.placing import (
    ASSET_MIME,
    MediaDrop,
    carries_media,
    drop_kinds,
    dropped_assets,
    dropped_files,
    takes,
)
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import duration_text

MIME = "application/x-course-studio-node"
Index = QModelIndex | QPersistentModelIndex
NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the node's stable id
ROOT = QModelIndex()
# plain ints: data() runs for every visible cell and role, enum arithmetic there is costly
_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_DECORATION, _TOOLTIP = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGN, _NODE = int(Qt.ItemDataRole.TextAlignmentRole), int(NODE_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BASE_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_NODE_FLAGS = (_BASE_FLAGS | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemIsDragEnabled)
_TITLE_FLAGS = _NODE_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(eq=False)
class _Node:
    id: str
    kind: str  # module | lesson | video | slide | quiz | page
    title: str
    duration: float
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def row(self, top: list[_Node]) -> int:
        return (self.parent.children if self.parent else top).index(self)


class _Spec(NamedTuple):
    """What the course says a node should be: the target of a refresh."""

    kind: str
    title: str
    duration: float
    parent: str | None
    children: list[str]


def outline_specs(course: Course) -> tuple[list[str], dict[str, _Spec]]:
    """Every node of the course as a spec, by id (built on each edit: kept lean)."""
    specs: dict[str, _Spec] = {}
    for module in course.modules:
        module_length = 0.0
        for lesson in module.lessons:
            lesson_length = 0.0
            for item in lesson.items:
                length = item.duration
                lesson_length += length
                specs[item.id] = _Spec(item.kind.value, item.title, length, lesson.id, [])
            module_length += lesson_length
            specs[lesson.id] = _Spec("lesson", lesson.title, lesson_length, module.id,
                                     [item.id for item in lesson.items])
        specs[module.id] = _Spec("module", module.title, module_length, None,
                                 [lesson.id for lesson in module.lessons])
    return [m.id for m in course.modules], specs


class OutlineModel(QAbstractItemModel):
    media_dropped = Signal(object)  # a MediaDrop onto a lesson or an item

    def __init__(self, session: ProjectSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.top: list[_Node] = []
        self.by_id: dict[str, _Node] = {}
        top, specs = outline_specs(session.course())
        self.top = [self._build(node_id, None, specs) for node_id in top]
        session.changed.connect(lambda changes: changes.outline and self.refresh())

    def _build(self, node_id: str, parent: _Node | None, specs: dict[str, _Spec]) -> _Node:
        spec = specs[node_id]
        node = _Node(node_id, spec.kind, spec.title, spec.duration, parent)
        self.by_id[node_id] = node
        node.children = [self._build(child, node, specs) for child in spec.children]
        return node

    @property
    def nodes(self) -> list[_Node]:
        """Every node, depth first (modules, then their lessons and items)."""
        out: list[_Node] = []

        def walk(nodes: list[_Node]) -> None:
            for node in nodes:
                out.append(node)
                walk(node.children)

        walk(self.top)
        return out

    # ---- keeping up with the course ----------------------------------------------------------
    def refresh(self) -> None:
        """Announce only what differs between the shown tree and the course now."""
        top, specs = outline_specs(self.session.course())
        self._sync(None, top, specs)

    def _sync(self, parent: _Node | None, wanted: list[str], specs: dict[str, _Spec]) -> None:
        children = parent.children if parent else self.top
        if [node.id for node in children] != wanted:
            self._sync_rows(parent, children, wanted, specs)
        for row, node in enumerate(children):
            spec = specs[node.id]
            if node.title != spec.title or node.duration != spec.duration:
                node.title, node.duration = spec.title, spec.duration
                self.dataChanged.emit(self.createIndex(row, 0, node),
                                      self.createIndex(row, 1, node))
            if spec.children or node.children:
                self._sync(node, spec.children, specs)

    def _sync_rows(self, parent: _Node | None, children: list[_Node], wanted: list[str],
                   specs: dict[str, _Spec]) -> None:
        """Remove, move and insert rows until ``children`` are the ``wanted`` ids."""
        parent_index = self._index(parent)
        parent_id = parent.id if parent else None
        for row in range(len(children) - 1, -1, -1):  # gone, or moved to another parent
            node = children[row]
            spec = specs.get(node.id)
            if spec is None or spec.parent != parent_id or spec.kind != node.kind:
                self.beginRemoveRows(parent_index, row, row)
                del children[row]
                self._forget(node)
                self.endRemoveRows()
        row = 0
        while row < len(wanted):
            node_id = wanted[row]
            if row < len(children) and children[row].id == node_id:
                row += 1
                continue
            if row + 1 < len(children) and children[row + 1].id == node_id:
                # the node here is the one out of place: one move down to where it belongs
                target = min(wanted.index(children[row].id), len(children) - 1)
                self.beginMoveRows(parent_index, row, row, parent_index, target + 1)
                children.insert(target, children.pop(row))
                self.endMoveRows()
                continue
            current = next((n for n in range(row, len(children))
                            if children[n].id == node_id), None)
            if current is None:  # new here: built with its subtree
                self.beginInsertRows(parent_index, row, row)
                children.insert(row, self._build(node_id, parent, specs))
                self.endInsertRows()
            else:
                self.beginMoveRows(parent_index, current, current, parent_index, row)
                children.insert(row, children.pop(current))
                self.endMoveRows()
            row += 1

    def _forget(self, node: _Node) -> None:
        if self.by_id.get(node.id) is node:
            del self.by_id[node.id]
        for child in node.children:
            self._forget(child)

    # ---- structure ---------------------------------------------------------------------------
    def _index(self, node: _Node | None, column: int = 0) -> QModelIndex:
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(self.top), column, node)

    def index_of_id(self, node_id: str, column: int = 0) -> QModelIndex:
        return self._index(self.by_id.get(node_id), column) if node_id in self.by_id \
            else QModelIndex()

    def node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        node = self.node(parent)
        siblings = node.children if node else self.top
        if 0 <= row < len(siblings) and 0 <= column < 2:
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        return self._index(index.internalPointer().parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self.top)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 2

    # ---- data ----------------------------------------------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY):
        node = index.internalPointer() if index.isValid() else None
        if node is None:
            return None
        role = int(role)
        if role == _DISPLAY or role == _EDIT:
            if index.column() == 0:
                return node.title
            return duration_text(node.duration) if node.duration else ""
        if role == _DECORATION:
            return kind_icon(node.kind) if index.column() == 0 else None
        if role == _ALIGN:
            return _RIGHT if index.column() == 1 else None
        if role == _TOOLTIP:
            return f"{node.kind.capitalize()}: {node.title}"
        if role == _NODE:
            return node.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Course outline", "Length")[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _BASE_FLAGS
        return _TITLE_FLAGS if index.column() == 0 else _NODE_FLAGS

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or str(value) == node.title:
            return False
        self.session.run(commands.rename, node.id, str(value))
        return True

    # ---- drag and drop -------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction  # nodes move, media copies

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME, ASSET_MIME, "text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = {self.node(i).id for i in indexes if i.isValid()}
        data.setData(MIME, ",".join(sorted(ids)).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int,
                        parent: Index) -> bool:
        if not data.hasFormat(MIME):
            return self._media_spot(data, row, parent) is not None
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,
                     parent: Index) -> bool:
        if not data.hasFormat(MIME):
            spot = self._media_spot(data, row, parent)
            if spot is None:
                return False
            self.media_dropped.emit(MediaDrop(spot, tuple(dropped_assets(data)),
                                              tuple(dropped_files(data))))
            return True  # a copy: nothing is removed from where the drag came from
        target = self._drop_target(data, row, parent)
        if target is not None:
            node_id, to, index = target
            self.session.run(commands.move, node_id, to=to, index=index)
        return False  # the model follows the course, not Qt removing rows

    def _media_spot(self, data: QMimeData, row: int, parent: Index) -> Spot | None:
        """Where media dropped here goes: onto a lesson, its end (or the row it was dropped
        before); onto an item, right after it, the item taking a sound (a slide) or captions
        (a clip). None on a module or outside the lessons."""
        target = self.node(parent)
        if target is None or target.kind == "module" or not carries_media(data):
            return None
        if target.kind == "lesson":
            return Spot(target.id, row if row >= 0 else None)
        lesson = target.parent
        item = self.session.find(target.id)
        onto = target.id if takes(item, drop_kinds(self.session, data)) else None
        return Spot(lesson.id, target.row(self.top) + 1, onto)

    def _drop_target(self, data: QMimeData, row: int, parent: Index
                     ) -> tuple[str, str | None, int | None] | None:
        ids = bytes(data.data(MIME)).decode().split(",")
        moving = self.by_id.get(ids[0])
        if len(ids) != 1 or moving is None:
            return None
        wanted = {"module": None, "lesson": "module"}.get(moving.kind, "lesson")
        target = self.node(parent)
        if target is not None and target.kind not in ("module", "lesson"):
            # dropped onto an item: place before it in its lesson
            row = target.row(self.top)
            target = target.parent
        if (target.kind if target else None) != wanted:
            return None
        siblings = target.children if target else self.top
        if row < 0:
            index = None
        else:
            index = row - 1 if moving in siblings and siblings.index(moving) < row else row
        return moving.id, target.id if target else None, index

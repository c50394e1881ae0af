"""A thin Qt item model over the course's outline: modules -> lessons -> items.

It holds no course data of its own beyond a flat table of the nodes it shows, rebuilt from
the session's frozen course view after every change. When an edit kept the tree's shape
(a rename, a trim) only the changed rows are announced; otherwise the model is reset and
the view restores its selection and expanded rows by id. Renames and drops become the
core's ``rename`` and ``move`` commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from studio import commands
from studio.model import Course, Item, Lesson, Module
from studio.ui.icons import kind_icon
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import timecode

MIME = "application/x-course-studio-node"
Index = QModelIndex | QPersistentModelIndex
NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the node's stable id
ROOT = QModelIndex()



@dataclass
class _Node:
    id: str
    kind: str  # module | lesson | video | slide | quiz | page
    title: str
    duration: float
    parent: int  # row in the node table, -1 for top level
    number: int = -1  # its own row in the node table
    children: list[int] = field(default_factory=list)


def _flatten(course: Course) -> list[_Node]:
    nodes: list[_Node] = []

    def add(node: Module | Lesson | Item, kind: str, parent: int) -> int:
        duration = node.duration if isinstance(node, (Lesson, Item)) else sum(
            lesson.duration for lesson in node.lessons)
        number = len(nodes)
        nodes.append(_Node(node.id, kind, node.title, duration, parent, number))
        if parent >= 0:
            nodes[parent].children.append(number)
        return number

    for module in course.modules:
        m = add(module, "module", -1)
        for lesson in module.lessons:
            n = add(lesson, "lesson", m)
            for item in lesson.items:
                add(item, str(item.kind), n)
    return nodes


class OutlineModel(QAbstractItemModel):
    def __init__(self, session: ProjectSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.nodes: list[_Node] = _flatten(session.course())
        self.top = [n for n, node in enumerate(self.nodes) if node.parent < 0]
        session.changed.connect(lambda _name: self.refresh())

    def refresh(self) -> None:
        nodes = _flatten(self.session.course())
        same_shape = [(n.id, n.parent) for n in nodes] == [(n.id, n.parent) for n in self.nodes]
        if same_shape:
            changed = [n for n, (a, b) in enumerate(zip(self.nodes, nodes, strict=True))
                       if (a.title, a.duration) != (b.title, b.duration)]
            for n in changed:  # in place: live indexes point at these node objects
                self.nodes[n].title, self.nodes[n].duration = nodes[n].title, nodes[n].duration
            for n in changed:
                self.dataChanged.emit(self._index_of(n, 0), self._index_of(n, 1))
            return
        self.beginResetModel()
        self._retired = self.nodes  # kept alive until the views have dropped their indexes
        self.nodes = nodes
        self.top = [n for n, node in enumerate(nodes) if node.parent < 0]
        self.endResetModel()

    # ---- structure ---------------------------------------------------------------------------
    def _siblings(self, parent: int) -> list[int]:
        return self.top if parent < 0 else self.nodes[parent].children

    def _index_of(self, number: int, column: int = 0) -> QModelIndex:
        node = self.nodes[number]
        return self.createIndex(self._siblings(node.parent).index(number), column, node)

    def index_of_id(self, node_id: str, column: int = 0) -> QModelIndex:
        for number, node in enumerate(self.nodes):
            if node.id == node_id:
                return self._index_of(number, column)
        return QModelIndex()

    def _number(self, index: Index) -> int:
        return index.internalPointer().number if index.isValid() else -1

    def node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        siblings = self._siblings(self._number(parent))
        if 0 <= row < len(siblings) and 0 <= column < 2:
            return self.createIndex(row, column, self.nodes[siblings[row]])
        return QModelIndex()

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up < 0 else self._index_of(up)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(self._number(parent)))

    def columnCount(self, parent: Index = ROOT) -> int:
        return 2

    # ---- data ----------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return node.title
            return timecode(node.duration) if node.duration else ""
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return kind_icon(node.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.kind.capitalize()}: {node.title}"
        if role == NODE_ROLE:
            return node.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Course outline", "Length")[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
                | (Qt.ItemFlag.ItemIsEditable if index.column() == 0 else Qt.ItemFlag.NoItemFlags))

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or str(value) == node.title:
            return False
        self.session.run(commands.rename, node.id, str(value))
        return True

    # ---- drag and drop -------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = {self.node(i).id for i in indexes if i.isValid()}
        data.setData(MIME, ",".join(sorted(ids)).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int,
                        parent: Index) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,
                     parent: Index) -> bool:
        target = self._drop_target(data, row, parent)
        if target is not None:
            node_id, to, index = target
            self.session.run(commands.move, node_id, to=to, index=index)
        return False  # the model is rebuilt from the course, not by Qt removing rows

    def _drop_target(self, data: QMimeData, row: int, parent: Index
                     ) -> tuple[str, str | None, int | None] | None:
        ids = bytes(data.data(MIME)).decode().split(",")
        number = next((n for n, node in enumerate(self.nodes) if node.id == ids[0]), None)
        if len(ids) != 1 or number is None:
            return None
        moving = self.nodes[number]
        wanted = {"module": None, "lesson": "module"}.get(moving.kind, "lesson")
        target = self._number(parent)
        if target >= 0 and self.nodes[target].kind not in ("module", "lesson"):
            # dropped onto an item: place before it in its lesson
            row = self.nodes[self.nodes[target].parent].children.index(target)
            target = self.nodes[target].parent
        if (self.nodes[target].kind if target >= 0 else None) != wanted:
            return None
        siblings = self._siblings(target)
        if row < 0:
            index = None
        else:
            index = row - 1 if number in siblings and siblings.index(number) < row else row
        return moving.id, self.nodes[target].id if target >= 0 else None, index

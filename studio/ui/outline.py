"""The course outline panel: the tree of modules, lessons and items with its edit buttons."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.model import Item, Lesson, Module
from studio.ui.hints import paint_hint
from studio.ui.icons import kind_icon
from studio.ui.outline_model import NODE_ROLE, OutlineModel
from studio.ui.session import ProjectSession

EMPTY_HINT = "Add a module (Ctrl+Shift+M)"
OPEN_LESSONS_UP_TO = 300  # items: a course this small opens with every lesson expanded


class OutlineTree(QTreeView):
    """The outline's tree; an empty course paints where to start."""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            paint_hint(self.viewport(), EMPTY_HINT)


class OutlinePanel(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = OutlineModel(session, self)
        self.tree = OutlineTree(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Course outline")
        self.tree.setHeaderHidden(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # a fixed width: sizing to contents would ask every row of a long course for its text
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(1, self.fontMetrics().horizontalAdvance("00:00:00") + 24)
        self.tree.header().setStretchLastSection(False)
        # nodes move within the tree; media comes in from the bin and the desktop
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setUniformRowHeights(True)
        self._open_tree()
        self.model.rowsInserted.connect(self._expand_inserted)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        session.selection_changed.connect(self.show_selected)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for kind, tip, slot in (
            ("module", "Add a module", self.add_module),
            ("lesson", "Add a lesson to the selected module", self.add_lesson),
            ("page", "Add a text page to the selected lesson", self.add_page),
            ("quiz", "Add a quiz to the selected lesson", self.add_quiz),
        ):
            button = QToolButton(self)
            button.setIcon(kind_icon(kind))
            button.setText(f"+ {kind.capitalize()}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)

    # ---- selection -------------------------------------------------------------------------
    def _current_changed(self, current, _previous) -> None:
        node_id = current.data(NODE_ROLE) if current.isValid() else ""
        self.session.select(node_id or "")

    def show_selected(self, node_id: str) -> None:
        index = self.model.index_of_id(node_id)
        if index.isValid() and self.tree.currentIndex().data(NODE_ROLE) != node_id:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _open_tree(self) -> None:
        """Modules open; lessons too in a course small enough to read whole. In a long course
        a lesson opens when something in it is selected: laying out thousands of rows on
        every edit would make each edit wait on the tree."""
        small = sum(len(node.children) for node in self.model.nodes
                    if node.kind == "lesson") <= OPEN_LESSONS_UP_TO
        self.tree.expandToDepth(1 if small else 0)

    def _expand_inserted(self, parent, first: int, last: int) -> None:
        """New modules and lessons open, so what was just added is in sight."""
        for row in range(first, last + 1):
            stack = [self.model.index(row, 0, parent)]
            while stack:
                index = stack.pop()
                node = self.model.node(index)
                if node is not None and node.kind in ("module", "lesson"):
                    self.tree.expand(index)
                    stack += [self.model.index(n, 0, index) for n in range(len(node.children))]

    # ---- edits -----------------------------------------------------------------------------
    def _selected(self) -> Module | Lesson | Item | None:
        return self.session.find(self.session.selected)

    def _module_id(self) -> str | None:
        node, course = self._selected(), self.session.course()
        if isinstance(node, Module):
            return node.id
        if isinstance(node, Lesson):
            return node.module_id
        if isinstance(node, Item):
            return self.session.find(node.lesson_id).module_id
        return course.modules[-1].id if course.modules else None

    def _lesson_id(self) -> str | None:
        node = self._selected()
        if isinstance(node, Lesson):
            return node.id
        if isinstance(node, Item):
            return node.lesson_id
        return None

    def _ask(self, what: str, default: str) -> str | None:
        title, ok = QInputDialog.getText(self, f"New {what}", f"Title of the new {what}:",
                                         text=default)
        return title if ok else None

    def add_module(self, title: str | None = None) -> str | None:
        title = title or self._ask("module", f"Module {len(self.session.course().modules) + 1}")
        new = self.session.run(commands.add_module, title).value if title else None
        if new:
            self.session.select(new)
        return new

    def add_lesson(self, title: str | None = None) -> str | None:
        module_id = self._module_id() or self.add_module("Module 1")
        if module_id is None:
            return None
        title = title or self._ask("lesson", "New lesson")
        new = self.session.run(commands.add_lesson, module_id, title).value if title else None
        if new:
            self.session.select(new)
        return new

    def _add_item(self, command, what: str, title: str | None) -> str | None:
        lesson_id = self._lesson_id()
        if lesson_id is None:
            self.session.failed.emit(f"Select a lesson (or an item in it) to add a {what}.")
            return None
        title = title or self._ask(what, f"New {what}")
        new = self.session.run(command, lesson_id, title).value if title else None
        if new:
            self.session.select(new)
        return new

    def add_page(self, title: str | None = None) -> str | None:
        return self._add_item(commands.add_page, "page", title)

    def add_quiz(self, title: str | None = None) -> str | None:
        return self._add_item(commands.add_quiz, "quiz", title)

    def remove_selected(self) -> None:
        if self._selected() is not None:
            self.session.run(commands.remove, self.session.selected)

    def rename_selected(self) -> None:
        index = self.model.index_of_id(self.session.selected)
        if index.isValid():
            self.tree.edit(index)

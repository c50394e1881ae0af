"""The open project as the window sees it: named operations, change signals, running jobs.

Every user action is one of the core's commands, run through :meth:`ProjectSession.run`,
which turns a refusal (:class:`~studio.errors.StudioError`) into a message for a dialog
instead of an exception in a Qt slot. Panels listen to :attr:`changed` (emitted with the
edit's name after each committed edit, undo or redo) and re-read what they show from
:meth:`course`, a frozen view cached until the next change. A panel redraws only when
:meth:`state_of` what it shows differs from what it drew, so one edit costs the panels it
concerns, not every panel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from studio.errors import StudioError
from studio.model import Course, Item, Lesson, Module
from studio.store import Project
from studio.ui.workers import Job, JobFn, JobRunner, on_own_connection

T = TypeVar("T")


class ProjectSession(QObject):
    changed = Signal(str)  # name of the edit, undo or redo that just committed
    failed = Signal(str)  # a message for the designer
    notice = Signal(str)  # news for the status bar (an import's summary, a file written)
    selection_changed = Signal(str)  # id of the module, lesson or item now selected ('' none)

    def __init__(self, project: Project, runner: JobRunner | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.runner = runner or JobRunner(self)
        self._course: Course | None = None
        self._nodes: dict[str, Module | Lesson | Item] | None = None
        self.selected = ""
        self.last_error = ""  # the message of the last refused command, '' if it applied
        project.subscribe(self._on_edit)

    @property
    def path(self) -> Path:
        return self.project.path

    def course(self) -> Course:
        if self._course is None:
            self._course = self.project.course()
            self._nodes = None
        return self._course

    def find(self, node_id: str) -> Module | Lesson | Item | None:
        """The module, lesson or item with this id in the current course (by an index)."""
        course = self.course()
        if self._nodes is None:
            nodes: dict[str, Module | Lesson | Item] = {}
            for module in course.modules:
                nodes[module.id] = module
                for lesson in module.lessons:
                    nodes[lesson.id] = lesson
                    nodes.update((item.id, item) for item in lesson.items)
            self._nodes = nodes
        return self._nodes.get(node_id) if node_id else None

    def state_of(self, node_id: str) -> tuple:
        """Everything a panel may show of a node, comparable with ``==`` between two edits.

        Frozen model objects compare by value, except what they leave out of comparison
        (a question's answers, an asset's details), which is added here.
        """
        course = self.course()
        node = self.find(node_id)
        if node is None:
            return (node_id, None)
        items = node.items if isinstance(node, Lesson) else (
            (node,) if isinstance(node, Item) else ())
        answers = tuple(tuple(q.data for q in getattr(item, "questions", ())) for item in items)
        assets = tuple(course.assets.get(getattr(item, "asset_id", None) or "")
                       for item in items)
        return (node_id, node, answers, assets, tuple(a.info if a else None for a in assets))

    def _on_edit(self, name: str) -> None:
        self._course = None
        self.changed.emit(name)

    def reload(self, name: str) -> None:
        """Another connection (a job) committed changes: re-read and tell the panels."""
        self._on_edit(name)

    # ---- operations ----------------------------------------------------------------------
    def run(self, command: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Run one core command on the project; a refusal becomes a message, not a crash."""
        self.last_error = ""
        if self.runner.writing:
            self.last_error = "busy"
            self.failed.emit("An import is still writing to the project; edit again when it "
                             "has finished (see the status bar).")
            return None
        try:
            return command(self.project, *args, **kwargs)
        except StudioError as exc:
            self.last_error = exc.message
            self.failed.emit(exc.message)
            return None

    def undo(self) -> None:
        self.run(lambda project: project.undo())

    def redo(self) -> None:
        self.run(lambda project: project.redo())

    def select(self, node_id: str) -> None:
        if node_id != self.selected:
            self.selected = node_id
            self.selection_changed.emit(node_id)

    # ---- jobs ------------------------------------------------------------------------------
    def start_job(self, name: str, work: Callable, writes: bool = False) -> Job:
        """Run ``work(project, progress, token)`` on a worker with its own connection.

        A writing job's changes are announced to the panels when it succeeds.
        """
        fn: JobFn = on_own_connection(self.path, work)
        job = self.runner.start(name, fn, writes=writes)
        if writes:
            job.ended.connect(lambda: self.reload(name))
        job.failed.connect(self.failed.emit)
        return job

    def close(self) -> None:
        self.runner.cancel_all()
        self.runner.wait()
        self.project.close()

"""The open project as the window sees it: named operations, change signals, running jobs.

Every user action is one of the core's commands, run through :meth:`ProjectSession.run`,
which returns an :class:`~studio.changes.Outcome` (the command's value, or the refusal's
message also shown in a dialog, and what it changed) instead of raising in a Qt slot.
Panels listen to :attr:`changed`, emitted with the :class:`~studio.changes.ChangeSet` of
each committed edit, undo, redo or writing job, and redraw only when it touches the ids
they show (:meth:`shown_ids`), re-reading them from :meth:`course`, a frozen view cached
until the next change. One edit costs the panels it concerns, not every panel.

Edits committed by another process (a script, a second window) are noticed by polling
the database's data version every :data:`EXTERNAL_POLL_MS` and announced like a job's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from studio.changes import ChangeSet, Outcome
from studio.errors import StudioError
from studio.model import Course, Item, Lesson, Module
from studio.store import Project
from studio.ui.workers import Job, JobFn, JobRunner, on_own_connection

T = TypeVar("T")
EXTERNAL_POLL_MS = 1000


class Drawn:
    """What a panel last drew from a node: its id and the ids that drawing depends on.

    A panel records a drawing with :meth:`record`, passes every ChangeSet to :meth:`note`
    and redraws when :meth:`current` says no.
    """

    def __init__(self) -> None:
        self.node_id: str | None = None  # None: nothing drawn yet
        self.ids: frozenset[str] = frozenset()
        self.stale = True

    def record(self, session: ProjectSession, node_id: str) -> None:
        self.node_id, self.ids, self.stale = node_id, session.shown_ids(node_id), False

    def note(self, changes: ChangeSet) -> bool:
        """Mark the drawing stale if the changes touch it; returns whether it is stale."""
        if not self.stale and changes.touches_any(self.ids):
            self.stale = True
        return self.stale

    def current(self, node_id: str) -> bool:
        return not self.stale and node_id == self.node_id


class ProjectSession(QObject):
    changed = Signal(object)  # the ChangeSet of the edit, undo, redo or job that committed
    failed = Signal(str)  # a message for the designer
    notice = Signal(str)  # news for the status bar (an import's summary, a file written)
    selection_changed = Signal(str)  # id of the module, lesson or item now selected ('' none)
    cue_selected = Signal(str)  # id of the selected clip's cue point now selected ('' none)

    def __init__(self, project: Project, runner: JobRunner | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.runner = runner or JobRunner(self)
        self._course: Course | None = None
        self._nodes: dict[str, Module | Lesson | Item] | None = None
        self.selected = ""
        self.selected_cue = ""  # a cue point of the selected clip ('' none)
        self._heard: list[ChangeSet] | None = None  # collected while run() runs a command
        project.subscribe(self._on_edit)
        self._watch = QTimer(self)
        self._watch.setInterval(EXTERNAL_POLL_MS)
        self._watch.timeout.connect(self.poll_external)
        self._watch.start()

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

    def shown_ids(self, node_id: str) -> frozenset[str]:
        """The ids a full view of a node depends on: the node, everything inside it (a
        module's lessons and items, a lesson's items) and those items' media assets.

        A view of the node is stale exactly when a ChangeSet touches one of them
        (:meth:`ChangeSet.touches_any`). An id not in the course gives only itself, so a
        view of a removed node redraws when a redo brings it back.
        """
        node = self.find(node_id)
        if node is None:
            return frozenset((node_id,)) if node_id else frozenset()
        lessons = node.lessons if isinstance(node, Module) else (
            (node,) if isinstance(node, Lesson) else ())
        items = [item for lesson in lessons for item in lesson.items] if lessons else (
            [node] if isinstance(node, Item) else [])
        ids = {node_id, *(lesson.id for lesson in lessons), *(item.id for item in items)}
        ids.update(asset for item in items if (asset := getattr(item, "asset_id", None)))
        return frozenset(ids)

    def _on_edit(self, changes: ChangeSet) -> None:
        if changes:
            self._course = None
        if self._heard is not None:
            self._heard.append(changes)
        self.changed.emit(changes)

    def reload(self, name: str) -> ChangeSet:
        """Another connection (a job) committed changes: tell the panels what they were."""
        return self.project.catch_up(name)

    def poll_external(self) -> bool:
        """Reload when another process or connection committed since the last look;
        returns whether it did."""
        try:
            if not self.project.changed_elsewhere():
                return False
            self.reload("Changes made elsewhere")
        except (StudioError, sqlite3.Error) as exc:
            self._watch.stop()
            self.failed.emit(getattr(exc, "message", None) or f"The project cannot be read: {exc}")
            return False
        return True

    # ---- operations ----------------------------------------------------------------------
    def run(self, command: Callable[..., T], *args: object, **kwargs: object) -> Outcome[T]:
        """Run one core command on the project; a refusal becomes a message, not a crash.

        Returns ``Outcome(ok, value, error, changes)``: ``changes`` joins every edit the
        command committed. A StudioError, or an import still writing, gives ``ok`` False
        and emits :attr:`failed` with the message; nothing is raised.
        """
        if self.runner.writing:
            message = ("An import is still writing to the project; edit again when it has "
                       "finished (see the status bar).")
            self.failed.emit(message)
            return Outcome.refused(message)
        outer, self._heard = self._heard, []
        try:
            value, error = command(self.project, *args, **kwargs), None
        except StudioError as exc:
            value, error = None, exc.message
        finally:
            heard, self._heard = self._heard, outer
        if outer is not None:  # a command run from a panel while another one notifies
            outer.extend(heard)
        changes = None
        for one in heard:
            changes = one if changes is None else changes | one
        if error is not None:
            self.failed.emit(error)
        return Outcome(error is None, value, error, changes)

    def undo(self) -> Outcome[str]:
        """Undo the newest edit; the Outcome's value is its name."""
        self.poll_external()  # so what is undone is what the window shows
        return self.run(lambda project: project.undo())

    def redo(self) -> Outcome[str]:
        """Redo the newest undone edit; the Outcome's value is its name."""
        self.poll_external()
        return self.run(lambda project: project.redo())

    def select(self, node_id: str) -> None:
        if node_id != self.selected:
            self.selected = node_id
            self.selected_cue = ""
            self.selection_changed.emit(node_id)

    def select_cue(self, item_id: str, cue_id: str) -> None:
        """Select a clip and one of its cue points ('' for none of them)."""
        self.select(item_id)
        if cue_id != self.selected_cue:
            self.selected_cue = cue_id
            self.cue_selected.emit(cue_id)

    # ---- jobs ------------------------------------------------------------------------------
    def start_job(self, name: str, work: Callable, writes: bool = False) -> Job:
        """Run ``work(project, progress, token)`` on a worker with its own connection.

        A writing job's changes are announced to the panels when it succeeds.
        """
        fn: JobFn = on_own_connection(self.path, work)
        job = self.runner.start(name, fn, writes=writes)
        if writes:
            job.ended.connect(lambda: self.reload(name))
        job.failed.connect(lambda message: self._job_failed(job, message))
        return job

    def _job_failed(self, job: Job, message: str) -> None:
        if job.crash is None:  # a bug has shown its own dialog already
            self.failed.emit(message)

    def close(self) -> None:
        self._watch.stop()
        self.runner.cancel_all()
        self.runner.wait()
        self.project.close()

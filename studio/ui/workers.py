"""Long work off the window's thread: jobs run in Qt thread pools and report through signals.

A job is the core's idiom, ``job(progress, token) -> result``. :class:`JobRunner` runs it in a
``QThreadPool`` and a :class:`Job` relays progress, the result, a failure message or a quiet
cancel to the window as queued signals, so the window never waits on it.

Database connections. SQLite connections belong to one thread at a time: the store opens its
connection with ``check_same_thread=False``, but two threads sharing it would interleave
their transactions (a window edit could land inside an import's transaction and be undone
with it). So the window's :class:`~studio.store.Project` is used on the GUI thread only, for
the short interactive commands, and every job opens its own connection to the same bundle
(:func:`on_own_connection`). WAL gives a reading job (export, validation) a consistent
snapshot while the designer keeps editing. Jobs that write (import) go through ONE writer
lane, a pool of a single thread, so background writes never race each other; while one runs
the window holds its own edits (see :class:`~studio.ui.session.ProjectSession`) instead of
blocking on SQLite's write lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studio.crash import CrashReport, report_crash
from studio.errors import Cancelled, StudioError
from studio.jobs import CancelToken, Progress
from studio.store import Project
from studio.ui.crash_dialog import present_crash

log = logging.getLogger(__name__)

JobFn = Callable[[Progress, CancelToken], object]
BACKGROUND_NICE = 10
PROGRESS_INTERVAL = 0.05  # seconds between two progress signals: keeps the event queue light


class Job(QObject):
    """One running job as the window sees it. Its public signals are emitted on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()  # after any of the three above
    # Emitted from the worker thread; queued to the slots below, which live on the GUI thread
    _worker_progress = Signal(float, str)
    _worker_result = Signal(str, object)

    def __init__(self, name: str, writes: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.writes = writes
        self.token = CancelToken()
        self.fraction = 0.0
        self.message = ""
        self.done = False
        self.result: object = None
        self.error = ""
        self.crash: CrashReport | None = None  # set when the job ended in a bug
        self._worker_progress.connect(self._on_progress)
        self._worker_result.connect(self._on_result)

    def cancel(self) -> None:
        self.token.cancel()

    def _on_progress(self, fraction: float, message: str) -> None:
        if not self.done:
            self.fraction, self.message = fraction, message
            self.progressed.emit(fraction, message)

    def _on_result(self, outcome: str, value: object) -> None:
        self.done = True
        if outcome == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "crashed":  # a bug: its dialog, then the panels hear of a failure
            self.crash = value
            self.error = value.message
            present_crash(value)
            self.failed.emit(self.error)
        elif outcome == "failed":
            self.error = str(value)
            self.failed.emit(self.error)
        else:
            self.cancelled.emit()
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: JobFn):
        super().__init__()
        self.job, self.fn = job, fn
        self._last = 0.0

    def _report(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or fraction >= 1.0:
            self._last = now
            self.job._worker_progress.emit(float(fraction), message)

    def run(self) -> None:
        lower_priority()
        try:
            result = self.fn(self._report, self.job.token)
        except Cancelled:
            self.job._worker_result.emit("cancelled", None)
        except StudioError as exc:
            self.job._worker_result.emit("failed", exc.message)
        except Exception as exc:  # a bug must reach the designer as a dialog, not kill a thread
            log.error("Job %s failed:\n%s", self.job.name, traceback.format_exc())
            self.job._worker_result.emit("crashed",
                                         report_crash(exc, f"running “{self.job.name}”"))
        else:
            self.job._worker_result.emit("ok", result)


def lower_priority() -> None:
    """Run this worker thread, and the ffmpeg it starts, below the window's thread.

    On Linux a thread's nice value is its own and a child process inherits it, so a render
    that fills every core still leaves the window's thread first in line for the CPU.
    """
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            current = os.getpriority(os.PRIO_PROCESS, 0)
            if current < BACKGROUND_NICE:
                os.setpriority(os.PRIO_PROCESS, 0, BACKGROUND_NICE)


class JobRunner(QObject):
    """Starts jobs; keeps the running ones for the status bar."""

    jobs_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.running: list[Job] = []

    def start(self, name: str, fn: JobFn, writes: bool = False) -> Job:
        job = Job(name, writes, self)
        self.running.append(job)
        job.ended.connect(lambda: self._forget(job))
        (self.writer if writes else self.pool).start(_Runnable(job, fn))
        self.jobs_changed.emit()
        return job

    @property
    def writing(self) -> bool:
        return any(job.writes for job in self.running)

    def cancel_all(self) -> None:
        for job in self.running:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs) and self.writer.waitForDone(msecs)

    def _forget(self, job: Job) -> None:
        if job in self.running:
            self.running.remove(job)
        job.deleteLater()
        self.jobs_changed.emit()


def on_own_connection(path: Path, work: Callable[[Project, Progress, CancelToken], object]
                      ) -> JobFn:
    """A job that opens the project on its own thread and connection, and closes it after."""

    def job(progress: Progress, token: CancelToken) -> object:
        with Project.open(path) as project:
            return work(project, progress, token)

    return job

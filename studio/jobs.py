"""One idiom for long work: a job is a callable taking a progress reporter and a cancel token.

    def job(progress: Progress, token: CancelToken) -> T: ...

The job calls ``token.check()`` at safe points (raises :class:`Cancelled`) and
``progress(fraction, message)`` as it goes. Faces wrap jobs: the CLI with a progress
bar, the UI in Qt workers. :func:`run_parallel` runs independent jobs in a pool sized
to the machine's cores.

Batches that may run elsewhere take an :class:`Executor`: ``executor.map(fn, jobs,
progress, token)`` calls ``fn(job, progress, token)`` for each job, where ``fn`` is a
module-level function and each job plain data, so both can be pickled and shipped to
another process or machine. :class:`LocalPool` is the executor on this machine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from functools import partial
from typing import Protocol, TypeVar

from studio.errors import Cancelled

T = TypeVar("T")
# Environment variable a parent sets to 1 to read a child command's progress on its stderr as
# one "NN% message" line per step (a terminal gets a redrawn bar instead)
PROGRESS_LINES_ENV = "STUDIO_PROGRESS_LINES"
J = TypeVar("J")


class Progress(Protocol):
    """A progress reporter: called with the share done, ``fraction`` 0..1, and a short
    message for a person (may be empty)."""

    def __call__(self, fraction: float, message: str = "") -> None: ...


def no_progress(fraction: float, message: str = "") -> None:
    """A progress reporter that reports nothing (for callers that do not show progress)."""


class CancelToken:
    """Set once by whoever shows the job (Ctrl-C, a Cancel button); checked by the job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop; safe from any thread, and more than once."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`~studio.errors.Cancelled` once cancelled; else do nothing."""
        if self._event.is_set():
            raise Cancelled()


class SubProgress:
    """Maps a sub-job's 0..1 onto a slice [start, start+span] of a parent reporter."""

    def __init__(self, parent: Progress, start: float, span: float):
        self.parent, self.start, self.span = parent, start, span

    def __call__(self, fraction: float, message: str = "") -> None:
        fraction = min(1.0, max(0.0, fraction))
        self.parent(self.start + self.span * fraction, message)


Job = Callable[[Progress, CancelToken], T]


def worker_count() -> int:
    """Workers a pool runs by default: the machine's CPU count, at least 1."""
    return max(1, os.cpu_count() or 1)


def run_parallel(
    jobs: Sequence[Job], progress: Progress, token: CancelToken, workers: int | None = None
) -> list:
    """Run independent jobs in a pool; overall progress is the mean of theirs.

    The first failure (or a cancel) cancels the rest and is re-raised; results keep
    the order of ``jobs``.
    """
    if not jobs:
        progress(1.0, "")
        return []
    fractions = [0.0] * len(jobs)
    lock = threading.Lock()
    inner = CancelToken()

    def reporter(index: int) -> Progress:
        def report(fraction: float, message: str = "") -> None:
            with lock:
                fractions[index] = fraction
                total = sum(fractions) / len(fractions)
            progress(total, message)

        return report

    def watch(index: int, job: Job):
        token.check()
        if inner.cancelled:
            raise Cancelled()
        try:
            return job(reporter(index), _EitherToken(token, inner))
        except BaseException:
            inner.cancel()  # here, before this worker can start a queued job
            raise

    with ThreadPoolExecutor(max_workers=workers or worker_count()) as pool:
        futures = [pool.submit(watch, i, job) for i, job in enumerate(jobs)]
        try:
            # wait for the first failure, not in job order: it must stop the others at once
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failures = [f.exception() for f in futures if f in done and f.exception()]
            causes = [e for e in failures if not isinstance(e, Cancelled)]
            if failures:
                raise (causes or failures)[0]
            return [f.result() for f in futures]
        except BaseException:
            inner.cancel()
            raise


class Executor(Protocol):
    """Runs a batch of independent jobs, here or elsewhere (the seam a cluster plugs into).

    ``map(fn, jobs, progress, token)`` returns ``[fn(job, p, t) for job in jobs]`` in the
    order of ``jobs``, in any order or place it likes. It reports overall progress (0..1)
    to ``progress``; once ``token`` is cancelled it stops every job still running or queued
    and raises :class:`~studio.errors.Cancelled`; the first job that fails stops the others
    and its error is re-raised. ``fn`` must be a module-level function and each job plain
    picklable data when the executor runs them in other processes.
    """

    def map(self, fn: Callable[[J, Progress, CancelToken], T], jobs: Sequence[J],
            progress: Progress, token: CancelToken) -> list[T]:
        """``[fn(job, progress, token) for job in jobs]`` as the class describes."""


class LocalPool:
    """The executor on this machine: threads, one per core unless ``workers`` is given.

    Jobs share the process, so ``fn`` gets live progress reporters and a cancel token that
    the caller's token (or a failing sibling) sets; see :func:`run_parallel`.
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers

    def map(self, fn: Callable[[J, Progress, CancelToken], T], jobs: Sequence[J],
            progress: Progress, token: CancelToken) -> list[T]:
        """``[fn(job, progress, token) for job in jobs]``, run in parallel (see Executor)."""
        return run_parallel([partial(fn, job) for job in jobs], progress, token, self.workers)


class _EitherToken(CancelToken):
    """Cancelled when either the caller's token or the pool's own token is."""

    def __init__(self, outer: CancelToken, inner: CancelToken):
        super().__init__()
        self._outer, self._inner = outer, inner

    @property
    def cancelled(self) -> bool:
        return self._outer.cancelled or self._inner.cancelled

    def cancel(self) -> None:
        self._inner.cancel()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

"""Jobs on a Dask cluster: :class:`DaskExecutor`, an :class:`~studio.jobs.Executor` that sends
each job of a batch to a worker of a ``distributed`` scheduler.

    executor = DaskExecutor("tcp://render-host:8786")
    results = executor.map(render_one, jobs, progress, token)

Each job is one task, submitted with ``pure=False`` (a job is never answered from another
batch's result). A worker runs ``fn(job, progress, token)`` in a small wrapper that
forwards its progress through a distributed ``Queue`` and turns the batch's stop
``Event`` into the job's :class:`~studio.jobs.CancelToken`, so a cancel stops running jobs
(their ffmpeg is stopped and their partial file removed), not only queued ones. A worker
that dies is not a job failure: the scheduler gives its tasks to another worker (up to
``distributed.scheduler.allowed-failures`` times, then :class:`ClusterError`).

dask and distributed are imported inside functions: the studio runs without the
``cluster`` extra and says how to install it when one is asked for.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from studio.errors import Cancelled, ClusterError
from studio.jobs import CancelToken, Progress

T = TypeVar("T")
J = TypeVar("J")

SCHEDULER_ENV = "STUDIO_DASK_SCHEDULER"  # the scheduler address when no option names one
CONNECT_SECONDS = 5.0  # how long to try to reach a scheduler before giving up
POLL_SECONDS = 0.25  # how often the studio looks at the batch (progress, cancel, failures)
STOP_SECONDS = 10.0  # how long a cancelled batch waits for its running jobs to stop
REPORT_SECONDS = 0.5  # a worker forwards a job's progress at most this often
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")  # the protocols a scheduler listens on


def check_address(address: str) -> str:
    """``address`` if it has the form of a scheduler address (``[SCHEME://]HOST:PORT``, the
    scheme one of :data:`SCHEMES`, tcp when left out), checked before any connection is
    tried. Raises ClusterError (one line) otherwise."""
    scheme, found, rest = address.partition("://")
    if not found:
        scheme, rest = "tcp", address
    host, _, port = rest.rpartition(":")
    if (scheme not in SCHEMES or not host or "/" in rest or not port.isdigit()
            or not 0 < int(port) < 65536):
        raise ClusterError(f"“{address}” is not a Dask scheduler address; write it as "
                           "tcp://HOST:PORT (for example tcp://render-host:8786).")
    return address


def _distributed():
    try:
        import distributed  # noqa: PLC0415
    except ImportError as exc:
        raise ClusterError("Rendering on a Dask cluster needs the cluster extra: "
                           "install course-studio[cluster].") from exc
    return distributed


class DaskExecutor:
    """Runs batches on the Dask cluster whose scheduler is at ``scheduler``
    (``tcp://HOST:8786``), or through an existing ``distributed.Client``.

    The connection is made on first use and kept; :meth:`close` ends one this object
    made. Raises :class:`ClusterError` (from :meth:`connect` or :meth:`map`) when dask is
    not installed or the scheduler does not answer within ``timeout`` seconds, and at once
    for an address of the wrong form (:func:`check_address`).
    """

    def __init__(self, scheduler: Any, timeout: float = CONNECT_SECONDS):
        if isinstance(scheduler, str):
            check_address(scheduler)
        self._given = scheduler if not isinstance(scheduler, str) else None
        self.address = scheduler if isinstance(scheduler, str) else scheduler.scheduler.address
        self.timeout = timeout
        self._client = self._given

    def connect(self):
        """The ``distributed.Client`` of this executor, connecting first if needed."""
        if self._client is None:
            distributed = _distributed()
            try:
                self._client = distributed.Client(self.address, timeout=self.timeout,
                                                  set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(f"Cannot reach the Dask scheduler at {self.address} "
                                   f"(waited {self.timeout:g} s); is `dask scheduler` "
                                   "running there?") from exc
        return self._client

    def close(self) -> None:
        """Disconnect, if this executor made the connection (a given client stays open)."""
        if self._client is not None and self._given is None:
            self._client.close()
        self._client = self._given

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, fn: Callable[[J, Progress, CancelToken], T], jobs: Sequence[J],
            progress: Progress, token: CancelToken) -> list[T]:
        """``[fn(job, progress, token) for job in jobs]`` run on the cluster's workers, in
        the order of ``jobs`` (see :class:`studio.jobs.Executor`). Progress is the mean of
        the jobs' fractions as the workers report them. Raises the first job's error (after
        stopping the others), Cancelled once ``token`` is (after the running jobs stopped),
        ClusterError as the class says, or when the scheduler is lost mid-batch."""
        if not jobs:
            progress(1.0, "")
            return []
        token.check()
        client = self.connect()
        distributed = _distributed()
        batch = f"studio-{uuid.uuid4().hex}"
        stop = distributed.Event(f"{batch}-stop", client=client)
        reports = distributed.Queue(f"{batch}-progress", client=client)
        futures = [client.submit(_run_job, fn, job, index, batch, pure=False,
                                 key=f"{batch}-{index}") for index, job in enumerate(jobs)]
        fractions, changed = [0.0] * len(jobs), threading.Event()
        for future in futures:
            future.add_done_callback(lambda _: changed.set())
        lost = False
        try:
            while True:
                _raise_first_failure(futures, distributed)
                token.check()
                try:
                    message = _take_reports(reports, fractions)
                except (OSError, RuntimeError) as exc:  # distributed's words for a lost link
                    lost = True
                    raise ClusterError(f"Lost the Dask scheduler at {self.address} before the "
                                       "renders were done; is `dask scheduler` still running "
                                       "there?") from exc
                for index, future in enumerate(futures):
                    if future.status == "finished":
                        fractions[index] = 1.0
                progress(sum(fractions) / len(fractions), message)
                pending = [f for f in futures if not f.done()]
                if not pending:
                    return client.gather(futures)
                changed.wait(POLL_SECONDS)
                changed.clear()
        except BaseException:
            if not lost:  # a lost scheduler took its jobs with it
                with contextlib.suppress(OSError, RuntimeError):  # lost while stopping
                    _stop_jobs(client, stop, futures, changed)
            raise
        finally:
            if not lost:
                with contextlib.suppress(OSError, RuntimeError):
                    reports.get(batch=True)  # leftovers, so the scheduler keeps no reports


def _stop_jobs(client, stop, futures: list, changed: threading.Event) -> None:
    stop.set()
    # running jobs see the stop within REPORT_SECONDS and remove their files
    ends = time.monotonic() + STOP_SECONDS
    while not all(f.done() for f in futures) and time.monotonic() < ends:
        changed.wait(POLL_SECONDS)
        changed.clear()
    client.cancel(futures)


def _raise_first_failure(futures: list, distributed) -> None:
    failures = [f.exception() for f in futures if f.status == "error"]
    if not failures:
        return
    causes = [e for e in failures if not isinstance(e, Cancelled)]
    error = (causes or failures)[0]
    if isinstance(error, distributed.KilledWorker):
        raise ClusterError(f"A job lost every worker that ran it (job {error.task}); the "
                           "workers' logs say why they died.") from error
    raise error


def _take_reports(reports, fractions: list[float]) -> str:
    """Apply the progress the workers sent since the last look; the newest message."""
    message = ""
    for index, fraction, text in reports.get(batch=True):
        fractions[index] = max(fractions[index], min(1.0, fraction))
        message = text or message
    return message


def _run_job(fn: Callable[[J, Progress, CancelToken], T], job: J, index: int,
             batch: str) -> T:
    """On a worker: ``fn(job, progress, token)`` with progress sent to the studio and the
    batch's stop event watched, so a cancel stops the job where it runs."""
    distributed = _distributed()
    client = distributed.get_client()
    stop = distributed.Event(f"{batch}-stop", client=client)
    reports = distributed.Queue(f"{batch}-progress", client=client)
    if stop.is_set():
        raise Cancelled()
    token, finished = CancelToken(), threading.Event()

    def watch() -> None:  # short polls: a waiter parked on the scheduler outlives the job
        try:
            while not finished.wait(REPORT_SECONDS):
                if stop.is_set():
                    token.cancel()
                    return
        except OSError:  # the scheduler went away: no one is left to cancel the job
            return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    last = [0.0]

    def report(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - last[0] < REPORT_SECONDS:
            return
        last[0] = now
        reports.put((index, fraction, message))

    try:
        return fn(job, report, token)
    finally:
        finished.set()

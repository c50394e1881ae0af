"""Long work: cancel tokens, nested progress and the parallel runner."""

from __future__ import annotations

import threading
import time

import pytest

from studio.errors import Cancelled, MediaError, StudioError
from studio.jobs import CancelToken, SubProgress, no_progress, run_parallel, worker_count


class Recorder:
    """A progress reporter that keeps what it was told (thread-safe)."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def __call__(self, fraction: float, message: str = "") -> None:
        with self._lock:
            self.calls.append((fraction, message))

    @property
    def fractions(self) -> list[float]:
        return [fraction for fraction, _ in self.calls]


def test_a_token_raises_cancelled_once_cancelled():
    token = CancelToken()
    token.check()
    assert not token.cancelled
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.check()
    assert not issubclass(Cancelled, StudioError), "a cancel is not an error to report"


def test_sub_progress_maps_onto_a_slice():
    parent = Recorder()
    second_half = SubProgress(parent, 0.5, 0.5)
    for fraction in (-1.0, 0.0, 0.5, 1.0, 3.0):
        second_half(fraction, "rendering")
    assert parent.fractions == [0.5, 0.5, 0.75, 1.0, 1.0]
    assert {message for _, message in parent.calls} == {"rendering"}
    nested = SubProgress(SubProgress(parent, 0.0, 0.5), 0.5, 0.5)
    nested(0.5)
    assert parent.fractions[-1] == pytest.approx(0.375)


def stepping_job(value: int, steps: int = 4, pause: float = 0.0):
    def job(progress, token):
        for step in range(1, steps + 1):
            token.check()
            time.sleep(pause)
            progress(step / steps, f"job {value}")
        return value * value

    return job


def test_results_keep_the_order_of_the_jobs_and_progress_reaches_one():
    progress = Recorder()
    # later jobs finish first: the results must still follow the job order
    jobs = [stepping_job(n, pause=0.002 * (8 - n)) for n in range(8)]
    assert run_parallel(jobs, progress, CancelToken(), workers=4) == [n * n for n in range(8)]
    assert max(progress.fractions) == pytest.approx(1.0)
    assert all(0.0 <= f <= 1.0 for f in progress.fractions)


def test_no_jobs_is_done_at_once():
    progress = Recorder()
    assert run_parallel([], progress, CancelToken()) == []
    assert progress.fractions == [1.0]


def test_a_failing_job_cancels_the_rest_and_is_reraised():
    started = threading.Event()
    saw_cancel = threading.Event()

    def failing(progress, token):
        started.wait(5)
        raise MediaError("ffmpeg could not read clip 3")

    def long_running(progress, token):
        started.set()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if token.cancelled:
                saw_cancel.set()
                raise Cancelled()
            time.sleep(0.001)
        return "finished"

    never_run = []

    def queued(progress, token):
        never_run.append(True)
        return "ran"

    began = time.monotonic()
    with pytest.raises(MediaError, match="clip 3"):
        run_parallel([long_running, failing, queued, queued], no_progress, CancelToken(),
                     workers=2)
    assert saw_cancel.is_set(), "the running job was told to stop"
    assert time.monotonic() - began < 2
    assert never_run == [], "queued jobs did not start after the failure"


def test_cancel_from_outside_stops_every_job():
    token = CancelToken()
    progress = Recorder()
    running = threading.Barrier(2)

    def job(progress, inner_token):
        running.wait(5)
        while True:
            inner_token.check()
            progress(0.1)
            time.sleep(0.001)

    threading.Timer(0.05, token.cancel).start()
    began = time.monotonic()
    with pytest.raises(Cancelled):
        run_parallel([job, job], progress, token, workers=2)
    assert time.monotonic() - began < 2
    assert token.cancelled


def test_a_pool_is_sized_to_the_machine():
    assert worker_count() >= 1

"""Progress and cancellation for long jobs run from the shell."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

from studio.jobs import PROGRESS_LINES_ENV, CancelToken
from studio.text import printable


class ProgressBar:
    """A one-line bar on stderr when it is a terminal; nothing when output is piped, unless
    :data:`studio.jobs.PROGRESS_LINES_ENV` asks for lines (a window running the command)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.live = stream.isatty()
        self.lines = not self.live and os.environ.get(PROGRESS_LINES_ENV) == "1"
        self.last = -1
        self.said = ""

    def __call__(self, fraction: float, message: str = "") -> None:
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        if self.lines and (percent, message) != (self.last, self.said):
            self.last, self.said = percent, message
            self.stream.write(f"{percent}% {printable(message)}\n")
            self.stream.flush()
        if not self.live or percent == self.last:
            return
        self.last = percent
        filled = percent * 30 // 100
        bar = "#" * filled + " " * (30 - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}% {printable(message)[:40]:40}")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.last >= 0:
            self.stream.write("\n")


def run_job(job: Callable[[ProgressBar, CancelToken], object]) -> object:
    """Run a job with a progress bar; Ctrl-C cancels it cleanly (raises Cancelled)."""
    token, bar = CancelToken(), ProgressBar()
    previous = signal.signal(signal.SIGINT, lambda *_: token.cancel())
    try:
        return job(bar, token)
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()

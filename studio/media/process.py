"""Running one ffmpeg command as a job: progress from ``-progress pipe:1``, clean cancel.

Cancelling terminates ffmpeg, then kills it if it has not gone after a grace period; the
caller removes the partial output. ffmpeg's own messages go to a log file, kept for the
error message (a pipe would fill up and stall ffmpeg). Children started through
:func:`dying_with_studio` die with the studio, so a killed studio leaves no ffmpeg running,
and with :func:`own_group` a terminal's Ctrl+C reaches the studio only: the studio cancels
its job and stops them, rather than reading their death as a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from studio.errors import Cancelled, MediaError
from studio.jobs import CancelToken, Progress
from studio.media.progress import ProgressParser, describe, eta_seconds, fraction_done

GRACE_SECONDS = 3.0
POLL_SECONDS = 0.05
SETPRIV = "setpriv"  # util-linux: sets the parent-death signal, then runs the command


@functools.cache
def _setpriv() -> str | None:
    return shutil.which(SETPRIV) if sys.platform.startswith("linux") else None


def dying_with_studio(command: list[str]) -> list[str]:
    """``command`` made to die with the studio: on Linux run through setpriv(1)
    ``--pdeathsig KILL`` (prctl(2) ``PR_SET_PDEATHSIG``, kept across exec), so a killed
    studio leaves no ffmpeg or LibreOffice behind; unchanged where setpriv is missing.

    Never a ``preexec_fn``: Python code run between fork and exec can deadlock in a process
    with threads (the window's decoders and jobs), hanging the thread that started it.
    Linux sends the signal when the *thread* that started the child ends, so the starting
    thread must wait for the child, as every caller here does.
    """
    setpriv = _setpriv()
    if setpriv is None:
        return list(command)
    # the signal is set only once setpriv runs: a studio that died before then is caught by
    # checking, after it is set, that the parent is still this process
    return [setpriv, "--pdeathsig", "KILL", "--", "sh", "-c",
            'test "$PPID" = "$0" && exec "$@"', str(os.getpid()), *command]


def own_group() -> dict:
    """Keyword arguments for subprocess.Popen/run that start the child in a process group of
    its own (a new session on POSIX, ``CREATE_NEW_PROCESS_GROUP`` on Windows), so the
    terminal's Ctrl+C (SIGINT to the foreground group) goes to the studio alone."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def run_ffmpeg(command: list[str], duration: float, progress: Progress, token: CancelToken,
               what: str) -> str:
    """Run an ffmpeg command that includes ``-progress pipe:1``; returns its log text.

    ``duration`` (seconds of output) scales the progress fraction. The child dies with the
    studio (:func:`dying_with_studio`). Raises Cancelled when ``token`` is cancelled (ffmpeg is
    stopped first), MediaError when ffmpeg cannot start or exits non-zero.
    """
    token.check()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        try:
            proc = subprocess.Popen(dying_with_studio(command), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=log, text=True,
                                    errors="replace", **own_group())
        except OSError as exc:
            raise MediaError(f"Could not start ffmpeg for {what}: {exc.strerror}.") from exc
        started = time.monotonic()
        reader = threading.Thread(
            target=_follow, args=(proc, duration, progress, token, started, what), daemon=True)
        reader.start()
        try:
            while proc.poll() is None:
                if token.cancelled:
                    stop(proc)
                    raise Cancelled()
                try:
                    proc.wait(timeout=POLL_SECONDS)
                except subprocess.TimeoutExpired:
                    pass
        except BaseException:
            stop(proc)
            raise
        finally:
            reader.join(timeout=GRACE_SECONDS)
        log.seek(0)
        text = log.read()
    if proc.returncode != 0:
        token.check()  # an ffmpeg that died of the same interrupt was cancelled, not broken
        raise MediaError(f"ffmpeg could not {what}: {last_lines(text)}")
    return text


def _follow(proc: subprocess.Popen, duration: float, progress: Progress, token: CancelToken,
            started: float, what: str) -> None:
    parser = ProgressParser()
    best = 0.0  # ffmpeg's output time can step back a little between streams
    for line in proc.stdout:
        report = parser.feed(line)
        if report is None or token.cancelled:  # a stopped ffmpeg still says "end"
            continue
        fraction = best = max(best, fraction_done(report, duration))
        eta = eta_seconds(time.monotonic() - started, fraction)
        progress(fraction, f"{what}: {describe(fraction, eta)}")


def stop(proc: subprocess.Popen) -> None:
    """Terminate, then kill after :data:`GRACE_SECONDS` seconds; returns once it is gone."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def last_lines(log: str, count: int = 4) -> str:
    """The last ``count`` non-blank lines of an ffmpeg log, joined by " / " for one line."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    return " / ".join(lines[-count:]) or "no message"


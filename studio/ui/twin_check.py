"""The LMS twin run from the window: ``studio check-lms`` in a child process, heard and stoppable.

The twin drives a browser engine for minutes; in a child process it cannot freeze the window,
Cancel is a kill, and the window runs exactly what the command line runs. The child writes
its progress on stderr (lines, or a bar redrawn with carriage returns), the report as JSON on
stdout and, for "Save report…", an HTML copy into a temporary folder the run owns.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

import studio
from studio.jobs import PROGRESS_LINES_ENV
from studio.media.process import dying_with_studio

HTML_NAME = "lms-twin-report.html"
CLI_PREFIX = "studio:"  # how the command line starts the one line saying why it failed
_BAR = re.compile(r"^\s*\[[#\s]*\]\s*(\d{1,3})%\s*(.*)$")  # studio.cli.progress.ProgressBar
_PERCENT = re.compile(r"^\s*(\d{1,3})%\s+(.*)$")


@dataclass(frozen=True)
class TwinOutcome:
    """What one finished run gave: the report (``TwinReport.to_json()``, parsed), the child's
    exit code (0: every path records what the course intends), the HTML report's path and
    the temporary folder holding it (whoever shows the report removes it)."""

    report: dict
    exit_code: int
    html: Path | None
    folder: Path


def progress_line(line: str) -> tuple[float | None, str]:
    """One stderr line of the child as (fraction 0..1 or None when it gives none, message)."""
    line = line.strip()
    for pattern in (_BAR, _PERCENT):
        match = pattern.match(line)
        if match:
            return min(100, int(match[1])) / 100, match[2].strip()
    return None, line


def check_command(package: Path, lms: str, html: Path | None, paths: tuple[str, ...] = ()
                  ) -> list[str]:
    """The argument list of ``python -m studio.cli check-lms`` for ``package`` and profile
    ``lms`` (``paths``: only those learner paths; empty: all of them)."""
    command = [sys.executable, "-m", "studio.cli", "check-lms", str(package), "--lms", lms,
               "--json"]
    if html is not None:
        command += ["--html", str(html)]
    for path in paths:
        command += ["--path", path]
    return command


def child_environment() -> QProcessEnvironment:
    """The window's environment, with the engine offscreen and this studio's own code first
    on the import path (so a studio run from a source tree checks with the same code)."""
    env = QProcessEnvironment.systemEnvironment()
    env.insert("QT_QPA_PLATFORM", "offscreen")
    source = str(Path(studio.__file__).resolve().parent.parent)
    present = env.value("PYTHONPATH", "")
    env.insert("PYTHONPATH", source + (":" + present if present else ""))
    env.insert("PYTHONUNBUFFERED", "1")
    env.insert(PROGRESS_LINES_ENV, "1")  # progress as "NN% message" lines, as they come
    return env


class TwinRun(QObject):
    """One ``check-lms`` child. :attr:`progressed` (fraction, message) as it reports, then
    exactly one of :attr:`finished` (a :class:`TwinOutcome`), :attr:`failed` (a one-line
    message) or :attr:`cancelled`."""

    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, package: Path, lms: str, paths: tuple[str, ...] = (),
                 parent: QObject | None = None):
        super().__init__(parent)
        self.package, self.lms, self.paths = package, lms, tuple(paths)
        self.folder = Path(tempfile.mkdtemp(prefix="course-studio-twin-"))
        self.html = self.folder / HTML_NAME
        self.process = QProcess(self)
        self.process.setProcessEnvironment(child_environment())
        self.process.readyReadStandardError.connect(self._read_progress)
        self.process.finished.connect(self._ended)
        self.process.errorOccurred.connect(self._error)
        self._pending = ""
        self._said = self._last_line = ""
        self._stopped = False
        self._done = False

    @property
    def running(self) -> bool:
        return not self._done

    def start(self) -> None:
        """Start the child; the answer comes through the signals."""
        command = dying_with_studio(check_command(self.package, self.lms, self.html,
                                                  self.paths))
        self.process.start(command[0], command[1:])

    def cancel(self) -> None:
        """Stop the child at once (the twin keeps nothing worth waiting for)."""
        if self._done:
            return
        self._stopped = True
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
        else:
            self._finish()
            self.discard()
            self.cancelled.emit()

    def discard(self) -> None:
        """Forget the run's temporary folder (its HTML report)."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def _read_progress(self) -> None:
        text = self._pending + bytes(self.process.readAllStandardError()).decode(
            "utf-8", "replace")
        *lines, self._pending = re.split(r"[\r\n]", text)
        for line in lines:
            fraction, message = progress_line(line)
            if fraction is not None:
                self.progressed.emit(fraction, message)
            elif message.startswith(CLI_PREFIX):
                self._said = message  # the command's own word; the engine's chatter is not
            elif message:
                self._last_line = message

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._done:
            self._finish()
            self.discard()
            self.failed.emit(f"The LMS twin could not start: {self.process.errorString()}.")

    def _ended(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._done:
            return
        self._read_progress()
        self._pending += "\n"
        self._read_progress()  # a last line without its newline
        self._finish()
        if self._stopped:
            self.discard()
            self.cancelled.emit()
            return
        output = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        report = _report(output)
        if status == QProcess.ExitStatus.NormalExit and report is not None:
            html = self.html if self.html.is_file() else None
            self.finished.emit(TwinOutcome(report, code, html, self.folder))
            return
        why = (self._said or self._last_line
               or f"it stopped with exit code {code}").removeprefix(CLI_PREFIX).strip()
        self.discard()
        self.failed.emit(f"The LMS twin could not check the package: {why}")

    def _finish(self) -> None:
        self._done = True


def _report(output: str) -> dict | None:
    """The JSON report the child printed (the last JSON object on stdout), or None."""
    output = output.strip()
    start = output.find("{")
    if start < 0:
        return None
    try:
        report = json.loads(output[start:])
    except ValueError:
        return None
    return report if isinstance(report, dict) else None

"""The last resort of both faces: an unexpected exception becomes one sentence for the person
and a log file with the full traceback for whoever fixes it.

Expected failures are :class:`~studio.errors.StudioError` and never come here.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from studio import __version__
from studio.text import printable

APP_NAME = "studio"


def log_dir() -> Path:
    """The folder crash logs go to: the user's log directory of the platform (platformdirs:
    ``$XDG_STATE_HOME/studio/log`` on Linux, ``~/Library/Logs/studio`` on macOS,
    ``%LOCALAPPDATA%\\studio\\Logs`` on Windows). It is not created here."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class CrashReport:
    """An unexpected failure, written down: ``activity`` is what the studio was doing
    ("importing deck.pptx"), ``log`` the file holding the traceback (None when no file could
    be written anywhere) and ``details`` the text that went into it."""

    activity: str
    log: Path | None
    details: str

    @property
    def message(self) -> str:
        """The one line a person sees, in the CLI and in the window's dialog."""
        where = (f"details were written to {printable(str(self.log))}" if self.log
                 else "details could not be written to a log file")
        return f"studio: internal error while {printable(self.activity)}; {where}"


def report_crash(exc: BaseException, activity: str) -> CrashReport:
    """Write ``exc`` with its traceback, the studio's and Python's versions and the platform
    to a new file ``crash-YYYYmmdd-HHMMSS-PID.log`` under :func:`log_dir` (or the temporary
    folder when that cannot be written) and return the report. Raises nothing."""
    details = "".join([
        f"Course Studio {__version__}, Python {sys.version.split()[0]}, "
        f"{platform.platform()}\n",
        f"While {activity}:\n\n",
        *traceback.format_exception(exc),
    ])
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in (log_dir, lambda: Path(tempfile.gettempdir())):
        try:
            target = folder()
            target.mkdir(parents=True, exist_ok=True)
            path = target / name
            path.write_text(details, encoding="utf-8", errors="backslashreplace")
            return CrashReport(activity, path, details)
        except Exception:  # noqa: BLE001 (a crash report must not crash; try the next folder)
            continue
    return CrashReport(activity, None, details)

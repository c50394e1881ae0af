"""Handing a file or folder to the desktop (file manager, web browser), and saying so when
the desktop cannot take it: no failure is silent.

On Linux, Qt hands a local file to ``xdg-open`` and reports success as soon as that script
has started, even when it then finds no application (exit status 3 or 4 of the xdg-utils
manual). So there the script is run directly and its exit status is watched.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QUrl
from PySide6.QtGui import QDesktopServices

OPENER = "xdg-open"  # the freedesktop.org opener, when installed


def open_path(path: Path, failed: Callable[[str], None], message: str) -> bool:
    """Open ``path`` with the desktop's application for it; when none starts, call
    ``failed`` with ``message`` (which names the path), at once or when the opener gives up.
    Returns False when it is known at once that nothing opened."""
    opener = shutil.which(OPENER) if sys.platform.startswith("linux") else None
    if opener is None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        failed(message)
        return False
    process = QProcess(QCoreApplication.instance())  # outlives a dialog closed meanwhile

    def ended(code: int = 1, status: QProcess.ExitStatus = QProcess.ExitStatus.CrashExit
              ) -> None:
        process.deleteLater()
        if code != 0 or status != QProcess.ExitStatus.NormalExit:
            try:
                failed(message)
            except RuntimeError:  # whoever asked is gone (its window was closed)
                pass

    process.finished.connect(ended)
    process.errorOccurred.connect(
        lambda error: ended() if error == QProcess.ProcessError.FailedToStart else None)
    process.start(opener, [str(path)])
    return True

"""Handing a file or folder to the desktop (file manager, web browser), and saying so when
the desktop cannot take it: no failure is silent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_path(path: Path, failed: Callable[[str], None], message: str) -> bool:
    """Open ``path`` with the desktop's application for it; when none starts, call
    ``failed`` with ``message`` (which names the path). Returns whether it opened."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    failed(message)
    return False

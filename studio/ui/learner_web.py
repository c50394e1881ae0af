"""The learner preview's web page: Qt WebEngine on the LMS twin's page, its calls heard.

Importing this module loads Qt WebEngine (PySide6-Addons); :mod:`studio.ui.learner_preview`
imports it only when a preview opens, and falls back to the system browser when it cannot.
"""

from __future__ import annotations

import os

# Chromium refuses to start its sandbox as root (containers, CI); the preview shows only the
# course's own exported files, so it runs without one there.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import QEvent, QObject, QUrl, Signal  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from studio.ui.learner_lms import parse_call  # noqa: E402


class LmsPage(QWebEnginePage):
    """The twin's LMS page, whose reports on the launch's console channel arrive as
    :attr:`call_received` (an ApiCall)."""

    call_received = Signal(object)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None):
        super().__init__(profile, parent)
        self.channel = ""

    def launch(self, url: str, channel: str) -> None:
        """Load the twin page's ``url`` for a new learner whose calls come on ``channel``
        (lines of the page being left no longer count)."""
        self.channel = channel
        self.load(QUrl(url))

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        call = parse_call(self.channel, message) if self.channel else None
        if call is not None:
            self.call_received.emit(call)


class HostName(QObject):
    """The widget Qt WebEngine puts inside the view takes the keys, so a screen reader meets
    it instead of the view: it gets the view's name."""

    def eventFilter(self, view: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and isinstance(event.child(), QWidget):
            event.child().setAccessibleName(view.accessibleName())
        return False


def make_view(parent: QWidget) -> tuple[QWebEngineView, LmsPage]:
    """A web view on an off-the-record profile (nothing the page stores outlives it)."""
    view = QWebEngineView(parent)
    profile = QWebEngineProfile(view)  # no storage name: off the record
    page = LmsPage(profile, view)
    view.setPage(page)
    view.setAccessibleName("Course as the learner sees it")
    view.installEventFilter(HostName(view))
    return view, page

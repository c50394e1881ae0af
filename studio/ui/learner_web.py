"""The learner preview's web page: Qt WebEngine with the LMS run-time injected and heard.

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
from PySide6.QtWebEngineCore import (  # noqa: E402
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from studio.ui.learner_lms import new_channel, parse_call, runtime_script  # noqa: E402

SCRIPT_NAME = "studio-lms-runtime"


class LmsPage(QWebEnginePage):
    """A page whose top document gets the run-time before any of its own scripts run, and
    whose run-time reports arrive as :attr:`call_received` (an ApiCall)."""

    call_received = Signal(object)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None):
        super().__init__(profile, parent)
        self.channel = ""

    def launch(self, url: QUrl) -> None:
        """Load ``url`` as a new learner: a fresh run-time on a fresh channel."""
        self.channel = new_channel()  # lines from the page being left no longer count
        scripts = self.scripts()
        for old in scripts.find(SCRIPT_NAME):
            scripts.remove(old)
        script = QWebEngineScript()
        script.setName(SCRIPT_NAME)
        script.setSourceCode(runtime_script(self.channel))
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(False)
        scripts.insert(script)
        self.load(url)

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        call = parse_call(self.channel, message) if self.channel else None
        if call is not None:
            self.call_received.emit(call)


class _HostName(QObject):
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
    view.installEventFilter(_HostName(view))
    return view, page

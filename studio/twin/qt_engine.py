"""The studio's own browser engine for the twin: Qt WebEngine, with no window.

The only module outside studio/ui that imports Qt, and only QtCore, QtGui and
QtWebEngineCore (no widgets): a page without a view, on an off-the-record profile, driven by
a local event loop that asks the page every 100 ms whether it is done. Without a display
(no ``DISPLAY``/``WAYLAND_DISPLAY``) Qt runs on its ``offscreen`` platform. A
``QGuiApplication`` is made when the process has none; when it has one, the engine must run
on its thread (Qt WebEngine's pages live there).
"""

from __future__ import annotations

import os
import sys

from studio.errors import TwinError
from studio.twin.engine import DONE, RESULT, SO_FAR, Engine, journal_of, timed_out

POLL_MS = 100
UNTHROTTLED = ("--disable-background-timer-throttling", "--disable-renderer-backgrounding",
               "--disable-backgrounding-occluded-windows", "--log-level=3")
# Offscreen there is no GPU to find: looking for one only prints failures.
HEADLESS = ("--disable-gpu",)


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _prepare_environment() -> None:
    """Qt's platform and Chromium's flags, set before Qt starts: ``offscreen`` without a
    display (and no GPU probing there); no sandbox as root (Chromium refuses to start one
    there), as the learner preview does; no throttling of a hidden page's timers."""
    if not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # A page without a view is a background page to Chromium, whose timers it slows to one
    # per second: the scripted learner's thousand-item course then took minutes, not seconds.
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    wanted = UNTHROTTLED + (() if _has_display() else HEADLESS)
    flags += [f for f in wanted if f not in flags]
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


_prepare_environment()

from PySide6.QtCore import (  # noqa: E402 - Qt reads the environment set above
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QEventLoop,
    Qt,
    QThread,
    QTimer,
    QtMsgType,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWebEngineCore import (  # noqa: E402
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)


def _quiet(kind: QtMsgType, context, message: str) -> None:
    """Qt's message handler while the engine owns the application: critical and fatal
    messages reach stderr, debug, info and warnings are dropped."""
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)


class TwinPage(QWebEnginePage):
    """A page that plays media without a click and opens ``window.open`` targets as more
    pages of its profile (the new-window launch), kept until :meth:`close_windows`."""

    def __init__(self, profile: QWebEngineProfile) -> None:
        super().__init__(profile)
        self.windows: list[TwinPage] = []
        settings = self.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.PlaybackRequiresUserGesture, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, True)
        # without a view a page counts as hidden: timers would be throttled, media paused
        self.setVisible(True)

    def createWindow(self, kind: QWebEnginePage.WebWindowType) -> QWebEnginePage:  # noqa: N802
        """A new page for ``window.open``, kept with this one."""
        popup = TwinPage(self.profile())
        self.windows.append(popup)
        return popup

    def close_windows(self) -> None:
        """Free the pages ``window.open`` made."""
        for popup in self.windows:
            popup.close_windows()
            popup.deleteLater()
        self.windows.clear()


class QtEngine(Engine):
    """Qt WebEngine offscreen: the product default (the studio ships it, no browser to
    install). Qt WebEngine's pip build decodes no H.264; the scripted learner dispatches the
    media events of videos it cannot play."""

    name = "qt"

    def __init__(self) -> None:
        self._profile = None
        self._app = None

    def _start(self) -> QWebEngineProfile:
        app = QCoreApplication.instance()
        if app is None:
            # A command line, not the window: the engine's start-up warnings (no GPU, no
            # sandbox, no Vulkan) say nothing the user can act on.
            qInstallMessageHandler(_quiet)
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
            app = self._app = QGuiApplication(["studio-twin"])
        if QThread.currentThread() is not app.thread():
            raise TwinError("The Qt engine runs on the application's main thread.")
        if self._profile is None:
            self._profile = QWebEngineProfile()  # no storage name: off the record
        return self._profile

    def run(self, url: str, timeout_s: float) -> dict:
        """See :meth:`Engine.run`: the page is a visible-to-itself ``QWebEnginePage`` without a
        view (so timers and media run as in a shown tab), media may play without a click, and
        scripts may open the new-window launch."""
        page = TwinPage(self._start())
        loop = QEventLoop()
        state: dict = {"done": False, "result": None, "asked": False}
        clock = QElapsedTimer()
        clock.start()

        def answered(value) -> None:
            state["asked"] = False
            if value is True and not state["done"]:
                state["done"] = True
                page.runJavaScript(RESULT, 0, finished)

        def finished(value) -> None:
            state["result"] = value
            loop.quit()

        def ask() -> None:
            if state["done"]:
                return
            if clock.elapsed() > timeout_s * 1000:
                state["done"] = True
                page.runJavaScript(SO_FAR, 0, lambda so_far: (state.update(late=so_far),
                                                              loop.quit()))
                return
            if not state["asked"]:
                state["asked"] = True
                page.runJavaScript(DONE, 0, answered)

        timer = QTimer()
        timer.setInterval(POLL_MS)
        timer.timeout.connect(ask)
        timer.start()
        page.load(QUrl(url))
        loop.exec()
        timer.stop()
        page.close_windows()
        page.deleteLater()
        # Deletions are Qt's to run from an event loop; run them now, so no page outlives
        # the profile it was made with.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if "late" in state:
            return timed_out(state["late"], timeout_s)
        return journal_of(state["result"])

    def close(self) -> None:
        """Free the profile (its pages are gone already)."""
        if self._profile is not None:
            self._profile.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self._profile = None

"""Browser engines that load the twin's LMS page and hand back its journal.

An engine loads one URL (the twin's ``lms.html`` with a run's configuration), waits until the
page sets ``window.twinDone`` and returns ``window.twinResult`` (the journal of
:mod:`studio.twin.journal` as a dict). :class:`ChromiumEngine` drives Chromium through
Playwright (tests, ``--engine chromium``); :class:`studio.twin.qt_engine.QtEngine` drives the
studio's own Qt WebEngine and is the product default.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor

from studio.errors import TwinError

CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as the twin and the browser tests run it: no sandbox (containers run as
# root), no GPU, no background traffic, media may play without a click.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
# What the engines ask the page once it is done, or once time is up (journals come as JSON
# text: numbers and nesting survive every engine's bridge unchanged).
DONE = "window.twinDone === true"
RESULT = "JSON.stringify(window.twinResult)"
SO_FAR = "window.twinJournal ? JSON.stringify(window.twinJournal()) : null"


class Engine(ABC):
    """A browser engine the twin runs its LMS page in. Engines may keep a browser open
    between runs; :meth:`close` ends it (also on leaving a ``with`` block)."""

    name: str = ""

    @abstractmethod
    def run(self, url: str, timeout_s: float) -> dict:
        """Load ``url``, wait at most ``timeout_s`` seconds for ``window.twinDone`` and return
        ``window.twinResult``. When time runs out, the journal so far is returned with a
        problem saying so. Raises :class:`~studio.errors.TwinError` when the engine cannot
        start or the page leaves no journal."""

    def close(self) -> None:  # noqa: B027 - most engines have something to free, not all
        """Free the browser (nothing to do by default)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def journal_of(text: object) -> dict:
    """The journal the page answered (:data:`RESULT`, JSON text) as a dict. Raises
    :class:`TwinError` when it is no JSON object."""
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise TwinError("The LMS twin's page left no journal.")
    return value


def timed_out(so_far: object, timeout_s: float) -> dict:
    """The journal to return when a page did not finish within ``timeout_s`` seconds: what it
    had journalled (:data:`SO_FAR`, JSON text), with a problem saying the time ran out.
    Raises :class:`TwinError` when the page had no journal at all."""
    try:
        so_far = journal_of(so_far)
    except TwinError:
        raise TwinError(f"The LMS twin's page did not start within {timeout_s:.0f} s.") from None
    so_far.setdefault("problems", []).append(
        f"the path did not finish within {timeout_s:.0f} s")
    return so_far


class ChromiumEngine(Engine):
    """Headless Chromium (``executable``, /usr/bin/chromium by default) through Playwright,
    started on first use and kept for later runs. Playwright's synchronous API works on one
    thread that runs no other Playwright session, so every call goes to a thread of the
    engine's own: callers may use any thread, and a caller already driving Playwright (a
    test session) does not clash with it."""

    name = "chromium"

    def __init__(self, executable: str = CHROMIUM) -> None:
        self.executable = executable
        self._playwright = None
        self._browser = None
        self._worker: ThreadPoolExecutor | None = None

    def _call(self, fn, *args):
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="twin-chromium")
        return self._worker.submit(fn, *args).result()

    def _start(self):
        if self._browser is not None:
            return self._browser
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            raise TwinError("The Chromium engine needs Playwright (pip install playwright); "
                            "use the Qt engine instead.") from None
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            self._stop()
            raise TwinError(f"Chromium could not start ({str(exc).splitlines()[0]}).") from None
        return self._browser

    def run(self, url: str, timeout_s: float) -> dict:
        """See :meth:`Engine.run`; the page runs in a fresh browser context (640x480 CSS pixels)."""
        return self._call(self._run, url, timeout_s)

    def _run(self, url: str, timeout_s: float) -> dict:
        from playwright.sync_api import Error, TimeoutError

        context = self._start().new_context(viewport={"width": 640, "height": 480})
        try:
            page = context.new_page()
            page.goto(url)
            try:
                page.wait_for_function(DONE, timeout=timeout_s * 1000, polling=100)
            except TimeoutError:
                return timed_out(page.evaluate(SO_FAR), timeout_s)
            result = page.evaluate(RESULT)
        except Error as exc:
            raise TwinError(f"The LMS twin's page failed in Chromium "
                            f"({str(exc).splitlines()[0]}).") from None
        finally:
            context.close()
        return journal_of(result)

    def _stop(self) -> None:
        if self._browser is not None:
            try:
                self._browser.close()
            except Exception:  # noqa: BLE001 - a browser that already died needs no closing
                pass
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None

    def close(self) -> None:
        """Close the browser, Playwright and the engine's thread."""
        if self._worker is not None:
            self._worker.submit(self._stop).result()
            self._worker.shutdown()
            self._worker = None

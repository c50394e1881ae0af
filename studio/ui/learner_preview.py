"""Preview as learner: the course in a studio window, played in the LMS twin of the course's
chosen LMS, beside what that LMS receives and keeps.

The course is exported as a job, as the SCORM package its LMS gets (:mod:`studio.ui.learner_twin`:
the generic SCORM 2004 profile when the course names no LMS), and played in Qt WebEngine inside
the LMS twin's page in interactive mode (:mod:`studio.ui.learner_web`): scorm-again configured
as that LMS behaves. The side panel (:class:`~studio.ui.lms_panel.LmsPanel`) shows each call,
what the LMS kept of it and the twin's warnings so far. Where Qt WebEngine or the twin cannot be
used, the package's page opens in the system's browser with the player's local tracking; when
that fails too, the message gives its path. The window offers the whole course or any one
lesson. Its clips are rendered as WebM (VP9 and Opus), which Qt WebEngine decodes without the
proprietary codecs its pip build lacks; browsers play WebM too, so "Open in browser" shows the
same course.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, QUrlQuery
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.commands.publish import publish_settings
from studio.errors import MediaError, StudioError
from studio.export.package import MEDIA_FOLDER
from studio.media.ffmpeg import encoders, find_ffmpeg
from studio.media.ffmpeg_args import MP4, WEBM, WEBM_ENCODERS
from studio.model import Lesson, VideoClip
from studio.ui.learner_lms import MODELS, ApiCall, new_channel
from studio.ui.learner_twin import (
    FAULT_LABELS,
    PreviewLms,
    PreviewPackage,
    build_preview,
    preview_profile,
)
from studio.ui.lms_panel import LmsPanel
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

BROWSER_TRACKING = "local"  # in the system's browser there is no LMS: the player keeps it
# the player's exit, in the course's window inside the twin page (a frameset holds it one
# frame deeper)
LEAVE = """(function () {
  var frame = document.querySelector("#twin iframe");
  var win = frame && frame.contentWindow;
  if (win && !win.CoursePlayer && win.frames.length) { win = win.frames[0]; }
  if (win && win.CoursePlayer && win.CoursePlayer.app) { win.CoursePlayer.app.exit(); }
})()"""
JOURNAL = "window.twinJournal ? JSON.stringify(window.twinJournal()) : ''"
JOURNAL_MS = 250  # the kept values and warnings follow the calls within this
# what the engine is asked about, per render format: RFC 6381 codecs parameters of the
# renders' VP9 profile 0 + Opus, and of H.264 + AAC-LC
CODEC_TYPES = {WEBM: 'video/webm; codecs="vp09.00.10.08, opus"',
               MP4: 'video/mp4; codecs="avc1.42E01E, mp4a.40.2"'}


def video_format() -> str:
    """The render format for the preview: WEBM, which Qt WebEngine decodes, unless the ffmpeg
    in use lacks its encoders; then MP4 (and the window says the engine cannot play it)."""
    try:
        return WEBM if WEBM_ENCODERS <= encoders(find_ffmpeg().path) else MP4
    except MediaError:
        return MP4  # no ffmpeg at all: the export says so


def export_site(session: ProjectSession, site: Path, language: str = "") -> Job:
    """Export the course for the preview's LMS into ``site`` and unpack it (a job); its value
    is the :class:`~studio.ui.learner_twin.PreviewPackage`. The LMS is the course's chosen
    one (:func:`~studio.ui.learner_twin.preview_profile`); clips are rendered as
    :func:`video_format`, cached apart from the packages' MP4 renders; the package is in
    the target ``language`` ('' the course language)."""
    chosen = publish_settings(session.project).lms
    profile = preview_profile(chosen)
    recorded = profile.name == chosen
    video = video_format()

    def work(project, progress, token):
        site.mkdir(parents=True, exist_ok=True)
        return build_preview(project, profile, recorded, video, site, progress, token,
                             language)

    return session.start_job("Preview as learner", work)


def launch_url(page: Path, lesson_id: str, tracking: str | None) -> QUrl:
    """The site's page for one lesson (``lesson_id``; '' the whole course) with the player's
    tracking adapter ``tracking`` (None: the site's own)."""
    url = QUrl.fromLocalFile(str(page))
    query = QUrlQuery()
    if tracking:
        query.addQueryItem("tracking", tracking)
    if lesson_id:
        query.addQueryItem("unit", lesson_id)
    url.setQuery(query)
    return url


def load_web():
    """The Qt WebEngine half of the preview (:mod:`studio.ui.learner_web`); raises
    ImportError (or OSError) where Qt WebEngine cannot be loaded."""
    from studio.ui import learner_web

    return learner_web


class LearnerPreview(QMainWindow):
    """One preview: progress while the site is exported, then the course and the LMS panel."""

    def __init__(self, session: ProjectSession, job: Job, lesson_id: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.job = job
        self.page_path: Path | None = None
        self.package: PreviewPackage | None = None
        self.lms: PreviewLms | None = None
        self.view = self.page = None
        self.in_browser = False  # a browser may still read the site: keep it till quit
        course = session.course()
        self.setWindowTitle(f"{course.title} — preview as learner")
        self.resize(1280, 800)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Preview scope")
        self.scope.addItem("Whole course", "")
        for lesson in course.lessons():
            self.scope.addItem(f"Lesson: {lesson.title}", lesson.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(lesson_id)))
        self.scope.currentIndexChanged.connect(lambda _i: self.restart())
        self.fault = QComboBox(self)
        self.fault.setAccessibleName("Simulate tracking")
        self.fault.setToolTip("Play the course as its LMS behaves, or as an LMS that fails, "
                              "to see what the learner is told")
        for fault, label in FAULT_LABELS.items():
            self.fault.addItem(label, fault)
        self.fault.currentIndexChanged.connect(lambda _i: self.restart())
        self.browser = QPushButton("Open in browser", self)
        self.browser.setToolTip("Open the exported site in the system's web browser")
        self.browser.clicked.connect(self.open_in_browser)
        self.browser.setEnabled(False)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        top = QHBoxLayout()
        show = QLabel("&Show:", self)
        show.setBuddy(self.scope)
        top.addWidget(show)
        top.addWidget(self.scope, 1)
        simulate = QLabel("Simulate &tracking:", self)
        simulate.setBuddy(self.fault)
        top.addWidget(simulate)
        top.addWidget(self.fault)
        top.addWidget(self.browser)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._progress_page())
        self.panel = LmsPanel(self)
        self.panel.restart_requested.connect(self.restart)
        self.panel.leave_requested.connect(self.leave)
        self.panel.restart.setEnabled(False)
        self.panel.leave.setEnabled(False)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.stack)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setSizes([860, 420])
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)
        self.setCentralWidget(body)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self.show_site)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self._journal_soon = QTimer(self)
        self._journal_soon.setSingleShot(True)
        self._journal_soon.setInterval(JOURNAL_MS)
        self._journal_soon.timeout.connect(self._ask_journal)
        job.ended.connect(self._job_ended)
        session.destroyed.connect(self.close)  # the project closed, or the studio did

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        self.status = QLabel("Preparing the preview…", page)
        self.bar = QProgressBar(page)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Export progress")
        self.cancel = QPushButton("Cancel", page)
        self.cancel.clicked.connect(self.job.cancel)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _job_ended(self) -> None:
        self.job = None  # the runner deletes it

    @property
    def lesson_id(self) -> str:
        return self.scope.currentData() or ""

    def _progressed(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if message:
            self.status.setText(f"Preparing the preview: {message}")

    def _failed(self, _message: str) -> None:
        self.close()  # the session has shown the message

    def _cancelled(self) -> None:
        self.session.notice.emit("Preview as learner cancelled.")
        self.close()

    # ---- showing the site --------------------------------------------------------------------
    def show_site(self, package: PreviewPackage) -> None:
        """Play the exported ``package`` in the studio, in its LMS's twin, or in the browser
        when Qt WebEngine or the twin cannot be started."""
        self.package = package
        self.page_path = package.launch_file
        self.browser.setEnabled(True)
        try:
            self.lms = PreviewLms(package)
        except (StudioError, OSError) as exc:
            self.fallback(f"the LMS twin cannot start ({getattr(exc, 'message', exc)})")
            return
        try:
            web = load_web()
            self.view, self.page = web.make_view(self)
        except (ImportError, OSError, RuntimeError) as exc:
            self.fallback(f"Qt WebEngine is not available ({exc})")
            return
        profile, twin = package.profile, package.twin
        model = MODELS[twin.standard]
        edition = f"{model.label} {twin.edition} Edition" if twin.edition else model.label
        self.panel.show_lms(profile.label, f"{profile.label} ({profile.name} "
                            f"{profile.version}), {edition}", model, self.lms.suspend_limit)
        self.page.call_received.connect(self._call)
        self.page.loadFinished.connect(self._loaded)
        self.page.renderProcessTerminated.connect(self._engine_stopped)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.panel.restart.setEnabled(True)
        self.restart()

    def restart(self) -> None:
        """Launch the chosen lesson or course again as a new learner (an LMS that has kept
        nothing yet)."""
        if self.page is None or self.lms is None:
            return
        self._journal_soon.stop()
        self.panel.reset()
        self.panel.leave.setEnabled(True)
        self.note.hide()
        channel = new_channel()
        self.page.launch(self.lms.launch_url(self.lesson_id, channel,
                                             self.fault.currentData()), channel)

    def leave(self) -> None:
        """End the session as a learner closing the course does (the player's exit: its
        state, exit and session time, then Terminate)."""
        if self.page is not None:
            self.page.runJavaScript(LEAVE, 0)

    def _call(self, call: ApiCall) -> None:
        if self.page is not None:
            self.panel.add_call(call)
            if not self._journal_soon.isActive():
                self._journal_soon.start()

    def _ask_journal(self) -> None:
        if self.page is not None:
            self.page.runJavaScript(JOURNAL, 0, self._journal)

    def _journal(self, text: object) -> None:
        """The twin's journal so far: what the LMS kept, and the warnings it raises."""
        if self.page is None or self.lms is None or not isinstance(text, str) or not text:
            return
        try:
            journal = json.loads(text)
            launches = journal.get("launches") or []
            found = self.lms.warnings(journal)
        except (ValueError, KeyError, TypeError, AttributeError):
            return  # a journal half written as the page changes: the next one will do
        if launches:
            self.panel.show_kept(launches[-1].get("kept") or {})
        self.panel.show_warnings([(w.message, w.failure) for w in found])

    def _loaded(self, ok: bool) -> None:
        if self.page is None:  # closing
            return
        # Tab in reading order: the course, then the panel (the engine's own widget, made
        # when the view is first shown, would come last)
        for inner in (self.view, *self.view.findChildren(QWidget)):
            QWidget.setTabOrder(self.browser, inner)
        if not ok:
            if not self.panel.record.calls:  # it never started: nothing of it to lose
                self.fallback("the page could not be loaded in the studio")
            return
        self._journal_soon.start()  # the package's own warnings, before any call
        if self._shows_video():
            probe = f"document.createElement('video').canPlayType('{self._codec_type()}')"
            self.page.runJavaScript(probe, 0, self._codec_answer)

    def _engine_stopped(self, status, code: int) -> None:
        from PySide6.QtWebEngineCore import QWebEnginePage

        if self.page is not None and \
                status != QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            self.fallback(f"the web engine stopped (exit code {code})")

    def _shows_video(self) -> bool:
        lesson_id = self.lesson_id
        return any(isinstance(item, VideoClip) for lesson in self.session.course().lessons()
                   if not lesson_id or lesson.id == lesson_id for item in lesson.items)

    def _codec_type(self) -> str:
        """The MIME type of the site's renders (WebM unless the export fell back to MP4)."""
        media = self.page_path.parent / MEDIA_FOLDER
        return CODEC_TYPES[WEBM if any(media.glob(f"*.{WEBM}")) else MP4]

    def _codec_answer(self, answer: object) -> None:
        if not answer and self.page is not None:
            self.note.setText("The built-in preview cannot play these videos (Qt WebEngine "
                              "lacks their codecs); “Open in browser” plays them.")
            self.note.show()

    # ---- the browser -------------------------------------------------------------------------
    def open_in_browser(self) -> bool:
        """Open the site in the system's browser (its own local tracking, no LMS); the site's
        path is shown either way, since a browser that starts can still fail to show it.
        Returns whether the desktop started something."""
        if self.page_path is None:
            return False
        self.in_browser = True
        if QDesktopServices.openUrl(launch_url(self.page_path, self.lesson_id,
                                               BROWSER_TRACKING)):
            self.note.setText(f"Asked the web browser to open {self.page_path}; if none "
                              "appears, open that file by hand.")
            self.note.show()
            return True
        self.session.failed.emit(f"No web browser started. Open {self.page_path} in a browser "
                                 "to preview the course.")
        return False

    def fallback(self, reason: str) -> None:
        """The studio cannot show the site: open it in the browser and say so with the site's
        path, or, when no browser starts, close with a message that gives the path."""
        self.in_browser = True
        if not QDesktopServices.openUrl(launch_url(self.page_path, self.lesson_id,
                                                   BROWSER_TRACKING)):
            self.session.failed.emit(
                f"The learner preview cannot be shown: {reason}, and no web browser started. "
                f"Open {self.page_path} in a browser to preview the course.")
            self.close()
            return
        self.stack.setCurrentIndex(0)  # the message, not a page that failed
        self.panel.restart.setEnabled(False)
        self.panel.leave.setEnabled(False)
        self.bar.hide()
        self.cancel.hide()
        self.status.setWordWrap(True)
        self.status.setText(f"The preview cannot be shown here: {reason}. It was handed to the "
                            f"web browser; if none appears, open {self.page_path} by hand.")
        self.session.notice.emit(f"Opened the preview in the web browser: {self.page_path}")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
        if self.page is not None:
            self.page.deleteLater()  # before its profile, which goes with this window
            self.page = None
        if self.lms is not None:
            self.lms.close()
            self.lms = None
        if self.page_path is not None and not self.in_browser:
            shutil.rmtree(self.page_path.parent.parent, ignore_errors=True)
        super().closeEvent(event)


def selected_lesson(session: ProjectSession) -> str:
    """The id of the lesson the selection is in ('' when a module or nothing is selected)."""
    node = session.find(session.selected)
    if isinstance(node, Lesson):
        return node.id
    return getattr(node, "lesson_id", None) or ""

"""The studio window: outline and media bin, preview and inspector, the lesson timeline.

It assembles the panels around one :class:`~studio.ui.session.ProjectSession` and owns the
menus, the toolbar, the status bar with running jobs, and the one place where refusals and
failures become dialogs.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from studio.changes import ChangeSet
from studio.errors import StudioError
from studio.export.exporter import export_course
from studio.export.formats import available_formats
from studio.export.package import ExportOptions
from studio.model import Lesson, VideoClip
from studio.store import Project
from studio.ui.course_settings import CourseSettingsDialog
from studio.ui.export_dialog import ExportDialog
from studio.ui.inspector import Inspector
from studio.ui.media_bin import MediaBin
from studio.ui.media_previews import MediaPreviews
from studio.ui.outline import OutlinePanel
from studio.ui.playhead import PlayheadLink
from studio.ui.preview import PreviewPane
from studio.ui.session import ProjectSession
from studio.ui.settings import app_settings, recent_projects, remember_project
from studio.ui.status import JobStatus
from studio.ui.timeline.view import TimelineView
from studio.ui.welcome import WelcomePage
from studio.ui.workers import Job, JobRunner

SHORTCUTS = ("Timeline keys: Space play/pause from the playhead · J/K/L shuttle · "
             "Alt+←/→ one frame · Home/End lesson start/end · "
             "I/O set in/out at the playhead · S split · "
             "Delete remove · ←/→ nudge the out point (Shift: in point, Ctrl: 1 s) · "
             "Ctrl+wheel or +/− zoom · drag an edge to trim, a block to reorder")


class MainWindow(QMainWindow):
    def __init__(self, runner: JobRunner | None = None):
        super().__init__()
        self.runner = runner or JobRunner(self)
        self.session: ProjectSession | None = None
        self.errors: list[str] = []  # every message shown, newest last
        self._preview_sites: list[Path] = []  # temporary learner previews, removed on close
        self.setWindowTitle("Course Studio")
        self.resize(1360, 840)
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.welcome.open_requested.connect(self.open_project)
        self.welcome.new_requested.connect(self.new_project)
        self.welcome.browse_requested.connect(self.choose_project)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.job_status = JobStatus(self.runner, self)
        self.statusBar().addPermanentWidget(self.job_status)
        self._build_actions()
        self._update_actions()
        geometry = app_settings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    # ---- actions ---------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "", needs_project=True
                ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setProperty("needs_project", needs_project)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_action = a("&New course…", self.new_project, QKeySequence.StandardKey.New,
                            needs_project=False)
        self.open_action = a("&Open…", self.choose_project, QKeySequence.StandardKey.Open,
                             needs_project=False)
        self.save_action = a("&Mark as saved", self.mark_saved, QKeySequence.StandardKey.Save,
                             "Every edit is already on disk; this marks the version as saved")
        self.settings_action = a("Course &settings…", self.course_settings)
        self.export_action = a("&Export…", self.export, "Ctrl+E")
        self.learner_action = a("Preview as &learner", self.preview_as_learner, "Ctrl+P",
                                "Export a preview and open it in the web browser")
        self.undo_action = a("&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = a("&Redo", self.redo, QKeySequence.StandardKey.Redo)
        self.rename_action = a("Re&name", lambda: self.outline.rename_selected(), "F2")
        self.remove_action = a("&Remove", lambda: self.outline.remove_selected())
        self.import_action = a("&Import media…", lambda: self.media_bin.choose_files(),
                               "Ctrl+I")
        self.deck_action = a("Import &PowerPoint deck…", self.choose_deck, tip=
                             "Slides of a .pptx into the selected lesson (or a new lesson)")
        self.add_module_action = a("Add &module", lambda: self.outline.add_module())
        self.add_lesson_action = a("Add &lesson", lambda: self.outline.add_lesson(), "Ctrl+L")
        self.add_page_action = a("Add &page", lambda: self.outline.add_page())
        self.add_quiz_action = a("Add &quiz", lambda: self.outline.add_quiz())
        self.split_action = a("&Split at playhead", lambda: self.timeline.split_at_playhead())
        self.render_action = a("&Render clip for the web", self.render_selected)
        quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit, needs_project=False)
        menu = self.menuBar().addMenu("&File")
        for action in (self.new_action, self.open_action):
            menu.addAction(action)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        for action in (self.save_action, self.settings_action, self.learner_action,
                       self.export_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        menu = self.menuBar().addMenu("&Edit")
        for action in (self.undo_action, self.redo_action, self.rename_action,
                       self.remove_action):
            menu.addAction(action)
        menu = self.menuBar().addMenu("&Insert")
        for action in (self.import_action, self.deck_action, self.add_module_action,
                       self.add_lesson_action, self.add_page_action, self.add_quiz_action):
            menu.addAction(action)
        menu = self.menuBar().addMenu("&Timeline")
        menu.addAction(self.split_action)
        menu.addAction(self.render_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a("Keyboard shortcuts", lambda: QMessageBox.information(
            self, "Keyboard shortcuts", SHORTCUTS), needs_project=False))
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.undo_action, self.redo_action, None, self.import_action,
                       self.add_lesson_action, self.split_action, None, self.learner_action,
                       self.export_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_projects():
            self.recent_menu.addAction(str(path), lambda p=path: self.open_project(p))
        self.recent_menu.setEnabled(bool(recent_projects()))

    def _update_actions(self, changes: ChangeSet | None = None) -> None:
        open_ = self.session is not None
        for action in self.findChildren(QAction):
            if action.property("needs_project"):
                action.setEnabled(open_)
        if not open_:
            self.setWindowTitle("Course Studio")
            return
        history = self.session.project.history
        undo, redo = history.undo_name(), history.redo_name()
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        if changes is None or changes.course:
            self.setWindowTitle(f"{self.session.course().title}[*] — Course Studio")
        self.setWindowModified(self.session.project.dirty)

    # ---- projects --------------------------------------------------------------------------
    def open_project(self, path: Path | str) -> bool:
        try:
            project = Project.open(Path(path))
        except StudioError as exc:
            self.show_error(exc.message)
            return False
        self.set_project(project)
        return True

    def set_project(self, project: Project) -> None:
        self.close_project()
        session = ProjectSession(project, self.runner, self)
        self.session = session
        self.previews = MediaPreviews(project.media_dir, self, project.cache_dir)
        self.outline = OutlinePanel(session)
        self.media_bin = MediaBin(session, self.previews)
        self.timeline = TimelineView(session, self.previews)
        self.preview = PreviewPane(session, self.previews)
        self.inspector = Inspector(session)
        self.timeline.files_dropped.connect(
            lambda paths, lesson: self.media_bin.import_paths(paths, lesson or None))
        self.timeline.playhead_moved.connect(self._playhead_moved)
        self.playhead_link = PlayheadLink(session, self.timeline, self.preview, self.timeline)
        session.failed.connect(self.show_error)
        session.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        session.changed.connect(self._update_actions)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.outline)
        left.addWidget(self.media_bin)
        left.setSizes([520, 280])
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.preview)
        top.addWidget(self.inspector)
        top.setSizes([640, 360])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(self.timeline)
        right.setSizes([560, 200])
        workspace = QSplitter(Qt.Orientation.Horizontal)
        workspace.addWidget(left)
        workspace.addWidget(right)
        workspace.setSizes([340, 1020])
        self.workspace = workspace
        self.stack.addWidget(workspace)
        self.stack.setCurrentWidget(workspace)
        remember_project(project.path)
        first = next((les for les in session.course().lessons()), None)
        if first is not None:
            session.select(first.id)
        self._update_actions()
        self.statusBar().showMessage(f"Opened {project.path}", 4000)

    def close_project(self) -> None:
        if self.session is None:
            return
        self.previews.wait()
        self.previews.ready.disconnect()  # pictures still queued must not reach the panels
        self.preview.video.decoder.stop()
        self.session.close()
        self.stack.removeWidget(self.workspace)
        self.workspace.deleteLater()
        self.session.deleteLater()
        self.session = None
        self._update_actions()

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a course project (.course folder)")
        if folder:
            self.open_project(folder)

    def new_project(self) -> None:
        folder, _ = QFileDialog.getSaveFileName(self, "New course project", "",
                                                "Course projects (*.course)")
        if not folder:
            return
        title, ok = QInputDialog.getText(self, "New course", "Course title:",
                                         text=Path(folder).stem)
        if not ok:
            return
        path = Path(folder if folder.endswith(".course") else folder + ".course")
        try:
            self.set_project(Project.create(path, title))
        except StudioError as exc:
            self.show_error(exc.message)

    # ---- edits and jobs --------------------------------------------------------------------
    def undo(self) -> None:
        if self.session:
            self.session.undo()

    def redo(self) -> None:
        if self.session:
            self.session.redo()

    def mark_saved(self) -> None:
        self.session.run(lambda project: project.mark_saved())
        self._update_actions()

    def course_settings(self) -> None:
        CourseSettingsDialog(self.session, self).exec()

    def export(self) -> ExportDialog:
        dialog = ExportDialog(self.session, self)
        dialog.open()
        return dialog

    def choose_deck(self) -> Job | None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a PowerPoint deck", "",
                                              "PowerPoint decks (*.pptx)")
        if not path:
            return None
        node = self.session.find(self.session.selected)
        lesson_id = node.id if isinstance(node, Lesson) else getattr(node, "lesson_id", None)
        return self.media_bin.import_paths([Path(path)], lesson_id)

    def _playhead_moved(self, lesson_time: float) -> None:
        box = self.timeline.clip_at_playhead()
        source_time = box.source_time(lesson_time) if box else None
        self.inspector.playhead_source_time = source_time

    def render_selected(self) -> Job | None:
        item = self.session.find(self.session.selected)
        if not isinstance(item, VideoClip):
            self.show_error("Select a video clip to render it.")
            return None
        item_id = item.id

        def work(project, progress, token):
            from studio.media.render import render_clip  # ffmpeg tooling loads when first used

            course = project.course()
            return render_clip(course, course.find(item_id), project.media_dir,
                               project.cache_dir, progress=progress, token=token)

        job = self.session.start_job(f"Render {item.title}", work)
        job.succeeded.connect(lambda path: self.statusBar().showMessage(
            f"Rendered {item.title}: {path.name}", 6000))
        return job

    def preview_as_learner(self, open_browser: bool = True) -> Job:
        """Export the course as an HTML5 site into a temporary folder and open it in the
        system's browser (the site works from file://; progress is kept in the browser).

        Installations without the HTML5 format fall back to an unpacked SCORM 2004 package.
        """
        fmt = "html" if "html" in available_formats() else "scorm2004"
        site = Path(tempfile.mkdtemp(prefix="course-studio-preview-")) / "site"
        self._preview_sites.append(site.parent)

        def work(project, progress, token):
            package = site.with_suffix(".zip")
            export_course(project, ExportOptions(format=fmt, sco_per_lesson=False,
                                                 include_schemas=False), package, progress, token)
            with zipfile.ZipFile(package) as archive:
                archive.extractall(site)
            package.unlink()
            return site / "index.html"

        job = self.session.start_job("Preview as learner", work)
        if open_browser:
            job.succeeded.connect(
                lambda page: QDesktopServices.openUrl(QUrl.fromLocalFile(str(page))))
        return job

    # ---- errors and closing ----------------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Every refusal and failure ends here, as a dialog that does not block the window."""
        self.errors.append(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "Course Studio", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        app_settings().setValue("window/geometry", self.saveGeometry())
        self.close_project()
        self.runner.cancel_all()
        self.runner.wait()
        for folder in self._preview_sites:  # the browser has read what it needed by now
            shutil.rmtree(folder, ignore_errors=True)
        super().closeEvent(event)

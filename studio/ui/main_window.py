"""The studio window: outline and media bin, preview and inspector, the lesson timeline.

It assembles the panels around one :class:`~studio.ui.session.ProjectSession` and owns the
menus, the toolbar, the status bar with running jobs, and the one place where refusals and
failures become dialogs.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from studio.changes import ChangeSet
from studio.errors import StudioError
from studio.model import Lesson, VideoClip
from studio.store import Project
from studio.ui.a11y_window import accessibility_actions, accessibility_tab
from studio.ui.course_build import build_actions, new_course_from, update_build_actions
from studio.ui.course_settings import CourseSettingsDialog
from studio.ui.export_dialog import ExportDialog
from studio.ui.help import HelpWindows
from studio.ui.inspector import Inspector
from studio.ui.learner_preview import LearnerPreview, export_site, selected_lesson
from studio.ui.media_bin import MediaBin
from studio.ui.media_previews import MediaPreviews
from studio.ui.narration_captions import CaptionFollower
from studio.ui.narration_window import narration_actions, narration_side
from studio.ui.new_course import NewCourseDialog, start_sample_job
from studio.ui.outline import OutlinePanel
from studio.ui.panels import PanelCycle, panel_actions
from studio.ui.playhead import PlayheadLink
from studio.ui.preview import PreviewPane
from studio.ui.saving import CloseGuard, save_copy_as
from studio.ui.session import ProjectSession
from studio.ui.settings import app_settings, remember_project
from studio.ui.shortcuts import keys
from studio.ui.status import JobStatus, SaveStatus, show_notice
from studio.ui.theme_editor import ThemeEditor
from studio.ui.timeline.view import TimelineView
from studio.ui.translation_window import preview_language, translation_actions, translation_tab
from studio.ui.welcome import WelcomePage, fill_recent_menu
from studio.ui.workers import Job, JobRunner
from studio.ui.xray_window import xray_actions, xray_tab

UNDO_TEXT_CHARS = 36  # an edit's name in the Undo/Redo labels; the tooltip has it whole


def elided(name: str) -> str:
    """An edit's name short enough for a menu and the toolbar ("Rename 'Week 1 — a very…'")."""
    return name if len(name) <= UNDO_TEXT_CHARS else name[:UNDO_TEXT_CHARS - 1].rstrip() + "…"


class MainWindow(QMainWindow):
    def __init__(self, runner: JobRunner | None = None):
        super().__init__()
        self.runner = runner or JobRunner(self)
        self.session: ProjectSession | None = None
        self.panels: PanelCycle | None = None  # F6 order, while a course is open
        self.errors: list[str] = []  # every message shown, newest last
        self._preview_sites: list[Path] = []  # temporary learner previews, removed on close
        self.setWindowTitle("Course Studio")
        self.resize(1360, 840)
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.welcome.open_requested.connect(self.open_project)
        self.welcome.new_requested.connect(self.new_project)
        self.welcome.browse_requested.connect(self.choose_project)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.build_requested.connect(lambda: new_course_from(self))
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.job_status = JobStatus(self.runner, self)
        self.statusBar().addPermanentWidget(self.job_status)
        self.save_status = SaveStatus(self.runner, self)
        self.statusBar().addPermanentWidget(self.save_status)
        self.close_guard = CloseGuard(self, self.runner)
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
        self.new_action = a("&New course…", self.new_project, keys("new"),
                            needs_project=False)
        self.open_action = a("&Open…", self.choose_project, keys("open"),
                             needs_project=False)
        self.copy_action = a("Save a &copy as…", lambda: save_copy_as(self, self.session),
                             keys("save_copy"), "Write a copy of the course to a new .course "
                             "folder; this window keeps editing the original")
        self.settings_action = a("Course &settings…", self.course_settings, keys("settings"))
        self.theme_action = a("&Brand and theme…", self.brand_and_theme, keys("theme"),
                              "The course's colours, fonts and logo, with the player previewed")
        self.export_action = a("&Export…", self.export, keys("export"))
        self.twin_action = a("Check in LMS &twin…", lambda: self.export().check_in_twin(),
                             keys("twin_check"), "Replay learners against a local copy of the "
                             "chosen LMS and see what it will record")
        self.learner_action = a("Preview as &learner", self.preview_as_learner, keys("learner"),
                                "See the course as a learner does, and what an LMS receives")
        self.undo_action = a("&Undo", self.undo, keys("undo"))
        self.redo_action = a("&Redo", self.redo, keys("redo"))
        self.rename_action = a("Re&name", lambda: self.outline.rename_selected(), keys("rename"))
        self.remove_action = a("Re&move", lambda: self.outline.remove_selected(), keys("remove"))
        self.import_action = a("&Import media…", lambda: self.media_bin.choose_files(),
                               keys("import"))
        self.add_media_action = a("Add bin media to l&esson",
                                  lambda: self.media_bin.add_to_lesson(), keys("add_to_lesson"),
                                  "Add the media selected in the bin after the selection")
        self.deck_action = a("Import PowerPoint &deck…", self.choose_deck, keys("deck"), tip=
                             "Slides of a .pptx into the selected lesson (or a new lesson)")
        self.add_module_action = a("Add &module", lambda: self.outline.add_module(),
                                   keys("add_module"))
        self.add_lesson_action = a("Add &lesson", lambda: self.outline.add_lesson(),
                                   keys("add_lesson"))
        self.add_page_action = a("Add &page", lambda: self.outline.add_page(), keys("add_page"))
        self.add_quiz_action = a("Add &quiz", lambda: self.outline.add_quiz(), keys("add_quiz"))
        self.split_action = a("&Split at playhead", lambda: self.timeline.split_at_playhead(),
                              keys("split"))
        self.render_action = a("&Render clip for the web", self.render_selected, keys("render"))
        quit_action = a("&Quit", self.close, keys("quit"), needs_project=False)
        menu = self.menuBar().addMenu("&File")
        build_actions(self)
        for action in (self.new_action, self.build_action, self.open_action):
            menu.addAction(action)
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        for action in (self.rebuild_action, self.write_spec_action, self.copy_action,
                       self.settings_action, self.theme_action, self.learner_action,
                       self.export_action, self.twin_action, self.job_status.cancel_action):
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
        menu.insertAction(self.deck_action, self.add_media_action)
        menu = self.menuBar().addMenu("&Timeline")
        menu.addAction(self.split_action)
        menu.addAction(self.render_action)
        # The timeline handles S itself while it has the focus; elsewhere S is typing
        self.split_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # Delete belongs to the outline (added to it per project), the timeline keeps its own
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        narration_actions(self, self.menuBar().addMenu("&Narration"))
        translation_actions(self, self.menuBar().addMenu("T&ranslation"))
        accessibility_actions(self, self.menuBar().addMenu("&Accessibility"))
        xray_actions(self, self.menuBar().addMenu("X-ra&y"))
        panel_actions(self, self.menuBar().addMenu("&View"))
        help_menu = self.menuBar().addMenu("&Help")
        self.help = HelpWindows(self)
        for text, slot, name in (("&Getting started", self.help.guide, "guide"),
                                 ("&Keyboard shortcuts", self.help.shortcuts, "shortcuts"),
                                 ("&About Course Studio", self.help.about, "about")):
            help_menu.addAction(a(text, slot, keys(name), needs_project=False))
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.undo_action, self.redo_action, None, self.import_action,
                       self.add_lesson_action, self.split_action, None, self.learner_action,
                       self.export_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)

    def _fill_recent(self) -> None:
        fill_recent_menu(self.recent_menu, self.open_project)

    def _update_actions(self, changes: ChangeSet | None = None) -> None:
        open_ = self.session is not None
        for action in self.findChildren(QAction):
            if action.property("needs_project"):
                action.setEnabled(open_)
        update_build_actions(self)
        if not open_:
            self.setWindowTitle("Course Studio")
            return
        history = self.session.project.history
        undo, redo = history.undo_name(), history.redo_name()
        for action, verb, name in ((self.undo_action, "&Undo", undo),
                                   (self.redo_action, "&Redo", redo)):
            action.setText(f"{verb} {elided(name)}" if name else verb)
            action.setToolTip(f"{verb.replace('&', '')} {name}" if name else "")
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        if changes is None or changes.course:  # edits are saved as made: no modified mark
            self.setWindowTitle(f"{self.session.course().title} — Course Studio")

    # ---- projects --------------------------------------------------------------------------
    def _still_writing(self) -> bool:
        """True (and says so) while a job writes to the open project: switching courses
        would cut it short."""
        unfinished = self.close_guard.unfinished() if self.session else []
        if unfinished:
            self.show_error(f"“{unfinished[0].name}” is still writing to this course: let it "
                            "finish, or cancel it in the status bar, before opening another.")
        return bool(unfinished)

    def open_project(self, path: Path | str) -> bool:
        if self._still_writing():
            return False
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
        self.side, self.narration = narration_side(session, self.inspector)
        self.translation = translation_tab(self)
        self.accessibility = accessibility_tab(self)
        self.xray = xray_tab(self)
        self.outline.addAction(self.remove_action)
        self.media_bin.connect_panels(self.timeline, self.outline, self.preview)
        self.timeline.playhead_moved.connect(self._playhead_moved)
        self.playhead_link = PlayheadLink(session, self.timeline, self.preview, self.timeline)
        self.captions = CaptionFollower(session, self.timeline, self.preview)
        session.failed.connect(self.show_error)
        session.notice.connect(lambda text: show_notice(
            self.statusBar(), text, (self.job_status, self.save_status)))
        session.changed.connect(self._update_actions)
        self.save_status.watch(session)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.outline)
        left.addWidget(self.media_bin)
        left.setSizes([520, 280])
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.preview)
        top.addWidget(self.side)
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
        self.panels = PanelCycle(self, [(self.outline, self.outline.tree),
                                        (self.media_bin, self.media_bin.view),
                                        (self.preview, None), (self.side, None),
                                        (self.timeline, self.timeline)])
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
        self.accessibility.close_course()
        self.preview.video.decoder.stop()
        self.session.close()
        self.stack.removeWidget(self.workspace)
        self.workspace.deleteLater()
        self.session.deleteLater()
        self.session = None
        self.panels = None
        self.save_status.watch(None)
        self._update_actions()

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a course project (.course folder)")
        if folder:
            self.open_project(folder)

    def new_project(self) -> NewCourseDialog:
        """Ask for a title and a folder in one dialog; the course opens when it is accepted."""
        dialog = NewCourseDialog(self)
        dialog.chosen.connect(self._create_project)
        dialog.open()
        return dialog

    def _create_project(self, path: Path, title: str) -> None:
        if self._still_writing():
            return
        try:
            self.set_project(Project.create(path, title))
        except StudioError as exc:
            self.show_error(exc.message)

    def open_sample(self, folder: Path | None = None) -> Job:
        """Build the sample course into ``folder`` (the documents folder by default) as a
        job, then open it."""
        job = start_sample_job(self.runner, folder)
        job.succeeded.connect(self.open_project)
        job.failed.connect(self.show_error)
        return job

    # ---- edits and jobs --------------------------------------------------------------------
    def undo(self) -> None:
        if self.session:
            self.session.undo()

    def redo(self) -> None:
        if self.session:
            self.session.redo()

    def course_settings(self) -> None:
        CourseSettingsDialog(self.session, self).exec()

    def brand_and_theme(self) -> ThemeEditor:
        dialog = ThemeEditor(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

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
        """Export the course as an HTML5 site into a temporary folder and, unless told not
        to, open the learner preview window on it (the selected lesson, or the course)."""
        folder = Path(tempfile.mkdtemp(prefix="course-studio-preview-"))
        self._preview_sites.append(folder)
        job = export_site(self.session, folder / "site", preview_language(self))
        if open_browser:
            self.learner_window = LearnerPreview(self.session, job,
                                                 selected_lesson(self.session), self)
            self.learner_window.show()
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
        if not self.close_guard.may_close():  # a job still writes: asked, decided later
            event.ignore()
            return
        app_settings().setValue("window/geometry", self.saveGeometry())
        self.close_project()
        self.runner.cancel_all()
        self.runner.wait()
        for folder in self._preview_sites:  # the browser has read what it needed by now
            shutil.rmtree(folder, ignore_errors=True)
        super().closeEvent(event)

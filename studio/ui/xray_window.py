"""Where X-ray meets the window: the X-ray tab beside Properties, the X-ray menu (show the tab,
load learner data, show or hide it on the timeline), the funnel in the lesson inspector, and
"Edit question" bringing the question forward in its editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from studio.model import Lesson, Quiz
from studio.ui.cue_panel import ID_ROLE, CuePanel
from studio.ui.menu_actions import course_actions
from studio.ui.shortcuts import keys
from studio.ui.xray_fixes import Fix
from studio.ui.xray_funnel import LessonFunnel
from studio.ui.xray_load import LoadLearnerData
from studio.ui.xray_panel import XRayPanel
from studio.ui.xray_state import XRayHolder


def xray_tab(window) -> XRayPanel:
    """The X-ray panel as the next tab of ``window.side``; measures the cached learner data
    of the course as it opens (a job), and keeps the lesson inspector's funnel current."""
    panel = XRayPanel(window.session)
    index = window.side.addTab(panel, "X-ray")
    window.side.setTabToolTip(index, "What learners did: drop-offs, flagged questions, "
                                     f"cold segments ({keys('xray').toString()})")
    panel.edit_requested.connect(lambda fix: edit_question(window, fix))
    panel.load_requested.connect(lambda: load_learner_data(window))
    holder = XRayHolder.of(window.session)
    holder.changed.connect(lambda: _refresh_funnel(window))
    holder.changed.connect(lambda: window.xray_shown_action.setChecked(holder.shown))
    holder.measure()
    return panel


def lesson_funnel(session, node) -> QWidget | None:
    """The funnel for the inspector, when the node is a lesson and learner data exist."""
    xray = XRayHolder.of(session).xray
    return LessonFunnel(xray, node.id) if isinstance(node, Lesson) and xray else None


def _refresh_funnel(window) -> None:
    inspector = window.inspector
    if isinstance(window.session.find(inspector.shown), Lesson):
        inspector.rebuild(force=True)


def show_xray(window) -> XRayPanel | None:
    """Bring the X-ray tab forward and put the focus in its list."""
    panel = getattr(window, "xray", None)
    if window.session is None or panel is None:
        return None
    window.side.setCurrentWidget(panel)
    panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return panel


def load_learner_data(window) -> LoadLearnerData | None:
    """Open the Load learner data dialog (not modal: the window stays usable)."""
    if window.session is None:
        return None
    dialog = LoadLearnerData(window.session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: show_xray(window))
    dialog.open()
    window.xray_dialog = dialog
    return dialog


def edit_question(window, fix: Fix) -> QWidget | None:
    """Select the question's quiz or clip and open the question in its editor: a quiz's
    question becomes the current one in the inspector's quiz editor; a question asked at a
    cue point opens in the question dialog."""
    session, inspector = window.session, window.inspector
    node = session.find(fix.item_id)
    if node is None:
        window.show_error("That question's item is no longer in the course.")
        return None
    if isinstance(node, Quiz):
        inspector.current_question = fix.question_id
        session.select(node.id)
    else:
        session.select_cue(node.id, fix.cue_id)
    window.side.setCurrentWidget(inspector)
    inspector.rebuild()
    if isinstance(node, Quiz):
        editor = getattr(inspector, "quiz_editor", None)
        dialog = editor.edit_dialog(fix.question_id) if editor is not None else None
        if dialog is None:
            return None
        editor.select(fix.question_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: editor.save(dialog))
        dialog.open()  # not exec(): the window stays live while the question is edited
        return dialog
    cues = inspector.findChild(CuePanel)
    if cues is None:
        return None
    cues.focus_cue(fix.cue_id)
    for row in range(cues.questions.count()):
        if cues.questions.item(row).data(ID_ROLE) == fix.question_id:
            cues.questions.setCurrentRow(row)
    return cues.edit_question()


def xray_actions(window, menu) -> list[QAction]:
    """The X-ray menu's actions; they act on the window's open course."""
    made = course_actions(window, menu, (
        ("&X-ray panel", "xray", lambda: show_xray(window),
         "What learners did: drop-offs, flagged questions, cold segments, with fixes"),
        ("&Load learner data…", "xray_load", lambda: load_learner_data(window),
         "Read statements from an LRS, a statements file or an LMS interactions report")))
    shown = QAction("&Show on the timeline", window)
    shown.setCheckable(True)
    shown.setChecked(True)
    shown.setShortcut(keys("xray_timeline"))
    shown.setStatusTip("The heat strip under each clip and the question badges at the cues")
    shown.setProperty("needs_project", True)
    shown.toggled.connect(lambda on: window.session is not None
                          and XRayHolder.of(window.session).set_shown(on))
    menu.addAction(shown)
    made.append(shown)
    window.xray_shown_action = shown
    return made

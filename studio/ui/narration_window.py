"""Where narration meets the window: the Properties / Narration tabs beside the preview, and
the Narration menu (show the panel, re-voice the selected item, the glossary)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from studio.ui.menu_actions import course_actions
from studio.ui.narration_panel import NarrationPanel
from studio.ui.session import ProjectSession


def narration_side(session: ProjectSession, inspector: QWidget
                   ) -> tuple[QTabWidget, NarrationPanel]:
    """The inspector and a new narration panel as two tabs (Properties first)."""
    tabs = QTabWidget()
    tabs.setAccessibleName("Properties and narration")
    tabs.setDocumentMode(True)
    tabs.tabBar().setAccessibleName("Properties or narration")
    # F6 and Tab land in the page shown, not on the tabs: Ctrl+Shift+N (Narration menu) and
    # Ctrl+Tab inside the pages switch them from the keyboard
    tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    panel = NarrationPanel(session)
    tabs.addTab(inspector, "Properties")
    tabs.addTab(panel, "Narration")
    tabs.setTabToolTip(1, "Script, voice and sentences of the selected item (Ctrl+Shift+N)")
    return tabs, panel


def show_narration(window) -> NarrationPanel | None:
    """Bring the narration panel forward and put the focus in it (the script when shown)."""
    panel = getattr(window, "narration", None)
    if window.session is None or panel is None:
        return None
    window.side.setCurrentWidget(panel)
    panel.rebuild()
    target = panel.script if panel.item is not None else panel
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return panel


def narration_actions(window, menu) -> list[QAction]:
    """The Narration menu's actions; they act on the window's open course."""
    return course_actions(window, menu, (
        ("&Narration panel", "narration", lambda: show_narration(window),
         "Script, voice and sentences of the selected slide, page or clip"),
        ("&Re-voice selected item", "revoice",
         lambda: show_narration(window) and window.narration.revoice(),
         "Synthesise the selected slide's or page's narration again (changed sentences)"),
        ("&Glossary…", "glossary",
         lambda: window.session is not None and window.narration.open_glossary(),
         "How words are pronounced in every narration of the course")))

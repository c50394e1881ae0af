"""Where accessibility meets the window: the Accessibility tab beside Properties, Narration
and Translation, and the Accessibility menu (show the panel, run the full check)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from studio.ui.a11y_panel import AccessibilityPanel
from studio.ui.menu_actions import course_actions
from studio.ui.shortcuts import keys


def accessibility_tab(window) -> AccessibilityPanel:
    """An accessibility panel as the next tab of ``window.side``; "Go to item" brings the
    inspector forward on the item."""
    panel = AccessibilityPanel(window.session)
    index = window.side.addTab(panel, "Accessibility")
    window.side.setTabToolTip(index, "What keeps the course from WCAG 2.2 AA, by criterion "
                                     f"({keys('accessibility').toString()})")
    window.side.setAccessibleName("Properties, narration, translation and accessibility")
    panel.went_to.connect(lambda _item_id: _inspect(window))
    return panel


def _inspect(window) -> None:
    """The inspector forward, the focus in its first field once it shows the item."""
    window.side.setCurrentWidget(window.inspector)
    window.inspector.rebuild()  # now, not after this signal: the field to focus is its new one
    _first_field(window.inspector).setFocus(Qt.FocusReason.OtherFocusReason)


def _first_field(inspector) -> QWidget:
    page = inspector.widget()
    widget = page.nextInFocusChain() if page is not None else inspector
    while page is not None and widget is not page:
        if page.isAncestorOf(widget) and widget.isVisibleTo(page) \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return widget
        widget = widget.nextInFocusChain()
    return inspector


def show_accessibility(window) -> AccessibilityPanel | None:
    """Bring the accessibility tab forward and put the focus in its list."""
    panel = getattr(window, "accessibility", None)
    if window.session is None or panel is None:
        return None
    window.side.setCurrentWidget(panel)
    panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return panel


def accessibility_actions(window, menu) -> list[QAction]:
    """The Accessibility menu's actions; they act on the window's open course."""
    return course_actions(window, menu, (
        ("&Accessibility panel", "accessibility", lambda: show_accessibility(window),
         "What keeps the course from WCAG 2.2 AA, with a way to each item"),
        ("Run &full check", "a11y_check",
         lambda: show_accessibility(window) and window.accessibility.run_full_check(),
         "Check the exported player in every state and the rendered media too")))

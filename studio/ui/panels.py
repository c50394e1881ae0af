"""Moving between the window's panels by keyboard.

F6 and Shift+F6 (keys from :mod:`studio.ui.shortcuts`) put the focus in the next or previous
panel, in reading order: outline, media bin, preview, inspector, timeline. Tab reaches them
too, but a panel whose arrows and letters are its own keys (the timeline) is left most
surely with F6. Each panel's main widget gets a :class:`~studio.ui.focus.FocusFrame`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from studio.ui.focus import FocusFrame, show_focus
from studio.ui.shortcuts import keys


def _takes_tab(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


class PanelCycle:
    """The window's panels in order, each with the widget that takes the focus in it."""

    def __init__(self, window: QWidget, panels: list[tuple[QWidget, QWidget | None]]):
        """``panels``: (panel, its main widget or None for the panel's first Tab stop)."""
        self.window, self.panels = window, panels
        self.frames: list[FocusFrame] = show_focus(*(main for _panel, main in panels if main))

    def current(self) -> int:
        """The index of the panel holding the focus, -1 when none does."""
        focused = QApplication.focusWidget()
        for index, (panel, _main) in enumerate(self.panels):
            if focused is not None and (focused is panel or panel.isAncestorOf(focused)):
                return index
        return -1

    def entry(self, index: int) -> QWidget:
        """Where the focus lands in panel ``index``."""
        panel, main = self.panels[index]
        if main is not None and _takes_tab(main):
            return main
        widget = panel.nextInFocusChain()
        while widget is not panel:
            if panel.isAncestorOf(widget) and _takes_tab(widget):
                return widget
            widget = widget.nextInFocusChain()
        return panel

    def move(self, step: int) -> QWidget:
        """Focus the panel ``step`` panels on (1 next, -1 previous), wrapping around."""
        now = self.current()
        start = now if now >= 0 else (-1 if step > 0 else 0)
        target = self.entry((start + step) % len(self.panels))
        target.setFocus(Qt.FocusReason.TabFocusReason if step > 0
                        else Qt.FocusReason.BacktabFocusReason)
        return target


def panel_actions(window, menu) -> tuple[QAction, QAction]:
    """The Next panel / Previous panel actions (F6, Shift+F6) in ``menu``; they act on the
    window's ``panels`` (a :class:`PanelCycle`, None while no course is open)."""
    made = []
    for text, name, step in (("Ne&xt panel", "next_panel", 1),
                             ("Pre&vious panel", "previous_panel", -1)):
        action = QAction(text, window)
        action.setShortcut(keys(name))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty("needs_project", True)
        action.triggered.connect(
            lambda _checked=False, s=step: window.panels is not None and window.panels.move(s))
        menu.addAction(action)
        made.append(action)
    return made[0], made[1]

"""Menu actions that act on the window's open course, built from (text, shortcut name, slot,
status tip) rows: the one place such an action is made."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction

from studio.ui.shortcuts import keys


def course_actions(window, menu, rows: Iterable[tuple[str, str, Callable[[], object], str]]
                   ) -> list[QAction]:
    """One action per row, added to ``menu`` in order: its key from the shortcut table,
    enabled only while a course is open (``needs_project``)."""
    made = []
    for text, name, slot, tip in rows:
        action = QAction(text, window)
        action.setShortcut(keys(name))
        action.setStatusTip(tip)
        action.setProperty("needs_project", True)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
        made.append(action)
    return made

"""What a screen reader and a keyboard user meet in a window or a dialog: the controls
without a name, the Tab order, and the dialogs a trigger opens."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QMainWindow,
    QWidget,
)


def _internal(widget: QWidget) -> bool:
    """Parts of a compound control (a spin box's or an editable combo box's line edit) that a
    screen reader reaches through the control itself."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def unnamed_controls(top: QWidget) -> list[str]:
    """Every visible control that takes focus but has no accessible name (what Qt hands to a
    screen reader: the accessible name, the visible text, or the label that is its buddy)."""
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if (not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus
                or _internal(widget)):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            holder = widget.parentWidget()
            missing.append(f"{type(widget).__name__} '{widget.objectName()}' in "
                           f"{type(holder).__name__ if holder else '-'}")
    return missing


def focus_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, starting from the window."""
    seen, widget = [], top.nextInFocusChain()
    while widget is not top and widget not in seen:
        seen.append(widget)
        widget = widget.nextInFocusChain()
    return [w for w in seen if w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def tab_stops(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits inside ``top`` (a dialog or a panel), in order, parts of
    compound controls left out."""
    return [w for w in focus_chain(top) if (w is top or top.isAncestorOf(w)) and not _internal(w)]


def tab_order_problems(top: QWidget) -> list[str]:
    """Where Tab leaves reading order (row by row, left to right within a row): a stop whose
    middle is above the top of the stop before it, or left of it on the same row."""
    problems = []
    stops = tab_stops(top)
    for before, after in zip(stops, stops[1:], strict=False):
        middle = after.mapTo(top, after.rect().center())
        first = before.mapTo(top, before.rect().topLeft())
        last = before.mapTo(top, before.rect().bottomLeft())
        if middle.y() < first.y() - 2:
            problems.append(f"Tab goes up from {_named(before)} to {_named(after)}")
        elif middle.y() <= last.y() and after.mapTo(top, after.rect().topRight()).x() \
                <= first.x():
            problems.append(f"Tab goes left from {_named(before)} to {_named(after)}")
    return problems


def _named(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    name = face.text(QAccessible.Text.Name) if face is not None else ""
    return f"{type(widget).__name__} '{name}'"


def audit(top: QWidget) -> list[str]:
    """Every problem of a dialog or window: no title, unnamed controls, Tab order."""
    title = [] if top.windowTitle().strip() else [f"{type(top).__name__} has no title"]
    return title + unnamed_controls(top) + tab_order_problems(top)


def opened_by(qtbot, trigger, check, timeout: int = 20000):
    """Run ``trigger`` (which may block in ``exec()``), and call ``check(dialog)`` on the
    first new visible top-level window it opens; the window is then closed. Returns what
    ``check`` returned."""
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    found: dict = {}

    def look() -> None:
        if "result" in found:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and id(widget) not in before \
                    and isinstance(widget, QDialog | QMainWindow):
                timer.stop()
                found["result"] = check(widget)
                if isinstance(widget, QDialog):
                    widget.reject()
                else:
                    widget.close()
                return

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(look)
    timer.start()
    found["returned"] = trigger()
    qtbot.waitUntil(lambda: "result" in found, timeout=timeout)
    timer.stop()
    return found["result"]

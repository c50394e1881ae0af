"""Visible keyboard focus on widgets whose own painting shows none.

Qt's Fusion style draws no focus indication on a graphics view, a list or a tree. A
:class:`FocusFrame` is a mouse-transparent child laid over such a widget that draws a 2 px
frame in the palette's highlight colour while the widget (or a child of it) has the focus,
so it follows the light and dark palettes of :mod:`studio.ui.theme` without a stylesheet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

FRAME_PX = 2.0  # the frame's width in logical pixels


def has_focus_within(widget: QWidget) -> bool:
    """Whether the focus is on ``widget`` or on a widget inside it."""
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def selection_colour(palette: QPalette, focused: bool) -> QColor:
    """The outline colour of a selected item: the highlight while its view has the focus,
    a muted highlight otherwise (the selection is kept but the keys go elsewhere)."""
    colour = QColor(palette.color(QPalette.ColorRole.Highlight))
    if not focused:
        colour.setAlphaF(0.45)
    return colour


class FocusFrame(QWidget):
    """A frame over ``target`` that is drawn while the focus is within it."""

    def __init__(self, target: QWidget):
        super().__init__(target)
        self.target = target
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.target.rect())
            self.raise_()
        return False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        target = self.target
        if any(w is not None and (w is target or target.isAncestorOf(w)) for w in (old, new)):
            self.update()
            viewport = getattr(target, "viewport", None)
            if viewport is not None:  # a view that draws its selection by the focus too
                viewport().update()

    def paintEvent(self, event) -> None:
        if not has_focus_within(self.target):
            return
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FRAME_PX)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = FRAME_PX / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))


def show_focus(*widgets: QWidget) -> list[FocusFrame]:
    """Give each widget a focus frame; the frames live as long as their widgets."""
    return [FocusFrame(widget) for widget in widgets]

"""Placeholder text painted in an empty panel: what to do first, with its shortcut."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


def paint_hint(widget: QWidget, text: str, area: QRect | None = None) -> None:
    """Paint ``text`` in the placeholder colour, centred and wrapped, in ``area`` of the
    widget (default: all of it less a margin)."""
    painter = QPainter(widget)
    painter.setPen(widget.palette().color(widget.palette().ColorRole.PlaceholderText))
    painter.drawText(area or widget.rect().adjusted(12, 12, -12, -12),
                     Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()

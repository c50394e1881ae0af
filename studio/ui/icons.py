"""Icons drawn in code at every device pixel ratio, so they stay sharp on high-DPI screens."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from studio.ui.timeline.items import KIND_COLORS

GLYPHS = {"module": "▦", "lesson": "▤", "video": "▶", "slide": "▭", "quiz": "?", "page": "¶",
          "audio": "♪", "image": "▭"}
COLORS = {**KIND_COLORS, "module": "#5c6b7a", "lesson": "#7a8a99", "audio": "#3da5c9",
          "image": KIND_COLORS["slide"]}


def _glyph_pixmap(glyph: str, color: str, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size / 5, size / 5)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return pixmap


@cache
def kind_icon(kind: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        for ratio in (1.0, 2.0):
            icon.addPixmap(_glyph_pixmap(GLYPHS.get(kind, "•"), COLORS.get(kind, "#888"),
                                         size, ratio))
    return icon

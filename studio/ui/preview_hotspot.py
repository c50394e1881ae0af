"""A hotspot question's picture in the quiz preview: the learner clicks a region to pick it
(or unpick it); the regions stay hidden, as in the player, until the answer is judged, when
the right ones show in green and wrong picks in red. The region list beside it (check boxes
by label) is the keyboard's way to answer and stays in step with the clicks."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from studio.ui.hotspot_canvas import CHOSEN, RIGHT, WRONG, paint_regions, region_contains

WIDTH = 420  # pixels: the widest the preview draws a hotspot picture


class HotspotPicture(QWidget):
    """The picture the learner clicks; ``clicked`` gives the id of the region hit (the
    topmost one), nothing when the click is on no region."""

    clicked = Signal(str)

    def __init__(self, regions: list[dict], alt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.regions = regions
        self.image = QImage()
        self.picked: set[str] = set()
        self.judged = False
        self.setAccessibleName(alt or "Hotspot picture")
        self.setToolTip(alt)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(WIDTH, WIDTH * 3 // 4)

    def set_image(self, image: QImage) -> None:
        self.image = image
        if not image.isNull():
            self.setFixedSize(WIDTH, max(1, round(WIDTH * image.height() / image.width())))
        self.update()

    def frame(self) -> QRectF:
        return QRectF(self.rect())

    def point_of(self, x: float, y: float) -> QPointF:
        """The widget point at fractions (x, y) of the picture."""
        frame = self.frame()
        return QPointF(frame.x() + x * frame.width(), frame.y() + y * frame.height())

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.judged or event.button() != Qt.MouseButton.LeftButton:
            return
        for region in reversed(self.regions):
            if region_contains(region, self.frame(), event.position()):
                self.clicked.emit(region["id"])
                return

    def show_picks(self, picked: set[str]) -> None:
        self.picked = set(picked)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.image.isNull():
            painter.fillRect(self.rect(), QColor("#e0e0e0"))
        else:
            painter.drawImage(self.frame(), self.image)
        if self.judged:
            shown = [r for r in self.regions if r.get("correct") or r["id"] in self.picked]
            paint_regions(painter, self.frame(), shown,
                          lambda _n, r: RIGHT if r.get("correct") else WRONG)
        else:
            shown = [r for r in self.regions if r["id"] in self.picked]
            paint_regions(painter, self.frame(), shown, lambda _n, _r: CHOSEN)
        painter.setPen(QPen(QColor("#888888"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

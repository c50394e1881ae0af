"""What the timeline draws: the ruler, clips with their filmstrip and waveform, markers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studio.ui.focus import has_focus_within, selection_colour
from studio.ui.timeline.logic import Box, duration_text, ruler_step, timecode

LEFT = 16.0  # pixels before time zero
RULER_H = 26.0
TRACK_Y = RULER_H + 10
TRACK_H = 96.0
TITLE_H = 18.0
WAVE_H = 22.0
KIND_COLORS = {"video": "#3d7bd9", "slide": "#d98a3d", "quiz": "#8f5bd6", "page": "#3da58a"}


def kind_color(kind: str) -> QColor:
    return QColor(KIND_COLORS.get(kind, "#888888"))


class RulerItem(QGraphicsItem):
    def __init__(self, length: float, pps: float, palette: QPalette):
        super().__init__()
        self.length, self.pps, self.palette = length, pps, palette
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, LEFT * 2 + self.length * self.pps, RULER_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, self.palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QPen(self.palette.color(QPalette.ColorRole.Mid), 0))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        step = ruler_step(self.pps)
        minor = step / 5
        painter.setFont(QFont(painter.font().family(), 8))
        text = self.palette.color(QPalette.ColorRole.Text)
        # only the ticks in the exposed part: a long lesson has tens of thousands
        exposed = option.exposedRect if option is not None else rect
        first = max(0, int((exposed.left() - LEFT) / self.pps / minor) - 1)
        last = min(int(self.length / minor) + 2,
                   int((exposed.right() - LEFT) / self.pps / minor) + 2)
        for n in range(first, last):
            t = n * minor
            x = LEFT + t * self.pps
            major = n % 5 == 0
            painter.setPen(QPen(text if major else self.palette.color(QPalette.ColorRole.Mid), 0))
            painter.drawLine(QPointF(x, RULER_H - (10 if major else 5)), QPointF(x, RULER_H))
            if major:
                painter.drawText(QPointF(x + 3, RULER_H - 12), timecode(t, precise=step < 1))


class ClipItem(QGraphicsItem):
    """A video clip or a slide: a block as long as it plays."""

    def __init__(self, box: Box, pps: float, palette: QPalette):
        super().__init__()
        self.box, self.pps, self.palette = box, pps, palette
        self.selected = False
        self.thumbnail: QPixmap | None = None  # slide picture, or a video's first frame
        self.filmstrip: list[QPixmap] = []
        self.peaks: list[float] = []  # 0..1 audio levels across the clip
        self.preview_range: tuple[float, float] | None = None  # (in, out) while trimming
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.setZValue(1)
        self.setToolTip(f"{box.title}\n{duration_text(box.duration)}")

    def width(self) -> float:
        duration = self.box.duration
        if self.preview_range:
            duration = self.preview_range[1] - self.preview_range[0]
        return max(2.0, duration * self.pps)

    def left(self) -> float:
        return LEFT + self.box.start * self.pps

    def boundingRect(self) -> QRectF:
        return QRectF(self.left() - 1, TRACK_Y - 1, self.width() + 2, TRACK_H + 2)

    def set_preview(self, in_point: float, out_point: float) -> None:
        self.prepareGeometryChange()
        self.preview_range = (in_point, out_point)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        rect = QRectF(self.left(), TRACK_Y, self.width(), TRACK_H)
        color = kind_color(self.box.kind)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(rect, 4, 4)
        painter.fillPath(path, color.darker(160))
        painter.save()
        painter.setClipPath(path)
        body = QRectF(rect.left(), rect.top() + TITLE_H, rect.width(),
                      TRACK_H - TITLE_H - (WAVE_H if self.box.kind == "video" else 0))
        # a ten-minute clip is thousands of pixels wide: draw only the part on screen
        exposed = option.exposedRect if option is not None else rect
        span = (max(rect.left(), exposed.left() - 2), min(rect.right(), exposed.right() + 2))
        self._paint_pictures(painter, body, span)
        if self.box.kind == "video":
            self._paint_wave(painter, QRectF(rect.left(), body.bottom(), rect.width(), WAVE_H),
                             span)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), TITLE_H), color)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(rect.left() + 5, rect.top(), rect.width() - 8, TITLE_H),
                         Qt.AlignmentFlag.AlignVCenter, self.box.title)
        painter.restore()
        focused = widget is not None and has_focus_within(widget.parentWidget() or widget)
        pen = QPen(selection_colour(self.palette, focused) if self.selected
                   else color.darker(200), (3 if focused else 2.5) if self.selected else 1)
        painter.setPen(pen)
        painter.drawPath(path)
        if self.box.trimmable:  # the trim handles
            painter.fillRect(QRectF(rect.right() - 4, rect.top() + TITLE_H, 3, 20), QColor("white"))
            if self.box.kind == "video":
                painter.fillRect(QRectF(rect.left() + 1, rect.top() + TITLE_H, 3, 20),
                                 QColor("white"))

    def _paint_pictures(self, painter: QPainter, body: QRectF, span: tuple[float, float]
                        ) -> None:
        frames = self.filmstrip or ([self.thumbnail] if self.thumbnail else [])
        if not frames:
            # no picture yet: film perforations, so the block still reads as media
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(255, 255, 255, 40)))
            x = body.left() + 4 + max(0, int((span[0] - body.left()) / 10)) * 10
            while x < min(body.right(), span[1]):
                painter.drawRect(QRectF(x, body.top() + 3, 5, 4))
                painter.drawRect(QRectF(x, body.bottom() - 7, 5, 4))
                x += 10
            return
        tile_h = body.height()
        first = frames[0]
        tile_w = max(8.0, tile_h * first.width() / max(1, first.height()))
        n = max(0, int((span[0] - body.left()) / tile_w))
        x = body.left() + n * tile_w
        while x < min(body.right(), span[1]):
            frame = frames[min(len(frames) - 1, int(n * len(frames) * tile_w / body.width()))]
            painter.drawPixmap(QRectF(x, body.top(), tile_w, tile_h), frame,
                               QRectF(frame.rect()))
            x += tile_w
            n += 1

    def _paint_wave(self, painter: QPainter, area: QRectF, span: tuple[float, float]) -> None:
        painter.fillRect(area, QColor(0, 0, 0, 70))
        middle = area.center().y()
        painter.setPen(QPen(QColor(140, 220, 160), 1))
        if not self.peaks:
            painter.drawLine(QPointF(area.left(), middle), QPointF(area.right(), middle))
            return
        count = max(1, int(area.width() / 2))
        for n in range(max(0, int((span[0] - area.left()) / 2)),
                       min(count, int((span[1] - area.left()) / 2) + 1)):
            level = self.peaks[min(len(self.peaks) - 1, n * len(self.peaks) // count)]
            half = max(0.5, level * (area.height() / 2 - 1))
            x = area.left() + n * 2
            painter.drawLine(QPointF(x, middle - half), QPointF(x, middle + half))


class MarkerItem(QGraphicsItem):
    """A quiz or a page: something that happens at a point in time."""

    def __init__(self, x: float, label: str, kind: str, selected: bool = False):
        super().__init__()
        self.x, self.label, self.kind, self.selected = x, label, kind, selected
        self.setZValue(2)
        self.setToolTip(label)

    def boundingRect(self) -> QRectF:
        return QRectF(self.x - 8, TRACK_Y - 2, 140, TRACK_H + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = kind_color(self.kind)
        painter.setPen(QPen(color.darker(130) if not self.selected else QColor("white"),
                            3 if self.selected else 2))
        painter.drawLine(QPointF(self.x, TRACK_Y), QPointF(self.x, TRACK_Y + TRACK_H))
        flag = QPainterPath()
        flag.addRoundedRect(QRectF(self.x, TRACK_Y, 18, 18), 3, 3)
        painter.fillPath(flag, color)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(self.x, TRACK_Y, 18, 18), Qt.AlignmentFlag.AlignCenter,
                         "?" if self.kind == "quiz" else "¶")


CUE_Y = TRACK_Y + TITLE_H + 10  # the middle of the lane where cue points sit on a clip
CUE_HIT = 10.0  # pixels above and below CUE_Y (and either side) that grab a cue point
CUE_COLOR = "#f2c744"


class CueItem(QGraphicsItem):
    """A cue point on its clip: a diamond with the cue's title, and a line down the clip."""

    def __init__(self, x: float, title: str, count: int, selected: bool = False,
                 label_right: float = float("inf")):
        super().__init__()
        self.x, self.title, self.selected = x, title or "Cue point", selected
        self.label_right = label_right  # the title stops before the clip's end or next cue
        self.setZValue(4)
        self.setToolTip(f"{self.title} ({count} question(s)); drag to move, Delete removes")

    def move_to(self, x: float) -> None:
        """Show the cue at another x while it is dragged."""
        self.prepareGeometryChange()
        self.x = x
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self.x - 9, TRACK_Y + TITLE_H, 150, TRACK_H - TITLE_H)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(CUE_COLOR)
        painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(self.x, CUE_Y), QPointF(self.x, TRACK_Y + TRACK_H))
        size = 8 if self.selected else 6
        painter.setBrush(color)
        painter.setPen(QPen(QColor("white") if self.selected else color.darker(170),
                            2 if self.selected else 1))
        painter.drawPolygon([QPointF(self.x, CUE_Y - size), QPointF(self.x + size, CUE_Y),
                             QPointF(self.x, CUE_Y + size), QPointF(self.x - size, CUE_Y)])
        painter.setFont(QFont(painter.font().family(), 8))
        room = min(120.0, self.label_right - self.x - size - 11)
        if room < 24:
            return
        label = painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight,
                                                 int(room))
        box = QRectF(self.x + size + 3, CUE_Y - 8, painter.fontMetrics().horizontalAdvance(label)
                     + 8, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


class ReadoutItem(QGraphicsItem):
    """A floating label beside a dragged edge: where the edge is and how long the clip is."""

    def __init__(self) -> None:
        super().__init__()
        self.text, self.x, self.left_of = "", 0.0, False
        self.font = QFont()
        self.font.setPointSize(9)
        self.setZValue(11)
        self.setVisible(False)

    def show_at(self, x: float, text: str, left_of: bool) -> None:
        """Show ``text`` beside scene x (to its left when ``left_of``)."""
        self.prepareGeometryChange()
        self.x, self.text, self.left_of = x, text, left_of
        self.setVisible(True)
        self.update()

    def _rect(self) -> QRectF:
        width = QFontMetricsF(self.font).horizontalAdvance(self.text) + 14
        left = self.x - width - 6 if self.left_of else self.x + 6
        return QRectF(max(0.0, left), TRACK_Y + TITLE_H + 24, width, 20)

    def boundingRect(self) -> QRectF:
        return self._rect().adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font)
        rect = self._rect()
        painter.setPen(QPen(QColor("#f2c744"), 1))
        painter.setBrush(QColor(20, 20, 20, 220))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)


class PlayheadItem(QGraphicsItem):
    def __init__(self, height: float):
        super().__init__()
        self.height = height
        self.setZValue(10)

    def boundingRect(self) -> QRectF:
        return QRectF(-6, 0, 12, self.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        red = QColor("#e0453a")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(red, 1.5))
        painter.drawLine(QPointF(0, 0), QPointF(0, self.height))
        painter.setBrush(red)
        painter.drawPolygon([QPointF(-6, 0), QPointF(6, 0), QPointF(0, 8)])


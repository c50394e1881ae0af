"""Hotspot regions as the window draws them: their shapes over a picture drawn at any size,
hit tests, moves kept on the picture, pictures read off the window's thread, and the canvas
on which the editor draws, selects, moves and removes regions with the mouse and keys.

Coordinates are fractions of the picture's width and height (0..1): rect ``[x, y, w, h]``,
circle ``[cx, cy, r]`` (r a fraction of the width), polygon ``[x1, y1, x2, y2, ...]``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, QRectF, QRunnable, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QImageReader, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

MIN_DRAG = 4  # pixels: a shorter drag is a click, not a region
MAX_SIDE = 2048  # pixels: a picture is read no larger than this
RIGHT, WRONG, CHOSEN = QColor("#2e7d32"), QColor("#c62828"), QColor("#1565c0")


def clamp(value: float) -> float:
    """``value`` kept within 0..1."""
    return min(1.0, max(0.0, value))


def region_path(region: dict, frame: QRectF) -> QPolygonF | QRectF | tuple[QPointF, float]:
    """A region's shape in widget pixels over the picture's ``frame``: a QRectF, a
    (centre, radius) pair or a QPolygonF."""
    c = region["coords"]
    if region["shape"] == "rect":
        return QRectF(frame.x() + c[0] * frame.width(), frame.y() + c[1] * frame.height(),
                      c[2] * frame.width(), c[3] * frame.height())
    if region["shape"] == "circle":
        return (QPointF(frame.x() + c[0] * frame.width(), frame.y() + c[1] * frame.height()),
                c[2] * frame.width())
    return QPolygonF([QPointF(frame.x() + c[n] * frame.width(),
                              frame.y() + c[n + 1] * frame.height())
                      for n in range(0, len(c) - 1, 2)])


def region_bounds(region: dict, frame: QRectF) -> QRectF:
    """The rectangle around a region drawn over ``frame``, in widget pixels."""
    shape = region_path(region, frame)
    if isinstance(shape, QRectF):
        return shape
    if isinstance(shape, tuple):
        centre, radius = shape
        return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    return shape.boundingRect()


def region_contains(region: dict, frame: QRectF, point: QPointF) -> bool:
    """Whether a widget point lies in a region drawn over ``frame``."""
    shape = region_path(region, frame)
    if isinstance(shape, QRectF):
        return shape.contains(point)
    if isinstance(shape, tuple):
        centre, radius = shape
        return math.hypot(point.x() - centre.x(), point.y() - centre.y()) <= radius
    return shape.containsPoint(point, Qt.FillRule.OddEvenFill)


def paint_regions(painter: QPainter, frame: QRectF, regions: list[dict],
                  colour_of) -> None:
    """Draw regions over the picture's ``frame``, each in ``colour_of(index, region)``."""
    for index, region in enumerate(regions):
        colour = colour_of(index, region)
        fill = QColor(colour)
        fill.setAlpha(60)
        painter.setPen(QPen(colour, 2))
        painter.setBrush(QBrush(fill))
        shape = region_path(region, frame)
        if isinstance(shape, QRectF):
            painter.drawRect(shape)
        elif isinstance(shape, tuple):
            painter.drawEllipse(shape[0], shape[1], shape[1])
        else:
            painter.drawPolygon(shape)


class PictureLoaded(QObject):
    """Hears :class:`ReadPicture`'s result on the window's thread: (asset id, image; a
    null image when the file cannot be read)."""

    done = Signal(str, QImage)


class ReadPicture(QRunnable):
    """Read a picture off the window's thread, no larger than :data:`MAX_SIDE`."""

    def __init__(self, path: str, asset_id: str, loaded: PictureLoaded):
        super().__init__()
        self.path, self.asset_id, self.loaded = path, asset_id, loaded

    def run(self) -> None:
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
            reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE,
                                             Qt.AspectRatioMode.KeepAspectRatio))
        try:
            self.loaded.done.emit(self.asset_id, reader.read())
        except RuntimeError:  # the form was closed meanwhile
            pass


def _within(value: float, low: float, high: float) -> float:
    """``value`` kept between ``low`` and ``high`` (their middle when they cross)."""
    return (low + high) / 2 if low > high else min(high, max(low, value))


def moved(shape: str, coords: list[float], dx: float, dy: float,
          aspect: float = 1.0) -> list[float]:
    """Coords moved by (dx, dy) fractions, the whole shape kept on the picture; ``aspect`` is
    the picture's width over its height (a circle's radius is a fraction of the width)."""
    if shape == "rect":
        x, y, w, h = coords
        return [round(clamp(min(x + dx, 1 - w)), 4), round(clamp(min(y + dy, 1 - h)), 4), w, h]
    if shape == "circle":
        cx, cy, r = coords
        return [round(_within(cx + dx, r, 1 - r), 4),
                round(_within(cy + dy, r * aspect, 1 - r * aspect), 4), r]
    xs, ys = coords[0::2], coords[1::2]
    dx = min(max(dx, -min(xs)), 1 - max(xs))
    dy = min(max(dy, -min(ys)), 1 - max(ys))
    return [round(v + (dx if n % 2 == 0 else dy), 4) for n, v in enumerate(coords)]


def inscribed(box: QRectF) -> tuple[QPointF, float]:
    """The circle inscribed in a box, centred in it: (centre, radius), in the box's units."""
    return box.center(), min(box.width(), box.height()) / 2


class HotspotCanvas(QWidget):
    """The picture and its regions; draws, selects, moves and removes regions.

    ``regions`` are the stored dicts (fractions); ``changed`` is emitted after each edit
    and ``selected`` with the selected index (-1 none)."""

    changed = Signal()
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Hotspot picture: draw regions")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(360, 240)
        self.setMouseTracking(True)
        self.image = QImage()
        self.regions: list[dict] = []
        self.current = -1
        self.tool = "rect"
        self._press: QPointF | None = None
        self._drag: QPointF | None = None
        self._moving: list[float] | None = None  # the coords when a move began
        self._points: list[QPointF] = []  # a polygon being drawn (fractions)

    # ---- geometry ------------------------------------------------------------------------
    def frame(self) -> QRectF:
        """Where the picture is drawn: scaled to fit, centred (the whole widget without
        one)."""
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        if self.image.isNull():
            return area
        size = self.image.size().toSizeF().scaled(area.size(),
                                                  Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF(area.x() + (area.width() - size.width()) / 2,
                      area.y() + (area.height() - size.height()) / 2,
                      size.width(), size.height())

    def aspect(self) -> float:
        """The picture's width over its height as drawn."""
        frame = self.frame()
        return frame.width() / frame.height() if frame.height() > 0 else 1.0

    def to_fraction(self, point: QPointF) -> QPointF:
        frame = self.frame()
        return QPointF(clamp((point.x() - frame.x()) / frame.width()),
                       clamp((point.y() - frame.y()) / frame.height()))

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def select(self, index: int) -> None:
        self.current = index if 0 <= index < len(self.regions) else -1
        self.selected.emit(self.current)
        self.update()

    def region_at(self, point: QPointF) -> int:
        for index in range(len(self.regions) - 1, -1, -1):  # the topmost first
            if region_contains(self.regions[index], self.frame(), point):
                return index
        return -1

    # ---- editing ---------------------------------------------------------------------------
    def fresh_id(self) -> str:
        """The first of r1, r2... no region has."""
        taken = {r["id"] for r in self.regions}
        n = 1
        while f"r{n}" in taken:
            n += 1
        return f"r{n}"

    def add_region(self, shape: str, coords: list[float]) -> None:
        number = len(self.regions) + 1
        self.regions.append({"id": self.fresh_id(), "label": f"Region {number}",
                             "shape": shape, "coords": [round(c, 4) for c in coords],
                             "correct": not self.regions})
        self.changed.emit()
        self.select(len(self.regions) - 1)

    def remove_current(self) -> None:
        if self.current >= 0:
            del self.regions[self.current]
            self.changed.emit()
            self.select(min(self.current, len(self.regions) - 1))

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selected region by (dx, dy) fractions, kept on the picture."""
        if self.current < 0:
            return
        region = self.regions[self.current]
        region["coords"] = moved(region["shape"], region["coords"], dx, dy, self.aspect())
        self.changed.emit()
        self.update()

    def close_polygon(self) -> bool:
        """Make the polygon being drawn a region (three points or more); returns whether."""
        points, self._points = self._points, []
        self.update()
        if len(points) < 3:
            return False
        self.add_region("polygon", [v for p in points for v in (p.x(), p.y())])
        return True

    # ---- mouse and keys ----------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self.image.isNull():
            return
        point = event.position()
        if self.tool == "polygon":
            self._points.append(self.to_fraction(point))
        elif self.tool == "select":
            self.select(self.region_at(point))
            if self.current >= 0:
                self._press, self._moving = point, list(self.regions[self.current]["coords"])
        else:
            self._press = self._drag = point
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._press is None:
            return
        point = event.position()
        if self._moving is not None and self.current >= 0:
            frame = self.frame()
            region = self.regions[self.current]
            region["coords"] = moved(region["shape"], self._moving,
                                      (point.x() - self._press.x()) / frame.width(),
                                      (point.y() - self._press.y()) / frame.height(),
                                      self.aspect())
        else:
            self._drag = point
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        start, end, moving = self._press, event.position(), self._moving
        self._press = self._drag = self._moving = None
        if moving is not None:
            if moving != self.regions[self.current]["coords"]:
                self.changed.emit()
            return
        if abs(end.x() - start.x()) < MIN_DRAG and abs(end.y() - start.y()) < MIN_DRAG:
            self.update()
            return
        a, b = self.to_fraction(start), self.to_fraction(end)
        if self.tool == "rect":
            self.add_region("rect", [min(a.x(), b.x()), min(a.y(), b.y()),
                                     abs(b.x() - a.x()), abs(b.y() - a.y())])
        else:  # the circle inscribed in the box dragged, on the picture as both corners are
            frame = self.frame()
            centre, radius = inscribed(QRectF(
                QPointF(a.x() * frame.width(), a.y() * frame.height()),
                QPointF(b.x() * frame.width(), b.y() * frame.height())).normalized())
            self.add_region("circle", [centre.x() / frame.width(), centre.y() / frame.height(),
                                       radius / frame.width()])

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.tool == "polygon":
            # the double click's second press added a point where the first one is
            if len(self._points) >= 2 and self._points[-1] == self._points[-2]:
                self._points.pop()
            self.close_polygon()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        frame = self.frame()
        step = 10 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        moves = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0),
                 Qt.Key.Key_Up: (0, -step), Qt.Key.Key_Down: (0, step)}
        if key in moves and self.current >= 0:
            dx, dy = moves[key]
            self.nudge(dx / frame.width(), dy / frame.height())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current >= 0:
            self.remove_current()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._points:
            self.close_polygon()
        elif key == Qt.Key.Key_Escape and self._points:
            self._points = []
            self.update()
        else:
            super().keyPressEvent(event)

    # ---- drawing -------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        frame = self.frame()
        if self.image.isNull():
            painter.setPen(QColor("#dddddd"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Choose the picture the learner clicks on")
            return
        painter.drawImage(frame, self.image)
        paint_regions(painter, frame, self.regions, lambda n, r: CHOSEN if n == self.current
                      else (RIGHT if r.get("correct") else WRONG))
        for region in self.regions:  # each region's label, so the list and picture agree
            box = region_bounds(region, frame).adjusted(3, 2, 0, 0)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            text = painter.boundingRect(box, flags, region.get("label", ""))
            painter.fillRect(text.adjusted(-2, 0, 2, 0), QColor(0, 0, 0, 160))
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, flags, region.get("label", ""))
        painter.setPen(QPen(QColor("#ffeb3b"), 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._drag is not None and self._press is not None and self._moving is None:
            if self.tool == "rect":
                painter.drawRect(QRectF(self._press, self._drag).normalized())
            elif self.tool == "circle":
                centre, radius = inscribed(QRectF(self._press, self._drag).normalized()
                                           .intersected(frame))
                painter.drawEllipse(centre, radius, radius)
        if self._points:
            shown = [QPointF(frame.x() + p.x() * frame.width(), frame.y() + p.y() * frame.height())
                     for p in self._points]
            painter.drawPolyline(QPolygonF(shown))
            for point in shown:
                painter.drawEllipse(point, 3, 3)

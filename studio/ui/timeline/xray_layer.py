"""What learners did, drawn on the lesson's timeline: a heat strip under each clip's filmstrip
(viewers per second as colour, the drop-off marked, the numbers in a tooltip) and a badge per
question at its cue point or beside its quiz, coloured by facility and told apart by shape
and letter too, so colour is never the only cue (WCAG 2.2 §1.4.1)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.model import Item
from studio.text import plural
from studio.ui.timeline.items import CUE_Y, LEFT, TRACK_H, TRACK_Y, WAVE_H
from studio.ui.timeline.logic import Box, timecode
from studio.xray.result import (
    NEGATIVE_DISCRIMINATION,
    OLDER_VERSION,
    TOO_EASY,
    TOO_HARD,
    QuestionMeasures,
    VideoMeasures,
    XRay,
    decimals,
)

HEAT_H = 10.0  # the strip's height, pixels
BADGE = 17.0  # a question badge's size, pixels
QUIZ_BADGES = 4  # badges shown in a column beside a quiz marker; more are counted "+N"
COLD, HOT = QColor("#1d2b53"), QColor("#ffd23f")  # nobody watched … everybody did
DROP_COLOR = QColor("#ff4d4d")
STALE_OPACITY = 0.4  # a badge whose figures predate the question's last edit


@dataclass(frozen=True)
class Band:
    """How a question's facility is shown: its name, colour, shape and letter."""

    name: str
    color: str
    shape: str  # "triangle", "circle", "square", "diamond"
    letter: str


HARD = Band("too hard", "#e0453a", "triangle", "H")
EASY = Band("too easy", "#f0a020", "circle", "E")
GOOD = Band("in range", "#2fa84f", "square", "✓")
UNKNOWN = Band("no answers yet", "#8a8a8a", "diamond", "?")


def band(question: QuestionMeasures) -> Band:
    """The band of a question, read from the flags the measures set (their thresholds are
    declared with the measures, not here)."""
    if question.facility is None:
        return UNKNOWN
    if TOO_HARD in question.flags:
        return HARD
    if TOO_EASY in question.flags:
        return EASY
    return GOOD


def stale(question: QuestionMeasures) -> bool:
    """Whether every answer predates the question's last edit: its figures describe the
    earlier version only."""
    return OLDER_VERSION in question.flags or 0 < question.answers <= question.older_answers


def older_text(question: QuestionMeasures) -> str:
    """How many answers predate the question's last edit, in words ("" when none do)."""
    older, answers = min(question.older_answers, question.answers), question.answers
    if stale(question):
        if answers == 1:
            return "the one answer predates your last edit of this question"
        return f"all {answers:,} answers predate your last edit of this question"
    if older:
        return (f"{older:,} of {answers:,} answers predate your last edit of this "
                "question")
    return ""


def question_tip(question: QuestionMeasures) -> str:
    """A question's numbers in one tooltip; a stale question's begins by saying so."""
    lines = [question.prompt or question.id, f"{band(question).name.capitalize()}"]
    if stale(question):
        lines.insert(1, f"Out of date: {older_text(question)}; the figures below are the "
                        "earlier version's")
    if question.facility is not None:
        lines.append(f"Facility {question.facility:.0%} of "
                     f"{plural(question.answers, 'learner')}")
    if question.discrimination is not None:
        lines.append(f"Discrimination {decimals(question.discrimination, sign=True)}")
    if question.guess is not None:
        lines.append(f"A random guess scores {question.guess:.0%}")
    if question.median_time_s is not None:
        lines.append(f"Median time {question.median_time_s:.0f} s")
    if NEGATIVE_DISCRIMINATION in question.flags:
        lines.append("Stronger learners get it wrong more often than weaker ones (−D)")
    if older_text(question) and not stale(question):
        lines.append(older_text(question).capitalize())
    return "\n".join(lines)


def heat_color(viewers: int, most: int) -> QColor:
    """COLD for nobody, HOT for the most viewers any second had, blended between."""
    share = viewers / most if most else 0.0
    return QColor.fromRgbF(*(c + (h - c) * share for c, h in zip(
        COLD.getRgbF()[:3], HOT.getRgbF()[:3], strict=True)))


class HeatStripItem(QGraphicsItem):
    """Viewers per second of one clip under its filmstrip; the drop-off a red mark."""

    def __init__(self, box: Box, video: VideoMeasures, pps: float):
        super().__init__()
        self.box, self.video, self.pps = box, video, pps
        self.top = TRACK_Y + TRACK_H - HEAT_H - (WAVE_H if box.kind == "video" else 0)
        self.most = max(video.viewers_per_second, default=0)
        self.setZValue(4.5)  # the drop-off mark shows over a cue point's line
        self.setAcceptHoverEvents(True)
        self.setToolTip(self.tip(None))

    def boundingRect(self) -> QRectF:
        return QRectF(LEFT + self.box.start * self.pps - 1, self.top - 8,
                      self.box.duration * self.pps + 2, HEAT_H + 10)

    def second_at(self, scene_x: float) -> int:
        return int((scene_x - LEFT) / self.pps - self.box.start)

    def tip(self, second: int | None) -> str:
        video = self.video
        lines = [f"{plural(video.viewers, 'viewer')} of {video.title}"]
        if second is not None and 0 <= second < len(video.viewers_per_second):
            again = video.rewatches_per_second[second:second + 1] or (0,)
            lines.insert(0, f"{timecode(second)}: "
                            f"{plural(video.viewers_per_second[second], 'viewer')}, "
                            f"{plural(again[0], 're-watch', 're-watches')}")
        if video.drop_off_s is not None:
            left = video.drop_off_learners
            lines.append(f"Most left at {timecode(video.drop_off_s)}"
                         + (f" ({plural(left, 'learner')})" if left else ""))
        if video.older_version:
            lines.append(f"{plural(video.older_version, 'statement')} about an older version "
                         "of the clip are not counted")
        if video.outside_s:
            lines.append(f"{video.outside_s:.0f} s viewed were trimmed away since")
        return "\n".join(lines)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.setToolTip(self.tip(self.second_at(event.scenePos().x())))
        super().hoverMoveEvent(event)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        left = LEFT + self.box.start * self.pps
        width = self.box.duration * self.pps
        counts = self.video.viewers_per_second
        painter.fillRect(QRectF(left, self.top, width, HEAT_H), COLD)
        for second, viewers in enumerate(counts[:int(self.box.duration + 0.999)]):
            x = left + second * self.pps
            span = min(self.pps, left + width - x)
            painter.fillRect(QRectF(x, self.top, span + 0.5, HEAT_H),
                             heat_color(viewers, self.most))
        if self.video.drop_off_s is not None and self.video.drop_off_s <= self.box.duration:
            x = left + self.video.drop_off_s * self.pps
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(DROP_COLOR, 2))
            painter.drawLine(QPointF(x, self.top - 2), QPointF(x, self.top + HEAT_H))
            painter.setBrush(DROP_COLOR)
            painter.setPen(QPen(QColor("white"), 1))
            painter.drawPolygon([QPointF(x - 5, self.top - 8), QPointF(x + 5, self.top - 8),
                                 QPointF(x, self.top - 1)])


class QuestionBadge(QGraphicsItem):
    """One question's facility: a coloured shape with a letter; negative discrimination adds
    a "−D" tag."""

    def __init__(self, x: float, y: float, question: QuestionMeasures):
        super().__init__()
        self.x, self.y, self.question, self.band = x, y, question, band(question)
        self.negative = NEGATIVE_DISCRIMINATION in question.flags
        self.stale = stale(question)
        self.setZValue(5)
        self.setToolTip(question_tip(question))

    def boundingRect(self) -> QRectF:
        return QRectF(self.x - BADGE / 2 - 2, self.y - BADGE / 2 - 2, BADGE + 34, BADGE + 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.stale:  # greyed: the figures are the earlier version's
            painter.setOpacity(STALE_OPACITY)
        rect = QRectF(self.x - BADGE / 2, self.y - BADGE / 2, BADGE, BADGE)
        path = QPainterPath()
        shape = self.band.shape
        if shape == "circle":
            path.addEllipse(rect)
        elif shape == "square":
            path.addRoundedRect(rect, 2, 2)
        elif shape == "triangle":  # pointing down: a question learners fall on
            path.moveTo(rect.topLeft())
            path.lineTo(rect.topRight())
            path.lineTo(QPointF(rect.center().x(), rect.bottom()))
            path.closeSubpath()
        else:
            path.moveTo(QPointF(rect.center().x(), rect.top()))
            path.lineTo(QPointF(rect.right(), rect.center().y()))
            path.lineTo(QPointF(rect.center().x(), rect.bottom()))
            path.lineTo(QPointF(rect.left(), rect.center().y()))
            path.closeSubpath()
        painter.setPen(QPen(QColor("white"), 3))  # a halo: readable on any filmstrip
        painter.drawPath(path)
        painter.fillPath(path, QColor(self.band.color))
        painter.setPen(QPen(QColor("black"), 1))
        painter.drawPath(path)
        font = QFont(painter.font().family(), 8)
        font.setBold(True)
        painter.setFont(font)
        text_rect = rect.adjusted(0, -4, 0, 0) if shape == "triangle" else rect
        painter.setPen(QColor("black"))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.band.letter)
        if self.negative:
            tag = QRectF(rect.right() + 3, rect.top() + 1, 28, BADGE - 2)
            painter.setBrush(QColor("white"))
            painter.setPen(QPen(DROP_COLOR, 1.5))
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(QColor("black"))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, "−D")


class XRayLayer:
    """The timeline's X-ray items, put on a freshly drawn scene."""

    def __init__(self) -> None:
        self.strips: dict[str, HeatStripItem] = {}  # by item id
        self.badges: dict[str, QuestionBadge] = {}  # by question id

    def draw(self, scene: QGraphicsScene, xray: XRay | None, boxes: list[Box],
             items: dict[str, Item], pps: float, cue_times: dict[str, float]) -> None:
        """Strips for the measured clips among ``boxes`` and badges for their questions;
        ``cue_times`` gives each cue point's lesson time as drawn."""
        self.strips, self.badges = {}, {}
        if xray is None:
            return
        videos = {v.item: v for v in xray.videos}
        by_item: dict[str, list[QuestionMeasures]] = {}
        for question in xray.questions:
            by_item.setdefault(question.item, []).append(question)
        for box in boxes:
            if box.item_id not in items:
                continue
            video = videos.get(box.item_id)
            if video is not None and not box.is_marker:
                strip = self.strips[box.item_id] = HeatStripItem(box, video, pps)
                scene.addItem(strip)
            asked = by_item.get(box.item_id, [])
            if box.is_marker:
                self._quiz_column(scene, box, asked, pps)
            else:
                self._at_cues(scene, box, asked, pps, cue_times)

    def _add(self, scene: QGraphicsScene, x: float, y: float, question: QuestionMeasures
             ) -> None:
        badge = self.badges[question.id] = QuestionBadge(x, y, question)
        scene.addItem(badge)

    def _at_cues(self, scene, box: Box, asked: list[QuestionMeasures], pps: float,
                 cue_times: dict[str, float]) -> None:
        at_cue: dict[str, int] = {}
        for question in asked:
            when = cue_times.get(question.cue or "")
            if when is None:
                if question.cue_s is None:
                    continue
                when = box.start + question.cue_s
            n = at_cue[question.cue or ""] = at_cue.get(question.cue or "", -1) + 1
            self._add(scene, LEFT + when * pps + n * (BADGE + 34), CUE_Y + 19, question)

    def _quiz_column(self, scene, box: Box, asked: list[QuestionMeasures], pps: float) -> None:
        x = LEFT + box.start * pps + 9
        for n, question in enumerate(asked[:QUIZ_BADGES]):
            self._add(scene, x, TRACK_Y + 28 + n * (BADGE + 3), question)
        if len(asked) > QUIZ_BADGES:  # the X-ray tab lists them all
            more = QGraphicsSimpleTextItem(f"+{len(asked) - QUIZ_BADGES} more")
            more.setBrush(QColor("white"))
            more.setPos(x + 16, TRACK_Y + 2)  # beside the quiz marker's flag
            back = QGraphicsRectItem(more.boundingRect().adjusted(-3, -1, 3, 1))
            back.setPos(more.pos())
            back.setBrush(QColor(0, 0, 0, 170))
            back.setPen(QPen(Qt.PenStyle.NoPen))
            for shown in (back, more):
                shown.setZValue(5)
                scene.addItem(shown)

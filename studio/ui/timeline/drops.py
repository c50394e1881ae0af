"""The timeline's drop side: media dragged from the bin or the desktop lands at the drop
position (between the items nearest to it, or onto the item under it when that item takes
it: a sound onto a slide, captions onto a clip), shown while dragging by an insertion line or
an outlined item; and the hint an empty timeline paints.

Mixed into :class:`~studio.ui.timeline.view.TimelineView`, whose ``boxes``, ``clips``,
``session`` and coordinate helpers it reads and whose ``media_dropped`` and
``files_to_bin`` signals it emits.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPen

from studio.media.placing import Spot
from studio.ui.hints import paint_hint
from studio.ui.placing import (
    ADD_KEYS,
    MediaDrop,
    carries_media,
    drop_kinds,
    dropped_assets,
    dropped_files,
    spot_at,
    takes,
)
from studio.ui.timeline.items import RULER_H, TRACK_H, TRACK_Y


class DropSide:
    """Drag-and-drop of media onto the timeline, and its empty-state hint."""

    _drop_mark: tuple[float, str | None] | None = None  # (x, item landed on) while dragging
    _hint_shown = ""  # the hint the last paint drew

    def hint(self) -> str:
        """What the empty timeline tells a designer to do ("" when it shows items)."""
        if self.lesson() is None:
            if not self.session.course().lessons():
                return "Add a lesson (Ctrl+L)"
            return "Select a lesson in the outline to see its timeline."
        if not self.boxes:
            return f"Drop media here, or select media in the bin and press {ADD_KEYS}"
        return ""

    def _drop_at(self, event: QDragMoveEvent | QDropEvent) -> Spot | None:
        """Where a drag over the timeline would put its media (None: no lesson shown)."""
        if self.lesson() is None or not carries_media(event.mimeData()):
            return None
        spot = spot_at(self.boxes, self.lesson_id, self.time_at(event.position().x()))
        onto = self.session.find(spot.onto) if spot.onto else None
        kinds = drop_kinds(self.session, event.mimeData())
        return spot if takes(onto, kinds) else Spot(spot.lesson_id, spot.index)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if carries_media(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        spot = self._drop_at(event)
        if spot is None:
            # with no lesson shown, desktop files still go to the media bin
            if event.mimeData().hasUrls():
                event.acceptProposedAction()
            else:
                event.ignore()
            self._mark_drop(None)
            return
        event.acceptProposedAction()
        index = len(self.boxes) if spot.index is None else spot.index
        at = self.boxes[index].start if index < len(self.boxes) else (
            self.boxes[-1].end if self.boxes else 0.0)
        self._mark_drop((self.x_of(at), spot.onto))

    def dragLeaveEvent(self, event) -> None:
        self._mark_drop(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._mark_drop(None)
        data = event.mimeData()
        spot = self._drop_at(event)
        assets, paths = dropped_assets(data), dropped_files(data)
        if spot is None and paths:
            event.acceptProposedAction()
            self.files_to_bin.emit(paths)
            return
        if spot is None or not (assets or paths):
            event.ignore()
            return
        event.acceptProposedAction()
        self.media_dropped.emit(MediaDrop(spot, tuple(assets), tuple(paths)))

    def _mark_drop(self, mark: tuple[float, str | None] | None) -> None:
        if mark != self._drop_mark:
            self._drop_mark = mark
            self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        hint, mark = self.hint(), self._drop_mark
        if hint != self._hint_shown:  # a scene change repaints only its items: redo it all
            self._hint_shown = hint
            self.viewport().update()
        if not hint and mark is None:
            return
        if hint:
            paint_hint(self.viewport(), hint, self.viewport().rect().adjusted(12, int(RULER_H),
                                                                             -12, 0))
        if mark is not None:
            painter = QPainter(self.viewport())
            palette = self.palette()
            x, onto = mark
            painter.setPen(QPen(palette.color(palette.ColorRole.Highlight), 3))
            clip = self.clips.get(onto or "")
            if clip is not None:  # the item itself takes the drop: outline it
                rect = self.mapFromScene(clip.sceneBoundingRect()).boundingRect()
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            else:  # an insertion line between items
                top, bottom = self.mapFromScene(QPointF(0, TRACK_Y - 4)).y(), \
                    self.mapFromScene(QPointF(0, TRACK_Y + TRACK_H + 4)).y()
                painter.drawLine(int(x), top, int(x), bottom)
            painter.end()

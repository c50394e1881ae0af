"""The lesson timeline widget: a QGraphicsView over the selected lesson's items.

Pointer: drag a clip's edge to trim it (a readout shows the in/out point and the length;
the edge snaps to the playhead and other edges, else to the source's frames), drag a cue
point along its clip to move it, drag a block or marker sideways to reorder it, click the
ruler to place the playhead, Ctrl+wheel to zoom. Keys: Space plays or pauses from the
playhead, J/K/L shuttle, Alt+Left/Right step one frame, Home/End go to the lesson's start/end,
I/O set the in/out point at the playhead, S splits there, M adds a cue point there, Delete
removes the selected cue point or item, Left/Right nudge the out point (Shift: the in point;
Ctrl: by 1 s).
A trim or a cue move is one command on release; a reorder moves the item live with one merge
key per drag, so the whole drag is one undo step. Cue points: :mod:`.cue_tool`.
"""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from studio import commands
from studio.model import Lesson
from studio.ui.frames import frame_rate
from studio.ui.session import Drawn, ProjectSession
from studio.ui.timeline import cues, logic
from studio.ui.timeline.cue_tool import CueTool
from studio.ui.timeline.drops import DropSide
from studio.ui.timeline.items import (
    LEFT,
    RULER_H,
    TRACK_H,
    TRACK_Y,
    ClipItem,
    MarkerItem,
    PlayheadItem,
    RulerItem,
)
from studio.ui.timeline.reach import TimelineReach
from studio.ui.timeline.xray_layer import XRayLayer
from studio.ui.xray_state import XRayHolder

EDGE_PX = 7.0  # how near an edge the pointer must be to grab it
MIN_PPS, MAX_PPS = 2.0, 400.0


class TimelineView(DropSide, QGraphicsView):
    playhead_moved = Signal(float)  # lesson seconds
    play_toggled = Signal()  # Space: play from the playhead, or pause
    shuttle_changed = Signal(float)  # J/K/L pressed: the new rate (0 stop, < 0 backwards)
    media_dropped = Signal(object)  # a MediaDrop: bin assets or desktop files, and where
    files_to_bin = Signal(list)  # desktop files dropped while no lesson is shown

    def __init__(self, session: ProjectSession, previews=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.previews = previews
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(int(TRACK_Y + TRACK_H + 30))
        self.setAccessibleName("Lesson timeline")
        self.lesson_id = ""
        self.pps = 40.0  # pixels per second
        self.playhead = 0.0
        self.rate = 0.0
        self.boxes: list[logic.Box] = []
        self.clips: dict[str, ClipItem] = {}
        self._drag: dict | None = None
        self._drawn: tuple | None = None  # the lesson id, zoom and width drawn at
        self._lesson_drawn = Drawn()
        self.draws = 0  # scenes drawn so far (a redraw-count the tests and benchmark read)
        self.markers: dict[str, MarkerItem] = {}
        self.cues = CueTool(self)
        self._shuttle = QTimer(self)
        self._shuttle.setInterval(30)
        self._shuttle.timeout.connect(self._advance)
        self._shuttle_clock = 0.0
        session.changed.connect(lambda changes: self._lesson_drawn.note(changes)
                                and self.refresh())
        session.selection_changed.connect(self._follow_selection)
        session.cue_selected.connect(lambda _cue: self.cues.show_selection())
        if previews is not None:
            previews.ready.connect(self._media_ready)
        self.reach = TimelineReach(self)  # Up/Down select items; says what is selected
        self.xray = XRayLayer()  # what learners did, under the filmstrips and at the cues
        XRayHolder.of(session).changed.connect(lambda: self.refresh(force=True))

    # ---- model -> scene ------------------------------------------------------------------
    def lesson(self) -> Lesson | None:
        found = self.session.find(self.lesson_id)
        return found if isinstance(found, Lesson) else None

    def show_lesson(self, lesson_id: str) -> None:
        if lesson_id != self.lesson_id:
            self.lesson_id = lesson_id
            self.playhead = 0.0
        self.refresh()

    def _lesson_of(self, node_id: str) -> str | None:
        node = self.session.find(node_id)
        return getattr(node, "lesson_id", None) or (node.id if isinstance(node, Lesson) else None)

    def _follow_selection(self, node_id: str) -> None:
        lesson_id = self._lesson_of(node_id) or self.lesson_id
        if lesson_id != self.lesson_id:
            self.show_lesson(lesson_id)
        else:
            self.refresh()

    def _media_ready(self, asset_id: str) -> None:
        """A picture, filmstrip or waveform arrived: repaint only the clips that use it."""
        lesson = self.lesson()
        if lesson is None or self.previews is None:
            return
        assets = self.session.course().assets
        for item in lesson.items:
            clip = self.clips.get(item.id)
            if clip is not None and getattr(item, "asset_id", None) == asset_id:
                self.previews.decorate(clip, item, assets)
                clip.update()

    def _show_selection(self) -> None:
        for item_id, shown in (*self.clips.items(), *self.markers.items()):
            selected = item_id == self.session.selected
            if shown.selected != selected:
                shown.selected = selected
                shown.update()
        self.cues.show_selection()

    def refresh(self, force: bool = False) -> None:
        """Draw the lesson again if it (or the zoom, or the width) changed since drawn."""
        lesson = self.lesson()
        if lesson is None and self._lesson_of(self.session.selected):
            self.lesson_id = self._lesson_of(self.session.selected)
            lesson = self.lesson()
        drawn = (self.lesson_id, self.pps, self.viewport().width())
        if drawn == self._drawn and self._lesson_drawn.current(self.lesson_id) and not force:
            self._show_selection()
            return
        self._drawn = drawn
        self._lesson_drawn.record(self.session, self.lesson_id)
        self.draws += 1
        scene = self.scene()
        scene.clear()
        self.clips, self.markers = {}, {}
        self.cues.forget()
        if lesson is None:  # the lesson id is kept: a redo may bring the lesson back
            self.boxes = []
            self.viewport().update()  # the hint says what to do
            return
        assets = self.session.course().assets
        self.boxes = logic.layout(lesson.items, {a: assets[a].duration for a in assets})
        length = max(lesson.duration + 10, self.viewport().width() / self.pps)
        scene.addItem(RulerItem(length, self.pps, self.palette()))
        items = {item.id: item for item in lesson.items}
        for box in self.boxes:
            item = items[box.item_id]
            if box.is_marker:
                marker = MarkerItem(LEFT + box.start * self.pps, box.title, box.kind,
                                    self.session.selected == box.item_id)
                scene.addItem(marker)
                self.markers[box.item_id] = marker
                continue
            clip = ClipItem(box, self.pps, self.palette())
            clip.selected = self.session.selected == box.item_id
            if self.previews is not None:
                self.previews.decorate(clip, item, assets)
            scene.addItem(clip)
            self.clips[box.item_id] = clip
        self.cues.draw(scene, items)
        self.xray.draw(scene, XRayHolder.of(self.session).visible(), self.boxes, items,
                       self.pps, {mark.cue_id: mark.time for mark in self.cues.marks})
        self.playhead_item = PlayheadItem(TRACK_Y + TRACK_H + 6)
        scene.addItem(self.playhead_item)
        self.playhead_item.setPos(LEFT + self.playhead * self.pps, 0)
        scene.setSceneRect(0, 0, LEFT * 2 + length * self.pps, TRACK_Y + TRACK_H + 12)

    # ---- coordinates -----------------------------------------------------------------------
    def x_of(self, seconds: float) -> float:
        """Viewport x of a lesson time (for pointer handling and tests)."""
        return self.mapFromScene(QPointF(LEFT + seconds * self.pps, 0)).x()

    def time_at(self, viewport_x: float) -> float:
        return (self.mapToScene(int(viewport_x), 0).x() - LEFT) / self.pps

    def track_y(self) -> int:
        return self.mapFromScene(QPointF(0, TRACK_Y + TRACK_H * 0.6)).y()

    def length(self) -> float:
        """The lesson's length on the timeline, seconds."""
        return self.boxes[-1].end if self.boxes else 0.0

    def set_playhead(self, seconds: float) -> None:
        self.playhead = min(max(0.0, seconds), self.length())
        if self.lesson_id and hasattr(self, "playhead_item"):
            self.playhead_item.setPos(LEFT + self.playhead * self.pps, 0)
            self.ensureVisible(LEFT + self.playhead * self.pps, TRACK_Y, 2, 2, 40, 0)
        self.playhead_moved.emit(self.playhead)

    def zoom(self, factor: float) -> None:
        self.pps = min(MAX_PPS, max(MIN_PPS, self.pps * factor))
        self.refresh()

    # ---- pointer ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.lesson_id:
            return super().mousePressEvent(event)
        self.setFocus()
        pos = event.position()
        at = self.time_at(pos.x())
        scene_y = self.mapToScene(pos.toPoint()).y()
        if scene_y < RULER_H:
            self._drag = {"mode": "scrub"}
            self.set_playhead(at)
            return
        self._drag = self.cues.press(at, scene_y, pos.x())
        if self._drag is not None:
            return
        edge = logic.edge_at(self.boxes, at, EDGE_PX / self.pps)
        if edge is not None:
            box, side = edge
            self.session.select(box.item_id)
            self._drag = {"mode": "trim", "box": box, "edge": side, "x": pos.x(),
                          "range": (box.in_point, box.out_point)}
            return
        box = logic.box_at(self.boxes, at, 10 / self.pps)
        if box is not None:
            self.session.select_cue(box.item_id, "")  # the clip itself, none of its cues
        else:
            self.session.select(self.lesson_id)
        if box is not None:
            self._drag = {"mode": "move", "id": box.item_id, "x": pos.x(),
                          "key": f"drag:{uuid.uuid4().hex[:8]}", "moved": False}

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            at = self.time_at(event.position().x())
            near_edge = logic.edge_at(self.boxes, at, EDGE_PX / self.pps) is not None
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if near_edge
                                      else Qt.CursorShape.ArrowCursor)
            return super().mouseMoveEvent(event)
        x = event.position().x()
        if drag["mode"] == "scrub":
            self.set_playhead(self.time_at(x))
        elif drag["mode"] == "trim":
            box = drag["box"]
            drag["range"] = self.cues.trim(drag, x)
            clip = self.clips.get(box.item_id)
            if clip is not None:
                clip.set_preview(*drag["range"])
        elif drag["mode"] == "cue":
            self.cues.drag(drag, x)
        elif drag["mode"] == "move" and (drag["moved"] or abs(x - drag["x"]) > 4):
            drag["moved"] = True
            self._reorder_to(drag, self.time_at(x))

    def _reorder_to(self, drag: dict, at: float) -> None:
        ids = [b.item_id for b in self.boxes]
        index = logic.drop_index(self.boxes, drag["id"], at)
        if ids.index(drag["id"]) != index:
            self.session.run(commands.move, drag["id"], index=index, merge_key=drag["key"])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return super().mouseReleaseEvent(event)
        if drag["mode"] == "cue":
            self.cues.drop(drag)
        elif drag["mode"] == "trim":
            box, (new_in, new_out) = drag["box"], drag["range"]
            if (new_in, new_out) != (box.in_point, box.out_point):
                if box.kind == "slide":
                    self.session.run(commands.set_item, box.item_id, duration=new_out)
                else:
                    self.session.run(commands.trim, box.item_id, new_in, new_out)
            self.refresh(force=True)  # a refused or unchanged trim drops its preview

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refresh()

    # ---- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        letters = {Qt.Key.Key_J: "J", Qt.Key.Key_K: "K", Qt.Key.Key_L: "L"}
        if key == Qt.Key.Key_Space:
            self.set_rate(0.0)
            self.play_toggled.emit()
        elif key in letters:
            self.set_rate(logic.shuttle(self.rate, letters[key]))
            self.shuttle_changed.emit(self.rate)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & Qt.KeyboardModifier.AltModifier:
            self.step_frames(1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_I, Qt.Key.Key_O):
            self.mark("in" if key == Qt.Key.Key_I else "out")
        elif key == Qt.Key.Key_S:
            self.split_at_playhead()
        elif key == Qt.Key.Key_M:
            self.cues.add_at_playhead()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = logic.NUDGE_STEP * (10 if mods & Qt.KeyboardModifier.ControlModifier else 1)
            edge = "in" if mods & Qt.KeyboardModifier.ShiftModifier else "out"
            self.nudge(edge, step if key == Qt.Key.Key_Right else -step)
        elif key == Qt.Key.Key_Home:
            self.set_playhead(0)
        elif key == Qt.Key.Key_End:
            self.set_playhead(self.length())
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

    def set_rate(self, rate: float) -> None:
        self.rate = rate
        if rate:
            self._shuttle_clock = time.monotonic()
            self._shuttle.start()
        else:
            self._shuttle.stop()

    def _advance(self) -> None:
        now = time.monotonic()
        self.set_playhead(self.playhead + self.rate * (now - self._shuttle_clock))
        self._shuttle_clock = now
        if self.playhead <= 0 or self.playhead >= self.length():
            self.set_rate(0.0)

    def step_frames(self, frames: int) -> None:
        """Move the playhead by whole frames of the clip under it (slides: 1/30 s steps),
        landing on frame starts of the source."""
        box = self.box_at_playhead()
        fps = logic.DEFAULT_FPS
        if box is not None and box.kind == "video":
            item = self.session.find(box.item_id)
            asset = self.session.course().assets.get(getattr(item, "asset_id", "") or "")
            fps = frame_rate(asset) or fps
        self.set_playhead(logic.frame_step(box, self.playhead, frames, fps))

    def box_at_playhead(self) -> logic.Box | None:
        """The clip or slide under the playhead (the last one when it is at the end); a
        quiz or page marker at the same time does not hide it."""
        timed = [b for b in self.boxes if not b.is_marker]
        box = logic.box_at(timed, self.playhead)
        if box is None and timed and abs(self.playhead - self.length()) < 1e-6:
            box = timed[-1]
        return box

    def clip_at_playhead(self) -> logic.Box | None:
        box = self.box_at_playhead()
        return box if box is not None and box.kind == "video" else None

    def mark(self, edge: str) -> None:
        box = self.clip_at_playhead()
        if box is None:
            self.session.failed.emit("Place the playhead on a video clip to set its in or out.")
            return
        at = round(box.source_time(self.playhead), 3)
        if edge == "in":
            self.session.run(commands.trim, box.item_id, in_point=at)
        else:
            self.session.run(commands.trim, box.item_id, out_point=at)

    def split_at_playhead(self) -> str | None:
        box = self.clip_at_playhead()
        at = logic.split_time(box, self.playhead) if box else None
        if box is None or at is None:
            self.session.failed.emit("Place the playhead inside a video clip to split it.")
            return None
        clip = self.session.find(box.item_id)
        fps = frame_rate(self.session.course().assets.get(getattr(clip, "asset_id", "") or ""))
        framed = cues.on_frame(at, fps)  # both halves meet on a frame of the source
        at = framed if box.in_point < framed < box.out_point else at
        return self.session.run(commands.split, box.item_id, at).value

    def delete_selected(self) -> None:
        if self.cues.delete_selected():
            return
        if any(b.item_id == self.session.selected for b in self.boxes):
            self.session.run(commands.remove, self.session.selected)

    def nudge(self, edge: str, delta: float) -> None:
        box = next((b for b in self.boxes if b.item_id == self.session.selected), None)
        if box is None or box.kind != "video":
            return
        self.session.run(commands.nudge, box.item_id, edge, delta)

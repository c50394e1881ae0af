"""The timeline's cue points and trim readout: drawn on their clips, clicked to select,
dragged to move (one command on release, snapped), added with M, removed with Delete; and
the floating label that says where a dragged edge is and how long the clip has become."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from studio import commands
from studio.model import Item, VideoClip
from studio.ui.frames import frame_rate
from studio.ui.timeline import cues, logic
from studio.ui.timeline.items import CUE_HIT, CUE_Y, LEFT, CueItem, ReadoutItem

SNAP_PX = 8.0  # how near (pixels) a dragged edge or cue must come to a target to snap to it
GRAB_PX = 3.0  # how far the pointer moves before a press on a cue point becomes a drag


class CueTool:
    """What the timeline view shows and does with cue points and trims."""

    def __init__(self, view: QGraphicsView):  # the TimelineView it serves
        self.view = view
        self.session = view.session
        self.marks: list[cues.CueMark] = []
        self.items: dict[str, CueItem] = {}  # by cue id
        self.readout = ReadoutItem()

    # ---- drawing -----------------------------------------------------------------------------
    def draw(self, scene: QGraphicsScene, items: dict[str, Item]) -> None:
        """Put the lesson's cue points and a hidden readout on a freshly cleared scene."""
        self.marks = cues.cue_marks(self.view.boxes, items)
        self.items = {}
        for n, mark in enumerate(self.marks):
            asked = sum(q.cue_id == mark.cue_id for q in items[mark.item_id].questions)
            later = [m.time for m in self.marks[n + 1:] if m.item_id == mark.item_id]
            shown = CueItem(self.x_of(mark.time), mark.title, asked,
                            mark.cue_id == self.session.selected_cue,
                            self.x_of(min([mark.box.end, *later])))
            scene.addItem(shown)
            self.items[mark.cue_id] = shown
        self.readout = ReadoutItem()
        scene.addItem(self.readout)

    def forget(self) -> None:
        """The scene was cleared with no lesson on it."""
        self.marks, self.items = [], {}
        self.readout = ReadoutItem()

    def show_selection(self) -> None:
        for cue_id, shown in self.items.items():
            if shown.selected != (cue_id == self.session.selected_cue):
                shown.selected = not shown.selected
                shown.update()

    def x_of(self, lesson_time: float) -> float:
        return LEFT + lesson_time * self.view.pps

    def frame_rate(self, item_id: str) -> float | None:
        """Frames per second of a clip's source, None when unknown."""
        item = self.session.find(item_id)
        asset_id = item.asset_id if isinstance(item, VideoClip) else None
        return frame_rate(self.session.course().assets.get(asset_id or ""))

    # ---- pointer -----------------------------------------------------------------------------
    def press(self, at: float, scene_y: float, x: float) -> dict | None:
        """A press at lesson time ``at``: on a cue point it selects it and starts its drag."""
        if abs(scene_y - CUE_Y) > CUE_HIT:
            return None
        mark = cues.cue_at(self.marks, at, CUE_HIT / self.view.pps)
        if mark is None:
            return None
        self.session.select_cue(mark.item_id, mark.cue_id)
        return {"mode": "cue", "mark": mark, "x": x, "moved": False, "time": mark.source_time}

    def drag(self, drag: dict, x: float) -> None:
        """Show a dragged cue point where it would land: snapped, on a frame, in its clip."""
        if not drag["moved"] and abs(x - drag["x"]) <= GRAB_PX:
            return
        drag["moved"] = True
        mark = drag["mark"]
        targets = [self.view.playhead, mark.box.start, mark.box.end, mark.time]
        drag["time"] = cues.drag_cue(mark, (x - drag["x"]) / self.view.pps, targets,
                                     SNAP_PX / self.view.pps, self.frame_rate(mark.item_id))
        at = cues.lesson_time(mark.box, drag["time"])
        shown = self.items.get(mark.cue_id)
        if shown is not None:
            shown.move_to(self.x_of(at))
        self.readout.show_at(self.x_of(at),
                             f"{mark.title or 'Cue point'} at {logic.duration_text(at)}",
                             left_of=False)

    def drop(self, drag: dict) -> None:
        """The end of a cue drag: one move command (a click only selects)."""
        self.readout.setVisible(False)
        mark = drag["mark"]
        if drag["moved"] and drag["time"] != mark.source_time:
            self.session.run(commands.move_cue, mark.item_id, mark.cue_id, drag["time"])
        self.view.refresh(force=True)  # a refused move drops its preview

    def trim(self, drag: dict, x: float) -> tuple[float, float]:
        """The (in, out) a dragged edge gives, with the readout beside the edge."""
        box = drag["box"]
        targets = logic.snap_targets(self.view.boxes, self.view.playhead, exclude=box.item_id)
        targets += [box.start, box.end]  # so a drag back snaps home
        new_in, new_out = cues.trim_edge(box, drag["edge"], (x - drag["x"]) / self.view.pps,
                                         targets, SNAP_PX / self.view.pps,
                                         self.frame_rate(box.item_id))
        edge = box.start + (new_out - new_in if drag["edge"] == "out" else 0.0)
        self.readout.show_at(self.x_of(edge), cues.trim_readout(drag["edge"], new_in, new_out),
                             left_of=drag["edge"] == "out")
        return new_in, new_out

    # ---- keys --------------------------------------------------------------------------------
    def add_at_playhead(self) -> str | None:
        """Add a cue point on the clip or slide under the playhead, at the playhead, and
        select it."""
        box = self.view.box_at_playhead()
        if box is None or box.kind not in ("video", "slide"):
            self.session.failed.emit("Place the playhead on a video clip or a slide to add a "
                                     "cue point.")
            return None
        at = min(max(round(box.source_time(self.view.playhead), 3), box.in_point),
                 box.out_point)
        cue_id = self.session.run(commands.add_cue, box.item_id, at, "Cue point").value
        if cue_id:
            self.session.select_cue(box.item_id, cue_id)
        return cue_id

    def delete_selected(self) -> bool:
        """Remove the selected cue point if it is on this timeline; returns whether one was."""
        mark = next((m for m in self.marks if m.cue_id == self.session.selected_cue
                     and m.item_id == self.session.selected), None)
        if mark is None:
            return False
        self.session.run(commands.remove_cue, mark.item_id, mark.cue_id)
        return True

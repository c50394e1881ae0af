"""Cue points and trims on the lesson's timeline as plain functions of numbers: no Qt.

A cue point is stored in seconds of its clip's source (a slide's: seconds on the slide, a
slide's box running from 0 to its duration); the timeline, the cue panel and the
ruler speak lesson time, where the clip starts at ``box.start`` and plays from its in point.
Dragged times snap to the playhead and clip edges first, else to the source's frames.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from studio.model import Item, Slide, VideoClip
from studio.ui.timeline.logic import MIN_CLIP, Box, duration_text, snap, trim_by_drag


@dataclass(frozen=True)
class CueMark:
    """A cue point placed on the lesson's timeline, on its clip's or slide's box."""

    item_id: str
    cue_id: str
    title: str
    source_time: float  # seconds of the clip's source, as stored
    box: Box

    @property
    def time(self) -> float:
        """Seconds from the lesson's start."""
        return lesson_time(self.box, self.source_time)


def lesson_time(box: Box, source_time: float) -> float:
    """The lesson time at which a clip shows this time of its source."""
    return box.start + source_time - box.in_point


def cue_marks(boxes: Sequence[Box], items: Mapping[str, Item]) -> list[CueMark]:
    """Every cue point of the lesson's clips and slides that lies inside its item (a clip's
    in to out point, a slide's 0 to its duration: its box's range), in lesson order."""
    marks = []
    for box in boxes:
        item = items.get(box.item_id)
        if isinstance(item, (VideoClip, Slide)):
            marks += [CueMark(item.id, cue.id, cue.title, cue.time, box)
                      for cue in item.cue_points if box.in_point <= cue.time <= box.out_point]
    return marks


def cue_at(marks: Iterable[CueMark], time: float, tolerance: float) -> CueMark | None:
    """The cue point nearest a lesson time, if within tolerance (seconds)."""
    near = [m for m in marks if abs(m.time - time) <= tolerance]
    return min(near, key=lambda m: abs(m.time - time), default=None)




def on_frame(seconds: float, rate: float | None) -> float:
    """A source time moved to the nearest frame start (frames of 1/rate s from 0)."""
    if not rate:
        return seconds
    return round(round(seconds * rate) / rate, 6)


def drag_cue(mark: CueMark, delta: float, targets: Iterable[float], tolerance: float,
             rate: float | None) -> float:
    """The source time of a cue point dragged by ``delta`` seconds of the timeline: snapped
    to ``targets`` (lesson times) within ``tolerance``, else to the source's frames, and
    kept inside its clip."""
    targets = list(targets)
    at = snap(mark.time + delta, targets, tolerance)
    source = mark.box.source_time(at)
    if at not in targets:
        source = on_frame(source, rate)
    return round(min(max(source, mark.box.in_point), mark.box.out_point), 6)


def trim_edge(box: Box, edge: str, delta: float, targets: Iterable[float], tolerance: float,
              rate: float | None) -> tuple[float, float]:
    """New (in, out) after dragging a clip's edge by ``delta`` seconds: the dragged edge
    snaps to ``targets`` (lesson times: the playhead, other clips' edges) as
    :func:`~studio.ui.timeline.logic.trim_by_drag` does, and otherwise to a frame of the
    source; never shorter than MIN_CLIP, never past the source's end."""
    targets = list(targets)
    new_in, new_out = trim_by_drag(box, edge, delta, targets, tolerance)
    if not rate or box.kind != "video":
        return new_in, new_out
    if edge == "in":
        if _snapped(box.start + new_in - box.in_point, targets):
            return new_in, new_out
        framed = on_frame(new_in, rate)
        if framed > new_out - MIN_CLIP:
            framed = round(math.floor((new_out - MIN_CLIP) * rate) / rate, 6)
        return max(0.0, framed), new_out
    if _snapped(box.end + new_out - box.out_point, targets):
        return new_in, new_out
    framed = on_frame(new_out, rate)
    if box.source_duration is not None and framed > box.source_duration:
        framed = round(math.floor(box.source_duration * rate) / rate, 6)
    if framed < new_in + MIN_CLIP:
        framed = round(math.ceil((new_in + MIN_CLIP) * rate) / rate, 6)
    return new_in, framed


def _snapped(edge_time: float, targets: Iterable[float]) -> bool:
    return any(abs(edge_time - t) < 1e-3 for t in targets)




def trim_readout(edge: str, in_point: float, out_point: float) -> str:
    """What a trim shows while an edge is dragged: "In 0:02.40 · 0:08.12 long"."""
    point = in_point if edge == "in" else out_point
    length = duration_text(out_point - in_point)
    return f"{'In' if edge == 'in' else 'Out'} {duration_text(point)} · {length} long"





"""The timeline's editing rules as plain functions of numbers: no Qt, tested directly.

Times are seconds. A lesson's items play one after another, so an item's place on the
lesson's timeline is the sum of the durations before it. Items without a duration (quizzes,
pages) are markers: they take no time and are drawn at the point where they happen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studio.model import Item, Slide, VideoClip
from studio.timecode import format_time

MIN_CLIP = 0.1  # seconds: the shortest clip a trim may leave
NUDGE_STEP = 0.1  # seconds per arrow key press (ten times that with Ctrl)
MAX_SHUTTLE = 8.0
DEFAULT_FPS = 30.0  # frame steps where no frame rate is known (slides, unprobed clips)
RULER_STEPS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)


@dataclass(frozen=True)
class Box:
    """One item placed on the lesson's timeline."""

    item_id: str
    kind: str
    title: str
    start: float  # seconds from the lesson's start
    duration: float
    in_point: float = 0.0  # clips: the range of the source that plays
    out_point: float = 0.0
    source_duration: float | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def is_marker(self) -> bool:
        return self.duration <= 0

    @property
    def trimmable(self) -> bool:
        return self.kind in ("video", "slide")

    def source_time(self, lesson_time: float) -> float:
        """The source time shown at a lesson time inside this box (clips only)."""
        return self.in_point + (lesson_time - self.start)


def layout(items: Iterable[Item], source_durations: dict[str, float | None]) -> list[Box]:
    boxes, start = [], 0.0
    for item in items:
        duration = item.duration
        if isinstance(item, VideoClip):
            box = Box(item.id, "video", item.title, start, duration, item.in_point,
                      item.out_point, source_durations.get(item.asset_id or ""))
        elif isinstance(item, Slide):
            box = Box(item.id, "slide", item.title, start, duration, 0.0, duration)
        else:
            box = Box(item.id, str(item.kind), item.title, start, 0.0)
        boxes.append(box)
        start += duration
    return boxes


def snap(value: float, targets: Iterable[float], tolerance: float) -> float:
    """The nearest target within tolerance, else the value itself."""
    best = min(targets, key=lambda t: abs(t - value), default=None)
    if best is not None and abs(best - value) <= tolerance:
        return best
    return value


def snap_targets(boxes: Sequence[Box], playhead: float, exclude: str = "") -> list[float]:
    """Edges a dragged edge snaps to: the playhead and every other item's boundaries."""
    points = {0.0, playhead}
    for box in boxes:
        if box.item_id != exclude:
            points.update((box.start, box.end))
    return sorted(points)


def trim_by_drag(box: Box, edge: str, delta: float, targets: Iterable[float] = (),
                 tolerance: float = 0.0) -> tuple[float, float]:
    """New (in, out) points after dragging one edge of a box by ``delta`` seconds.

    Trimming ripples: the box keeps its start on the lesson's timeline and everything after
    it follows, so the dragged edge sits at ``start`` (in edge) or ``start + duration`` (out
    edge) plus the drag. That edge snaps to ``targets`` (lesson times) within ``tolerance``;
    the result never leaves the source nor makes the box shorter than :data:`MIN_CLIP`.
    """
    if edge not in ("in", "out"):
        raise ValueError(f"edge must be 'in' or 'out', not {edge!r}")
    if edge == "in":
        edge_time = snap(box.start + delta, targets, tolerance)
        new_in = box.in_point + (edge_time - box.start)
        new_in = min(max(new_in, 0.0), box.out_point - MIN_CLIP)
        return round(new_in, 3), box.out_point
    edge_time = snap(box.end + delta, targets, tolerance)
    new_out = box.out_point + (edge_time - box.end)
    limit = box.source_duration if box.source_duration is not None else math.inf
    new_out = max(min(new_out, limit), box.in_point + MIN_CLIP)
    return box.in_point, round(new_out, 3)


def edge_at(boxes: Sequence[Box], time: float, tolerance: float) -> tuple[Box, str] | None:
    """The trimmable box edge within tolerance of a lesson time, nearest first."""
    found: list[tuple[float, Box, str]] = []
    for box in boxes:
        if box.trimmable and not box.is_marker:
            if box.kind == "video":
                found.append((abs(time - box.start), box, "in"))
            found.append((abs(time - box.end), box, "out"))
    found = [f for f in found if f[0] <= tolerance]
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    return found[0][1], found[0][2]


def box_at(boxes: Sequence[Box], time: float, marker_tolerance: float = 0.0) -> Box | None:
    """The box under a lesson time: a marker within tolerance wins over a clip."""
    markers = [b for b in boxes if b.is_marker and abs(b.start - time) <= marker_tolerance]
    if markers:
        return min(markers, key=lambda b: abs(b.start - time))
    for box in boxes:
        if not box.is_marker and box.start <= time < box.end:
            return box
    return None


def drop_index(boxes: Sequence[Box], moving_id: str, time: float) -> int:
    """Where an item dragged to a lesson time lands, as an index among the other items."""
    others = [b for b in boxes if b.item_id != moving_id]
    for index, box in enumerate(others):
        middle = box.start + box.duration / 2
        if time < middle:
            return index
    return len(others)


def split_time(box: Box, playhead: float) -> float | None:
    """The source time to split a clip at the playhead, or None if it is not inside."""
    if box.kind != "video":
        return None
    at = round(box.source_time(playhead), 3)
    if box.in_point + MIN_CLIP <= at <= box.out_point - MIN_CLIP:
        return at
    return None


def ruler_step(pixels_per_second: float, min_label_px: float = 80.0) -> float:
    """The smallest tick step whose labels stay ``min_label_px`` apart."""
    for step in RULER_STEPS:
        if step * pixels_per_second >= min_label_px:
            return step
    return RULER_STEPS[-1]


def shuttle(rate: float, key: str) -> float:
    """J/K/L: L plays forward and doubles the speed, J the same backwards, K stops."""
    if key == "K":
        return 0.0
    if key == "L":
        return 1.0 if rate <= 0 else min(rate * 2, MAX_SHUTTLE)
    if key == "J":
        return -1.0 if rate >= 0 else max(rate * 2, -MAX_SHUTTLE)
    raise ValueError(f"not a shuttle key: {key!r}")


def frame_step(box: Box | None, playhead: float, frames: int, fps: float) -> float:
    """The lesson time ``frames`` frames away from the playhead, on a frame start of the
    clip's source (a video box) or of the lesson (anything else); ``fps`` frames a second."""
    origin = box.start - box.in_point if box is not None and box.kind == "video" else 0.0
    frame = round((playhead - origin) * fps)
    return round(origin + (frame + frames) / fps, 6)


def timecode(seconds: float, precise: bool = False) -> str:
    """A time as the ruler labels it: ``m:ss`` (``h:mm:ss`` past an hour), tenths if precise."""
    return format_time(seconds, 1 if precise else 0)


def duration_text(seconds: float) -> str:
    """The one way the window writes a duration or a playhead time (outline, inspector,
    readouts, cue points): ``m:ss.cc``, hundredths, so 7.97 s reads 0:07.97 in every panel
    (:func:`studio.timecode.format_time`, which :func:`studio.timecode.parse_time` reads)."""
    return format_time(seconds, 2)

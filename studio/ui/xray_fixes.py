"""The one-click fixes the X-ray tab offers, as plain functions of the course and the measures
(no Qt): trim the cold segment after a clip's drop-off, move a cue point into the part of the
clip learners watched, edit a question. Each fix is one existing command, so one undo step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studio.model import Course, VideoClip
from studio.ui.timeline.logic import MIN_CLIP, timecode
from studio.xray.result import QuestionMeasures, VideoMeasures

WATCHED_SHARE = 0.5  # a second is "watched" when at least this share of the clip's peak saw it
MOVE_MARGIN_S = 1.0  # a moved cue lands this long before the cold part begins

TRIM, MOVE_CUE, EDIT = "trim", "move_cue", "edit"


@dataclass(frozen=True)
class Fix:
    """One fix: ``kind`` (TRIM, MOVE_CUE, EDIT), the button's ``label``, the ``item_id``;
    TRIM: ``in_point``/``out_point`` (seconds of the source, None: unchanged); MOVE_CUE:
    ``cue_id`` and ``time`` (seconds of the source); EDIT: ``question_id`` (and ``cue_id`` for
    a question asked in the video)."""

    kind: str
    label: str
    item_id: str
    cue_id: str = ""
    question_id: str = ""
    time: float | None = None
    in_point: float | None = None
    out_point: float | None = None


def _clip(course: Course, item_id: str) -> VideoClip | None:
    found = course.find(item_id)
    return found if isinstance(found, VideoClip) else None


def trim_fix(course: Course, video: VideoMeasures) -> Fix | None:
    """Cut the clip's cold tail after its drop-off (new out point = in point + the drop-off
    second, rounded up to a whole second). None when there is no drop-off, it is at the very
    end, the clip would become shorter than the timeline allows, or the tail is not cold:
    some second of it was watched by :data:`WATCHED_SHARE` of the clip's peak audience (a
    drop-off of a few learners is no reason to cut what most watch)."""
    clip = _clip(course, video.item)
    if clip is None or video.drop_off_s is None:
        return None
    keep = math.ceil(video.drop_off_s)
    if keep < MIN_CLIP or keep >= clip.duration - 0.5:
        return None
    counts = video.viewers_per_second
    if max(counts[keep:], default=0) >= WATCHED_SHARE * max(counts, default=0):
        return None
    return Fix(TRIM, f"Trim cold segment after {timecode(keep)}", clip.id,
               out_point=round(clip.in_point + keep, 6))


def watched_until(video: VideoMeasures, before_s: float) -> int | None:
    """The last whole second before ``before_s`` (seconds of the item) that most of the
    clip's peak audience watched (:data:`WATCHED_SHARE`); None when none was."""
    counts = video.viewers_per_second
    peak = max(counts, default=0)
    if not peak:
        return None
    for second in range(min(len(counts), math.ceil(before_s)) - 1, -1, -1):
        if counts[second] >= WATCHED_SHARE * peak:
            return second
    return None


def move_cue_fix(course: Course, question: QuestionMeasures, video: VideoMeasures | None
                 ) -> Fix | None:
    """Move a question's cue point back into the watched part of its clip: to
    :data:`MOVE_MARGIN_S` before the first cold second after the last watched one, when the cue
    sits in a part most viewers never reach; None when it is already watched or not a cue."""
    clip = _clip(course, question.item)
    cue = next((c for c in clip.cue_points if c.id == question.cue), None) if clip else None
    if clip is None or cue is None or video is None:
        return None
    cue_s = cue.time - clip.in_point
    counts = video.viewers_per_second
    peak = max(counts, default=0)
    at = int(cue_s)
    if not peak or (at < len(counts) and counts[at] >= WATCHED_SHARE * peak):
        return None
    last = watched_until(video, cue_s)
    if last is None:
        return None
    target = max(0.0, last + 1 - MOVE_MARGIN_S)
    return Fix(MOVE_CUE, f"Move cue point to {timecode(target)}", clip.id, cue_id=cue.id,
               time=round(clip.in_point + target, 6))


def edit_fix(question: QuestionMeasures) -> Fix:
    """Open the question in its editor."""
    return Fix(EDIT, "Edit question", question.item, cue_id=question.cue or "",
               question_id=question.id)

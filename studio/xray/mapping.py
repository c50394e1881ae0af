"""Where learner data about a clip lands on the *current* timeline.

A video statement's times are seconds of the clip as it was exported (0 = its in point then).
The studio's ``EXT_CLIP`` context extension carries that in point (seconds of the source) and
the source's version, so a time t is the source second ``clip_in + t``, which is the current
item's second ``clip_in + t - clip.in_point``; only seconds within [0, clip.duration) are on
the current cut (the rest was trimmed away since). Rows whose version differs from
:func:`studio.export.versions.clip_version` are about an older source and are not mapped.
Rows without ``clip_in`` (older packages, other tools) are taken as exported with the current
cut. Cue points are seconds of the source, so a cue sits at ``cue.time - clip.in_point``.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.export.versions import clip_version
from studio.model import Course, CuePoint, VideoClip


@dataclass(frozen=True)
class ClipFrame:
    """A clip as the measures place data on it: ``in_point`` (seconds of the source) and
    ``duration`` (seconds) of the current cut, ``version`` of its source, ``lesson`` its
    lesson id, ``cues`` (cue id, second on the current item) in time order."""

    item: str
    title: str
    lesson: str
    in_point: float
    duration: float
    version: str
    cues: tuple[tuple[str, float], ...] = ()

    @property
    def seconds(self) -> int:
        """Whole seconds the per-second measures cover: ceil(duration)."""
        whole = int(self.duration)
        return whole + (1 if self.duration > whole else 0)

    def shift(self, clip_in: float | None) -> float:
        """Seconds to add to an exported time to get the current item's second (0 when the
        export had the current in point, or did not say)."""
        return 0.0 if clip_in is None else clip_in - self.in_point

    def to_current(self, t: float, clip_in: float | None) -> float | None:
        """The current item's second of exported time ``t`` (seconds), None when it falls
        outside the current cut [0, duration)."""
        placed = t + self.shift(clip_in)
        return placed if 0.0 <= placed < self.duration else None

    def is_older(self, version: str | None) -> bool:
        """Whether a row's ``version`` names another source than the current one (None: the
        row does not say, taken as current)."""
        return version is not None and version != self.version


def cue_second(clip: VideoClip, cue: CuePoint) -> float:
    """A cue's second on the current item: ``cue.time - clip.in_point``."""
    return cue.time - clip.in_point


def clip_frames(course: Course) -> tuple[ClipFrame, ...]:
    """Every clip of the course, in outline order, as a :class:`ClipFrame`."""
    return tuple(
        ClipFrame(item.id, item.title, item.lesson_id, item.in_point, item.duration,
                  clip_version(item, course),
                  tuple((cue.id, cue_second(item, cue)) for cue in item.cue_points))
        for item in course.items() if isinstance(item, VideoClip))


def frames_sql(frames: tuple[ClipFrame, ...]) -> tuple[str, list]:
    """A DuckDB ``VALUES`` list of the frames, columns (item, cur_in, dur, n_seconds, version),
    with its parameters; one row of NULLs (matching nothing) when there are none."""
    if not frames:
        return ("SELECT NULL::VARCHAR AS item, NULL::DOUBLE AS cur_in, NULL::DOUBLE AS dur, "
                "NULL::BIGINT AS n_seconds, NULL::VARCHAR AS version WHERE false", [])
    rows = ", ".join("(?, ?::DOUBLE, ?::DOUBLE, ?::BIGINT, ?)" for _ in frames)
    params = [v for f in frames for v in (f.item, f.in_point, f.duration, f.seconds, f.version)]
    return (f"SELECT * FROM (VALUES {rows}) AS f(item, cur_in, dur, n_seconds, version)",
            params)

"""Flashes in a video, measured against WCAG 2.2's "general flash and red flash thresholds"
(definition in WCAG 2.2 §7 Glossary, used by success criterion 2.3.1 Three Flashes or Below
Threshold).

Each frame is decoded at a reduced size and cut into a grid of cells; every cell follows its
own relative luminance (sRGB linearised, WCAG 2.2 "relative luminance") and its red value.

- A *transition* of a cell is an opposing change of relative luminance of at least 0.1 (10 %
  of the maximum, 1.0) where the darker state is below 0.80; for red, a change of
  (R - G - B) x 320 (linear values, negatives as 0) of more than 20 where one state is a
  saturated red (R / (R + G + B) >= 0.8).
- A *flash* is a pair of opposing transitions; a cell flashes too often at a moment when
  the second up to it holds more than 3 flashes, counted as more than 6 transitions (a
  seventh transition starts a fourth flash).
- The area: a 10 degree visual field is taken as 341 x 256 px of a 1024 x 768 screen on
  which the video fills the screen, scaled to the frame; the video fails at a moment when,
  in some such window, the cells flashing too often cover 25 % of it or more.

The analysis reports the moments as time ranges in seconds from the start asked for, from
the first to the last transition of the cells that flashed too often.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from studio.errors import MediaError, ProjectWriteError
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.av_video import open_video
from studio.media.cache import cache_key, write_atomic

ANALYSIS_VERSION = 1  # part of the cache key: bump when the measurement changes
FIELD = (341, 256)  # a 10 degree visual field, in pixels of a 1024 x 768 screen
SCREEN = (1024, 768)
CELLS_PER_FIELD = 8  # the field is 8 x 8 cells of the grid
AREA_SHARE = 0.25  # share of the field that may not flash too often
MAX_FLASHES = 3  # a second may hold three flashes, not more
LUMINANCE_STEP = 0.1  # of the maximum relative luminance, 1.0
DARK_BELOW = 0.8
RED_STEP = 20.0 + 1e-9  # a change of (R - G - B) x 320 of more than 20
RED_SATURATED = 0.8  # R / (R + G + B)
SAMPLE = 4  # pixels of the decoded frame per cell side, averaged in linear light
# sRGB 8-bit value -> linear value (WCAG 2.2 "relative luminance", IEC 61966-2-1)
_V = np.arange(256) / 255.0
LINEAR = np.where(_V <= 0.04045, _V / 12.92, ((_V + 0.055) / 1.055) ** 2.4).astype(np.float32)


@dataclass(frozen=True)
class FlashAnalysis:
    """What :func:`analyse_flashes` measured: ``seconds`` of video analysed, ``general``
    and ``red`` the time ranges (start, end) in seconds from the analysed start where the
    general or the red flash threshold is passed (empty when it never is), and
    ``most_flashes`` the most flashes any second held over a quarter of a 10 degree field."""

    seconds: float
    general: tuple[tuple[float, float], ...] = ()
    red: tuple[tuple[float, float], ...] = ()
    most_flashes: int = 0

    @property
    def fails(self) -> bool:
        """Whether any moment passes either threshold (WCAG 2.2 SC 2.3.1 not met)."""
        return bool(self.general or self.red)

    def as_json(self) -> dict:
        """The analysis as kept in the cache (JSON)."""
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict) -> FlashAnalysis:
        """The analysis of :meth:`as_json`; KeyError/TypeError/ValueError when malformed."""
        return cls(float(raw["seconds"]), tuple(tuple(map(float, r)) for r in raw["general"]),
                   tuple(tuple(map(float, r)) for r in raw["red"]), int(raw["most_flashes"]))


class _Transitions:
    """Opposing changes of one measure in every cell, frame after frame."""

    def __init__(self, step: float):
        self.step = step
        self.anchor: np.ndarray | None = None  # value at the last turning point
        self.anchor_ok: np.ndarray | None = None  # that point may start a transition
        self.direction: np.ndarray | None = None  # +1 rising, -1 falling, 0 none yet

    def feed(self, value: np.ndarray, ok: np.ndarray, pair_ok) -> np.ndarray:
        """The cells where this frame completes a transition. ``ok`` says per cell whether
        the new state may take part; ``pair_ok(anchor_ok, ok, anchor, value)`` whether the
        pair of states qualifies."""
        if self.anchor is None:
            self.anchor, self.anchor_ok = value.copy(), ok.copy()
            self.direction = np.zeros(value.shape, np.int8)
            return np.zeros(value.shape, bool)
        change = value - self.anchor
        sign = np.sign(change).astype(np.int8)
        # still moving the way of the last transition: the turning point moves with it
        extend = (sign != 0) & (sign == self.direction)
        hit = (np.abs(change) >= self.step) & (sign != self.direction) & \
            pair_ok(self.anchor_ok, ok, self.anchor, value)
        move = extend | hit
        self.anchor[move] = value[move]
        self.anchor_ok[move] = ok[move]
        self.direction[hit] = sign[hit]
        return hit


class _Window:
    """Transitions of the last second per cell, and the moments the area rule is broken."""

    def __init__(self, grid: tuple[int, int], field: tuple[int, int]):
        self.grid, self.field = grid, field
        self.recent: deque[tuple[float, np.ndarray]] = deque()
        self.count = np.zeros(grid, np.int32)
        self.cells_needed = math.ceil(AREA_SHARE * field[0] * field[1])
        self.ranges: list[tuple[float, float]] = []
        self.most = 0

    def add(self, time: float, hits: np.ndarray) -> None:
        self.recent.append((time, hits))
        self.count += hits
        while self.recent and self.recent[0][0] <= time - 1.0 + 1e-6:
            self.count -= self.recent.popleft()[1]
        flashes = self.count // 2
        top = int(flashes.max())
        while self.most < top and self._covered(flashes >= self.most + 1).any():
            self.most += 1
        if int(self.count.max()) <= 2 * MAX_FLASHES:
            return
        too_many = self.count > 2 * MAX_FLASHES
        covered = self._covered(too_many)
        if not covered.any():
            return
        times = [t for t, h in self.recent if (h & too_many).any()]
        self._extend(times[0], times[-1])

    def _covered(self, marked: np.ndarray) -> np.ndarray:
        """Per field position, whether the marked cells cover the share the rule allows."""
        fy, fx = self.field
        table = np.pad(marked.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        sums = table[fy:, fx:] - table[:-fy, fx:] - table[fy:, :-fx] + table[:-fy, :-fx]
        return sums >= self.cells_needed

    def _extend(self, start: float, end: float) -> None:
        if self.ranges and start <= self.ranges[-1][1] + 1e-6:
            self.ranges[-1] = (self.ranges[-1][0], max(end, self.ranges[-1][1]))
        else:
            self.ranges.append((start, end))


def grid_for(width: int, height: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """((rows, columns) of the cell grid, (rows, columns) of cells in a 10 degree field)
    for a frame of ``width`` x ``height`` pixels shown full screen on 1024 x 768."""
    scale = min(SCREEN[0] / width, SCREEN[1] / height)
    cell_w = FIELD[0] / scale / CELLS_PER_FIELD
    cell_h = FIELD[1] / scale / CELLS_PER_FIELD
    columns, rows = max(1, round(width / cell_w)), max(1, round(height / cell_h))
    return (rows, columns), (min(rows, CELLS_PER_FIELD), min(columns, CELLS_PER_FIELD))


def _general_pair(anchor_ok, ok, anchor, value):
    return np.minimum(anchor, value) < DARK_BELOW


def _red_pair(anchor_ok, ok, anchor, value):
    return anchor_ok | ok


def analyse_flashes(path: Path, start: float = 0.0, end: float | None = None,
                    progress: Progress = no_progress,
                    token: CancelToken | None = None) -> FlashAnalysis:
    """Measure flashes in the video of ``path`` from ``start`` to ``end`` seconds of the
    source (None: to its end); ranges in the result are seconds from ``start``. Raises
    MediaError when the file cannot be opened or decoded or has no picture, Cancelled when
    ``token`` is."""
    import av  # noqa: PLC0415 (slow import, kept off start-up)

    container, stream = open_video(path, "to look for flashes", "to look for flashes in")
    with container:
        stream.thread_type = "AUTO"
        try:
            return _analyse(container, stream, start, end, progress, token)
        except av.error.FFmpegError as exc:
            raise MediaError(f"Cannot decode {Path(path).name} to look for flashes: "
                             f"{exc}.") from exc


def _analyse(container, stream, start, end, progress, token) -> FlashAnalysis:
    base, origin = float(stream.time_base), stream.start_time or 0
    context = stream.codec_context
    grid, field = grid_for(context.width, context.height)
    rows, columns = grid
    luminance, red = _Transitions(LUMINANCE_STEP), _Transitions(RED_STEP)
    general_window, red_window = _Window(grid, field), _Window(grid, field)
    if end is not None:
        total = end - start
    elif stream.duration:
        total = float(stream.duration * base) - start
    else:  # Matroska and WebM state the length of the file, not of the stream
        total = (container.duration or 0) / 1_000_000 - start
    if start > 0:
        container.seek(origin + int(start / base), stream=stream, backward=True)
    last = 0.0
    for frame in container.decode(stream):
        if frame.pts is None:
            continue
        time = (frame.pts - origin) * base
        if time < start - 1e-6:
            continue
        if end is not None and time >= end - 1e-6:
            break
        if token is not None:
            token.check()
        rgb = frame.reformat(columns * SAMPLE, rows * SAMPLE, "rgb24",
                             interpolation="AREA").to_ndarray()
        linear = LINEAR[rgb].reshape(rows, SAMPLE, columns, SAMPLE, 3).mean(axis=(1, 3))
        r, g, b = linear[..., 0], linear[..., 1], linear[..., 2]
        lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
        redness = np.maximum(r - g - b, 0.0) * 320.0
        saturated = r >= RED_SATURATED * (r + g + b + 1e-9)
        at = time - start
        general_window.add(at, luminance.feed(lum, np.ones(grid, bool), _general_pair))
        red_window.add(at, red.feed(redness, saturated & (r > 0), _red_pair))
        last = at
        if total > 0:
            progress(min(1.0, at / total), "Looking for flashes")
    seconds = round(total if total > 0 else last, 3)
    return FlashAnalysis(seconds, _rounded(general_window.ranges), _rounded(red_window.ranges),
                         max(general_window.most, red_window.most))


def _rounded(ranges: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    return tuple((round(a, 2), round(b, 2)) for a, b in ranges)


def cached_analysis(cache_dir: Path | None, sha256: str, path: Path, start: float = 0.0,
                    end: float | None = None, progress: Progress = no_progress,
                    token: CancelToken | None = None) -> FlashAnalysis:
    """:func:`analyse_flashes`, kept in ``cache_dir/a11y/`` under a key of the file's
    SHA-256, the cut and :data:`ANALYSIS_VERSION` (no cache when ``cache_dir`` is None).
    Errors as :func:`analyse_flashes`; a cache that cannot be written is not an error."""
    if cache_dir is None:
        return analyse_flashes(path, start, end, progress, token)
    key = cache_key({"flashes": ANALYSIS_VERSION, "sha256": sha256, "start": start,
                     "end": end})
    stored = Path(cache_dir) / "a11y" / f"flashes-{key[:40]}.json"
    try:
        return FlashAnalysis.from_json(json.loads(stored.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    analysis = analyse_flashes(path, start, end, progress, token)
    # a cache that cannot be written (read-only, full disk) costs a re-analysis, nothing more
    with contextlib.suppress(ProjectWriteError):
        write_atomic(stored, json.dumps(analysis.as_json(), sort_keys=True).encode("utf-8"))
    return analysis

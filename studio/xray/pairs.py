""""Cold segment + weak item": a question at a cue point of a clip, read with the stretch of the
clip that leads to it.

A cue question's segment is the span of the current item from the previous cue point (or
the start) to its own cue. A viewer *watched* it when they played at least half of its
seconds (``xray_spans``, :mod:`studio.xray.video`), else *skipped* it. The pair is reported
when most viewers skipped the segment (:data:`COLD_SHARE`), or when most of those who
watched it and answered still got the question wrong (:data:`WEAK_SHARE`): either the
teaching is not watched, or watching it does not teach what the question asks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from studio.model import VideoClip
from studio.xray.items import Asked
from studio.xray.mapping import ClipFrame
from studio.xray.result import ColdWeakPair

COLD_SHARE = 0.5  # a segment is cold when more than half its clip's viewers skipped it
WEAK_SHARE = 0.5  # an item is weak when more than half the watchers who answered failed it
MIN_SEGMENT_S = 1.0  # shorter segments (cues a moment apart) are not judged


def cold_weak_pairs(con, asked: Sequence[Asked], frames: tuple[ClipFrame, ...],
                    viewers: dict[str, int]) -> tuple[ColdWeakPair, ...]:
    """The pairs, in ``asked`` order, from ``xray_spans`` and ``xray_answers``; ``viewers``
    the clips' viewer counts (:class:`~studio.xray.result.VideoMeasures` ``viewers``).
    ``skipped`` the share of the clip's viewers who did not watch the segment;
    ``watched_failed`` the watchers whose first answer was not fully right."""
    by_item = {f.item: f for f in frames}
    segments = []
    for n, a in enumerate(asked):
        frame = by_item.get(a.item.id)
        if not isinstance(a.item, VideoClip) or frame is None or a.cue_s is None:
            continue
        earlier = [s for _, s in frame.cues if s < a.cue_s]
        low = max(0.0, max(earlier, default=0.0))
        high = min(frame.duration, a.cue_s)
        if high - low >= MIN_SEGMENT_S and viewers.get(a.item.id):
            # seconds i with low <= i + 0.5 < high, as xray_spans counts them
            first = math.ceil(low - 0.5)
            segments.append((n, a.item.id, low, high, first, math.ceil(high - 0.5) - first))
    if not segments:
        return ()
    values = ", ".join("(?::BIGINT, ?, ?::BIGINT, ?::BIGINT)" for _ in segments)
    asked_qs = ", ".join(str(int(s[0])) for s in segments)
    params = [v for n, item, _, _, first, m in segments for v in (n, item, first, m)]
    rows = con.execute(f"""
        WITH seg AS (SELECT * FROM (VALUES {values}) AS g(q, item, first, m)),
        watchers AS (
            SELECT g.q, p.learner FROM xray_spans p JOIN seg g ON p.item = g.item
            WHERE p.s1 > g.first AND p.s0 < g.first + g.m
            GROUP BY g.q, p.learner, g.m
            HAVING 2 * sum(least(p.s1, g.first + g.m) - greatest(p.s0, g.first)) >= g.m)
        SELECT w.q, count(*),
               count(a.learner) FILTER (WHERE a.credit IS NOT NULL),
               count(a.learner) FILTER (WHERE a.credit IS NOT NULL AND NOT a.fully)
        FROM watchers w LEFT JOIN (SELECT * FROM xray_answers WHERE q IN ({asked_qs})) a
            ON a.q = w.q AND a.learner = w.learner
        GROUP BY w.q""", params).fetchall()
    watched = {q: (int(w), int(answered), int(failed)) for q, w, answered, failed in rows}
    out = []
    for n, item, low, high, _, _ in segments:
        watchers, answered, failed = watched.get(n, (0, 0, 0))
        skipped = max(0.0, 1.0 - watchers / viewers[item])
        weak = answered > 0 and failed / answered > WEAK_SHARE
        if skipped > COLD_SHARE or weak:
            out.append(ColdWeakPair(asked[n].question.id, item, (round(low, 3), round(high, 3)),
                                    round(skipped, 4), failed))
    return tuple(out)

"""Per clip and per second of the current timeline: viewers, re-watches, drop-off, rewinds.

Sources: the xAPI Video Profile 1.0 (``https://w3id.org/xapi/video``): ``played-segments``
(``a[.]b[,]c[.]d``, the spans a session played, cumulative over the session), ``time-from`` /
``time-to`` of ``seeked``; times are placed on the current cut by :mod:`studio.xray.mapping`.
The per-second work runs in DuckDB over temporary tables (``xray_*``) that
:func:`prepare_video` builds on the measuring connection; the pairs and the lesson funnel
read them too.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from studio.xray.mapping import ClipFrame, frames_sql
from studio.xray.result import RewindCluster, VideoMeasures

# Viewing that reaches this close to the end (seconds) counts as watched to the end (the
# player itself reports "completed" within 0.3 s of the end; a second allows for the last
# timeupdate before a learner closes the page).
END_SLACK_S = 1.0
# The drop-off is the cliff, not one second: leavers within this many seconds either side of
# a second are one drop-off; it is reported only when it holds at least this share of the
# clip's viewers and this many learners (fewer is the steady trickle every video has).
DROP_WINDOW_S = 2
MIN_DROP_SHARE = 0.10
MIN_DROP_LEARNERS = 5
# A seek counts as a rewind when it lands at least this many seconds earlier.
MIN_REWIND_S = 1.0
# Rewinds whose start and landing are both within this many seconds of a cluster's densest
# 1-second cell belong to that cluster.
REWIND_RADIUS_S = 3.0
# A cluster needs at least this many rewinds, and this share of the clip's viewers.
MIN_CLUSTER_REWINDS = 3
MIN_CLUSTER_SHARE = 0.02
MAX_CLUSTERS = 5  # per clip, the largest first


def prepare_video(con, table: str, frames: tuple[ClipFrame, ...]) -> None:
    """Build the temporary tables of viewing on ``con`` (a DuckDB connection whose ``table``
    holds :data:`studio.xray.rows.STATEMENT_COLUMNS`):

    ``xray_frames`` the clips; ``xray_video`` (a view) every row about a clip with its ``shift``
    (seconds to add to its times, :meth:`ClipFrame.shift`) and ``older`` (another source);
    ``xray_segments`` (item, learner, a, b): each session's played segments (from its row
    with the longest list, the list being cumulative), mapped to current seconds;
    ``xray_raw`` (item, learner, s0, s1): each segment as the seconds it plays, s0 <= i < s1
    — a segment plays second i when it covers its middle, a <= i + 0.5 < b, so consecutive
    segments never count a second twice, and a segment reaching the end plays the last,
    partial second; ``xray_spans`` the same merged per learner (the seconds each learner
    played, without repeats); ``xray_reach`` (item, learner, reach, before_cut): the furthest
    second of the current cut the learner's viewing reached (segment ends and reported
    times), ``before_cut`` when all of it ended before the current in point (a learner who
    never saw the current cut)."""
    values, params = frames_sql(frames)
    con.execute(f"CREATE OR REPLACE TEMP TABLE xray_frames AS {values}", params)
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW xray_video AS
        SELECT s.learner, coalesce(s.session, s.id) AS session, s.verb, s.timestamp,
               f.item, coalesce(s.clip_in, f.cur_in) - f.cur_in AS shift,
               coalesce(s.version <> f.version, false) AS older,
               s.segments, s.time, s.time_from, s.time_to
        FROM {table} s JOIN xray_frames f ON s.ref = f.item
        WHERE s.kind = 'item' AND s.learner IS NOT NULL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE xray_segments AS
        WITH last AS (
            SELECT item, learner, max(shift) AS shift,
                   arg_max(segments, (length(segments), timestamp, segments)) AS segments
            FROM xray_video WHERE NOT older AND coalesce(segments, '') <> ''
            GROUP BY item, learner, session),
        parts AS (
            SELECT item, learner, shift, unnest(string_split(segments, '[,]')) AS part
            FROM last),
        nums AS (
            SELECT item, learner, shift,
                   TRY_CAST(split_part(part, '[.]', 1) AS DOUBLE) AS x,
                   TRY_CAST(split_part(part, '[.]', 2) AS DOUBLE) AS y
            FROM parts WHERE contains(part, '[.]'))
        SELECT item, learner, least(x, y) + shift AS a, greatest(x, y) + shift AS b
        FROM nums WHERE isfinite(x) AND isfinite(y)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE xray_raw AS
        SELECT * FROM (
            SELECT s.item, s.learner, greatest(ceil(s.a - 0.5), 0)::BIGINT AS s0,
                   CASE WHEN s.b >= f.dur THEN f.n_seconds
                        ELSE least(ceil(s.b - 0.5)::BIGINT, f.n_seconds) END AS s1
            FROM xray_segments s JOIN xray_frames f USING (item)
            WHERE s.b > 0 AND s.a < f.dur)
        WHERE s1 > s0""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE xray_spans AS
        WITH ordered AS (
            SELECT *, max(s1) OVER (PARTITION BY item, learner ORDER BY s0, s1
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM xray_raw),
        islands AS (
            SELECT *, sum(CASE WHEN before IS NULL OR s0 > before THEN 1 ELSE 0 END)
                OVER (PARTITION BY item, learner ORDER BY s0, s1 ROWS UNBOUNDED PRECEDING)
                AS island FROM ordered)
        SELECT item, learner, min(s0) AS s0, max(s1) AS s1 FROM islands
        GROUP BY item, learner, island""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE xray_reach AS
        WITH ends AS (
            SELECT item, learner, b AS t FROM xray_segments
            UNION ALL
            SELECT item, learner, time + shift FROM xray_video
            WHERE NOT older AND time IS NOT NULL AND isfinite(time))
        SELECT e.item, e.learner, least(greatest(max(e.t), 0), any_value(f.dur)) AS reach,
               max(e.t) < 0 AS before_cut
        FROM ends e JOIN xray_frames f USING (item) GROUP BY ALL""")


def _per_second(con, table: str, frames: tuple[ClipFrame, ...]) -> dict[str, np.ndarray]:
    """Per clip, how many spans of ``table`` cover each second (a difference array summed)."""
    index = {f.item: n for n, f in enumerate(frames)}
    out = {f.item: np.zeros(f.seconds + 1, dtype=np.int64) for f in frames}
    for column, sign in (("s0", 1), ("s1", -1)):
        for item, sec, count in con.execute(
                f"SELECT item, {column}, count(*) FROM {table} GROUP BY ALL").fetchall():
            if item in index:
                out[item][int(sec)] += sign * int(count)
    return {item: np.cumsum(edges)[:-1] for item, edges in out.items()}


def video_measures(con, frames: tuple[ClipFrame, ...]) -> tuple[VideoMeasures, ...]:
    """One :class:`VideoMeasures` per frame, in the frames' order, from the tables of
    :func:`prepare_video`:

    ``viewers`` distinct learners with a statement about the clip's current source, but for
    those whose viewing all ended before the current in point (they never saw this cut);
    ``viewers_per_second[i]`` distinct learners who played second i; ``rewatches_per_second[i]``
    plays of second i beyond each such learner's first; ``drop_offs`` (second, learners) for
    viewers whose furthest point reached, ``reach``, is short of the end by more than
    :data:`END_SLACK_S` — they left at second floor(reach) for good; ``drop_off_s``,
    ``drop_off_learners``, ``drop_off_span`` from :func:`drop_off`;
    ``rewinds`` :func:`rewind_clusters`; ``outside_s`` seconds of played segments that fall
    outside the current cut; ``older_version`` rows about another source."""
    counts = {item: (int(v), int(o)) for item, v, o in con.execute("""
        SELECT v.item, count(DISTINCT v.learner) FILTER (WHERE NOT v.older
                                                        AND NOT coalesce(r.before_cut, false)),
               count(*) FILTER (WHERE v.older)
        FROM xray_video v LEFT JOIN xray_reach r USING (item, learner)
        GROUP BY v.item""").fetchall()}
    watching = _per_second(con, "xray_spans", frames)
    playing = _per_second(con, "xray_raw", frames)
    outside = dict(con.execute("""
        SELECT s.item, fsum(greatest(0, (s.b - s.a)
                                 - greatest(0, least(s.b, f.dur) - greatest(s.a, 0))))
        FROM xray_segments s JOIN xray_frames f USING (item) GROUP BY s.item""").fetchall())
    leaves: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item, sec, learners in con.execute(f"""
            SELECT r.item, least(floor(r.reach)::BIGINT, f.n_seconds - 1) AS sec, count(*)
            FROM xray_reach r JOIN xray_frames f USING (item)
            WHERE r.reach < f.dur - {END_SLACK_S} AND NOT r.before_cut
            GROUP BY ALL ORDER BY ALL""").fetchall():
        leaves[item].append((int(sec), int(learners)))
    rewinds = rewind_clusters(con, {item: v for item, (v, _) in counts.items()})
    out = []
    for frame in frames:
        viewers, older = counts.get(frame.item, (0, 0))
        watched, played = watching[frame.item], playing[frame.item]
        drops = tuple(leaves.get(frame.item, ()))
        cliff = drop_off(drops, viewers)
        out.append(VideoMeasures(
            item=frame.item, title=frame.title, lesson=frame.lesson,
            length_s=round(frame.duration, 3), viewers=viewers,
            viewers_per_second=tuple(int(v) for v in watched),
            rewatches_per_second=tuple(int(p) for p in played - watched),
            drop_off_s=float(cliff[0]) if cliff else None, drop_offs=drops,
            drop_off_learners=cliff[1] if cliff else 0,
            drop_off_span=cliff[2] if cliff else None,
            rewinds=rewinds.get(frame.item, ()),
            outside_s=round(float(outside.get(frame.item) or 0.0), 3), older_version=older))
    return tuple(out)


def drop_off(drops: tuple[tuple[int, int], ...], viewers: int
             ) -> tuple[int, int, tuple[int, int]] | None:
    """The clip's cliff: (second, learners, (first second, last second)) where the most viewers
    left within :data:`DROP_WINDOW_S` seconds either side of a second (the window with the
    most leavers, the earliest on a tie), from ``drops`` (second, learners who left there).
    ``learners`` counts every leaver in the window, the span runs from its first to its last
    second with leavers, the second is the one of them most left at (the earliest on a tie).
    None when no window holds :data:`MIN_DROP_LEARNERS` leavers and
    :data:`MIN_DROP_SHARE` of the ``viewers``: a loss that small is no drop-off."""
    if not drops:
        return None
    seconds = np.array([d[0] for d in drops])
    counts = np.array([d[1] for d in drops])
    best, best_sum = 0, -1
    for second in range(int(seconds.max()) + 1):
        total = int(counts[np.abs(seconds - second) <= DROP_WINDOW_S].sum())
        if total > best_sum:
            best, best_sum = second, total
    if best_sum < max(MIN_DROP_LEARNERS, MIN_DROP_SHARE * viewers):
        return None
    inside = np.abs(seconds - best) <= DROP_WINDOW_S
    peak = int(seconds[inside][int(np.argmax(counts[inside]))])
    return peak, best_sum, (int(seconds[inside].min()), int(seconds[inside].max()))


def rewind_clusters(con, viewers: dict[str, int]) -> dict[str, tuple[RewindCluster, ...]]:
    """Rewinds per clip, clustered: ``seeked`` rows (current source) whose landing ``time-to``
    is at least :data:`MIN_REWIND_S` before ``time-from``, both on the current cut. The
    densest 1-second cell of (from, to) seeds a cluster holding every remaining rewind within
    :data:`REWIND_RADIUS_S` of its middle in both; repeated while a cluster has at least
    :data:`MIN_CLUSTER_REWINDS` rewinds and :data:`MIN_CLUSTER_SHARE` of the viewers, at most
    :data:`MAX_CLUSTERS`. ``from_s``/``to_s`` are the members' means (0.1 s), ``learners``
    distinct learners among them."""
    rows = con.execute(f"""
        SELECT v.item, v.learner, v.time_from + v.shift AS f, v.time_to + v.shift AS t
        FROM xray_video v JOIN xray_frames f USING (item)
        WHERE NOT v.older AND v.verb = 'seeked' AND isfinite(v.time_from)
          AND isfinite(v.time_to) AND v.time_to < v.time_from - {MIN_REWIND_S}
          AND v.time_from + v.shift BETWEEN 0 AND f.dur
          AND v.time_to + v.shift >= 0 AND v.time_to + v.shift < f.dur
        ORDER BY v.item, v.learner, f, t""").fetchall()
    by_item: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for item, learner, f, t in rows:
        by_item[item].append((learner, f, t))
    out = {}
    for item, seeks in by_item.items():
        learners = np.array([s[0] for s in seeks], dtype=object)
        starts = np.array([s[1] for s in seeks])
        lands = np.array([s[2] for s in seeks])
        left = np.ones(len(seeks), dtype=bool)
        least = max(MIN_CLUSTER_REWINDS, MIN_CLUSTER_SHARE * viewers.get(item, 0))
        found = []
        while left.any() and len(found) < MAX_CLUSTERS:
            cells: dict[tuple[int, int], int] = defaultdict(int)
            for f, t in zip(np.floor(starts[left]), np.floor(lands[left]), strict=True):
                cells[(int(f), int(t))] += 1
            (cf, ct), _ = max(cells.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
            near = (left & (np.abs(starts - (cf + 0.5)) <= REWIND_RADIUS_S)
                    & (np.abs(lands - (ct + 0.5)) <= REWIND_RADIUS_S))
            if near.sum() < least:
                break
            found.append(RewindCluster(
                from_s=round(float(starts[near].mean()), 1),
                to_s=round(float(lands[near].mean()), 1), count=int(near.sum()),
                learners=len(set(learners[near]))))
            left &= ~near
        out[item] = tuple(sorted(found, key=lambda c: (-c.count, c.from_s, c.to_s)))
    return out

"""The use case: every X-ray measure of a course from the learner data the project keeps.

Same rows and same course give the same :class:`~studio.xray.result.XRay` (every order is
explicit, no clock is read). The per-second and per-answer work runs in DuckDB on the store's
connection, in temporary tables that are dropped before it returns.
"""

from __future__ import annotations

from studio.jobs import CancelToken, Progress, no_progress
from studio.model import Course
from studio.xray.items import asked_questions, prepare_answers, question_measures
from studio.xray.lessons import lesson_measures
from studio.xray.mapping import clip_frames
from studio.xray.pairs import cold_weak_pairs
from studio.xray.result import XRay
from studio.xray.video import prepare_video, video_measures

TABLE = "statements"
_TEMP = ("xray_frames", "xray_segments", "xray_raw", "xray_spans", "xray_reach",
         "xray_refs", "xray_versions", "xray_items", "xray_lesson_learners", "xray_course_learners")


def measure(course: Course, store, progress: Progress | None = None,
            token: CancelToken | None = None) -> XRay:
    """Measure ``course`` from ``store`` (a :class:`studio.xray.store.LearnerStore`: its
    ``connect()`` gives a DuckDB connection holding the ``statements`` table). Progress
    0..1 with a message per stage; raises :class:`~studio.errors.Cancelled` when ``token``
    is cancelled between stages, and the store's LearnerDataError when it cannot be read.
    ``latest`` is the newest statement ``timestamp`` (when the learner acted; ``stored`` only
    for a row without one, as xAPI 1.0.3 Data §2.4.7 has the LRS fill it), the same whether
    the rows came from an LRS, a file or a SCORM report; the store's newest ``stored`` is
    only where the next LRS read starts."""
    with store.connect() as con:
        return measure_on(con, course, TABLE, progress, token)


def measure_on(con, course: Course, table: str = TABLE, progress: Progress | None = None,
               token: CancelToken | None = None) -> XRay:
    """:func:`measure` on an open DuckDB connection whose ``table`` has the learner-data
    columns (:data:`studio.xray.rows.STATEMENT_COLUMNS`)."""
    progress = progress or no_progress
    token = token or CancelToken()
    try:
        con.execute("SET TimeZone = 'UTC'")
        learners, statements, latest = con.execute(f"""
            SELECT count(DISTINCT learner), count(*),
                   strftime(max(coalesce(timestamp, stored)), '%Y-%m-%dT%H:%M:%S.%fZ')
            FROM {table}""").fetchone()
        frames = clip_frames(course)
        progress(0.05, "Placing viewing on the timeline")
        prepare_video(con, table, frames)
        token.check()
        progress(0.4, "Measuring videos")
        videos = video_measures(con, frames)
        token.check()
        progress(0.6, "Measuring questions")
        asked = asked_questions(course)
        prepare_answers(con, table, asked)
        questions, quizzes = question_measures(con, asked)
        token.check()
        progress(0.8, "Measuring lessons")
        lessons = lesson_measures(con, table, course, frames)
        pairs = cold_weak_pairs(con, asked, frames, {v.item: v.viewers for v in videos})
        progress(1.0, "Measured")
    finally:
        for view in ("xray_answers", "xray_video"):
            con.execute(f"DROP VIEW IF EXISTS temp.{view}")
        for name in _TEMP:
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    return XRay(course=course.identifier, learners=int(learners), statements=int(statements),
                latest=latest, videos=videos, questions=questions, quizzes=quizzes,
                lessons=lessons, pairs=pairs)

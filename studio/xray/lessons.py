"""Per lesson (or cmi5 AU): the completion funnel and the time learners spent against the
time the course plans.

A row belongs to a lesson when it is about the lesson itself, one of its items, or an
interaction of one of its items (the item named in the interaction id), else by its context
parent lesson. Reads the tables :mod:`studio.xray.video` and :mod:`studio.xray.items` build.
"""

from __future__ import annotations

from studio.model import Course, Page, Quiz, VideoClip
from studio.quiz.types import QUESTION_TYPES
from studio.xray.mapping import ClipFrame
from studio.xray.result import FUNNEL_STEPS, LessonMeasures

# Time spent: gaps between a learner's consecutive statements in a lesson count up to this
# many seconds; a longer gap is a learner away (the idle cut-off analytics tools commonly
# apply, e.g. 30 minutes of inactivity ends a session in web analytics).
IDLE_CAP_S = 1800.0
# Planned time: timed items (clips, slides) their running time; a page its words read at
# 238 words per minute (Brysbaert 2019, "How many words do we read per minute?", J. Memory
# and Language 109: silent reading of non-fiction); a question one minute (the common
# rule of thumb for one multiple-choice item).
READING_WPM = 238.0
SECONDS_PER_QUESTION = 60.0


def planned_seconds(course: Course, lesson_id: str) -> float:
    """Seconds a lesson plans: its items' running time, pages at :data:`READING_WPM`, and
    :data:`SECONDS_PER_QUESTION` per question asked (quiz questions, or a quiz's draw when
    it draws, and cue questions)."""
    lesson = next(le for le in course.lessons() if le.id == lesson_id)
    total = 0.0
    for item in lesson.items:
        total += item.duration
        if isinstance(item, Page):
            total += len(item.text.split()) / READING_WPM * 60.0
        questions = getattr(item, "questions", ())
        asked = [q for q in questions if QUESTION_TYPES.get(q.type) is not None
                 and QUESTION_TYPES[q.type].interaction is not None]
        count = min(len(asked), item.draw) if isinstance(item, Quiz) and item.draw else len(asked)
        total += count * SECONDS_PER_QUESTION
    return round(total, 1)


def _prepare(con, table: str) -> None:
    """``xray_lesson_learners`` (les, learner, on_item, attempted, passed, spent): per lesson
    and learner, whether they had a statement about an item, answered a quiz question, were
    passed on the lesson itself, and the seconds spent (capped gaps); ``xray_course_learners``
    (learner, passed): learners with statements about the course itself."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE xray_lesson_learners AS
        WITH placed AS (
            SELECT s.learner, s.registration, s.timestamp,
                   coalesce(m.lesson, CASE WHEN s.kind = 'lesson' THEN s.ref END, s.lesson)
                       AS les,
                   m.item IS NOT NULL AS on_item,
                   coalesce(m.item_kind = 'quiz' AND s.verb = 'answered', false) AS answered,
                   (s.kind = 'lesson' AND s.verb = 'passed') AS passed
            FROM {table} s LEFT JOIN xray_items m ON m.item = CASE
                WHEN s.kind = 'item' THEN s.ref
                WHEN s.kind = 'interaction'
                    THEN regexp_extract(s.ref, '^(itm_[A-Za-z0-9]+)', 1) END
            WHERE s.learner IS NOT NULL),
        attempts AS (
            SELECT les, learner, bool_or(on_item) AS on_item, bool_or(answered) AS answered,
                   bool_or(passed) AS passed,
                   list_sort(list(epoch(timestamp)) FILTER (WHERE timestamp IS NOT NULL))
                       AS times
            FROM placed WHERE les IS NOT NULL GROUP BY les, learner, registration)
        SELECT les, learner, bool_or(on_item) AS on_item, bool_or(answered) AS attempted,
               bool_or(passed) AS passed,
               fsum(coalesce(list_sum(list_transform(range(1, len(times)),
                   lambda i: least(times[i + 1] - times[i], {IDLE_CAP_S}))), 0)) AS spent
        FROM attempts GROUP BY les, learner""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE xray_course_learners AS
        SELECT learner, bool_or(verb = 'passed') AS passed FROM {table}
        WHERE kind = 'course' AND learner IS NOT NULL GROUP BY learner""")


def lesson_measures(con, table: str, course: Course, frames: tuple[ClipFrame, ...]
                    ) -> tuple[LessonMeasures, ...]:
    """One :class:`LessonMeasures` per lesson, in outline order. The funnel counts distinct
    learners at each step of :data:`FUNNEL_STEPS`:

    ``launched`` any statement in the lesson, and, for the course's first lesson, any
    statement about the course itself (a course-wide package opens at its first lesson);
    ``first_item`` a statement about one of its items or their questions; ``half_video``
    played at least half of the seconds of the lesson's clips together (None without clips);
    ``quiz_attempted`` answered a question of one of its quizzes (None without a quiz);
    ``passed`` a ``passed`` statement about the lesson (a per-lesson package), or about the
    course by a learner who attempted the lesson's quiz (None without a scored quiz).
    ``time_spent_s`` is the median over the lesson's learners of the summed gaps between
    their consecutive statements in it (per registration, each gap capped at
    :data:`IDLE_CAP_S`); ``planned_s`` :func:`planned_seconds`."""
    lessons = course.lessons()
    items = [(i.id, le.id, i.kind.value) for le in lessons for i in le.items]
    values = ", ".join("(?, ?, ?)" for _ in items) or "(NULL, NULL, NULL)"
    con.execute(f"CREATE OR REPLACE TEMP TABLE xray_items AS SELECT * FROM (VALUES {values}) "
                f"AS m(item, lesson, item_kind)", [v for row in items for v in row])
    _prepare(con, table)
    first = lessons[0].id if lessons else None
    counts = {les: row for les, *row in con.execute("""
        SELECT l.les, count(*), count(*) FILTER (WHERE l.on_item),
               count(*) FILTER (WHERE l.attempted),
               count(*) FILTER (WHERE l.passed OR (l.attempted AND coalesce(c.passed, false))),
               median(l.spent)
        FROM xray_lesson_learners l LEFT JOIN xray_course_learners c USING (learner)
        GROUP BY l.les""").fetchall()}
    launched_first = con.execute("""
        SELECT count(*) FROM (SELECT learner FROM xray_lesson_learners WHERE les = ?
                              UNION SELECT learner FROM xray_course_learners)""",
                                 [first]).fetchone()[0] if first else 0
    half = _half_video(con, frames)
    out = []
    for lesson in lessons:
        launched, first_item, attempted, passed, spent = counts.get(lesson.id,
                                                                    (0, 0, 0, 0, None))
        if lesson.id == first:
            launched = launched_first
        has_clip = any(isinstance(i, VideoClip) for i in lesson.items)
        quizzes = [i for i in lesson.items if isinstance(i, Quiz)]
        scored = any(QUESTION_TYPES.get(q.type) is not None and QUESTION_TYPES[q.type].scored
                     for quiz in quizzes for q in quiz.questions)
        funnel = dict(zip(FUNNEL_STEPS, (
            launched, first_item, half.get(lesson.id, 0) if has_clip else None,
            attempted if quizzes else None, passed if scored else None), strict=True))
        out.append(LessonMeasures(lesson.id, lesson.title, funnel,
                                  None if spent is None else round(float(spent), 1),
                                  planned_seconds(course, lesson.id)))
    return tuple(out)


def _half_video(con, frames: tuple[ClipFrame, ...]) -> dict[str, int]:
    """Learners per lesson who played at least half of its clips' seconds."""
    totals: dict[str, int] = {}
    for frame in frames:
        totals[frame.lesson] = totals.get(frame.lesson, 0) + frame.seconds
    if not totals:
        return {}
    values = ", ".join("(?, ?::BIGINT)" for _ in totals)
    return dict(con.execute(f"""
        WITH need AS (SELECT * FROM (VALUES {values}) AS n(lesson, secs)),
        played AS (
            SELECT m.lesson, p.learner, sum(p.s1 - p.s0) AS secs
            FROM xray_spans p JOIN xray_items m ON m.item = p.item GROUP BY ALL)
        SELECT p.lesson, count(*) FROM played p JOIN need n USING (lesson)
        WHERE 2 * p.secs >= n.secs GROUP BY p.lesson""",
        [v for pair in totals.items() for v in pair]).fetchall())

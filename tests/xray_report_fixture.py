"""A course and its X-ray built by hand (no learner data, no store), for the report's tests."""

from __future__ import annotations

from studio.model import (
    Course,
    CuePoint,
    ItemKind,
    Lesson,
    Module,
    Question,
    Quiz,
    VideoClip,
)
from studio.xray.result import (
    ColdWeakPair,
    LessonMeasures,
    QuestionMeasures,
    QuizMeasures,
    RewindCluster,
    VideoMeasures,
    XRay,
)

CHOICES = ({"id": "a", "text": "Lock out the machine", "correct": True},
           {"id": "b", "text": "Ask a colleague", "correct": False},
           {"id": "c", "text": "Carry on <quickly>", "correct": False})
PAIRS = ({"id": "p1", "left": "Red", "right": "Stop"}, {"id": "p2", "left": "Green", "right": "Go"})


def report_course() -> Course:
    """One lesson: a 60 s clip with a cue question, and a quiz of two questions."""
    cue_q = Question("q_cue", "truefalse", "Is the guard removable?", cue_id="cue_1",
                     data={"answer": False})
    clip = VideoClip("itm_clip", ItemKind.VIDEO, "Machine safety & you", "les_1",
                     in_point=5.0, out_point=65.0,
                     cue_points=(CuePoint("cue_1", 35.0, "Guard"),), questions=(cue_q,))
    quiz = Quiz("itm_quiz", ItemKind.QUIZ, "Check yourself", "les_1", questions=(
        Question("q_lock", "choice", "First step before maintenance?", data={"choices": CHOICES}),
        Question("q_match", "matching", "Match the signals", data={"pairs": PAIRS})))
    lesson = Lesson("les_1", "Before you start", "mod_1", items=(clip, quiz))
    return Course("course-1", "Workshop <safety>", modules=(Module("mod_1", "M", (lesson,)),))


def report_xray() -> XRay:
    """Measures of :func:`report_course` as the measures would give them."""
    viewers = tuple(100 - (60 if s >= 40 else 0) - s // 10 for s in range(60))
    rewatches = tuple(12 if 20 <= s < 30 else 0 for s in range(60))
    video = VideoMeasures(
        "itm_clip", "Machine safety & you", "les_1", 60.0, 100, viewers, rewatches, 40.0,
        drop_offs=((12, 3), (40, 58), (59, 30)), drop_off_learners=58, drop_off_span=(40, 40),
        rewinds=(RewindCluster(31.0, 19.5, 44, 37),), outside_s=4.5, older_version=7)
    questions = (
        QuestionMeasures("q_lock", "itm_quiz", "First step before maintenance?", 950, 0.97,
                         0.12, {"a": 0.97, "b": 0.02, "c": 0.01}, 1 / 3, 8.5,
                         ("too_easy", "low_discrimination")),
        QuestionMeasures("q_match", "itm_quiz", "Match the signals", 930, 0.55, -0.21,
                         {"p1[.]p1[,]p2[.]p2": 0.55, "p1[.]p2[,]p2[.]p1": 0.45}, 0.5, 14.0,
                         ("negative_discrimination",)),
        QuestionMeasures("q_cue", "itm_clip", "Is the guard removable?", 12, 0.5, None,
                         {"false": 0.5, "true": 0.5}, 0.5, 4.0, ("few_answers",),
                         cue="cue_1", cue_s=30.0))
    lesson = LessonMeasures("les_1", "Before you start",
                            {"launched": 1000, "first_item": 980, "half_video": 420,
                             "quiz_attempted": 940, "passed": 610}, 912.0, 600.0)
    return XRay("course-1", 1000, 123456, "2026-11-30T10:00:00+00:00", videos=(video,),
                questions=questions, quizzes=(QuizMeasures("itm_quiz", 900, 0.41, "kr20"),),
                lessons=(lesson,),
                pairs=(ColdWeakPair("q_cue", "itm_clip", (20.0, 30.0), 0.62, 9),))

"""What X-ray measured, as the faces show it: per video (viewers per second of the current
timeline), per question, per quiz, per lesson, and the "cold segment + weak item" pairs.

Seconds here are seconds of the *current* item (0 = the clip's current in point), mapped
from the exported clip's time by :mod:`studio.xray.mapping`. Shares are 0..1. ``as_json``
gives the shape ``studio xray --json`` prints (ids as ``studio ls --json`` lists them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Question flags, in the order they are listed.
TOO_EASY = "too_easy"
TOO_HARD = "too_hard"
NEGATIVE_DISCRIMINATION = "negative_discrimination"
LOW_DISCRIMINATION = "low_discrimination"
FEW_ANSWERS = "few_answers"
OLDER_VERSION = "older_version"  # every answer was given to an earlier version of the question
FLAGS = (TOO_EASY, TOO_HARD, NEGATIVE_DISCRIMINATION, LOW_DISCRIMINATION, FEW_ANSWERS,
         OLDER_VERSION)

# The completion funnel's steps, in order.
FUNNEL_STEPS = ("launched", "first_item", "half_video", "quiz_attempted", "passed")


def decimals(value: float, places: int = 2, sign: bool = False) -> str:
    """``value`` as text with ``places`` decimals (``sign``: always with + or -), rounded
    first so a value that rounds to zero never reads "-0.00"."""
    value = round(value, places) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{value:+.{places}f}" if sign else f"{value:.{places}f}"


@dataclass(frozen=True)
class RewindCluster:
    """Seeks backwards that land near one another: ``count`` seeks from around ``from_s`` back
    to around ``to_s`` (seconds of the current item), by ``learners`` distinct learners."""

    from_s: float
    to_s: float
    count: int
    learners: int


@dataclass(frozen=True)
class VideoMeasures:
    """One clip (or narrated slide) on the current timeline. ``viewers_per_second[i]``: distinct
    learners who played second [i, i+1) of the current item; ``rewatches_per_second[i]``: plays
    of that second beyond each learner's first; ``drop_off_s``: the second of the drop-off,
    the cliff where the most viewers stopped watching for good (None: no notable loss,
    :func:`studio.xray.video.drop_off`), ``drop_off_learners`` the learners who left over
    the whole cliff, ``drop_off_span`` its first and last second; ``drop_offs``:
    (second, learners whose viewing ended there) for every second where someone left;
    ``outside_s``: seconds of data that fall outside the current cut (trimmed away since
    export); ``older_version``: statements about an earlier source of the item (kept apart,
    not in the counts)."""

    item: str
    title: str
    lesson: str
    length_s: float
    viewers: int
    viewers_per_second: tuple[int, ...]
    rewatches_per_second: tuple[int, ...]
    drop_off_s: float | None
    drop_offs: tuple[tuple[int, int], ...] = ()
    rewinds: tuple[RewindCluster, ...] = ()
    outside_s: float = 0.0
    older_version: int = 0
    drop_off_learners: int = 0
    drop_off_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class QuestionMeasures:
    """One question: ``answers`` (learners' first answers counted), ``facility`` (share fully
    right), ``discrimination`` (point-biserial of the item against the rest score), ``choices``
    (response -> share of answers, distractors included), ``guess`` (the score expected from
    random answers), ``median_time_s``, ``flags`` (from :data:`FLAGS`); ``item`` the quiz or
    the clip/slide whose cue point asks it, ``cue_s`` that cue's second on the current item;
    ``older_answers`` how many of the ``answers`` were given to an earlier version of the
    question (all of them: the figures describe that version, flagged ``older_version``)."""

    id: str
    item: str
    prompt: str
    answers: int
    facility: float | None
    discrimination: float | None
    choices: dict[str, float] = field(default_factory=dict)
    guess: float | None = None
    median_time_s: float | None = None
    flags: tuple[str, ...] = ()
    cue: str | None = None
    cue_s: float | None = None
    older_answers: int = 0


@dataclass(frozen=True)
class QuizMeasures:
    """One quiz (``kind`` "quiz") or the questions at the cue points of one clip or slide
    (``kind`` "cues", listed only when it has at least two): ``reliability`` KR-20 when every
    question is scored right/wrong, else Cronbach's alpha (``method`` "kr20" or "alpha"), over
    ``learners`` who answered every question; None below two questions or two such learners."""

    item: str
    learners: int
    reliability: float | None
    method: str
    kind: str = "quiz"


@dataclass(frozen=True)
class LessonMeasures:
    """One lesson (or cmi5 AU): ``funnel`` learners at each of :data:`FUNNEL_STEPS` (steps that
    do not apply, e.g. no video, are None); ``time_spent_s`` the median time learners spent in
    it; ``planned_s`` the time the course plans for it."""

    id: str
    title: str
    funnel: dict[str, int | None]
    time_spent_s: float | None
    planned_s: float


@dataclass(frozen=True)
class ColdWeakPair:
    """A question at a cue point whose segment (the ``segment_s`` before the cue, seconds of the
    current item) most learners skipped (``skipped`` share of the item's viewers), or whose
    segment learners watched and still failed (``watched_failed`` learners)."""

    question: str
    item: str
    segment_s: tuple[float, float]
    skipped: float
    watched_failed: int


@dataclass(frozen=True)
class XRay:
    """Everything measured for one course: ``learners`` distinct actors, ``statements`` rows
    used, ``latest`` the newest statement timestamp (ISO 8601 UTC; ``stored`` for a row without
    a timestamp; the data's date, never the clock, the same whatever the source)."""

    course: str
    learners: int
    statements: int
    latest: str | None
    videos: tuple[VideoMeasures, ...] = ()
    questions: tuple[QuestionMeasures, ...] = ()
    quizzes: tuple[QuizMeasures, ...] = ()
    lessons: tuple[LessonMeasures, ...] = ()
    pairs: tuple[ColdWeakPair, ...] = ()

    def as_json(self) -> dict:
        """The JSON ``studio xray --json`` prints: course, learners, statements, latest, videos,
        questions, quizzes, lessons, pairs (lists of the dataclasses' fields)."""
        return asdict(self) | {
            "videos": [asdict(v) for v in self.videos],
            "questions": [asdict(q) for q in self.questions],
        }

"""Per question and per quiz: facility, discrimination, choice shares, guessing, time,
reliability, and the flags a designer acts on.

Each learner's FIRST answer to a question counts (by timestamp, then stored, then id); later
attempts are left out, as Moodle's quiz statistics do by default ("first attempt"), so
practice does not inflate facility. An answer's credit is ``result.score.scaled`` (0..1), else
1 or 0 from ``result.success``; it is *fully right* when ``success`` is true or scaled >= 1;
an answer with neither is unscored. Interaction ids map to questions with
:func:`studio.xray.rows.parse_interaction` (an LMS's ``_aN`` suffix is the same question).
The questions of a quiz form one test; the cue questions of one clip or slide form another.

Answers given to an earlier version of a question (``EXT_QUESTION_VERSION`` differs from
:func:`studio.export.versions.question_version`) are still measured — the version is a hash,
so it cannot tell a typo fix from a new question — and counted (``older_answers``); when
every answer predates the current version the question is flagged ``older_version``: its
figures describe the earlier version only.

Sources: Moodle Docs, "Quiz statistics calculations" (facility index, discrimination
index, the thresholds below); Kuder & Richardson (1937), "The theory of the estimation of
test reliability", Psychometrika 2(3) (KR-20); Cronbach (1951), "Coefficient alpha and the
internal structure of tests", Psychometrika 16(3).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from studio.export.versions import question_version
from studio.model import Course, Item, Question, Quiz, Slide, VideoClip
from studio.quiz.types import QUESTION_TYPES
from studio.xray.mapping import cue_second
from studio.xray.result import (
    FEW_ANSWERS,
    FLAGS,
    LOW_DISCRIMINATION,
    NEGATIVE_DISCRIMINATION,
    OLDER_VERSION,
    TOO_EASY,
    TOO_HARD,
    QuestionMeasures,
    QuizMeasures,
)
from studio.xray.rows import parse_interaction

# Moodle's quiz statistics read a facility index above 90 % as "very easy" and below 20 %
# as "very difficult" (Moodle Docs, "Quiz report statistics"); a discrimination index
# below 0 as bad (the weaker learners do better: a wrong key or a misleading question) and
# below 20 % as weak.
TOO_EASY_ABOVE = 0.90
TOO_HARD_BELOW = 0.20
LOW_DISCRIMINATION_BELOW = 0.20
# A negative D is flagged only when it is credibly below zero: a one-sided test of the
# point-biserial at this level (Fisher's conventional 5 %), so noise around zero is not
# reported as a wrong key.
NEGATIVE_SIGNIFICANCE = 0.05
# Below this many answers the figures are noise: only ``few_answers`` is flagged.
FEW_ANSWERS_BELOW = 20
# The cue questions of one clip or slide are measured as a test of their own only when
# there are at least this many (one question has no reliability).
MIN_CUE_TEST = 2
# Choice shares list every option of a choice-like question; free text lists the most
# frequent responses and gathers the rest under OTHER.
TOP_RESPONSES = 10
OTHER = "(other)"
_FREE_TEXT = ("fill", "numeric", "essay")


@dataclass(frozen=True)
class Asked:
    """A question the player asks: ``item`` its quiz, clip or slide, ``cue`` its cue point
    (None in a quiz), ``cue_s`` that cue's second on the current item (a slide: on the
    slide)."""

    question: Question
    item: Item
    cue: str | None
    cue_s: float | None


def asked_questions(course: Course) -> tuple[Asked, ...]:
    """Every question the player reports, in outline order (as
    :func:`studio.export.tincan.interaction_ids` lists them): quiz questions, and cue
    questions of clips and narrated slides whose cue exists; descriptions, which are no
    interaction, left out."""
    out = []
    for item in course.items():
        if isinstance(item, Quiz):
            out += [Asked(q, item, None, None) for q in item.questions]
        elif isinstance(item, VideoClip) or isinstance(item, Slide) and item.narration_asset_id:
            cues = {c.id: c for c in item.cue_points}
            for q in item.questions:
                cue = cues.get(q.cue_id)
                if cue is not None:
                    at = cue_second(item, cue) if isinstance(item, VideoClip) else cue.time
                    out.append(Asked(q, item, cue.id, round(at, 3)))
    return tuple(a for a in out if QUESTION_TYPES.get(a.question.type) is not None
                 and QUESTION_TYPES[a.question.type].interaction is not None)


def _refs(con, table: str, asked: Sequence[Asked]) -> list[tuple[str, int]]:
    """(ref, index in ``asked``) of each interaction ref in ``table`` that names an asked
    question."""
    index = {(a.item.id, a.cue, a.question.id): n for n, a in enumerate(asked)}
    pairs = []
    found = con.execute(f"SELECT DISTINCT ref FROM {table} WHERE verb = 'answered' "
                        f"AND kind = 'interaction' AND ref IS NOT NULL ORDER BY ref").fetchall()
    for (ref,) in found:
        parsed = parse_interaction(ref)
        n = index.get((parsed.item, parsed.cue, parsed.question)) if parsed else None
        if n is not None:
            pairs.append((ref, n))
    return pairs


def prepare_answers(con, table: str, asked: Sequence[Asked]) -> None:
    """Build the view ``xray_answers`` (q, learner, lkey, credit, fully, response, duration,
    older) on ``con``: each learner's first answer to each asked question (``q`` its index
    in ``asked``, ``lkey`` the learner's 64-bit DuckDB hash, ``credit`` NULL when unscored),
    over the small tables ``xray_refs`` and ``xray_versions``. A view, not a table: its
    readers take what they need in one pass each."""
    refs = _refs(con, table, asked)
    con.execute("CREATE OR REPLACE TEMP TABLE xray_refs (ref VARCHAR, q BIGINT)")
    con.execute("CREATE OR REPLACE TEMP TABLE xray_versions (q BIGINT, version VARCHAR)")
    if refs:
        con.executemany("INSERT INTO xray_refs VALUES (?, ?)", refs)
    if asked:
        con.executemany("INSERT INTO xray_versions VALUES (?, ?)",
                        [(n, question_version(a.question)) for n, a in enumerate(asked)])
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW xray_answers AS
        WITH firsts AS (
            SELECT r.q, s.learner, arg_min(
                struct_pack(success := s.success, scaled := s.scaled, response := s.response,
                            duration := s.duration, version := s.version),
                (coalesce(s.timestamp, 'infinity'::TIMESTAMPTZ),
                 coalesce(s.stored, 'infinity'::TIMESTAMPTZ), s.id)) AS a
            FROM {table} s JOIN xray_refs r ON s.ref = r.ref
            WHERE s.verb = 'answered' AND s.kind = 'interaction' AND s.learner IS NOT NULL
            GROUP BY r.q, s.learner),
        flat AS (SELECT q, learner, a.success, a.scaled, a.response, a.duration, a.version
                 FROM firsts)
        SELECT f.q, f.learner, hash(f.learner) AS lkey,
               CASE WHEN f.scaled IS NOT NULL AND isfinite(f.scaled)
                    THEN least(greatest(f.scaled, 0), 1)
                    WHEN f.success IS NOT NULL THEN f.success::INTEGER::DOUBLE END AS credit,
               (coalesce(f.success, false) OR coalesce(f.scaled >= 1, false)) AS fully,
               f.response, f.duration,
               coalesce(f.version <> v.version, false) AS older
        FROM flat f JOIN xray_versions v USING (q)""")


def guess_score(question: Question) -> float | None:
    """The chance that a uniformly random response is fully right: 1/n for a single choice
    (n options), 1/(2^n - 1) for a multiple response or hotspot (any non-empty set of n),
    1/2 for true/false, 1/n! for matching and sequencing (n pairs or items), 1/k^n for a
    drag-and-drop (n items into k categories), 0 for typed answers (fill-in, numeric); None
    for unscored types (likert, essay)."""
    qtype = QUESTION_TYPES.get(question.type)
    if qtype is None or not qtype.scored:
        return None
    data = question.data
    if question.type == "truefalse":
        return 0.5
    if question.type in ("fill", "numeric"):
        return 0.0
    if question.type == "dragdrop":
        items, cats = len(data.get("items") or ()), len(data.get("categories") or ())
        return 1.0 / cats ** items if items and cats else None
    if question.type in ("matching", "sequencing"):
        n = len(data.get("pairs" if question.type == "matching" else "items") or ())
        return 1.0 / math.factorial(n) if n else None
    n = len(data.get(qtype.options or "choices") or ())
    if not n:
        return None
    return 1.0 / (2 ** n - 1) if qtype.several_right else 1.0 / n


def negative_p(r: float, n: int) -> float | None:
    """The one-sided p-value of a point-biserial (Pearson) correlation ``r`` over ``n``
    learners against "the true correlation is zero", alternative "it is below zero": the
    Student t test with n - 2 degrees of freedom, t = r * sqrt((n - 2) / (1 - r^2)) (as
    ``scipy.stats.pearsonr(..., alternative="less")``). None below three learners."""
    if n < 3:
        return None
    if r <= -1.0:
        return 0.0
    if r >= 1.0:
        return 1.0
    return float(stats.t.cdf(r * math.sqrt((n - 2) / (1.0 - r * r)), n - 2))


def question_flags(answers: int, facility: float | None, discrimination: float | None,
                   older: bool, negative_p_value: float | None = None) -> tuple[str, ...]:
    """The flags of a question, in :data:`FLAGS` order: ``few_answers`` when 0 < answers <
    :data:`FEW_ANSWERS_BELOW` (then no figure-based flag); ``too_easy`` facility >
    :data:`TOO_EASY_ABOVE`; ``too_hard`` facility < :data:`TOO_HARD_BELOW`;
    ``negative_discrimination`` when D is credibly below zero: D < 0 and the one-sided test
    of :func:`negative_p` gives p < :data:`NEGATIVE_SIGNIFICANCE` (``negative_p_value``);
    ``low_discrimination`` otherwise when D < :data:`LOW_DISCRIMINATION_BELOW` (a D that
    cannot be told from zero discriminates poorly, it is not shown to be wrong);
    ``older_version`` when ``older`` (every answer was to an earlier version)."""
    found = set()
    if 0 < answers < FEW_ANSWERS_BELOW:
        found.add(FEW_ANSWERS)
    elif answers:
        if facility is not None and facility > TOO_EASY_ABOVE:
            found.add(TOO_EASY)
        if facility is not None and facility < TOO_HARD_BELOW:
            found.add(TOO_HARD)
        if discrimination is not None:
            if (discrimination < 0 and negative_p_value is not None
                    and negative_p_value < NEGATIVE_SIGNIFICANCE):
                found.add(NEGATIVE_DISCRIMINATION)
            elif discrimination < LOW_DISCRIMINATION_BELOW:
                found.add(LOW_DISCRIMINATION)
    if older:
        found.add(OLDER_VERSION)
    return tuple(f for f in FLAGS if f in found)


def _pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    if len(x) < 2:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    norm = math.sqrt(float(dx @ dx) * float(dy @ dy))
    return float(dx @ dy) / norm if norm > 0 else None


def reliability(scores: np.ndarray) -> float | None:
    """Cronbach's alpha of a learners x questions matrix of credits (every learner answered
    every question): k/(k-1) * (1 - sum of question variances / variance of totals), with
    population variances; on right/wrong credits this is exactly KR-20 (k/(k-1) * (1 - sum
    p q / variance)). None below two questions or two learners, or when totals do not vary."""
    learners, k = scores.shape
    if k < 2 or learners < 2:
        return None
    total = scores.sum(axis=1).var()
    if total <= 0:
        return None
    return float(k / (k - 1) * (1 - scores.var(axis=0).sum() / total))


def _r4(x: float | None) -> float | None:
    return None if x is None else round(x, 4) + 0.0  # + 0.0: no negative zero


def _answers(con, count: int) -> dict[str, np.ndarray]:
    """The first answers of ``xray_answers`` as arrays sorted by question then learner key,
    with ``rank`` a learner number from 0 (by the learner's 64-bit hash: a fixed order, so
    sums run in the same order each time; two learners sharing a hash, about one chance in
    10^10 for 100,000 learners, would count as one)."""
    data = con.execute("""
        SELECT q, lkey, coalesce(credit, 'NaN'::DOUBLE) AS credit, fully,
               coalesce(duration, 'NaN'::DOUBLE) AS duration, older,
               coalesce(response, '') AS response
        FROM xray_answers""").fetchnumpy()
    order = np.lexsort((data["lkey"], data["q"]))
    data = {name: np.asarray(column)[order] for name, column in data.items()}
    data["q"] = data["q"].astype(int)
    data["rank"] = np.unique(data["lkey"], return_inverse=True)[1].reshape(-1)
    data["bounds"] = np.searchsorted(data["q"], np.arange(count + 1))
    return data


def _per_question(data: dict[str, np.ndarray], n: int) -> tuple | None:
    """(answers, facility, median time s, older answers, scored answers, response counts) of
    question ``n``, None without answers."""
    part = slice(data["bounds"][n], data["bounds"][n + 1])
    if part.start == part.stop:
        return None
    times = data["duration"][part]
    times = times[~np.isnan(times)]
    counted = Counter(data["response"][part].tolist())
    return (part.stop - part.start, float(np.mean(data["fully"][part])),
            float(np.median(times)) if len(times) else None,
            int(np.count_nonzero(data["older"][part])),
            int(np.count_nonzero(~np.isnan(data["credit"][part]))),
            sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))


def _tests(data: dict[str, np.ndarray], asked: Sequence[Asked]
           ) -> tuple[dict[int, tuple[float | None, float | None]], list[QuizMeasures]]:
    """(discrimination, :func:`negative_p`) per scored question and reliability per test (see
    :func:`question_measures`)."""
    credits = np.full((len(asked), int(data["rank"].max()) + 1 if len(data["rank"]) else 1),
                      np.nan)
    credits[data["q"], data["rank"]] = data["credit"]
    tests: dict[str, list[int]] = defaultdict(list)
    for n, a in enumerate(asked):
        if QUESTION_TYPES[a.question.type].scored:
            tests[a.item.id].append(n)
    points = np.array([a.question.points for a in asked], dtype=float)
    discrimination: dict[int, tuple[float | None, float | None]] = {}
    kinds = {a.item.id: "quiz" if isinstance(a.item, Quiz) else "cues" for a in asked}
    quizzes = []
    for item, members in tests.items():
        listed = kinds[item] == "quiz" or len(members) >= MIN_CUE_TEST
        block = credits[members]  # questions x learners
        weighted = np.nan_to_num(block) * points[members][:, None]
        totals = weighted.sum(axis=0)
        for row, n in enumerate(members):
            answered = ~np.isnan(block[row])
            if len(members) < 2 or answered.sum() < 2:
                discrimination[n] = (None, None)
                continue
            rest = totals[answered] - weighted[row, answered]
            r = _pearson(block[row, answered], rest)
            discrimination[n] = (r, None if r is None else negative_p(r, int(answered.sum())))
        if not listed:
            continue
        kept = [row for row in range(len(members)) if (~np.isnan(block[row])).any()]
        complete = block[kept][:, ~np.isnan(block[kept]).any(axis=0)].T if kept else None
        if complete is None or not complete.size:
            quizzes.append(QuizMeasures(item, 0, None, "kr20", kinds[item]))
            continue
        binary = bool(np.isin(complete, (0.0, 1.0)).all())
        quizzes.append(QuizMeasures(item, int(complete.shape[0]),
                                    _r4(reliability(complete)), "kr20" if binary else "alpha",
                                    kinds[item]))
    return discrimination, quizzes


def question_measures(con, asked: Sequence[Asked]
                      ) -> tuple[tuple[QuestionMeasures, ...], tuple[QuizMeasures, ...]]:
    """Per asked question (in ``asked`` order) and per test (quiz, or the cue questions of an
    item; in outline order), from ``xray_answers`` (:func:`prepare_answers`):

    ``facility`` the share of first answers fully right (Moodle's facility index on
    right/wrong questions); ``discrimination`` the point-biserial (Pearson) correlation, over
    the learners who answered it, between the question's credit and the learner's REST score:
    points x credit summed over the test's other questions (a question not answered scores
    0), Moodle's discrimination index; ``choices`` each response's share of the answers
    (the ``TOP_RESPONSES`` most frequent for typed answers, the rest as :data:`OTHER`;
    none for essays); ``guess`` :func:`guess_score`; ``median_time_s`` the median
    ``result.duration`` in seconds; ``flags`` :func:`question_flags`. Figures are rounded
    to 4 decimals. A test's ``reliability`` is :func:`reliability` over its scored questions
    that have answers and the learners who answered all of them; ``method`` "kr20" when
    every such credit is 0 or 1, else "alpha"; ``kind`` "quiz" for a quiz, "cues" for the cue
    questions of a clip or slide, listed only from :data:`MIN_CUE_TEST` questions."""
    data = _answers(con, len(asked))
    discrimination, quizzes = _tests(data, asked)
    out = []
    for n, a in enumerate(asked):
        answers, facility, median_time, older, scored, counted = (
            _per_question(data, n) or (0, None, None, 0, 0, []))
        facility = facility if scored else None
        d, p = discrimination.get(n, (None, None))
        out.append(QuestionMeasures(
            id=a.question.id, item=a.item.id, prompt=a.question.prompt, answers=int(answers),
            facility=_r4(facility), discrimination=_r4(d),
            choices=_choices(a.question, counted, answers),
            guess=_r4(guess_score(a.question)),
            median_time_s=None if median_time is None else round(float(median_time), 2),
            flags=question_flags(int(answers), facility, d, 0 < older == answers, p),
            cue=a.cue, cue_s=a.cue_s, older_answers=older))
    return tuple(out), tuple(quizzes)


def _choices(question: Question, counted: list[tuple[str, int]], answers: int
             ) -> dict[str, float]:
    if not answers or question.type == "essay":
        return {}
    if question.type in _FREE_TEXT and len(counted) > TOP_RESPONSES:
        rest = sum(c for _, c in counted[TOP_RESPONSES:])
        counted = [*counted[:TOP_RESPONSES], (OTHER, rest)]
    return {response: round(count / answers, 4) for response, count in counted}

"""X-ray's measures on the synthetic cohort, against references computed here from the
generated answers and viewing (numpy/scipy), and on small hand-made cases."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rows_for_tests import TableStore
from scipy import stats
from xray_cohort import CLIP_SECONDS, clip_of, cohort, planted, quiz_of, xray_course

from studio.xray.compute import measure
from studio.xray.ingest import learner_store, read_learner_data
from studio.xray.result import (
    NEGATIVE_DISCRIMINATION,
    TOO_EASY,
)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """(course, cohort, xray) for the default cohort, 1,000 learners, seed 1, read from a
    statements file into the project's learner-data cache as ``studio xray`` reads it."""
    folder = tmp_path_factory.mktemp("xray")
    with xray_course(folder) as project:
        course = project.course()
        made = cohort(course)
        lines = folder / "statements.jsonl"
        lines.write_text("".join(json.dumps(s) + "\n" for s in made.statements),
                         encoding="utf-8")
        report = read_learner_data(project.path, course, statements=[lines])
        assert report.added == len(made.statements)
        return course, made, measure(course, learner_store(project.path))


def test_flags_exactly_the_planted_items(measured):
    course, _, xray = measured
    negative, easy = planted(course)
    flagged = {q.id: q.flags for q in xray.questions if q.flags}
    assert set(flagged) == {negative, easy}
    assert NEGATIVE_DISCRIMINATION in flagged[negative]
    assert TOO_EASY in flagged[easy]


def test_facility_and_discrimination_equal_an_independent_reference(measured):
    course, made, xray = measured
    quiz = quiz_of(course)
    points = {q.id: q.points for q in quiz.questions}
    by_id = {q.id: q for q in xray.questions}
    for question in quiz.questions:
        answers = made.answers[question.id]
        learners = sorted(answers)
        x = np.array([answers[learner] for learner in learners])
        rest = np.array([sum(points[other] * made.answers[other].get(learner, 0.0)
                             for other in points if other != question.id)
                         for learner in learners])
        got = by_id[question.id]
        assert got.answers == len(learners)
        assert got.facility == pytest.approx(float(np.mean(x == 1.0)), abs=5e-4)
        assert got.discrimination == pytest.approx(stats.pointbiserialr(x, rest)[0], abs=5e-4)
    cue_question = clip_of(course).questions[0]
    got = by_id[cue_question.id]
    expected = np.mean(np.array(list(made.answers[cue_question.id].values())) == 1.0)
    assert got.facility == pytest.approx(float(expected), abs=5e-4)
    assert got.discrimination is None  # the clip's only cue question: no rest score


def test_quiz_reliability_is_kr20(measured):
    course, made, xray = measured
    quiz = quiz_of(course)
    everyone = set.intersection(*(set(made.answers[q.id]) for q in quiz.questions))
    matrix = np.array([[made.answers[q.id][learner] for q in quiz.questions]
                       for learner in sorted(everyone)])
    k = matrix.shape[1]
    p = matrix.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() / matrix.sum(axis=1).var())
    got = next(m for m in xray.quizzes if m.item == quiz.id)
    assert (got.method, got.learners) == ("kr20", len(everyone))
    assert got.reliability == pytest.approx(kr20, abs=5e-4)


def test_viewers_per_second_and_the_planted_drop_off(measured):
    course, made, xray = measured
    video = next(v for v in xray.videos if v.item == clip_of(course).id)
    assert video.viewers == len(made.stops)
    # every viewer plays from 0 to where they stop; second i is played when its middle is
    expected = [sum(1 for stop in made.stops.values()
                    if stop >= CLIP_SECONDS or i + 0.5 < round(stop, 3))
                for i in range(int(CLIP_SECONDS))]
    assert list(video.viewers_per_second) == expected
    assert abs(video.drop_off_s - 40.0) <= 2.0
    left = {}
    for stop in made.stops.values():
        if stop < CLIP_SECONDS - 1:
            left[int(stop)] = left.get(int(stop), 0) + 1
    assert dict(video.drop_offs) == left
    rewinders = sum(1 for s in made.statements if s["verb"]["display"]["en-US"] == "seeked")
    (cluster,) = video.rewinds
    assert (cluster.count, cluster.learners) == (rewinders, rewinders)
    assert cluster.from_s == pytest.approx(30.0, abs=0.5)
    assert cluster.to_s == pytest.approx(18.0, abs=0.5)
    assert video.rewatches_per_second[24] == rewinders
    assert video.rewatches_per_second[5] == 0 and video.rewatches_per_second[45] == 0


def test_lesson_funnel_counts_each_step(measured):
    course, made, xray = measured
    (lesson,) = xray.lessons
    verbs = [(s["actor"]["mbox"], s["verb"]["display"]["en-US"]) for s in made.statements]
    quiz_takers = set(made.answers[quiz_of(course).questions[0].id])
    half = sum(1 for stop in made.stops.values() if stop > CLIP_SECONDS / 2 - 0.5)
    assert lesson.funnel == {
        "launched": len(made.ability),
        "first_item": len({m for m, v in verbs if v not in ("initialized", "terminated")}
                          | set(made.stops)),
        "half_video": half, "quiz_attempted": len(quiz_takers),
        "passed": sum(1 for _, v in verbs if v == "passed")}
    assert lesson.time_spent_s > 0 and lesson.planned_s > CLIP_SECONDS


def test_same_rows_give_the_same_bytes(measured):
    course, made, xray = measured
    # the same statements in another order, through the in-memory table
    again = measure(course, TableStore(list(reversed(made.statements)), course))
    assert json.dumps(again.as_json(), sort_keys=True) == json.dumps(xray.as_json(),
                                                                     sort_keys=True)


def test_no_learner_data_gives_empty_measures(measured):
    course, _, _ = measured
    xray = measure(course, TableStore([], course))
    assert (xray.learners, xray.statements, xray.latest, xray.pairs) == (0, 0, None, ())
    (video,) = xray.videos
    assert video.viewers == 0 and set(video.viewers_per_second) == {0}
    assert video.drop_off_s is None and video.rewinds == ()
    assert all(q.answers == 0 and q.facility is None and q.flags == () for q in xray.questions)
    assert all(m.reliability is None for m in xray.quizzes)
    (lesson,) = xray.lessons
    assert lesson.funnel == dict.fromkeys(lesson.funnel, 0) and lesson.time_spent_s is None


def _noise_report(path, quiz, learners: int, seed: int) -> dict[str, np.ndarray]:
    """A long SCORM interactions report (semicolons) of ``learners`` answering three of the
    quiz's questions right or wrong at random; returns each question's credits by learner."""
    rng = np.random.default_rng(seed)
    questions = quiz.questions[:3]
    credits = {q.id: (rng.random(learners) < 0.3).astype(float) for q in questions}
    lines = ["User;Attempt;cmi.interactions.n.id;Type;Learner response;Result;Latency;Timestamp"]
    for n in range(learners):
        for q in questions:
            right = credits[q.id][n] == 1.0
            lines.append(f"u{n:04d}@example.org;1;{quiz.id}_{q.id};choice;"
                         f"{'a' if right else 'b'};{'correct' if right else 'wrong'};PT5S;"
                         f"2026-03-02T09:{n // 60 % 60:02d}:{n % 60:02d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return credits


def test_noise_is_not_flagged_as_negative_discrimination(tmp_path):
    from cli_runner import studio

    with xray_course(tmp_path) as project:
        quiz = quiz_of(project.course())
        course_path = project.path
    csv = tmp_path / "long.csv"
    credits = _noise_report(csv, quiz, learners=2000, seed=12)
    ids = list(credits)
    # the reference: some of these random questions correlate (slightly) negatively
    rest = {q: sum(credits[o] for o in ids if o != q) for q in ids}
    reference = {q: stats.pointbiserialr(credits[q], rest[q])[0] for q in ids}
    assert min(reference.values()) < 0
    done = studio("xray", course_path, "--scorm-report", csv, "--json")
    got = {q["id"]: q for q in json.loads(done.stdout)["questions"]}
    for q in ids:
        assert got[q]["discrimination"] == pytest.approx(reference[q], abs=5e-4)
        assert stats.pearsonr(credits[q], rest[q], alternative="less").pvalue >= 0.05
        assert "negative_discrimination" not in got[q]["flags"]
        assert "low_discrimination" in got[q]["flags"]  # noise does not discriminate
    text = studio("xray", course_path).stdout
    assert "negative_discrimination" not in text and "-0.00" not in text


def test_a_credibly_negative_discrimination_is_flagged():
    from studio.xray.items import LOW_DISCRIMINATION, negative_p, question_flags

    rng = np.random.default_rng(5)
    x = rng.random(200)
    y = -0.3 * x + rng.random(200)
    r = stats.pearsonr(x, y)[0]
    p = negative_p(r, 200)
    assert p == pytest.approx(stats.pearsonr(x, y, alternative="less").pvalue, rel=1e-6)
    assert r < 0 and p < 0.05
    assert question_flags(200, 0.5, r, False, p) == (NEGATIVE_DISCRIMINATION,)
    assert question_flags(200, 0.5, -0.01, False, 0.3) == (LOW_DISCRIMINATION,)
    # few answers: no figure-based flag at all
    assert question_flags(10, 0.5, -0.9, False, 0.001) == ("few_answers",)


def test_negative_zero_is_never_shown():
    from studio.xray.result import decimals

    assert decimals(-0.004) == "0.00" and decimals(-0.004, sign=True) == "+0.00"
    assert decimals(-0.006) == "-0.01" and decimals(0.25, sign=True) == "+0.25"


def test_a_single_cue_question_is_no_quiz(measured):
    course, _, xray = measured
    assert [(m.item, m.kind) for m in xray.quizzes] == [(quiz_of(course).id, "quiz")]


def test_two_cue_questions_form_a_test_of_their_own(tmp_path):
    from rows_for_tests import make_row

    from studio import commands

    with xray_course(tmp_path) as project:
        clip = clip_of(project.course())
        commands.add_question(project, clip.id, "truefalse", "Lean out?",
                              cue_id=clip.cue_points[0].id, data={"answer": False})
        course = project.course()
    clip = clip_of(course)
    cue = clip.cue_points[0]
    rng = np.random.default_rng(2)
    rows = [make_row(id=f"a{n}_{q.id}", learner=f"l{n}", verb="answered", kind="interaction",
                     ref=f"{clip.id}_{cue.id}_{q.id}", success=bool(rng.random() < 0.6),
                     timestamp="2026-03-02T09:00:00Z")
            for n in range(40) for q in clip.questions]
    xray = measure(course, TableStore(rows, None))
    cues = next(m for m in xray.quizzes if m.item == clip.id)
    assert (cues.kind, cues.learners, cues.method) == ("cues", 40, "kr20")
    assert next(m for m in xray.quizzes if m.item == quiz_of(course).id).kind == "quiz"


def test_the_report_names_cue_questions_apart_from_quizzes():
    from dataclasses import replace

    from xray_report_fixture import report_course, report_xray

    from studio.xray.report_html import report_html
    from studio.xray.result import QuizMeasures

    xray = report_xray()
    xray = replace(xray, quizzes=(*xray.quizzes, QuizMeasures("itm_clip", 40, 0.12, "kr20",
                                                                "cues")))
    html = report_html(xray, report_course())
    assert "<td>Questions at the cues of Machine safety &amp; you</td>" in html or \
        "Questions at the cues of Machine safety &amp; you</th>" in html


def test_the_report_counts_the_whole_cliff():
    from dataclasses import replace

    from xray_report_fixture import report_course, report_xray

    from studio.xray.report_html import report_html

    xray = report_xray()
    (video,) = xray.videos
    cliff = replace(video, drop_offs=((38, 35), (39, 100), (40, 30), (41, 15)),
                    drop_off_s=39.0, drop_off_learners=180, drop_off_span=(38, 41))
    html = report_html(replace(xray, videos=(cliff,)), report_course())
    assert ("the drop-off is at 39 s, where 180 learners stopped watching "
            "(between 38 s and 41 s)") in html
    none = report_html(replace(xray, videos=(replace(video, drop_off_s=None,
                                                     drop_off_learners=0,
                                                     drop_off_span=None),)), report_course())
    assert "no notable drop-off" in none and "drop-off 40 s" not in none

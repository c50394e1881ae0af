"""Learner data placed on the current timeline after edits (mapping through in/out points,
older sources kept apart), question flags on few or older answers, and cold/weak pairs."""

from __future__ import annotations

import copy

import pytest
from rows_for_tests import TableStore, make_row
from xray_cohort import CLIP_SECONDS, clip_of, cohort, quiz_of, xray_course

from studio import commands
from studio.xray.compute import measure
from studio.xray.mapping import clip_frames
from studio.xray.result import FEW_ANSWERS, OLDER_VERSION
from studio.xray.rows import EXT_CLIP, EXT_QUESTION_VERSION, parse_segments

IN, OUT = 10.0, 50.0


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory):
    """(course as exported, course after a trim to 10..50 s, cohort, xray of the export)."""
    with xray_course(tmp_path_factory.mktemp("xray")) as project:
        exported = project.course()
        made = cohort(exported, learners=300, seed=7)
        commands.trim(project, clip_of(exported).id, IN, OUT)
        current = project.course()
    return exported, current, made, measure(exported, TableStore(made.statements, exported))


def _video(xray, course):
    return next(v for v in xray.videos if v.item == clip_of(course).id)


def test_a_trim_moves_the_data_with_the_cut(trimmed):
    exported, current, made, before = trimmed
    after = measure(current, TableStore(made.statements, current))
    old, new = _video(before, exported), _video(after, current)
    assert new.length_s == OUT - IN and len(new.viewers_per_second) == OUT - IN
    assert new.viewers_per_second == old.viewers_per_second[int(IN):int(OUT)]
    assert new.rewatches_per_second == old.rewatches_per_second[int(IN):int(OUT)]
    assert new.drop_off_s == old.drop_off_s - IN
    assert new.rewinds[0].from_s == pytest.approx(old.rewinds[0].from_s - IN, abs=0.05)
    (frame,) = clip_frames(current)
    # seconds of played segments outside [10, 50) of the source, each session's last list
    outside = 0.0
    for session in _last_segments(made.statements).values():
        for a, b in parse_segments(session):
            outside += (b - a) - max(0.0, min(b, OUT) - max(a, IN))
    assert new.outside_s == pytest.approx(outside, abs=1e-3)
    assert frame.to_current(25.0, 0.0) == 15.0 and frame.to_current(55.0, 0.0) is None
    cue_question = next(q for q in after.questions if q.cue)
    assert cue_question.cue_s == 20.0 - IN


def _last_segments(statements):
    from studio.xray.rows import EXT_SEGMENTS, EXT_SESSION

    last = {}
    for s in statements:
        text = s.get("result", {}).get("extensions", {}).get(EXT_SEGMENTS)
        if text is not None:
            session = s["context"]["extensions"][EXT_SESSION]
            if len(text) >= len(last.get(session, "")):
                last[session] = text
    return last


def test_rows_without_clip_facts_are_taken_as_the_current_cut(trimmed):
    exported, current, made, before = trimmed
    bare = copy.deepcopy(made.statements)
    for s in bare:
        s.get("context", {}).get("extensions", {}).pop(EXT_CLIP, None)
    after = measure(current, TableStore(bare, current))
    assert _video(after, current).viewers_per_second == \
        _video(before, exported).viewers_per_second[:int(OUT - IN)]


def test_an_older_source_is_counted_apart(trimmed):
    exported, _, made, before = trimmed
    changed = copy.deepcopy(made.statements)
    older = 0
    for s in changed:
        clip = s.get("context", {}).get("extensions", {}).get(EXT_CLIP)
        if clip and s["actor"]["mbox"] < "mailto:learner00100":
            clip["version"] = "0123456789abcdef"
            older += 1
    (frame,) = clip_frames(exported)
    assert frame.is_older("0123456789abcdef") and not frame.is_older(None)
    video = _video(measure(exported, TableStore(changed, exported)), exported)
    assert video.older_version == older
    assert video.viewers == _video(before, exported).viewers - sum(
        1 for m in made.stops if m < "mailto:learner00100")


def test_few_and_older_answers_are_flagged(trimmed):
    exported, _, _, _ = trimmed
    quiz = quiz_of(exported)
    question = quiz.questions[0]
    rows = [make_row(id=f"s{n}", learner=f"l{n}", verb="answered", kind="interaction",
                     ref=f"{quiz.id}_{question.id}", success=n % 2 == 0, scaled=float(n % 2 == 0),
                     response="a" if n % 2 == 0 else "b", duration=10.0 + n,
                     version="feedfacefeedface" if n == 0 else None,
                     timestamp=f"2026-03-02T09:00:{n:02d}Z")
            for n in range(10)]
    xray = measure(exported, TableStore(rows, None))
    got = next(q for q in xray.questions if q.id == question.id)
    assert got.answers == 10 and got.facility == 0.5
    # one answer of ten predates the question's current version: counted, not flagged
    assert got.flags == (FEW_ANSWERS,) and got.older_answers == 1
    assert got.choices == {"a": 0.5, "b": 0.5} and got.median_time_s == 14.5
    assert got.guess == 0.25


def test_a_skipped_segment_and_a_weak_item_make_a_pair(trimmed):
    exported, _, _, _ = trimmed
    clip = clip_of(exported)
    cue, question = clip.cue_points[0], clip.questions[0]
    ref = f"{clip.id}_{cue.id}_{question.id}"
    rows = []
    for n in range(30):
        skipper = n < 20
        segments = "0[.]2[,]19[.]25" if skipper else "0[.]25"
        failed = not skipper and n < 28
        rows += [
            make_row(id=f"v{n}", learner=f"l{n}", verb="paused", kind="item", ref=clip.id,
                     session=f"s{n}", time=25.0, segments=segments,
                     timestamp="2026-03-02T09:01:00Z"),
            make_row(id=f"a{n}", learner=f"l{n}", verb="answered", kind="interaction",
                     ref=ref, success=not failed, response="b" if failed else "a",
                     timestamp="2026-03-02T09:00:30Z")]
    xray = measure(exported, TableStore(rows, None))
    (pair,) = xray.pairs
    assert (pair.question, pair.item, pair.segment_s) == (question.id, clip.id, (0.0, 20.0))
    assert pair.skipped == pytest.approx(20 / 30, abs=1e-4)
    assert pair.watched_failed == 8


def test_questions_answered_to_an_older_version_still_count(trimmed):
    exported, _, made, before = trimmed
    changed = copy.deepcopy(made.statements)
    for s in changed:
        ext = s.get("context", {}).get("extensions", {})
        if EXT_QUESTION_VERSION in ext:
            ext[EXT_QUESTION_VERSION] = "0000000000000000"
    after = measure(exported, TableStore(changed, exported))
    for old, new in zip(before.questions, after.questions, strict=True):
        assert (new.answers, new.facility) == (old.answers, old.facility)
        assert new.flags == (*old.flags, OLDER_VERSION)
        assert (old.older_answers, new.older_answers) == (0, new.answers)


def test_measuring_reports_progress_and_stops_when_cancelled(trimmed):
    from studio.errors import Cancelled
    from studio.jobs import CancelToken

    exported, _, made, before = trimmed
    store = TableStore(made.statements, exported)
    seen = []
    token = CancelToken()

    def progress(fraction, message=""):
        seen.append(fraction)
        if fraction >= 0.4:
            token.cancel()

    with pytest.raises(Cancelled):
        measure(exported, store, progress, token)
    assert seen and seen == sorted(seen)
    # the connection is left clean: measuring again gives the same figures
    assert measure(exported, store) == before


def test_latest_is_the_newest_timestamp_whatever_the_source(trimmed):
    from studio.xray.rows import SOURCE_FILE, SOURCE_LRS

    exported, _, _, _ = trimmed
    rows = [make_row(id="lrs", learner="l1", verb="launched", kind="item",
                     ref=exported.identifier, source=SOURCE_LRS, timestamp="2026-03-02T09:00:00Z",
                     stored="2026-12-01T02:00:00Z"),
            make_row(id="file", learner="l2", verb="launched", kind="item",
                     ref=exported.identifier, source=SOURCE_FILE,
                     timestamp="2026-03-01T09:00:00Z"),
            make_row(id="bare", learner="l3", verb="launched", kind="item",
                     ref=exported.identifier, stored="2026-02-01T09:00:00Z")]
    assert measure(exported, TableStore(rows, None)).latest == "2026-03-02T09:00:00.000000Z"


def test_the_drop_off_is_the_cliff_with_its_whole_count(trimmed):
    exported, _, made, before = trimmed
    video = _video(before, exported)
    first, last = video.drop_off_span
    assert abs(video.drop_off_s - 40.0) <= 2.0 and first <= video.drop_off_s <= last
    cliff = sum(1 for stop in made.stops.values()
                if first <= int(stop) <= last and stop < CLIP_SECONDS - 1)
    assert video.drop_off_learners == cliff
    # the whole cliff, not its busiest second only
    assert video.drop_off_learners > dict(video.drop_offs)[int(video.drop_off_s)]
    assert video.drop_off_learners >= 0.10 * video.viewers


def test_trimming_at_the_drop_off_leaves_no_drop_off(tmp_path):
    import math

    with xray_course(tmp_path) as project:
        course = project.course()
        made = cohort(course, learners=300, seed=7)
        store = TableStore(made.statements, course)
        before = _video(measure(course, store), course)
        commands.trim(project, clip_of(course).id, 0.0, float(math.ceil(before.drop_off_s)))
        after_course = project.course()
    after = _video(measure(after_course, TableStore(made.statements, after_course)),
                   after_course)
    # a few learners still leave just before the new end: a trickle, not a drop-off
    assert after.drop_offs and after.drop_off_s is None
    assert (after.drop_off_learners, after.drop_off_span) == (0, None)


def test_learners_gone_before_the_in_point_are_no_viewers_of_the_cut(trimmed):
    _, current, made, _ = trimmed
    new = _video(measure(current, TableStore(made.statements, current)), current)
    assert new.viewers == sum(1 for stop in made.stops.values() if stop >= IN)
    left = {}
    for stop in made.stops.values():
        if IN <= stop < OUT - 1:
            left[int(stop - IN)] = left.get(int(stop - IN), 0) + 1
    assert dict(new.drop_offs) == left

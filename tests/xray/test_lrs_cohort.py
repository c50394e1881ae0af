"""The synthetic cohort (1,000 learners in the player's statement shapes) sent through a real
LRS (Ralph, started by the studio) and read back over the Statements API: X-ray finds the
planted drop-off, flags exactly the planted items, and its facility and discrimination equal
a reference computed here with numpy/scipy from the generated answers."""

from __future__ import annotations

import numpy as np
import pytest
import requests
from scipy import stats
from xray_cohort import clip_of, cohort, planted, quiz_of, xray_course

from studio.xray.compute import measure
from studio.xray.ingest import read_learner_data
from studio.xray.lrs_client import UNFILTERED_NOTE
from studio.xray.lrs_service import start_lrs
from studio.xray.result import NEGATIVE_DISCRIMINATION, TOO_EASY
from studio.xray.store import LearnerStore

BATCH = 2000  # statements per POST
DROP_OFF_S = 40.0


@pytest.fixture(scope="module")
def through_the_lrs(tmp_path_factory):
    """(course, cohort, ingest report, xray) after the cohort went through the LRS."""
    folder = tmp_path_factory.mktemp("cohort")
    with xray_course(folder) as project:
        course = project.course()
        project_dir, cache = project.path, project.cache_dir
    made = cohort(course, learners=1000, seed=1, drop_off_s=DROP_OFF_S)
    with start_lrs(folder / "lrs") as lrs:
        headers = {"Authorization": lrs.auth_header, "X-Experience-API-Version": "1.0.3"}
        for start in range(0, len(made.statements), BATCH):
            sent = requests.post(lrs.endpoint + "statements", headers=headers, timeout=300,
                                 json=made.statements[start:start + BATCH])
            assert sent.status_code == 200, sent.text
        report = read_learner_data(project_dir, course, lrs=lrs.endpoint,
                                   auth=(lrs.user, lrs.password))
        again = read_learner_data(project_dir, course, lrs=lrs.endpoint,
                                  auth=(lrs.user, lrs.password))
    xray = measure(course, LearnerStore(cache))
    return course, made, report, again, xray


def test_every_statement_comes_back_once(through_the_lrs):
    _, made, report, again, _ = through_the_lrs
    assert report.added == len(made.statements)
    assert UNFILTERED_NOTE not in report.notes  # the bundled LRS filters by activity
    assert again.added == 0  # the second read asks only for what is newer


def test_the_planted_drop_off_and_items_are_found(through_the_lrs):
    course, _, _, _, xray = through_the_lrs
    (video,) = [v for v in xray.videos if v.item == clip_of(course).id]
    assert abs(video.drop_off_s - DROP_OFF_S) <= 2.0
    negative, easy = planted(course)
    flagged = {q.id: q.flags for q in xray.questions if q.flags}
    assert set(flagged) == {negative, easy}
    assert NEGATIVE_DISCRIMINATION in flagged[negative] and TOO_EASY in flagged[easy]


def test_facility_and_discrimination_equal_the_reference(through_the_lrs):
    course, made, _, _, xray = through_the_lrs
    quiz = quiz_of(course)
    points = {q.id: q.points for q in quiz.questions}
    by_id = {q.id: q for q in xray.questions}
    for question in quiz.questions:
        answers = made.answers[question.id]
        learners = sorted(answers)
        right = np.array([answers[learner] for learner in learners])
        rest = np.array([sum(points[other] * made.answers[other].get(learner, 0.0)
                             for other in points if other != question.id)
                         for learner in learners])
        got = by_id[question.id]
        # equal to 3 decimals
        assert got.facility == pytest.approx(float(np.mean(right == 1.0)), abs=5e-4)
        assert got.discrimination == pytest.approx(stats.pointbiserialr(right, rest)[0],
                                                   abs=5e-4)

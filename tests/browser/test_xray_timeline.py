"""A learner's real viewing in Chromium, through the local LRS, back on the timeline: the
exported package of a course is played to known seconds, rewound and its quiz answered; X-ray
reads the LRS and puts the viewing at those seconds of the current item, also after the clip
was trimmed in the project since the export."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest
from lrs_reading import PLAY_TO, SEEK_TO, lrs_statements
from player_learner import ScriptedLearner
from xray_cohort import clip_of, quiz_of, xray_course

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.xray.compute import measure
from studio.xray.ingest import read_learner_data
from studio.xray.lrs_service import start_lrs
from studio.xray.rows import EXT_TIME_FROM, EXT_TIME_TO, VERBS
from studio.xray.store import LearnerStore

ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.org"}
WAIT_MS = 15_000
FIRST_STOP_S, REWIND_TO_S, SECOND_STOP_S = 12.0, 4.0, 8.0
TRIMMED_IN_S = 2.0
VERBS_BY_NAME = {name: iri for iri, name in VERBS.items()}


def course_data(package: Path) -> dict:
    text = (package / "course-data.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


@pytest.fixture
def played(tmp_path, page, server):
    """(project dir, LRS) after one learner's session: the clip played 0 -> 12 s, rewound to
    4 s, played to 8 s; the quiz answered right."""
    with xray_course(tmp_path) as project:
        target = tmp_path / "xapi.zip"
        export_course(project, ExportOptions(format="xapi"), target)
        project_dir = project.path
    package = tmp_path / "xapi"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(package)
    data = course_data(package)
    items = [i for m in data["modules"] for les in m["lessons"] for i in les["items"]]
    quiz = next(i for i in items if i["kind"] == "quiz")
    with start_lrs(tmp_path / "lrs") as lrs:
        query = lrs.launch_query(ACTOR, str(uuid.uuid4()))
        page.goto(f"{server.mount(package)}index.html?{query}")
        page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
        learner = ScriptedLearner(page)
        learner.expect_title(items[0]["title"])
        assert page.evaluate(PLAY_TO, FIRST_STOP_S) < FIRST_STOP_S + 0.3
        page.evaluate(SEEK_TO, REWIND_TO_S)
        assert page.evaluate(PLAY_TO, SECOND_STOP_S) < SECOND_STOP_S + 0.3
        learner.open_item(quiz["title"])
        learner.take_quiz(quiz, correct=True)
        page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0",
                               timeout=WAIT_MS)
        page.goto("about:blank")
        page.wait_for_timeout(500)  # "terminated" goes out as the page unloads
        yield project_dir, lrs


def measured(project_dir: Path, lrs):
    from studio.store import Project

    with Project.open(project_dir) as project:
        course = project.course()
        report = read_learner_data(project_dir, course, lrs=lrs.endpoint,
                                   auth=(lrs.user, lrs.password))
        return course, report, measure(course, LearnerStore(project.cache_dir))


def viewed(video, seconds: range) -> None:
    """One viewer in exactly ``seconds`` of the current item."""
    want = [1 if i in seconds else 0 for i in range(len(video.viewers_per_second))]
    assert list(video.viewers_per_second) == want


def test_viewing_lands_on_the_seconds_played_also_after_a_trim(played):
    from studio.store import Project

    project_dir, lrs = played
    course, report, xray = measured(project_dir, lrs)
    assert report.added > 0
    clip = clip_of(course)
    (video,) = [v for v in xray.videos if v.item == clip.id]
    assert video.viewers == 1 and video.older_version == 0
    viewed(video, range(0, int(FIRST_STOP_S)))
    rewatched = [i for i, n in enumerate(video.rewatches_per_second) if n]
    assert rewatched == list(range(int(REWIND_TO_S), int(SECOND_STOP_S)))
    quiz = quiz_of(course)
    answered = {q.id: q.answers for q in xray.questions}
    assert all(answered[q.id] == 1 for q in quiz.questions)
    assert all(q.facility == 1.0 for q in xray.questions if q.id in answered and q.answers)
    (seek,) = [s for s in lrs_statements(lrs) if s["verb"]["id"] == VERBS_BY_NAME["seeked"]]
    extensions = seek["result"]["extensions"]
    assert extensions[EXT_TIME_FROM] == pytest.approx(FIRST_STOP_S, abs=0.3)
    assert extensions[EXT_TIME_TO] == REWIND_TO_S

    with Project.open(project_dir) as project:
        commands.trim(project, clip.id, in_point=TRIMMED_IN_S)
    course, _, xray = measured(project_dir, lrs)
    (video,) = [v for v in xray.videos if v.item == clip.id]
    assert video.older_version == 0  # a trim keeps the source: the data still count
    shift = int(TRIMMED_IN_S)
    viewed(video, range(0, int(FIRST_STOP_S) - shift))
    rewatched = [i for i, n in enumerate(video.rewatches_per_second) if n]
    assert rewatched == list(range(int(REWIND_TO_S) - shift, int(SECOND_STOP_S) - shift))
    assert video.outside_s == pytest.approx(TRIMMED_IN_S, abs=0.5)

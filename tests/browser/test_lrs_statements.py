"""The exporter's Tin Can package of the sample, played in Chromium against the local LRS
(Ralph): its statements carry the clip's cut and the question versions X-ray needs, and the
resume document goes through the State API."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path

import pytest
import requests
from lrs_reading import PLAY_TO, SEEK_TO, lrs_statements
from player_learner import ScriptedLearner

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.versions import clip_version, question_version
from studio.export.xml import course_iri
from studio.media.sample import build_sample
from studio.model import VideoClip
from studio.xray.lrs_service import start_lrs
from studio.xray.rows import (
    EXT_CLIP,
    EXT_QUESTION_VERSION,
    EXT_TIME_FROM,
    EXT_TIME_TO,
    VERBS,
    parse_interaction,
)

ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.org"}
STATE_ID = "https://w3id.org/xapi/course-studio/state/resume"
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "Sample.course"
    build_sample(path).close()
    return path


def export_tincan(project_dir: Path, folder: Path) -> Path:
    from studio.store import Project

    target = folder / "tincan.zip"
    with Project.open(project_dir) as project:
        export_course(project, ExportOptions(format="xapi"), target)
    unpacked = folder / "tincan"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    return unpacked


def course_data(package: Path) -> dict:
    text = (package / "course-data.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def play_through(page, server, package: Path, lrs, registration: str) -> None:
    page.goto(f"{server.mount(package)}index.html?{lrs.launch_query(ACTOR, registration)}")
    page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
    ScriptedLearner(page).complete(course_data(package))
    page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0",
                           timeout=WAIT_MS)
    page.goto("about:blank")


def test_statements_in_the_lrs_carry_the_cut_and_question_versions(sample, tmp_path, page,
                                                                    server):
    from studio.store import Project

    package = export_tincan(sample, tmp_path)
    with Project.open(sample) as project:
        course = project.course()
    clips = {i.id: i for m in course.modules for les in m.lessons for i in les.items
             if isinstance(i, VideoClip)}
    questions = {(i.id, q.id): q for m in course.modules for les in m.lessons for i in les.items
                 for q in getattr(i, "questions", [])}
    registration = str(uuid.uuid4())
    with start_lrs(tmp_path / "lrs") as lrs:
        play_through(page, server, package, lrs, registration)
        statements = lrs_statements(lrs, registration)
        for _ in range(50):  # "terminated" goes out as the page unloads
            if any(s["verb"]["id"].endswith("/terminated") for s in statements):
                break
            page.wait_for_timeout(100)
            statements = lrs_statements(lrs, registration)
        document = requests.get(
            lrs.endpoint + "activities/state",
            params={"activityId": course_iri(course), "agent": json.dumps(ACTOR),
                    "registration": registration, "stateId": STATE_ID},
            headers={"Authorization": lrs.auth_header, "X-Experience-API-Version": "1.0.3"},
            timeout=10)
    assert document.status_code == 200 and document.headers["ETag"]
    assert document.json()["completed"] is True

    prefix = course_iri(course) + "/"
    verbs = [VERBS.get(s["verb"]["id"]) for s in statements]
    assert "terminated" in verbs and "passed" in verbs
    video = [s for s in statements
             if s["object"]["id"].removeprefix(prefix + "item/") in clips]
    assert {"initialized", "played", "completed"} <= {VERBS[s["verb"]["id"]] for s in video}
    for s in video:
        clip = clips[s["object"]["id"].removeprefix(prefix + "item/")]
        assert s["context"]["extensions"][EXT_CLIP] == {
            "in": clip.in_point, "out": clip.out_point, "version": clip_version(clip, course)}
        assert len(clip_version(clip, course)) == 16

    answered = [s for s in statements if VERBS.get(s["verb"]["id"]) == "answered"]
    assert len(answered) == len(questions)
    for s in answered:
        ref = parse_interaction(s["object"]["id"].removeprefix(prefix + "interaction/"))
        question = questions[(ref.item, ref.question)]
        assert s["context"]["extensions"][EXT_QUESTION_VERSION] == question_version(question)
    others = [s for s in statements if s not in video and s not in answered]
    assert all(EXT_CLIP not in s["context"].get("extensions", {}) for s in others)


def test_a_rewind_is_reported_from_where_it_started(sample, tmp_path, page, server):
    package = export_tincan(sample, tmp_path)
    registration = str(uuid.uuid4())
    with start_lrs(tmp_path / "lrs") as lrs:
        page.goto(f"{server.mount(package)}index.html?{lrs.launch_query(ACTOR, registration)}")
        page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
        ScriptedLearner(page).button("Play").click()  # play from the player's own button
        page.evaluate(SEEK_TO, 0.0)
        reached = page.evaluate(PLAY_TO, 3.0)
        page.evaluate(SEEK_TO, 1.0)  # while paused
        page.evaluate("() => document.querySelector('video').play()")
        page.evaluate(SEEK_TO, 0.5)  # while playing
        page.evaluate("() => document.querySelector('video').pause()")
        page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0",
                               timeout=WAIT_MS)
        statements = lrs_statements(lrs, registration)
    seeks = [s["result"]["extensions"] for s in statements
             if VERBS.get(s["verb"]["id"]) == "seeked"]
    assert len(seeks) >= 2
    assert seeks[-2][EXT_TIME_FROM] == pytest.approx(reached, abs=0.1)
    assert seeks[-2][EXT_TIME_TO] == 1.0
    assert 1.0 <= seeks[-1][EXT_TIME_FROM] < 3.0 and seeks[-1][EXT_TIME_TO] == 0.5
    assert all(EXT_CLIP in s["context"]["extensions"] for s in statements
               if VERBS.get(s["verb"]["id"]) == "seeked")

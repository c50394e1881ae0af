"""The sample course, exported as `studio export` writes it, runs every path of the twin in
Chromium and in Qt WebEngine, and the LMS keeps what the course meant to record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from twin_packages import pages_course, player_package, profile_with

from studio.export.lms_profiles import load_profile
from studio.quiz.types import QUESTION_TYPES
from studio.twin.journal import PathRun
from studio.twin.package import open_package
from studio.twin.runner import run_paths
from studio.twin.variants import LONG_COURSE_ITEMS

pytestmark = pytest.mark.browser

SCORED = "cmi.score.raw"


def interactions(kept: dict, response: str = "learner_response") -> list[tuple[str, str]]:
    """(id, learner response) of each kept interaction record, in order."""
    count = sum(1 for k in kept if k.startswith("cmi.interactions.") and k.endswith(".id"))
    return [(kept[f"cmi.interactions.{n}.id"], kept.get(f"cmi.interactions.{n}.{response}", ""))
            for n in range(count)]


def test_the_sample_runs_every_path_in_chromium(export_sample, chromium):
    package = export_sample("scorm2004")
    # the LMS of old browsers, which kept commits made at unload: the player saves its exit
    # there, so resuming is what this checks (the lost-commit rule has a test of its own)
    profile = profile_with("scorm2004", unload_commit="kept")
    runs = {run.path: run for run in run_paths(
        package, profile, ("complete", "resume", "retry", "question-types"), engine=chromium)}
    for run in runs.values():
        assert run.standard == "scorm2004" and run.profile == "scorm2004"
        assert run.problems == () and all(not launch.problems for launch in run.launches)
        kept = run.kept
        assert kept["cmi.completion_status"] == "completed", run.path
        assert kept["cmi.success_status"] == "passed", run.path
        assert kept[SCORED] == "100" and kept["cmi.score.max"] == "100", run.path
        assert all(not call.failed for launch in run.launches for call in launch.calls)

    complete = runs["complete"].launches
    assert len(complete) == 1 and complete[0].delivered["entry"] == "ab-initio"
    assert len(interactions(complete[0].kept)) == 8  # the cue question and the quiz's seven
    assert complete[0].kept["cmi.exit"] == "normal"

    first, second = runs["resume"].launches
    intent = runs["resume"].intent
    assert first.kept["cmi.exit"] == "suspend" and first.learner[-1].did.startswith("left on")
    assert [c.phase for c in first.calls][-1] == "unload"
    assert second.delivered["entry"] == "resume"
    assert second.delivered["suspend_data"] == first.kept["cmi.suspend_data"]
    assert second.resumed_at == intent["resume_item"]

    retry = runs["retry"]
    answered = [s.did for s in retry.launches[0].learner if "Final quiz" in s.did]
    assert answered == ["answered Final quiz wrong (7 question(s))",
                        "answered Final quiz right (7 question(s))"]
    assert len(interactions(retry.kept)) == 15
    assert retry.intent["fail_quiz"]

    types = runs["question-types"].kept
    responses = {i: r for i, r in interactions(types) if "twin_q_" in i}
    # every type the LMS hears of (a description is text between questions, never reported)
    assert {i.rsplit("twin_q_", 1)[1] for i in responses} == {
        name for name, kind in QUESTION_TYPES.items() if kind.interaction}
    assert all(responses.values())


# Qt WebEngine runs in a process of its own: the suite's window tests make their own
# QApplication, which a QGuiApplication made here first would stand in for.
QT_RUN = """
import json, sys
from studio.export.lms_profiles import load_profile
from studio.twin.qt_engine import QtEngine
from studio.twin.runner import run_paths
with QtEngine() as engine:
    run = run_paths(sys.argv[1], load_profile("moodle"), ("complete",), engine=engine)[0]
print(json.dumps(run.to_json()))
"""


def test_the_sample_completes_in_qt_webengine(export_sample, tmp_path):
    package = export_sample("scorm12", single_sco=False)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", QT_RUN, str(package)], capture_output=True,
                          text=True, timeout=300, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    run = PathRun.from_json(done.stdout.strip().splitlines()[-1])
    assert run.standard == "scorm12" and len(run.launches) == 3
    assert [launch.unit for launch in run.launches] == [u.id for u in open_package(package).units]
    assert all(not launch.problems for launch in run.launches)
    # Qt WebEngine plays no H.264: the learner dispatched the video's events instead
    assert any("media events are dispatched" in s.did for s in run.launches[0].learner)
    statuses = [launch.kept["cmi.core.lesson_status"] for launch in run.launches]
    assert statuses == ["completed", "completed", "passed"]
    assert run.launches[2].kept["cmi.core.score.raw"] == "100"
    answers = interactions(run.launches[2].kept, "student_response")
    assert len(answers) == 7 and all(response for _, response in answers)


def test_a_long_course_is_left_before_its_end_resumed_and_finished(tmp_path, chromium):
    package = player_package(tmp_path / "pages", pages_course(4))
    run = run_paths(package, load_profile("scorm12"), ("long-course",), engine=chromium)[0]
    left, relaunch = run.launches
    assert sum(s.did.startswith("viewed") for s in left.learner) == LONG_COURSE_ITEMS - 2
    assert left.kept["cmi.core.lesson_status"] == "incomplete"
    assert left.kept["cmi.core.exit"] == "suspend"
    assert relaunch.delivered["entry"] == "resume"
    assert relaunch.delivered["suspend_data"] == left.kept["cmi.suspend_data"]
    assert relaunch.resumed_at == run.intent["resume_item"]
    assert relaunch.kept["cmi.core.lesson_status"] == "completed"


@pytest.mark.parametrize("launch", ["frameset", "new_window"])
def test_the_launch_the_package_asks_for_finds_the_api(tmp_path, chromium, launch):
    course = {**pages_course(2), "lms": {"name": "scorm12", "launch": launch}}
    package = player_package(tmp_path / launch, course)
    run = run_paths(package, load_profile("scorm12"), ("complete",), engine=chromium)[0]
    (only,) = run.launches
    assert not only.problems and only.kept["cmi.core.lesson_status"] == "completed"
    assert only.calls[0].fn == "LMSInitialize" and only.calls[0].result == "true"


def test_a_person_works_in_the_interactive_twin(tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    from studio.export.lms_profiles import load_profile as load
    from studio.twin.engine import CHROMIUM, CHROMIUM_ARGS
    from studio.twin.runner import start_interactive

    package = player_package(tmp_path / "p", pages_course(2))
    server, url = start_interactive(package, load("scorm12"), "twin:", tmp_path / "work")
    lines = []

    def person() -> dict:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("console", lambda message: lines.append(message.text))
            page.goto(url)
            sco = page.frame_locator("iframe")
            sco.get_by_role("button", name="Next", exact=True).click()
            page.wait_for_function("window.twinJournal().launches[0].calls.length > 3")
            journal = page.evaluate("window.twinClose()")
            browser.close()
            return journal

    try:
        # a thread of its own: one Playwright session per thread, and the suite's may be alive
        with ThreadPoolExecutor(max_workers=1) as worker:
            journal = worker.submit(person).result()
    finally:
        server.close()
    calls = [json.loads(line[len("twin:"):]) for line in lines if line.startswith("twin:")]
    assert calls[0]["fn"] == "LMSInitialize" and calls[0]["phase"] == "live"
    assert calls[-1]["phase"] == "unload"
    assert journal["launches"][0]["learner"] == [] and journal["path"] == "interactive"
    assert len(journal["launches"][0]["calls"]) >= len(calls)

"""Resume always, never, or after asking, in every format: SCORM 1.2 and 2004 (scorm-again),
xAPI and cmi5 (the test LRS) and the HTML5 export (local storage)."""

from __future__ import annotations

import json
import re
import time
import uuid
from urllib.parse import urlencode

import pytest
from player_courses import short_course, with_screens
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_player_ui import serious_violations

ACTOR = {"objectType": "Agent", "name": "Ada", "mbox": "mailto:ada@example.com"}
COURSE_IRI = "urn:course-studio:5b1f3c1e-0000-4000-8000-000000000001"
STATE_ID = "https://w3id.org/xapi/course-studio/state/resume"
FORMATS = ["scorm12", "scorm2004", "xapi", "cmi5", "local"]
QUIZ = "Quick check"
# seconds a keepalive request sent on pagehide may take to reach the LRS with 2 busy cores
UNLOAD_WAIT_S = 30


class Launcher:
    """Launches one package again and again as its platform would, keeping what the platform
    keeps between launches. launch() -> the locator root (page or the SCO's frame)."""

    def __init__(self, fmt: str, page, server, run_lms, lrs, folder):
        self.fmt, self.page, self.server, self.run_lms, self.lrs = fmt, page, server, run_lms, lrs
        self.base = server.mount(folder)
        self.folder = folder
        self.stored = None
        self.session = None
        self.registration = str(uuid.uuid4())
        self.activity = f"{COURSE_IRI}/lesson/l1" if fmt == "cmi5" else COURSE_IRI
        if fmt == "cmi5":
            template = {"contextActivities": {"grouping": [{"objectType": "Activity",
                                                            "id": COURSE_IRI}]}}
            lrs.put_document(self.activity, ACTOR, self.registration, "LMS.LaunchData",
                             {"contextTemplate": template, "launchMode": "Normal",
                              "launchMethod": "AnyWindow", "moveOn": "Completed"})

    def launch(self):
        if self.fmt in ("scorm12", "scorm2004"):
            self.session = self.run_lms(self.folder, standard=self.fmt, stored=self.stored)
            return self.session.sco
        if self.fmt == "local":
            query = "?tracking=local"
        elif self.fmt == "xapi":
            query = "?" + urlencode({"endpoint": self.lrs.endpoint, "auth": self.lrs.basic_auth,
                                     "actor": json.dumps(ACTOR), "activity_id": COURSE_IRI,
                                     "registration": self.registration})
        else:
            query = "?unit=l1&" + urlencode({
                "endpoint": self.lrs.endpoint, "fetch": self.lrs.fetch_url(),
                "registration": self.registration, "activityId": self.activity,
                "actor": json.dumps(ACTOR)})
        self.page.goto(self.base + "index.html" + query)
        self.page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")
        assert self.page.evaluate("CoursePlayer.app.adapter.name") == self.fmt
        return self.page

    def leave(self, at: str) -> None:
        """The learner closes the course on the item whose id is at."""
        if self.session is not None:
            self.session.close()
            self.stored = self.session.resume_data()
            self.session = None
            return
        if self.fmt in ("xapi", "cmi5"):
            # what the player queued before leaving goes first, so the state written on
            # pagehide is not held up behind it on a loaded machine
            self.page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0",
                                        timeout=UNLOAD_WAIT_S * 1000)
        self.page.goto("about:blank")
        if self.fmt in ("xapi", "cmi5"):
            deadline = time.monotonic() + UNLOAD_WAIT_S
            while time.monotonic() < deadline:
                doc = self.lrs.document(self.activity, ACTOR, self.registration, STATE_ID)
                if isinstance(doc, dict) and doc.get("location") == at:
                    return
                time.sleep(0.1)
            raise AssertionError(f"the LRS never held the resume state at {at} "
                                 f"within {UNLOAD_WAIT_S} s of leaving")


@pytest.fixture
def launcher(page, server, run_lms, lrs, package):
    def make(fmt: str, resume: str) -> Launcher:
        course = with_screens(short_course(mastery=80, attempts=2), resume=resume)
        course["tracking"] = fmt
        return Launcher(fmt, page, server, run_lms, lrs, package(course))
    return make


def first_visit(launcher: Launcher) -> dict:
    """Page 1, Page 2, one failed attempt at the quiz (the course is then complete, failed),
    and the learner leaves on the quiz."""
    root = launcher.launch()
    learner = ScriptedLearner(root)
    course = short_course(mastery=80, attempts=2)
    learner.expect_title("Page 1")
    learner.next()
    learner.next()
    learner.take_quiz(course["modules"][0]["lessons"][0]["items"][2], correct=False)
    launcher.leave("quiz1")
    return course


def no_question(root) -> None:
    expect(root.get_by_role("dialog")).to_have_count(0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_always_resumes_without_asking(launcher, fmt):
    run = launcher(fmt, "always")
    first_visit(run)
    root = run.launch()
    ScriptedLearner(root).expect_title(QUIZ)
    no_question(root)


@pytest.mark.parametrize("fmt", FORMATS)
def test_never_starts_at_the_first_item_and_keeps_completion_and_attempts(launcher, fmt):
    run = launcher(fmt, "never")
    first_visit(run)
    root = run.launch()
    learner = ScriptedLearner(root)
    learner.expect_title("Page 1")
    no_question(root)
    learner.button("Menu").click()
    outline = root.get_by_role("navigation", name="Course outline")
    for title in ("Page 1", "Page 2", QUIZ):
        expect(outline.get_by_role("button", name=f"{title}, completed")).to_be_visible()
    learner.button("Menu").click()
    learner.open_item(QUIZ)
    expect(root.get_by_text(re.compile(r"Best score: 0%.* 1 attempt\(s\) left\.$"))).to_be_visible()
    learner.open_item("Page 2")
    run.leave("page2")
    if fmt == "scorm12":
        assert run.stored["core"]["lesson_status"] == "failed"
    if fmt == "scorm2004":
        assert (run.stored["completion_status"], run.stored["success_status"]) == (
            "completed", "failed")


@pytest.mark.parametrize("fmt", FORMATS)
def test_ask_offers_both_choices_by_keyboard(launcher, page, fmt):
    run = launcher(fmt, "ask")
    first_visit(run)

    root = run.launch()
    dialog = root.get_by_role("dialog", name="Resume where you left off?")
    expect(dialog).to_be_visible()
    resume = dialog.get_by_role("button", name="Resume", exact=True)
    expect(resume).to_be_focused()
    expect(dialog.get_by_role("button", name="Start over", exact=True)).to_be_visible()
    if fmt == "local":
        assert serious_violations(page) == []
    page.keyboard.press("Enter")
    learner = ScriptedLearner(root)
    learner.expect_title(QUIZ)
    expect(learner.title()).to_be_focused()
    no_question(root)
    run.leave("quiz1")

    root = run.launch()
    dialog = root.get_by_role("dialog", name="Resume where you left off?")
    expect(dialog.get_by_role("button", name="Resume", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Start over", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    learner = ScriptedLearner(root)
    learner.expect_title("Page 1")
    expect(learner.title()).to_be_focused()
    no_question(root)
    learner.button("Menu").click()
    expect(root.get_by_role("navigation", name="Course outline").get_by_role(
        "button", name=f"{QUIZ}, completed")).to_be_visible()


@pytest.mark.parametrize("fmt", ["scorm2004", "local"])
def test_escape_resumes_and_a_fresh_launch_is_not_asked(launcher, page, fmt):
    run = launcher(fmt, "ask")
    root = run.launch()
    ScriptedLearner(root).expect_title("Page 1")
    no_question(root)
    learner = ScriptedLearner(root)
    learner.next()
    learner.expect_title("Page 2")
    run.leave("page2")

    root = run.launch()
    expect(root.get_by_role("dialog", name="Resume where you left off?")).to_be_visible()
    page.keyboard.press("Escape")
    ScriptedLearner(root).expect_title("Page 2")
    no_question(root)


def test_start_over_shows_the_cover_when_the_course_has_one(page, server, package):
    course = with_screens(short_course(), resume="ask", cover=True,
                          objectives=["Answer two questions"])
    course["tracking"] = "local"
    folder = package(course)
    url = server.mount(folder) + "index.html?tracking=local"
    page.goto(url)
    learner = ScriptedLearner(page)
    learner.button("Start").click()
    learner.next()
    learner.expect_title("Page 2")
    page.goto("about:blank")
    page.goto(url)
    page.get_by_role("dialog").get_by_role("button", name="Start over").click()
    expect(learner.title()).to_have_text("Player test course")
    expect(learner.button("Start")).to_be_visible()
    learner.button("Start").click()
    learner.expect_title("Page 1")

"""The player as a Tin Can package against a strict LRS: statements, the State API, outages."""

from __future__ import annotations

import json
import threading
import time
import uuid
from urllib.parse import urlencode

from lrs_server import StrictLrs, verb
from player_courses import full_course
from player_learner import ScriptedLearner

ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.com"}
ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/"
COURSE_IRI = "urn:course-studio:5b1f3c1e-0000-4000-8000-000000000001"
STATE_ID = "https://w3id.org/xapi/course-studio/state/resume"
WAIT_MS = 15_000


def launch(page, server, folder, lrs: StrictLrs, registration: str) -> None:
    query = urlencode({"endpoint": lrs.endpoint, "auth": lrs.basic_auth,
                       "actor": json.dumps(ACTOR), "registration": registration,
                       "activity_id": COURSE_IRI})
    page.goto(f"{server.mount(folder)}index.html?{query}")
    page.wait_for_function("() => !!(window.CoursePlayer && window.CoursePlayer.app)")


def wait_sent(page) -> None:
    page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0", timeout=WAIT_MS)


def leave(page, lrs: StrictLrs) -> None:
    page.goto("about:blank")
    page.wait_for_timeout(100)
    deadline = 50
    while deadline and not any(verb(s) == "terminated" for s in lrs.records.statements):
        page.wait_for_timeout(100)
        deadline -= 1


def xapi_course() -> dict:
    course = full_course()
    course["tracking"] = "xapi"
    return course


def test_a_learner_completes_the_course_with_valid_statements(page, server, package, lrs):
    course = xapi_course()
    registration = str(uuid.uuid4())
    launch(page, server, package(course), lrs, registration)
    ScriptedLearner(page).complete(course)
    wait_sent(page)
    leave(page, lrs)

    statements = lrs.records.statements
    assert lrs.records.rejected == []
    verbs = [verb(s) for s in statements]
    print("statements:", len(statements), verbs)
    assert verbs[0] == "initialized" and statements[0]["object"]["id"] == COURSE_IRI
    assert verbs[-1] == "terminated" and statements[-1]["object"]["id"] == COURSE_IRI
    assert all(s["context"]["registration"] == registration for s in statements)
    assert all(s["actor"]["mbox"] == ACTOR["mbox"] for s in statements)
    assert [s["timestamp"] for s in statements] == sorted(s["timestamp"] for s in statements)

    video_iri = f"{COURSE_IRI}/item/video1"
    video = [s for s in statements if s["object"]["id"] == video_iri]
    video_verbs = [verb(s) for s in video]
    assert video_verbs[0] == "initialized" and video_verbs[-1] == "completed"
    assert {"played", "paused"} <= set(video_verbs)
    for s in video:
        extensions = s["context"]["extensions"]
        assert extensions[f"{VIDEO}extensions/length"] == 3
        assert {"id": "https://w3id.org/xapi/video", "objectType": "Activity"} in (
            s["context"]["contextActivities"]["category"])
    assert len({s["context"]["extensions"][f"{VIDEO}extensions/session-id"] for s in video}) == 1
    done = video[-1]["result"]
    assert done["completion"] is True
    assert done["extensions"][f"{VIDEO}extensions/progress"] >= 0.9
    assert "[.]" in done["extensions"][f"{VIDEO}extensions/played-segments"]

    experienced = [s["object"]["id"].rsplit("/", 1)[1] for s in statements
                   if verb(s) == "experienced"]
    assert experienced == ["slide1", "page1"]

    answered = [s for s in statements if verb(s) == "answered"]
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    assert len(answered) == 1 + len(quiz["questions"])
    for s in answered:
        definition = s["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert "response" in s["result"]
        if definition["interactionType"] != "likert":
            assert s["result"]["success"] is True and definition["correctResponsesPattern"]
            assert s["result"]["score"]["scaled"] == 1
    types = {s["object"]["definition"]["interactionType"] for s in answered}
    assert types == {"choice", "true-false", "fill-in", "numeric", "matching", "sequencing",
                     "likert"}

    course_level = [verb(s) for s in statements if s["object"]["id"] == COURSE_IRI]
    assert course_level == ["initialized", "completed", "passed", "terminated"]
    passed = next(s for s in statements if verb(s) == "passed")
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1
    assert passed["result"]["duration"].startswith("PT")

    state = lrs.document(COURSE_IRI, ACTOR, registration, STATE_ID)
    assert state["location"] == "results" and state["progress"] == 1 and state["completed"]


def test_statements_sent_while_the_lrs_is_down_arrive_once_in_order(page, server, package, lrs):
    course = xapi_course()
    registration = str(uuid.uuid4())
    launch(page, server, package(course), lrs, registration)
    learner = ScriptedLearner(page)
    learner.watch_video(course["modules"][0]["lessons"][0]["items"][0])
    learner.next()  # the slide
    wait_sent(page)
    before = len(lrs.records.statements)
    lrs.stop()
    learner.next()  # the page
    learner.next()  # the quiz
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    learner.take_quiz(quiz)
    learner.next()
    learner.expect_title("Results")
    queued = page.evaluate("CoursePlayer.app.adapter.lrs.pending()")
    assert len(lrs.records.statements) == before
    lrs.start()
    wait_sent(page)
    leave(page, lrs)

    statements = lrs.records.statements
    assert lrs.records.rejected == []
    later = [verb(s) for s in statements[before:]]
    print(f"{queued} statements queued while the LRS was down; then {later}")
    assert queued == len(later) - 1  # all but terminated were waiting
    assert later == (["experienced"] + ["answered"] * len(quiz["questions"])
                     + ["completed", "passed", "terminated"])
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    assert [s["timestamp"] for s in statements] == sorted(s["timestamp"] for s in statements)
    state = lrs.document(COURSE_IRI, ACTOR, registration, STATE_ID)
    assert state["location"] == "results"


def test_state_written_elsewhere_is_overwritten_through_its_etag_and_resumed(
        page, server, package, lrs):
    course = xapi_course()
    registration = str(uuid.uuid4())
    folder = package(course)
    launch(page, server, folder, lrs, registration)
    learner = ScriptedLearner(page)
    learner.open_item("A blue slide")
    wait_sent(page)
    # Another device writes the document: the player's ETag is stale now.
    lrs.put_document(COURSE_IRI, ACTOR, registration, STATE_ID, {"location": "video1"})
    learner.next()
    for _ in range(100):
        if lrs.document(COURSE_IRI, ACTOR, registration, STATE_ID)["location"] == "page1":
            break
        page.wait_for_timeout(100)
    assert 412 in lrs.records.conflicts
    assert lrs.document(COURSE_IRI, ACTOR, registration, STATE_ID)["location"] == "page1"
    leave(page, lrs)

    launch(page, server, folder, lrs, registration)
    learner.expect_title("Reading")
    assert lrs.records.rejected == []


class SlowStateLrs(StrictLrs):
    """A strict LRS whose State API writes take ``delay_s`` to answer, so a write is still on
    its way when the learner leaves; ``arrived`` is set by the first write whose document
    has the location ``awaited``."""

    def __init__(self, validator, delay_s: float) -> None:
        super().__init__(validator)
        self.delay_s = delay_s
        self.awaited = ""
        self.arrived = threading.Event()
        self.writes: list[tuple[str, str]] = []  # (method, location) as they arrive

    def answer(self, request):
        if request.resource == "activities/state" and request.method in ("PUT", "POST"):
            location = (request.json() or {}).get("location")
            self.writes.append((request.method, location))
            if location == self.awaited:
                self.arrived.set()
            time.sleep(self.delay_s)
        return super().answer(request)


def settled_location(page, lrs, registration: str, expected: str) -> str:
    for _ in range(50):
        held = lrs.document(COURSE_IRI, ACTOR, registration, STATE_ID) or {}
        if held.get("location") == expected:
            break
        page.wait_for_timeout(100)
    return held.get("location")


def open_the_slide_slowly(page, server, package, lrs: SlowStateLrs) -> tuple[str, ScriptedLearner]:
    """Launches a Tin Can course and opens the slide; returns (registration, learner) once
    the write of the slide's location has reached the LRS, still unanswered."""
    registration = str(uuid.uuid4())
    launch(page, server, package(xapi_course()), lrs, registration)
    learner = ScriptedLearner(page)
    lrs.awaited = "slide1"
    learner.open_item("A blue slide")
    assert lrs.arrived.wait(10)
    return registration, learner


def test_a_state_write_on_its_way_when_the_learner_leaves_is_not_sent_again(
        page, server, package, validator):
    lrs = SlowStateLrs(validator, delay_s=0.8)
    try:
        registration, _ = open_the_slide_slowly(page, server, package, lrs)
        leave(page, lrs)

        assert settled_location(page, lrs, registration, "slide1") == "slide1"
        # sent twice, the second write would carry an ETag the first one outdated: a 412
        assert lrs.records.conflicts == []
        assert [w for w in lrs.writes if w[1] == "slide1"] == [("PUT", "slide1")]
    finally:
        lrs.stop()


def test_a_newer_state_than_the_write_on_its_way_is_merged_when_the_learner_leaves(
        page, server, package, validator):
    lrs = SlowStateLrs(validator, delay_s=0.8)
    try:
        registration, learner = open_the_slide_slowly(page, server, package, lrs)
        learner.next()  # "page1" waits behind the write of "slide1"
        learner.expect_title("Reading")
        leave(page, lrs)

        assert settled_location(page, lrs, registration, "page1") == "page1"
        assert lrs.writes[-1] == ("POST", "page1") and 409 not in lrs.records.conflicts
    finally:
        lrs.stop()

"""Tracking that fails where the learner can see it: no SCORM API, Initialize or Commit refused,
an LRS that refuses the credentials, a cmi5 fetch that fails, a browser that goes offline.
The banner says so, counts what waits, and after recovery every record arrives once."""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import urlencode

import pytest
from lrs_server import StrictLrs, verb
from player_courses import short_course, with_screens
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_player_ui import serious_violations

WAIT_MS = 15_000
ACTOR = {"objectType": "Agent", "name": "Ada Learner", "mbox": "mailto:ada@example.com"}
COURSE_IRI = "urn:course-studio:5b1f3c1e-0000-4000-8000-000000000001"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"

# A SCORM 1.2 API that keeps every call; switches say whether LMSInitialize and LMSCommit
# succeed (answering "false" and 101 when they do not).
RECORDING_API = """
window.makeRecordingApi = function (switches) {
  var data = {"cmi.core.lesson_mode": "normal", "cmi.core.lesson_status": "not attempted"};
  var error = "0";
  var api = {calls: [], data: data, switches: switches};
  function answer(ok) { error = ok ? "0" : "101"; return ok ? "true" : "false"; }
  api.LMSInitialize = function () {
    api.calls.push(["LMSInitialize"]); return answer(switches.init); };
  api.LMSGetValue = function (k) {
    api.calls.push(["LMSGetValue", k]); error = "0"; return data[k] || ""; };
  api.LMSSetValue = function (k, v) {
    api.calls.push(["LMSSetValue", k, String(v)]);
    data[k] = String(v); error = "0"; return "true"; };
  api.LMSCommit = function () { api.calls.push(["LMSCommit"]); return answer(switches.commit); };
  api.LMSFinish = function () { api.calls.push(["LMSFinish"]); return answer(true); };
  api.LMSGetLastError = function () { return error; };
  api.LMSGetErrorString = function () { return ""; };
  api.LMSGetDiagnostic = function () { return ""; };
  return api;
};
"""


def with_api(init: bool, commit: bool) -> str:
    """An init script that puts a recording API in the page before the player starts."""
    switches = json.dumps({"init": init, "commit": commit})
    return RECORDING_API + f"window.API = makeRecordingApi({switches});"


def scorm_course(**course_fields) -> dict:
    course = short_course(mastery=50)
    course["tracking"] = "scorm12"
    course["course"].update(course_fields)
    return course


def open_player(page, server, folder, query: str = "") -> ScriptedLearner:
    page.goto(server.mount(folder) + "index.html" + query)
    page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
    return ScriptedLearner(page)


def banner(page):
    return page.locator("#tracking-banner")


def status(page) -> dict:
    return page.evaluate("CoursePlayer.app.adapter.status()")


def expect_waiting(page, count: int) -> None:
    noun = "record" if count == 1 else "records"
    queued = banner(page).locator(".tracking-queued")
    expect(queued).to_have_text(f"{count} {noun} waiting to be sent")


def try_again(page) -> None:
    """Presses Try again once the platform is back. The player retries by itself too, so the
    banner may be gone before a pointer reaches it: the button is pressed in the page."""
    page.evaluate("document.querySelector('#tracking-banner button').click()")


def expect_recovered(page) -> None:
    expect(banner(page)).to_be_hidden()
    expect(page.locator("#cp-live")).to_have_text("Progress is being recorded again.")
    assert status(page)["state"] == "recording"


def work_through(learner: ScriptedLearner, course: dict) -> None:
    items = course["modules"][0]["lessons"][0]["items"]
    learner.next()
    learner.next()
    learner.expect_title(items[2]["title"])
    learner.take_quiz(items[2])


def sets(calls: list, element: str) -> list[str]:
    return [c[2] for c in calls if c[0] == "LMSSetValue" and c[1] == element]


def test_no_api_keeps_local_progress_and_writes_the_held_values_once_on_retry(
        page, server, package):
    course = scorm_course()
    page.add_init_script(RECORDING_API)
    learner = open_player(page, server, package(course))
    expect(banner(page)).to_be_visible()
    expect(banner(page)).to_have_attribute("role", "alert")
    expect(banner(page)).to_contain_text("Your progress is not being recorded.")
    expect(banner(page)).to_contain_text("cannot find the learning system")
    assert status(page)["state"] == "unavailable" and status(page)["reason"] == "no-api"
    assert page.evaluate("CoursePlayer.app.adapter.name") == "local"
    assert serious_violations(page) == []

    work_through(learner, course)
    held = status(page)["queued"]
    assert held >= 2  # the two answers at least
    expect_waiting(page, held)
    kept = page.evaluate("""() => { const a = CoursePlayer.app.adapter;
        return JSON.parse(localStorage.getItem(a.storageKey)); }""")
    assert [ia["id"] for ia in kept["interactions"]] == ["quiz1_q1", "quiz1_q4"]

    # Try again with still no API: said, and the banner stays.
    learner.button("Try again").click()
    expect(banner(page).locator(".tracking-note")).to_have_text(re.compile("Still not recorded"))

    page.evaluate("window.API = makeRecordingApi({init: true, commit: true})")
    try_again(page)
    expect_recovered(page)
    calls = page.evaluate("window.API.calls")
    assert [c[0] for c in calls].count("LMSInitialize") == 1
    assert sets(calls, "cmi.interactions.0.id") == ["quiz1_q1"]
    assert sets(calls, "cmi.interactions.1.id") == ["quiz1_q4"]
    assert sets(calls, "cmi.interactions.2.id") == []
    assert sets(calls, "cmi.core.score.raw") == ["100"]
    assert len(sets(calls, "cmi.suspend_data")) == 1
    assert sets(calls, "cmi.core.lesson_location") == ["quiz1"]
    assert sets(calls, "cmi.core.lesson_status") == ["incomplete", "passed"]
    last_set = max(i for i, c in enumerate(calls) if c[0] == "LMSSetValue")
    assert any(c[0] == "LMSCommit" for c in calls[last_set:])
    interaction_writes = [i for i, c in enumerate(calls) if c[0] == "LMSSetValue"
                          and c[1].startswith("cmi.interactions.0.")]
    assert interaction_writes[-1] < min(i for i, c in enumerate(calls) if c[0] == "LMSSetValue"
                                        and c[1].startswith("cmi.interactions.1."))
    assert page.evaluate("CoursePlayer.app.adapter.name") == "scorm12"

    # recording again: what the learner does next goes straight to the LMS
    learner.next()
    page.wait_for_function("window.API.data['cmi.core.lesson_location'] === 'results'")


def test_initialize_false_is_said_and_retried(page, server, package):
    course = scorm_course()
    page.add_init_script(with_api(init=False, commit=True))
    learner = open_player(page, server, package(course))
    expect(banner(page)).to_contain_text("did not let this course start recording")
    assert status(page)["reason"] == "initialize-failed"
    assert page.evaluate("CoursePlayer.app.adapter.name") == "local"
    learner.next()
    assert status(page)["queued"] > 0
    page.evaluate("window.API.switches.init = true")
    try_again(page)
    expect_recovered(page)
    calls = page.evaluate("window.API.calls")
    assert [c[0] for c in calls].count("LMSInitialize") == 2
    assert sets(calls, "cmi.core.lesson_location") == ["page2"]


def test_a_commit_the_lms_refuses_is_counted_and_retried(page, server, package):
    course = scorm_course()
    page.add_init_script(with_api(init=True, commit=False))
    learner = open_player(page, server, package(course))
    learner.next()
    expect(banner(page)).to_contain_text("did not save your latest progress")
    assert status(page)["reason"] == "commit-failed" and status(page)["state"] == "retrying"
    expect_waiting(page, status(page)["queued"])
    assert status(page)["queued"] > 0
    page.evaluate("window.API.switches.commit = true")
    try_again(page)
    expect_recovered(page)
    assert status(page)["queued"] == 0


def test_block_policy_hides_the_content_and_stops_navigation_until_recovery(page, server, package):
    course = scorm_course(unrecorded="block")
    page.add_init_script(RECORDING_API)
    learner = open_player(page, server, package(course))
    expect(banner(page)).to_contain_text("you can go on as soon as it is recorded again")
    expect(page.locator("#main")).to_be_hidden()
    # the skip link leads to the banner, not to the hidden content
    expect(page.locator(".skip-link")).to_have_attribute("href", "#tracking-banner")
    for name in ("Next", "Previous", "Menu"):
        expect(learner.button(name)).to_be_disabled()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("CoursePlayer.app.state.index") == 0
    assert serious_violations(page) == []
    page.evaluate("window.API = makeRecordingApi({init: true, commit: true})")
    try_again(page)
    expect_recovered(page)
    expect(page.locator("#main")).to_be_visible()
    expect(page.locator(".skip-link")).to_have_attribute("href", "#main")
    expect(learner.button("Next")).to_be_enabled()
    expect(learner.button("Previous")).to_be_disabled()
    learner.next()
    learner.expect_title("Page 2")


def test_a_commit_refused_at_launch_is_said_at_once(page, server, package):
    course = scorm_course()
    # an LMS profile that commits only at launch and on hide: the launch's commit is the one
    course["lms"] = {"player": {"commit_on_status_change": False}}
    page.add_init_script(with_api(init=True, commit=False))
    open_player(page, server, package(course))
    assert [c[0] for c in page.evaluate("window.API.calls")].count("LMSCommit") == 1
    expect(banner(page)).to_contain_text("did not save your latest progress")
    assert status(page)["reason"] == "commit-failed" and status(page)["state"] == "retrying"
    expect_waiting(page, status(page)["queued"])
    assert page.evaluate("CoursePlayer.app.state.index") == 0
    page.evaluate("window.API.switches.commit = true")
    # retried by the player itself, without the learner pressing anything
    expect(banner(page)).to_be_hidden(timeout=WAIT_MS)
    assert status(page)["state"] == "recording" and status(page)["queued"] == 0
    commits = [c for c in page.evaluate("window.API.calls") if c[0] == "LMSCommit"]
    assert len(commits) >= 2


def test_a_blocked_cover_with_nothing_waiting_says_no_count(page, server, package):
    course = with_screens(scorm_course(unrecorded="block"), cover=True)
    page.add_init_script(RECORDING_API)
    open_player(page, server, package(course))
    expect(banner(page)).to_contain_text("cannot find the learning system")
    expect(page.locator("#main")).to_be_hidden()
    assert status(page)["queued"] == 0
    expect(banner(page).locator(".tracking-queued")).to_be_hidden()
    expect(banner(page)).not_to_contain_text("waiting to be sent")


@pytest.mark.parametrize("cover", [False, True])
def test_block_holds_the_launch_when_its_first_commit_is_refused(page, server, package, cover):
    course = with_screens(scorm_course(unrecorded="block"), cover=cover)
    page.add_init_script(with_api(init=True, commit=False))
    learner = open_player(page, server, package(course))
    expect(banner(page)).to_contain_text("you can go on as soon as it is recorded again")
    expect(page.locator("#main")).to_be_hidden()
    for name in ("Next", "Previous", "Menu"):
        expect(learner.button(name)).to_be_disabled()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("CoursePlayer.app.state.index") == 0
    expect(page.locator(".skip-link")).to_have_attribute("href", "#tracking-banner")
    assert serious_violations(page) == []
    page.evaluate("window.API.switches.commit = true")
    try_again(page)
    expect_recovered(page)
    expect(page.locator("#main")).to_be_visible()
    if cover:
        learner.button("Start").click()
    learner.expect_title("Page 1")
    learner.next()
    learner.expect_title("Page 2")


# ---- xAPI and cmi5 -----------------------------------------------------------------------


def xapi_launch(page, server, folder, lrs: StrictLrs, auth: str) -> None:
    query = urlencode({"endpoint": lrs.endpoint, "auth": auth, "actor": json.dumps(ACTOR),
                       "registration": str(uuid.uuid4()), "activity_id": COURSE_IRI})
    open_player(page, server, folder, "?" + query)


def queued_ids(page) -> list[str]:
    return page.evaluate("""() => Object.keys(localStorage).filter(k => k.endsWith(':queue'))
        .flatMap(k => JSON.parse(localStorage.getItem(k)).map(s => s.id))""")


def delivered_once(lrs: StrictLrs, ids: list[str]) -> None:
    stored = [s["id"] for s in lrs.records.statements]
    assert ids and all(stored.count(i) == 1 for i in ids), (ids, stored)
    assert lrs.records.rejected == []


def wait_sent(page) -> None:
    page.wait_for_function("() => CoursePlayer.app.adapter.lrs.pending() === 0", timeout=WAIT_MS)


def test_an_lrs_that_answers_401_then_200(page, server, package, lrs):
    course = scorm_course()
    course["tracking"] = "xapi"
    wrong = "Basic " + uuid.uuid4().hex
    xapi_launch(page, server, package(course), lrs, wrong)
    learner = ScriptedLearner(page)
    expect(banner(page)).to_contain_text("refused this course's sign-in")
    assert status(page)["reason"] == "lrs-auth"
    learner.next()
    page.wait_for_function("CoursePlayer.app.adapter.status().queued >= 2")
    ids = queued_ids(page)
    expect_waiting(page, len(ids))
    assert status(page)["queued"] == len(ids)
    assert serious_violations(page) == []

    lrs.basic_auth = wrong  # the LMS fixed the account: the same credentials now pass
    try_again(page)
    expect_recovered(page)
    wait_sent(page)
    delivered_once(lrs, ids)
    assert [verb(s) for s in lrs.records.statements][:2] == ["initialized", "experienced"]


def test_offline_then_online_delivers_every_queued_statement_once(page, server, package, lrs):
    course = scorm_course()
    course["tracking"] = "xapi"
    xapi_launch(page, server, package(course), lrs, lrs.basic_auth)
    learner = ScriptedLearner(page)
    wait_sent(page)
    expect(banner(page)).to_be_hidden()

    page.context.set_offline(True)
    expect(banner(page)).to_contain_text("You are offline.")
    assert status(page)["state"] == "offline"
    learner.next()
    learner.next()
    learner.take_quiz(course["modules"][0]["lessons"][0]["items"][2])
    page.wait_for_function("CoursePlayer.app.adapter.status().queued >= 4")
    ids = queued_ids(page)
    expect_waiting(page, len(ids))
    assert status(page)["queued"] == len(ids)
    assert not any(s["id"] in ids for s in lrs.records.statements)

    page.context.set_offline(False)
    expect_recovered(page)
    wait_sent(page)
    delivered_once(lrs, ids)


def test_a_cmi5_fetch_that_fails_is_retried_and_the_held_statements_are_sent(
        page, server, package, lrs):
    course = scorm_course()
    course["tracking"] = "cmi5"
    lesson = course["modules"][0]["lessons"][0]
    registration, session_id = str(uuid.uuid4()), str(uuid.uuid4())
    activity_id = f"{COURSE_IRI}/lesson/{lesson['id']}"
    template = {"extensions": {SESSION: session_id}}
    lrs.put_document(activity_id, ACTOR, registration, "LMS.LaunchData",
                     {"contextTemplate": template, "launchMode": "Normal",
                      "launchMethod": "AnyWindow", "moveOn": "Completed"})
    fetch = lrs.fetch_url()
    query = urlencode({"endpoint": lrs.endpoint, "fetch": fetch, "registration": registration,
                       "activityId": activity_id, "actor": json.dumps(ACTOR)})
    lrs.stop()  # the LMS's fetch URL does not answer
    learner = open_player(page, server, package(course), f"?unit={lesson['id']}&{query}")
    expect(banner(page)).to_contain_text("could not get permission")
    assert status(page)["reason"] == "cmi5-fetch"
    learner.next()
    learner.next()
    learner.take_quiz(lesson["items"][2])
    held = status(page)["queued"]
    expect_waiting(page, held)

    lrs.start()
    try_again(page)
    expect_recovered(page)
    assert page.evaluate("CoursePlayer.app.adapter.name") == "cmi5"
    wait_sent(page)
    statements = lrs.records.statements
    verbs = [verb(s) for s in statements]
    assert verbs[0] == "initialized"
    assert verbs.count("experienced") == 2 and verbs.count("answered") == 2
    assert "completed" in verbs
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    assert lrs.records.rejected == []


def test_a_statement_the_lrs_refuses_is_counted_and_said(page, server, package, lrs):
    course = scorm_course()
    course["tracking"] = "xapi"
    strict = lrs.problems
    lrs.problems = lambda s: ["refused here"] if verb(s) == "experienced" else strict(s)
    xapi_launch(page, server, package(course), lrs, lrs.basic_auth)
    learner = ScriptedLearner(page)
    expect(banner(page)).to_contain_text("refused some of your records")
    expect(banner(page)).to_contain_text("1 record was refused and could not be saved.")
    assert status(page)["reason"] == "lrs-refused" and status(page)["dropped"] == 1
    learner.next()
    expect(banner(page)).to_contain_text("2 records were refused and could not be saved.")
    learner.next()
    learner.take_quiz(course["modules"][0]["lessons"][0]["items"][2])
    expect(banner(page)).to_be_hidden()
    expect(page.locator("#cp-live")).to_have_text(
        "Progress is being recorded again. 2 records were refused and could not be saved.")
    assert [verb(s) for s, _ in lrs.records.rejected] == ["experienced", "experienced"]

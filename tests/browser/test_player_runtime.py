"""The player completes a course under real SCORM run-times (scorm-again) in Chromium."""

from __future__ import annotations

import re

import pytest
from player_courses import full_course
from player_learner import ScriptedLearner

SCORM12_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
ISO_DURATION = re.compile(r"^P(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)$")

EXPECTED_12 = {
    "video1_c1_cq1": ("true-false", "t", "t", "correct"),
    "quiz1_q1": ("choice", "a", "a", "correct"),
    "quiz1_q2": ("choice", "a,b", "a,b", "correct"),
    "quiz1_q3": ("true-false", "t", "t", "correct"),
    "quiz1_q4": ("fill-in", "Paris", "Paris", "correct"),
    "quiz1_q5": ("numeric", "3.14", "3.14", "correct"),
    "quiz1_q6": ("matching", "a.1,b.2,c.3", "a.1,b.2,c.3", "correct"),
    "quiz1_q7": ("sequencing", "a,b,c", "a,b,c", "correct"),
    "quiz1_q8": ("likert", "c", None, "neutral"),
}
EXPECTED_2004 = {
    "video1_c1_cq1": ("true-false", "true", "true", "correct"),
    "quiz1_q1": ("choice", "a", "a", "correct"),
    "quiz1_q2": ("choice", "a[,]b", "a[,]b", "correct"),
    "quiz1_q3": ("true-false", "true", "true", "correct"),
    "quiz1_q4": ("fill-in", "Paris", "Paris", "correct"),
    "quiz1_q5": ("numeric", "3.14", "3.13[:]3.15", "correct"),
    "quiz1_q6": ("matching", "a[.]1[,]b[.]2[,]c[.]3", "a[.]1[,]b[.]2[,]c[.]3", "correct"),
    "quiz1_q7": ("sequencing", "a[,]b[,]c", "a[,]b[,]c", "correct"),
    "quiz1_q8": ("likert", "c", None, "neutral"),
}


def interactions_by_id(cmi: dict) -> dict[str, dict]:
    return {entry["id"]: entry for entry in cmi["interactions"].values()}


def test_scorm12_learner_completes_course(package, run_lms):
    course = full_course()
    session = run_lms(package(course), standard="scorm12")
    ScriptedLearner(session.sco).complete(course)
    session.close()

    cmi = session.cmi()
    core = cmi["core"]
    assert core["lesson_status"] == "passed"
    assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == ("100", "0", "100")
    assert core["exit"] == ""
    assert SCORM12_TIMESPAN.match(core["session_time"]), core["session_time"]
    assert core["lesson_location"] == "results"
    assert 0 < len(cmi["suspend_data"]) <= 4096
    statuses = session.values_set("cmi.core.lesson_status")
    assert statuses[0] == "incomplete" and "not attempted" not in statuses
    calls = [(c["fn"], c["args"][0] if c["args"] else "") for c in session.calls()]
    assert calls.index(("LMSSetValue", "cmi.core.score.raw")) < calls.index(
        ("LMSSetValue", "cmi.core.lesson_status"),
        calls.index(("LMSSetValue", "cmi.core.score.raw")),
    )

    recorded = interactions_by_id(cmi)
    assert set(recorded) == set(EXPECTED_12)
    for ident, (kind, response, pattern, result) in EXPECTED_12.items():
        entry = recorded[ident]
        assert entry["type"] == kind, ident
        assert entry["student_response"] == response, ident
        assert entry["result"] == result, ident
        if pattern is not None:
            assert entry["correct_responses"]["0"]["pattern"] == pattern, ident
        assert SCORM12_TIMESPAN.match(entry["latency"]), entry["latency"]
        assert re.match(r"^\d{2}:\d{2}:\d{2}$", entry["time"]), entry["time"]
    assert session.api_errors() == []


def test_scorm2004_learner_completes_course(package, run_lms):
    course = full_course()
    session = run_lms(package(course), standard="scorm2004")
    ScriptedLearner(session.sco).complete(course)
    session.close()

    cmi = session.cmi()
    assert cmi["completion_status"] == "completed"
    assert cmi["success_status"] == "passed"
    score = cmi["score"]
    assert (score["scaled"], score["raw"], score["min"], score["max"]) == ("1", "100", "0", "100")
    assert cmi["progress_measure"] == "1"
    assert cmi["exit"] == "normal"
    assert ISO_DURATION.match(cmi["session_time"]), cmi["session_time"]
    assert 0 < len(cmi["suspend_data"]) <= 4096

    recorded = interactions_by_id(cmi)
    assert set(recorded) == set(EXPECTED_2004)
    for ident, (kind, response, pattern, result) in EXPECTED_2004.items():
        entry = recorded[ident]
        assert entry["type"] == kind, ident
        assert entry["learner_response"] == response, ident
        assert entry["result"] == result, ident
        if pattern is not None:
            assert entry["correct_responses"]["0"]["pattern"] == pattern, ident
        assert ISO_DURATION.match(entry["latency"]), entry["latency"]
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", entry["timestamp"])
        assert entry["description"]
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_relaunch_resumes_at_saved_item(package, run_lms, standard):
    course = full_course()
    folder = package(course)
    first = run_lms(folder, standard=standard)
    learner = ScriptedLearner(first.sco)
    learner.watch_video(course["modules"][0]["lessons"][0]["items"][0])
    learner.next()
    learner.expect_title("A blue slide")
    learner.next()
    learner.expect_title("Reading")
    first.close()
    stored = first.resume_data()
    if standard == "scorm12":
        assert first.cmi()["core"]["exit"] == "suspend"
        assert first.cmi()["core"]["lesson_status"] == "incomplete"
    else:
        assert first.cmi()["exit"] == "suspend"
        assert first.cmi()["completion_status"] == "incomplete"

    second = run_lms(folder, standard=standard, stored=stored)
    again = ScriptedLearner(second.sco)
    again.expect_title("Reading")
    again.button("Menu").click()
    outline = second.sco.get_by_role("navigation", name="Course outline")
    for title in ("Test pattern", "A blue slide", "Reading"):
        assert outline.get_by_role("button", name=f"{title}, completed", exact=True).count() == 1
    assert outline.get_by_role("button", name="Final quiz, not started", exact=True).count() == 1
    assert first.api_errors() == [] and second.api_errors() == []

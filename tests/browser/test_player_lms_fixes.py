"""What every LMS needs from the player, profile or not: the exit value committed at start,
a commit when the page is hidden, the score written before the status, and the session time
in every commit."""

from __future__ import annotations

import re

import pytest
from lms_journal import events, first_set, hide, kept, stored_from
from player_courses import short_course
from player_learner import ScriptedLearner

EDITIONS = ["scorm12", "scorm2004"]
EXIT = {"scorm12": "cmi.core.exit", "scorm2004": "cmi.exit"}
DONE_EXIT = {"scorm12": "", "scorm2004": "normal"}
SCORE = {
    "scorm12": ["cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"],
    "scorm2004": ["cmi.score.scaled", "cmi.score.raw", "cmi.score.min", "cmi.score.max"],
}
STATUS = {
    "scorm12": ["cmi.core.lesson_status"],
    "scorm2004": ["cmi.success_status", "cmi.completion_status"],
}


@pytest.mark.parametrize("standard", EDITIONS)
def test_exit_is_committed_at_start_and_switched_when_complete(package, run_lms, standard):
    course = short_course()
    session = run_lms(package(course), standard=standard)
    trail = events(session.calls())
    at = first_set(trail, EXIT[standard])
    assert trail[at][2] == "suspend"
    assert ("commit",) in trail[at:] and ("finish",) not in trail

    ScriptedLearner(session.sco).complete(course)
    done = kept(session.calls())  # before the page is dismissed
    assert done[EXIT[standard]] == DONE_EXIT[standard]
    session.close()
    assert session.values_set(EXIT[standard])[0] == "suspend"
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
def test_tab_closed_abruptly_resumes_from_what_was_committed(package, run_lms, standard):
    course = short_course()
    folder = package(course)
    first = run_lms(folder, standard=standard)
    learner = ScriptedLearner(first.sco)
    learner.expect_title("Page 1")
    learner.next()
    learner.expect_title("Page 2")
    hide(first)
    stored = stored_from(kept(first.calls()), standard)  # commits during dismissal are lost
    entry = stored["core"]["entry"] if standard == "scorm12" else stored["entry"]
    assert entry == "resume"

    second = run_lms(folder, standard=standard, stored=stored)
    ScriptedLearner(second.sco).expect_title("Page 2")
    assert first.api_errors() == [] and second.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
def test_hidden_page_commits_the_current_position(package, run_lms, standard):
    course = short_course()
    session = run_lms(package(course), standard=standard)
    learner = ScriptedLearner(session.sco)
    learner.next()
    learner.previous()
    learner.expect_title("Page 1")
    before = len(events(session.calls()))
    hide(session)
    trail = events(session.calls())[before:]
    location = "cmi.core.lesson_location" if standard == "scorm12" else "cmi.location"
    assert trail[-1] == ("commit",)
    assert ("set", location, "page1") in trail
    assert kept(session.calls())[location] == "page1"


@pytest.mark.parametrize("standard", EDITIONS)
def test_score_is_written_before_status_in_every_report(package, run_lms, standard):
    course = short_course(attempts=2)
    quiz = course["modules"][0]["lessons"][0]["items"][2]
    session = run_lms(package(course), standard=standard)
    learner = ScriptedLearner(session.sco)
    learner.next()
    learner.next()
    learner.take_quiz(quiz, correct=False)
    learner.button("Retry").click()
    learner.take_quiz(quiz, correct=True)
    learner.next()
    learner.expect_title("Results")
    session.close()

    trail = events(session.calls())
    first_score = first_set(trail, SCORE[standard][0])
    checked = 0
    for i in range(first_score, len(trail)):
        if trail[i][0] != "set" or trail[i][1] not in STATUS[standard]:
            continue
        report_start = max(j for j in range(i) if trail[j][0] != "set") + 1
        report = [event[1] for event in trail[report_start:i] if event[0] == "set"]
        assert all(element in report for element in SCORE[standard]), (trail[i], report)
        checked += 1
    assert checked >= 1
    assert session.api_errors() == []


SESSION_TIME = {"scorm12": "cmi.core.session_time", "scorm2004": "cmi.session_time"}
TIME_FORMAT = {
    "scorm12": re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$"),
    "scorm2004": re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$"),
}


@pytest.mark.parametrize("standard", EDITIONS)
def test_every_commit_carries_the_session_time(package, run_lms, standard):
    course = short_course()
    session = run_lms(package(course), standard=standard)
    learner = ScriptedLearner(session.sco)
    learner.next()
    learner.expect_title("Page 2")
    session.page.wait_for_timeout(1_100)
    hide(session)
    trail = events(session.calls())
    commits = [i for i, event in enumerate(trail) if event == ("commit",)]
    assert len(commits) >= 3  # the start's, page 1 and page 2 viewed, the hidden page's
    start = 0
    element = SESSION_TIME[standard]
    for at in commits:
        written = [e[2] for e in trail[start:at] if e[0] == "set" and e[1] == element]
        assert written and TIME_FORMAT[standard].match(written[-1]), (trail[start:at], standard)
        start = at + 1
    # what an LMS keeps without the commits made during dismissal: over a second of session
    left = kept(session.calls())[SESSION_TIME[standard]]
    seconds = float(re.findall(r"[\d.]+", left)[-1])
    assert seconds >= 1.0, left
    session.close()
    assert session.api_errors() == []

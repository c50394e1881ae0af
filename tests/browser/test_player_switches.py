"""Each switch of an LMS profile's [player] table (COURSE_DATA.lms.player) acts, seen through
the calls the player makes to a real SCORM run-time."""

from __future__ import annotations

import pytest
from lms_journal import close_without_finish, commit_count, events, first_set, hide, kept
from player_courses import short_course, with_lms
from player_learner import ScriptedLearner

EDITIONS = ["scorm12", "scorm2004"]
STATUS_12 = "cmi.core.lesson_status"
EXIT = {"scorm12": "cmi.core.exit", "scorm2004": "cmi.exit"}
RAW = {"scorm12": "cmi.core.score.raw", "scorm2004": "cmi.score.raw"}
PREFIX = {"scorm12": "cmi.core.", "scorm2004": "cmi."}
LOCATION = {"scorm12": "cmi.core.lesson_location", "scorm2004": "cmi.location"}


def quiz_of(course: dict) -> dict:
    return course["modules"][0]["lessons"][0]["items"][2]


def launch(package, run_lms, standard, course=None, stored=None, **player):
    course = course or short_course()
    session = run_lms(package(with_lms(course, **player)), standard=standard, stored=stored)
    return session, ScriptedLearner(session.sco), course


def set_elements(session, prefix: str) -> list[str]:
    return [e[1] for e in events(session.calls()) if e[0] == "set" and e[1].startswith(prefix)]


# ---- statuses ------------------------------------------------------------------------------


STATUS_PAIRS_12 = [
    ("passed/incomplete", True, "passed"),
    ("passed/incomplete", False, "incomplete"),
    ("passed/failed", False, "failed"),
    ("completed/incomplete", True, "completed"),
    ("completed/failed", True, "completed"),
    ("completed/failed", False, "failed"),
]


@pytest.mark.parametrize(("pair", "correct", "status"), STATUS_PAIRS_12)
def test_status_pair_scorm12(package, run_lms, pair, correct, status):
    session, learner, course = launch(package, run_lms, "scorm12", status_pair=pair)
    learner.complete(course, correct=correct)
    session.close()
    assert session.cmi()["core"]["lesson_status"] == status
    assert set(session.values_set(STATUS_12)) <= {*pair.split("/"), "incomplete"}


@pytest.mark.parametrize(
    ("pair", "correct", "completion", "successes"),
    [
        ("completed/incomplete", True, "completed", []),
        ("completed/incomplete", False, "incomplete", []),
        ("passed/incomplete", False, "incomplete", []),
        ("passed/failed", True, "completed", ["passed"]),
        ("passed/failed", False, "incomplete", ["failed"]),
    ],
)
def test_status_pair_scorm2004(package, run_lms, pair, correct, completion, successes):
    session, learner, course = launch(
        package, run_lms, "scorm2004", status_pair=pair, completed_when_failed=False
    )
    learner.complete(course, correct=correct)
    session.close()
    assert session.cmi()["completion_status"] == completion
    assert session.values_set("cmi.success_status") == successes


@pytest.mark.parametrize("when_failed", [True, False])
def test_completed_when_failed_scorm2004(package, run_lms, when_failed):
    session, learner, course = launch(
        package,
        run_lms,
        "scorm2004",
        status_pair="passed/failed",
        completed_when_failed=when_failed,
    )
    learner.complete(course, correct=False)
    session.close()
    cmi = session.cmi()
    assert cmi["success_status"] == "failed"
    assert cmi["completion_status"] == ("completed" if when_failed else "incomplete")


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("score_first", [True, False])
def test_score_before_status_orders_the_report(package, run_lms, standard, score_first):
    session, learner, course = launch(package, run_lms, standard, score_before_status=score_first)
    learner.complete(course)
    session.close()
    trail = events(session.calls())
    score = first_set(trail, RAW[standard])
    status = STATUS_12 if standard == "scorm12" else "cmi.success_status"
    verdict = first_set(trail, status, max(0, score - 8))
    assert (score < verdict) == score_first, trail[score - 8 : score + 8]


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("with_max", [True, False])
def test_always_score_max(package, run_lms, standard, with_max):
    session, learner, course = launch(package, run_lms, standard, always_score_max=with_max)
    learner.complete(course)
    session.close()
    written = set(set_elements(session, PREFIX[standard] + "score."))
    assert (PREFIX[standard] + "score.max" in written) == with_max
    assert (PREFIX[standard] + "score.min" in written) == with_max
    assert RAW[standard] in written
    if with_max:
        assert session.values_set(PREFIX[standard] + "score.max")[-1] == "100"


# ---- exit values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "incomplete", "complete", "written_complete"),
    [
        ("scorm12", "", "normal", ""),
        ("scorm2004", "", "suspend", "suspend"),
        ("scorm2004", "suspend", "", "normal"),
    ],
)
def test_exit_values(package, run_lms, standard, incomplete, complete, written_complete):
    session, learner, course = launch(
        package, run_lms, standard, exit_incomplete=incomplete, exit_complete=complete
    )
    trail = events(session.calls())
    at = first_set(trail, EXIT[standard])
    assert trail[at][2] == incomplete and ("commit",) in trail[at:]
    learner.complete(course)
    assert kept(session.calls())[EXIT[standard]] == written_complete
    session.close()
    assert session.values_set(EXIT[standard])[-1] == written_complete
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
def test_finish_on_exit_off_commits_without_finishing(package, run_lms, standard):
    session, learner, _course = launch(package, run_lms, standard, finish_on_exit=False)
    learner.next()
    close_without_finish(session)
    trail = events(session.calls())
    assert ("finish",) not in trail
    assert trail[-1] == ("commit",)
    assert ("set", EXIT[standard], "suspend") in trail[-4:]


@pytest.mark.parametrize("standard", EDITIONS)
def test_finish_when_complete_ends_the_session_at_the_results(package, run_lms, standard):
    session, learner, course = launch(package, run_lms, standard, finish_when_complete=True)
    learner.complete(course)  # ends on the results screen
    session.wait_finished()  # LMSFinish / Terminate, with the page still shown
    trail = events(session.calls())
    assert trail[-2:] == [("commit",), ("finish",)]
    last = trail[max(i for i, e in enumerate(trail[:-2]) if e[0] != "set") + 1 : -2]
    assert ("set", LOCATION[standard], "results") in last
    assert ("set", EXIT[standard], "" if standard == "scorm12" else "normal") in last
    assert kept(session.calls())[RAW[standard]] == "100"
    calls = len(session.calls())
    learner.previous()  # navigation still works, and writes nothing more
    learner.expect_title(quiz_of(course)["title"])
    learner.next()
    learner.expect_title("Results")
    hide(session)
    assert len(session.calls()) == calls
    assert session.api_errors() == []


@pytest.mark.parametrize("finish", [True, False])
def test_finish_when_complete_waits_for_a_complete_course(package, run_lms, finish):
    session, learner, course = launch(package, run_lms, "scorm12", finish_when_complete=finish)
    learner.next()
    learner.next()
    learner.expect_title(quiz_of(course)["title"])
    learner.next()  # the quiz left unanswered: the course is not complete
    learner.expect_title("Results")
    assert ("finish",) not in events(session.calls())
    learner.previous()
    learner.take_quiz(quiz_of(course), correct=True)
    learner.next()
    learner.expect_title("Results")
    assert (("finish",) in events(session.calls())) == finish
    session.close()
    assert session.values_set(STATUS_12)[-1] == "passed"


# ---- commits -------------------------------------------------------------------------------


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("on_status", [True, False])
def test_commit_on_status_change(package, run_lms, standard, on_status):
    session, learner, _course = launch(
        package, run_lms, standard, commit_on_status_change=on_status
    )
    before = commit_count(session)
    learner.next()  # page 2 viewed: progress reported
    learner.expect_title("Page 2")
    assert commit_count(session) - before == (1 if on_status else 0)
    assert before == (2 if on_status else 1)  # the start's commit, then page 1 viewed


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("every", [True, False])
def test_commit_on_every_change(package, run_lms, standard, every):
    session, learner, course = launch(package, run_lms, standard, commit_on_every_change=every)
    learner.next()
    learner.next()  # the quiz: a new position, nothing viewed yet
    learner.expect_title(quiz_of(course)["title"])
    assert commit_count(session) == (4 if every else 3)  # start, page 1, page 2 (, quiz)
    assert kept(session.calls())[LOCATION[standard]] == ("quiz1" if every else "page2")


@pytest.mark.parametrize("standard", EDITIONS)
def test_commit_every_seconds_commits_pending_changes(package, run_lms, standard):
    session, learner, _course = launch(
        package, run_lms, standard, commit_on_status_change=False, commit_every_seconds=1
    )
    learner.next()
    learner.expect_title("Page 2")
    session.page.wait_for_timeout(2_500)
    settled = commit_count(session)
    assert settled >= 2 and kept(session.calls())[LOCATION[standard]] == "page2"
    session.page.wait_for_timeout(2_300)  # nothing changed since: the timer stays quiet
    assert commit_count(session) == settled


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("on_hide", [True, False])
def test_commit_on_hide(package, run_lms, standard, on_hide):
    session, learner, _course = launch(package, run_lms, standard, commit_on_hide=on_hide)
    learner.next()
    learner.expect_title("Page 2")
    before = commit_count(session)
    hide(session)
    assert commit_count(session) - before == (1 if on_hide else 0)


@pytest.mark.parametrize("standard", EDITIONS)
def test_commit_min_interval_batches_commits(package, run_lms, standard):
    session, learner, course = launch(
        package, run_lms, standard, commit_on_every_change=True, commit_min_interval_seconds=4
    )
    learner.next()
    learner.next()
    learner.expect_title(quiz_of(course)["title"])
    assert commit_count(session) == 1  # the start's: the rest wait for the interval
    session.page.wait_for_function(
        "() => window.lms.calls.filter(c => /Commit$/.test(c.fn)).length >= 2", timeout=10_000
    )
    assert commit_count(session) == 2
    location = LOCATION[standard]
    assert kept(session.calls())[location] == "quiz1"  # the batched commit carries the latest
    learner.previous()
    hide(session)  # hiding does not wait for the interval
    assert commit_count(session) == 3
    assert kept(session.calls())[location] == "page2"

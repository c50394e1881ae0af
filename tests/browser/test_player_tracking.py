"""Tracking edge cases: long courses, multi-SCO navigation, failing, LMSs without interactions."""

from __future__ import annotations

from player_courses import full_course, pages_course
from player_learner import ScriptedLearner
from playwright.sync_api import expect

SUSPEND_LIMIT_12 = 4096


def test_200_item_course_suspend_data_fits_scorm12(package, run_lms):
    course = pages_course(items=200, quiz_every=5)
    session = run_lms(package(course), standard="scorm12")
    learner = ScriptedLearner(session.sco)
    items = [i for lesson in course["modules"][0]["lessons"] for i in lesson["items"]]
    for item in items:
        if item["kind"] == "quiz":
            learner.take_quiz(item, correct={"q1"})  # one of two right: 50 %, passes at 50
        learner.button("Next").click()
    learner.expect_title("Results")
    session.close()

    cmi = session.cmi()
    saved = session.values_set("cmi.suspend_data")
    longest = max(len(text) for text in saved)
    print(f"200 items, 40 quizzes: suspend_data {len(cmi['suspend_data'])} chars (max {longest})")
    assert longest <= SUSPEND_LIMIT_12
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"]["raw"] == "50"
    assert session.api_errors() == []


def test_worst_case_resume_state_for_200_quizzes_fits(page, server):
    page.goto(f"{server.base}/lms/blank.html")
    for name in ("core.js", "state.js"):
        page.add_script_tag(url=f"{server.base}/player/player/{name}")
    text = page.evaluate("""() => CoursePlayer.resumeState.encode({
        index: 199, viewed: Array(200).fill(true),
        quizzes: Array(200).fill({attempts: 1295, best: 99.99, passed: true})})""")
    assert len(text) <= SUSPEND_LIMIT_12, len(text)
    decoded = page.evaluate("t => CoursePlayer.resumeState.decode(t, 200, 200)", text)
    assert decoded["index"] == 199 and all(decoded["viewed"])
    assert decoded["quizzes"][0] == {"attempts": 1295, "best": 99.99, "passed": True}
    assert page.evaluate("t => CoursePlayer.resumeState.decode(t, 201, 200)", text) is None


def test_multi_sco_lesson_requests_continue(package, run_lms):
    course = full_course()
    session = run_lms(package(course), launch="index.html?unit=l1", standard="scorm2004")
    learner = ScriptedLearner(session.sco)
    learner.complete(course, unit="l1")
    learner.button("Continue").click()
    session.wait_finished()

    assert session.values_set("adl.nav.request") == ["continue"]
    calls = session.calls()
    assert calls[-1]["fn"] == "Terminate"
    cmi = session.cmi()
    assert cmi["completion_status"] == "completed"
    assert cmi["exit"] == "normal"
    assert session.api_errors() == []


def failing_run(package, run_lms, standard):
    course = full_course()
    quiz = course["modules"][0]["lessons"][1]["items"][0]
    session = run_lms(package(course), launch="index.html?unit=l2", standard=standard)
    learner = ScriptedLearner(session.sco)
    learner.take_quiz(quiz, correct=False)
    learner.button("Retry").click()
    learner.take_quiz(quiz, correct=False)
    expect(learner.button("Retry")).to_have_count(0)
    learner.next()
    learner.expect_title("Results")
    session.close()
    return session


def test_failing_quiz_fails_scorm12(package, run_lms):
    session = failing_run(package, run_lms, "scorm12")
    core = session.cmi()["core"]
    assert core["lesson_status"] == "failed"
    assert core["score"]["raw"] == "0"
    assert core["exit"] == ""
    wrong = [e for e in session.cmi()["interactions"].values() if e["result"] == "wrong"]
    assert len(wrong) == 14  # 7 scored questions, two attempts
    assert session.api_errors() == []


def test_failing_quiz_fails_scorm2004(package, run_lms):
    session = failing_run(package, run_lms, "scorm2004")
    cmi = session.cmi()
    assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "failed")
    assert cmi["score"]["scaled"] == "0"
    assert session.api_errors() == []


def test_lms_without_interactions_still_completes(package, run_lms):
    course = full_course()
    session = run_lms(package(course), standard="scorm12", without_interactions=True)
    ScriptedLearner(session.sco).complete(course)
    session.close()

    core = session.cmi()["core"]
    assert core["lesson_status"] == "passed"
    interaction_calls = [
        c for c in session.calls() if c["args"] and c["args"][0].startswith("cmi.interactions")
    ]
    assert [c["args"][0] for c in interaction_calls] == ["cmi.interactions.0.id"]
    assert [c["error"] for c in session.api_errors()] == ["401"]

"""The profile switches about what the player writes: interactions, objectives, resume state
and the lesson mode, seen through a real SCORM run-time; and the resume-state codec."""

from __future__ import annotations

import pytest
from lms_journal import events, kept, stored_from
from player_courses import pages_course, short_course, with_lms
from player_learner import ScriptedLearner

EDITIONS = ["scorm12", "scorm2004"]
SUSPEND = "cmi.suspend_data"
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}


def launch(package, run_lms, standard, course=None, stored=None, **player):
    course = course or short_course()
    session = run_lms(package(with_lms(course, **player)), standard=standard, stored=stored)
    return session, ScriptedLearner(session.sco), course


def quiz_of(course: dict) -> dict:
    return course["modules"][0]["lessons"][0]["items"][2]


def written(session, prefix: str) -> list[tuple[str, str]]:
    return [
        (e[1], e[2]) for e in events(session.calls()) if e[0] == "set" and e[1].startswith(prefix)
    ]


def tracking_errors(session) -> list[dict]:
    return session.frame.evaluate("CoursePlayer.app.adapter.errors")


def fail_then_pass(learner, course) -> None:
    quiz = quiz_of(course)
    learner.next()
    learner.next()
    learner.take_quiz(quiz, correct=False)
    learner.button("Retry").click()
    learner.take_quiz(quiz, correct=True)
    learner.next()
    learner.expect_title("Results")


# ---- interactions --------------------------------------------------------------------------


@pytest.mark.parametrize("standard", EDITIONS)
def test_interactions_off_writes_none(package, run_lms, standard):
    session, learner, course = launch(package, run_lms, standard, interactions=False)
    learner.complete(course)
    session.close()
    assert written(session, "cmi.interactions") == []
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("unique", [True, False])
def test_unique_interaction_ids_carry_the_attempt(package, run_lms, standard, unique):
    session, learner, course = launch(package, run_lms, standard, unique_interaction_ids=unique)
    fail_then_pass(learner, course)
    session.close()
    ids = [
        value for element, value in written(session, "cmi.interactions") if element.endswith(".id")
    ]
    if unique:
        assert ids == ["quiz1_q1_a1", "quiz1_q4_a1", "quiz1_q1_a2", "quiz1_q4_a2"]
    else:
        assert ids == ["quiz1_q1", "quiz1_q4"] * 2
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
def test_response_limit_truncates_responses_and_patterns(package, run_lms, standard):
    session, learner, course = launch(package, run_lms, standard, response_limit=3)
    learner.complete(course)
    session.close()
    fill = next(e for e in session.cmi()["interactions"].values() if e["id"] == "quiz1_q4")
    assert fill[RESPONSE[standard]] == "Par"
    assert fill["correct_responses"]["0"]["pattern"] == "Par"
    responses = [
        v for e, v in written(session, "cmi.interactions") if e.endswith(RESPONSE[standard])
    ]
    assert responses and all(len(v) <= 3 for v in responses)


# ---- objectives ----------------------------------------------------------------------------


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("objectives", [True, False])
def test_objectives_one_per_quiz(package, run_lms, standard, objectives):
    session, learner, course = launch(package, run_lms, standard, objectives=objectives)
    fail_then_pass(learner, course)
    session.close()
    if not objectives:
        assert written(session, "cmi.objectives") == []
        return
    final = kept(session.calls())
    assert final["cmi.objectives.0.id"] == "quiz1"
    assert final["cmi.objectives.0.score.raw"] == "100"
    assert final["cmi.objectives.0.score.max"] == "100"
    if standard == "scorm12":
        statuses = [v for e, v in written(session, "cmi.objectives.0.status")]
        assert statuses == ["incomplete", "passed"]  # one attempt left after the first
    else:
        assert final["cmi.objectives.0.success_status"] == "passed"
        assert final["cmi.objectives.0.completion_status"] == "completed"
        assert final["cmi.objectives.0.score.scaled"] == "1"
    assert not any(e.startswith("cmi.objectives.1") for e in final)
    assert session.api_errors() == []


# ---- resume state --------------------------------------------------------------------------


def long_pages() -> dict:
    return pages_course(items=60, quiz_every=0)


@pytest.mark.parametrize("standard", EDITIONS)
def test_suspend_data_limit_drops_what_resume_can_rebuild(package, run_lms, standard):
    course = long_pages()
    folder = package(with_lms(course, suspend_data_limit=12))
    first = run_lms(folder, standard=standard)
    learner = ScriptedLearner(first.sco)
    for n in (2, 3, 4):
        learner.next()
        learner.expect_title(f"Page {n}")
    saved = first.values_set(SUSPEND)
    assert saved and all(len(text) <= 12 for text in saved)
    assert saved[-1].split("~")[3] == "-"
    assert tracking_errors(first) == [
        {"call": "saveState", "element": "suspend_data", "code": "reduced"}
    ]
    assert first.api_errors() == []

    second = run_lms(folder, standard=standard, stored=stored_from(kept(first.calls()), standard))
    again = ScriptedLearner(second.sco)
    again.expect_title("Page 4")
    again.button("Menu").click()
    outline = second.sco.get_by_role("navigation", name="Course outline")
    assert outline.get_by_role("button", name="Page 3, completed", exact=True).count() == 1


@pytest.mark.parametrize("standard", EDITIONS)
def test_suspend_data_limit_too_small_writes_nothing(package, run_lms, standard):
    session, learner, _course = launch(
        package, run_lms, standard, course=long_pages(), suspend_data_limit=5
    )
    learner.next()
    learner.expect_title("Page 2")
    assert session.values_set(SUSPEND) == []
    assert tracking_errors(session) == [
        {"call": "saveState", "element": "suspend_data", "code": "length"}
    ]
    assert session.api_errors() == []


@pytest.mark.parametrize("standard", EDITIONS)
def test_compressed_suspend_data_resumes(package, run_lms, standard):
    course = long_pages()
    folder = package(with_lms(course, compress_suspend_data=True))
    first = run_lms(folder, standard=standard)
    learner = ScriptedLearner(first.sco)
    for n in (2, 3):
        learner.next()
        learner.expect_title(f"Page {n}")
    assert first.values_set(SUSPEND)[-1] == "2~1o~2~0.3.1l~"  # 3 viewed, then 57 not
    first.close()

    second = run_lms(folder, standard=standard, stored=first.resume_data())
    again = ScriptedLearner(second.sco)
    again.expect_title("Page 3")
    again.button("Menu").click()
    outline = second.sco.get_by_role("navigation", name="Course outline")
    assert outline.get_by_role("button", name="Page 2, completed", exact=True).count() == 1
    assert outline.get_by_role("button", name="Page 5, not started", exact=True).count() == 1


# ---- lesson mode ---------------------------------------------------------------------------


@pytest.mark.parametrize("standard", EDITIONS)
@pytest.mark.parametrize("missing_is_normal", [True, False])
def test_missing_lesson_mode(package, run_lms, standard, missing_is_normal):
    course = short_course()
    folder = package(with_lms(course, lesson_mode_missing_is_normal=missing_is_normal))
    session = run_lms(folder, standard=standard, lesson_mode="")
    learner = ScriptedLearner(session.sco)
    learner.complete(course)
    session.close()
    status = "cmi.core.lesson_status" if standard == "scorm12" else "cmi.completion_status"
    assert (session.values_set(status) != []) == missing_is_normal
    assert (written(session, "cmi.interactions") != []) == missing_is_normal


# ---- the codec -----------------------------------------------------------------------------


def codec(page, server):
    page.goto(f"{server.base}/lms/blank.html")
    for name in ("core.js", "state.js", "lms_switches.js"):
        page.add_script_tag(url=f"{server.base}/player/player/{name}")


def test_compressed_and_reduced_states_decode_and_old_state_still_does(page, server):
    codec(page, server)
    state = {
        "index": 5,
        "viewed": [True] * 5 + [False] * 20 + [True] * 75,
        "quizzes": [{"attempts": 2, "best": 80.5, "passed": True}],
    }
    result = page.evaluate(
        """s => {
          const R = CoursePlayer.resumeState;
          const plain = R.encode(s), packed = R.encode(s, true);
          const reduced = R.fit(s, packed.length - 1, true);
          return {plain, packed, reduced, none: R.fit(s, 4, true),
                  fits: R.fit(s, 0, false).text === plain,
                  decoded: [plain, packed, reduced.text].map(t => R.decode(t, 100, 1))};
        }""",
        state,
    )
    assert result["plain"].startswith("1~") and result["packed"] == "2~2s~5~0.5.k.23~2.67m.1"
    assert len(result["packed"]) < len(result["plain"]) and result["fits"]
    assert result["reduced"] == {"text": "2~2s~5~-~2.67m.1", "reduced": True}
    assert result["none"] == {"text": None, "reduced": True}
    full, packed, reduced = result["decoded"]
    assert full == packed == state
    assert reduced["viewed"] == [True] * 5 + [False] * 95 and reduced["quizzes"] == state["quizzes"]


@pytest.mark.parametrize(
    ("pair", "complete", "success", "when_failed", "expected"),
    [
        (None, True, True, True, {"lesson": "passed", "completed": True, "success": True}),
        (None, True, False, True, {"lesson": "failed", "completed": True, "success": False}),
        (None, True, None, True, {"lesson": "completed", "completed": True, "success": None}),
        (None, False, None, True, {"lesson": "incomplete", "completed": False, "success": None}),
        (None, True, False, False, {"lesson": "failed", "completed": False, "success": False}),
        (
            "passed/incomplete",
            True,
            None,
            False,
            {"lesson": "passed", "completed": True, "success": True},
        ),
        (
            "passed/incomplete",
            True,
            False,
            False,
            {"lesson": "incomplete", "completed": False, "success": None},
        ),
        (
            "passed/failed",
            True,
            False,
            True,
            {"lesson": "failed", "completed": True, "success": False},
        ),
        (
            "completed/incomplete",
            True,
            True,
            False,
            {"lesson": "completed", "completed": True, "success": None},
        ),
        (
            "completed/failed",
            True,
            True,
            False,
            {"lesson": "completed", "completed": True, "success": None},
        ),
        (
            "completed/failed",
            True,
            False,
            False,
            {"lesson": "failed", "completed": False, "success": False},
        ),
    ],
)
def test_status_pairs_say_only_their_words(
    page, server, pair, complete, success, when_failed, expected
):
    codec(page, server)
    said = page.evaluate(
        "a => CoursePlayer.lmsSwitches.outcome(a[0], a[1], a[2], a[3])",
        [pair, complete, success, when_failed],
    )
    assert said == expected


def test_switches_default_to_the_players_behaviour_and_ignore_wrong_types(page, server):
    codec(page, server)
    resolved = page.evaluate(
        """() => {
          const S = CoursePlayer.lmsSwitches;
          return {none: S.resolve({}), empty: S.resolve({lms: {name: "x"}}), defaults: S.DEFAULTS,
                  block: S.resolve({lms: {player: {exit_complete: "suspend", objectives: "yes",
                                                   status_pair: "passed/failed"}}})};
        }"""
    )
    assert resolved["none"] == resolved["empty"] == resolved["defaults"]
    assert resolved["none"]["status_pair"] is None and resolved["none"]["exit_complete"] == ""
    assert resolved["block"]["exit_complete"] == "suspend"
    assert resolved["block"]["objectives"] is False  # a string is not a switch value
    assert resolved["block"]["status_pair"] == "passed/failed"

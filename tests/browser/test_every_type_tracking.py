"""Every question type reported through every tracking the exports use: one quiz holding every
type, answered once per format in headless Chromium (SCORM 1.2 and 2004 in scorm-again, Tin Can
and cmi5 against the validating LRS, the HTML5 export's local record), with a partly right
multiple response, a partly right drag-and-drop and an essay. What each LMS keeps is checked
against the studio's own interaction strings (``studio.quiz.interactions``)."""

from __future__ import annotations

import copy
import uuid
import zipfile
from pathlib import Path

import pytest
from player_courses import every_question_type, full_course
from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_cmi5_launch import check_cmi5_rules, launch_au, wait_terminated
from test_exported_sample import course_data, sco_launches
from test_player_ui import open_standalone
from test_xapi_tracking import COURSE_IRI, launch, leave, wait_sent

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.quiz.interactions import (
    scorm12_interaction,
    scorm2004_interaction,
    xapi_definition,
    xapi_response,
)
from studio.store import Project

# Past SCORM 1.2's 255 characters, with line breaks and SCORM 2004's delimiters in it.
ESSAY_TEXT = "{Plan} the week on Monday,\n[then] review it on Friday.\n" * 12
# As SCORM keeps it: on one line; in SCORM 2004 without delimiters or a leading "{".
ESSAY_LINE = ESSAY_TEXT.replace("\n", " ")
ESSAY_2004 = "(" + ESSAY_LINE[1:].replace("[", "(").replace("]", ")")
QUIZ = "quiz1"


def every_type_quiz() -> list[dict]:
    """The questions of every_question_type, with a partial-credit multiple response, and a
    hotspot, a per-item drag-and-drop, an essay and a description."""
    questions = every_question_type()
    questions[1]["scoring"] = "partial"
    common = {"feedback": {"correct": "Well done.", "incorrect": "Not quite."}, "media": None}
    return [{**common, "id": "n0", "type": "description", "points": 0, "feedback": {},
             "prompt": "Answer every question below."}] + questions + [
        {**common, "id": "h1", "type": "hotspot", "points": 2, "scoring": "all-or-nothing",
         "prompt": "Pick the two tanks.", "image": "media/slide.png",
         "imageAlt": "A blue test card", "imageWidth": 320, "imageHeight": 180,
         "regions": [
             {"id": "r1", "label": "Left tank", "shape": "rect", "coords": [0.05, 0.1, 0.3, 0.4],
              "correct": True},
             {"id": "r2", "label": "Round pool", "shape": "circle", "coords": [0.75, 0.5, 0.1],
              "correct": True},
             {"id": "r3", "label": "Sand", "shape": "polygon",
              "coords": [0.4, 0.95, 0.5, 0.6, 0.6, 0.95], "correct": False}]},
        {**common, "id": "d1", "type": "dragdrop", "points": 3, "scoring": "per-item",
         "prompt": "Sort the food.",
         "categories": [{"id": "k1", "text": "Fruit"}, {"id": "k2", "text": "Vegetable"}],
         "items": [{"id": "i1", "text": "Apple", "category": "k1"},
                   {"id": "i2", "text": "Carrot", "category": "k2"},
                   {"id": "i3", "text": "Banana", "category": "k1"}]},
        {**common, "id": "e1", "type": "essay", "points": 0, "prompt": "What will you change?",
         "maxLength": 4000, "modelAnswer": "Plan ahead."},
    ]


# The learner's answers: right everywhere but the multiple response (one of its two right
# choices: credit 1/2) and the drag-and-drop (Apple among the vegetables: 2 of 3 placed right).
RESPONSES = {"q1": "a", "q2": ["a"], "q3": True, "q4": "Paris", "q5": 3.14,
             "q6": {"p1": "p1", "p2": "p2", "p3": "p3"}, "q7": ["s1", "s2", "s3"], "q8": "3",
             "h1": ["r1", "r2"], "d1": {"i1": "k2", "i2": "k2", "i3": "k1"},
             "e1": ESSAY_TEXT}
CREDITS = {"q1": 1, "q2": 0.5, "q3": 1, "q4": 1, "q5": 1, "q6": 1, "q7": 1, "q8": None,
           "h1": 1, "d1": 2 / 3, "e1": None}
# points x credit: 1 + 0.5 + 5 x 1 + 2 + 3 x 2/3 = 10.5 of 12
PERCENT = 87.5


def course_for(tracking: str) -> dict:
    course = copy.deepcopy(full_course(masteryScore=80))
    course["tracking"] = tracking
    course["modules"][0]["lessons"] = [{"id": "l1", "title": "Check", "items": [{
        "id": QUIZ, "kind": "quiz", "title": "Every kind of question", "passMark": 70,
        "attempts": 1, "shuffle": False, "draw": None, "showAnswers": "always", "weight": 1.0,
        "questions": every_type_quiz()}]}]
    return course


def questions_by_id() -> dict[str, dict]:
    return {q["id"]: q for q in every_type_quiz()}


# Each question's key in RESPONSES by its prompt (an exported quiz gives questions ids of its own).
KEYS = {q["prompt"]: q["id"] for q in every_type_quiz()}


class EveryTypeLearner(ScriptedLearner):
    """Answers the quiz with RESPONSES, through the views' controls."""

    def answer_as_planned(self, question: dict) -> None:
        kind, response = question["type"], RESPONSES.get(KEYS[question["prompt"]])
        group = self.root.get_by_role("group", name=question["prompt"], exact=True)
        if kind == "multiple":
            for choice in question["choices"]:
                if choice["id"] in response:
                    group.get_by_role("checkbox", name=choice["text"], exact=True).check()
        elif kind == "hotspot":
            areas = self.root.get_by_role("group", name="Areas of the picture")
            for region in question["regions"]:
                if region["id"] in response:
                    areas.get_by_role("checkbox", name=region["label"], exact=True).check()
        elif kind == "dragdrop":
            texts = {c["id"]: c["text"] for c in question["categories"]}
            for item in question["items"]:
                self.root.get_by_role("combobox", name="Category for " + item["text"],
                                      exact=True).select_option(label=texts[response[item["id"]]])
        elif kind == "essay":
            self.root.get_by_role("textbox", name=question["prompt"], exact=True).fill(ESSAY_TEXT)
        elif kind != "description":
            self.answer(question, True)

    def take(self, course: dict) -> None:
        quiz = course["modules"][0]["lessons"][0]["items"][0]
        self.expect_title(quiz["title"])
        for question in quiz["questions"]:
            self.answer_as_planned(question)
        self.button("Submit").click()
        expect(self.root.get_by_role("heading", name="Result", exact=True)).to_be_focused()
        self.next()
        self.expect_title("Results")


def reported_ids() -> list[str]:
    return [f"{QUIZ}_{q['id']}" for q in every_type_quiz() if q["type"] != "description"]


def interaction_ids(quiz: dict) -> dict[str, str]:
    """RESPONSES key -> the interaction id the player gives the question of ``quiz``."""
    return {KEYS[q["prompt"]]: f"{quiz['id']}_{q['id']}" for q in quiz["questions"]}


def check_scorm(cmi: dict, standard: str, ids: dict[str, str] | None = None) -> None:
    ids = ids or {qid: f"{QUIZ}_{qid}" for qid in questions_by_id()}
    by_id = {entry["id"]: entry for entry in cmi["interactions"].values()}
    assert sorted(by_id) == sorted(ids[k] for k in CREDITS)  # the description is no interaction
    strings = scorm12_interaction if standard == "scorm12" else scorm2004_interaction
    response_key = "student_response" if standard == "scorm12" else "learner_response"
    questions = questions_by_id()
    for qid, credit in CREDITS.items():
        entry, question = by_id[ids[qid]], questions[qid]
        expected = strings(question, RESPONSES[qid], credit)
        patterns = [p["pattern"] for p in entry["correct_responses"].values()]
        assert (entry["type"], entry[response_key], patterns, entry["result"]) == (
            expected["type"], expected[response_key], expected["correct_responses"],
            expected["result"]), qid
        assert entry["weighting"] == str(question["points"] if credit is not None else 0), qid


def test_scorm12_keeps_every_type_and_the_credit(package, run_lms):
    course = course_for("scorm12")
    session = run_lms(package(course), standard="scorm12")
    EveryTypeLearner(session.sco).take(course)
    session.close()
    cmi = session.cmi()
    assert session.api_errors() == []
    check_scorm(cmi, "scorm12")
    by_id = {entry["id"]: entry for entry in cmi["interactions"].values()}
    # SCORM 1.2 RTE 3.4.3: a partly right answer's result is its credit (CMIDecimal)
    assert [by_id[f"{QUIZ}_{q}"]["result"] for q in ("q2", "d1", "h1", "e1")] == [
        "0.5", "0.666667", "correct", "neutral"]
    assert by_id[f"{QUIZ}_d1"]["student_response"] == "a.2,b.2,c.1"
    assert by_id[f"{QUIZ}_e1"]["type"] == "fill-in"  # 1.2 has no long-fill-in
    assert by_id[f"{QUIZ}_e1"]["student_response"] == ESSAY_LINE[:255]
    core = cmi["core"]
    assert (core["score"]["raw"], core["lesson_status"]) == ("87.5", "passed")


def test_scorm2004_keeps_every_type_and_the_credit(package, run_lms):
    course = course_for("scorm2004")
    session = run_lms(package(course), standard="scorm2004")
    EveryTypeLearner(session.sco).take(course)
    session.close()
    cmi = session.cmi()
    assert session.api_errors() == []
    check_scorm(cmi, "scorm2004")
    by_id = {entry["id"]: entry for entry in cmi["interactions"].values()}
    # SCORM 2004 RTE 4.2.9.1: real(10,7) for a partly right answer
    assert [by_id[f"{QUIZ}_{q}"]["result"] for q in ("q2", "d1", "h1", "e1")] == [
        "0.5", "0.666667", "correct", "neutral"]
    assert by_id[f"{QUIZ}_h1"]["learner_response"] == "a[,]b"
    assert by_id[f"{QUIZ}_d1"]["correct_responses"]["0"]["pattern"] == "a[.]1[,]b[.]2[,]c[.]1"
    essay = by_id[f"{QUIZ}_e1"]
    assert essay["type"] == "long-fill-in" and essay["learner_response"] == ESSAY_2004
    score = cmi["score"]
    assert (score["raw"], score["scaled"], score["max"]) == ("87.5", "0.875", "100")
    assert (cmi["success_status"], cmi["completion_status"]) == ("passed", "completed")


def check_answered(statements: list[dict]) -> None:
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements
                if s["verb"]["id"].endswith("/answered")}
    assert sorted(answered) == sorted(reported_ids())
    questions = questions_by_id()
    for qid, credit in CREDITS.items():
        statement, question = answered[f"{QUIZ}_{qid}"], questions[qid]
        definition, result = statement["object"]["definition"], statement["result"]
        expected = xapi_definition(question, "en")
        for key in ("interactionType", "correctResponsesPattern", "choices", "scale", "source",
                    "target"):
            assert definition.get(key) == expected.get(key), (qid, key)
        assert result["response"] == xapi_response(question, RESPONSES[qid]), qid
        if credit is None:
            assert "score" not in result and "success" not in result, qid
        else:
            points = question["points"]
            assert result["success"] is (credit == 1), qid
            assert result["score"] == pytest.approx(
                {"raw": points * credit, "min": 0, "max": points, "scaled": credit}), qid
    # xAPI keeps the essay's whole text
    assert answered[f"{QUIZ}_e1"]["result"]["response"] == ESSAY_TEXT
    assert answered[f"{QUIZ}_d1"]["result"]["score"]["raw"] == 2


def course_score(statements: list[dict], activity: str) -> dict:
    passed = [s for s in statements
              if s["object"]["id"] == activity and s["verb"]["id"].endswith(("/passed", "/failed"))]
    assert len(passed) == 1
    return passed[0]["result"]["score"]


def test_tincan_answers_carry_responses_and_partial_scores(page, server, package, lrs):
    course = course_for("xapi")
    launch(page, server, package(course), lrs, str(uuid.uuid4()))
    EveryTypeLearner(page).take(course)
    wait_sent(page)
    leave(page, lrs)
    statements = lrs.records.statements
    assert lrs.records.rejected == []
    check_answered(statements)
    assert course_score(statements, COURSE_IRI)["scaled"] == PERCENT / 100


def test_cmi5_answers_carry_responses_and_partial_scores(page, server, package, lrs):
    course = course_for("cmi5")
    facts = launch_au(page, server, package(course), lrs, "l1", "Normal", mastery=0.8)
    EveryTypeLearner(page).take(course)
    page.goto("about:blank")
    statements = wait_terminated(page, lrs, facts)
    check_cmi5_rules(lrs, facts, statements)
    check_answered(statements)
    assert course_score(statements, facts["activity"])["scaled"] == PERCENT / 100


def test_html5_record_keeps_responses_and_credits(page, server, package):
    course = course_for("local")
    learner = open_standalone(page, server, package(course))
    EveryTypeLearner(page).take(course)
    record = page.evaluate("""() => { const a = CoursePlayer.app.adapter; a.commit();
        return JSON.parse(localStorage.getItem(a.storageKey)); }""")
    kept = {entry["id"]: entry for entry in record["interactions"]}
    assert sorted(kept) == sorted(reported_ids())
    for qid, credit in CREDITS.items():
        entry = kept[f"{QUIZ}_{qid}"]
        assert entry["response"] == RESPONSES[qid], qid
        assert entry["credit"] == (None if credit is None else pytest.approx(credit)), qid
    assert [kept[f"{QUIZ}_{q}"]["result"] for q in ("q2", "d1", "h1", "e1")] == [
        "partial", "partial", "correct", "neutral"]
    assert record["score"]["raw"] == PERCENT and record["success"] is True
    learner.expect_title("Results")


def every_type_project(root: Path, image: Path) -> Project:
    """A project whose one quiz holds the questions of every_type_quiz, made by the commands
    (the hotspot's picture an image asset), to export as a person would."""
    project = Project.create(root / "Every type.course", "Every type")
    commands.set_course(project, mastery_score=80)
    sha, filename = project.store_media(image)
    picture = commands.add_asset(project, sha, filename, image.name, "image",
                                 image.stat().st_size, width=320, height=180)
    lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Check")
    quiz = commands.add_quiz(project, lesson, "Every kind of question", pass_mark=70,
                             attempts=1, shuffle=False, show_answers="always")
    for question in every_type_quiz():
        data = {k: v for k, v in question.items()
                if k not in ("id", "type", "prompt", "points", "imageWidth", "imageHeight")}
        if question["type"] == "hotspot":
            data["image"] = picture
        commands.add_question(project, quiz, question["type"], question["prompt"],
                              question["points"], data=data)
    return project


def test_an_exported_scorm2004_package_reports_every_type(tmp_path, run_lms, media):
    with every_type_project(tmp_path, media["image"]) as project:
        export_course(project, ExportOptions("scorm2004", preset="original"),
                      tmp_path / "every.zip")
    folder = tmp_path / "every"
    with zipfile.ZipFile(tmp_path / "every.zip") as archive:
        archive.extractall(folder)
    data = course_data(folder)
    (_title, launch), = sco_launches(folder)
    quiz = data["modules"][0]["lessons"][0]["items"][0]
    hotspot = next(q for q in quiz["questions"] if q["type"] == "hotspot")
    assert (folder / hotspot["image"]).is_file()
    assert (hotspot["imageWidth"], hotspot["imageHeight"]) == (320, 180)

    session = run_lms(folder, launch=launch, standard="scorm2004")
    EveryTypeLearner(session.sco).take(data)
    session.close()
    cmi = session.cmi()
    assert session.api_errors() == []
    check_scorm(cmi, "scorm2004", interaction_ids(quiz))
    assert (cmi["score"]["scaled"], cmi["success_status"]) == ("0.875", "passed")

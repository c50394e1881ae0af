"""Moodle XML out: the elements Moodle's importer reads, grades from Moodle's set, media
embedded as base64, and a notice for everything Moodle cannot hold as it is."""

from __future__ import annotations

import base64

from lxml import etree

from studio.quiz.moodle_writer import write_moodle_xml
from studio.quiz.moodle_xml import parse_moodle_xml
from studio.quiz.questions import normalise_question
from studio.quiz.source import QuestionOut

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def _out(qtype: str, prompt: str, data: dict, points: float = 1, qid: str = "q",
         files: dict | None = None) -> QuestionOut:
    prompt, points, data = normalise_question(qtype, prompt, points, data)
    return QuestionOut(qid, qtype, prompt, points, data, files or {})


def _xml(questions, name: str = "Quiz") -> tuple[etree._Element, list[str]]:
    data, notices = write_moodle_xml(questions, name)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    return etree.fromstring(data), notices


def test_categories_names_grades_and_feedback():
    root, notices = _xml([
        _out("choice", "Capital of France?", {
            "choices": [{"text": "Paris", "correct": True, "feedback": "Yes"},
                        {"text": "Lyon", "weight": 50}, {"text": "Nice", "weight": -33.33333}],
            "feedback": {"correct": "Right", "incorrect": "Wrong", "general": "Paris, on the "
                                                                              "Seine."},
            "title": "Capital"}, points=2.5),
        _out("truefalse", "Water boils at 100 °C at sea level.", {
            "answer": True, "feedback": {"correct": "Yes", "incorrect": "No"},
            "category": "Physics/Heat"}),
    ], "Geography quiz")
    kinds = [(q.get("type"), q.findtext("category/text") or q.findtext("name/text"))
             for q in root.iter("question")]
    assert kinds == [("category", "$course$/top/Geography quiz"), ("multichoice", "Capital"),
                     ("category", "$course$/top/Physics/Heat"),
                     ("truefalse", "Water boils at 100 °C at sea level.")]
    choice = root.findall("question")[1]
    assert choice.findtext("single") == "true"
    assert choice.findtext("defaultgrade") == "2.5"
    assert [a.get("fraction") for a in choice.iter("answer")] == ["100", "50", "-33.33333"]
    assert choice.findtext("questiontext/text") == "<p>Capital of France?</p>"
    assert choice.findtext("generalfeedback/text") == "<p>Paris, on the Seine.</p>"
    assert choice.findtext("correctfeedback/text") == "<p>Right</p>"
    assert choice.findtext("answer/feedback/text") == "<p>Yes</p>"
    truefalse = root.findall("question")[3]
    assert [(a.findtext("text"), a.get("fraction"), a.findtext("feedback/text"))
            for a in truefalse.iter("answer")] == [("true", "100", "<p>Yes</p>"),
                                                  ("false", "0", "<p>No</p>")]
    assert notices == []


def test_grades_snap_to_moodles_set_with_a_notice():
    root, notices = _xml([
        _out("multiple", "Pick", {"scoring": "weighted", "choices": [
            {"text": "a", "weight": 45}, {"text": "b", "weight": 55},
            {"text": "c", "weight": -7}]}),
        _out("choice", "One", {"choices": [{"text": "a", "correct": True},
                                           {"text": "b", "weight": 37}]}),
        _out("multiple", "Eleven", {"scoring": "partial", "choices": [
            {"text": str(n), "correct": True} for n in range(11)]})])
    # the right choices of a multiple answer keep summing to 100 %, as Moodle checks
    assert [a.get("fraction") for a in root.findall("question")[1].iter("answer")] == [
        "50", "50", "-5"]
    assert notices[:4] == [
        "question 1 'Pick': the weight 45 % of choice a is written as 50 %, the nearest grade "
        "Moodle offers",
        "question 1 'Pick': the weight 55 % of choice b is written as 50 %, the nearest grade "
        "Moodle offers",
        "question 1 'Pick': the weight -7 % of choice c is written as -5 %, the nearest grade "
        "Moodle offers",
        "question 2 'One': the weight 37 % of choice b is written as 40 %, the nearest grade "
        "Moodle offers"]
    assert notices[4] == ("question 3 'Eleven': the right choices' weights cannot be written "
                          "as Moodle grades that sum to 100 %, as Moodle wants for a "
                          "multiple-answer question")
    assert len(notices) == 5 + 11


def test_multiple_response_scoring_modes():
    choices = [{"text": "a", "correct": True}, {"text": "b", "correct": True},
               {"text": "c", "correct": True}, {"text": "d"}]
    root, notices = _xml([_out("multiple", "Partial", {"choices": choices,
                                                       "scoring": "partial"}),
                          _out("multiple", "Strict", {"choices": choices})])
    partial, strict = root.findall("question")[1:]
    assert partial.findtext("single") == "false"
    assert [a.get("fraction") for a in partial.iter("answer")] == [
        "33.33333", "33.33333", "33.33333", "-33.33333"]
    assert [a.get("fraction") for a in strict.iter("answer")] == [
        "33.33333", "33.33333", "33.33333", "-100"]
    assert notices == [
        "question 2 'Strict': Moodle has no all-or-nothing multiple response: written so that "
        "any wrong pick scores 0, but some of the right picks earn part of the points"]


def test_fill_numeric_matching_sequencing_essay_description():
    root, notices = _xml([
        _out("fill", "Symbol of gold?", {"answers": ["Au", "a*u"], "caseSensitive": True,
                                         "partial": [{"text": "Ag", "weight": 10}],
                                         "feedback": {"correct": "Yes", "incorrect": "No"}}),
        _out("numeric", "Between 1 and 2", {"min": 1, "max": 2,
                                            "feedback": {"correct": "", "incorrect": "No"}}),
        _out("matching", "Match", {"pairs": [{"left": "a", "right": "1"},
                                             {"left": "b", "right": "2 < 3"}],
                                   "scoring": "per-item"}),
        _out("sequencing", "Order", {"items": ["x", "y"]}),
        _out("essay", "Why?", {"modelAnswer": "Because.", "maxLength": 500}),
        _out("description", "Part 2", {}),
    ])
    fill, numeric, matching, sequencing, essay, description = root.findall("question")[1:]
    assert fill.findtext("usecase") == "1"
    assert [(a.get("fraction"), a.findtext("text"), a.findtext("feedback/text"))
            for a in fill.iter("answer")] == [("100", "Au", "<p>Yes</p>"),
                                              ("100", "a\\*u", "<p>Yes</p>"),
                                              ("10", "Ag", None), ("0", "*", "<p>No</p>")]
    assert [(a.get("fraction"), a.findtext("text"), a.findtext("tolerance"))
            for a in numeric.iter("answer")] == [("100", "1.5", "0.5"), ("0", "*", "0")]
    assert [(s.findtext("text"), s.findtext("answer/text"))
            for s in matching.iter("subquestion")] == [("<p>a</p>", "1"), ("<p>b</p>", "2 < 3")]
    assert matching.get("type") == "matching"
    assert sequencing.get("type") == "ordering"
    assert sequencing.findtext("gradingtype") == "ALL_OR_NOTHING"
    assert [(a.get("fraction"), a.findtext("text")) for a in sequencing.iter("answer")] == [
        ("1", "<p>x</p>"), ("2", "<p>y</p>")]
    assert essay.findtext("graderinfo/text") == "<p>Because.</p>"
    assert (description.get("type"), description.findtext("defaultgrade")) == (
        "description", "0")
    assert notices == [
        "question 5 'Why?': the limit of 500 characters is left out: Moodle limits words"]


def test_media_embedded_as_base64_with_pluginfile_links():
    files = {"asset1": ("cell map.png", PNG), "asset2": ("beep.mp3", b"ID3")}
    root, notices = _xml([_out("choice", "Which?", {
        "media": "asset1", "mediaAlt": "A \"cell\" map",
        "choices": [{"text": "One", "correct": True, "media": "asset2"}, {"text": "Two"}]},
        files=files)])
    question = root.findall("question")[1]
    text = question.find("questiontext")
    assert text.findtext("text") == ('<p>Which?</p><p><img src="@@PLUGINFILE@@/cell%20map.png" '
                                     'alt="A &quot;cell&quot; map"></p>')
    file = text.find("file")
    assert (file.get("name"), file.get("path"), file.get("encoding")) == (
        "cell map.png", "/", "base64")
    assert base64.b64decode(file.text) == PNG
    answer = question.find("answer")
    assert answer.findtext("text") == ('<p>One</p><p><audio controls src="@@PLUGINFILE@@/beep.mp3">'
                                       "</audio></p>")
    assert base64.b64decode(answer.findtext("file")) == b"ID3"
    assert notices == []


def test_types_moodle_cannot_hold():
    dragdrop = _out("dragdrop", "Sort the animals", {
        "categories": ["Mammal", "Bird", "Fish"],
        "items": [{"text": "Cat", "category": "k1"}, {"text": "Owl", "category": "k2"}],
        "scoring": "per-item"})
    likert = _out("likert", "I liked it", None)
    root, notices = _xml([likert, dragdrop], "Quiz")
    (match,) = [q for q in root.iter("question") if q.get("type") != "category"]
    assert match.get("type") == "matching"
    assert [(s.findtext("text"), s.findtext("answer/text")) for s in match.iter("subquestion")] == [
        ("<p>Cat</p>", "Mammal"), ("<p>Owl</p>", "Bird"), ("", "Fish")]
    assert notices == [
        "question 1 'I liked it': Moodle has no Likert scale question (surveys are a separate "
        "Moodle activity); left out",
        "question 2 'Sort the animals': drag and drop into categories is written as a Moodle "
        "matching question: each item is matched to its category from a list"]
    parsed = parse_moodle_xml(*_bytes([dragdrop]))
    assert [(p["left"], p["right"]) for p in parsed.questions[0].data["pairs"]] == [
        ("Cat", "Mammal"), ("Owl", "Bird")]


def _bytes(questions) -> tuple[bytes, str]:
    return write_moodle_xml(questions, "Quiz")[0], "quiz.xml"


def test_unsayable_details_are_noticed():
    _root, notices = _xml([
        _out("matching", "M", {"pairs": [{"left": "a", "right": "1"},
                                         {"left": "b", "right": "2"}]}),
        _out("fill", "F", {"answers": ["x"], "normaliseSpace": False}),
        _out("essay", "E", {"feedback": {"correct": "Good", "incorrect": ""}}),
        _out("choice", "Bell\x07", {"choices": [{"text": "a", "correct": True},
                                                {"text": "b"}], "media": "gone"}),
    ])
    assert notices == [
        "question 1 'M': Moodle grades matching per pair: written with credit for each pair "
        "matched right",
        "question 2 'F': Moodle has no setting to compare the spaces inside an answer exactly",
        "question 3 'E': its right and wrong feedback is left out: Moodle gives this question "
        "no such feedback (the general feedback is kept)",
        "question 4 'Bell': control characters XML cannot hold were removed from its text",
        "question 4 'Bell': its medium gone was not given to the writer; left out"]

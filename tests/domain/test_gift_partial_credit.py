"""GIFT carries weights, partly right answers, essays, descriptions and pictures by
reference; a GIFT export names, per question, what the format could not hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.model import Question
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import write_gift, write_gift_file
from studio.quiz.questions import normalise_question
from studio.quiz.source import QuestionOut


def question(qtype: str, prompt: str, data: dict, points: float = 1) -> Question:
    prompt, points, data = normalise_question(qtype, prompt, points, data)
    return Question(f"q{abs(hash(prompt)) % 1000}", qtype, prompt, points, data=data)


KEPT = [
    question("choice", "Which gas?", {"choices": [
        {"text": "CO2", "correct": True}, {"text": "Air", "weight": 50, "feedback": "Partly."},
        {"text": "O2", "weight": -100}, {"text": "N2"}]}),
    question("multiple", "Gas giants?", {"scoring": "partial", "choices": [
        {"text": "Jupiter", "correct": True}, {"text": "Saturn", "correct": True},
        {"text": "Uranus", "correct": True}, {"text": "Mars"}]}),
    question("multiple", "North Sea rivers?", {"scoring": "weighted", "choices": [
        {"text": "Rhine", "weight": 100 / 3}, {"text": "Elbe", "weight": 200 / 3},
        {"text": "Danube", "weight": -12.5}, {"text": "Po", "weight": 0}]}),
    question("fill", "Largest planet?", {"answers": ["Jupiter"],
                                          "partial": [{"text": "Jupitor", "weight": 50}]}),
    question("numeric", "AU to Mars?", {"value": 1.52, "tolerance": 0.01, "partial": [
        {"value": 1.52, "tolerance": 0.1, "weight": 50}, {"value": 2, "weight": 12.5}]}),
    question("numeric", "Between?", {"min": 1, "max": 2,
                                      "partial": [{"value": 3, "tolerance": 1, "weight": 5}]}),
    question("essay", "Reflect.", {"feedback": {"general": "Any answer is fine."}}),
    question("essay", "Describe the rings.", {"title": "Rings"}),
    question("description", "This part is about planets.", {"title": "Welcome"}),
]


def _content(questions) -> list[tuple]:
    return [(q.type, q.prompt, q.points, q.data) for q in questions]


def test_what_gift_can_hold_reads_back_the_same():
    text = write_gift(KEPT)
    assert "\t~%50%Air#Partly." in text and "\t~%-100%O2" in text and "\t~N2" in text
    assert "~%33.333333333333336%Jupiter" in text and "~%-33.333333333333336%Mars" in text
    assert "=%50%Jupitor" in text and "{#=1.52:0.01 =%50%1.52:0.1 =%12.5%2}" in text
    assert "Reflect. {####Any answer is fine.}" in text and "Describe the rings. {}" in text
    assert "::Welcome::This part is about planets.\n" in text
    parsed = parse_gift(text)
    assert parsed.notices == []
    assert _content(parsed.questions) == _content(KEPT)
    notices = write_gift_file(KEPT)[1]
    assert notices == []


def test_all_or_nothing_multiple_response_is_written_with_weights_and_named():
    strict = question("multiple", "Primes?", {"choices": [
        {"text": "2", "correct": True}, {"text": "3", "correct": True}, {"text": "4"}]})
    data, notices = write_gift_file([strict])
    assert "~%50%2" in data.decode() and "~%-100%4" in data.decode()
    assert notices == ["question 1 'Primes?': all-or-nothing scoring is not expressible in "
                       "GIFT; written with weights, which give part marks"]
    [back] = parse_gift(data.decode()).questions
    assert back.data["scoring"] == "weighted"


def test_a_gift_export_names_everything_it_could_not_hold():
    questions = [
        question("hotspot", "Click the heart", {"image": "img", "regions": [
            {"label": "Heart", "shape": "circle", "coords": [0.5, 0.5, 0.1], "correct": True}]}),
        question("dragdrop", "Sort these animals by class, please, into the boxes", {
            "categories": ["A", "B"], "items": [{"text": "x", "category": "k1"},
                                                {"text": "y", "category": "k2"}]}),
        question("fill", "Symbol of sodium?", {"answers": ["Na"], "caseSensitive": True,
                                                "normaliseSpace": False}, points=2),
        question("essay", "Why?", {"modelAnswer": "Because.", "maxLength": 300}),
        question("choice", "Pick", {"media": "snd", "feedback": {
            "correct": "Yes", "incorrect": "No", "general": "See the map."}, "choices": [
            {"text": "A", "correct": True, "media": "pic"}, {"text": "B"}]}),
        question("matching", "Match", {"scoring": "per-item", "pairs": [
            {"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}),
    ]
    text, notices = write_gift_file(questions)
    assert text.decode().startswith(
        "// Not exported: hotspot questions are not expressible in GIFT: Click the heart\n")
    assert notices == [
        "points not kept (GIFT has none): question 3 'Symbol of sodium?' (2 pt)",
        "question 1 'Click the heart': hotspot questions are not expressible in GIFT; "
        "written as a comment",
        "question 2 'Sort these animals by class, please, in…': drag and drop into "
        "categories questions are not expressible in GIFT; written as a comment",
        "question 3 'Symbol of sodium?': case-sensitive matching is not expressible in GIFT",
        "question 3 'Symbol of sodium?': matching spaces exactly is not expressible in GIFT",
        "question 4 'Why?': its model answer is not expressible in GIFT",
        "question 4 'Why?': its longest answer (300 characters) is not expressible in GIFT",
        "question 5 'Pick': the media on its prompt is not expressible in GIFT",
        "question 5 'Pick': the media of choice a is not expressible in GIFT",
        "question 5 'Pick': its right-answer feedback is not expressible in GIFT",
        "question 5 'Pick': its wrong-answer feedback is not expressible in GIFT",
        "question 6 'Match': per-item scoring is not expressible in GIFT"]


@pytest.mark.parametrize(("name", "written"), [("map.png", True), ("hoot.m4a", False)])
def test_a_prompt_picture_is_written_by_reference(name, written):
    base = question("truefalse", "Is this Europe?\nLook closely.",
                    {"answer": True, "media": "a1", "mediaAlt": "A \"map\" of Europe",
                     "title": "Map"})
    out = QuestionOut("q1", base.type, base.prompt, base.points, base.data,
                      files={"a1": (name, b"bytes")})
    text, notices = write_gift_file([out])
    if not written:
        assert "[html]" not in text.decode()
        assert notices == ["question 1 'Map': the media on its prompt (alt text 'A \"map\" "
                           "of Europe') is not expressible in GIFT"]
        return
    assert text.decode() == ('::Map::[html]<img src\\="map.png" alt\\="A &quot;map&quot; of '
                             'Europe"><br>Is this Europe?<br>Look closely. {TRUE}\n')
    assert notices == ["question 1 'Map': its picture is written by reference (map.png): "
                       "keep that file beside the GIFT file"]
    [back] = parse_gift(text.decode()).questions
    assert (back.prompt, back.images, back.data["answer"]) == (
        "Is this Europe?\nLook closely.", ("map.png",), True)


TEXT = st.builds(lambda head, tail: head + tail, st.sampled_from("abyz09~=#{}:"),
                 st.text(st.sampled_from("ab yz09~=#{}:%-."), max_size=6))
WEIGHTS = st.sampled_from([-100, -50, -12.5, 0, 10, 50, 99.5])


@st.composite
def gift_questions(draw) -> Question:
    qtype = draw(st.sampled_from(["choice", "multiple", "fill", "numeric", "essay",
                                  "description"]))
    n = draw(st.integers(2, 4))
    texts = draw(st.lists(TEXT, min_size=n, max_size=n, unique_by=lambda t: t.strip().lower()))
    if qtype == "choice":
        weights = draw(st.lists(WEIGHTS, min_size=n, max_size=n))
        data = {"choices": [{"text": t, "weight": 100 if i == 0 else w}
                            for i, (t, w) in enumerate(zip(texts, weights, strict=True))]}
    elif qtype == "multiple":
        scoring = draw(st.sampled_from(["partial", "weighted"]))
        # weighted shares with no wrong choice grade as "partial", and read back as such
        right = draw(st.integers(1, n - (scoring == "weighted")))
        data = {"scoring": scoring,
                "choices": [{"text": t, "correct": i < right} for i, t in enumerate(texts)]}
    elif qtype == "fill":
        data = {"answers": texts[:1], "partial": [
            {"text": t, "weight": draw(st.integers(1, 99))} for t in texts[1:]]}
    elif qtype == "numeric":
        data = {"value": draw(st.integers(-50, 50)), "tolerance": draw(st.sampled_from([0, 0.5])),
                "partial": [{"value": draw(st.floats(-1e6, 1e6).map(lambda x: round(x, 3))),
                             "tolerance": draw(st.sampled_from([0, 1, 2.5])),
                             "weight": draw(st.integers(1, 99))} for _ in texts[1:]]}
    else:
        data = {"feedback": {"general": draw(TEXT)}} if qtype == "essay" else {}
    return question(qtype, draw(TEXT), data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gift_questions(), min_size=1, max_size=3))
def test_generated_questions_gift_can_hold_read_back_the_same(questions):
    text, notices = write_gift_file(questions)
    assert notices == []
    assert _content(parse_gift(text.decode()).questions) == _content(questions)


def test_a_second_right_answers_own_feedback_is_named_when_left_out():
    parsed = parse_gift("Capital? {=Paris#Yes. =paris city#Also yes. =Lutece#Yes.}\n")
    assert parsed.questions[0].data["feedback"]["correct"] == "Yes."
    assert [str(n) for n in parsed.notices] == [
        "line 1: the feedback of answer “paris city” was left out: a short answer keeps one "
        "feedback for every right answer"]

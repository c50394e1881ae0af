"""A GIFT export writes what GIFT can carry so that it reads back the same, and names in its
notices exactly what it could not keep."""

from __future__ import annotations

from studio.model import Question
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import write_gift, write_gift_file
from studio.quiz.questions import normalise_question


def question(qtype: str, prompt: str, data: dict, points: float = 1) -> Question:
    prompt, points, data = normalise_question(qtype, prompt, points, data)
    return Question(f"q{abs(hash(prompt)) % 1000}", qtype, prompt, points, data=data)


def _content(questions) -> list[tuple]:
    return [(q.type, q.prompt, q.points, q.data) for q in questions]


def test_no_empty_category_line_and_a_final_blank_keeps_its_punctuation():
    questions = [
        question("fill", "The largest planet is _____.", {"answers": ["Jupiter"],
                                                          "category": ""}),
        question("fill", "The smallest planet is _____ .", {"answers": ["Mercury"]}),
        question("fill", "_____, the red planet.", {"answers": ["Mars"]}),
    ]
    text = write_gift(questions)
    assert "$CATEGORY" not in text
    assert "is {\n\t=Jupiter\n}.\n" in text and "is {\n\t=Mercury\n} .\n" in text
    back = parse_gift(text).questions
    assert [q.prompt for q in back] == [q.prompt for q in questions]


def test_an_uncategorised_question_after_a_category_ends_it():
    questions = [question("truefalse", "Sun is a star.", {"answer": True,
                                                           "category": "Stars"}),
                 question("truefalse", "Moon is a star.", {"answer": False})]
    text = write_gift(questions)
    assert text.startswith("$CATEGORY: Stars\n\n") and "\n\n$CATEGORY:\n\n" in text
    assert _content(parse_gift(text).questions) == _content(questions)


def test_each_choice_keeps_its_feedback_and_unslotted_feedback_is_named():
    questions = [
        question("choice", "Closest to the Sun?", {
            "feedback": {"correct": "Well done.", "incorrect": "Look again."}, "choices": [
                {"text": "Mercury", "correct": True, "feedback": "Right."},
                {"text": "Venus", "feedback": "Too hot."}]}),
        question("multiple", "Rocky planets?", {
            "scoring": "partial", "feedback": {"correct": "Yes."}, "choices": [
                {"text": "Mars", "correct": True}, {"text": "Jupiter"}]}),
        question("matching", "Match", {"feedback": {"correct": "Same.", "incorrect": "Same."},
                                       "pairs": [{"left": "a", "right": "1"},
                                                 {"left": "b", "right": "2"}]}),
        question("fill", "Red planet?", {"answers": ["Mars"], "feedback": {
            "correct": "Yes.", "incorrect": "No.", "general": "Mars is red."}}),
        question("numeric", "Moons of Mars?", {"value": 2, "feedback": {
            "correct": "Yes.", "incorrect": "No."}}),
        question("truefalse", "Pluto is a planet.", {"answer": False, "feedback": {
            "correct": "Right.", "incorrect": "Not since 2006."}}),
    ]
    data, notices = write_gift_file(questions)
    text = data.decode()
    assert "\t=Mercury#Right.\n\t~Venus#Too hot.\n####Look again.\n}" in text
    back = parse_gift(text).questions
    assert back[0].data["choices"] == questions[0].data["choices"]
    assert back[0].data["feedback"]["general"] == "Look again."
    assert back[3].data["feedback"] == {"correct": "Yes.", "incorrect": "",
                                        "general": "Mars is red."}
    assert back[5].data["feedback"] == questions[5].data["feedback"]
    assert notices == [
        "question 1 'Closest to the Sun?': its right-answer feedback is not expressible "
        "in GIFT",
        "question 1 'Closest to the Sun?': wrong-answer feedback written as general feedback",
        "question 2 'Rocky planets?': right-answer feedback written as general feedback",
        "question 3 'Match': right/wrong feedback written as general feedback",
        "question 4 'Red planet?': its wrong-answer feedback is not expressible in GIFT",
        "question 5 'Moons of Mars?': wrong-answer feedback written as general feedback"]


def test_points_are_named_in_one_notice():
    questions = [question("truefalse", "Sun is a star.", {"answer": True}, points=2),
                 question("truefalse", "Moon is a star.", {"answer": False}),
                 question("truefalse", "Mars is red.", {"answer": True}, points=0.5)]
    data, notices = write_gift_file(questions)
    assert notices == ["points not kept (GIFT has none): question 1 'Sun is a star.' (2 pt), "
                       "question 3 'Mars is red.' (0.5 pt)"]
    assert [q.points for q in parse_gift(data.decode()).questions] == [1, 1, 1]


def test_what_gift_cannot_say_of_scoring_media_and_answers_is_named():
    questions = [
        question("multiple", "Gas giants?", {"scoring": "partial", "choices": [
            {"text": "Jupiter", "correct": True}, {"text": "Saturn", "correct": True},
            {"text": "Uranus", "correct": True}, {"text": "Mars"}, {"text": "Venus"}]}),
        question("matching", "Match", {"scoring": "per-item", "pairs": [
            {"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}),
        question("sequencing", "Order", {"scoring": "per-item", "items": [
            {"text": "x"}, {"text": "y"}]}),
        question("essay", "Why?", {"modelAnswer": "Because."}),
        question("fill", "Symbol of sodium?", {"answers": ["Na"], "caseSensitive": True,
                                                "normaliseSpace": False}),
        question("choice", "Pick", {"media": "snd", "mediaAlt": "An owl hooting",
                                    "choices": [{"text": "A", "correct": True, "media": "pic",
                                                 "mediaAlt": "A map"},
                                                {"text": "B", "media": "pic2"}]}),
    ]
    data, notices = write_gift_file(questions)
    back = parse_gift(data.decode()).questions
    assert back[0].data == questions[0].data  # partial scoring goes as weights and back
    assert notices == [
        "question 2 'Match': per-item scoring is not expressible in GIFT",
        "question 3 'Order': sequencing questions are not expressible in GIFT; written as a "
        "comment",
        "question 4 'Why?': its model answer is not expressible in GIFT",
        "question 5 'Symbol of sodium?': case-sensitive matching is not expressible in GIFT",
        "question 5 'Symbol of sodium?': matching spaces exactly is not expressible in GIFT",
        "question 6 'Pick': the media on its prompt (alt text 'An owl hooting') is not "
        "expressible in GIFT",
        "question 6 'Pick': the media of choice a (alt text 'A map') is not expressible "
        "in GIFT",
        "question 6 'Pick': the media of choice b is not expressible in GIFT"]

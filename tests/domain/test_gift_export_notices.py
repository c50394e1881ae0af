"""A GIFT export writes what GIFT can carry so that it reads back the same, and names in its
notices exactly what it could not keep."""

from __future__ import annotations

from studio.model import Question
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import write_gift
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

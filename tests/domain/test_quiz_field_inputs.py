"""Question files from the field: GIFT general feedback for everyone, the pictures of
[html] prompts kept as references, and Aiken questions without ANSWER named by line."""

from __future__ import annotations

import pytest

from studio.errors import ImportFileError
from studio.model import Question
from studio.quiz.aiken import parse_aiken
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import write_gift
from studio.quiz.importer import read_question_file

GENERAL = """::Capital:: France? {=Paris ~Lyon#Lyon is third. ####The Seine runs through it.}

::Sky:: The sky is blue. {TRUE#No, it is.#Yes.####Rayleigh scattering.}

::River:: Longest river? {=Amazon#Right. ####It is the Amazon or the Nile.}

::Pi:: Pi to two places? {#3.14:0.005####Pi starts 3.14159.}

::Pairs:: Match. {=a -> 1 =b -> 2 ####Letters before numbers.}
"""


def _model(parsed) -> list[Question]:
    return [Question(f"q{n}", q.type, q.prompt, q.points, data=q.data)
            for n, q in enumerate(parsed.questions)]


def test_general_feedback_is_its_own_text_not_the_wrong_answer_feedback():
    feedback = {q.data["title"]: q.data["feedback"] for q in parse_gift(GENERAL).questions}
    assert feedback == {
        "Capital": {"correct": "", "incorrect": "", "general": "The Seine runs through it."},
        "Sky": {"correct": "Yes.", "incorrect": "No, it is.", "general": "Rayleigh scattering."},
        "River": {"correct": "Right.", "incorrect": "", "general": "It is the Amazon or the Nile."},
        "Pi": {"correct": "", "incorrect": "", "general": "Pi starts 3.14159."},
        "Pairs": {"correct": "", "incorrect": "", "general": "Letters before numbers."},
    }


def test_general_feedback_survives_gift_export():
    first = parse_gift(GENERAL)
    text = write_gift(_model(first))
    assert text.count("####") == 5
    assert "{TRUE#No, it is.#Yes.####Rayleigh scattering.}" in text
    again = parse_gift(text)
    assert [q.data for q in again.questions] == [q.data for q in first.questions]


def test_a_question_without_general_feedback_has_none():
    [question] = parse_gift("Two and two? {=4 ~5}\n").questions
    assert question.data["feedback"] == {"correct": "", "incorrect": ""}


def test_pictures_of_html_prompts_are_kept_as_references():
    text = ('::Map::[html]<p>Where is <b>this</b>?</p><img src="map%20one.png" alt="map">'
            '<img src\\="@@PLUGINFILE@@/coast.jpg"> {=Brittany ~Alsace}\n\n'
            '::Plain:: <img src="x.png"> is text here {=yes ~no}\n')
    html, plain = parse_gift(text).questions
    assert html.prompt == "Where is this?"
    assert html.images == ("map%20one.png", "@@PLUGINFILE@@/coast.jpg")
    assert plain.images == () and plain.prompt.startswith("<img")


@pytest.mark.parametrize("text,line,message", [
    ("Q1?\nA. 3\nB. 4\nANSWER: B\n\nWhat is 2+2?\nA. 3\nB. 4\n", 8,
     "the question starting on line 6 ends without an ANSWER: line"),
    ("Q1?\nA. 3\nB. 4\nANSWER: B\n\nQ2?\nA. 3\nB. 4\nQ3?\nA. x\nB. y\nANSWER: A\n", 9,
     "or the ANSWER: line of the question starting on line 6"),
])
def test_an_aiken_question_without_answer_names_its_line(text, line, message):
    with pytest.raises(ImportFileError) as refused:
        parse_aiken(text, "quiz.txt")
    assert refused.value.message.startswith(f"quiz.txt, line {line}, ")
    assert message in refused.value.message


def test_an_aiken_file_whose_every_answer_line_is_missing_is_still_read_as_aiken(tmp_path):
    path = tmp_path / "quiz.txt"
    path.write_text("What is 2+2?\nA. 3\nB. 4\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_question_file(path)
    assert refused.value.message == ("quiz.txt, line 3, column 5: the question starting on "
                                     "line 1 ends without an ANSWER: line")


def test_editing_the_other_feedback_keeps_the_general_one(project):
    from studio import commands
    from studio.media.quiz_import import add_parsed

    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    quiz = commands.add_quiz(project, lesson, "Q")
    [first, *_] = add_parsed(project, quiz, project.path / "field.gift", parse_gift(GENERAL))
    commands.set_feedback(project, first, correct="Well done.")
    feedback = project.course().find(quiz).questions[0].data["feedback"]
    assert feedback == {"correct": "Well done.", "incorrect": "",
                        "general": "The Seine runs through it."}
    commands.set_feedback(project, first, general="")
    assert "general" not in project.course().find(quiz).questions[0].data["feedback"]

"""Moodle XML in: hand-written files after Moodle's documented examples import exactly, what
is not kept is a notice naming the question, and broken files name their line and column."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from studio.errors import Cancelled, ImportFileError
from studio.quiz.moodle_xml import parse_moodle_xml

DATA = Path(__file__).parents[1] / "data" / "moodle"
RED = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pn"
                       "WqAAAAAElFTkSuQmCC")
BLUE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQkzsBAAFiAQUR"
                        "G6MhAAAAAElFTkSuQmCC")
NO_FEEDBACK = {"correct": "", "incorrect": ""}


def _read(name: str):
    return parse_moodle_xml((DATA / name).read_bytes(), name)


def _bank(*questions: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions)
            + "\n</quiz>\n").encode()


def _by_title(parsed) -> dict:
    return {q.data.get("title"): q for q in parsed.questions}


@pytest.fixture(scope="module")
def docs():
    return _read("docs_examples.xml")


def test_every_kept_type_in_file_order(docs):
    assert [(q.type, q.data["title"]) for q in docs.questions] == [
        ("choice", "Cell part"), ("choice", "Energy"), ("multiple", "Organelles with DNA"),
        ("multiple", "Prime numbers"), ("choice", "Colour"), ("truefalse", "Cells and life"),
        ("fill", "Powerhouse"), ("fill", "Symbol of sodium"), ("numeric", "Chromosomes"),
        ("numeric", "Cell size"), ("matching", "Organelles and jobs"),
        ("essay", "Why cells divide"), ("description", "Part 2"), ("choice", "Hinted")]


def test_multichoice_with_picture_feedback_and_category(docs):
    q = _by_title(docs)["Cell part"]
    assert (q.prompt, q.points, q.line) == ("Which part of the cell holds its DNA?", 2.0, 14)
    assert q.data == {
        "choices": [
            {"id": "a", "text": "The nucleus", "correct": True, "feedback": "Correct!"},
            {"id": "b", "text": "The membrane", "correct": False,
             "feedback": "The membrane surrounds the cell."},
            {"id": "c", "text": "The ribosome", "correct": False, "feedback": ""}],
        "feedback": {"correct": "Your answer is correct.",
                     "incorrect": "Your answer is incorrect.",
                     "general": "The nucleus holds nearly all of the cell\u2019s DNA."},
        "media": "cell diagram.png", "mediaAlt": "A drawing of an animal cell",
        "title": "Cell part", "category": "Biology/Cells"}
    assert q.media == {"prompt": "cell diagram.png"}
    assert docs.files["cell diagram.png"] == RED


def test_single_choice_grades_become_weights(docs):
    choices = _by_title(docs)["Energy"].data["choices"]
    assert [(c["text"], c["correct"], c.get("weight")) for c in choices] == [
        ("Mitochondria", True, None), ("Chloroplasts", False, 50),
        ("Nucleus", False, None), ("Vacuole", False, -25)]
    assert choices[1]["feedback"] == "Only in plant cells."


def test_multiple_answer_is_weighted_or_partial(docs):
    weighted = _by_title(docs)["Organelles with DNA"].data
    assert weighted["scoring"] == "weighted"
    assert [(c["correct"], c["weight"]) for c in weighted["choices"]] == [
        (True, 60), (True, 40), (False, -100)]
    assert weighted["choices"][2]["feedback"] == "The Golgi apparatus has no DNA."
    # right answers sharing 100 % equally, each wrong one taking back a share: "partial"
    primes = _by_title(docs)["Prime numbers"].data
    assert primes["scoring"] == "partial"
    assert [(c["text"], c["correct"], "weight" in c) for c in primes["choices"]] == [
        ("2", True, False), ("3", True, False), ("5", True, False), ("9", False, False)]


def test_pictures_on_answers_with_and_without_alt(docs):
    q = _by_title(docs)["Colour"]
    assert q.data["choices"] == [
        {"id": "a", "text": "The first", "correct": False, "feedback": "",
         "media": "red.png", "mediaAlt": "a red square"},
        {"id": "b", "text": "The second", "correct": True, "feedback": "", "media": "blue.png"}]
    assert q.media == {"choice:a": "red.png", "choice:b": "blue.png"}
    assert (docs.files["red.png"], docs.files["blue.png"]) == (RED, BLUE)


def test_truefalse_shortanswer_numerical(docs):
    qs = _by_title(docs)
    truefalse = qs["Cells and life"]
    assert truefalse.data["answer"] is True
    assert truefalse.data["feedback"] == {"correct": "Correct!", "incorrect": "Ooops!"}
    assert truefalse.data["category"] == "Biology/General"
    fill = qs["Powerhouse"].data
    assert fill["answers"] == ["mitochondrion", "mitochondria"]
    assert fill["partial"] == [{"text": "mitochondrium", "weight": 50}]
    assert (fill["caseSensitive"], fill["normaliseSpace"]) == (False, True)
    assert fill["feedback"] == {"correct": "Correct!",
                                "incorrect": "Think of where the cell's energy is made."}
    sodium = qs["Symbol of sodium"]
    assert (sodium.prompt, sodium.data["answers"], sodium.data["caseSensitive"]) == (
        "The chemical symbol of sodium is ...", ["Na"], True)
    chromosomes = qs["Chromosomes"].data
    assert (chromosomes["value"], chromosomes["tolerance"]) == (46, 0)
    assert chromosomes["partial"] == [{"value": 23, "tolerance": 0, "weight": 50}]
    assert chromosomes["feedback"] == {"correct": "Right: 23 pairs.",
                                       "incorrect": "Count the pairs, then double."}
    size = qs["Cell size"].data
    assert (size["value"], size["tolerance"], "partial" in size) == (7.5, 0.5, False)


def test_matching_essay_description(docs):
    qs = _by_title(docs)
    matching = qs["Organelles and jobs"].data
    assert [(p["left"], p["right"]) for p in matching["pairs"]] == [
        ("Ribosome", "makes proteins"), ("Lysosome", "digests waste"),
        ("Chloroplast", "makes sugar from light")]
    assert matching["scoring"] == "per-item"  # Moodle grades each pair
    assert matching["feedback"] == {"correct": "All matched.", "incorrect": "Not quite."}
    essay = qs["Why cells divide"]
    assert (essay.points, essay.data["modelAnswer"], essay.data["maxLength"]) == (
        5.0, "Growth, repair and reproduction.", 4000)
    description = qs["Part 2"]
    assert (description.prompt, description.points) == (
        "Part 2\nThe next questions are about tissues.", 0.0)
    assert description.data["feedback"] == NO_FEEDBACK


def test_notices_name_question_and_what(docs):
    assert [(n.line, n.message, n.skipped) for n in docs.notices] == [
        (243, "question 10 'Cell size': the units µm are left out: answers are plain numbers "
              "here", False),
        (263, "question 11 'Organelles and jobs': the extra answer “stores water” (matching "
              "no item) left out: here every answer matches an item", False),
        (303, "question 12 'Why cells divide': the information for graders is kept as the "
              "model answer, which learners see after answering: check that it is meant for "
              "them", False),
        (334, "question 14 'Cloze': Moodle's 'embedded answers (Cloze)' question type has no "
              "equivalent here", True),
        (343, "question 15 'Doubling': Moodle's 'calculated' question type has no equivalent "
              "here", True),
        (356, "question 16 'Fill the gaps': Moodle's 'drag and drop into text' question type "
              "has no equivalent here", True),
        (373, "question 17 'Hinted': 1 hint left out: hints belong to Moodle's interactive "
              "tries", False),
        (373, "question 17 'Hinted': tags left out: plants, easy", False)]
    assert str(docs.notices[3]).endswith("; skipped")


def test_ordering_questions():
    parsed = _read("ordering.xml")
    phases, sizes, relative = parsed.questions
    assert phases.type == "sequencing"
    assert [i["text"] for i in phases.data["items"]] == [
        "Prophase", "Metaphase", "Anaphase", "Telophase"]  # by their fraction, not file order
    assert (phases.points, phases.data["scoring"], phases.data["category"]) == (
        4.0, "per-item", "Mitosis")
    assert phases.data["feedback"] == {"correct": "Well done!",
                                       "incorrect": "That is not the order.",
                                       "general": "Remember PMAT."}
    assert sizes.data["scoring"] == "all-or-nothing"
    assert relative.data["scoring"] == "per-item"
    assert [n.message for n in parsed.notices] == [
        "question 2 'Sizes': Moodle showed 3 of the 4 items; all are asked here",
        "question 3 'Relative': Moodle's 'RELATIVE_NEXT_EXCLUDE_LAST' grading becomes credit "
        "per item in its right position"]


@pytest.mark.parametrize(("name", "expected"), [
    ("mismatched_tag.xml", "mismatched_tag.xml, line 5, column 69: Opening and ending tag "
                           "mismatch: text line 5 and questiontext (the file is not "
                           "well-formed XML)."),
    ("entities.xml", "entities.xml declares a document type of its own; a Moodle XML file has "
                     "none (refused, as its entities could be unsafe)."),
    ("not_moodle.xml", "not_moodle.xml, line 2: the file holds <assessmentItem>, not Moodle "
                       "XML questions (<quiz>)."),
])
def test_broken_files_are_refused_naming_where(name, expected):
    with pytest.raises(ImportFileError) as caught:
        parse_moodle_xml((DATA / "bad" / name).read_bytes(), name)
    assert caught.value.message == expected


def test_empty_and_non_utf8_files():
    with pytest.raises(ImportFileError, match="empty.xml is empty"):
        parse_moodle_xml(b"", "empty.xml")
    with pytest.raises(ImportFileError, match=r"latin.xml, line 2, column 7: .*encoding"):
        parse_moodle_xml(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\xe9</quiz>',
                         "latin.xml")
    latin = _bank('<question type="description"><questiontext><text>caf\xe9</text>'
                  "</questiontext></question>").decode().encode("latin-1")
    latin = latin.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    assert parse_moodle_xml(latin, "latin.xml").questions[0].prompt == "café"
    huge = _bank('<question type="description"><questiontext><text>x</text>'
                 '<file name="a.mp4">' + "A" * 11_000_000 + "</file></questiontext></question>")
    with pytest.raises(ImportFileError, match=r"huge.xml, line 3, column \d+: a text or "
                                              "embedded file of more than 10 MB"):
        parse_moodle_xml(huge, "huge.xml")


def _question(kind: str, body: str, name: str = "Q", text: str = "Ask?",
              files: str = "") -> str:
    return (f'<question type="{kind}"><name><text>{name}</text></name>'
            f'<questiontext format="html"><text>{text}</text>{files}</questiontext>{body}'
            "</question>")


def test_content_errors_skip_the_question_only():
    parsed = parse_moodle_xml(_bank(
        _question("multichoice", '<single>false</single><answer fraction="50"><text>a</text>'
                                 '</answer><answer fraction="20"><text>b</text></answer>',
                  "Sum"),
        _question("multichoice", '<answer fraction="90"><text>a</text></answer>'
                                 '<answer fraction="0"><text>b</text></answer>', "None right"),
        _question("shortanswer", '<answer fraction="50"><text>half</text></answer>', "Half"),
        _question("numerical", '<answer fraction="100"><text>ten</text></answer>', "Words"),
        _question("truefalse", '<answer fraction="abc"><text>true</text></answer>', "Grade"),
        _question("truefalse", '<answer fraction="100"><text>true</text></answer>'
                               '<answer fraction="0"><text>false</text></answer>', "Fine")),
        "bank.xml")
    assert [q.data["title"] for q in parsed.questions] == ["Fine"]
    assert [(n.message, n.skipped) for n in parsed.notices] == [
        ("question 1 'Sum': The positive weights of a weighted multiple response question must "
         "sum to 100 %, not 70 %.", True),
        ("question 2 'None right': A single choice question needs a correct choice (weight "
         "100 %).", True),
        ("question 3 'Half': no answer is worth 100 %", True),
        ("question 4 'Words': answer 1 “ten” is not a number", True),
        ("question 5 'Grade': the grade “abc” of answer 1 is not a number", True)]


def test_numerical_answers_not_kept():
    parsed = parse_moodle_xml(_bank(_question(
        "numerical", '<answer fraction="100"><text>5</text><tolerance>0.1</tolerance></answer>'
                     '<answer fraction="100"><text>6</text></answer>'
                     '<answer fraction="0"><text>7</text><feedback><text>No</text></feedback>'
                     '</answer><answer fraction="50"><text>*</text></answer>'
                     '<instructions format="html"><text>In metres</text></instructions>',
        "N")), "bank.xml")
    assert parsed.questions[0].data["value"] == 5
    assert [n.message for n in parsed.notices] == [
        "question 1 'N': answer 2 “6” is left out: a numeric question has one fully right "
        "answer here",
        "question 1 'N': answer 3 “7” (worth 0 %) is left out: any answer not listed scores 0, "
        "and its feedback with it",
        "question 1 'N': answer 4 (* worth 50 %: any number) is left out",
        "question 1 'N': the instructions about units are left out"]


def test_files_with_the_same_name_are_kept_apart():
    picture = ('<question type="description"><name><text>{n}</text></name>'
               '<questiontext format="html"><text><![CDATA[<p>{n}</p><img src="@@PLUGINFILE@@/'
               'image.png" alt="{n}">]]></text><file name="image.png" path="/" '
               'encoding="base64">{data}</file></questiontext></question>')
    red, blue = base64.b64encode(RED).decode(), base64.b64encode(BLUE).decode()
    parsed = parse_moodle_xml(_bank(picture.format(n="One", data=red),
                                    picture.format(n="Two", data=blue),
                                    picture.format(n="Three", data=red)), "bank.xml")
    assert [q.media for q in parsed.questions] == [
        {"prompt": "image.png"}, {"prompt": "image-2.png"}, {"prompt": "image.png"}]
    assert parsed.files == {"image.png": RED, "image-2.png": BLUE}
    assert [q.data["media"] for q in parsed.questions] == ["image.png", "image-2.png",
                                                          "image.png"]


def test_media_not_carried_or_not_kept_are_noticed():
    red = base64.b64encode(RED).decode()
    parsed = parse_moodle_xml(_bank(
        _question("description", "", "Web", '<![CDATA[<img src="https://x.org/a.png">'
                                            '<img src="@@PLUGINFILE@@/b.png" alt="b">]]>'),
        _question("multichoice", '<answer fraction="100"><text><![CDATA[<img src="@@PLUGIN'
                                 'FILE@@/b.png">]]></text><file name="b.png">' + red +
                                 '</file></answer><answer><text><![CDATA[No <img src="c.png">'
                                 "]]></text><feedback><text><![CDATA[<img src=\"@@PLUGINFILE"
                                 '@@/d.png">]]></text></feedback></answer>', "Answers"),
        _question("description", '<generalfeedback><text>x</text><file name="e.png">AAAA'
                                 "</file></generalfeedback>", "Unused"),
        _question("description", "", "Sound", '<![CDATA[<audio controls><source src="'
                                              '@@PLUGINFILE@@/s.mp3"></audio>]]>',
                  '<file name="s.mp3" path="/" encoding="base64">SUQz</file>'),
        _question("description", "", "Bad data", '<![CDATA[<img src="@@PLUGINFILE@@/f.png" '
                                                 'alt="f">]]>', '<file name="f.png">!!</file>')),
        "bank.xml")
    web, answers, unused, sound, bad = parsed.questions
    assert web.images == ("https://x.org/a.png",) and web.media == {}
    assert web.prompt == "Web"  # no words: the name is the prompt
    assert [c["text"] for c in answers.data["choices"]] == ["b.png", "No"]
    assert answers.media == {"choice:a": "b.png"} and parsed.files["b.png"] == RED
    assert sound.media == {"prompt": "s.mp3"} and parsed.files["s.mp3"] == b"ID3"
    assert "mediaAlt" not in sound.data
    assert bad.media == {} and unused.media == {}
    assert [n.message for n in parsed.notices] == [
        "question 1 'Web': the picture b.png in the question text is left out: one medium is "
        "shown per question text or answer",
        "question 1 'Web': the question text has no words; its name is the prompt",
        "question 2 'Answers': answer 1 shows only a medium; its alternative text (or file "
        "name) is its text",
        "question 2 'Answers': the picture c.png in answer 2 is left out: it is not carried in "
        "the file",
        "question 2 'Answers': the picture d.png in the feedback of answer 2 is left out: only "
        "the question text and answers of a choice question show media here",
        "question 3 'Unused': the file e.png in the general feedback is not shown in its text; "
        "left out",
        "question 4 'Sound': the question text has no words; its name is the prompt",
        "question 5 'Bad data': the file f.png in the question text is left out: it is not "
        "valid base64",
        "question 5 'Bad data': the question text has no words; its name is the prompt"]


def test_categories_formats_and_stray_elements():
    parsed = parse_moodle_xml(_bank(
        '<question type="category"><category><text>$course$/top</text></category></question>',
        _question("description", "", "Top"),
        '<question type="category"><category><text>$system$/top/Shared</text></category>'
        "</question>",
        _question("description", "", "Shared"),
        "<comment>made by hand</comment>",
        '<question type="category"><category><text>$course$/top/A/B</text></category>'
        "</question>",
        '<question type="description"><name><text>Md</text></name><questiontext '
        'format="markdown"><text>**bold** text</text></questiontext></question>'),
        "bank.xml")
    top, shared, markdown = parsed.questions
    assert "category" not in top.data
    assert shared.data["category"] == "$system$/top/Shared"
    assert (markdown.prompt, markdown.data["category"]) == ("**bold** text", "A/B")
    assert [n.message for n in parsed.notices] == [
        "<comment> is not a question; left out",
        "question 3 'Md': the Markdown formatting of the question text is kept as text"]


def test_check_is_called_and_may_cancel():
    calls = []

    def check():
        calls.append(1)
        if len(calls) > 1:
            raise Cancelled("stopped")

    bank = _bank(*[_question("description", "", f"Q{n}") for n in range(200)])
    with pytest.raises(Cancelled):
        parse_moodle_xml(bank, "bank.xml", check)
    assert len(calls) == 2

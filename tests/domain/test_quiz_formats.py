"""GIFT and Aiken: the corpus reads as expected, round-trips stably, and bad files name the
line and column of their first error and import nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import commands
from studio.errors import ImportFileError
from studio.media.quiz_import import import_questions
from studio.model import Question
from studio.quiz.gift import parse_gift
from studio.quiz.gift_writer import export_gift, write_gift
from studio.quiz.importer import read_question_file

DATA = Path(__file__).parents[1] / "data"
GIFT_FILES = sorted((DATA / "gift").glob("*.gift"))
AIKEN_FILES = sorted((DATA / "aiken").glob("*.txt"))


def _model(parsed) -> list[Question]:
    return [Question(f"q{n}", q.type, q.prompt, q.points, data=q.data)
            for n, q in enumerate(parsed.questions)]


def _content(questions) -> list[tuple]:
    return [(q.type, q.prompt, q.points, q.data) for q in questions]


@pytest.mark.parametrize("path", GIFT_FILES + AIKEN_FILES, ids=lambda p: p.name)
def test_round_trip_is_stable(path):
    first = read_question_file(path)
    assert first.questions
    text = write_gift(_model(first))
    second = parse_gift(text)
    assert _content(second.questions) == _content(first.questions)
    assert write_gift(_model(second)) == text


def _by_title(path: Path) -> dict[str, object]:
    return {q.data.get("title", q.prompt): q for q in read_question_file(path).questions}


def test_geography_constructs():
    qs = _by_title(DATA / "gift" / "geography.gift")
    capital = qs["Capital of France"]
    assert capital.type == "choice"
    assert capital.data["category"] == "$course$/top/Geography/Capitals"
    assert [(c["text"], c["correct"]) for c in capital.data["choices"]] == [
        ("Paris", True), ("Lyon", False), ("Marseille", False)]
    assert capital.data["choices"][1]["feedback"] == "Lyon is the third largest city."
    assert capital.data["feedback"] == {"correct": "", "incorrect": "",
                                        "general": "Paris sits on the Seine."}
    assert qs["Grant's tomb"].prompt == "Grant is _____ in Grant's tomb."
    rivers = qs["Rivers"]
    assert rivers.type == "multiple"
    assert [c["correct"] for c in rivers.data["choices"]] == [True, True, False, False]
    assert qs["Largest ocean"].data["answer"] is True
    smallest = qs["Smallest continent"].data
    assert smallest["answer"] is False
    assert smallest["feedback"] == {"correct": "Right, it is Australia.",
                                    "incorrect": "No: Australia is smaller."}
    assert (qs["Everest"].data["value"], qs["Everest"].data["tolerance"]) == (8849, 50)
    assert (qs["Equator"].data["min"], qs["Equator"].data["max"]) == (40000, 40100)
    founding = qs["Founding year"].data
    assert (founding["value"], founding["tolerance"]) == (-753, 0)
    assert founding["category"] == "$course$/top/Geography/Numbers"
    river = qs["Short answer"].data
    assert river["answers"] == ["Amazon", "the Amazon", "Amazonas"]
    assert river["feedback"]["correct"] == "Correct."
    pairs = qs["Match capitals"].data["pairs"]
    assert [(p["left"], p["right"]) for p in pairs][-1] == ("Brazil", "Brasília")
    assert qs["Multi-line"].prompt == "This question\nspans several lines\nof text."


def test_escapes_and_non_ascii():
    qs = _by_title(DATA / "gift" / "escapes_unicode.gift")
    braces = qs["Set braces : notation"]
    assert braces.prompt.endswith("as in {1, 2, 3}?")
    assert braces.data["choices"][0]["text"] == "Curly braces { }"
    assert braces.data["choices"][2]["text"] == "Tildes ~ ~"
    assert [c["text"] for c in qs["Equals"].data["choices"]] == ["≈", "=", "~"]
    assert qs["Hash"].data["choices"][0]["text"] == "#"
    assert qs["Ratio: a colon"].data["answers"] == ["3:4", "3 : 4"]
    assert qs["Backslash"].prompt == "Which key is \\ on a keyboard?"
    greek = next(q for q in qs.values() if q.prompt.startswith("Ελληνικά"))
    assert greek.data["answers"] == ["Αθήνα", "Athens"]
    assert any(q.prompt == "Line one\nline two, written with an escaped newline."
               for q in qs.values())


def test_format_markers():
    qs = _by_title(DATA / "gift" / "formats.gift")
    html = qs["HTML question"]
    assert html.prompt == "Which element makes text bold?"
    assert html.data["choices"][0] == {"id": "a", "text": "<strong>", "correct": True,
                                       "feedback": "Right"}
    assert qs["Markdown"].prompt == "Which of these is **bold** in Markdown?"
    assert qs["A question without a title."].data["answer"] is False


def test_windows_file_with_bom_and_crlf_reads_like_unix():
    qs = _by_title(DATA / "gift" / "windows_bom_crlf.gift")
    assert list(qs) == ["Fire exit", "Lift", "Assembly"]
    assert qs["Fire exit"].data["category"] == "Safety"
    assert all("\r" not in q.prompt for q in qs.values())


def test_unsupported_constructs_are_skipped_and_reported():
    parsed = read_question_file(DATA / "gift" / "skipped.gift")
    assert [q.data["title"] for q in parsed.questions] == ["Kept", "Numeric with partial credit"]
    messages = [str(n) for n in parsed.notices]
    assert messages == [
        "line 3: the weights of the right answers of a multiple response question sum to "
        "80 %, not 100 %; skipped",
        "line 5: a short-answer question without a 100% answer; skipped",
        "line 7: a numeric question needs exactly one 100% answer (it has 2); skipped",
        "line 11: the feedback of the partly right answer 4:1 was left out"]


def test_weights_essays_and_descriptions_are_kept():
    qs = _by_title(DATA / "gift" / "partial_essay_description.gift")
    assert qs["Welcome"].type == "description"
    assert qs["Welcome"].prompt == "This part is about the planets. Take your time."
    planets = qs["Planets"].data
    assert planets["scoring"] == "partial"
    assert [c["correct"] for c in planets["choices"]] == [True, True, False, False]
    assert all("weight" not in c for c in planets["choices"])
    rivers = qs["Weighted"].data
    assert rivers["scoring"] == "weighted"
    assert [(c["weight"], c["correct"]) for c in rivers["choices"]] == [
        (75, True), (25, True), (-100, False)]
    half = qs["Half right"].data["choices"]
    assert qs["Half right"].type == "choice"
    assert [(c["correct"], c.get("weight")) for c in half] == [
        (True, None), (False, 50), (False, -100), (False, None)]
    assert qs["Spelling"].data["partial"] == [{"text": "Jupitor", "weight": 50}]
    assert qs["Distance"].data["partial"] == [
        {"value": 1.52, "tolerance": 0.1, "weight": 50}, {"value": 1.5, "tolerance": 0.5,
                                                          "weight": 25}]
    reflection = qs["Reflection"]
    assert (reflection.type, reflection.data["feedback"]["general"]) == (
        "essay", "Any honest answer is fine.")
    assert qs["Essay"].type == "essay"
    notices = [str(n) for n in read_question_file(
        DATA / "gift" / "partial_essay_description.gift").notices]
    assert notices == [
        "line 25: answer “Jupiterr” worth -25 % left out: it earns nothing, as any wrong "
        "answer does",
        "line 27: answer 0 worth 0 % left out: it earns nothing, as any wrong answer does"]


BAD = {
    "gift/bad/unclosed_brace.gift": (1, 15, "not closed with }"),
    "gift/bad/bad_weight.gift": (3, 3, "a weight is a percentage"),
    "gift/bad/bad_number.gift": (1, 6, "“3,14” is not a numeric answer"),
    "gift/bad/unclosed_title.gift": (1, 1, "title opened with :: is not closed"),
    "gift/bad/stray_brace.gift": (1, 11, "a } without a matching {"),
    "gift/bad/no_right_answer.gift": (1, 7, "no right answer"),
    "gift/bad/matching_mixed.gift": (1, 16, "every answer is =left -> right"),
    "gift/bad/two_answer_blocks.gift": (3, 21, "one set of answers"),
    "gift/bad/text_before_answer.gift": (4, 10, "each answer starts with ="),
    "gift/bad/latin1.gift": (1, 4, "byte 0xE9 is not UTF-8"),
    "aiken/bad/answer_not_an_option.txt": (4, 9, "A to B; found “C”"),
    "aiken/bad/letters_out_of_order.txt": (3, 1, "expected option B here"),
    "aiken/bad/missing_answer_line.txt": (4, 1, "ends without an ANSWER: line"),
    "aiken/bad/one_option.txt": (3, 1, "at least two options"),
    "aiken/bad/stray_line.txt": (4, 1, "expected the next option"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_names_line_and_column(name):
    line, column, words = BAD[name]
    with pytest.raises(ImportFileError) as caught:
        read_question_file(DATA / name)
    message = str(caught.value)
    assert message.startswith(f"{Path(name).name}, line {line}, column {column}: ")
    assert words in message


@pytest.fixture
def quiz(project):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    return commands.add_quiz(project, lesson, "Imported")


def test_import_adds_every_question_in_one_undo_step(project, quiz, dump):
    before, steps = dump(project), len(project.history.entries())
    messages = []
    ids = import_questions(project, quiz, DATA / "gift" / "skipped.gift",
                           progress=lambda f, m="": messages.append(m))
    assert len(ids) == 2 and len(project.history.entries()) == steps + 1
    assert any("line 3: the weights of the right answers" in m for m in messages)
    assert [q.id for q in project.course().find(quiz).questions] == ids
    project.undo()
    assert dump(project) == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_imports_nothing(project, quiz, dump, name):
    before, steps = dump(project), project.history.entries()
    with pytest.raises(ImportFileError):
        import_questions(project, quiz, DATA / name)
    assert dump(project) == before and project.history.entries() == steps


def test_export_of_an_imported_quiz_imports_back_the_same(project, quiz, tmp_path):
    for path in GIFT_FILES + AIKEN_FILES:
        import_questions(project, quiz, path)
    text = export_gift(project, quiz)
    again = tmp_path / "again.gift"
    again.write_text(text, "utf-8")
    lesson = project.course().lessons()[0].id
    second = commands.add_quiz(project, lesson, "Again")
    import_questions(project, second, again)
    assert export_gift(project, second) == text
    first_qs, second_qs = (project.course().find(i).questions for i in (quiz, second))
    assert _content(first_qs) == _content(second_qs)


def test_export_writes_what_gift_cannot_say_as_a_comment(project, quiz):
    commands.add_question(project, quiz, "sequencing", "Order these.")
    commands.add_question(project, quiz, "truefalse", "Kept?", data={"answer": True})
    text = export_gift(project, quiz)
    assert text == ("// Not exported: sequencing questions are not expressible in GIFT: "
                    "Order these.\n\nKept? {TRUE}\n")
    assert [q.prompt for q in parse_gift(text).questions] == ["Kept?"]


def test_file_without_questions_or_of_another_kind_is_refused(project, quiz, tmp_path):
    empty = tmp_path / "empty.gift"
    empty.write_text("// only a comment\n", "utf-8")
    with pytest.raises(ImportFileError, match="holds no questions"):
        import_questions(project, quiz, empty)
    with pytest.raises(ImportFileError, match="not a question file"):
        import_questions(project, quiz, tmp_path / "questions.docx")
    with pytest.raises(ImportFileError, match=r"missing.gift cannot be read \(no such file"):
        import_questions(project, quiz, tmp_path / "missing.gift")

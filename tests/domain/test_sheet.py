"""Questions from spreadsheets as people make them: an Excel workbook with its own header
spelling, numbers and booleans as cells, blank rows; a CSV saved by Excel with ';' and a BOM."""

from __future__ import annotations

import pytest
from sheets import workbook

from studio.errors import Cancelled
from studio.quiz.sheet import parse_sheet
from studio.quiz.sheet_layout import COLUMN_NAMES, EXAMPLES, NOT_EXPRESSIBLE, USES
from studio.quiz.types import QUESTION_TYPES

HEADER = ["Type", "Question", "Points", "Option_1", "OPTION 2", "option3", "Option 4",
          "Correct answer", "Weights", "Tolerance", "Scoring", "Case sensitive",
          "Correct feedback", "Incorrect feedback", "General feedback", "Category", "Title",
          "Notes"]


def row(**cells) -> list:
    keys = ["type", "prompt", "points", "o1", "o2", "o3", "o4", "correct", "weights",
            "tolerance", "scoring", "case", "fc", "fi", "fg", "category", "title", "notes"]
    return [cells.get(k) for k in keys]


def test_an_excel_workbook_with_every_type(tmp_path):
    raw = workbook([
        HEADER,
        row(type="Single choice", prompt="Closest planet?", points=2, o1="Mercury",
            o2="Venus", o3="Earth", correct=1, fc="Yes.", fi="No.", category="Space",
            title="Closest", notes="checked by Ana"),
        [],
        row(type="multiple", prompt="Primes?", o1=2, o2=4, o3=7, o4=9, correct="1,3",
            scoring="Partial"),
        row(type="multiple", prompt="Weighted?", o1="a", o2="b", o3="c",
            weights="50,50,-100"),
        row(type="choice", prompt="Best?", o1="x", o2="y", o3="z", weights="100,50,0"),
        row(type="True / false", prompt="Water is wet.", correct=True),
        row(type="truefalse", prompt="Fire is cold.", correct="no", fg="It is hot."),
        row(type="fill", prompt="Capital of France: _____", correct="Paris | Lutetia",
            weights="100,50", case="yes"),
        row(type="numeric", prompt="Pi?", correct=3.14, tolerance=0.01),
        row(type="numeric", prompt="Between?", correct="-1..2.5"),
        row(type="matching", prompt="Match.", o1="France = Paris", o2="Spain -> Madrid",
            scoring="per-item"),
        row(type="sequencing", prompt="Order.", o1="one", o2="two", o3="three"),
        row(type="likert", prompt="Clear?", o1="No", o2="Maybe", o3="Yes"),
        row(type="dragdrop", prompt="Sort.", o1="Apple = Fruit", o2="Leek = Vegetable",
            o3="Pear = Fruit"),
        row(type="essay", prompt="Reflect.", correct="A model answer."),
        row(type="description", prompt="Next: planets."),
        [None, None, None],
    ], title="Questions", before=["Read me"])
    parsed = parse_sheet(raw, "bank.xlsx")
    by_prompt = {q.prompt: q for q in parsed.questions}
    assert [q.line for q in parsed.questions] == [2, *range(4, 18)]

    closest = by_prompt["Closest planet?"]
    assert (closest.type, closest.points) == ("choice", 2.0)
    assert [(c["text"], c["correct"]) for c in closest.data["choices"]] == [
        ("Mercury", True), ("Venus", False), ("Earth", False)]
    assert closest.data["feedback"] == {"correct": "Yes.", "incorrect": "No."}
    assert (closest.data["category"], closest.data["title"]) == ("Space", "Closest")

    primes = by_prompt["Primes?"].data
    assert [c["correct"] for c in primes["choices"]] == [True, False, True, False]
    assert [c["text"] for c in primes["choices"]] == ["2", "4", "7", "9"]
    assert primes["scoring"] == "partial"
    weighted = by_prompt["Weighted?"].data
    assert weighted["scoring"] == "weighted"
    assert [c["weight"] for c in weighted["choices"]] == [50, 50, -100]
    best = by_prompt["Best?"].data["choices"]
    assert [c["correct"] for c in best] == [True, False, False]
    assert best[1]["weight"] == 50

    assert by_prompt["Water is wet."].data["answer"] is True
    assert by_prompt["Fire is cold."].data["answer"] is False
    assert by_prompt["Fire is cold."].data["feedback"]["general"] == "It is hot."
    fill = by_prompt["Capital of France: _____"].data
    assert fill["answers"] == ["Paris"] and fill["caseSensitive"] is True
    assert fill["partial"] == [{"text": "Lutetia", "weight": 50}]
    assert (by_prompt["Pi?"].data["value"], by_prompt["Pi?"].data["tolerance"]) == (3.14, 0.01)
    assert (by_prompt["Between?"].data["min"], by_prompt["Between?"].data["max"]) == (-1, 2.5)
    assert [(p["left"], p["right"]) for p in by_prompt["Match."].data["pairs"]] == [
        ("France", "Paris"), ("Spain", "Madrid")]
    assert by_prompt["Match."].data["scoring"] == "per-item"
    assert [i["text"] for i in by_prompt["Order."].data["items"]] == ["one", "two", "three"]
    assert [s["text"] for s in by_prompt["Clear?"].data["scale"]] == ["No", "Maybe", "Yes"]
    sort = by_prompt["Sort."].data
    assert [c["text"] for c in sort["categories"]] == ["Fruit", "Vegetable"]
    assert [(i["text"], i["category"]) for i in sort["items"]] == [
        ("Apple", "k1"), ("Leek", "k2"), ("Pear", "k1")]
    assert by_prompt["Reflect."].data["modelAnswer"] == "A model answer."
    assert by_prompt["Next: planets."].type == "description"

    assert [(n.line, n.message) for n in parsed.notices] == [
        (1, "column 'Notes' is not one the layout knows; ignored")]


def test_a_csv_saved_by_excel_with_semicolons_and_a_bom():
    text = ("type;prompt;points;option 1;option 2;option 3;correct;tolerance;feedback correct\r\n"
            'choice;"Which; of these?";1,5;"Line one\nline two";b;c;2;;"Well done; really"\r\n'
            ";;;;;;;;\r\n"
            "numeric;Pi to two places?;;;;;3,14;0,005;\r\n"
            "truefalse;Über alles?;;;;;FALSE;;\r\n")
    parsed = parse_sheet(b"\xef\xbb\xbf" + text.encode("utf-8"), "Excel export.csv")
    first, pi, umlaut = parsed.questions
    assert first.prompt == "Which; of these?" and first.points == 1.5
    assert first.data["choices"][0]["text"] == "Line one\nline two"
    assert [c["correct"] for c in first.data["choices"]] == [False, True, False]
    assert first.data["feedback"]["correct"] == "Well done; really"
    assert (pi.line, pi.data["value"], pi.data["tolerance"]) == (4, 3.14, 0.005)
    assert umlaut.prompt == "Über alles?" and umlaut.data["answer"] is False
    assert parsed.notices == []


def test_a_comma_csv_and_excels_sep_line_and_utf16():
    comma = "Type,Prompt,Option 1,Option 2,Correct\nchoice,\"A, or B?\",A,B,B\n"
    [question] = parse_sheet(comma.encode("utf-8"), "q.csv").questions
    assert question.prompt == "A, or B?" and question.data["choices"][1]["correct"]
    sep = "sep=;\ntype;prompt;correct\ntruefalse;Yes, or no?;T\n"
    [question] = parse_sheet(sep.encode("utf-8"), "q.csv").questions
    assert (question.prompt, question.line) == ("Yes, or no?", 2)
    [question] = parse_sheet(("\ufeff" + sep).encode("utf-16-le"), "q.csv").questions
    assert question.data["answer"] is True


def test_options_are_named_by_number_letter_or_text():
    def correct(value, options=("Red", "Green", "Blue")):
        rows = [["type", "prompt", "option 1", "option 2", "option 3", "correct"],
                ["multiple", "Which?", *options, value]]
        [question] = parse_sheet(workbook(rows), "q.xlsx").questions
        return [c["id"] for c in question.data["choices"] if c["correct"]]

    assert correct("1, 3") == correct("A;C") == correct("red|blue") == ["a", "c"]
    assert correct("Green") == ["b"]
    assert correct(1.3) == ["a", "c"]  # a locale's decimal comma made "1,3" a number
    assert correct("2", options=("2", "4", "7")) == ["b"]  # numbers name options by number


def test_a_hotspot_row_is_skipped_with_a_notice_and_unused_cells_are_named():
    rows = [["type", "prompt", "option 1", "option 2", "correct", "tolerance"],
            ["hotspot", "Click the valve.", "", "", "", ""],
            ["truefalse", "Sure?", "yes", "no", "true", "3"]]
    parsed = parse_sheet(workbook(rows), "q.xlsx")
    assert [q.type for q in parsed.questions] == ["truefalse"]
    skipped, *ignored = parsed.notices
    assert skipped.skipped and skipped.line == 2 and "regions drawn on a picture" in \
        skipped.message
    assert [n.message for n in ignored] == [
        "column 'tolerance': a true/false question does not use it; ignored",
        "column 'option 1': a true/false question does not use it; ignored",
        "column 'option 2': a true/false question does not use it; ignored"]


def test_reading_can_be_cancelled():
    rows = [["type", "prompt", "correct"]] + [["truefalse", f"Q{n}", "T"] for n in range(500)]
    calls = []

    def check():
        calls.append(1)
        if len(calls) > 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        parse_sheet(workbook(rows), "big.xlsx", check)


def test_the_layout_covers_every_question_type():
    for name in QUESTION_TYPES:
        assert (name in USES and name in EXAMPLES) != (name in NOT_EXPRESSIBLE), name
    for example in EXAMPLES.values():
        assert set(example) <= set(COLUMN_NAMES)

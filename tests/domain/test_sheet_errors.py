"""A spreadsheet with mistakes imports nothing and says, per row and column, what each one is;
the template imports as it is."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sheets import workbook

from studio.errors import ImportFileError
from studio.quiz.sheet import HELP_SHEET, SHOWN_ERRORS, parse_sheet, write_template
from studio.quiz.sheet_layout import COLUMN_NAMES, NOT_EXPRESSIBLE
from studio.quiz.types import QUESTION_TYPES

HEADER = ["type", "prompt", "points", "option 1", "option 2", "option 3", "option 4",
          "correct", "weights", "tolerance", "scoring", "case sensitive"]
ERRORS = [  # (row cells, the error it gives)
    (["", "No type"], "row 2, column 'type': empty; use one of "),
    (["puzzle", "What?"], "row 3, column 'type': 'puzzle' is not a question type; use one of "),
    (["choice", "", 1, "a", "b", None, None, 1],
     "row 4, column 'prompt': empty; every question needs one"),
    (["choice", "P", "ten", "a", "b", None, None, 1],
     "row 5, column 'points': 'ten' is not a number"),
    (["choice", "P", 20000, "a", "b", None, None, 1],
     "row 6, column 'points': 20000 is not from 0 to 10000"),
    (["choice", "P", 1, "a", "b", "c", "d", "E"],
     "row 7, column 'correct': 'E' is not one of the options 1-4"),
    (["choice", "P", 1, "a", "b", None, None, 5],
     "row 8, column 'correct': '5' is not one of the options 1-2"),
    (["choice", "P", 1, "a", None, None, None, 1],
     "row 9, column 'option 2': a single choice question needs at least 2 options; this row "
     "has 1"),
    (["choice", "P", 1, "a", "b", None, None, None],
     "row 10, column 'correct': empty; name the right option by its number (1) or text"),
    (["choice", "P", 1, "a", "b", None, None, "1,2"],
     "row 11, column 'correct': a single choice question has one right option; use the type "
     "multiple for several"),
    (["multiple", "P", 1, "a", "b", "c", None, None, "50,50"],
     "row 12, column 'weights': 2 weight(s) for 3 options; give one per option"),
    (["multiple", "P", 1, "a", "b", None, None, None, "150,0"],
     "row 13, column 'weights': 150 is not a weight from -100 to 100"),
    (["multiple", "P", 1, "a", "b", None, None, None, "60,60"],
     "row 14: The positive weights of a weighted multiple response question must sum to "
     "100 %, not 120 %."),
    (["multiple", "P", 1, "a", "b", None, None, "1", "50,50"],
     "row 15, column 'correct': option 2 weighs 50 %, so it is right; the weights decide which "
     "options are right (leave this cell empty)"),
    (["multiple", "P", 1, "a", "b", None, None, "1", None, None, "some"],
     "row 16, column 'scoring': 'some' is not a scoring mode of multiple response questions: "
     "use all-or-nothing, partial or weighted"),
    (["truefalse", "P", 1, None, None, None, None, "maybe"],
     "row 17, column 'correct': 'maybe' is neither true nor false"),
    (["fill", "P", 1, None, None, None, None, "a|b", "100,0"],
     "row 18, column 'weights': an answer worth 0 % gives no credit; leave it out"),
    (["fill", "P", 1, None, None, None, None, "a", None, None, None, "perhaps"],
     "row 19, column 'case sensitive': 'perhaps' is neither yes nor no"),
    (["numeric", "P", 1, None, None, None, None, "about 3"],
     "row 20, column 'correct': 'about 3' is not a number"),
    (["numeric", "P", 1, None, None, None, None, "3", None, "-1"],
     "row 21, column 'tolerance': -1 is negative"),
    (["numeric", "P", 1, None, None, None, None, "5..1"],
     "row 22, column 'correct': the range 5..1 runs from high to low; write it 1..5"),
    (["matching", "P", 1, "France = Paris", "Spain Madrid"],
     "row 23, column 'option 2': 'Spain Madrid' is not 'left = right'"),
    (["dragdrop", "P", 1, "Apple = Fruit", "Pear = Fruit"],
     "row 24, column 'option 1': the items name one category; a drag-and-drop question sorts "
     "them into two or more"),
    (["matching", "P", 1, "a = b", "c = d", None, None, None, None, None, "per-pair"],
     "row 25, column 'scoring': 'per-pair' is not a scoring mode of matching questions: use "
     "all-or-nothing or per-item"),
    (["choice", "P", 1, "Paris", "Lyon", "paris", None, 1],
     "row 26, column 'option 3': 'paris' repeats option 1; each option of a question is "
     "different"),
]


def test_the_unknown_type_error_offers_only_the_types_a_sheet_holds():
    with pytest.raises(ImportFileError) as raised:
        parse_sheet(workbook([HEADER, ["puzzle", "What?"]]), "bank.xlsx")
    offered = raised.value.message.split("use one of ")[1].split(", ")
    assert offered == [name for name in QUESTION_TYPES if name not in NOT_EXPRESSIBLE]
    assert "hotspot" not in offered


def test_every_error_is_named_by_row_and_column_and_nothing_is_kept():
    rows = [HEADER, *[cells for cells, _ in ERRORS]]
    with pytest.raises(ImportFileError) as raised:
        parse_sheet(workbook(rows), "bank.xlsx", None)
    message = raised.value.message
    first, *lines = message.split("\n")
    assert first == f"bank.xlsx has {len(ERRORS)} error(s); nothing was imported:"
    assert len(lines) == SHOWN_ERRORS + 1 and lines[-1] == f"  … and {len(ERRORS) - 12} more"
    for line, (_, expected) in zip(lines[:-1], ERRORS, strict=False):
        assert line.strip().startswith(expected), (line, expected)


@pytest.mark.parametrize(("cells", "expected"), ERRORS[SHOWN_ERRORS:])
def test_the_errors_past_the_first_ones(cells, expected):
    row_number = int(expected.split(",")[0].split(":")[0].split()[1])
    padding = [["choice", "Fine", 1, "a", "b", None, None, 1]] * (row_number - 2)
    with pytest.raises(ImportFileError) as raised:
        parse_sheet(workbook([HEADER, *padding, cells]), "bank.xlsx")
    assert raised.value.message.split("\n")[1].strip().startswith(expected)


def test_a_date_the_spreadsheet_made_is_an_error():
    rows = [["type", "prompt", "option 1", "option 2", "correct"],
            ["choice", "Which?", datetime.datetime(2024, 1, 2), "1/3", 2]]
    with pytest.raises(ImportFileError, match=r"row 2, column 'option 1': the spreadsheet "
                       r"made this a date \(2024-01-02T00:00:00\); format the cell as text"):
        parse_sheet(workbook(rows), "dates.xlsx")


@pytest.mark.parametrize(("raw", "name", "expected"), [
    (b"", "empty.csv", "empty.csv is empty: its first row names the columns"),
    (b"prompt,correct\nWhat?,1\n", "q.csv", "q.csv, row 1: no column 'type'; the first row"),
    (b"type,Type\n", "q.csv", "q.csv, row 1: the column 'type' appears twice (columns 1 and 2)"),
    (b"type,prompt\nchoice,\xe9t\xe9\n", "latin1.csv",
     "latin1.csv, line 2, column 8: byte 0xE9 is not UTF-8 text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.xlsx",
     "old.xlsx is an old Excel .xls file or a password-protected workbook"),
    (b"not a zip at all", "junk.xlsx", "junk.xlsx is not an Excel workbook (.xlsx)"),
])
def test_files_that_are_not_question_sheets(raw, name, expected):
    with pytest.raises(ImportFileError) as raised:
        parse_sheet(raw, name)
    assert raised.value.message.startswith(expected), raised.value.message


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        parse_sheet(out.getvalue(), "fake.xlsx")


def test_a_workbook_without_a_header_row_of_the_layout():
    book = Workbook()
    book.active.append(["Name", "Score"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportFileError, match="no column 'type' or 'prompt'"):
        parse_sheet(out.getvalue(), "grades.xlsx")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_imports_as_it_is(tmp_path, suffix):
    target = tmp_path / f"template{suffix}"
    write_template(target)
    parsed = parse_sheet(target, target.name)
    expressible = [name for name in QUESTION_TYPES if name not in NOT_EXPRESSIBLE]
    assert [q.type for q in parsed.questions] == expressible
    assert parsed.notices == []
    assert not list(tmp_path.glob("*.part"))


def test_the_workbook_template_explains_every_column_and_type(tmp_path):
    target = tmp_path / "template.xlsx"
    write_template(target)
    book = load_workbook(target)
    assert book.sheetnames == ["Questions", HELP_SHEET]
    header = [cell.value for cell in book["Questions"][1]]
    assert header == list(COLUMN_NAMES)
    explained = {row[0] for row in book[HELP_SHEET].iter_rows(values_only=True) if row[0]}
    assert {c for c in COLUMN_NAMES if not c.startswith("option ")} <= explained
    assert set(QUESTION_TYPES) <= explained  # the hotspot too, with why it is left out


def test_a_template_of_another_kind_is_refused(tmp_path):
    with pytest.raises(ImportFileError, match=r"\.xlsx\) or a CSV file"):
        write_template(tmp_path / "template.ods")

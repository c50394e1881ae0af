"""The question-file registry: which reader takes a file (by suffix, then by content), and the
writers by format name."""

from __future__ import annotations

import pytest
from sheets import workbook

from studio.errors import ImportFileError, InvalidEditError
from studio.quiz.exchange import (
    READERS,
    SUFFIXES,
    WRITERS,
    accepted_kinds,
    read_bytes,
    writer,
    xml_root,
)
from studio.quiz.importer import read_question_file


@pytest.mark.parametrize(("raw", "root"), [
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->\n<quiz>', "quiz"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><quiz/>', "quiz"),
    (b'<qti:assessmentItem xmlns:qti="http://www.imsglobal.org/xsd/imsqti_v2p1">',
     "assessmentItem"),
    (b"<?xml version='1.0'?>\n<qti-assessment-item identifier='q1'>", "qti-assessment-item"),
    ('<?xml version="1.0" encoding="UTF-16"?><questestinterop>'.encode("utf-16"),
     "questestinterop"),
    (b"no element here", None),
    (b"<!-- never closed", None),
])
def test_the_root_element_is_found_past_the_prolog(raw, root):
    assert xml_root(raw) == root


def test_every_suffix_says_what_it_may_hold():
    assert SUFFIXES[".xml"] == "Moodle XML or QTI 2.1/3.0"
    assert SUFFIXES[".txt"] == "GIFT or Aiken"
    assert set(SUFFIXES) == {".gift", ".txt", ".xml", ".zip", ".xlsx", ".csv"}
    assert all(r.label in accepted_kinds() for r in READERS)


def test_gift_aiken_and_sheets_by_suffix_and_content():
    gift = read_bytes(b"Is it? {T}\n", "q.txt")
    aiken = read_bytes(b"Which?\nA. one\nB. two\nANSWER: B\n", "q.txt")
    sheet = read_bytes(workbook([["type", "prompt", "correct"], ["truefalse", "Is it?", 1]]),
                       "q.xlsx")
    csv = read_bytes(b"type,prompt,correct\ntruefalse,Is it?,1\n", "q.CSV")
    assert [p.questions[0].type for p in (gift, aiken, sheet, csv)] == [
        "truefalse", "choice", "truefalse", "truefalse"]


@pytest.mark.parametrize(("raw", "name", "expected"), [
    (b"", "bank.xls", "bank.xls is not a question file: use GIFT (.gift, .txt), Aiken (.txt), "
                      "Moodle XML (.xml), QTI 2.1/3.0 (.zip, .xml), spreadsheet (.xlsx, "
                      ".csv)."),
    (b"<questestinterop/>", "old.xml", "old.xml is QTI 1.2, which the studio does not read"),
    (b"<html><body/></html>", "page.xml", "page.xml is neither Moodle XML (<quiz>) nor a QTI "
                                          "item (<assessmentItem>): its root element is <html>."),
    (b"plain words", "words.xml", "words.xml is neither Moodle XML"),
    (b"<assessmentItem/>", "x.zip", "x.zip is not a zip archive; a QTI package is the .zip"),
    (b"", "empty.zip", "empty.zip is not a zip archive"),
    (b"PK\x03\x04\x14\x00rest", "bank.xml", "bank.xml is not an XML text file: it is a zip "
                                           "archive (a QTI package is imported as its .zip)."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pic.xml",
     "pic.xml is not an XML text file: it holds binary data."),
])
def test_files_no_reader_takes(raw, name, expected):
    with pytest.raises(ImportFileError) as raised:
        read_bytes(raw, name)
    assert raised.value.message.startswith(expected)


def test_read_question_file_names_the_kinds_before_reading(tmp_path):
    with pytest.raises(ImportFileError, match="not a question file: use GIFT"):
        read_question_file(tmp_path / "missing.docx")
    with pytest.raises(ImportFileError, match="missing.csv cannot be read"):
        read_question_file(tmp_path / "missing.csv")


def test_writers_by_name_with_their_suffix():
    assert {name: w.suffix for name, w in WRITERS.items()} == {
        "gift": ".gift", "moodle": ".xml", "qti21": ".zip", "qti30": ".zip"}
    assert writer("gift").write([], "Empty") == (b"\n", [])
    with pytest.raises(InvalidEditError, match="use one of gift, moodle, qti21, qti30"):
        writer("scorm")

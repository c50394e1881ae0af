"""Interactions reports LMSs export for SCORM packages, read as learner-data rows."""

from __future__ import annotations

import pytest

from studio.errors import LearnerDataError
from studio.xray.rows import COLUMN_NAMES
from studio.xray.scorm_report import latency_seconds, read_scorm_report, scorm_report_rows
from studio.xray.store import LearnerStore

LONG = """Learner,Attempt,cmi.interactions.0.id,Type,Student Response,Result,Latency,Timestamp
ada@example.org,1,itm_q1_q_x1,choice,c1,wrong,00:00:04.25,2026-11-30T10:00:00
ada@example.org,1,itm_q1_q_x2,true-false,true,correct,PT3S,2026-11-30T10:00:05
bob,2,itm_v1_cue_c1_q_y2_a2,fill-in,Paris,unanticipated,,
bob,2,itm_q1_q_x3,numeric,42,0.5,,
"""

# Moodle's "Interactions report" download (tab separated text file).
MOODLE = ("Name\tEmail address\tAttempt\tStarted on\tLast accessed on\tScore\tCourse\t"
          "Question 0\tResponse 0\tRight answer 0\tResult 0\t"
          "Question 1\tResponse 1\tRight answer 1\tResult 1\n"
          "Ada Lovelace\tada@example.org\t1\tMonday, 30 November 2026, 10:00 AM\t"
          "Monday, 30 November 2026, 10:20 AM\t8\t8/10\t"
          "itm_q1_q_x1\tc2\tc2\tcorrect\titm_q1_q_x2\tfalse\ttrue\tincorrect\n"
          "Bob Byte\tbob@example.org\t-\t-\t-\t-\tNot attempted\t\t\t\t\t\t\t\t\n"
          "Cy Young\tcy@example.org\t2\tTuesday, 1 December 2026, 9:00 AM\t"
          "Tuesday, 1 December 2026, 9:05 AM\t5\t5/10\t"
          "itm_q1_q_x1\tc1\tc2\twrong\t\t\t\t\n")


def _dicts(path):
    return [dict(zip(COLUMN_NAMES, row, strict=True)) for row in scorm_report_rows(path)]


def test_long_report(tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text(LONG, encoding="utf-8")
    rows = _dicts(path)
    assert [(r["learner"], r["registration"], r["ref"], r["success"], r["raw"])
            for r in rows] == [
        ("mailto:ada@example.org", "1", "itm_q1_q_x1", False, None),
        ("mailto:ada@example.org", "1", "itm_q1_q_x2", True, None),
        ("bob", "2", "itm_v1_cue_c1_q_y2_a2", None, None),
        ("bob", "2", "itm_q1_q_x3", None, 0.5)]
    assert [r["duration"] for r in rows] == [4.25, 3.0, None, None]
    assert {(r["verb"], r["kind"], r["source"]) for r in rows} == {
        ("answered", "interaction", "scorm-csv")}
    assert rows[0]["response"] == "c1" and rows[0]["timestamp"] == "2026-11-30T10:00:00"
    store = LearnerStore(tmp_path / "cache")
    assert read_scorm_report(path, store).added == 4
    assert read_scorm_report(path, store).added == 0  # ids are stable


def test_moodle_interactions_download(tmp_path):
    path = tmp_path / "course-scorm.txt"
    path.write_text(MOODLE, encoding="utf-8")
    rows = _dicts(path)
    assert [(r["learner"], r["registration"], r["ref"], r["response"], r["success"])
            for r in rows] == [
        ("mailto:ada@example.org", "1", "itm_q1_q_x1", "c2", True),
        ("mailto:ada@example.org", "1", "itm_q1_q_x2", "false", False),
        ("mailto:cy@example.org", "2", "itm_q1_q_x1", "c1", False)]
    assert len({r["id"] for r in rows}) == 3


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_encodings_and_semicolons(tmp_path, encoding):
    text = LONG.replace(",", ";").replace("ada@", "adé@")
    path = tmp_path / "report.csv"
    path.write_bytes(text.encode(encoding))
    rows = _dicts(path)
    assert rows[0]["learner"] == "mailto:adé@example.org"
    assert rows[3]["raw"] == 0.5


def test_not_a_report(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("name,grade\nada,9\n", encoding="utf-8")
    with pytest.raises(LearnerDataError, match=r"grades.csv: not an interactions report"):
        list(scorm_report_rows(path))
    with pytest.raises(LearnerDataError, match=r"no such report file"):
        list(scorm_report_rows(tmp_path / "none.csv"))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00\x00")
    with pytest.raises(LearnerDataError, match=r"not a text file"):
        list(scorm_report_rows(binary))


def test_a_localised_moodle_download_names_the_headers_expected(tmp_path):
    path = tmp_path / "interaktionen.csv"
    path.write_text("Name,E-Mail-Adresse,Versuch,Fragen 0,Antworten 0,Richtige Antworten 0\n"
                    "Ada,ada@example.org,1,q1,a,a\n", encoding="utf-8")
    with pytest.raises(LearnerDataError) as caught:
        list(scorm_report_rows(path))
    said = str(caught.value)
    assert said.startswith(f"{path}: not an interactions report: expected ")
    for header in ("Interaction ID", "Question N", "Response N", "Right answer N", "Result N"):
        assert f'"{header}"' in said
    assert "\n" not in said


@pytest.mark.parametrize(("text", "seconds"), [
    ("00:01:02.5", 62.5), ("0001:00:00", 3600.0), ("PT1M2.5S", 62.5), ("", None),
    ("soon", None)])
def test_latency(text, seconds):
    assert latency_seconds(text) == seconds

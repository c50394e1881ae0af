"""One statement -> one learner-data row: the reference rules the file reader mirrors."""

from __future__ import annotations

import pytest
from statement_samples import COURSE, mixed_sample

from studio.xray.normalise import actor_key, iso_duration_seconds, statement_row
from studio.xray.rows import COLUMN_NAMES, SOURCE_FILE


def _rows() -> dict[str, dict]:
    out = {}
    for st in mixed_sample():
        row = statement_row(st, COURSE, SOURCE_FILE)
        if row is not None:
            assert len(row) == len(COLUMN_NAMES)
            out[row[0][-2:]] = dict(zip(COLUMN_NAMES, row, strict=True))
    return out


def test_video_statement_carries_the_profile_and_the_clip():
    paused = _rows()["04"]
    assert (paused["verb"], paused["kind"], paused["ref"], paused["lesson"]) == (
        "paused", "item", "itm_v1", "les_a1")
    assert (paused["time"], paused["segments"], paused["progress"]) == (12.345, "0[.]12.345", 0.206)
    assert (paused["session"], paused["length"]) == ("s-1", 60.0)
    assert (paused["clip_in"], paused["clip_out"], paused["version"]) == (
        2.5, 62.5, "a1b2c3d4e5f60718")
    assert paused["learner"] == "mailto:learner4@example.org"
    assert paused["stored"] == "2026-11-30T10:00:04.250Z"
    seeked = _rows()["05"]
    assert (seeked["time_from"], seeked["time_to"]) == (30.1, 10.0)


def test_answered_statement_names_question_lesson_and_version():
    row = _rows()["07"]
    assert (row["kind"], row["ref"], row["lesson"]) == ("interaction", "itm_q1_q_x1", "les_a1")
    assert (row["response"], row["success"], row["scaled"], row["raw"], row["max"]) == (
        "c1", False, 0.0, 0.0, 2.0)
    assert row["duration"] == 4.25
    assert row["version"] == "0f0e0d0c0b0a0908"


def test_statements_of_other_courses_or_without_id_are_not_rows():
    rows = _rows()
    assert {"14", "15", "23", "30"}.isdisjoint(rows)
    assert rows["16"]["kind"] is None and rows["16"]["lesson"] == "les_a1"
    assert rows["27"]["kind"] is None  # a sub-statement is no activity


def test_cmi5_course_au_and_lesson_au():
    rows = _rows()
    assert (rows["12"]["verb"], rows["12"]["kind"], rows["12"]["ref"]) == (
        "launched", "course", COURSE)
    assert (rows["13"]["verb"], rows["13"]["kind"], rows["13"]["lesson"]) == (
        "satisfied", "lesson", "les_a1")


def test_wrong_types_are_absent_not_converted():
    row = _rows()["21"]
    for column in ("session", "length", "clip_in", "success", "response", "raw", "max", "scaled",
                   "duration", "time", "segments", "version"):
        assert row[column] is None, column


def test_single_context_activity_and_escaped_ids():
    row = _rows()["22"]
    assert (row["ref"], row["lesson"]) == ("itm_p_1", "les_b2")


@pytest.mark.parametrize(("text", "seconds"), [
    ("PT4.25S", 4.25), ("PT1H2M3.5S", 3723.5), ("P1DT2H", 93600.0), ("P2W", 1209600.0),
    ("PT0.5M", 30.0), ("PT0S", 0.0), ("P1Y", None), ("PT", None), ("P", None), ("1 hour", None),
    ("PT-1S", None), (12, None), (None, None)])
def test_iso_durations(text, seconds):
    assert iso_duration_seconds(text) == seconds


def test_actor_by_inverse_functional_identifier():
    both = {"mbox": "mailto:a@b.c", "account": {"homePage": "h", "name": "n"}}
    assert actor_key(both) == "mailto:a@b.c"
    assert actor_key({"account": {"homePage": "https://lms", "name": "42"}}) == "https://lms|42"
    assert actor_key({"objectType": "Group", "member": []}) is None
    assert actor_key("someone") is None

"""The twin's journal reads the page's JSON into dataclasses and back."""

from __future__ import annotations

import json

import pytest

from studio.errors import TwinError
from studio.twin.journal import PHASES, STANDARDS, PathRun
from studio.twin.paths import PATH_DESCRIPTIONS, PATHS, check_paths

PAGE_JOURNAL = {
    "path": "resume", "standard": "scorm12", "profile": "moodle",
    "launches": [
        {"number": 1, "unit": "u1",
         "delivered": {"entry": "ab-initio", "suspend_data": "", "location": "",
                       "mode": "normal", "completion_status": "", "success_status": ""},
         "calls": [
             {"seq": 0, "fn": "LMSInitialize", "args": [""], "result": "true", "error": "0",
              "at_ms": 1.5, "phase": "live"},
             {"seq": 1, "fn": "LMSSetValue", "args": ["cmi.core.lesson_status", "incomplete"],
              "result": "true", "error": "0", "at_ms": 12.5, "phase": "live"},
             {"seq": 2, "fn": "LMSSetValue", "args": ["cmi.suspend_data", "x" * 5000],
              "result": "false", "error": "405", "at_ms": 13, "phase": "hidden"},
             {"seq": 3, "fn": "LMSCommit", "args": [""], "result": "true", "error": "0",
              "at_ms": 40.1, "phase": "unload"}],
         "commits": [{"seq": 3, "at_ms": 40.1, "phase": "unload", "kept": False,
                      "fn": "LMSCommit"}],
         "kept": {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": None},
         "learner": [{"at_ms": 3.0, "did": "pressed Next"}],
         "resumed_at": None, "problems": []},
        {"number": 2, "delivered": {"entry": "resume"}, "calls": [], "commits": [],
         "kept": {"cmi.core.lesson_status": "passed"}, "resumed_at": "itm_b"}],
    "intent": {"resume_item": "itm_b"},
}


def test_the_page_journal_parses():
    run = PathRun.from_json(json.dumps(PAGE_JOURNAL))
    assert (run.path, run.standard, run.profile) == ("resume", "scorm12", "moodle")
    first, second = run.launches
    assert first.unit == "u1" and first.delivered["entry"] == "ab-initio"
    assert [c.fn for c in first.calls] == ["LMSInitialize", "LMSSetValue", "LMSSetValue",
                                           "LMSCommit"]
    assert first.calls[2].failed and not first.calls[1].failed
    assert first.calls[2].at_ms == 13.0 and first.calls[2].phase == "hidden"
    assert first.values_set("cmi.core.lesson_status") == ["incomplete"]
    assert first.commits[0].kept is False and first.commits[0].fn == "LMSCommit"
    assert first.kept == {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": ""}
    assert first.learner[0].did == "pressed Next" and first.resumed_at is None
    assert second.resumed_at == "itm_b" and second.learner == () and second.unit == ""
    assert run.kept == {"cmi.core.lesson_status": "passed"}
    assert run.intent == {"resume_item": "itm_b"} and run.problems == ()
    assert run.standard in STANDARDS and {c.phase for c in first.calls} == set(PHASES)


def test_a_journal_survives_a_round_trip():
    run = PathRun.from_json(PAGE_JOURNAL)
    assert PathRun.from_json(json.loads(json.dumps(run.to_json()))) == run


def test_paths_are_checked_by_name():
    assert check_paths(["retry", "complete"]) == ("retry", "complete")
    assert "long-course" in PATHS and set(PATH_DESCRIPTIONS) == set(PATHS)
    with pytest.raises(TwinError, match="the paths are complete, resume"):
        check_paths(["jump"])
    with pytest.raises(TwinError):
        check_paths([])

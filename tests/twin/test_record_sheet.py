"""The record sheet and the warnings, judged on journals written by hand."""

from __future__ import annotations

from dataclasses import replace

from journals_by_hand import S12, facts, good_12_calls, good_12_kept, launch, run

from studio.export.lms_profiles import load_profile
from studio.twin.check import twin_report
from studio.twin.report_html import report_html
from studio.twin.sheet import intended, record_sheet
from studio.twin.warnings import meaningful, package_warnings, warnings


def codes(found) -> dict[str, str]:
    return {w.code: w.severity for w in found}


def test_a_good_scorm12_path_records_what_the_course_intends():
    profile = load_profile("scorm12")
    journal = run("complete", [launch(1, good_12_calls(), good_12_kept())])
    sheet = record_sheet(journal, profile, facts())
    assert (sheet.completion, sheet.success, sheet.score_raw, sheet.score_max) == (
        "completed", "passed", 100.0, 100.0)
    assert sheet.ok and sheet.differences == ()
    assert intended(journal, facts()) == ["completion: completed", "success: passed",
                                          "score: 100"]
    assert sheet.suspend_limit == 4096 and sheet.suspend_size == len("1~6~6~_w~1.2s.1")
    found = warnings(journal, profile, facts())
    assert not any(w.failure for w in found), [w.line for w in found]
    assert twin_report("course.zip", profile, facts(), [journal]).ok


def test_score_written_after_status_fails_naming_both_calls():
    profile = load_profile("cornerstone")
    journal = run("complete", [launch(1, good_12_calls(score_first=False), good_12_kept())])
    found = [w for w in warnings(journal, profile, facts()) if w.code == "score-after-status"]
    assert found and found[0].failure
    assert found[0].message == ("score written after status: cmi.core.lesson_status=passed at "
                                "call 7, cmi.core.score.raw at call 8")
    report = twin_report("course.zip", profile, facts(profile="cornerstone"), [journal])
    assert not report.ok and report.outcome("complete") == "fail"


def test_exit_set_only_at_unload_loses_the_resume():
    profile = load_profile("scorm12")
    first = launch(1, [c for c in good_12_calls(exit_early=False)[:-5]]
                   + [("LMSSetValue", (S12 + "exit", "suspend"), "unload"),
                      ("LMSSetValue", (S12 + "session_time", "0000:00:30.00"), "unload"),
                      ("LMSCommit", ("",), "unload"), ("LMSFinish", ("",), "unload")],
                   {**good_12_kept(), S12 + "lesson_status": "incomplete", S12 + "exit": ""})
    second = launch(2, good_12_calls(), good_12_kept(),
                    delivered={"entry": "", "mode": "normal", "suspend_data": ""})
    journal = run("resume", [first, second], intent={"resume_item": "itm_3"})
    found = codes(warnings(journal, profile, facts()))
    assert found["data-at-unload"] == "failure"
    sheet = record_sheet(journal, profile, facts())
    assert sheet.resume_delivered is False and not sheet.ok
    assert "resume: the relaunch was not given the saved state" in sheet.differences


def test_resume_delivered_where_the_learner_left():
    profile = load_profile("scorm12")
    first = launch(1, good_12_calls()[:6], {**good_12_kept(), S12 + "lesson_status": "incomplete"})
    second = launch(2, good_12_calls(), good_12_kept(), resumed_at="itm_3",
                    delivered={"entry": "resume", "mode": "normal", "suspend_data": "1~6~3~"})
    journal = run("resume", [first, second], intent={"resume_item": "itm_3"})
    sheet = record_sheet(journal, profile, facts())
    assert sheet.resume_delivered is True and sheet.resumed_at == "itm_3" and sheet.ok
    moved = run("resume", [first, replace_resumed(second, "itm_1")],
                intent={"resume_item": "itm_3"})
    assert not record_sheet(moved, profile, facts()).ok


def replace_resumed(launch_json: dict, item: str) -> dict:
    return {**launch_json, "resumed_at": item}


def test_suspend_data_near_and_over_the_limit():
    profile = load_profile("scorm12")
    near = run("long-course", [launch(1, good_12_calls(state="x" * 3700), good_12_kept())])
    found = [w for w in warnings(near, profile, facts()) if w.code == "suspend-data-size"]
    assert found and not found[0].failure and "90 % of the limit" in found[0].message
    over = run("long-course", [launch(1, good_12_calls(state="x" * 5000), good_12_kept())])
    found = [w for w in warnings(over, profile, facts()) if w.code == "suspend-data-size"]
    assert found[0].failure and "5,000 of 4,096 characters" in found[0].message


def test_raw_score_without_max_fails_where_the_lms_needs_it():
    calls = [c for c in good_12_calls() if c[1][0] != S12 + "score.max"]
    kept = {k: v for k, v in good_12_kept().items() if k != S12 + "score.max"}
    journal = run("complete", [launch(1, calls, kept)])
    assert codes(warnings(journal, load_profile("brightspace"), facts()))[
        "score-max-missing"] == "failure"
    assert codes(warnings(journal, load_profile("scorm12"), facts()))[
        "score-max-missing"] == "warning"


def test_a_finish_lost_at_unload_fails_where_the_grade_needs_it():
    journal = run("complete", [launch(1, good_12_calls(), good_12_kept())])
    brightspace = load_profile("brightspace")
    found = [w for w in warnings(journal, brightspace, facts()) if w.code == "no-finish"]
    assert found[0].failure and "LMSFinish at call" in found[0].message
    live = run("complete", [launch(1, [(c[0], c[1]) for c in good_12_calls()], good_12_kept())])
    assert "no-finish" not in codes(warnings(live, brightspace, facts()))


def test_package_warnings_for_docebo():
    docebo = load_profile("docebo")
    package = facts("scorm2004", "4th", sequencing=True, profile=None,
                    files=("imsmanifest.xml", "tools/run.sh", "index.html"))
    found = codes(package_warnings(docebo, package))
    assert found == {"edition-refused": "failure", "sequencing-ignored": "failure",
                     "refused-files": "failure", "no-profile": "warning"}


def test_the_identifier_administrators_see():
    assert not meaningful("course_7c56a857")
    assert meaningful("Safety_at_work_")
    assert meaningful("FireSafety2026")
    sf = load_profile("successfactors")
    assert "identifier-not-meaningful" in codes(package_warnings(sf, facts()))
    assert "identifier-not-meaningful" not in codes(
        package_warnings(sf, facts(identifier="Fire_safety_basics_7c56")))


def test_commits_too_often_and_an_empty_lesson_mode():
    skillsoft = load_profile("skillsoft")
    journal = run("complete", [launch(1, good_12_calls(), good_12_kept())])
    assert codes(warnings(journal, skillsoft, facts()))["commits-too-often"] == "warning"
    silent = [c for c in good_12_calls() if "lesson_status" not in c[1][0]
              and "score" not in c[1][0]]
    empty = run("complete", [launch(1, silent, {"cmi.suspend_data": "1~"},
                                    delivered={"entry": "ab-initio", "mode": ""})])
    profile = load_profile("openedx")
    assert codes(warnings(empty, profile, facts()))["lesson-mode-empty"] == "failure"
    done = run("long-course", [launch(1, good_12_calls(), good_12_kept()), launch(
        2, silent, good_12_kept(), delivered={"entry": "", "mode": "", "completion_status":
                                              "passed"})])
    assert "lesson-mode-empty" not in codes(warnings(done, profile, facts()))
    assert not record_sheet(empty, profile, facts()).ok


def test_first_score_only_after_a_retry_in_moodle_2004():
    calls = [("Initialize", ("",)),
             ("SetValue", ("cmi.score.raw", "40")), ("SetValue", ("cmi.score.max", "100")),
             ("SetValue", ("cmi.success_status", "failed")), ("Commit", ("",)),
             ("SetValue", ("cmi.score.raw", "100")), ("SetValue", ("cmi.success_status", "passed")),
             ("SetValue", ("cmi.completion_status", "completed")), ("Commit", ("",)),
             ("Terminate", ("",))]
    kept = {"cmi.score.raw": "100", "cmi.score.max": "100", "cmi.success_status": "passed",
            "cmi.completion_status": "completed"}
    journal = run("retry", [launch(1, calls, kept)], standard="scorm2004")
    moodle = load_profile("moodle")
    package = facts("scorm2004", "4th", profile="moodle")
    assert codes(warnings(journal, moodle, package))["first-score-only"] == "failure"
    sheet = record_sheet(journal, moodle, package)
    assert sheet.score_raw == 40 and "score: 40, intended 100" in sheet.differences
    assert record_sheet(journal, load_profile("scorm2004"), package).ok


def test_first_score_only_leaves_a_scorm12_retry_alone_in_moodle():
    calls = [("LMSInitialize", ("",)), *scored("40"), *status("failed"), ("LMSCommit", ("",)),
             *scored("100"), *status("passed"), ("LMSCommit", ("",)), ("LMSFinish", ("",))]
    kept = {S12 + "score.raw": "100", S12 + "score.max": "100", S12 + "lesson_status": "passed"}
    journal = run("retry", [launch(1, calls, kept)])
    moodle = load_profile("moodle")
    package = facts("scorm12", None, profile="moodle")
    assert "first-score-only" not in codes(warnings(journal, moodle, package))
    assert record_sheet(journal, moodle, package).score_raw == 100


def test_multi_unit_paths_roll_up():
    profile = load_profile("scorm12")
    package = facts(units=2)
    one = launch(1, good_12_calls(), {S12 + "lesson_status": "completed"}, unit="item_0")
    two = launch(2, good_12_calls(), good_12_kept(), unit="item_1")
    sheet = record_sheet(run("complete", [one, two]), profile, package)
    assert [u.unit for u in sheet.units] == ["item_0", "item_1"]
    assert (sheet.completion, sheet.success, sheet.score_raw) == ("completed", "passed", 100)
    half = record_sheet(run("complete", [two]), profile, package)
    assert half.completion == "completed"  # a single launched unit is the whole record
    unscored = replace(package, units=tuple(replace(u, scored=u.id == "item_1")
                                            for u in package.units))
    assert intended(run("long-course", [one]), unscored) == ["completion: completed"]


def test_the_report_as_json_and_html():
    profile = load_profile("scorm12")
    journal = run("complete", [launch(1, good_12_calls(score_first=False), good_12_kept())])
    report = twin_report("course.zip", profile, facts(), [journal])
    data = report.to_json()
    assert data["lms"]["name"] == "scorm12" and data["paths"][0]["path"] == "complete"
    assert data["warnings"][0]["code"] == "score-after-status"
    assert "package.formats" in data["switches"] and data["sources"]["package.formats"]
    page = report_html(report)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert page.index("score-after-status") < page.index("Path: complete")
    assert "<script" not in page and "http" not in page.split("Profile switches")[0]


def test_xapi_statements_make_a_sheet():
    import json

    statements = [
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
         "object": {"id": "urn:c/q/q1", "definition": {"interactionType": "choice"}},
         "result": {"response": "a", "success": True}},
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "urn:c"},
         "result": {"score": {"raw": 100, "max": 100, "scaled": 1}, "success": True,
                    "completion": True, "duration": "PT1M"}},
    ]
    kept = {"statements": json.dumps(statements), "state": json.dumps({"resume": "1~6~"})}
    journal = run("complete", [launch(1, [], kept)], standard="xapi")
    sheet = record_sheet(journal, load_profile("scorm12"), facts("xapi"))
    assert (sheet.completion, sheet.success, sheet.score_raw, sheet.time_s) == (
        "completed", "passed", 100, 60)
    assert sheet.interactions[0].id == "q1" and sheet.interactions[0].result == "correct"


def test_statements_lost_at_unload_fail():
    completed = "http://adlnet.gov/expapi/verbs/completed"
    calls = [("statement", (completed, "urn:c", ""), "unload", "204")]
    first = launch(1, calls, {"statements": "[]", "state": "{}"})
    first["commits"] = [{"seq": 0, "at_ms": 0, "phase": "unload", "kept": False,
                         "fn": "statement"}]
    journal = run("complete", [first], standard="xapi")
    found = [w for w in warnings(journal, load_profile("scorm12"), facts("xapi"))
             if w.code == "data-at-unload"]
    assert found[0].failure and "completed" in found[0].message
    assert record_sheet(journal, load_profile("scorm12"), facts("xapi")).completion == "incomplete"


def scored(raw: str) -> list[tuple]:
    return [("LMSSetValue", (S12 + "score.raw", raw)), ("LMSSetValue", (S12 + "score.max", "100"))]


def status(value: str) -> list[tuple]:
    return [("LMSSetValue", (S12 + "lesson_status", value))]


def test_a_retry_that_writes_score_then_status_is_not_score_after_status():
    start, commit = [("LMSInitialize", ("",))], [("LMSCommit", ("",))]
    retry = [*start, *scored("0"), *status("failed"), *scored("100"), *status("passed"),
             *commit, *scored("100"), *commit]
    journal = run("retry", [launch(1, retry, good_12_kept())])
    assert "score-after-status" not in codes(warnings(journal, load_profile("scorm12"), facts()))
    broken = [*start, *status("failed"), *scored("0"), *status("passed"), *scored("100"),
              *commit]
    journal = run("retry", [launch(1, broken, good_12_kept())])
    found = [w for w in warnings(journal, load_profile("scorm12"), facts())
             if w.code == "score-after-status"]
    assert found[0].failure
    assert "lesson_status=passed at call 4, cmi.core.score.raw at call 5" in found[0].message

"""The twin LMS behaves as a profile says, seen through hand-written SCOs in Chromium: a commit
made only at page dismissal is lost where the LMS loses it, lesson_mode is answered as the LMS
answers it, interactions are refused by an LMS without them, and suspend data longer than the
edition stores fails with the error journalled."""

from __future__ import annotations

import pytest
from twin_packages import handmade_sco, profile_with

from studio.twin.runner import run_paths

pytestmark = pytest.mark.browser

# Sets its status only when the page is being dismissed, as players that trust unload do.
UNLOAD_ONLY = """
api.LMSInitialize("");
window.addEventListener("pagehide", function () {
  api.LMSSetValue("cmi.core.lesson_status", "completed");
  api.LMSCommit("");
  api.LMSFinish("");
});
"""

# Asks what a strict player asks, and writes what a careless one writes.
PROBING = """
api.LMSInitialize("");
window.modeAnswer = api.LMSGetValue("cmi.core.lesson_mode");
api.LMSSetValue("cmi.interactions.0.id", "q1");
api.LMSSetValue("cmi.suspend_data", new Array(5001).join("x"));
api.LMSSetValue("cmi.core.lesson_status", "incomplete");
api.LMSSetValue("cmi.core.score.raw", "70");
api.LMSCommit("");
"""


def one_launch(folder, profile, chromium):
    run = run_paths(folder, profile, ("complete",), engine=chromium)[0]
    assert run.standard == "scorm12" and len(run.launches) == 1
    return run.launches[0]


def test_a_commit_made_only_at_unload_is_lost_where_the_lms_loses_it(tmp_path, chromium):
    folder = handmade_sco(tmp_path / "unload", UNLOAD_ONLY)
    lost = one_launch(folder, profile_with("scorm12", unload_commit="lost"), chromium)
    # pagehide comes twice, as in a browser: dispatched, then again as the frame goes
    assert lost.values_set("cmi.core.lesson_status")[0] == "completed"
    assert [(c.fn, c.phase, c.kept) for c in lost.commits] == [
        ("LMSCommit", "unload", False), ("LMSFinish", "unload", False)]
    assert "cmi.core.lesson_status" not in lost.kept
    kept = one_launch(folder, profile_with("scorm12", unload_commit="kept"), chromium)
    assert all(c.kept for c in kept.commits)
    assert kept.kept["cmi.core.lesson_status"] == "completed"
    # the close is what a browser does: hidden first, then pagehide
    assert "the content is not the studio's player" in kept.problems[0]


def test_lesson_mode_interactions_and_suspend_data_follow_the_profile(tmp_path, chromium):
    folder = handmade_sco(tmp_path / "probe", PROBING)
    profile = profile_with("openedx", supports_interactions=False, suspend_data_limit=4096)
    launch = one_launch(folder, profile, chromium)
    calls = {(c.fn, c.args[0]): c for c in launch.calls if c.args}
    mode = calls["LMSGetValue", "cmi.core.lesson_mode"]
    assert (mode.result, mode.error) == ("", "0")  # Open edX leaves lesson_mode empty
    assert launch.delivered["mode"] == ""
    refused = calls["LMSSetValue", "cmi.interactions.0.id"]
    assert (refused.result, refused.error) == ("false", "401")
    too_long = calls["LMSSetValue", "cmi.suspend_data"]
    assert (too_long.result, too_long.error) == ("false", "405")
    assert len(too_long.args[1]) == 5000 and too_long.failed
    assert launch.kept == {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "70"}
    plain = one_launch(folder, profile_with("scorm12", lesson_mode="normal"), chromium)
    calls = {(c.fn, c.args[0]): c for c in plain.calls if c.args}
    assert calls["LMSGetValue", "cmi.core.lesson_mode"].result == "normal"
    assert calls["LMSSetValue", "cmi.interactions.0.id"].error == "0"
    assert calls["LMSSetValue", "cmi.suspend_data"].error == "405"  # 1.2 stores 4,096
    assert plain.kept["cmi.interactions.0.id"] == "q1"


# First launch: fails, then passes, each committed while live; leaves suspended after 10 s.
# Second launch: reads what it was handed and stays 5 s.
TWO_VISITS = """
api.LMSInitialize("");
window.entry = api.LMSGetValue("cmi.core.entry");
if (window.entry === "ab-initio") {
  api.LMSSetValue("cmi.core.score.raw", "50");
  api.LMSSetValue("cmi.core.lesson_status", "failed");
  api.LMSSetValue("cmi.suspend_data", "page=3");
  api.LMSSetValue("cmi.core.exit", "suspend");
  api.LMSSetValue("cmi.core.session_time", "0000:00:10.00");
  api.LMSCommit("");
  api.LMSSetValue("cmi.core.score.raw", "80");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSCommit("");
} else {
  api.LMSSetValue("cmi.core.session_time", "0000:00:05.00");
  api.LMSSetValue("cmi.core.exit", "");
}
api.LMSFinish("");
"""


def test_a_relaunch_gets_what_was_kept_under_the_lms_rules(tmp_path, chromium):
    folder = handmade_sco(tmp_path / "visits", TWO_VISITS)
    strict = profile_with("cornerstone", failed_is_final=True, first_score_only=True)
    run = run_paths(folder, strict, ("resume",), engine=chromium)[0]
    first, second = run.launches
    assert first.delivered["entry"] == "ab-initio" and first.kept["cmi.core.exit"] == "suspend"
    assert first.kept["cmi.core.lesson_status"] == "failed"  # no progress after a failure
    assert first.kept["cmi.core.score.raw"] == "80"  # first_score_only: SCORM 2004 only
    assert second.delivered["entry"] == "resume"  # SCORM 1.2 RTE 3.4.2.3: after "suspend"
    assert second.delivered["suspend_data"] == "page=3"
    assert second.kept["cmi.core.total_time"] == "0000:00:15.00"
    lenient = profile_with("scorm12", needs_finish=True)
    first, second = run_paths(folder, lenient, ("resume",), engine=chromium)[0].launches
    assert first.kept["cmi.core.lesson_status"] == "passed"
    # the grade waited for LMSFinish, then the latest score was kept
    assert [c.fn for c in first.commits] == ["LMSCommit", "LMSCommit", "LMSFinish"]
    assert first.kept["cmi.core.score.raw"] == "80"


def test_a_single_sco_is_complete_on_launch_where_the_lms_says_so(tmp_path, chromium):
    folder = handmade_sco(tmp_path / "launch", PROBING)
    profile = profile_with("scorm12", complete_on_launch=True, needs_score_max=True)
    launch = one_launch(folder, profile, chromium)
    assert launch.values_set("cmi.core.lesson_status") == ["incomplete"]
    assert launch.kept["cmi.core.lesson_status"] == "completed"
    # a raw score without score.max > 0 is no grade to this LMS
    assert launch.values_set("cmi.core.score.raw") == ["70"]
    assert "cmi.core.score.raw" not in launch.kept

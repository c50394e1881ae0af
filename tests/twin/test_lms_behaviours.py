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
    assert launch.kept == {"cmi.core.lesson_status": "incomplete"}
    plain = one_launch(folder, profile_with("scorm12", lesson_mode="normal"), chromium)
    calls = {(c.fn, c.args[0]): c for c in plain.calls if c.args}
    assert calls["LMSGetValue", "cmi.core.lesson_mode"].result == "normal"
    assert calls["LMSSetValue", "cmi.interactions.0.id"].error == "0"
    assert calls["LMSSetValue", "cmi.suspend_data"].error == "405"  # 1.2 stores 4,096
    assert plain.kept["cmi.interactions.0.id"] == "q1"

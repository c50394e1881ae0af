"""The twin's child process as the window hears it: progress from stderr, the JSON report on
stdout, a failure in one line, and Cancel that kills it. A stand-in child plays the CLI here;
the real one runs in test_lms_twin_check.py."""

from __future__ import annotations

import sys
import textwrap

import pytest

from studio.ui import twin_check
from studio.ui.twin_check import TwinRun, progress_line
from studio.ui.twin_view import read_report


def test_progress_lines_of_a_bar_or_plain_words():
    assert progress_line("[#########                     ]  30% complete: launch 1") == (
        0.3, "complete: launch 1")
    assert progress_line("45% resume") == (0.45, "resume")
    assert progress_line("  starting the engine  ") == (None, "starting the engine")


def stand_in(monkeypatch, tmp_path, script: str) -> None:
    child = tmp_path / "child.py"
    child.write_text(textwrap.dedent(script), encoding="utf-8")
    monkeypatch.setattr(twin_check, "check_command",
                        lambda package, lms, html, paths=(): [sys.executable, str(child),
                                                             str(html)])


def run(qtbot, tmp_path) -> tuple[TwinRun, dict]:
    seen: dict = {"progress": []}
    twin = TwinRun(tmp_path / "course.zip", "moodle", ("complete",))
    twin.progressed.connect(lambda f, m: seen["progress"].append((f, m)))
    twin.finished.connect(lambda outcome: seen.setdefault("outcome", outcome))
    twin.failed.connect(lambda message: seen.setdefault("failed", message))
    twin.cancelled.connect(lambda: seen.setdefault("cancelled", True))
    twin.start()
    return twin, seen


def test_a_report_arrives_with_the_progress_before_it(qtbot, tmp_path, monkeypatch):
    stand_in(monkeypatch, tmp_path, """
        import json, sys, pathlib
        sys.stderr.write("[###      ]  10% complete: launch 1\\r")
        sys.stderr.write("[######   ]  60% complete: relaunch\\n")
        sys.stderr.flush()
        pathlib.Path(sys.argv[1]).write_text("<html>report</html>")
        print(json.dumps({"ok": False, "warnings": [], "paths": []}))
        sys.exit(1)
        """)
    twin, seen = run(qtbot, tmp_path)
    qtbot.waitUntil(lambda: not twin.running, timeout=20000)
    assert seen["progress"] == [(0.1, "complete: launch 1"), (0.6, "complete: relaunch")]
    outcome = seen["outcome"]
    assert outcome.exit_code == 1 and outcome.report["ok"] is False
    assert outcome.html.read_text() == "<html>report</html>"
    assert not read_report(outcome.report, outcome.exit_code).ok
    twin.discard()
    assert not outcome.folder.exists()


def test_a_child_without_a_report_fails_with_its_last_words(qtbot, tmp_path, monkeypatch):
    stand_in(monkeypatch, tmp_path, """
        import sys
        sys.stderr.write("studio: error: scorm-again is not installed (npm install)\\n")
        sys.exit(2)
        """)
    twin, seen = run(qtbot, tmp_path)
    qtbot.waitUntil(lambda: not twin.running, timeout=20000)
    assert seen["failed"] == ("The LMS twin could not check the package: error: "
                              "scorm-again is not installed (npm install)")
    assert not twin.folder.exists()


@pytest.mark.parametrize("when", ["running", "never started"])
def test_cancel_kills_the_child(qtbot, tmp_path, monkeypatch, when):
    stand_in(monkeypatch, tmp_path, """
        import sys, time
        sys.stderr.write("5% complete\\n")
        sys.stderr.flush()
        time.sleep(60)
        """)
    if when == "running":
        twin, seen = run(qtbot, tmp_path)
        qtbot.waitUntil(lambda: bool(seen["progress"]), timeout=20000)
    else:
        seen = {}
        twin = TwinRun(tmp_path / "course.zip", "moodle")
        twin.cancelled.connect(lambda: seen.setdefault("cancelled", True))
    twin.cancel()
    qtbot.waitUntil(lambda: not twin.running, timeout=10000)
    assert seen.get("cancelled") and "outcome" not in seen and "failed" not in seen
    assert not twin.folder.exists()


def test_a_child_that_cannot_start_says_so(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(twin_check, "check_command",
                        lambda package, lms, html, paths=(): [str(tmp_path / "no-such")])
    monkeypatch.setattr(twin_check, "dying_with_studio", list)
    twin, seen = run(qtbot, tmp_path)
    qtbot.waitUntil(lambda: not twin.running, timeout=10000)
    assert seen["failed"].startswith("The LMS twin could not start: ")

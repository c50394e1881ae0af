"""`studio check-lms`: its one-line errors, its sheet, its JSON and HTML, its exit status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_runner import run_main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "twin"))
from journals_by_hand import facts, good_12_calls, good_12_kept, launch, run  # noqa: E402

from studio.export.lms_profiles import load_profile  # noqa: E402
from studio.twin import check  # noqa: E402


@pytest.mark.parametrize("args, says", [
    (["/no/such.zip", "--lms", "moodle"], "/no/such.zip does not exist."),
    (["{zip}", "--lms", "nope"], "Unknown LMS 'nope'; choose one of: blackboard"),
    (["{text}", "--lms", "moodle"], "is not a package"),
    (["{zip}", "--lms", "moodle", "--path", "nope"], "Unknown path 'nope'"),
])
def test_errors_are_one_line(tmp_path, args, says):
    text = tmp_path / "notes.txt"
    text.write_text("not a zip")
    package = tmp_path / "course.zip"
    package.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    done = run_main("check-lms", *[a.format(zip=package, text=text) for a in args])
    assert done.returncode == 1 and done.stdout == ""
    assert says in done.stderr and done.stderr.count("\n") == 1


def fake_check(score_first: bool):
    def fake(package, lms, paths=None, engine=None, progress=None, token=None):
        profile = load_profile(lms)
        journal = run("complete", [launch(1, good_12_calls(score_first), good_12_kept())])
        return check.twin_report(Path(package), profile, facts(profile=lms), [journal])
    return fake


def test_a_good_package_exits_0_with_its_sheet(monkeypatch, tmp_path):
    monkeypatch.setattr(check, "check_lms", fake_check(True))
    page = tmp_path / "report.html"
    done = run_main("check-lms", tmp_path / "course.zip", "--lms", "scorm12", "--html", page)
    assert done.returncode == 0, done.stderr
    assert "complete: warning" in done.stdout  # session time is set at unload only
    assert "records: completed, passed, score 100/100" in done.stdout
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_a_path_recording_otherwise_exits_1(monkeypatch, tmp_path):
    monkeypatch.setattr(check, "check_lms", fake_check(False))
    done = run_main("check-lms", tmp_path / "course.zip", "--lms", "cornerstone", "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["ok"] is False and data["warnings"][0]["code"] == "score-after-status"
    assert "would not record what the course intends (complete)" in done.stderr

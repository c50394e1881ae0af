"""The sample course in the twins of LMSs whose rules depend on the player ending the session
or on the SCORM edition: Brightspace keeps its grade because the player finishes as soon as
the course is complete, and Moodle's first-score-only rule holds for SCORM 2004 only."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.export.exporter import export_course
from studio.export.lms_profiles import choose_format, load_profile
from studio.export.package import ExportOptions
from studio.store import Project
from studio.twin.check import check_lms

pytest.importorskip("studio.twin.runner", reason="the twin's runner is not in this tree")
pytestmark = pytest.mark.browser


def export(course: Path, lms: str, fmt: str, target: Path) -> Path:
    options = ExportOptions(format=choose_format(load_profile(lms), fmt), lms=lms,
                            preset="original")
    with Project.open(course) as project:
        export_course(project, options, target)
    return target


def test_brightspace_keeps_the_grade_of_a_complete_course(sample_course, tmp_path, chromium):
    package = export(sample_course, "brightspace", "scorm12", tmp_path / "brightspace.zip")
    report = check_lms(package, "brightspace", ("complete",), engine=chromium)
    assert report.outcome("complete") == "ok", [w.line for w in report.warnings]
    assert report.warnings == ()  # no session time left to the unload either
    sheet = report.sheets[0]
    assert (sheet.completion, sheet.success, sheet.score_raw) == ("completed", "passed", 100)
    assert sheet.time_s > 0


@pytest.mark.parametrize(("fmt", "outcome"), [("scorm12", "ok"), ("scorm2004", "fail")])
def test_moodle_keeps_the_first_score_of_a_scorm2004_retry_only(sample_course, tmp_path,
                                                               chromium, fmt, outcome):
    package = export(sample_course, "moodle", fmt, tmp_path / f"moodle-{fmt}.zip")
    report = check_lms(package, "moodle", ("retry",), engine=chromium)
    assert report.outcome("retry") == outcome, [w.line for w in report.warnings]
    found = {w.code for w in report.warnings if w.failure}
    assert found == ({"first-score-only"} if fmt == "scorm2004" else set())
    assert report.sheets[0].score_raw == (0 if fmt == "scorm2004" else 100)

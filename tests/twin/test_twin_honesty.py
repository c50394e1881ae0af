"""The twin's own honesty: broken packages make it fail with the right warning, a good one
passes, so a green twin means something. Each package is the sample course exported for an
LMS, then broken by hand the way real packages are broken; each test runs `studio check-lms`
in this process and asserts the warning's code and the exit status."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cli_runner import run_main

from studio.export.exporter import export_course
from studio.export.lms_profiles import choose_format, load_profile
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.store import Project
from studio.twin.package_facts import read_facts

pytest.importorskip("studio.twin.runner", reason="the twin's runner is not in this tree")
PLAYER_12 = "player/scorm12.js"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("honesty") / "Sample.course"
    build_sample(course).close()
    return course


def export(course: Path, lms: str, target: Path, fmt: str | None = None) -> Path:
    options = ExportOptions(format=choose_format(load_profile(lms), fmt), lms=lms,
                            preset="original")
    with Project.open(course) as project:
        export_course(project, options, target)
    return target


def edited(package: Path, name: str, change) -> Path:
    """A copy of ``package`` with member ``name`` rewritten by ``change(text) -> text``."""
    target = package.with_name(package.stem + "-edited.zip")
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                new = change(data.decode("utf-8"))
                assert new != data.decode("utf-8"), f"the edit changed nothing in {name}"
                data = new.encode("utf-8")
            out.writestr(info, data)
    return target


def player_switch(key: str, value) -> callable:
    """An edit of course-data.js setting ``COURSE_DATA.lms.player[key]``."""
    def change(text: str) -> str:
        prefix, _, rest = text.partition("= ")
        data = json.loads(rest.rstrip().rstrip(";"))
        data["lms"]["player"][key] = value
        return f"{prefix}= {json.dumps(data)};\n"
    return change


def check(package: Path, lms: str, *paths: str):
    args = ["check-lms", package, "--lms", lms, "--json", "--engine", "chromium"]
    for path in paths:
        args += ["--path", path]
    done = run_main(*args)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def failures(report: dict) -> dict[str, str]:
    return {w["code"]: w["message"] for w in report["warnings"] if w["severity"] == "failure"}


def test_a_good_package_passes(sample, tmp_path):
    package = export(sample, "scorm12", tmp_path / "good.zip")
    code, report = check(package, "scorm12", "complete", "resume")
    assert failures(report) == {} and code == 0, report
    complete = report["paths"][0]
    assert (complete["completion"], complete["success"], complete["score"]["raw"]) == (
        "completed", "passed", 100)
    assert report["paths"][1]["resume"]["delivered"] is True


def test_score_written_after_status_fails(sample, tmp_path):
    package = edited(export(sample, "scorm12", tmp_path / "order.zip"), "course-data.js",
                     player_switch("score_before_status", False))
    code, report = check(package, "scorm12", "complete")
    assert code == 1
    assert failures(report)["score-after-status"].startswith(
        "score written after status: cmi.core.lesson_status=passed at call ")


def test_exit_set_only_at_unload_fails(sample, tmp_path):
    def exit_at_pagehide_only(text: str) -> str:
        return text.replace('set("cmi.core.exit", value);', "/* exit left to the finish */")

    package = edited(export(sample, "scorm12", tmp_path / "exit.zip"), PLAYER_12,
                     exit_at_pagehide_only)
    code, report = check(package, "scorm12", "resume")
    assert code == 1
    assert "cmi.core.exit=suspend" in failures(report)["data-at-unload"]
    assert report["paths"][0]["resume"]["delivered"] is False


def test_a_missing_score_max_fails_in_brightspace(sample, tmp_path):
    package = edited(export(sample, "brightspace", tmp_path / "max.zip"), "course-data.js",
                     player_switch("always_score_max", False))
    code, report = check(package, "brightspace", "complete")
    assert code == 1
    assert "score-max-missing" in failures(report)


def test_sequencing_in_a_docebo_package_fails(sample, tmp_path):
    package = export(sample, "scorm2004", tmp_path / "sequenced.zip")
    assert read_facts(package).sequencing and read_facts(package).edition == "4th"
    code, report = check(package, "docebo", "complete")
    assert code == 1
    assert {"sequencing-ignored", "edition-refused"} <= set(failures(report))


def test_suspend_data_of_5000_characters_under_scorm12_fails(sample, tmp_path):
    def padded(text: str) -> str:
        return text.replace('set("cmi.suspend_data", text);',
                            'set("cmi.suspend_data", text + new Array(5001 - text.length)'
                            '.join("~"));')

    package = edited(export(sample, "scorm12", tmp_path / "padded.zip"), PLAYER_12, padded)
    code, report = check(package, "scorm12", "complete")
    assert code == 1
    assert "5,000 of 4,096 characters" in failures(report)["suspend-data-size"]

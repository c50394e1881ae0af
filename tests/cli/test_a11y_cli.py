"""`studio a11y`, `studio attest` and `studio export --a11y`, with the checks replaced by
stand-ins whose findings each test chooses (tests/a11y_fakes.py): what is reported, what is
written, the same bytes on a re-run, one line for bad input, Ctrl+C."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from a11y_fakes import LOW_CONTRAST, Checks, FakeEngine
from cli_runner import run_main, studio

from studio.a11y.criteria import CRITERIA
from studio.a11y.findings import FAIL, Finding
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.store import Project
from studio.twin import a11y_report


@pytest.fixture
def checks(monkeypatch) -> Checks:
    found = Checks().install(monkeypatch)
    engines: list[FakeEngine] = []

    def engine(name=None):
        engines.append(FakeEngine())
        return engines[-1]
    monkeypatch.setattr(a11y_report, "player_engine", engine)
    found.engines = engines
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("a11y") / "Sample.course"
    build_sample(path).close()
    return path


@pytest.fixture(scope="module")
def package(sample, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("pkg") / "sample-html.zip"
    with Project.open(sample) as project:
        export_course(project, ExportOptions("html", preset="original"), target)
    return target


def report_json(*args) -> dict:
    ran = run_main("a11y", *args, "--json")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def test_a_project_report_lists_every_criterion_with_its_evidence(checks, sample):
    data = report_json(sample)
    assert [row["id"] for row in data["criteria"]] == [c.id for c in CRITERIA]
    assert data["report"]["source"] == "project" and data["report"]["file"] == "Sample.course"
    assert data["report"]["engine"] == "Chromium"
    assert data["report"]["date"]  # the day of the project's last edit
    rows = {row["id"]: row for row in data["criteria"]}
    assert rows["2.1.2"]["verdict"] == "supports"
    assert rows["2.1.2"]["evidence"][0]["source"] == "keyboard"
    assert rows["1.2.4"]["verdict"] == "not-applicable"
    # the player audit got the HTML5 export of the course, unpacked
    player = next(subject for name, subject in checks.calls if name == "player")
    assert {"index.html", "course-data.js"} <= set(player)
    assert [name for name, _ in checks.calls] == ["author", "media", "player"]
    assert all(engine.closed for engine in checks.engines)


def test_the_report_is_the_same_bytes_on_a_rerun(checks, sample, tmp_path):
    first, second = tmp_path / "one.html", tmp_path / "two.html"
    a = run_main("a11y", sample, "--json", "--html", first)
    b = run_main("a11y", sample, "--json", "--html", second)
    assert a.stdout == b.stdout
    assert first.read_bytes() == second.read_bytes()
    assert f"Wrote {first}" in a.stderr


def test_the_summary_and_the_failures_are_printed(checks, sample):
    checks.media.append(LOW_CONTRAST)
    ran = run_main("a11y", sample)
    assert ran.returncode == 0
    first = ran.stdout.splitlines()[0]
    assert first.startswith("Course Studio Tour: Supports 4 · Partially Supports 0 · "
                            "Does Not Support 1 · Not Applicable 1 · Needs your statement")
    assert "1.4.3 Contrast (Minimum): Slide 2: 'Welcome' has contrast 2.1:1" in ran.stdout
    assert "[itm_slide]" in ran.stdout


def test_without_the_player_no_engine_is_made(checks, sample):
    data = report_json(sample, "--no-player")
    assert "player" not in [name for name, _ in checks.calls]
    assert checks.engines == [] and data["report"]["engine"] == ""


def test_a_package_report_with_its_project_holds_the_projects_checks_and_statements(
        checks, sample, package, tmp_path):
    project = tmp_path / "copy.course"
    shutil.copytree(sample, project)
    assert run_main("attest", project, "1.3.3", "--verdict", "supports", "--remarks",
                    "Prompts never rely on colour.", "--date", "2026-11-20").returncode == 0
    data = report_json(package, "--project", project)
    assert data["report"]["source"] == "package" and data["report"]["standard"] == "html"
    assert data["report"]["file"] == "sample-html.zip"
    assert data["report"]["date"] == ""  # the studio's zips carry no build time
    rows = {row["id"]: row for row in data["criteria"]}
    assert rows["1.3.3"]["verdict"] == "supports"
    assert rows["1.3.3"]["statement"]["remarks"] == "Prompts never rely on colour."
    # the project's own checks, and the package's player (not a fresh export)
    assert [name for name, _ in checks.calls] == ["author", "media", "player"]
    assert {"index.html", "course-data.js"} <= set(checks.calls[-1][1])
    assert report_json(package)["criteria"][8]["statement"] is None


def test_a_statement_the_projects_checks_contradict_does_not_give_supports(
        checks, sample, package, tmp_path):
    project = tmp_path / "copy.course"
    shutil.copytree(sample, project)
    assert run_main("attest", project, "1.1.1", "--verdict", "supports", "--remarks",
                    "Every picture is described.", "--date", "2026-11-20").returncode == 0
    checks.author = [Finding("1.1.1", FAIL, "Slide “Intro”: picture 1 has no description",
                             item="itm_slide")]
    rows = {row["id"]: row for row in report_json(package, "--project", project)["criteria"]}
    assert rows["1.1.1"]["verdict"] == "does-not-support"


def test_a_project_of_another_course_is_refused(checks, package, tmp_path):
    other = tmp_path / "other.course"
    build_sample(other).close()  # the same content, but a course of its own
    line = one_line_error("a11y", package, "--project", other)
    assert line.startswith("studio: sample-html.zip is not an export of other.course")
    assert checks.calls == []


def test_project_is_for_packages_only(checks, sample):
    line = one_line_error("a11y", sample, "--project", sample)
    assert "Sample.course is a course project: --project names the project of a package" in line
    assert checks.calls == []


def test_pdf_is_written_beside_the_page(checks, sample, tmp_path):
    page = tmp_path / "r.html"
    ran = run_main("a11y", sample, "--no-player", "--html", page, "--pdf")
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_pdf_without_a_page_is_named_after_the_source(checks, sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = run_main("a11y", sample, "--no-player", "--json", "--pdf")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["criteria"]  # the JSON alone on stdout
    assert ran.stderr.strip().endswith("Wrote Sample.a11y.pdf")
    assert (tmp_path / "Sample.a11y.pdf").is_file()


def one_line_error(*args) -> str:
    ran = run_main(*args)
    assert ran.returncode == 1 and ran.stdout == ""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    return lines[0]


def test_bad_input_is_one_line(checks, tmp_path):
    assert "does not exist" in one_line_error("a11y", tmp_path / "nothing")
    (tmp_path / "folder").mkdir()
    assert "neither a course project nor a package" in one_line_error("a11y", tmp_path / "folder")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    assert "broken.zip" in one_line_error("a11y", broken)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "neither a course project nor a package" in one_line_error("a11y", other)
    assert one_line_error("a11y", broken) == ("studio: broken.zip is not a course package "
                                              "(zip) or project folder (File is not a zip "
                                              "file).")


def test_the_page_and_the_pdf_must_be_two_files(checks, sample, tmp_path):
    same = tmp_path / "same.out"
    line = one_line_error("a11y", sample, "--no-player", "--html", same, "--pdf", same)
    assert line == f"studio: --html and --pdf both name {same}: give them two files."
    assert not same.exists() and checks.calls == []
    page = tmp_path / "r.pdf"  # the PDF's default name would be the page's own
    assert "both name" in one_line_error("a11y", sample, "--html", page, "--pdf")


def test_a_missing_engine_says_how_to_get_one(sample, monkeypatch):
    Checks().install(monkeypatch)
    monkeypatch.setitem(__import__("sys").modules, "studio.twin.qt_engine", None)
    monkeypatch.setattr(a11y_report, "CHROMIUM", "/nonexistent/chromium")
    line = one_line_error("a11y", sample)
    assert line == "studio: The player check needs Chromium or Qt WebEngine: run make setup."


def test_ctrl_c_cancels_cleanly(checks, sample, tmp_path):
    def cancel(name, token):
        if name == "media":
            token.cancel()
    checks.hook = cancel
    page = tmp_path / "r.html"
    line = one_line_error("a11y", sample, "--html", page)
    assert "cancelled" in line
    assert not page.exists()


def test_attest_sets_lists_and_removes_statements(tmp_path):
    project = tmp_path / "s.course"
    build_sample(project).close()
    ran = run_main("attest", project, "3.1.2", "--verdict", "not-applicable", "--remarks",
                   "The course is in one language only.", "--by", "A. Designer",
                   "--date", "2026-11-21")
    assert ran.returncode == 0
    assert ran.stdout.strip() == "3.1.2 Language of Parts: Not Applicable (2026-11-21)"
    listed = run_main("attest", project, "--list").stdout
    assert "3.1.2 Language of Parts: Not Applicable (2026-11-21, A. Designer)" in listed
    assert "undo" not in listed
    assert "not a WCAG 2.2" in one_line_error("attest", project, "9.9.9", "--verdict",
                                              "supports", "--remarks", "x")
    assert "needs --verdict and --remarks" in one_line_error("attest", project, "1.3.3")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert one_line_error("attest", project, "1.3.3", "--verdict", "supports", "--remarks",
                          "x", "--date", tomorrow) == (
        f"studio: {tomorrow} is after today: a statement records a check already made.")
    assert run_main("attest", project, "3.1.2", "--remove").returncode == 0
    assert run_main("attest", project, "--list").stdout.strip() == "No statements yet."
    assert "no statement on 3.1.2" in one_line_error("attest", project, "3.1.2", "--remove")


def test_export_strict_refuses_a_package_that_does_not_support(checks, sample, tmp_path):
    checks.media.append(LOW_CONTRAST)
    target = tmp_path / "out" / "course.zip"
    target.parent.mkdir()
    line = one_line_error("export", sample, "--format", "html", "--preset", "original",
                          "-o", target, "--a11y", "strict")
    assert "course.zip was not written" in line and "1.4.3" in line
    page = target.parent / "course.a11y.html"
    assert line.endswith(f"see the accessibility report {page}.")
    # no package, but the report that says why
    assert list(target.parent.iterdir()) == [page]
    assert "Slide 2: &#x27;Welcome&#x27; has contrast 2.1:1" in page.read_text()


def test_export_runs_the_player_in_the_engine_asked_for(checks, sample, tmp_path, monkeypatch):
    asked = []
    made = a11y_report.player_engine
    monkeypatch.setattr(a11y_report, "player_engine", lambda name=None: (asked.append(name),
                                                                         made(name))[1])
    ran = run_main("export", sample, "--format", "html", "--preset", "original",
                   "-o", tmp_path / "course.zip", "--a11y", "report", "--engine", "chromium")
    assert ran.returncode == 0, ran.stderr
    assert asked == ["chromium"]


def test_export_report_writes_the_page_beside_the_package(checks, sample, tmp_path):
    target = tmp_path / "course.zip"
    ran = run_main("export", sample, "--format", "scorm12", "--preset", "original",
                   "-o", target, "--a11y", "report")
    assert ran.returncode == 0, ran.stderr
    assert zipfile.is_zipfile(target)
    assert (tmp_path / "course.a11y.html").read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.a11y.html", "course.zip"]
    # the player audit ran on the package written, a SCORM 1.2 one
    player = next(subject for name, subject in checks.calls if name == "player")
    assert "imsmanifest.xml" in player
    assert "Accessibility: Supports" in ran.stdout


def test_export_strict_writes_a_package_that_passes(checks, sample, tmp_path):
    target = tmp_path / "course.zip"
    ran = run_main("export", sample, "--format", "html", "--preset", "original",
                   "-o", target, "--a11y", "strict")
    assert ran.returncode == 0, ran.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip"]


def test_export_follows_the_publish_setting_unless_told_none(checks, sample, tmp_path):
    copy = tmp_path / "Copy.course"
    shutil.copytree(sample, copy)
    assert run_main("set", copy, "course", "a11y=report").returncode == 0
    target = tmp_path / "course.zip"
    ran = run_main("export", copy, "--format", "html", "--preset", "original", "-o", target)
    assert ran.returncode == 0, ran.stderr
    assert "From the publish settings: accessibility report" in ran.stdout
    assert (tmp_path / "course.a11y.html").is_file()
    (tmp_path / "course.a11y.html").unlink()
    ran = run_main("export", copy, "--format", "html", "--preset", "original", "-o", target,
                   "--a11y", "none")
    assert ran.returncode == 0, ran.stderr
    assert "accessibility" not in ran.stdout and not (tmp_path / "course.a11y.html").exists()


def test_the_qt_engine_says_nothing_on_a_terminal_without_a_display(package, tmp_path):
    # a real run, in a process of its own: Qt WebEngine starts once per process
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    ran = studio("a11y", package, "--engine", "qt", check=False, timeout=600, env=env,
                 cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.startswith("Course Studio Tour: Supports ")
    assert ran.stderr == ""  # no GPU, Vulkan, sandbox or RHI warnings

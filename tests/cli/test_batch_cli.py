"""`studio export-many`: real projects, the real command, its summary table and exit status."""

from __future__ import annotations

import json
import os
import signal

import pytest
from batch_courses import material_folder, three_courses
from cli_runner import run_main, studio
from media_samples import MediaSamples

from studio.cli.progress import ProgressBar
from studio.export.formats import available_formats


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


def test_export_many_exports_all_formats_and_fails_for_the_broken_course(tmp_path, samples):
    three_courses(tmp_path / "courses", samples)
    done = studio("export-many", os.path.join(tmp_path, "courses", "*.course"), "--format",
                  "all", "-o", tmp_path / "out", "--cache", tmp_path / "cache", check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "studio: 1 of 3 courses failed: Broken."
    table = done.stdout.splitlines()
    assert table[0].split() == ["course", "status", "packages", "renders", "seconds", "reason"]
    formats = len(available_formats())
    assert table[1].split()[:4] == ["Alpha", "exported", str(formats), "1"]
    assert table[2].split()[:4] == ["Beta", "exported", str(formats), "0"]
    assert table[3].split()[:4] == ["Broken", "failed", "0", "0"]
    assert "is missing from the project's media folder" in table[3]
    assert table[4] == "3 courses, 1 failed; renders made 1, found in the cache 9."
    for name in ("Alpha", "Beta"):
        assert len(list((tmp_path / "out" / name).glob("*.zip"))) == formats
        for package in (tmp_path / "out" / name).glob("*.zip"):
            studio("validate", package)


def test_export_many_json_and_a_clean_run_exit_zero(tmp_path, samples):
    courses = three_courses(tmp_path / "courses", samples)[:2]
    done = studio("export-many", *courses, "--format", "html", "-o", tmp_path / "out",
                  "--json")
    data = json.loads(done.stdout)
    assert [(c["course"], c["status"]) for c in data["courses"]] == [
        ("Alpha", "exported"), ("Beta", "exported")]
    assert data["courses"][0]["packages"] == [str(tmp_path / "out" / "Alpha" / "Alpha-html.zip")]


def test_a_glob_matching_nothing_is_one_line(tmp_path):
    done = studio("export-many", tmp_path / "*.course", "--format", "html", check=False)
    assert done.returncode == 1
    pattern = os.path.join(tmp_path, "*.course")
    assert done.stderr == f"studio: {pattern} matches no .course folder.\n"


def test_ctrl_c_stops_every_course_and_prints_what_was_finished(tmp_path, samples, monkeypatch):
    three_courses(tmp_path / "courses", samples)
    shown = ProgressBar.__call__

    def interrupt_at_beta(self, fraction, message=""):
        if message.startswith("Beta"):
            os.kill(os.getpid(), signal.SIGINT)  # the handler run_job installs cancels
        shown(self, fraction, message)

    monkeypatch.setattr(ProgressBar, "__call__", interrupt_at_beta)
    ran = run_main("export-many", tmp_path / "courses" / "*.course", "--format", "html",
                   "-o", tmp_path / "out")
    assert ran.returncode == 1
    assert [line.split()[:2] for line in ran.stdout.splitlines()[1:4]] == [
        ["Alpha", "exported"], ["Beta", "cancelled"], ["Broken", "not"]]
    assert ran.stderr.splitlines()[-1] == ("studio: cancelled; finished: Alpha (exported). "
                                           "Packages already written are complete.")


def test_build_many_builds_exports_and_names_the_bad_spec(tmp_path, samples):
    specs = tmp_path / "specs"
    material_folder(specs, "Alpha", samples)
    (specs / "Bad.yaml").write_text("title: [\n", encoding="utf-8")
    done = studio("build-many", specs / "*", "--format", "scorm2004", "-o", tmp_path / "out",
                  check=False)
    assert done.returncode == 1
    rows = [line.split()[:3] for line in done.stdout.splitlines()[1:3]]
    assert rows == [["Alpha", "built", "1"], ["Bad", "failed", "0"]]
    assert "Bad.yaml" in done.stdout.splitlines()[2]
    studio("validate", tmp_path / "out" / "Alpha" / "Alpha-scorm2004.zip")
    again = studio("build-many", specs / "Alpha", "--json")
    assert json.loads(again.stdout)["courses"][0]["status"] == "unchanged"


def test_export_many_renders_on_a_dask_cluster_with_one_shared_cache(tmp_path, samples):
    from distributed import LocalCluster

    courses = three_courses(tmp_path / "courses", samples)[:2]
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=":0") as cluster:
        done = studio("export-many", *courses, "--format", "html", "-o", tmp_path / "out",
                      "--scheduler", cluster.scheduler_address, "--cache", tmp_path / "shared",
                      "--json")
    data = json.loads(done.stdout)
    assert [(c["status"], c["renders"]) for c in data["courses"]] == [("exported", 1),
                                                                      ("exported", 0)]
    assert data["cache"]["stored"] == 1
    assert len(list((tmp_path / "shared" / "renders").glob("*.mp4"))) == 1
    for course in data["courses"]:
        studio("validate", *course["packages"])


def test_build_many_prints_and_reports_each_courses_notes_and_conflicts(tmp_path, samples):
    from studio import commands
    from studio.store import Project
    from tests.media.build_fixtures import GIFT

    lesson = material_folder(tmp_path, "Alpha", samples) / "Module" / "Lesson"
    (lesson / "03 Check.gift").write_text(GIFT, encoding="utf-8")
    (lesson / "budget.xyz").write_text("not course material", encoding="utf-8")
    spec = tmp_path / "Alpha.toml"
    studio("build", tmp_path / "Alpha", "--write-spec", spec)

    done = studio("build-many", tmp_path / "Alpha")
    assert ("Alpha: note: Module/Lesson/budget.xyz: not a kind of file the folder "
            "convention takes; skipped.") in done.stdout.splitlines()
    studio("build-many", spec)
    with Project.open(tmp_path / "Alpha.course") as project:
        check = next(i for i in project.course().items() if i.title == "Check")
        commands.rename(project, check.id, "Our check")
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('title = "Check"', 'title = "Check it"'), encoding="utf-8")

    done = studio("build-many", spec)
    assert ("Alpha: conflict: “Our check” (03 Check.gift): title is 'Our check' in the "
            "project and 'Check it' in the spec; the project's kept") in done.stdout.splitlines()

    spec.write_text(text.replace('title = "Check"', 'title = "Check now"'), encoding="utf-8")
    course = json.loads(studio("build-many", spec, "--json").stdout)["courses"][0]
    assert course["notes"] == []
    assert course["conflicts"] == ["“Our check” (03 Check.gift): title is 'Our check' in the "
                                   "project and 'Check now' in the spec; the project's kept"]

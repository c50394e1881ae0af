"""`studio copy` writes a new bundle; `studio export` takes what it is not told from the
course's publish settings, which `studio set DIR course KEY=VALUE` changes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from cli_runner import outline, studio

from studio.commands.publish import publish_settings
from studio.store import Project


@pytest.fixture
def course(tmp_path) -> Path:
    path = tmp_path / "Sample.course"
    studio("sample", path)
    return path


def test_copy_makes_a_bundle_with_the_same_course_and_media(course, tmp_path):
    target = tmp_path / "elsewhere" / "Copy.course"
    done = studio("copy", course, target)
    assert done.stdout.startswith(f"Copied {course} to {target} (")
    assert outline(target) == outline(course)
    assert sorted(p.name for p in (target / "media").iterdir()) == sorted(
        p.name for p in (course / "media").iterdir())
    assert studio("history", target).stdout == studio("history", course).stdout


@pytest.mark.parametrize("where, words", [
    ("Sample.course", "already exists; choose a new name for the copy."),
    ("Sample.course/media/In.course", "cannot go inside the project it copies"),
])
def test_copy_refusals_are_one_line_and_exit_1(course, tmp_path, where, words):
    done = studio("copy", course, tmp_path / where, check=False)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr
    assert not (tmp_path / "Sample.course" / "media" / "In.course").exists()


def test_export_without_options_uses_the_publish_settings_and_says_so(course, tmp_path):
    out = tmp_path / "packages"
    out.mkdir()
    studio("set", course, "course", "format=scorm12", "sco_per_lesson=false",
           f"folder={out}", "title=Fire drill")
    with Project.open(course) as project:
        assert len(project.history.entries()) == 2  # the title is an edit, the rest is not
    done = studio("export", course, cwd=tmp_path)
    package = out / "Fire-drill-scorm12.zip"
    assert done.stdout.splitlines()[0] == (
        f"From the publish settings: format scorm12, the course as one unit, file {package}")
    names = zipfile.ZipFile(package).namelist()
    assert "imsmanifest.xml" in names
    manifest = zipfile.ZipFile(package).read("imsmanifest.xml").decode()
    assert manifest.count("adlcp:scormtype=\"sco\"") == 1  # one unit for the whole course


def test_options_given_win_over_the_publish_settings(course, tmp_path):
    studio("set", course, "course", "format=scorm12", "file_name=mine.zip")
    done = studio("export", course, "--format", "html", "--no-single-sco", cwd=tmp_path)
    assert done.stdout.splitlines()[0] == (
        "From the publish settings: file mine.zip")
    assert "index.html" in zipfile.ZipFile(tmp_path / "mine.zip").namelist()
    done = studio("export", course, "--format", "html", "-o", tmp_path / "o.zip")
    assert done.stdout.startswith(f"Wrote {tmp_path / 'o.zip'}")  # the defaults: no news
    studio("set", course, "course", "sco_per_lesson=false")
    done = studio("export", course, "--format", "scorm12", "-o", tmp_path / "p.zip")
    assert done.stdout.splitlines()[0] == "From the publish settings: the course as one unit"


def test_set_refuses_an_unknown_format_or_a_wrong_value_and_changes_nothing(course):
    for args in (("format=bogus",), ("sco_per_lesson=maybe", "title=New"),
                 ("colour=red",)):
        done = studio("set", course, "course", *args, check=False)
        assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, args
    assert "choose one of: cmi5, html" in studio("set", course, "course", "format=bogus",
                                                 check=False).stderr
    with Project.open(course) as project:
        assert project.course().title != "New"
        assert publish_settings(project).format == "scorm2004"

"""`studio lms list|show` print the profiles; `studio export --lms NAME` follows one, refuses
a format it cannot take in one line, and the publish settings remember the LMS."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cli_runner import run_main, studio

from studio.commands.publish import publish_settings
from studio.export.lms_profiles import available_profiles, load_profile
from studio.store import Project


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lms") / "Sample.course"
    studio("sample", path)
    return path


def test_lms_list_prints_every_profile_with_what_it_switches():
    done = run_main("lms", "list")
    assert done.returncode == 0
    blocks = done.stdout.strip().split("\n\n")
    assert [b.split(":")[0] for b in blocks] == available_profiles()
    assert len(blocks) == 15
    skillsoft = next(b for b in blocks if b.startswith("skillsoft:"))
    assert "  formats: scorm12" in skillsoft
    assert "  player.commit_min_interval_seconds=600" in skillsoft
    docebo = next(b for b in blocks if b.startswith("docebo:"))
    assert 'package.scorm2004_edition="3rd"' in docebo and "package.sequencing=false" in docebo
    assert "manifest_identifier" not in docebo  # as the default: not listed


def test_lms_list_json():
    listed = json.loads(run_main("lms", "list", "--json").stdout)
    assert [p["name"] for p in listed] == available_profiles()
    openedx = next(p for p in listed if p["name"] == "openedx")
    assert openedx["switches"] == {"lms.lesson_mode": ""}
    assert openedx["formats"] == ["scorm12", "scorm2004"]


def test_lms_show_prints_every_switch_with_its_value_and_source():
    done = run_main("lms", "show", "successfactors")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert '* package.manifest_identifier="meaningful15"' in lines
    assert "  player.commit_on_hide=true" in lines
    assert any("SAP KBA 2316909" in line for line in lines)
    shown = json.loads(run_main("lms", "show", "successfactors", "--json").stdout)
    profile = load_profile("successfactors")
    assert set(shown["switches"]) == set(profile.sources)
    assert all(s["source"] for s in shown["switches"].values())
    assert shown["switches"]["lms.identifier_visible_chars"] == {
        "value": 15, "source": profile.sources["lms.identifier_visible_chars"], "default": False}


def test_lms_show_refuses_an_unknown_name_in_one_line():
    done = run_main("lms", "show", "mudle")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Unknown LMS 'mudle'; choose one of: " in done.stderr


def test_export_for_an_lms_takes_its_best_format_and_its_switches(course, tmp_path):
    target = tmp_path / "docebo.zip"
    done = run_main("export", course, "--lms", "docebo", "--preset", "original", "-o", target)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "For Docebo: format scorm2004"
    manifest = zipfile.ZipFile(target).read("imsmanifest.xml").decode()
    assert "2004 3rd Edition" in manifest and "imsss" not in manifest
    assert run_main("validate", target).returncode == 0


def test_export_refuses_a_format_the_lms_cannot_take_in_one_line(course, tmp_path):
    target = tmp_path / "x.zip"
    done = run_main("export", course, "--lms", "docebo", "--format", "cmi5", "-o", target)
    assert done.returncode == 1
    assert done.stderr == "studio: Docebo takes scorm2004 or scorm12, not cmi5.\n"
    assert not target.exists()


def test_the_publish_settings_remember_the_lms(course, tmp_path):
    refused = run_main("set", course, "course", "lms=mudle")
    assert refused.returncode == 1 and "Unknown LMS 'mudle'" in refused.stderr
    assert run_main("set", course, "course", "lms=skillsoft").returncode == 0
    with Project.open(course) as project:
        assert publish_settings(project).lms == "skillsoft"
    target = tmp_path / "skillsoft.zip"
    done = run_main("export", course, "--preset", "original", "-o", target)
    assert done.returncode == 0, done.stderr
    assert "For Skillsoft Percipio / Skillport: format scorm12" in done.stdout
    assert "From the publish settings: LMS skillsoft" in done.stdout
    assert b'"commit_min_interval_seconds": 600' in zipfile.ZipFile(target).read(
        "course-data.js")
    plain = tmp_path / "plain.zip"
    assert run_main("export", course, "--lms", "", "--format", "scorm12", "--preset",
                    "original", "-o", plain).returncode == 0
    assert b'"lms"' not in zipfile.ZipFile(plain).read("course-data.js")
    run_main("set", course, "course", "lms=")

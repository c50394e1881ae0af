"""Tin Can, cmi5 and HTML5 exports: golden manifests, schema validity, IRIs and moveOn rules."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from studio import commands
from studio.export.exporter import export_course
from studio.export.formats import available_formats, get_format
from studio.export.package import ExportOptions
from studio.export.validate import validate_package
from studio.store import Project

CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
TINCAN = "{http://projecttincan.com/tincan.xsd}"
MANIFESTS = {"xapi": "tincan.xml", "cmi5": "cmi5.xml"}
ORIGINAL = "original"  # the sample's media are placeholders: package them as they are


def test_the_new_formats_register_with_their_player_adapters():
    assert {"xapi", "cmi5", "html"} <= set(available_formats())
    assert {name: get_format(name).tracking for name in ("xapi", "cmi5", "html")} == {
        "xapi": "xapi", "cmi5": "cmi5", "html": "local"}


@pytest.mark.parametrize(("fmt", "per_lesson"), [("xapi", True), ("cmi5", True),
                                                 ("cmi5", False)])
def test_manifest_matches_golden(sample, tmp_path, fmt, per_lesson, export_text, check_golden,
                                 normalised):
    options = ExportOptions(fmt, per_lesson, preset=ORIGINAL)
    text = export_text(sample, options, tmp_path, MANIFESTS[fmt])
    mode = "per-lesson" if per_lesson else "single"
    name = f"{fmt}-{mode}.{MANIFESTS[fmt]}" if fmt == "cmi5" else MANIFESTS[fmt]
    check_golden(name, normalised(text, sample.course()))


@pytest.mark.parametrize("fmt", ["xapi", "cmi5"])
@pytest.mark.parametrize("per_lesson", [True, False])
def test_exports_pass_the_validator_as_zip_and_folder(sample, tmp_path, fmt, per_lesson):
    target = tmp_path / f"{fmt}.zip"
    export_course(sample, ExportOptions(fmt, per_lesson, preset=ORIGINAL), target)
    report = validate_package(target)
    assert (report.kind, report.findings) == ({"xapi": "tincan"}.get(fmt, fmt), ())
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    assert validate_package(folder).ok
    assert validate_package(folder / MANIFESTS[fmt]).ok


def test_activity_iris_derive_from_the_course_identifier(sample, tmp_path, export_text):
    course = sample.course()
    uuid = course.identifier.removeprefix("urn:uuid:")
    options = ExportOptions("xapi", preset=ORIGINAL)
    root = etree.fromstring(export_text(sample, options, tmp_path, "tincan.xml").encode())
    ids = [a.get("id") for a in root.iter(f"{TINCAN}activity")]
    assert ids[0] == f"urn:course-studio:{uuid}"
    expected = ([f"module/{m.id}" for m in course.modules]
                + [f"lesson/{lesson.id}" for lesson in course.lessons()]
                + [f"item/{item.id}" for item in course.items()]
                + [f"interaction/{item.id}_{q.cue_id + '_' if q.cue_id else ''}{q.id}"
                   for item in course.items() for q in getattr(item, "questions", ())])
    assert sorted(ids[1:]) == sorted(f"{ids[0]}/{tail}" for tail in expected)
    launches = [e.text for e in root.iter(f"{TINCAN}launch")]
    assert launches == ["index.html"]
    # A second export of the same course names the same activities.
    options = ExportOptions("xapi", False, preset=ORIGINAL)
    again = etree.fromstring(export_text(sample, options, tmp_path, "tincan.xml").encode())
    assert [a.get("id") for a in again.iter(f"{TINCAN}activity")] == ids


@pytest.fixture
def aus_of(export_text):
    return lambda project, folder: _aus(export_text, project, folder)


def _aus(export_text, project: Project, folder: Path) -> dict[str, etree._Element]:
    folder.mkdir()
    root = etree.fromstring(
        export_text(project, ExportOptions("cmi5", preset=ORIGINAL), folder, "cmi5.xml").encode())
    return {au.find(f"{CMI5}title")[0].text: au for au in root.iter(f"{CMI5}au")}


def test_cmi5_move_on_and_mastery_follow_the_tracking_policy(sample, tmp_path, aus_of):
    aus = aus_of(sample, tmp_path / "a")
    assert {t: (au.get("moveOn"), au.get("masteryScore")) for t, au in aus.items()} == {
        "The alarm": ("Completed", None),
        "Check yourself": ("CompletedAndPassed", "0.8"),
        "Yearly drill": ("Completed", None),
    }
    assert aus["Check yourself"].find(f"{CMI5}url").text.startswith("index.html?unit=")

    commands.set_course(sample, completion="quizzes_passed")
    assert aus_of(sample, tmp_path / "b")["Check yourself"].get("moveOn") == "Passed"
    commands.set_course(sample, mastery_score=None)
    aus = aus_of(sample, tmp_path / "c")
    assert {au.get("moveOn") for au in aus.values()} == {"Completed"}
    assert all(au.get("masteryScore") is None for au in aus.values())


def test_cmi5_blocks_hold_the_lessons_of_each_module(sample, tmp_path, export_text):
    root = etree.fromstring(
        export_text(sample, ExportOptions("cmi5", preset=ORIGINAL), tmp_path, "cmi5.xml").encode())
    blocks = root.findall(f"{CMI5}block")
    titles = [[au.find(f"{CMI5}title")[0].text for au in b.findall(f"{CMI5}au")]
              for b in blocks]
    assert titles == [["The alarm", "Check yourself"], ["Yearly drill"]]


def test_html_export_is_the_player_with_local_tracking_and_no_manifest(sample, tmp_path):
    target = tmp_path / "site.zip"
    export_course(sample, ExportOptions("html", preset=ORIGINAL), target)
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        data = archive.read("course-data.js").decode()
    assert {"index.html", "course-data.js", "player/xapi.js", "player/cmi5.js"} <= names
    assert not names & {"imsmanifest.xml", "tincan.xml", "cmi5.xml"}
    assert '"tracking": "local"' in data or '"tracking":"local"' in data

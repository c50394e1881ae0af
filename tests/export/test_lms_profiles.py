"""LMS profiles: the shipped files load strictly, every switch has a source, and a package
made for an LMS shows each of its switches (manifest, schemas, COURSE_DATA.lms)."""

from __future__ import annotations

import json
import shutil
import tomllib
import zipfile
from dataclasses import fields
from pathlib import Path

import pytest
from lxml import etree

from studio import commands
from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.lms_profiles import (
    available_profiles,
    choose_format,
    load_profile,
    player_config,
    profiles_folder,
)
from studio.export.lms_switches import SECTIONS, LmsProfile, PlayerSwitches
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX
from studio.export.validate import validate_package
from studio.export.xml import manifest_identifier
from studio.model import Course
from studio.publish import PublishSettings

NAMES = ["blackboard", "brightspace", "canvas", "cornerstone", "docebo", "learnworlds",
         "moodle", "openedx", "scorm12", "scorm2004", "scormcloud", "skillsoft",
         "successfactors", "talentlms", "workday"]
SS = "{http://www.imsglobal.org/xsd/imsss}"
ADLSEQ = "{http://www.adlnet.org/xsd/adlseq_v1p3}"
KINDS = {"scorm12": "scorm12", "cmi5": "cmi5", "xapi": "tincan"}
PAIRS = [(name, fmt) for name in NAMES for fmt in load_profile(name).formats]


def test_every_named_profile_ships_and_loads():
    assert available_profiles() == NAMES
    for name in NAMES:
        profile = load_profile(name)
        assert isinstance(profile, LmsProfile) and profile.name == name
        assert profile.label and profile.version and profile.formats


def test_every_switch_of_every_profile_has_a_source():
    every = {f"{s}.{f.name}" for s, kind in SECTIONS.items() for f in fields(kind)}
    for name in NAMES:
        sources = load_profile(name).sources
        assert set(sources) == every, name
        assert all(text.strip() for text in sources.values()), name


def test_a_file_lists_only_the_switches_that_differ_from_the_defaults():
    for name in NAMES:
        data = tomllib.loads((profiles_folder() / f"{name}.toml").read_text("utf-8"))
        defaults = {section: kind() for section, kind in SECTIONS.items()}
        for section in SECTIONS:
            for switch, entry in data.get(section, {}).items():
                if (section, switch) == ("package", "formats"):
                    continue
                value = entry["value"]
                value = tuple(value) if isinstance(value, list) else value
                assert value != getattr(defaults[section], switch), f"{name} {section}.{switch}"


BROKEN = [
    ('version = "2026.11"', 'version = "2026.11"\ncolour = "red"', "colour"),
    ("[lms]", "[lms]\nbogus = { value = 1, source = \"x\" }", "lms.bogus"),
    ("suspend_data_limit = { value = 4096,", "suspend_data_limit = { value = \"4096\",",
     "lms.suspend_data_limit"),
    ("honours_sequencing = { value = false,", "honours_sequencing = { value = 0,",
     "lms.honours_sequencing"),
    (', source = "SCORM 1.2 RTE §3.4 cmi.suspend_data (CMIString4096)"', "",
     "lms.suspend_data_limit"),
    ('formats = { value = ["scorm12"]', 'formats = { value = ["scorm13"]', "package.formats"),
    ('name = "scorm12"', 'name = "other"', "name"),
    ("[lms]", "[player]\nstatus_pair = { value = \"passed\", source = \"x\" }\n[lms]",
     "player.status_pair"),
    ("[package]\nformats", "[package]\nlaunch = { value = \"iframe\", source = \"x\" }\nformat",
     "package.format"),
]


@pytest.mark.parametrize("old, new, key", BROKEN)
def test_a_broken_profile_is_refused_naming_the_file_and_key(tmp_path, old, new, key):
    text = (profiles_folder() / "scorm12.toml").read_text("utf-8")
    assert old in text
    (tmp_path / "scorm12.toml").write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ExportError) as refused:
        load_profile("scorm12", tmp_path)
    assert "scorm12.toml" in refused.value.message and key in refused.value.message


def test_a_profile_that_is_not_toml_is_refused_naming_the_file(tmp_path):
    (tmp_path / "moodle.toml").write_text("name = ", "utf-8")
    with pytest.raises(ExportError, match="moodle.toml cannot be read"):
        load_profile("moodle", tmp_path)


def test_an_unknown_profile_is_refused_naming_the_known_ones(tmp_path):
    shutil.copy(profiles_folder() / "moodle.toml", tmp_path)
    with pytest.raises(ExportError, match="Unknown LMS 'mudle'; choose one of: moodle."):
        load_profile("mudle", tmp_path)


def test_choose_format_takes_the_best_or_the_asked_or_says_what_the_lms_takes():
    docebo = load_profile("docebo")
    assert choose_format(docebo, None) == "scorm2004"
    assert choose_format(docebo, "scorm12") == "scorm12"
    with pytest.raises(ExportError) as refused:
        choose_format(docebo, "cmi5")
    assert refused.value.message == "Docebo takes scorm2004 or scorm12, not cmi5."
    assert choose_format(load_profile("skillsoft"), None) == "scorm12"
    assert choose_format(load_profile("workday"), None) == "scorm2004"
    assert load_profile("talentlms").formats == ("scorm12", "xapi", "cmi5")


def test_player_config_clips_limits_to_the_edition():
    generic = load_profile("scormcloud")
    assert player_config(generic, "scorm12")["player"]["response_limit"] == 255
    assert player_config(generic, "scorm12")["player"]["suspend_data_limit"] == 4096
    assert player_config(generic, "scorm2004")["player"]["suspend_data_limit"] == 64000
    assert player_config(load_profile("docebo"), "scorm2004")["player"][
        "suspend_data_limit"] == 4000  # 3rd Edition
    assert player_config(generic, "cmi5")["player"] == {
        f.name: getattr(generic.player, f.name) for f in fields(PlayerSwitches)}
    config = player_config(load_profile("skillsoft"), "scorm12")
    assert config["player"]["commit_min_interval_seconds"] == 600
    assert (config["name"], config["version"], config["launch"]) == (
        "skillsoft", "2026.11", "frameset")


@pytest.mark.parametrize("title, head", [
    ("Fire safety at work", "Fire_safety_at"),
    ("2024: Onboarding", "_2024_Onboardin"),
    ("Sécurité incendie", "Securite_incend"),
    ("日本語", "course"),
])
def test_a_meaningful_identifier_starts_with_the_title(title, head):
    course = Course(title=title, identifier="urn:uuid:1b2c3d4e-0000-4000-8000-000000000000")
    assert manifest_identifier(course, 15) == f"{head}_1b2c3d4e-0000-4000-8000-000000000000"
    assert manifest_identifier(course) == "course_1b2c3d4e-0000-4000-8000-000000000000"


def _export(sample, tmp_path: Path, fmt: str, lms: str | None, **more) -> Path:
    target = tmp_path / f"{lms}-{fmt}.zip"
    export_course(sample, ExportOptions(fmt, preset="original", lms=lms, **more), target)
    return target


def _course_data(package: Path) -> dict:
    text = zipfile.ZipFile(package).read("course-data.js").decode("utf-8")
    return json.loads(text.removeprefix(PREFIX).rstrip().rstrip(";"))


@pytest.mark.parametrize("name, fmt", PAIRS)
def test_a_package_for_an_lms_shows_its_switches_and_validates(sample, tmp_path, name, fmt):
    profile = load_profile(name)
    package = _export(sample, tmp_path, fmt, name)
    report = validate_package(package)
    assert report.ok, [f.message for f in report.errors]
    data = _course_data(package)
    assert data["lms"] == player_config(profile, fmt)
    assert set(data["lms"]["player"]) == {f.name for f in fields(PlayerSwitches)}
    assert (data["lms"]["name"], data["lms"]["version"]) == (name, profile.version)
    if fmt not in ("scorm12", "scorm2004"):
        assert report.kind == KINDS[fmt]
        return
    switches = profile.package
    root = etree.fromstring(zipfile.ZipFile(package).read("imsmanifest.xml"))
    course = sample.course()
    expected_id = manifest_identifier(course, switches.identifier_title_chars)
    assert root.get("identifier") == expected_id
    if switches.manifest_identifier == "meaningful15":
        assert expected_id.startswith("Fire_safety_bas_")
    else:
        assert expected_id == manifest_identifier(course)
    if fmt == "scorm12":
        assert report.kind == "scorm12"
        assert (b"masteryscore" in zipfile.ZipFile(package).read("imsmanifest.xml")) == (
            switches.mastery_in_manifest)
        return
    assert report.kind == f"scorm2004-{switches.scorm2004_edition}"
    assert root.findtext("{*}metadata/{*}schemaversion") == (
        f"2004 {switches.scorm2004_edition} Edition")
    sequencing = root.findall(f".//{SS}sequencing")
    assert bool(sequencing) == switches.sequencing
    measures = root.findall(f".//{SS}minNormalizedMeasure")
    assert bool(measures) == (switches.sequencing and switches.mastery_in_manifest)


def test_docebo_gets_a_3rd_edition_package_without_sequencing(sample, tmp_path):
    package = _export(sample, tmp_path, "scorm2004", "docebo")
    manifest = zipfile.ZipFile(package).read("imsmanifest.xml").decode()
    assert "<schemaversion>2004 3rd Edition</schemaversion>" in manifest
    assert "imsss" not in manifest and "adlseq" not in manifest
    names = zipfile.ZipFile(package).namelist()
    assert "ims_xml.xsd" in names  # the 3rd Edition's schema copies


def test_a_3rd_edition_completion_threshold_is_valid(sample, tmp_path):
    commands.set_course(sample, completion="percent_viewed", completion_threshold=0.75)
    package = _export(sample, tmp_path, "scorm2004", "docebo", sco_per_lesson=False)
    report = validate_package(package)
    assert report.ok and report.kind == "scorm2004-3rd", [f.message for f in report.errors]
    manifest = zipfile.ZipFile(package).read("imsmanifest.xml").decode()
    assert "<adlcp:completionThreshold>0.75</adlcp:completionThreshold>" in manifest


def test_a_package_without_a_profile_has_no_lms_block(sample, tmp_path):
    assert "lms" not in _course_data(_export(sample, tmp_path, "scorm12", None))


def test_the_exporter_refuses_a_format_the_lms_cannot_take(sample, tmp_path):
    with pytest.raises(ExportError, match="^Docebo takes scorm2004 or scorm12, not cmi5.$"):
        _export(sample, tmp_path, "cmi5", "docebo")
    assert list(tmp_path.glob("*.zip")) == []


def test_options_read_the_lms_of_the_publish_settings():
    assert ExportOptions.published(PublishSettings(lms="moodle")).lms == "moodle"
    assert ExportOptions.published(PublishSettings()).lms is None
    assert ExportOptions().lms is None


@pytest.mark.parametrize("edition", ["3rd", "4th"])
@pytest.mark.parametrize("sequencing", [True, False])
@pytest.mark.parametrize("mastery", ["manifest", "content"])
@pytest.mark.parametrize("per_lesson", [True, False])
def test_every_mix_of_package_switches_gives_a_valid_2004_manifest(
        sample, tmp_path, monkeypatch, edition, sequencing, mastery, per_lesson):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "mix.toml").write_text(f'''name = "mix"
label = "Mix"
version = "1"
[package]
formats = {{ value = ["scorm2004"], source = "test" }}
scorm2004_edition = {{ value = "{edition}", source = "test" }}
sequencing = {{ value = {str(sequencing).lower()}, source = "test" }}
mastery_score = {{ value = "{mastery}", source = "test" }}
manifest_identifier = {{ value = "meaningful15", source = "test" }}
''', "utf-8")
    monkeypatch.setattr("studio.export.lms_profiles.profiles_folder", lambda: folder)
    if not per_lesson:
        commands.set_course(sample, completion="percent_viewed", completion_threshold=0.5)
    package = _export(sample, tmp_path, "scorm2004", "mix", sco_per_lesson=per_lesson)
    report = validate_package(package)
    assert report.ok, [f.message for f in report.errors]
    assert report.kind == f"scorm2004-{edition}"
    manifest = zipfile.ZipFile(package).read("imsmanifest.xml").decode()
    assert ("minNormalizedMeasure" in manifest) == (sequencing and mastery == "manifest")
    assert ("imsss:sequencing" in manifest) == sequencing
    assert 'identifier="Fire_safety_bas_' in manifest

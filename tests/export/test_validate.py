"""The package validator against real third-party packages, and against copies of them we break."""

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from studio.errors import Cancelled
from studio.export.validate import Report, validate_package
from studio.jobs import CancelToken
from studio.resources import resources_dir

# inside the conformance kit's samples/ folder (the `samples` fixture)
CMI5_ZIP = Path("cmi5-catapult-multi-au-framed") / "multi_au_framed.zip"
CTS = Path("scorm2004-4th-adl-cts")
CTS_SHARED_FILES = {
    "common/lmsrtefunctions.js",
    "common/LMSTest.jar",
    "common/About.js",
    "common/EmulationCode.js",
    "common/BrowserDetect.js",
    "includes/LMSTestContentPackages_style.css",
}

COMPLETE_SAMPLES = {
    "scorm12-golf-runtime-basic-calls": "scorm12",
    "scorm2004-3rd-golf-metadata": "scorm2004-3rd",
    "scorm2004-3rd-golf-simple-remediation": "scorm2004-3rd",
    "scorm2004-4th-golf-posttest-rollup": "scorm2004-4th",
    "tincan-golf-example": "tincan",
}


def errors(report: Report) -> list:
    return [f for f in report.findings if f.severity == "error"]


@pytest.fixture
def samples(conformance: Path) -> Path:
    return conformance / "samples"


def copy_sample(samples: Path, name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(samples / name, tmp_path / name))


def zip_folder(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(file, file.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def edit_manifest(folder: Path, old: str, new: str, name: str = "imsmanifest.xml") -> None:
    manifest = folder / name
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- real packages pass ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COMPLETE_SAMPLES))
def test_complete_sample_folders_are_valid(name, samples):
    report = validate_package(samples / name)
    assert report.kind == COMPLETE_SAMPLES[name]
    assert report.ok, errors(report)


@pytest.mark.parametrize("name", sorted(COMPLETE_SAMPLES))
def test_complete_samples_are_valid_when_zipped(name, tmp_path, samples):
    report = validate_package(zip_folder(samples / name, tmp_path / f"{name}.zip"))
    assert (report.kind, report.ok) == (COMPLETE_SAMPLES[name], True), errors(report)


def test_cmi5_course_zip_is_valid(samples):
    report = validate_package(samples / CMI5_ZIP)
    assert report.kind == "cmi5"
    assert report.findings == ()


@pytest.mark.parametrize("name", ["simple-cmi5.xml", "complex-cmi5.xml", "extended-cmi5.xml"])
def test_cmi5_spec_examples_are_valid_as_bare_course_structures(name, samples):
    report = validate_package(samples / "cmi5-aicc-spec-examples" / name)
    assert report.kind == "cmi5"
    assert report.ok, errors(report)


def test_files_no_resource_lists_are_warnings_not_errors(tmp_path, samples):
    package = copy_sample(samples, "scorm12-golf-runtime-basic-calls", tmp_path)
    (package / "notes.txt").write_text("left behind")
    report = validate_package(package)
    assert report.ok
    assert [(f.severity, f.where) for f in report.findings] == [("warning", "notes.txt")]


# ---- incomplete packages: each missing file is named ------------------------------------


@pytest.mark.parametrize("name", ["CO-01", "DDMa", "DDMb", "OB-03b"])
def test_manifest_only_conformance_packages_report_every_missing_file(name, samples):
    report = validate_package(samples / CTS / f"LMSTestPackage_{name}")
    assert report.kind == "scorm2004-4th"
    assert not report.ok
    missing = {f.message.split("'")[1] for f in errors(report)}
    assert missing == CTS_SHARED_FILES | {"resources/SequencingTest.htm"}
    assert all("is missing from the package" in f.message for f in errors(report))


def test_xml_base_locates_files_of_the_data_model_package(samples):
    # Its SCO files exist under resources/ (named through xml:base); its shared files do not.
    report = validate_package(samples / CTS / "LMSTestPackage_DMB")
    missing = {f.message.split("'")[1] for f in errors(report)}
    assert missing == CTS_SHARED_FILES


def test_a_single_manifest_file_checks_that_document_and_its_neighbours(tmp_path, samples):
    report = validate_package(samples / CTS / "LMSTestPackage_OB-03b" / "imsmanifest.xml")
    assert report.kind == "scorm2004-4th"
    assert "resources/SequencingTest.htm" in {f.message.split("'")[1] for f in errors(report)}
    # Only the manifest is checked: files beside it are not reported as unlisted.
    package = copy_sample(samples, "scorm12-golf-runtime-basic-calls", tmp_path)
    (package / "notes.txt").write_text("left behind")
    assert validate_package(package / "imsmanifest.xml").findings == ()


# ---- broken manifests ---------------------------------------------------------------------


def test_unknown_element_is_an_error_with_its_element_path(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-4th-golf-posttest-rollup", tmp_path)
    edit_manifest(package, "<resources>", "<resources><surprise/>")
    [error] = errors(validate_package(package))
    assert error.where == "/manifest/resources/surprise"
    assert "not allowed here" in error.message and "line" in error.message


def test_bad_attribute_value_is_an_error_on_that_attribute(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-4th-golf-posttest-rollup", tmp_path)
    edit_manifest(package, 'adlcp:scormType="sco"', 'adlcp:scormType="lesson"')
    [error] = errors(validate_package(package))
    assert error.where.startswith("/manifest/resources/resource")
    assert error.where.endswith("@adlcp:scormType")
    assert "'lesson'" in error.message and "sco" in error.message


def test_sequencing_is_checked_against_its_own_schema(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-3rd-golf-simple-remediation", tmp_path)
    edit_manifest(package, "<imsss:controlMode ", '<imsss:controlMode sideways="true" ')
    [error] = errors(validate_package(package))
    assert "imsss:controlMode@sideways" in error.where


def test_scorm12_inline_metadata_is_checked_against_ims_metadata(tmp_path, samples):
    package = copy_sample(samples, "scorm12-golf-runtime-basic-calls", tmp_path)
    lom = (
        "<schemaversion>1.2</schemaversion><imsmd:lom xmlns:imsmd="
        '"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><imsmd:general>{}</imsmd:general>'
        "</imsmd:lom>"
    )
    title = '<imsmd:title><imsmd:langstring xml:lang="en">Golf</imsmd:langstring></imsmd:title>'
    edit_manifest(package, "<schemaversion>1.2</schemaversion>", lom.format(title))
    assert validate_package(package).findings == ()
    edit_manifest(package, title, "<imsmd:nonsense/>")
    [error] = errors(validate_package(package))
    assert error.where == "/manifest/metadata/imsmd:lom/imsmd:general/imsmd:nonsense"


def test_external_lom_metadata_is_checked(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-3rd-golf-metadata", tmp_path)
    edit_manifest(package, "<general>", "<general><colour/>", name="metadata_course.xml")
    [error] = errors(validate_package(package))
    assert error.where.startswith("metadata_course.xml:/lom/general")


def test_unrecognised_scorm2004_edition_is_checked_as_4th_with_a_warning(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-4th-golf-posttest-rollup", tmp_path)
    edit_manifest(package, ">2004 4th Edition<", ">CAM 1.3<")
    report = validate_package(package / "imsmanifest.xml")
    assert report.kind == "scorm2004-4th" and report.ok
    [warning] = report.warnings
    assert warning.where == "/manifest/metadata/schemaversion" and "'CAM 1.3'" in warning.message


def test_not_well_formed_manifest_reports_line_and_column(tmp_path, samples):
    package = copy_sample(samples, "tincan-golf-example", tmp_path)
    edit_manifest(package, "</activities>", "</activitie>", name="tincan.xml")
    [error] = errors(validate_package(package))
    assert error.where == "tincan.xml"
    assert "not well-formed" in error.message and "line 9, column" in error.message


def test_missing_listed_file_is_named(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-3rd-golf-simple-remediation", tmp_path)
    (package / "Playing" / "par.jpg").unlink()
    [error] = errors(validate_package(package))
    assert error.where.endswith("@href")
    assert "'Playing/par.jpg' is missing" in error.message


def test_duplicate_identifier_is_an_error(tmp_path, samples):
    package = copy_sample(samples, "scorm2004-4th-golf-posttest-rollup", tmp_path)
    edit_manifest(package, 'identifier="etuqiette_item"', 'identifier="playing_item"')
    report = validate_package(package)
    assert any("'playing_item' is used twice" in f.message for f in errors(report))


def test_item_pointing_to_no_resource_is_an_error(tmp_path, samples):
    package = copy_sample(samples, "scorm12-golf-runtime-basic-calls", tmp_path)
    edit_manifest(package, 'identifierref="resource_1"', 'identifierref="resource_9"')
    [error] = errors(validate_package(package))
    assert error.where == "/manifest/organizations/organization/item@identifierref"
    assert "'resource_9', which does not exist" in error.message


def test_missing_launch_files_of_cmi5_and_tincan_are_errors(tmp_path, samples):
    package = copy_sample(samples, "tincan-golf-example", tmp_path)
    (package / "index.html").unlink()
    [error] = errors(validate_package(package))
    assert "launch file 'index.html' is missing" in error.message
    broken = tmp_path / "cmi5.zip"
    with zipfile.ZipFile(samples / CMI5_ZIP) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "index.html":
                target.writestr(info, source.read(info))
    found = errors(validate_package(broken))
    assert found and all("'index.html' is missing" in f.message for f in found)


# ---- broken containers ---------------------------------------------------------------------


@pytest.mark.parametrize("evil", ["../evil.txt", "/etc/evil.txt", "shared\\evil.txt"])
def test_member_paths_that_escape_the_package_are_errors(tmp_path, evil, samples):
    folder = samples / "scorm12-golf-runtime-basic-calls"
    report = validate_package(zip_folder(folder, tmp_path / "p.zip", {evil: b"gotcha"}))
    [error] = errors(report)
    assert error.where == evil


def test_not_a_zip(tmp_path):
    fake = tmp_path / "course.zip"
    fake.write_text("<html>a download page, not a package</html>")
    report = validate_package(fake)
    assert (report.kind, report.ok) == ("unknown", False)
    assert "is not a zip file" in report.findings[0].message


def test_truncated_zip(tmp_path, samples):
    whole = zip_folder(samples / "tincan-golf-example", tmp_path / "whole.zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    [error] = errors(validate_package(cut))
    assert "damaged or incomplete" in error.message


def test_corrupted_member_is_reported(tmp_path, samples):
    whole = zip_folder(samples / "tincan-golf-example", tmp_path / "whole.zip")
    data = bytearray(whole.read_bytes())
    with zipfile.ZipFile(whole) as archive:
        info = archive.getinfo("index.html")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10] ^= 0xFF
    whole.write_bytes(bytes(data))
    report = validate_package(whole)
    assert [f.where for f in errors(report)] == ["index.html"]


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", b"<manifest/>")
        archive.writestr("video.mp4", bytes(64 * 1024 * 1024))
    [error] = errors(validate_package(bomb))
    assert error.where == "video.mp4" and "zip bomb" in error.message


def test_missing_manifest(tmp_path, samples):
    package = copy_sample(samples, "scorm12-golf-runtime-basic-calls", tmp_path)
    (package / "imsmanifest.xml").unlink()
    report = validate_package(package)
    assert report.kind == "unknown"
    assert "has no imsmanifest.xml" in errors(report)[0].message


def test_manifest_inside_a_wrapping_folder_is_explained(tmp_path, samples):
    wrapped = tmp_path / "wrapped.zip"
    with zipfile.ZipFile(wrapped, "w") as archive:
        folder = samples / "tincan-golf-example"
        for file in (p for p in folder.rglob("*") if p.is_file()):
            archive.write(file, "golf/" + file.relative_to(folder).as_posix())
    [error] = errors(validate_package(wrapped))
    assert error.where == "golf/tincan.xml" and "top level" in error.message


def test_a_path_that_does_not_exist(tmp_path):
    report = validate_package(tmp_path / "nowhere.zip")
    assert not report.ok and "does not exist" in report.findings[0].message


# ---- jobs idiom, shipped schemas -----------------------------------------------------------


def test_cancelled_validation_stops(samples):
    token = CancelToken()

    def cancel_on_first_report(fraction, message=""):
        token.cancel()

    with pytest.raises(Cancelled):
        validate_package(samples / CMI5_ZIP, progress=cancel_on_first_report, token=token)


def test_progress_reaches_the_end(samples):
    seen = []
    validate_package(samples / CMI5_ZIP,
                     progress=lambda fraction, message="": seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_shipped_schemas_match_their_checksums():
    schemas = resources_dir() / "schemas"
    lines = (schemas / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 82
    for line in lines:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((schemas / name).read_bytes()).hexdigest() == digest, name


def test_shipped_schemas_are_the_official_files(conformance):
    schemas = resources_dir() / "schemas"
    for official in (conformance / "xsd").rglob("*.xsd"):
        shipped = schemas / "xsd" / official.relative_to(conformance / "xsd")
        assert shipped.read_bytes() == official.read_bytes(), shipped

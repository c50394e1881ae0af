"""What the twin reads from a package: format, edition, units, sequencing, the profile it was
exported for and the course's tracking policy."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from studio.errors import NotFoundError, PackageInvalidError
from studio.export.exporter import export_course
from studio.export.lms_profiles import choose_format, load_profile
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.store import Project
from studio.twin.package_facts import read_facts


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("facts")
    build_sample(folder / "Sample.course").close()
    out = {}
    with Project.open(folder / "Sample.course") as project:
        for lms in ("scorm12", "docebo", "successfactors"):
            options = ExportOptions(format=choose_format(load_profile(lms), None), lms=lms,
                                    preset="original")
            out[lms] = export_course(project, options, folder / f"{lms}.zip").target
        out["plain"] = export_course(project, ExportOptions(format="cmi5", preset="original"),
                                     folder / "plain.zip").target
    return out


def test_a_scorm12_package(packages):
    facts = read_facts(packages["scorm12"])
    assert (facts.kind, facts.standard, facts.edition, facts.sequencing) == (
        "scorm12", "scorm12", None, False)
    assert [u.title for u in facts.units] == ["Welcome", "Building blocks", "Final quiz"]
    assert facts.units[2].mastery_score == 70 and facts.units[0].mastery_score is None
    assert [u.scored for u in facts.units] == [False, False, True]
    assert facts.profile.name == "scorm12" and facts.profile.version
    assert facts.tracking.mastery_score == 70 and facts.tracking.pass_fail
    assert len(facts.tracking.scored_quizzes) == 1 and facts.tracking.items == 6
    assert "imsmanifest.xml" in facts.files and "course-data.js" in facts.files


def test_docebo_and_successfactors_packages(packages):
    docebo = read_facts(packages["docebo"])
    assert (docebo.standard, docebo.edition, docebo.sequencing) == ("scorm2004", "3rd", False)
    successfactors = read_facts(packages["successfactors"])
    assert successfactors.identifier.startswith("Course_Studio_T")


def test_a_cmi5_package_without_a_profile(packages):
    facts = read_facts(packages["plain"])
    assert (facts.standard, facts.profile) == ("cmi5", None)
    assert [u.title for u in facts.units] == ["Welcome", "Building blocks", "Final quiz"]


def test_what_is_not_a_package(tmp_path):
    with pytest.raises(NotFoundError):
        read_facts(tmp_path / "missing.zip")
    (tmp_path / "notes.zip").write_text("text")
    with pytest.raises(PackageInvalidError, match="not a package"):
        read_facts(tmp_path / "notes.zip")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("index.html", "<p>")
    with pytest.raises(PackageInvalidError, match="no imsmanifest.xml"):
        read_facts(tmp_path / "empty.zip")
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest")
    with pytest.raises(PackageInvalidError, match="not well-formed"):
        read_facts(tmp_path / "bad.zip")

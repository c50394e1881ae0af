"""The validator on hostile and unfamiliar packages, built here so that nothing outside the
project is needed: entities, zip bombs, and the studio's own HTML5 sites."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cli_runner import studio

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.validate import validate_package
from studio.store import Project
from tests.zip_bombs import PEAK_MEMORY, MiB, write_zip

TINCAN = ('<?xml version="1.0" encoding="utf-8"?>\n'
          '<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>'
          '<activity id="https://example.com/course" '
          'type="http://adlnet.gov/expapi/activities/course"><name>Course</name>'
          '<description>A course</description>'
          '<launch lang="en">index.html</launch></activity></activities></tincan>')
SCORM12 = """<?xml version="1.0"?>
<!DOCTYPE manifest [<!ENTITY secret SYSTEM "file://{secret}">]>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>&secret;</title>
    <item identifier="i" identifierref="r"><title>Lesson &secret;</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco"
      href="index.html"><file href="index.html"/></resource></resources>
</manifest>
"""
MEASURE = PEAK_MEMORY + """
from pathlib import Path
from studio.export.validate import validate_package
start = time.monotonic()
report = validate_package(Path(sys.argv[1]))
print(report.ok, time.monotonic() - start,
      peak())
print(report.errors[0].message if report.errors else "")
"""


def test_an_external_entity_is_one_finding_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-words")
    package = tmp_path / "package"
    package.mkdir()
    (package / "imsmanifest.xml").write_text(SCORM12.format(secret=secret))
    (package / "index.html").write_text("<!doctype html><title>x</title>")
    report = validate_package(package)
    assert report.kind == "scorm12" and not report.ok
    [error] = report.errors
    assert error.where == "imsmanifest.xml"
    assert error.message.startswith("uses an external entity (&secret;), which is not allowed")
    done = studio("validate", package, check=False, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "the-secret-words" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        f"studio: {package} is not a valid SCORM 1.2 package."]


@pytest.mark.parametrize("size", [MiB, MiB - 1])  # per member, and spread under its limit
def test_a_package_of_many_small_members_is_refused_quickly_in_little_memory(tmp_path, size):
    members = [("tincan.xml", TINCAN.encode()), ("index.html", b"<html></html>")]
    assert validate_package(write_zip(tmp_path / "fine.zip", members)).findings == ()
    bomb = write_zip(tmp_path / "bomb.zip", members, filler=1500, filler_size=size)
    assert bomb.stat().st_size < 2 * MiB  # 1.46 GiB unpacked
    done = subprocess.run([sys.executable, "-c", MEASURE, str(bomb)], capture_output=True,
                          text=True, timeout=300, check=True)
    verdict, seconds, peak = done.stdout.splitlines()[0].split()
    assert verdict == "False" and "only zip bombs do" in done.stdout
    assert float(seconds) < 20
    assert int(peak) < 200 * MiB, f"peak memory {int(peak) / MiB:.0f} MiB"


@pytest.fixture
def html_site(tmp_path) -> Path:
    with Project.create(tmp_path / "Site.course", "Site") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        commands.add_page(project, lesson, "Welcome", "Hello <b>there</b>")
        target = tmp_path / "site.zip"
        export_course(project, ExportOptions("html"), target)
    return target


def _rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return target


def test_the_studios_html5_export_is_an_html5_site(html_site, tmp_path):
    report = validate_package(html_site)
    assert (report.kind, report.findings) == ("html5", ())
    assert report.description.startswith("HTML5 site")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(html_site) as archive:
        archive.extractall(folder)
    assert (validate_package(folder).kind, validate_package(folder).findings) == ("html5", ())
    done = studio("validate", html_site, check=False, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr
    assert done.stdout.strip() == (f"{html_site}: valid HTML5 site (index.html, "
                                   "course-data.js and the player files)")


def test_what_an_html5_site_lacks_is_named(html_site, tmp_path):
    no_player = _rewrite(html_site, tmp_path / "a.zip",
                         lambda name, data: None if name == "player/app.js" else data)
    [error] = validate_package(no_player).errors
    assert error.where == 'index.html: <script src="player/app.js">'
    assert "'player/app.js' is missing" in error.message
    bad_data = _rewrite(html_site, tmp_path / "b.zip", lambda name, data: (
        data[:-40] if name == "course-data.js" else data))
    [error] = validate_package(bad_data).errors
    assert error.where == "course-data.js" and "does not parse" in error.message
    not_utf8 = _rewrite(html_site, tmp_path / "c.zip", lambda name, data: (
        data + b"\xff\xfe" if name == "index.html" else data))
    [error] = validate_package(not_utf8).errors
    assert error.where == "index.html" and "not UTF-8" in error.message
    no_page = _rewrite(html_site, tmp_path / "d.zip",
                       lambda name, data: None if name == "index.html" else data)
    report = validate_package(no_page)
    assert report.kind == "unknown" and "has no imsmanifest.xml" in report.errors[0].message

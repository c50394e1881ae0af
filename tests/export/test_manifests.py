"""SCORM manifests: golden files, sequencing rules, and schema validity for generated courses.

Golden files hold ids replaced by names derived from the course's order (M1, L1, I1, Q1,
C1), so they compare real exports of a freshly built course. Set STUDIO_UPDATE_GOLDEN=1 to
rewrite them after an intended change, and review the diff.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from studio import commands
from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX
from studio.export.schemas import safe_parser, schema_problems
from studio.export.validate import validate_package
from studio.export.xml import manifest_title
from studio.store import Project
from studio.text import clean_text

GOLDEN = Path(__file__).parents[1] / "golden"
SS = "{http://www.imsglobal.org/xsd/imsss}"
ADLCP_2004 = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
ADLCP_12 = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
SCHEMA_OF = {"scorm12": "scorm12", "scorm2004": "scorm2004-4th"}

ORIGINAL = "original"  # copy the media as imported: these tests use fake videos


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
@pytest.mark.parametrize("per_lesson", [True, False])
def test_manifest_matches_golden(sample, tmp_path, fmt, per_lesson, export_text, check_golden,
                                 normalised):
    if not per_lesson:
        commands.set_course(sample, completion="percent_viewed", completion_threshold=0.75)
    options = ExportOptions(fmt, per_lesson, preset=ORIGINAL)
    text = export_text(sample, options, tmp_path, "imsmanifest.xml")
    mode = "per-lesson" if per_lesson else "single"
    check_golden(f"{fmt}-{mode}.imsmanifest.xml", normalised(text, sample.course()))


def test_course_data_matches_golden(sample, tmp_path, export_text, check_golden, normalised):
    options = ExportOptions("scorm12", preset=ORIGINAL)
    text = export_text(sample, options, tmp_path, "course-data.js")
    check_golden("course-data.js", normalised(text, sample.course()))


@pytest.fixture
def manifest_of(export_text):
    def read(project: Project, options: ExportOptions, folder: Path) -> etree._Element:
        return etree.fromstring(export_text(project, options, folder, "imsmanifest.xml").encode())
    return read


def test_scorm2004_sequencing_follows_the_tracking_policy(sample, tmp_path, manifest_of):
    root = manifest_of(sample, ExportOptions("scorm2004", preset=ORIGINAL), tmp_path)
    lessons = {les.title: les.id for les in sample.course().lessons()}
    modules = {m.title: m.id for m in sample.course().modules}

    def item(identifier: str) -> etree._Element:
        return root.xpath("//*[@identifier=$i]", i=identifier)[0]

    scored = item(f"item_{lessons['Check yourself']}")
    primary = scored.find(f"{SS}sequencing/{SS}objectives/{SS}primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext(f"{SS}minNormalizedMeasure") == "0.8"
    for title in ("The alarm", "Yearly drill"):
        rules = item(f"item_{lessons[title]}").find(f"{SS}sequencing/{SS}rollupRules")
        assert rules.get("rollupObjectiveSatisfied") == "false"
    assert item(modules["Drills"]).find(f"{SS}sequencing/{SS}rollupRules") is not None
    assert item(modules["Basics"]).find(f"{SS}sequencing/{SS}rollupRules") is None
    organization = root.find(".//{*}organization")
    mode = organization.find(f"{SS}sequencing/{SS}controlMode")
    assert (mode.get("choice"), mode.get("flow")) == ("true", "true")
    assert not root.findall(f".//{ADLCP_2004}completionThreshold")

    commands.set_course(sample, mastery_score=None, completion="percent_viewed",
                        completion_threshold=0.5)
    root = manifest_of(sample, ExportOptions("scorm2004", preset=ORIGINAL), tmp_path)
    assert not root.xpath("//*[@satisfiedByMeasure]")
    thresholds = root.findall(f".//{ADLCP_2004}completionThreshold")
    assert len(thresholds) == 3
    assert {(t.get("completedByMeasure"), t.get("minProgressMeasure")) for t in thresholds} == {
        ("true", "0.5")}


def test_scorm12_mastery_score_only_where_a_quiz_scores(sample, tmp_path, manifest_of):
    root = manifest_of(sample, ExportOptions("scorm12", preset=ORIGINAL), tmp_path)
    scores = root.findall(f".//{ADLCP_12}masteryscore")
    assert [s.getparent().findtext("{*}title") for s in scores] == ["Check yourself"]
    assert scores[0].text == "80"
    commands.set_course(sample, mastery_score=None)
    assert not manifest_of(sample, ExportOptions("scorm12", preset=ORIGINAL), tmp_path).findall(
        f".//{ADLCP_12}masteryscore")


# ---- generated courses -------------------------------------------------------------------
NASTY = ["<script>alert('x')</script>", "Tom & Jerry", 'say "hi"', "it's", "]]>", "a\x00b\x1fc",
         "\u2028line\u2029", "🔥 émoji", "x" * 300]
# a title that is only control characters and spaces is refused (it cleans to nothing)
titles = st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=40)).filter(
    lambda t: clean_text(t).split())
kinds = st.sampled_from(["page", "quiz", "slide", "video"])
shapes = st.lists(st.lists(st.lists(st.tuples(kinds, titles), max_size=3), max_size=3),
                  min_size=1, max_size=3)


def build_generated(root: Path, course_title: str, shape, mastery) -> Project:
    project = Project.create(root / "Generated.course", course_title)
    commands.set_course(project, mastery_score=mastery)
    source = root / "clip.mp4"
    source.write_bytes(b"\x00clip" * 100)
    sha, filename = project.store_media(source)
    video = commands.add_asset(project, sha, filename, "clip.mp4", "video", 500, duration=9.0)
    for m, lessons in enumerate(shape):
        module = commands.add_module(project, f"{course_title} {m}")
        for lesson_items in lessons:
            lesson = commands.add_lesson(project, module, lesson_items[0][1]
                                         if lesson_items else course_title)
            for kind, title in lesson_items:
                if kind == "page":
                    commands.add_page(project, lesson, title, f"# {title}\n- {title}")
                elif kind == "slide":
                    commands.add_slide(project, lesson, title, text=title)
                elif kind == "video":
                    clip = commands.add_video(project, lesson, video, title)
                    cue = commands.add_cue(project, clip, 1.0, title)
                    commands.add_question(project, clip, "truefalse", title, cue_id=cue,
                                          data={"answer": True})
                else:
                    quiz = commands.add_quiz(project, lesson, title)
                    commands.add_question(project, quiz, "choice", title, data={"choices": [
                        {"id": "a", "text": title, "correct": True},
                        {"id": "b", "text": title + " (not this one)", "correct": False}]})
    return project


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course_title=titles, shape=shapes, mastery=st.one_of(st.none(), st.floats(0, 100)),
       per_lesson=st.booleans())
def test_generated_courses_export_valid_manifests(course_title, shape, mastery, per_lesson):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with build_generated(root, course_title, shape, mastery) as project:
            course = project.course()
            for fmt in ("scorm12", "scorm2004"):
                target = root / f"{fmt}.zip"
                options = ExportOptions(fmt, per_lesson, preset=ORIGINAL)
                if not course.lessons():
                    with pytest.raises(ExportError, match="no lessons"):
                        export_course(project, options, target)
                    continue
                export_course(project, options, target)
                report = validate_package(target)
                assert report.ok and not report.warnings, report.findings
                with zipfile.ZipFile(target) as archive:
                    manifest = etree.fromstring(archive.read("imsmanifest.xml"), safe_parser())
                    data_text = archive.read("course-data.js").decode("utf-8")
                assert schema_problems(SCHEMA_OF[fmt], etree.ElementTree(manifest)) == []
                org_title = manifest.find(".//{*}organization/{*}title").text
                assert org_title == manifest_title(course.title)
                assert "<script>" not in etree.tostring(manifest, encoding="unicode")
                data = json.loads(data_text[len(PREFIX):-2])
                assert data["course"]["title"] == course.title
                assert [les["title"] for m in data["modules"] for les in m["lessons"]] == [
                    lesson.title for lesson in course.lessons()]
                assert [i["title"] for m in data["modules"] for les in m["lessons"]
                        for i in les["items"]] == [item.title for item in course.items()]

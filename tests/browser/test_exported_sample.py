"""The real exporter's packages of the sample course, run in a real LMS run-time in Chromium.

Each SCO is launched the way an LMS does it: the manifest's resource href plus the item's
parameters (SCORM 1.2 and 2004 alike), with the course data the exporter wrote.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from player_learner import ScriptedLearner

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import build_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "Sample.course"
    build_sample(path).close()
    return path


def exported(sample: Path, folder: Path, fmt: str, per_lesson: bool) -> Path:
    from studio.store import Project

    target = folder / f"{fmt}.zip"
    with Project.open(sample) as project:
        export_course(project, ExportOptions(format=fmt, sco_per_lesson=per_lesson), target)
    unpacked = folder / fmt
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    return unpacked


def course_data(package: Path) -> dict:
    text = (package / "course-data.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def sco_launches(package: Path) -> list[tuple[str, str]]:
    """(item title, launch URL) of every SCO in organization order, as an LMS reads them."""
    manifest = etree.parse(str(package / "imsmanifest.xml"))
    root = manifest.getroot()
    ns = {"cp": root.nsmap[None]}
    hrefs = {r.get("identifier"): r.get("href") for r in root.iterfind(".//cp:resource", ns)}
    launches = []
    for item in root.iterfind(".//cp:item[@identifierref]", ns):
        title = item.findtext("cp:title", namespaces=ns)
        launches.append((title, hrefs[item.get("identifierref")] + (item.get("parameters") or "")))
    return launches


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_every_sco_of_the_sample_tracks_to_completion(sample, tmp_path, run_lms, standard):
    package = exported(sample, tmp_path, standard, per_lesson=True)
    data = course_data(package)
    lessons = {lesson["title"]: lesson for m in data["modules"] for lesson in m["lessons"]}
    launches = sco_launches(package)
    assert [title for title, _ in launches] == list(lessons)
    for title, launch in launches:
        session = run_lms(package, launch=launch, standard=standard)
        learner = ScriptedLearner(session.sco)
        learner.complete(data, unit=lessons[title]["id"])
        has_quiz = any(i["kind"] == "quiz" for i in lessons[title]["items"])
        if standard == "scorm2004":
            learner.button("Continue").click()
            session.wait_finished()
            assert session.values_set("adl.nav.request") == ["continue"], title
        session.close()
        cmi = session.cmi()
        if standard == "scorm12":
            expected = "passed" if has_quiz else "completed"
            assert cmi["core"]["lesson_status"] == expected, title
            if has_quiz:
                assert cmi["core"]["score"]["raw"] == "100"
        else:
            assert cmi["completion_status"] == "completed", title
            if has_quiz:
                assert cmi["success_status"] == "passed"
                assert cmi["score"]["scaled"] == "1"
        answered = len(cmi["interactions"])
        questions = sum(len(i.get("questions", [])) +
                        sum(len(c["questions"]) for c in i.get("cues", []))
                        for i in lessons[title]["items"])
        assert answered == questions, title
        assert session.api_errors() == [], title


def test_single_sco_sample_failed_then_resumed(sample, tmp_path, run_lms):
    package = exported(sample, tmp_path, "scorm12", per_lesson=False)
    data = course_data(package)
    (title, launch), = sco_launches(package)
    assert title == data["course"]["title"]
    first = run_lms(package, launch=launch, standard="scorm12")
    learner = ScriptedLearner(first.sco)
    welcome = data["modules"][0]["lessons"][0]
    learner.watch_video(welcome["items"][0])
    learner.next()
    learner.expect_title(welcome["items"][1]["title"])
    first.close()
    assert first.cmi()["core"]["exit"] == "suspend"
    assert first.cmi()["core"]["lesson_status"] == "incomplete"

    second = run_lms(package, launch=launch, standard="scorm12", stored=first.resume_data())
    again = ScriptedLearner(second.sco)
    again.expect_title(welcome["items"][1]["title"])
    again.next()
    for slide in data["modules"][0]["lessons"][1]["items"]:
        again.expect_title(slide["title"])
        again.next()
    quiz = data["modules"][1]["lessons"][0]["items"][0]
    again.take_quiz(quiz, correct=False)
    second.close()
    core = second.cmi()["core"]
    assert core["lesson_status"] == "failed"
    assert int(core["score"]["raw"]) < 70
    assert first.api_errors() == [] and second.api_errors() == []

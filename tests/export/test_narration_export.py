"""Narrated slides and pages in an export: a slide's cue questions in the player data and the
Tin Can descriptor, a page's narration and captions packaged, every narration language's
captions carried, and the same zip for the same course.

Real ffmpeg on a generated tone (see media_samples.py).
"""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree
from media_samples import MediaSamples
from narrated_export import CUE_S, build_narrated_course

from studio import commands
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX
from studio.export.theme import QUESTION_SECONDS, item_seconds
from studio.export.validate import validate_package

TIN_CAN = "{http://projecttincan.com/tincan.xsd}"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def course(tmp_path, samples):
    project, ids = build_narrated_course(tmp_path, samples)
    with project:
        yield project, ids


def read_data(archive: zipfile.ZipFile) -> dict:
    text = archive.read("course-data.js").decode("utf-8")
    return json.loads(text[len(PREFIX):-2])


def items_by_id(data: dict) -> dict[str, dict]:
    return {i["id"]: i for m in data["modules"] for les in m["lessons"] for i in les["items"]}


def test_slide_cues_and_page_narration_reach_the_player(course, tmp_path):
    project, ids = course
    target = tmp_path / "course.zip"
    export_course(project, ExportOptions("scorm2004"), target)
    report = validate_package(target)
    assert report.ok and not report.warnings, report.findings
    with zipfile.ZipFile(target) as archive:
        items = items_by_id(read_data(archive))
        names = set(archive.namelist())
        listed = {f.get("href") for f in etree.fromstring(archive.read("imsmanifest.xml")).iter()
                  if etree.QName(f).localname == "file"}
        texts = {name: archive.read(name).decode("utf-8") for name in names
                 if name.endswith(".vtt")}
    assert {n for n in names if n.startswith("media/")} <= listed

    slide = items[ids["slide"]]
    assert [set(cue) for cue in slide["cues"]] == [{"id", "time", "mustAnswer", "questions"}]
    cue = slide["cues"][0]
    assert (cue["id"], cue["time"], cue["mustAnswer"]) == (ids["cue"], CUE_S, True)
    assert [q["id"] for q in cue["questions"]] == [ids["question"]]
    assert cue["questions"][0]["media"] in names  # a cue question's picture is packaged
    assert slide["audio"] in names
    assert [(c["lang"], c["label"]) for c in slide["captions"]] == [
        ("en", "en"), ("fr", "French")]
    assert all(c["src"] in names for c in slide["captions"])
    assert "Première phrase." in texts[slide["captions"][1]["src"]]
    # the cues travel in the data too, for a caption box that cannot fetch a file
    assert slide["captions"][1]["cues"] == [[0.0, 0.5, "Première phrase."],
                                            [0.5, 1.0, "Deuxième phrase."]]

    page = items[ids["page"]]
    assert page["audio"] in names and page["audio"].endswith(".mp3")
    assert [c["lang"] for c in page["captions"]] == ["en"]
    assert "Second sentence." in texts[page["captions"][0]["src"]]
    assert set(items[ids["plain"]]) == {"id", "kind", "title", "blocks"}  # as it always was


def test_tincan_lists_a_narrated_slide_s_cue_question_as_an_interaction(course, tmp_path):
    project, ids = course
    target = tmp_path / "course.zip"
    export_course(project, ExportOptions("xapi"), target)
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("tincan.xml"))
    interactions = [a.get("id").rsplit("/", 1)[1] for a in root.iter(f"{TIN_CAN}activity")
                    if a.get("type").endswith("/cmi.interaction")]
    assert interactions == [f"{ids['slide']}_{ids['cue']}_{ids['question']}"]

    # without narration the slide has no timeline to pause: its cue questions are never asked
    commands.set_item(project, ids["slide"], narration_asset_id=None)
    export_course(project, ExportOptions("xapi"), target)
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("tincan.xml"))
    assert not [a for a in root.iter(f"{TIN_CAN}activity")
                if a.get("type").endswith("/cmi.interaction")]


@pytest.mark.parametrize("fmt", ["scorm12", "xapi"])
def test_a_narrated_course_exports_to_the_same_bytes_twice(course, tmp_path, fmt):
    project, _ = course
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    export_course(project, ExportOptions(fmt), first)
    export_course(project, ExportOptions(fmt), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_slide_s_cue_questions_count_in_the_course_length(course):
    project, ids = course
    slide = project.course().find(ids["slide"])
    assert item_seconds(slide) == slide.duration + QUESTION_SECONDS


def test_the_player_s_transcript_is_the_typed_script_the_slide_says(course, tmp_path):
    project, ids = course
    commands.set_script(project, ids["slide"], "What the narrator really says.")
    commands.set_script(project, ids["slide"], "Was der Sprecher sagt.", "de")
    target = tmp_path / "course.zip"
    export_course(project, ExportOptions("html"), target)
    with zipfile.ZipFile(target) as archive:
        slide = items_by_id(read_data(archive))[ids["slide"]]
    assert slide["notes"] == "What the narrator really says."
    commands.set_script(project, ids["slide"], None)
    export_course(project, ExportOptions("html"), target)
    with zipfile.ZipFile(target) as archive:
        assert items_by_id(read_data(archive))[ids["slide"]]["notes"] == \
            "First sentence. Second sentence."

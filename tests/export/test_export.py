"""Exporting real projects to SCORM packages: contents, determinism, .part files and refusals."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from studio import commands
from studio.errors import Cancelled, ExportError
from studio.export.exporter import export_course
from studio.export.formats import available_formats, get_format
from studio.export.package import ExportOptions
from studio.export.player_data import PREFIX, page_blocks
from studio.export.validate import validate_package
from studio.export.zipwriter import FIXED_TIME
from studio.jobs import CancelToken
from studio.store import Project

FORMATS = ("scorm12", "scorm2004")
SCHEMA_SUFFIXES = (".xsd", ".dtd")

ORIGINAL = "original"  # copy the media as imported: these tests use fake videos


def read_data(archive: zipfile.ZipFile) -> dict:
    text = archive.read("course-data.js").decode("utf-8")
    assert text.startswith(PREFIX) and text.endswith(";\n")
    return json.loads(text[len(PREFIX):-2])


def manifest_files(root: etree._Element) -> set[str]:
    names = {f.get("href") for f in root.iter() if etree.QName(f).localname == "file"}
    names |= {r.get("href") for r in root.iter() if etree.QName(r).localname == "resource"
              and r.get("href")}
    return names


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("per_lesson", [True, False])
def test_export_is_valid_and_lists_every_file(sample, tmp_path, fmt, per_lesson):
    target = tmp_path / f"{fmt}.zip"
    reports: list[float] = []
    options = ExportOptions(fmt, sco_per_lesson=per_lesson, preset=ORIGINAL)
    result = export_course(sample, options, target,
                           lambda fraction, message="": reports.append(fraction))
    assert result.target == target and result.bytes == target.stat().st_size
    report = validate_package(target)
    assert report.ok and not report.warnings, report.findings
    assert report.kind == ("scorm12" if fmt == "scorm12" else "scorm2004-4th")
    assert reports == sorted(reports) and reports[-1] == 1.0

    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        root = etree.fromstring(archive.read("imsmanifest.xml"))
        listed = manifest_files(root)
        assert result.files == len(names)
        assert listed <= names  # every reference exists
        schema_copies = {n for n in names if n.endswith(SCHEMA_SUFFIXES)}
        assert names - listed == {"imsmanifest.xml"} | schema_copies  # every file is listed
        assert schema_copies, "the package ships its schemas"
        assert {"index.html", "course-data.js"} <= names
        assert any(n.startswith("player/") and n.endswith(".js") for n in names)
        media = sorted(n for n in names if n.startswith("media/"))
        assert [Path(n).suffix for n in media] == [".m4a", ".mp4", ".png"]
        for name in media:
            assert archive.read(name) == (sample.media_dir / Path(name).name).read_bytes()

        data = read_data(archive)
        lesson_ids = [les["id"] for m in data["modules"] for les in m["lessons"]]
        launches = [i.get("parameters") for i in root.iter()
                    if etree.QName(i).localname == "item" and i.get("identifierref")]
        if per_lesson:
            assert launches == [f"?unit={lesson}" for lesson in lesson_ids]
        else:
            assert launches == [None]


def test_course_data_follows_the_contract(sample, tmp_path):
    target = tmp_path / "p.zip"
    export_course(sample, ExportOptions("scorm2004", preset=ORIGINAL), target)
    course = sample.course()
    with zipfile.ZipFile(target) as archive:
        data = read_data(archive)
        names = set(archive.namelist())
    assert data["schema"] == 1 and data["tracking"] == "scorm2004"
    assert data["course"] == {
        "id": course.identifier, "title": "Fire safety <basics> & “drills”",
        "description": "What to do when the alarm rings.", "language": "en",
        "author": "Safety Team", "version": "1.0", "completion": "all_items",
        "completionThreshold": 1.0, "masteryScore": 80.0, "resume": "always",
        "unrecorded": "continue", "cover": False, "certificate": False, "objectives": [],
        "endMessage": "", "duration": 299.0}  # 28 s clip + 6 s slide + estimates (theme.py)
    assert [m["id"] for m in data["modules"]] == [m.id for m in course.modules]
    items = [i for m in data["modules"] for les in m["lessons"] for i in les["items"]]
    assert [(i["id"], i["kind"]) for i in items] == [(i.id, i.kind.value) for i in course.items()]
    video, slide, page, quiz, plan = items
    assert (video["start"], video["end"], video["duration"]) == (2.0, 30.0, 28.0)
    assert video["src"] in names and video["poster"] is None and video["captions"] == []
    [cue] = video["cues"]
    assert cue["time"] == 10.0 and cue["mustAnswer"] is True
    [question] = cue["questions"]
    assert question["answer"] is False and question["feedback"]["incorrect"] == "Never the lift."
    assert slide["image"] in names and slide["audio"] in names and slide["duration"] == 6.0
    assert slide["notes"] == "Follow the green signs." and slide["text"] == "Green signs"
    assert page["blocks"] == [
        {"type": "heading", "text": "Remember"},
        {"type": "paragraph", "text": "Stay calm. Walk."},
        {"type": "list", "ordered": False, "items": ["Leave bags", "Close doors"]},
        {"type": "list", "ordered": True, "items": ["Alarm", "Exit"]},
    ]
    assert (quiz["passMark"], quiz["attempts"], quiz["weight"]) == (75.0, 2, 1.0)
    choice, fill, numeric, likert = quiz["questions"]
    assert choice["points"] == 2.0 and [c["correct"] for c in choice["choices"]] == [False, True]
    assert fill["answers"] == ["112"] and fill["normaliseSpace"] is True
    assert (numeric["min"], numeric["max"]) == (1, 3) and "value" not in numeric
    assert likert["scale"][1] == {"id": "2", "text": "Yes"}
    assert all(q["media"] is None and set(q["feedback"]) == {"correct", "incorrect"}
               for q in quiz["questions"])
    assert plan["blocks"] == [{"type": "paragraph", "text": "Once a year, everyone walks out."}]


def test_page_markup_edge_cases():
    assert page_blocks("") == []
    assert page_blocks("- a\n  continued\n- b\n\n\n## Sub\n3) c") == [
        {"type": "list", "ordered": False, "items": ["a continued", "b"]},
        {"type": "heading", "text": "Sub"},
        {"type": "list", "ordered": True, "items": ["c"]},
    ]
    assert page_blocks("#hashtag is text\r\n-1 degrees") == [
        {"type": "paragraph", "text": "#hashtag is text -1 degrees"}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_course_gives_identical_bytes(sample, tmp_path, fmt):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    export_course(sample, ExportOptions(fmt, preset=ORIGINAL), first)
    export_course(sample, ExportOptions(fmt, preset=ORIGINAL), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    for info in infos:
        assert info.date_time == FIXED_TIME
        assert stat.S_IMODE(info.external_attr >> 16) == 0o644
        media = info.filename.endswith((".mp4", ".m4a", ".png"))
        assert info.compress_type == (zipfile.ZIP_STORED if media else zipfile.ZIP_DEFLATED)


def test_cancel_midway_leaves_the_old_package_untouched(sample, tmp_path):
    target = tmp_path / "course.zip"
    export_course(sample, ExportOptions("scorm12", preset=ORIGINAL), target)
    before = target.read_bytes()
    commands.rename(sample, sample.course().modules[0].id, "Renamed")
    token = CancelToken()
    seen: list[str] = []

    def progress(fraction: float, message: str = "") -> None:
        seen.append(message)
        if message.startswith("Adding media/"):
            assert (tmp_path / "course.zip.part").exists()
            token.cancel()

    with pytest.raises(Cancelled):
        export_course(sample, ExportOptions("scorm2004", preset=ORIGINAL), target, progress, token)
    assert any(m.startswith("Adding media/") for m in seen)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip", "work"]


def test_missing_media_names_the_item_and_file(sample, tmp_path):
    asset = next(a for a in sample.course().assets.values() if a.original_name == "exit.png")
    (sample.media_dir / asset.filename).unlink()
    with pytest.raises(ExportError) as raised:
        export_course(sample, ExportOptions("scorm12", preset=ORIGINAL), tmp_path / "x.zip")
    assert "“Exits”" in raised.value.message and "exit.png" in raised.value.message
    assert asset.filename in raised.value.message
    assert not list(tmp_path.glob("x.zip*"))


def test_refusals(tmp_path):
    with Project.create(tmp_path / "Empty.course", "Empty") as empty:
        commands.add_module(empty, "Nothing yet")
        with pytest.raises(ExportError, match="no lessons"):
            export_course(empty, ExportOptions("scorm12", preset=ORIGINAL), tmp_path / "e.zip")
        with pytest.raises(ExportError, match="does not exist"):
            export_course(empty, ExportOptions("scorm12", preset=ORIGINAL),
                          tmp_path / "nope" / "e.zip")
        with pytest.raises(ExportError, match="Unknown package format 'pdf'"):
            export_course(empty, ExportOptions("pdf"), tmp_path / "e.zip")
        with pytest.raises(ExportError, match="is a folder"):
            export_course(empty, ExportOptions("scorm12", preset=ORIGINAL), tmp_path)
    assert not list(tmp_path.glob("*.zip*"))


def _lock(folder: Path, locked: bool) -> None:
    """Make a folder unwritable; root ignores permission bits, so it also sets immutable."""
    if locked:
        folder.chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i" if locked else "-i", str(folder)], check=True)
    if not locked:
        folder.chmod(0o755)


def test_read_only_folder_is_refused(sample, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    _lock(folder, True)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_course(sample, ExportOptions("scorm12", preset=ORIGINAL), folder / "p.zip")
        assert list(folder.iterdir()) == []
    finally:
        _lock(folder, False)


def test_formats_declare_themselves():
    assert available_formats() == ["cmi5", "html", "scorm12", "scorm2004", "xapi"]
    for name in available_formats():
        fmt = get_format(name)
        assert fmt.name == name and fmt.extension == ".zip"
        assert fmt.tracking == ("local" if name == "html" else name)
    assert "sequencing" in get_format("scorm2004").capabilities
    assert "sequencing" not in get_format("scorm12").capabilities


def test_a_question_picture_carries_its_alternative_text_to_the_player():
    from studio.export.package import ExportPlan
    from studio.export.player_data import question_data
    from studio.model import Asset, Course, Question

    course = Course("c", "C", assets={"pic": Asset("pic", "ab", "ab.png", "map.png", "image", 9)})
    plan = ExportPlan(course, None, "local", (), (), ())
    data = {"answer": True, "feedback": {"correct": "", "incorrect": ""}}
    with_alt = question_data(Question("q1", "truefalse", "Here?", data={
        **data, "media": "pic", "mediaAlt": "A map of Brittany"}), plan)
    assert (with_alt["media"], with_alt["mediaAlt"]) == ("media/ab.png", "A map of Brittany")
    without = question_data(Question("q2", "truefalse", "Here?", data={**data, "media": None}),
                            plan)
    assert "mediaAlt" not in without  # the contract of a question without a picture is as before

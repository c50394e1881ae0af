"""Media in questions reach the package: every asset a question references is copied, and
the player data gives each its package path and kind (hotspot images also their size)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from studio import commands
from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.export.plan import item_assets
from studio.export.player_data import PREFIX
from studio.store import Project


def _asset(project: Project, folder: Path, name: str, kind: str, data: bytes,
           **facts: object) -> str:
    source = folder / name
    source.write_bytes(data)
    sha, filename = project.store_media(source)
    return commands.add_asset(project, sha, filename, name, kind, len(data), **facts)


@pytest.fixture
def quiz_course(tmp_path):
    """(project, quiz id, {name: asset id}): a quiz whose questions show media of each kind."""
    sources = tmp_path / "sources"
    sources.mkdir()
    with Project.create(tmp_path / "Q.course", "Media quiz") as project:
        ids = {
            "map": _asset(project, sources, "map.png", "image", b"\x89PNG map" * 40,
                          width=800, height=600),
            "owl": _asset(project, sources, "owl.png", "image", b"\x89PNG owl" * 40,
                          width=64, height=64),
            "hoot": _asset(project, sources, "hoot.m4a", "audio", b"m4a hoot" * 40,
                           duration=2.0),
            "flight": _asset(project, sources, "flight.mp4", "video", b"mp4 fly" * 40,
                             duration=4.0, width=320, height=240),
        }
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        quiz = commands.add_quiz(project, lesson, "Birds")
        yield project, quiz, ids


def _player_questions(project: Project, target: Path) -> tuple[list[dict], set[str]]:
    export_course(project, ExportOptions(format="html"), target)
    with zipfile.ZipFile(target) as archive:
        text = archive.read("course-data.js").decode("utf-8")
        data = json.loads(text[len(PREFIX):-2])
        names = set(archive.namelist())
    return data["modules"][0]["lessons"][0]["items"][0]["questions"], names


def test_every_referenced_asset_is_packaged_with_its_kind(quiz_course, tmp_path):
    project, quiz, ids = quiz_course
    commands.add_question(project, quiz, "choice", "Which one hoots?", data={
        "media": ids["hoot"], "choices": [
            {"text": "Owl", "correct": True, "media": ids["owl"], "mediaAlt": "An owl"},
            {"text": "Other", "media": ids["flight"]}]})
    commands.add_question(project, quiz, "hotspot", "Where do owls live?", data={
        "image": ids["map"], "imageAlt": "A map", "regions": [
            {"label": "Forest", "shape": "rect", "coords": [0, 0, 0.5, 0.5], "correct": True}]})
    commands.add_question(project, quiz, "dragdrop", "Sort", data={
        "categories": ["Night", "Day"],
        "items": [{"text": "Owl", "category": "k1", "media": ids["owl"]},
                  {"text": "Swift", "category": "k2"}]})
    commands.add_question(project, quiz, "essay", "Why do owls hoot?")
    item = project.course().find(quiz)
    assert item_assets(item) == [ids["hoot"], ids["owl"], ids["flight"], ids["map"], ids["owl"]]

    choice, hotspot, dragdrop, essay = _player_questions(project, tmp_path / "c.zip")[0]
    assert (choice["mediaKind"], choice["choices"][0]["mediaKind"],
            choice["choices"][1]["mediaKind"]) == ("audio", "image", "video")
    assert choice["choices"][0]["mediaAlt"] == "An owl"
    assert "mediaKind" not in dragdrop["items"][1] and dragdrop["items"][1].get("media") is None
    assert (hotspot["imageWidth"], hotspot["imageHeight"], hotspot["imageAlt"]) == (
        800, 600, "A map")
    assert essay["media"] is None and "mediaKind" not in essay
    assert (essay["maxLength"], essay["modelAnswer"]) == (4000, "")
    _, names = _player_questions(project, tmp_path / "again.zip")
    paths = {choice["media"], *(c["media"] for c in choice["choices"]), hotspot["image"],
             dragdrop["items"][0]["media"]}
    assert len(paths) == 4 and paths <= names
    assets = project.course().assets
    assert hotspot["image"].endswith(assets[ids["map"]].filename)


def test_a_hotspot_without_its_picture_is_refused_before_writing(quiz_course, tmp_path):
    project, quiz, _ids = quiz_course
    commands.add_question(project, quiz, "hotspot", "Click the nest")
    target = tmp_path / "c.zip"
    with pytest.raises(ExportError, match="“Click the nest” in “Birds” .* has no picture"):
        export_course(project, ExportOptions(format="html"), target)
    assert not target.exists()

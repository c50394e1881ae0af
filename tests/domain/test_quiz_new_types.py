"""Hotspot, drag-and-drop, essay and description questions: their data as stored, the
media a question references and where its pictures lack alternative text, and the shapes
question-file readers and writers exchange."""

from __future__ import annotations

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.quiz.questions import media_ids, missing_alt, normalise_question
from studio.quiz.source import EmbeddedFile, ParsedFile, ParsedQuestion, QuestionOut
from studio.quiz.types import QUESTION_TYPES, UNSCORED


def stored(qtype: str, data: dict) -> dict:
    return normalise_question(qtype, "Q", 1, data)[2]


REGIONS = [
    {"label": "Heart", "shape": "circle", "coords": [0.5, 0.4, 0.1], "correct": True},
    {"label": "Lungs", "shape": "rect", "coords": [0.2, 0.2, 0.8, 0.3]},
    {"id": "liver", "label": "Liver", "shape": "polygon",
     "coords": [0.4, 0.6, 0.7, 0.6, 0.6, 0.8]}]


def test_a_hotspot_question_as_stored():
    data = stored("hotspot", {"image": "img1", "imageAlt": " A torso ", "regions": REGIONS})
    assert data["image"] == "img1" and data["imageAlt"] == "A torso"
    assert [(r["id"], r["correct"]) for r in data["regions"]] == [
        ("r1", True), ("r2", False), ("liver", False)]
    assert data["scoring"] == "all-or-nothing"
    assert "imageAlt" not in stored("hotspot", {"image": "img1", "regions": REGIONS})
    assert stored("hotspot", {"regions": REGIONS})["image"] is None  # not chosen yet


@pytest.mark.parametrize(("region", "message"), [
    ({"shape": "star", "coords": [0, 0, 1]}, "the shape is one of rect, circle, polygon"),
    ({"shape": "rect", "coords": [0.5, 0.5, 0.6, 0.1]}, "reaches past the image"),
    ({"shape": "rect", "coords": [0.5, 0.5, 0, 0.1]}, "width and a height above 0"),
    ({"shape": "circle", "coords": [0.5, 0.5]}, r"\[x, y, radius\]"),
    ({"shape": "polygon", "coords": [0, 0, 1, 1]}, "at least 3 points"),
    ({"shape": "rect", "coords": [0, 0, 120, 80]}, "fractions of the image, 0 to 1"),
    ({"shape": "rect", "coords": [0, 0, "1", 1]}, "a coordinate must be a number"),
    ({"shape": "rect", "coords": [0, 0, 1, 1], "correct": "yes"}, "true or false"),
])
def test_bad_regions_are_refused_naming_the_region(region, message):
    with pytest.raises(InvalidEditError, match=message):
        stored("hotspot", {"image": "i", "regions": [{"label": "Bad", "correct": True,
                                                      **region}]})


def test_a_hotspot_needs_a_correct_region_and_alt_needs_an_image():
    with pytest.raises(InvalidEditError, match="needs a correct region"):
        stored("hotspot", {"image": "i", "regions": [{**REGIONS[1]}]})
    with pytest.raises(InvalidEditError, match="choose a picture first"):
        stored("hotspot", {"imageAlt": "A torso", "regions": REGIONS})


def test_a_dragdrop_question_as_stored():
    data = stored("dragdrop", {"categories": ["Mammals", {"id": "b", "text": "Birds"}],
                               "items": [{"text": "Whale", "category": "k1"},
                                         {"text": "Owl", "category": "b", "media": "owl",
                                          "mediaAlt": "An owl"}],
                               "scoring": "per-item"})
    assert data["categories"] == [{"id": "k1", "text": "Mammals"}, {"id": "b", "text": "Birds"}]
    assert data["items"] == [{"id": "d1", "text": "Whale", "category": "k1"},
                             {"id": "d2", "text": "Owl", "category": "b", "media": "owl",
                              "mediaAlt": "An owl"}]
    with pytest.raises(InvalidEditError, match="Item Whale goes into no category"):
        stored("dragdrop", {"categories": ["A", "B"], "items": [
            {"text": "Whale", "category": "k9"}, {"text": "Owl", "category": "k1"}]})
    with pytest.raises(InvalidEditError, match="at least 2 categories"):
        stored("dragdrop", {"categories": ["A"], "items": [
            {"text": "Whale", "category": "k1"}, {"text": "Owl", "category": "k1"}]})


def test_essay_and_description():
    assert stored("essay", {"modelAnswer": " Think. "}) == {
        "modelAnswer": "Think.", "maxLength": 4000, "feedback": {"correct": "", "incorrect": ""},
        "media": None}
    for bad in (0, 4001, 10.5, True):
        with pytest.raises(InvalidEditError, match="from 1 to 4000"):
            stored("essay", {"maxLength": bad})
    assert set(stored("description", {})) == {"feedback", "media"}
    with pytest.raises(InvalidEditError, match="no field answers"):
        stored("description", {"answers": ["x"]})
    assert UNSCORED == ("likert", "essay", "description")
    assert QUESTION_TYPES["description"].interaction is None
    assert QUESTION_TYPES["essay"].interaction == "long-fill-in"


def test_media_ids_lists_every_asset_once_in_order():
    data = stored("multiple", {"media": "p", "choices": [
        {"text": "A", "correct": True, "media": "x"}, {"text": "B", "media": "p"},
        {"text": "C"}]})
    assert media_ids(data) == ["p", "x"]
    hotspot = stored("hotspot", {"image": "map", "regions": REGIONS})
    assert media_ids(hotspot) == ["map"]
    assert media_ids(stored("dragdrop", {"categories": ["A", "B"], "items": [
        {"text": "a", "category": "k1", "media": "i1"},
        {"text": "b", "category": "k2", "media": "i2"}]})) == ["i1", "i2"]
    assert media_ids(stored("truefalse", {"answer": True})) == []


def test_missing_alt_names_each_picture_without_alternative_text():
    kinds = {"pic": "image", "pic2": "image", "song": "audio"}
    data = stored("choice", {"media": "pic", "choices": [
        {"text": "A", "correct": True, "media": "pic2", "mediaAlt": "A cat"},
        {"text": "B", "media": "pic2"}, {"text": "C", "media": "song"}]})
    assert missing_alt(data, kinds.get) == ["prompt", "choice b"]
    hotspot = stored("hotspot", {"image": "pic", "regions": REGIONS})
    assert missing_alt(hotspot, kinds.get) == ["hotspot image"]
    assert missing_alt({**hotspot, "imageAlt": "A torso"}, kinds.get) == []
    items = stored("dragdrop", {"categories": ["A", "B"], "items": [
        {"id": "x", "text": "a", "category": "k1", "media": "pic"},
        {"text": "b", "category": "k2", "media": "gone"}]})
    assert missing_alt(items, kinds.get) == ["item x"]


def test_the_shapes_readers_and_writers_exchange():
    parsed = ParsedFile()
    assert (parsed.questions, parsed.notices, parsed.files) == ([], [], {})
    assert ParsedFile().files is not parsed.files
    question = ParsedQuestion("choice", "Q", {}, 3, media={"prompt": "map.png",
                                                           "choice:b": "b.png"})
    assert question.media["choice:b"] == "b.png"
    assert ParsedQuestion("choice", "Q", {}, 3).media == {}
    embedded = EmbeddedFile("map.png", b"\x89PNG")
    with pytest.raises(AttributeError):
        embedded.name = "other.png"  # type: ignore[misc]
    out = QuestionOut("q1", "choice", "Q", 2.0, {"media": "a1"},
                      files={"a1": ("map.png", b"\x89PNG")})
    assert out.files["a1"] == ("map.png", b"\x89PNG")
    assert QuestionOut("q2", "essay", "Q", 0, {}).files == {}


def test_every_asset_a_question_names_is_checked_against_the_project(project, video_asset):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    quiz = commands.add_quiz(project, lesson, "Quiz")
    choices = [{"text": "A", "correct": True, "media": video_asset}, {"text": "B"}]
    commands.add_question(project, quiz, "choice", "Which clip?", data={"choices": choices})
    assert asset_users_of(project, video_asset) == ["Quiz"]
    with pytest.raises(NotFoundError):
        commands.add_question(project, quiz, "dragdrop", "Sort", data={
            "categories": ["A", "B"], "items": [{"text": "x", "category": "k1", "media": "gone"},
                                                {"text": "y", "category": "k2"}]})
    with pytest.raises(InvalidEditError, match="is not a picture; a hotspot question"):
        commands.add_question(project, quiz, "hotspot", "Click", data={
            "image": video_asset, "regions": REGIONS})


def asset_users_of(project, asset_id: str) -> list[str]:
    with pytest.raises(InvalidEditError, match="is used by “(.*)”") as refused:
        commands.remove_asset(project, asset_id)
    return [refused.value.message.split("“")[1].split("”")[0]]

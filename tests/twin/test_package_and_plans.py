"""What the twin reads from a package (safely), the course-data variants it serves, and the
launches each path makes."""

from __future__ import annotations

import json
import zipfile

import pytest
from twin_packages import handmade_sco, pages_course, player_package

from studio.errors import TwinError
from studio.export.player_data import PREFIX
from studio.quiz.types import QUESTION_TYPES
from studio.twin.package import open_package, read_course_data, unpack
from studio.twin.plans import plan_path
from studio.twin.runner import standard_of
from studio.twin.variants import (
    LONG_COURSE_ITEMS,
    TYPES_LESSON,
    items_of,
    long_course,
    types_quiz_module,
    with_question_types,
)


def test_units_are_read_in_manifest_order_with_their_mastery(export_sample, tmp_path):
    twin = open_package(export_sample("scorm12", single_sco=False), tmp_path)
    assert twin.standard == "scorm12" and twin.identifier.startswith("course_")
    assert [u.title for u in twin.units] == ["Welcome", "Building blocks", "Final quiz"]
    assert twin.units[0].href.startswith("index.html?unit=les_")
    assert [u.mastery for u in twin.units] == ["", "", "70"]
    assert twin.course_data["tracking"] == "scorm12" and twin.launch_mode == ""
    whole = open_package(export_sample("scorm2004"), tmp_path / "2004")
    assert (whole.standard, whole.edition, len(whole.units)) == ("scorm2004", "4th", 1)
    assert whole.units[0].href == "index.html" and whole.units[0].mastery == "0.7"
    assert standard_of(export_sample("scorm2004")) == "scorm"


def test_a_zip_that_leaves_its_folder_is_refused(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("../outside.txt", "x")
    with pytest.raises(TwinError, match="leaves the package"):
        unpack(evil, tmp_path / "out")
    assert not (tmp_path / "outside.txt").exists()
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(TwinError, match="not a package the twin can open"):
        unpack(tmp_path / "junk.zip", tmp_path / "junk")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TwinError, match="no imsmanifest.xml"):
        open_package(tmp_path / "empty")


def test_course_data_is_read_back_and_anything_else_is_none(tmp_path):
    folder = player_package(tmp_path / "p", pages_course(2))
    assert read_course_data(folder)["modules"][0]["id"] == "m1"
    handmade = handmade_sco(tmp_path / "h", "")
    assert read_course_data(handmade) == {}
    (handmade / "course-data.js").write_text(PREFIX + "{broken;\n", encoding="utf-8")
    assert read_course_data(handmade) == {}


def test_the_question_types_quiz_holds_every_registered_type():
    module = types_quiz_module("scorm2004")
    quiz = module["lessons"][0]["items"][0]
    assert module["lessons"][0]["id"] == TYPES_LESSON and quiz["kind"] == "quiz"
    assert [q["type"] for q in quiz["questions"]] == list(QUESTION_TYPES)
    assert len({q["prompt"] for q in quiz["questions"]}) == len(QUESTION_TYPES)
    data = with_question_types(pages_course(2))
    assert [i["kind"] for i in items_of(data)] == ["page", "page", "quiz"]
    json.dumps(data, allow_nan=False)


def test_the_long_course_repeats_lessons_to_a_thousand_items():
    data = pages_course(3)
    grown = items_of(long_course(data))
    assert len(grown) >= LONG_COURSE_ITEMS > len(grown) - 3
    assert len({i["id"] for i in grown}) == len(grown)  # ids suffixed, never repeated
    assert grown[3]["id"] == "p1_r2" and grown[3]["title"] == "Page 1 (2)"
    one_lesson = long_course(data, "l1")
    assert len(items_of(one_lesson, "l1")) >= LONG_COURSE_ITEMS
    assert items_of(data) == items_of(pages_course(3))  # the original is left alone


def test_each_path_plans_its_launches(export_sample, tmp_path):
    twin = open_package(export_sample("scorm12", single_sco=False), tmp_path)
    units = [u.id for u in twin.units]
    complete = plan_path("complete", twin)
    assert [s["unit"] for s in complete.steps] == units
    assert all(s["learner"] == {"do": "complete"} for s in complete.steps)
    resume = plan_path("resume", twin)
    left, again = resume.steps[1], resume.steps[2]
    assert left["unit"] == again["unit"] == resume.intent["resume_unit"] == units[1]
    assert left["learner"]["stop_at"] == 1 and "stop_at" not in again["learner"]
    retry = plan_path("retry", twin)
    assert retry.steps[2]["learner"]["fail_quiz"] == retry.intent["fail_quiz"]
    types = plan_path("question-types", twin)
    assert types.steps[-1]["href"] == f"index.html?unit={TYPES_LESSON}"
    assert {s["variant"] for s in types.steps} == {"question-types"}
    long = plan_path("long-course", twin)
    assert [s["learner"]["do"] for s in long.steps] == ["complete", "complete"]
    assert {s["unit"] for s in long.steps} == {units[0]} == {long.intent["resume_unit"]}
    left = long.steps[0]["learner"]["stop_at"]
    assert "stop_at" not in long.steps[1]["learner"] and left >= LONG_COURSE_ITEMS - 2


def test_a_course_without_a_quiz_to_fail_says_so(tmp_path):
    twin = open_package(player_package(tmp_path / "p", pages_course(2)), tmp_path)
    plan = plan_path("retry", twin)
    assert plan.intent == {"fail_quiz": None} and "no scored quiz" in plan.problems[0]

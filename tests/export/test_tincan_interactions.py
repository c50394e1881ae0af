"""tincan.xml lists every question as a cmi.interaction activity, under the id the player's
answered statements use, valid against the Tin Can schema."""

from __future__ import annotations

import dataclasses
import io

from lxml import etree

from studio import commands
from studio.export.lms_profiles import load_profile
from studio.export.package import ExportOptions
from studio.export.plan import build_plan
from studio.export.schemas import schema_problems
from studio.export.tincan import manifest_xml
from studio.export.xml import child_iri
from studio.model import Quiz, VideoClip
from studio.quiz.interactions import xapi_definition
from studio.quiz.types import contract_fields

NS = "{http://projecttincan.com/tincan.xsd}"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ORIGINAL = "original"


def add_every_list_type(project) -> None:
    """A quiz with the types that carry source/target and choice lists, and a description."""
    lesson = project.course().lessons()[-1].id
    quiz = commands.add_quiz(project, lesson, "Sorting")
    commands.add_question(project, quiz, "description", "Read this first.")
    commands.add_question(project, quiz, "matching", "Match", data={"pairs": [
        {"id": "p1", "left": "Canada", "right": "Ottawa"},
        {"id": "p2", "left": "Italy", "right": "Rome"}]})
    commands.add_question(project, quiz, "sequencing", "Order", data={"items": [
        {"id": "s1", "text": "One"}, {"id": "s2", "text": "Two"}]})
    commands.add_question(project, quiz, "dragdrop", "Sort", data={
        "categories": [{"id": "k1", "text": "Mammals"}, {"id": "k2", "text": "Birds"}],
        "items": [{"id": "d1", "text": "Whale", "category": "k1"},
                  {"id": "d2", "text": "Owl", "category": "k2"}]})
    commands.add_question(project, quiz, "multiple", "Pick all", data={"choices": [
        {"id": "a", "text": "Red", "correct": True}, {"id": "b", "text": "Blue",
                                                      "correct": True}]})


def expected_ids(course) -> dict[str, object]:
    """What app.js ``record`` names each asked question: item_question, item_cue_question."""
    out = {}
    for item in course.items():
        if isinstance(item, Quiz):
            out |= {f"{item.id}_{q.id}": q for q in item.questions if q.type != "description"}
        elif isinstance(item, VideoClip):
            out |= {f"{item.id}_{q.cue_id}_{q.id}": q for q in item.questions}
    return out


def plan_of(project, **options):
    return build_plan(project.course(), project.media_dir,
                      ExportOptions("xapi", preset=ORIGINAL, **options), "xapi")


def interactions(xml: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(xml)
    return {a.get("id"): a for a in root.iter(f"{NS}activity") if a.get("type") == INTERACTION}


def components(activity, tag: str) -> list[dict] | None:
    found = activity.find(f"{NS}{tag}")
    if found is None:
        return None
    return [{"id": c.findtext(f"{NS}id"),
             "description": {d.get("lang"): d.text for d in c.iter(f"{NS}description")}}
            for c in found.iter(f"{NS}component")]


def test_every_question_is_listed_with_its_definition(sample):
    add_every_list_type(sample)
    course = sample.course()
    xml = manifest_xml(plan_of(sample))
    assert schema_problems("tincan", etree.parse(io.BytesIO(xml))) == []
    listed = interactions(xml)
    expected = expected_ids(course)
    assert sorted(listed) == sorted(child_iri(course, "interaction", i) for i in expected)
    for ident, question in expected.items():
        activity = listed[child_iri(course, "interaction", ident)]
        definition = xapi_definition(
            {"type": question.type, "prompt": question.prompt,
             **contract_fields(question.type, question.data)}, "en")
        assert activity.findtext(f"{NS}interactionType") == definition["interactionType"]
        patterns = [p.text for p in activity.iter(f"{NS}correctResponsePattern")]
        assert patterns == definition.get("correctResponsesPattern", []), ident
        for tag in ("choices", "scale", "source", "target", "steps"):
            assert components(activity, tag) == definition.get(tag), (ident, tag)
        assert activity.findtext(f"{NS}name") == question.prompt
    kinds = {a.findtext(f"{NS}interactionType") for a in listed.values()}
    assert {"true-false", "choice", "fill-in", "numeric", "likert", "matching",
            "sequencing"} <= kinds


def test_per_attempt_ids_list_the_first_attempt(sample):
    plan = plan_of(sample)
    profile = load_profile("moodle")
    unique = dataclasses.replace(profile, player=dataclasses.replace(
        profile.player, unique_interaction_ids=True))
    listed = interactions(manifest_xml(dataclasses.replace(plan, lms=unique)))
    course = sample.course()
    assert sorted(listed) == sorted(child_iri(course, "interaction", f"{i}_a1")
                                    for i in expected_ids(course))


def test_the_listing_is_the_same_bytes_each_export(sample):
    assert manifest_xml(plan_of(sample)) == manifest_xml(plan_of(sample))

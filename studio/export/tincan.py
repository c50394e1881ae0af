"""Tin Can (xAPI) packages: ``tincan.xml`` listing the course's activities and its launch file.

Activity IRIs derive from the course's stable identifier, so statements about a course stay
about the same activities across exports and re-imports. The player builds the same IRIs
(``player/xapi_statements.js``): the course ``urn:course-studio:<uuid>``, then
``/module/<id>``, ``/lesson/<id>``, ``/item/<id>`` and ``/interaction/<id>`` below it.

Every question that is an interaction (not a description) is listed as a ``cmi.interaction``
activity under the id its answered statements use (``app.js`` ``record``): ``<item>_<question>``
in a quiz, ``<item>_<cue>_<question>`` at a cue point of a video or narrated slide. When the
LMS profile asks for a new interaction id per attempt (``unique_interaction_ids``) the first
attempt's id is listed (``..._a1``); later attempts name activities the descriptor does not
list.
"""

from __future__ import annotations

from lxml import etree

from studio.export.package import LAUNCH_FILE, ExportPlan, PackageFile, PackageFormat
from studio.export.xml import child_iri, course_iri, document_bytes, manifest_title, sub, xml_text
from studio.model import Item, Question, Quiz, Slide, VideoClip
from studio.quiz.interactions import xapi_definition
from studio.quiz.types import QUESTION_TYPES, contract_fields

NS_TINCAN = "http://projecttincan.com/tincan.xsd"
MANIFEST = "tincan.xml"

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "video": "https://w3id.org/xapi/video/activity-type/video",
    "slide": "http://id.tincanapi.com/activitytype/slide",
    "page": "http://activitystrea.ms/schema/1.0/page",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
# The component lists of a cmi.interaction definition, in the order tincan.xsd declares them.
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    return sub(parent, f"{{{NS_TINCAN}}}{tag}", text, **attrs)


def _activity(parent, iri: str, kind: str, title: str, description: str, language: str,
              launch: str | None = None) -> None:
    activity = _sub(parent, "activity", id=iri, type=ACTIVITY_TYPES[kind])
    _sub(activity, "name", manifest_title(title), lang=language)
    _sub(activity, "description", xml_text(description), lang=language)
    if launch:
        _sub(activity, "launch", launch, lang=language)


def interaction_ids(plan: ExportPlan, item: Item) -> list[tuple[str, Question]]:
    """The interaction ids the player reports for an item's questions, with each question, in
    the item's order: ``<item>_<question>`` for a quiz, ``<item>_<cue>_<question>`` for a
    question at a cue point of a video or narrated slide (questions without a cue, and those of
    a slide without narration, are never asked), ``_a1`` added when the LMS profile wants a new
    id per attempt. Descriptions are no interaction."""
    if isinstance(item, Quiz):
        asked = [(f"{item.id}_{q.id}", q) for q in item.questions]
    elif isinstance(item, VideoClip) or isinstance(item, Slide) and item.narration_asset_id:
        cues = {cue.id for cue in item.cue_points}
        asked = [(f"{item.id}_{q.cue_id}_{q.id}", q) for q in item.questions if q.cue_id in cues]
    else:
        return []
    suffix = "_a1" if plan.lms is not None and plan.lms.player.unique_interaction_ids else ""
    return [(ident + suffix, q) for ident, q in asked
            if QUESTION_TYPES[q.type].interaction is not None]


def _interaction(parent, iri: str, question: Question, language: str) -> None:
    """A question's ``cmi.interaction`` activity (xAPI 1.0.3 §2.4.4.1, as the player defines
    it in its answered statements; tincan.xsd's element names)."""
    # the question as the player reads it (course-data.js), which its statements describe
    fields = {"type": question.type, "prompt": question.prompt,
              **contract_fields(question.type, question.data)}
    definition = xapi_definition(fields, language)
    activity = _sub(parent, "activity", id=iri, type=ACTIVITY_TYPES["interaction"])
    prompt = question.prompt or iri.rsplit("/", 1)[-1]
    _sub(activity, "name", manifest_title(prompt), lang=language)
    _sub(activity, "description", xml_text(prompt), lang=language)
    _sub(activity, "interactionType", definition["interactionType"])
    if "correctResponsesPattern" in definition:
        patterns = _sub(activity, "correctResponsePatterns")
        for pattern in definition["correctResponsesPattern"]:
            _sub(patterns, "correctResponsePattern", xml_text(pattern))
    for key in COMPONENT_LISTS:
        if definition.get(key):
            components = _sub(activity, key)
            for entry in definition[key]:
                component = _sub(components, "component")
                _sub(component, "id", xml_text(str(entry["id"])))
                _sub(component, "description", xml_text(entry["description"][language]),
                     lang=language)


def manifest_xml(plan: ExportPlan) -> bytes:
    """``tincan.xml``: an activity for the course (with the launch file), each module, lesson
    and item, and each item's interactions (see the module), named in the course's language
    (``en`` when it has none); UTF-8 bytes, valid against tincan.xsd."""
    course = plan.course
    language = course.language or "en"
    root = etree.Element(f"{{{NS_TINCAN}}}tincan", nsmap={None: NS_TINCAN})
    activities = _sub(root, "activities")
    _activity(activities, course_iri(course), "course", course.title, course.description,
              language, LAUNCH_FILE)
    for module in course.modules:
        _activity(activities, child_iri(course, "module", module.id), "module", module.title,
                  "", language)
        for lesson in module.lessons:
            _activity(activities, child_iri(course, "lesson", lesson.id), "lesson",
                      lesson.title, "", language)
            for item in lesson.items:
                _activity(activities, child_iri(course, "item", item.id), str(item.kind),
                          item.title, "", language)
                for ident, question in interaction_ids(plan, item):
                    _interaction(activities, child_iri(course, "interaction", ident),
                                 question, language)
    return document_bytes(root)


class TinCan(PackageFormat):
    """xAPI (Tin Can) packages: ``tincan.xml`` and the player's ``xapi`` adapter."""

    name = "xapi"
    label = "xAPI (Tin Can)"
    tracking = "xapi"

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """``tincan.xml``."""
        return [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]


FORMAT = TinCan()

"""Tin Can (xAPI) packages: ``tincan.xml`` listing the course's activities and its launch file.

Activity IRIs derive from the course's stable identifier, so statements about a course stay
about the same activities across exports and re-imports. The player builds the same IRIs
(``player/xapi_statements.js``): the course ``urn:course-studio:<uuid>``, then
``/module/<id>``, ``/lesson/<id>``, ``/item/<id>`` and ``/interaction/<id>`` below it.
"""

from __future__ import annotations

from lxml import etree

from studio.export.package import LAUNCH_FILE, ExportPlan, PackageFile, PackageFormat
from studio.export.xml import child_iri, course_iri, document_bytes, manifest_title, sub, xml_text

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
}


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    return sub(parent, f"{{{NS_TINCAN}}}{tag}", text, **attrs)


def _activity(parent, iri: str, kind: str, title: str, description: str, language: str,
              launch: str | None = None) -> None:
    activity = _sub(parent, "activity", id=iri, type=ACTIVITY_TYPES[kind])
    _sub(activity, "name", manifest_title(title), lang=language)
    _sub(activity, "description", xml_text(description), lang=language)
    if launch:
        _sub(activity, "launch", launch, lang=language)


def manifest_xml(plan: ExportPlan) -> bytes:
    """``tincan.xml``: an activity for the course (with the launch file), each module, lesson
    and item, named in the course's language (``en`` when it has none); UTF-8 bytes."""
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

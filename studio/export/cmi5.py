"""cmi5 courses: ``cmi5.xml`` (the CourseStructure) with a block per module and an AU per lesson.

Each AU launches ``index.html?unit=<lesson id>``; the LMS appends the cmi5 launch parameters.
``moveOn`` and ``masteryScore`` come from the course's tracking policy: a lesson with a quiz
that counts is passed against the mastery score, every lesson is completed by its
completion rule.
"""

from __future__ import annotations

from lxml import etree

from studio.export.package import MULTI_UNIT, ExportPlan, PackageFile, PackageFormat, Unit
from studio.export.xml import (
    child_iri,
    course_iri,
    decimal,
    document_bytes,
    manifest_title,
    sub,
    xml_text,
)
from studio.model import CompletionRule

NS_CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MANIFEST = "cmi5.xml"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None):
    return sub(parent, f"{{{NS_CMI5}}}{tag}", text, **attrs)


def _text(parent: etree._Element, tag: str, text: str, language: str, title: bool) -> None:
    holder = _sub(parent, tag)
    _sub(holder, "langstring", manifest_title(text) if title else xml_text(text), lang=language)


def move_on(plan: ExportPlan, unit: Unit) -> str:
    """The AU's ``moveOn`` (cmi5 §13.1.4): what the LMS waits for before the AU counts as
    done, ``Completed``, ``Passed`` or ``CompletedAndPassed``."""
    policy = plan.course.tracking
    if policy.mastery_score is None or not unit.scored:
        return "Completed"
    if policy.completion == CompletionRule.QUIZZES_PASSED:
        return "Passed"
    return "CompletedAndPassed"


def _au(parent: etree._Element, plan: ExportPlan, unit: Unit, language: str) -> None:
    course = plan.course
    # The whole course as one AU still needs an id of its own (ids are unique in cmi5.xml).
    iri = (course_iri(course) + "/au" if unit.parameters == ""
           else child_iri(course, "lesson", unit.lesson_ids[0]))
    mastery = course.tracking.mastery_score
    au = _sub(parent, "au", id=iri, moveOn=move_on(plan, unit),
              masteryScore=decimal(mastery / 100) if mastery is not None and unit.scored
              else None,
              launchMethod="AnyWindow")
    _text(au, "title", unit.title, language, title=True)
    _text(au, "description", "", language, title=False)
    _sub(au, "url", unit.launch)


def manifest_xml(plan: ExportPlan) -> bytes:
    """``cmi5.xml``, the course structure (cmi5 §13): a block per module holding an AU per
    lesson, or one AU for the whole course; UTF-8 bytes."""
    course = plan.course
    language = course.language or "en"
    root = etree.Element(f"{{{NS_CMI5}}}courseStructure", nsmap={None: NS_CMI5})
    head = _sub(root, "course", id=course_iri(course))
    _text(head, "title", course.title, language, title=True)
    _text(head, "description", course.description, language, title=False)
    if not plan.options.sco_per_lesson:
        _au(root, plan, plan.units[0], language)
    else:
        for module in course.modules:
            if not module.lessons:
                continue
            block = _sub(root, "block", id=child_iri(course, "module", module.id))
            _text(block, "title", module.title, language, title=True)
            _text(block, "description", "", language, title=False)
            for lesson in module.lessons:
                _au(block, plan, plan.unit_of_lesson(lesson.id), language)
    return document_bytes(root)


class Cmi5(PackageFormat):
    """cmi5 course packages: ``cmi5.xml`` and the player's ``cmi5`` adapter."""

    name = "cmi5"
    label = "cmi5"
    tracking = "cmi5"
    capabilities = frozenset({MULTI_UNIT})

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """``cmi5.xml``."""
        return [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]


FORMAT = Cmi5()

"""SCORM 2004 4th Edition packages: IMS CP 1.1 with ADL CP, SEQ, NAV and IMS Simple Sequencing.

The organization mirrors the course: modules are aggregations, lessons are SCOs (or the
whole course is one SCO). Learners may choose and flow freely. Completion rolls up from
the lessons by the default rules; satisfaction rolls up only from activities that hold a
scored quiz, because a lesson without one can never be passed or failed. When the course
has a mastery score a scored lesson is satisfied by its measure (mastery / 100); under the
``percent_viewed`` policy a SCO is completed by its progress measure.

An LMS profile (``plan.package``) may ask for the 3rd Edition (its schemaversion and its
text-valued ``adlcp:completionThreshold``), for no sequencing at all (no IMS SS or ADL SEQ
element or namespace) and for mastery judged by the content (no measure-based satisfaction).
"""

from __future__ import annotations

from lxml import etree

from studio.export.content_package import (
    MANIFEST,
    NS_XSI,
    ORGANIZATION,
    add_resources,
    manifest_root,
    schema_files,
    sco_item,
)
from studio.export.package import (
    MULTI_UNIT,
    SCHEMAS,
    SEQUENCING,
    ExportPlan,
    PackageFile,
    PackageFormat,
    Unit,
)
from studio.export.xml import decimal, document_bytes, manifest_title, sub, xml_id
from studio.model import CompletionRule

NS_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_SS = "http://www.imsglobal.org/xsd/imsss"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_v1p1.xsd {NS_ADLCP} adlcp_v1p3.xsd {NS_ADLSEQ} adlseq_v1p3.xsd "
    f"{NS_ADLNAV} adlnav_v1p3.xsd {NS_SS} imsss_v1p0.xsd"
)


def _cp(tag: str) -> str:
    return f"{{{NS_CP}}}{tag}"


def _ss(tag: str) -> str:
    return f"{{{NS_SS}}}{tag}"


def _navigation_rules(parent: etree._Element, contributes: bool) -> None:
    sequencing = sub(parent, _ss("sequencing"))
    sub(sequencing, _ss("controlMode"), choice="true", flow="true")
    if not contributes:
        sub(sequencing, _ss("rollupRules"), rollupObjectiveSatisfied="false")


def _sco_item(parent: etree._Element, plan: ExportPlan, unit: Unit) -> None:
    policy = plan.course.tracking
    item = sco_item(parent, NS_CP, unit)
    if policy.completion is CompletionRule.PERCENT_VIEWED:
        threshold = decimal(min(1.0, max(0.0, policy.completion_threshold)))
        if plan.package.scorm2004_edition == "3rd":  # 3rd Edition: the threshold as text
            sub(item, f"{{{NS_ADLCP}}}completionThreshold", threshold)
        else:
            sub(item, f"{{{NS_ADLCP}}}completionThreshold", completedByMeasure="true",
                 minProgressMeasure=threshold)
    if not plan.package.sequencing:
        return
    sequencing = sub(item, _ss("sequencing"))
    contributes = unit.scored and policy.mastery_score is not None
    if not contributes:
        sub(sequencing, _ss("rollupRules"), rollupObjectiveSatisfied="false")
    by_measure = contributes and plan.package.mastery_in_manifest
    objectives = sub(sequencing, _ss("objectives"))
    primary = sub(objectives, _ss("primaryObjective"), objectiveID=f"obj_{unit.id}",
                   satisfiedByMeasure="true" if by_measure else None)
    if by_measure:
        sub(primary, _ss("minNormalizedMeasure"), decimal(policy.mastery_score / 100))
    sub(sequencing, _ss("deliveryControls"), completionSetByContent="true",
         objectiveSetByContent="true")


def _free_navigation(parent: etree._Element, plan: ExportPlan, contributes: bool) -> None:
    if plan.package.sequencing:
        _navigation_rules(parent, contributes)


def _organization(root: etree._Element, plan: ExportPlan) -> None:
    organizations = sub(root, _cp("organizations"), default=ORGANIZATION)
    global_objectives = "false" if plan.package.sequencing else None
    organization = sub(organizations, _cp("organization"), identifier=ORGANIZATION,
                        **{f"{{{NS_ADLSEQ}}}objectivesGlobalToSystem": global_objectives})
    sub(organization, _cp("title"), manifest_title(plan.course.title))
    if not plan.options.sco_per_lesson:
        _sco_item(organization, plan, plan.units[0])
    else:
        for module in plan.course.modules:
            if not module.lessons:
                continue
            aggregation = sub(organization, _cp("item"), identifier=xml_id(module.id, "mod_"))
            sub(aggregation, _cp("title"), manifest_title(module.title))
            units = [plan.unit_of_lesson(lesson.id) for lesson in module.lessons]
            for unit in units:
                _sco_item(aggregation, plan, unit)
            contributes = plan.course.tracking.mastery_score is not None and any(
                u.scored for u in units)
            _free_navigation(aggregation, plan, contributes)
    _free_navigation(organization, plan, True)


def manifest_xml(plan: ExportPlan) -> bytes:
    """``imsmanifest.xml`` of a SCORM 2004 package (SCORM 2004 CAM: IMS CP 1.1.4 with ADL CP,
    IMS Simple Sequencing and ADL SEQ/NAV extensions) of the edition ``plan.package`` names
    (4th by default, or 3rd), as UTF-8 bytes; without sequencing when the profile says so."""
    if plan.package.sequencing:
        nsmap = {None: NS_CP, "adlcp": NS_ADLCP, "adlseq": NS_ADLSEQ, "adlnav": NS_ADLNAV,
                 "imsss": NS_SS, "xsi": NS_XSI}
        location = SCHEMA_LOCATION
    else:
        nsmap = {None: NS_CP, "adlcp": NS_ADLCP, "xsi": NS_XSI}
        location = f"{NS_CP} imscp_v1p1.xsd {NS_ADLCP} adlcp_v1p3.xsd"
    edition = plan.package.scorm2004_edition
    root = manifest_root(plan, nsmap, location, f"2004 {edition} Edition",
                         version=manifest_title(plan.course.version))
    _organization(root, plan)
    add_resources(root, plan, NS_CP, f"{{{NS_ADLCP}}}scormType")
    return document_bytes(root)


class Scorm2004(PackageFormat):
    """SCORM 2004 4th Edition: modules as aggregations, lessons as SCOs with free navigation
    and roll-up from scored lessons, the schemas copied into the package root when asked."""

    name = "scorm2004"
    label = "SCORM 2004 4th Edition"
    tracking = "scorm2004"
    capabilities = frozenset({MULTI_UNIT, SEQUENCING, SCHEMAS})

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """``imsmanifest.xml`` and, with ``include_schemas``, the schemas of its edition
        (4th, or the 3rd an LMS profile asks for); raises ``ExportError`` when the schemas
        are not installed."""
        files = [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]
        if plan.options.include_schemas:
            files += schema_files(f"scorm2004-{plan.package.scorm2004_edition}")
        return files


FORMAT = Scorm2004()

"""SCORM 2004 4th Edition packages: IMS CP 1.1 with ADL CP, SEQ, NAV and IMS Simple Sequencing.

The organization mirrors the course: modules are aggregations, lessons are SCOs (or the
whole course is one SCO). Learners may choose and flow freely. Completion rolls up from
the lessons by the default rules; satisfaction rolls up only from activities that hold a
scored quiz, because a lesson without one can never be passed or failed. When the course
has a mastery score a scored lesson is satisfied by its measure (mastery / 100); under the
``percent_viewed`` policy a SCO is completed by its progress measure.
"""

from __future__ import annotations

from lxml import etree

from studio.export.formats import (
    MULTI_UNIT,
    SCHEMAS,
    SEQUENCING,
    PackageFormat,
    decimal,
    manifest_title,
    register,
)
from studio.export.plan import (
    LAUNCH_FILE,
    ExportPlan,
    PackageFile,
    Unit,
    manifest_identifier,
    schema_files,
    xml_id,
)
from studio.model import CompletionRule

NS_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_SS = "http://www.imsglobal.org/xsd/imsss"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_v1p1.xsd {NS_ADLCP} adlcp_v1p3.xsd {NS_ADLSEQ} adlseq_v1p3.xsd "
    f"{NS_ADLNAV} adlnav_v1p3.xsd {NS_SS} imsss_v1p0.xsd"
)
MANIFEST = "imsmanifest.xml"
SHARED_RESOURCE = "shared_player"
ORGANIZATION = "org_course"


def _cp(tag: str) -> str:
    return f"{{{NS_CP}}}{tag}"


def _ss(tag: str) -> str:
    return f"{{{NS_SS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None):
    elem = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        elem.text = text
    return elem


def resource_id(unit: Unit) -> str:
    return f"res_{unit.id}"


def _free_navigation(parent: etree._Element, contributes: bool) -> None:
    sequencing = _sub(parent, _ss("sequencing"))
    _sub(sequencing, _ss("controlMode"), choice="true", flow="true")
    if not contributes:
        _sub(sequencing, _ss("rollupRules"), rollupObjectiveSatisfied="false")


def _sco_item(parent: etree._Element, plan: ExportPlan, unit: Unit) -> None:
    policy = plan.course.tracking
    item = _sub(parent, _cp("item"), identifier=f"item_{unit.id}",
                identifierref=resource_id(unit), parameters=unit.parameters or None)
    _sub(item, _cp("title"), manifest_title(unit.title))
    if policy.completion is CompletionRule.PERCENT_VIEWED:
        _sub(item, f"{{{NS_ADLCP}}}completionThreshold", completedByMeasure="true",
             minProgressMeasure=decimal(min(1.0, max(0.0, policy.completion_threshold))))
    sequencing = _sub(item, _ss("sequencing"))
    contributes = unit.scored and policy.mastery_score is not None
    if not contributes:
        _sub(sequencing, _ss("rollupRules"), rollupObjectiveSatisfied="false")
    objectives = _sub(sequencing, _ss("objectives"))
    primary = _sub(objectives, _ss("primaryObjective"), objectiveID=f"obj_{unit.id}",
                   satisfiedByMeasure="true" if contributes else None)
    if contributes:
        _sub(primary, _ss("minNormalizedMeasure"), decimal(policy.mastery_score / 100))
    _sub(sequencing, _ss("deliveryControls"), completionSetByContent="true",
         objectiveSetByContent="true")


def _organization(root: etree._Element, plan: ExportPlan) -> None:
    organizations = _sub(root, _cp("organizations"), default=ORGANIZATION)
    organization = _sub(organizations, _cp("organization"), identifier=ORGANIZATION,
                        **{f"{{{NS_ADLSEQ}}}objectivesGlobalToSystem": "false"})
    _sub(organization, _cp("title"), manifest_title(plan.course.title))
    if not plan.options.sco_per_lesson:
        _sco_item(organization, plan, plan.units[0])
    else:
        for module in plan.course.modules:
            if not module.lessons:
                continue
            aggregation = _sub(organization, _cp("item"), identifier=xml_id(module.id, "mod_"))
            _sub(aggregation, _cp("title"), manifest_title(module.title))
            units = [plan.unit_of_lesson(lesson.id) for lesson in module.lessons]
            for unit in units:
                _sco_item(aggregation, plan, unit)
            contributes = plan.course.tracking.mastery_score is not None and any(
                u.scored for u in units)
            _free_navigation(aggregation, contributes)
    _free_navigation(organization, True)


def _resources(root: etree._Element, plan: ExportPlan) -> None:
    resources = _sub(root, _cp("resources"))
    scorm_type = f"{{{NS_ADLCP}}}scormType"
    for unit in plan.units:
        resource = _sub(resources, _cp("resource"), identifier=resource_id(unit),
                        type="webcontent", href=LAUNCH_FILE, **{scorm_type: "sco"})
        for name in [LAUNCH_FILE, *unit.media]:
            _sub(resource, _cp("file"), href=name)
        _sub(resource, _cp("dependency"), identifierref=SHARED_RESOURCE)
    shared = _sub(resources, _cp("resource"), identifier=SHARED_RESOURCE, type="webcontent",
                  **{scorm_type: "asset"})
    for name in plan.shared_names:
        _sub(shared, _cp("file"), href=name)


def manifest_xml(plan: ExportPlan) -> bytes:
    nsmap = {None: NS_CP, "adlcp": NS_ADLCP, "adlseq": NS_ADLSEQ, "adlnav": NS_ADLNAV,
             "imsss": NS_SS, "xsi": NS_XSI}
    root = etree.Element(_cp("manifest"), nsmap=nsmap, identifier=manifest_identifier(plan.course),
                         version=manifest_title(plan.course.version))
    root.set(f"{{{NS_XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, _cp("metadata"))
    _sub(metadata, _cp("schema"), "ADL SCORM")
    _sub(metadata, _cp("schemaversion"), "2004 4th Edition")
    _organization(root, plan)
    _resources(root, plan)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@register
class Scorm2004(PackageFormat):
    name = "scorm2004"
    label = "SCORM 2004 4th Edition"
    tracking = "scorm2004"
    capabilities = frozenset({MULTI_UNIT, SEQUENCING, SCHEMAS})

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        files = [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]
        if plan.options.include_schemas:
            files += schema_files("scorm2004-4th")
        return files

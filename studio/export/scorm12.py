"""SCORM 1.2 packages: an IMS CP 1.1.2 manifest with the ADL CP 1.2 extensions.

Each lesson is a SCO launched as ``index.html?unit=<lesson id>`` (the item's
``parameters``), or the whole course is one SCO. Files every SCO needs (the player and the
course data) are one shared ``asset`` resource that each SCO depends on.
"""

from __future__ import annotations

from lxml import etree

from studio.export.formats import (
    MULTI_UNIT,
    SCHEMAS,
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

NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP} adlcp_rootv1p2.xsd"
)
MANIFEST = "imsmanifest.xml"
SHARED_RESOURCE = "shared_player"
ORGANIZATION = "org_course"


def _cp(tag: str) -> str:
    return f"{{{NS_CP}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str):
    elem = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        elem.text = text
    return elem


def resource_id(unit: Unit) -> str:
    return f"res_{unit.id}"


def _sco_item(parent: etree._Element, plan: ExportPlan, unit: Unit) -> None:
    item = _sub(parent, _cp("item"), identifier=f"item_{unit.id}",
                identifierref=resource_id(unit), parameters=unit.parameters or None)
    _sub(item, _cp("title"), manifest_title(unit.title))
    mastery = plan.course.tracking.mastery_score
    if mastery is not None and unit.scored:
        _sub(item, f"{{{NS_ADLCP}}}masteryscore", decimal(mastery))


def _organization(root: etree._Element, plan: ExportPlan) -> None:
    organizations = _sub(root, _cp("organizations"), default=ORGANIZATION)
    organization = _sub(organizations, _cp("organization"), identifier=ORGANIZATION)
    _sub(organization, _cp("title"), manifest_title(plan.course.title))
    if not plan.options.sco_per_lesson:
        _sco_item(organization, plan, plan.units[0])
        return
    for module in plan.course.modules:
        if not module.lessons:
            continue
        aggregation = _sub(organization, _cp("item"), identifier=xml_id(module.id, "mod_"))
        _sub(aggregation, _cp("title"), manifest_title(module.title))
        for lesson in module.lessons:
            _sco_item(aggregation, plan, plan.unit_of_lesson(lesson.id))


def _resources(root: etree._Element, plan: ExportPlan) -> None:
    resources = _sub(root, _cp("resources"))
    scorm_type = f"{{{NS_ADLCP}}}scormtype"
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
    root = etree.Element(
        _cp("manifest"), nsmap={None: NS_CP, "adlcp": NS_ADLCP, "xsi": NS_XSI},
        identifier=manifest_identifier(plan.course),
        version=manifest_title(plan.course.version)[:20],
    )
    root.set(f"{{{NS_XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, _cp("metadata"))
    _sub(metadata, _cp("schema"), "ADL SCORM")
    _sub(metadata, _cp("schemaversion"), "1.2")
    _organization(root, plan)
    _resources(root, plan)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@register
class Scorm12(PackageFormat):
    name = "scorm12"
    label = "SCORM 1.2"
    tracking = "scorm12"
    capabilities = frozenset({MULTI_UNIT, SCHEMAS})

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        files = [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]
        if plan.options.include_schemas:
            files += schema_files("scorm12")
        return files

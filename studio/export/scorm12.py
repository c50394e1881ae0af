"""SCORM 1.2 packages: an IMS CP 1.1.2 manifest with the ADL CP 1.2 extensions.

Each lesson is a SCO launched as ``index.html?unit=<lesson id>`` (the item's
``parameters``), or the whole course is one SCO. Files every SCO needs (the player and the
course data) are one shared ``asset`` resource that each SCO depends on. For an LMS whose
profile judges mastery in the content, scored SCOs carry no ``adlcp:masteryscore``.
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
from studio.export.package import MULTI_UNIT, SCHEMAS, ExportPlan, PackageFile, PackageFormat, Unit
from studio.export.xml import decimal, document_bytes, manifest_title, sub, xml_id

NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP} adlcp_rootv1p2.xsd"
)


def _cp(tag: str) -> str:
    return f"{{{NS_CP}}}{tag}"


def _sco_item(parent: etree._Element, plan: ExportPlan, unit: Unit) -> None:
    item = sco_item(parent, NS_CP, unit)
    mastery = plan.course.tracking.mastery_score
    if mastery is not None and unit.scored and plan.package.mastery_in_manifest:
        sub(item, f"{{{NS_ADLCP}}}masteryscore", decimal(mastery))


def _organization(root: etree._Element, plan: ExportPlan) -> None:
    organizations = sub(root, _cp("organizations"), default=ORGANIZATION)
    organization = sub(organizations, _cp("organization"), identifier=ORGANIZATION)
    sub(organization, _cp("title"), manifest_title(plan.course.title))
    if not plan.options.sco_per_lesson:
        _sco_item(organization, plan, plan.units[0])
        return
    for module in plan.course.modules:
        if not module.lessons:
            continue
        aggregation = sub(organization, _cp("item"), identifier=xml_id(module.id, "mod_"))
        sub(aggregation, _cp("title"), manifest_title(module.title))
        for lesson in module.lessons:
            _sco_item(aggregation, plan, plan.unit_of_lesson(lesson.id))


def manifest_xml(plan: ExportPlan) -> bytes:
    """``imsmanifest.xml`` of a SCORM 1.2 package (SCORM 1.2 CAM content packaging, IMS CP
    1.1.2), as UTF-8 bytes; the version is cut to the 20 characters IMS CP 1.1.2 allows."""
    root = manifest_root(plan, {None: NS_CP, "adlcp": NS_ADLCP, "xsi": NS_XSI}, SCHEMA_LOCATION,
                         "1.2", version=manifest_title(plan.course.version)[:20])
    _organization(root, plan)
    add_resources(root, plan, NS_CP, f"{{{NS_ADLCP}}}scormtype")
    return document_bytes(root)


class Scorm12(PackageFormat):
    """SCORM 1.2: a SCO per lesson (or one for the course), ``adlcp:masteryscore`` on scored
    SCOs, the schemas copied into the package root when asked."""

    name = "scorm12"
    label = "SCORM 1.2"
    tracking = "scorm12"
    capabilities = frozenset({MULTI_UNIT, SCHEMAS})

    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """``imsmanifest.xml`` and, with ``include_schemas``, the SCORM 1.2 schemas; raises
        ``ExportError`` when the schemas are not installed."""
        files = [PackageFile.from_bytes(MANIFEST, manifest_xml(plan))]
        if plan.options.include_schemas:
            files += schema_files("scorm12")
        return files


FORMAT = Scorm12()

"""The IMS Content Packaging parts both SCORM editions write alike.

Both manifests hold one ``sco`` resource per unit (the launch file and the unit's media,
depending on one shared ``asset`` resource with the player and the course data) and open
with the same root and ``metadata``; the editions differ in namespaces, in the spelling of
the ``scormtype`` attribute, in the organization's sequencing and in their schema version.
"""

from __future__ import annotations

from lxml import etree

from studio.export.formats import manifest_title
from studio.export.plan import LAUNCH_FILE, ExportPlan, Unit, manifest_identifier

MANIFEST = "imsmanifest.xml"
SHARED_RESOURCE = "shared_player"
ORGANIZATION = "org_course"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None):
    """A child element; attributes given as None are left out."""
    elem = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        elem.text = text
    return elem


def resource_id(unit: Unit) -> str:
    return f"res_{unit.id}"


def manifest_root(plan: ExportPlan, nsmap: dict[str | None, str], schema_location: str,
                  schema_version: str, version: str) -> etree._Element:
    """The ``manifest`` element (in the nsmap's default namespace) with its metadata."""
    ns_cp = nsmap[None]
    root = etree.Element(f"{{{ns_cp}}}manifest", nsmap=nsmap,
                         identifier=manifest_identifier(plan.course), version=version)
    root.set(f"{{{NS_XSI}}}schemaLocation", schema_location)
    metadata = sub(root, f"{{{ns_cp}}}metadata")
    sub(metadata, f"{{{ns_cp}}}schema", "ADL SCORM")
    sub(metadata, f"{{{ns_cp}}}schemaversion", schema_version)
    return root


def add_resources(root: etree._Element, plan: ExportPlan, ns_cp: str, scorm_type: str) -> None:
    """One SCO resource per unit, each depending on the shared asset resource."""
    def cp(tag: str) -> str:
        return f"{{{ns_cp}}}{tag}"

    resources = sub(root, cp("resources"))
    for unit in plan.units:
        resource = sub(resources, cp("resource"), identifier=resource_id(unit),
                       type="webcontent", href=LAUNCH_FILE, **{scorm_type: "sco"})
        for name in [LAUNCH_FILE, *unit.media]:
            sub(resource, cp("file"), href=name)
        sub(resource, cp("dependency"), identifierref=SHARED_RESOURCE)
    shared = sub(resources, cp("resource"), identifier=SHARED_RESOURCE, type="webcontent",
                 **{scorm_type: "asset"})
    for name in plan.shared_names:
        sub(shared, cp("file"), href=name)


def sco_item(parent: etree._Element, ns_cp: str, unit: Unit) -> etree._Element:
    """The organization's ``item`` that launches a unit, with its title."""
    item = sub(parent, f"{{{ns_cp}}}item", identifier=f"item_{unit.id}",
               identifierref=resource_id(unit), parameters=unit.parameters or None)
    sub(item, f"{{{ns_cp}}}title", manifest_title(unit.title))
    return item


def manifest_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

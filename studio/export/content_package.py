"""The IMS Content Packaging parts both SCORM editions write alike.

Both manifests hold one ``sco`` resource per unit (the launch file and the unit's media,
depending on one shared ``asset`` resource with the player and the course data) and open
with the same root and ``metadata``; the editions differ in namespaces, in the spelling of
the ``scormtype`` attribute, in the organization's sequencing and in their schema version.
"""

from __future__ import annotations

from lxml import etree

from studio.errors import ExportError
from studio.export.package import LAUNCH_FILE, ExportPlan, PackageFile, Unit
from studio.export.xml import manifest_identifier, manifest_title, sub
from studio.resources import resources_dir

MANIFEST = "imsmanifest.xml"
SHARED_RESOURCE = "shared_player"
ORGANIZATION = "org_course"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def resource_id(unit: Unit) -> str:
    """The identifier of a unit's ``sco`` resource: ``res_<unit id>``."""
    return f"res_{unit.id}"


def manifest_root(plan: ExportPlan, nsmap: dict[str | None, str], schema_location: str,
                  schema_version: str, version: str) -> etree._Element:
    """The ``manifest`` element (in the nsmap's default namespace) with its metadata."""
    ns_cp = nsmap[None]
    identifier = manifest_identifier(plan.course, plan.package.identifier_title_chars)
    root = etree.Element(f"{{{ns_cp}}}manifest", nsmap=nsmap, identifier=identifier,
                         version=version)
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


def schema_files(edition_folder: str) -> list[PackageFile]:
    """Copies of the official schemas of one edition (a folder of ``resources/schemas/xsd``)
    for the package root, sorted by name; raises ``ExportError`` when they are not installed."""
    folder = resources_dir() / "schemas" / "xsd" / edition_folder
    if not folder.is_dir():
        raise ExportError(f"The XML schemas are not installed ({folder} is missing); "
                          "reinstall Course Studio.")
    return sorted(
        (PackageFile(p.relative_to(folder).as_posix(), p.stat().st_size, source=p)
         for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")),
        key=lambda f: f.name,
    )

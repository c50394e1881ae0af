"""The official e-learning schemas shipped in ``resources/schemas``, used strictly offline.

Each schema set is compiled once per process (compiling takes milliseconds with libxml2 but
a few hundred with xmlschema) and reused. Nothing here ever touches the network: parsers run
with ``no_network=True`` and every public schema URL is mapped onto a shipped file.

Two known defects of the official SCORM 1.2 files are worked around without changing them:
``ims_xml.xsd`` binds the default namespace to the XML namespace, which no parser accepts, so
it is replaced by the W3C ``xml.xsd`` that declares the same attributes; and
``imsmd_rootv1p2p1.xsd`` breaks the XSD 1.0 Unique Particle Attribution rule, so libxml2
checks the manifest without it and IMS metadata is checked by xmlschema in XSD 1.1 mode,
which relaxes that rule.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

from lxml import etree

from studio.resources import resources_dir

NS_IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_IMSMD_12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NS_IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_LOM = "http://ltsc.ieee.org/xsd/LOM"
NS_CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
NS_TINCAN = "http://projecttincan.com/tincan.xsd"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"

# Prefixes used when naming elements in messages (the document's own prefixes may differ).
_PREFIXES = {
    NS_IMSCP_12: "",
    NS_IMSCP: "",
    NS_CMI5: "",
    NS_TINCAN: "",
    NS_ADLCP_12: "adlcp:",
    NS_ADLCP: "adlcp:",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq:",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav:",
    NS_IMSSS: "imsss:",
    NS_LOM: "lom:",
    NS_IMSMD_12: "imsmd:",
    NS_XML: "xml:",
}

# schema name -> (root schema file under resources/schemas, what a person calls it)
_SCHEMA_FILES = {
    "scorm12": ("drivers/scorm12-no-imsmd.xsd", "SCORM 1.2"),
    "scorm2004-3rd": ("drivers/scorm2004-3rd.xsd", "SCORM 2004 3rd Edition"),
    "scorm2004-4th": ("drivers/scorm2004-4th.xsd", "SCORM 2004 4th Edition"),
    "lom-3rd": ("xsd/scorm2004-3rd/lom.xsd", "IEEE LOM metadata (SCORM 2004 3rd Edition)"),
    "lom-4th": ("xsd/scorm2004-4th/lom.xsd", "IEEE LOM metadata (SCORM 2004 4th Edition)"),
    "cmi5": ("xsd/cmi5/CourseStructure.xsd", "cmi5 course structure"),
    "tincan": ("xsd/tincan/tincan.xsd", "Tin Can"),
}
_IMSMD_FILE = "xsd/scorm12/imsmd_rootv1p2p1.xsd"
_LOCK = threading.Lock()


def schema_dir() -> Path:
    """The folder of the official schemas shipped with Course Studio (``resources/schemas``)."""
    return resources_dir() / "schemas"


def _local_copy(uri: str) -> Path | None:
    """The shipped file standing for a schema URI, or None to let the parser load it as is."""
    root = schema_dir()
    w3c_xml = root / "xsd/scorm2004-4th/xml.xsd"
    if uri.endswith("scorm12/ims_xml.xsd"):
        return w3c_xml
    known = {
        "http://www.w3.org/2001/xml.xsd": w3c_xml,
        "http://www.w3.org/2001/03/xml.xsd": w3c_xml,
        NS_CMI5: root / "xsd/cmi5/CourseStructure.xsd",
        NS_TINCAN: root / "xsd/tincan/tincan.xsd",
    }
    return known.get(uri)


class _ShippedSchemas(etree.Resolver):
    def resolve(self, system_url, _public_id, context):
        target = _local_copy(system_url or "")
        return self.resolve_filename(str(target), context) if target else None


def safe_parser() -> etree.XMLParser:
    """A parser that never fetches anything and never expands entities."""
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)


@cache
def _compiled(name: str) -> etree.XMLSchema:
    parser = safe_parser()
    parser.resolvers.add(_ShippedSchemas())
    path = schema_dir() / _SCHEMA_FILES[name][0]
    return etree.XMLSchema(etree.parse(str(path), parser))


@cache
def _compiled_imsmd():
    import xmlschema  # slow to import; only SCORM 1.2 metadata needs it

    def mapper(uri: str) -> str:
        target = _local_copy(uri)
        return target.as_uri() if target else uri

    return xmlschema.XMLSchema11(str(schema_dir() / _IMSMD_FILE), allow="local", uri_mapper=mapper)


def schema_label(name: str) -> str:
    """The name people know a schema by ('SCORM 2004 4th Edition'); ``name`` is one of the
    keys of the schema table or ``imsmd``. Raises ``KeyError`` for any other."""
    return "IMS metadata 1.2" if name == "imsmd" else _SCHEMA_FILES[name][1]


def readable_name(qname: str) -> str:
    """'{http://www.adlnet.org/xsd/adlcp_v1p3}scormType' -> 'adlcp:scormType'."""
    if qname.startswith("{"):
        ns, _, local = qname[1:].partition("}")
        return _PREFIXES.get(ns, "") + local
    return qname


def element_path(elem: etree._Element) -> str:
    """'/manifest/resources/resource[2]/file[3]': names, with positions where they repeat."""
    steps = []
    while elem is not None:
        local = etree.QName(elem).localname
        name = f"{elem.prefix}:{local}" if elem.prefix else local
        parent = elem.getparent()
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == elem.tag]
            if len(same) > 1:
                name += f"[{same.index(elem) + 1}]"
        steps.append(name)
        elem = parent
    return "/" + "/".join(reversed(steps))


def attribute_where(elem: etree._Element, attribute: str) -> str:
    """Where an attribute is, for a finding: ``/manifest/resources/resource[2]@href``."""
    return f"{element_path(elem)}@{readable_name(attribute)}"


_QNAME = re.compile(r"\{([^}'\s]+)\}(\w[\w.-]*)")
_LXML_HEAD = re.compile(r"^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$", re.S)
_WILDCARDS = re.compile(r",?\s*##other\{[^}]*\}\*|,?\s*##any\*?")


def _plain(detail: str) -> str:
    detail = _QNAME.sub(lambda m: _PREFIXES.get(m.group(1), "") + m.group(2), detail)
    detail = _WILDCARDS.sub("", detail)
    detail = re.sub(r"\[facet '[^']+'\]\s*", "", detail)
    detail = detail.replace("is not an element of the set", "is not one of the allowed values")
    detail = detail.replace("This element is not expected.", "This element is not allowed here.")
    detail = detail.replace("Expected is one of (", "Expected one of (")
    return " ".join(detail.split())


def _element_for(doc: etree._ElementTree, error) -> etree._Element | None:
    elements = list(doc.getroot().iter(tag=etree.Element))
    namespaces = {p: ns for e in elements for p, ns in e.nsmap.items() if p}
    try:
        found = doc.xpath(error.path, namespaces=namespaces) if error.path else []
    except etree.XPathError:
        found = []
    if found and isinstance(found[0], etree._Element):
        return found[0]
    return next((e for e in elements if e.sourceline == error.line), None)


def entity_problems(doc: etree._ElementTree) -> list[tuple[str, str]]:
    """(where, message) for each entity referenced in element text, one per entity name.

    The safe parser never expands entities (XML 1.0 §4.4.3), so ``&x;`` stays a reference
    node that no schema can check and that libxml2's validator rejects with an internal
    error. An entity declared with SYSTEM or PUBLIC in the document's DTD is named
    external: it asks the reader to open a file or URL, which this validator never does.
    """
    dtd = doc.docinfo.internalDTD
    external = {e.name for e in dtd.iterentities() if e.system_url} if dtd is not None else set()
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entity in doc.getroot().iter(etree.Entity):
        if entity.name in seen:
            continue
        seen.add(entity.name)
        parent = entity.getparent()
        where = element_path(parent) if parent is not None else "document"
        what = "an external entity" if entity.name in external else "an entity"
        problems.append((where, f"uses {what} (&{entity.name};), which is not allowed: "
                                "entities are never expanded, so the text it stands for "
                                "cannot be checked or shown"))
    return problems


def schema_problems(
    name: str, doc: etree._ElementTree, checked_apart: str | None = None
) -> list[tuple[str, str]]:
    """(where, message) for each way ``doc`` breaks the named schema; [] when it is valid.

    Elements of the namespace ``checked_apart`` are not reported as undeclared: the caller
    checks them against their own schema.
    """
    schema = _compiled(name)
    label = schema_label(name)
    with _LOCK:
        try:
            if schema.validate(doc):
                return []
        except etree.XMLSchemaValidateError as exc:  # libxml2 gave up on the document
            return [("document", f"cannot be checked against the {label} schema ({exc})")]
        errors = list(schema.error_log)
    problems = []
    for error in errors:
        head = _LXML_HEAD.match(error.message)
        attribute, detail = (head.group(2), head.group(3)) if head else (None, error.message)
        elem = _element_for(doc, error)
        if (
            checked_apart
            and elem is not None
            and etree.QName(elem).namespace == checked_apart
            and "No matching global element declaration" in error.message
        ):
            continue
        where = element_path(elem) if elem is not None else f"line {error.line}"
        if attribute:
            where += "@" + readable_name(attribute)
        subject = readable_name(head.group(1)) if head else "document"
        problems.append(
            (where, f"<{subject}> breaks the {label} schema: {_plain(detail)} (line {error.line})")
        )
    return problems


def imsmd_problems(elem: etree._Element) -> list[tuple[str, str]]:
    """Check one IMS metadata 1.2 subtree (e.g. an inline <imsmd:lom>) against its schema."""
    schema = _compiled_imsmd()
    problems = []
    with _LOCK:
        errors = list(schema.iter_errors(elem, use_location_hints=False))
    for error in errors:
        target = error.elem if isinstance(error.elem, etree._Element) else elem
        reason = _plain(str(error.reason or error.message).splitlines()[0])
        problems.append(
            (
                element_path(target),
                f"<{readable_name(target.tag)}> breaks the IMS metadata 1.2 schema: {reason} "
                f"(line {target.sourceline})",
            )
        )
    return problems


def schemaversion(doc: etree._ElementTree) -> str:
    """The text of /manifest/metadata/schemaversion, with spaces tidied ('' when absent)."""
    root = doc.getroot()
    ns = etree.QName(root).namespace
    return " ".join((root.findtext(f"{{{ns}}}metadata/{{{ns}}}schemaversion") or "").split())


def document_kind(doc: etree._ElementTree) -> str:
    """Which schema set a manifest belongs to: a package kind, or "unknown".

    SCORM 2004 manifests whose schemaversion names no edition are taken as 4th Edition.
    """
    root = doc.getroot()
    qname = etree.QName(root)
    if (qname.localname, qname.namespace) == ("courseStructure", NS_CMI5):
        return "cmi5"
    if (qname.localname, qname.namespace) == ("tincan", NS_TINCAN):
        return "tincan"
    if qname.localname != "manifest":
        return "unknown"
    elements = list(root.iter(etree.Element))
    used = {etree.QName(e).namespace for e in elements}
    used |= {etree.QName(a).namespace for e in elements for a in e.attrib}
    if qname.namespace == NS_IMSCP or NS_ADLCP in used:
        return "scorm2004-3rd" if schemaversion(doc) == "2004 3rd Edition" else "scorm2004-4th"
    if qname.namespace == NS_IMSCP_12 or NS_ADLCP_12 in used:
        return "scorm12"
    return "unknown"


def document_problems(kind: str, doc: etree._ElementTree) -> list[tuple[str, str]]:
    """Everything the official schemas of ``kind`` say is wrong with ``doc``."""
    if kind != "scorm12":
        return schema_problems(kind, doc)
    problems = schema_problems(kind, doc, checked_apart=NS_IMSMD_12)
    md = f"{{{NS_IMSMD_12}}}"
    for elem in doc.getroot().iter(etree.Element):
        parent = elem.getparent()
        if elem.tag.startswith(md) and parent is not None and not parent.tag.startswith(md):
            problems += imsmd_problems(elem)
    return problems

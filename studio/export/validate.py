"""Check an e-learning package the way a careful LMS would, before anyone uploads it.

``validate_package`` takes a .zip, an unpacked folder, or one manifest file
(imsmanifest.xml, cmi5.xml, tincan.xml) and returns a :class:`Report` of findings written
for the person who runs the LMS. It recognises SCORM 1.2, SCORM 2004 3rd and 4th Edition,
cmi5 and Tin Can; it checks the zip itself (readable, no paths escaping the package, no zip
bomb), the manifest against the official schemas (offline), and that everything the
manifest points at is really in the package.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from lxml import etree

from studio.errors import Cancelled
from studio.export import schemas
from studio.export.package_source import (
    MAX_DOCUMENT_BYTES,
    Finding,
    Findings,
    FolderSource,
    check_zip,
    folder_names,
)
from studio.export.schemas import attribute_where, element_path
from studio.export.validate_html5 import SITE_PAGE, check_html5_site, is_html5_site
from studio.jobs import CancelToken, Progress, no_progress

Kind = Literal["scorm12", "scorm2004-3rd", "scorm2004-4th", "cmi5", "tincan", "html5",
               "unknown"]
# What each kind is, in the words a report uses ("a valid ...").
KIND_NAMES = {
    "scorm12": "SCORM 1.2 package",
    "scorm2004-3rd": "SCORM 2004 3rd Edition package",
    "scorm2004-4th": "SCORM 2004 4th Edition package",
    "cmi5": "cmi5 package",
    "tincan": "Tin Can (xAPI) package",
    "html5": "HTML5 site (index.html, course-data.js and the player files)",
    "unknown": "e-learning package",
}
MAX_UNLISTED_WARNINGS = 20
ROOT_DOCUMENTS = {"imsmanifest.xml": "SCORM", "cmi5.xml": "cmi5", "tincan.xml": "Tin Can"}
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Report:
    """What validating a package found: its ``kind`` ('unknown' when it could not be told)
    and every finding, errors and warnings, in the order they were found."""

    kind: Kind
    findings: tuple[Finding, ...]

    @property
    def description(self) -> str:
        """What the package is, e.g. 'SCORM 1.2 package' or 'HTML5 site (...)'."""
        return KIND_NAMES[self.kind]

    @property
    def ok(self) -> bool:
        """True when nothing is an error (warnings do not stop an upload)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that make the package unfit for an LMS."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings worth a look that do not make the package invalid."""
        return tuple(f for f in self.findings if f.severity == "warning")


def validate_package(
    path: Path, progress: Progress | None = None, token: CancelToken | None = None
) -> Report:
    """Check a package (.zip or folder) or a single manifest file; never raises for bad input.

    A package with no manifest but an index.html at its top is checked as an HTML5 site
    (:mod:`studio.export.validate_html5`).

    Raises :class:`studio.errors.Cancelled` if ``token`` is cancelled.
    """
    progress = progress or no_progress
    token = token or CancelToken()
    path = Path(path)
    findings = Findings()
    progress(0.0, "Opening package")
    if not path.exists():
        findings.error(path.name or str(path), "does not exist")
        return Report("unknown", tuple(findings))
    if path.is_file() and path.suffix.lower() == ".xml":
        kind = _check_document(FolderSource(path.parent, None), path.name, None, findings, token)
    elif path.is_dir():
        names = folder_names(path, findings, token)
        kind = _check_package(FolderSource(path, names), path.name, findings, token, progress)
    else:
        kind = check_zip(path, findings, token, progress,
                         lambda source: _check_package(source, path.name, findings, token,
                                                       progress))
    progress(1.0, "Checked")
    return Report(kind, tuple(findings))


def _check_package(source, label: str, findings, token, progress) -> Kind:
    if not ROOT_DOCUMENTS.keys() & source.names and is_html5_site(source.names):
        progress(0.6, f"Checking {SITE_PAGE}")
        check_html5_site(source, _References(source, findings, token), findings)
        return "html5"
    document = _root_document(source.names, label, findings)
    if document is None:
        return "unknown"
    progress(0.6, f"Checking {document}")
    return _check_document(source, document, ROOT_DOCUMENTS[document], findings, token)


def _root_document(names: set[str], label: str, findings: Findings) -> str | None:
    for document in ROOT_DOCUMENTS:
        if document in names:
            return document
    for name in sorted(names, key=lambda n: (n.count("/"), n)):
        folder, _, base = name.rpartition("/")
        if base.lower() not in ROOT_DOCUMENTS:
            continue
        if folder:
            findings.error(
                name,
                f"{base} must be at the top level of the package, not in the "
                f"folder '{folder}' (zip the folder's contents, not the folder)",
            )
        else:
            findings.error(
                name,
                f"must be named exactly '{base.lower()}' (names are "
                "case-sensitive on most servers)",
            )
        return None
    findings.error(
        label,
        "has no imsmanifest.xml (SCORM), cmi5.xml (cmi5) or tincan.xml "
        "(Tin Can) at its top level, so no LMS can import it",
    )
    return None


# ---- the manifest ----------------------------------------------------------------------


def _parse(source, name: str, findings: Findings) -> etree._ElementTree | None:
    data = source.read(name)
    if len(data) > MAX_DOCUMENT_BYTES:
        findings.error(name, "is too large to be a manifest")
        return None
    try:
        return etree.ElementTree(etree.fromstring(data, schemas.safe_parser()))
    except etree.XMLSyntaxError as exc:
        detail = re.sub(r",? line \d+, column \d+$", "", str(exc.msg or exc))
        findings.error(
            name, f"is not well-formed XML: {detail} (line {exc.lineno}, column {exc.offset})"
        )
        return None


def _kind_of(doc: etree._ElementTree, name: str, findings: Findings) -> Kind:
    kind = schemas.document_kind(doc)
    root = doc.getroot()
    if kind == "unknown":
        findings.error(
            name,
            f"is not a SCORM, cmi5 or Tin Can manifest (its root element is "
            f"<{schemas.readable_name(root.tag)}>, namespace "
            f"'{etree.QName(root).namespace or 'none'}')",
        )
    version = schemas.schemaversion(doc)
    if kind == "scorm2004-4th" and version != "2004 4th Edition":
        findings.warning(
            f"{element_path(root)}/metadata/schemaversion",
            f"schemaversion is '{version}', not '2004 3rd Edition' or "
            "'2004 4th Edition'; the package was checked as 4th Edition",
        )
    return kind


def _check_document(source, name: str, expected: str | None, findings, token) -> Kind:
    doc = _parse(source, name, findings)
    if doc is None:
        return "unknown"
    kind = _kind_of(doc, name, findings)
    if kind == "unknown":
        return kind
    entities = schemas.entity_problems(doc)
    for where, message in entities:
        findings.error(name, f"{message} (at {where})")
    if entities:
        return kind
    family = {"cmi5": "cmi5", "tincan": "Tin Can"}.get(kind, "SCORM")
    if expected and family != expected:
        findings.error(
            name,
            f"holds a {family} manifest, but an LMS reads this file as "
            f"{expected}; name it after its kind",
        )
    for where, message in schemas.document_problems(kind, doc):
        findings.error(where, message)
    checks = _References(source, findings, token)
    if kind == "cmi5":
        checks.cmi5(doc)
    elif kind == "tincan":
        checks.tincan(doc)
    else:
        checks.scorm(doc, kind)
        checks.unlisted(exempt={name})
    return kind


# ---- what the manifest points at ------------------------------------------------------


def _xml_base(elem: etree._Element) -> str:
    """The folder that relative hrefs on ``elem`` start from (xml:base of it and its ancestors)."""
    bases = [e.get(f"{{{schemas.NS_XML}}}base") for e in elem.iterancestors()][::-1]
    base = ""
    for value in [*bases, elem.get(f"{{{schemas.NS_XML}}}base")]:
        if value is None:
            continue
        base = value if _URL_SCHEME.match(value) else posixpath.join(base, value)
    return base


class _References:
    def __init__(self, source, findings: Findings, token: CancelToken):
        self.source, self.findings, self.token = source, findings, token
        self.referenced: set[str] = set()
        self.missing: set[str] = set()

    def file(self, where: str, href: str | None, base: str = "", what: str = "file") -> None:
        self.token.check()
        if not href or not href.strip():
            return
        href = href.strip()
        if _URL_SCHEME.match(href) or _URL_SCHEME.match(base):
            return  # on the web, not in the package
        relative = unquote(href.split("#", 1)[0].split("?", 1)[0])
        name = posixpath.normpath(posixpath.join(base, relative))
        if name.startswith(("/", "../")) or name == "..":
            self.findings.error(where, f"points outside the package ('{href}')")
            return
        if self.source.exists(name):
            self.referenced.add(name)
            return
        if name in self.missing:
            return  # one error per missing file, even when several elements list it
        self.missing.add(name)
        hint = ""
        if self.source.names is not None:
            same = [n for n in self.source.names if n.lower() == name.lower()]
            if same:
                hint = f" (the package has '{same[0]}'; names are case-sensitive on most servers)"
        self.findings.error(where, f"the {what} '{name}' is missing from the package{hint}")

    def unique(self, elems, attribute: str, what: str) -> None:
        first: dict[str, etree._Element] = {}
        for elem in elems:
            value = elem.get(attribute)
            if value is None:
                continue
            if value in first:
                self.findings.error(
                    attribute_where(elem, attribute),
                    f"the {what} '{value}' is used twice (first at "
                    f"{element_path(first[value])}); each must be unique",
                )
            else:
                first[value] = elem

    def scorm(self, doc: etree._ElementTree, kind: Kind) -> None:
        root = doc.getroot()
        cp = f"{{{etree.QName(root).namespace}}}"
        adlcp = schemas.NS_ADLCP_12 if kind == "scorm12" else schemas.NS_ADLCP
        every = list(root.iter(etree.Element))
        self.unique([e for e in every if e.tag.startswith(cp)], "identifier", "identifier")
        resources = {r.get("identifier"): r for r in root.iter(f"{cp}resource")}
        organizations = {o.get("identifier") for o in root.iter(f"{cp}organization")}
        for orgs in root.iter(f"{cp}organizations"):
            default = orgs.get("default")
            if default is not None and default not in organizations:
                self.findings.error(
                    attribute_where(orgs, "default"),
                    f"names organization '{default}', which does not exist",
                )
        for item in root.iter(f"{cp}item"):
            ref = item.get("identifierref")
            if ref is None:
                continue
            where = attribute_where(item, "identifierref")
            if ref not in resources:
                self.findings.error(where, f"points to resource '{ref}', which does not exist")
            elif not resources[ref].get("href"):
                self.findings.error(
                    where,
                    f"points to resource '{ref}', which has no launch "
                    "file (href), so the LMS has nothing to open",
                )
        for dependency in root.iter(f"{cp}dependency"):
            ref = dependency.get("identifierref")
            if ref is not None and ref not in resources:
                self.findings.error(
                    attribute_where(dependency, "identifierref"),
                    f"points to resource '{ref}', which does not exist",
                )
        scorm_type = "scormtype" if kind == "scorm12" else "scormType"
        for resource in resources.values():
            href = resource.get("href")
            if resource.get(f"{{{adlcp}}}{scorm_type}") == "sco" and not href:
                self.findings.error(element_path(resource), "is a SCO without a launch file (href)")
            self.file(attribute_where(resource, "href"), href, _xml_base(resource), "launch file")
            for listed in resource.iter(f"{cp}file"):
                self.file(attribute_where(listed, "href"), listed.get("href"), _xml_base(listed))
        for location in root.iter(f"{{{adlcp}}}location"):
            self.metadata(location, kind)

    def metadata(self, location: etree._Element, kind: Kind) -> None:
        before = set(self.referenced)
        self.file(element_path(location), location.text, _xml_base(location), "metadata file")
        added = self.referenced - before
        if not added:
            return
        name = added.pop()
        doc = _parse(self.source, name, self.findings)
        if doc is None:
            return
        entities = schemas.entity_problems(doc)
        for where, message in entities:
            self.findings.error(name, f"{message} (at {where})")
        if entities:
            return
        if kind == "scorm12":
            problems = schemas.imsmd_problems(doc.getroot())
        else:
            problems = schemas.schema_problems("lom-" + kind.rsplit("-", 1)[1], doc)
        for where, message in problems:
            self.findings.error(f"{name}:{where}", message)

    def cmi5(self, doc: etree._ElementTree) -> None:
        ns = f"{{{schemas.NS_CMI5}}}"
        root = doc.getroot()
        ids = [e for tag in ("course", "block", "au") for e in root.iter(ns + tag)]
        self.unique(ids, "id", "id")
        for au in root.iter(f"{ns}au"):
            url = au.find(f"{ns}url")
            if url is not None:
                self.file(element_path(url), url.text, what="launch file")

    def tincan(self, doc: etree._ElementTree) -> None:
        ns = f"{{{schemas.NS_TINCAN}}}"
        for launch in doc.getroot().iter(f"{ns}launch"):
            self.file(element_path(launch), launch.text, what="launch file")

    def unlisted(self, exempt: set[str]) -> None:
        """Warn about files no resource lists: an LMS may not serve them to learners."""
        if self.source.names is None:
            return
        stray = sorted(
            name
            for name in self.source.names - self.referenced - exempt
            if not name.lower().endswith((".xsd", ".dtd"))  # the package's schema copies
        )
        for name in stray[:MAX_UNLISTED_WARNINGS]:
            self.findings.warning(name, "is in the package but no resource lists it")
        if len(stray) > MAX_UNLISTED_WARNINGS:
            self.findings.warning(
                "package",
                f"{len(stray) - MAX_UNLISTED_WARNINGS} more files "
                "are in the package but no resource lists them",
            )


__all__ = ["Cancelled", "Finding", "Report", "validate_package"]

"""Questions as a QTI 2.1 or 3.0 content package: a zip holding ``imsmanifest.xml`` (IMS CP
1.1; QTI 3.0's CP 1.2 profile), one assessment item per question under ``items/``, the
pictures and sounds they show under ``items/media/`` and ``test.xml``, an assessment test
that holds them all in order (QTI 2.1 §3.4 assessmentTest; QTI 3.0 ASI qti-assessment-test).

The test has one section, titled like the bank; each run of questions of one category is a
section of its own inside it, titled with the category. The package is deterministic: the
same questions give the same bytes. Every document in it is checked against the shipped
IMS schemas before it is returned.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from collections.abc import Sequence
from io import BytesIO
from typing import TYPE_CHECKING

from lxml import etree

from studio.errors import ExportError
from studio.quiz.qti_build import E, MediaFile, media_file
from studio.quiz.qti_schema import document_problems
from studio.quiz.qti_write import ItemWriter
from studio.quiz.qti_xml import (
    CP_SCHEMA_LOCATION,
    ITEM_RESOURCE,
    NS_CP,
    NS_QTI,
    QTI21,
    SCHEMA_LOCATION,
    TEST_RESOURCE,
    TOOL_NAME,
    VERSIONS,
    render,
    to_identifier,
    xml_text,
)

if TYPE_CHECKING:
    from studio.quiz.source import QuestionOut

ITEMS = "items"
MEDIA = "items/media"
TEST_FILE = "test.xml"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the package does not vary by day


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _Media:
    """Asset files given a unique name in the package, each stored once."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  # package path -> bytes
        self.by_asset: dict[str, MediaFile] = {}

    def add(self, asset: str, name: str, data: bytes) -> None:
        if asset in self.by_asset:
            return
        stem, suffix = posixpath.splitext(posixpath.basename(name) or "file")
        path, n = f"{MEDIA}/{stem}{suffix}", 1
        while path in self.files and self.files[path] != data:
            n += 1
            path = f"{MEDIA}/{stem}-{n}{suffix}"
        self.files[path] = data
        self.by_asset[asset] = media_file(posixpath.relpath(path, ITEMS), data)


def _sections(questions: Sequence[QuestionOut], title: str,
              refs: list[etree._Element]) -> etree._Element:
    """The test's one section, holding uncategorised items and a section per category run."""
    outer = E("assessmentSection", {"identifier": "main", "title": xml_text(title) or "Questions",
                                    "visible": "true"})
    current, category = outer, None
    for question, ref in zip(questions, refs, strict=True):
        wanted = question.data.get("category") or None
        if wanted != category:
            category = wanted
            if wanted is None:
                current = outer
            else:
                current = E("assessmentSection", {
                    "identifier": f"category-{sum(1 for _ in outer.iter('assessmentSection'))}",
                    "title": xml_text(wanted), "visible": "true"})
                outer.append(current)
        current.append(ref)
    return outer


def _test(questions: Sequence[QuestionOut], title: str, hrefs: list[str],
          identifiers: list[str]) -> etree._Element:
    refs = [E("assessmentItemRef", {"identifier": i, "href": h})
            for i, h in zip(identifiers, hrefs, strict=True)]
    totals = []
    for name in ("SCORE", "MAXSCORE"):
        totals.append(E("setOutcomeValue", {"identifier": name},
                        E("sum", None, E("testVariables", {"variableIdentifier": name}))))
    return E("assessmentTest", {"identifier": "test", "title": xml_text(title) or "Questions",
                                "toolName": TOOL_NAME},
             *[E("outcomeDeclaration", {"identifier": name, "cardinality": "single",
                                        "baseType": "float"}) for name in ("SCORE", "MAXSCORE")],
             E("testPart", {"identifier": "part", "navigationMode": "nonlinear",
                            "submissionMode": "simultaneous"},
               _sections(questions, title, refs)),
             E("outcomeProcessing", None, *totals))


def _manifest(version: str, test_deps: list[str], items: list[tuple[str, str, list[str]]],
              digest: str) -> etree._Element:
    schema, schema_version = (("QTIv2.1 Package", "1.0.0") if version == QTI21
                              else ("QTI Package", "3.0.0"))
    resources = [E("resource", {"identifier": "TEST", "type": TEST_RESOURCE[version],
                                "href": TEST_FILE},
                   E("file", {"href": TEST_FILE}),
                   *[E("dependency", {"identifierref": d}) for d in test_deps])]
    for resource_id, href, files in items:
        resources.append(E("resource", {"identifier": resource_id,
                                        "type": ITEM_RESOURCE[version], "href": href},
                           *[E("file", {"href": f}) for f in [href, *files]]))
    return E("manifest", {"identifier": f"MANIFEST-{digest}"},
             E("metadata", None, E("schema", text=schema),
               E("schemaversion", text=schema_version)),
             E("organizations"), E("resources", None, *resources))


def write_qti_package(questions: Sequence[QuestionOut], title: str, version: str) -> bytes:
    """A QTI content package (zip bytes) of ``questions`` in order, for QTI ``version``
    "2.1" or "3.0" (IMS QTI 2.1 Final §3 / QTI 3.0 ASI, packaged per IMS CP 1.1 §2).

    ``title`` names the assessment test. Each question's ``files`` (asset id -> (file name,
    bytes)) are stored once under ``items/media/``. Raises ValueError for another version
    and ExportError when a written document breaks the IMS schema (a defect: the message
    names the document and the rule)."""
    if version not in VERSIONS:
        raise ValueError(f"QTI version {version!r} is not one of {', '.join(VERSIONS)}")
    media = _Media()
    for question in questions:
        for asset, (name, data) in sorted(question.files.items()):
            media.add(asset, name, data)
    writer = ItemWriter(version, media.by_asset.get)
    documents: dict[str, bytes] = {}
    identifiers, hrefs, manifest_items = [], [], []
    used: set[str] = set()
    for question in questions:
        identifier = to_identifier(question.id)
        base, n = identifier, 1
        while identifier in used:
            n += 1
            identifier = f"{base}-{n}"
        used.add(identifier)
        tree = writer.item(question)
        tree.set("identifier", identifier)
        href = f"{ITEMS}/{identifier}.xml"
        documents[href] = _serialise(render(tree, version, NS_QTI[version],
                                            SCHEMA_LOCATION[version]))
        files = sorted({posixpath.normpath(posixpath.join(ITEMS, media.by_asset[a].href))
                        for a in question.files if a in media.by_asset})
        identifiers.append(identifier)
        hrefs.append(href)
        manifest_items.append((f"ITEM-{identifier}", href, files))
    documents[TEST_FILE] = _serialise(render(_test(questions, title, hrefs, identifiers),
                                             version, NS_QTI[version], SCHEMA_LOCATION[version]))
    digest = hashlib.sha256(b"".join(documents[h] for h in [TEST_FILE, *hrefs])).hexdigest()
    manifest = render(_manifest(version, [i for i, _, _ in manifest_items], manifest_items,
                                digest[:16]), version, NS_CP[version], CP_SCHEMA_LOCATION[version])
    documents = {"imsmanifest.xml": _serialise(manifest), **documents}
    problems = [p for name, data in documents.items()
                for p in document_problems(etree.fromstring(data), name)]
    if problems:
        raise ExportError("The QTI package breaks the IMS schema: " + "; ".join(problems[:5]))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*documents.items(), *sorted(media.files.items())]:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()

"""The IMS schemas of QTI 2.1 and 3.0 packages (shipped in ``resources/qti``), used offline.

Each schema is compiled once per process with libxml2 and reused. Nothing is fetched: the
parser has no network, and every schema an official file imports by a URL or by a path the
shipped layout does not have is mapped onto a shipped file (``resources/qti/README.md``
says where each came from, and why MathML and SSML are stand-ins).
"""

from __future__ import annotations

import io
import threading
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

from studio.quiz.qti_xml import NS_CP, NS_QTI, QTI21, QTI30, READ_NS, safe_parser
from studio.resources import resources_dir

# schema name -> root file under resources/qti
_ROOTS = {
    ("asi", QTI21): "qti21/imsqti_v2p1p2.xsd",
    ("asi", QTI30): "qti30/imsqti_asiv3p0_sbacv1p0_v1p0.xsd",
    ("cp", QTI21): "cp/imscp_v1p1.xsd",
    ("cp", QTI30): "qti30/imsqtiv3p0_imscpv1p2_v1p0.xsd",
}
# file name an official schema imports -> the shipped file standing for it
_STAND_INS = {
    "xml.xsd": "w3/xml.xsd",
    "XInclude.xsd": "w3/XInclude.xsd",
    "xlink.xsd": "w3/xlink.xsd",
    "mathml2.xsd": "stubs/mathml-stub.xsd",
    "mathml3.xsd": "stubs/mathml-stub.xsd",
    "ssmlv1p1-core.xsd": "stubs/ssml-stub.xsd",
    "apipv1p0_qtiextv2p1_v1p0.xsd": "qti21/apipv1p0_qtiextv2p1_v1p0.xsd",
    "imsmd_v1p2p4.xsd": "cp/imsmd_v1p2p4.xsd",
}
_LOCK = threading.Lock()


def qti_schema_dir() -> Path:
    """The folder of the shipped QTI and content-packaging schemas (``resources/qti``)."""
    return resources_dir() / "qti"


class _Shipped(etree.Resolver):
    def resolve(self, system_url, _public_id, context):
        url = system_url or ""
        path = url[7:] if url.startswith("file://") else url
        if "://" not in path and Path(path).is_file():
            return None
        stand_in = _STAND_INS.get(url.rsplit("/", 1)[-1])
        if stand_in is None:
            return None
        return self.resolve_filename(str(qti_schema_dir() / stand_in), context)


@cache
def _compiled(kind: str, version: str) -> etree.XMLSchema:
    parser = safe_parser()
    parser.resolvers.add(_Shipped())
    return etree.XMLSchema(etree.parse(str(qti_schema_dir() / _ROOTS[kind, version]), parser))


def document_problems(root: etree._Element, where: str) -> list[str]:
    """What the official schema says is wrong with one QTI item or test, or a package
    manifest (picked by the root's namespace); [] when it is valid. Each message names
    ``where`` and the line. A root of no QTI or CP namespace is one problem."""
    namespace = etree.QName(root).namespace
    if namespace in (NS_CP[QTI21], NS_CP[QTI30]):
        schema = _compiled("cp", QTI21 if namespace == NS_CP[QTI21] else QTI30)
    elif namespace in (NS_QTI[QTI21], NS_QTI[QTI30]):
        schema = _compiled("asi", READ_NS[namespace])
    else:
        return [f"{where}: <{etree.QName(root).localname}> in namespace {namespace} is "
                "neither QTI 2.1, QTI 3.0 nor an IMS content package manifest"]
    with _LOCK:
        if schema.validate(root.getroottree()):
            return []
        errors = list(schema.error_log)
    return [f"{where}, line {error.line}: {error.message}" for error in errors]


def package_problems(data: bytes) -> list[str]:
    """Every schema problem of a QTI content package (a zip): its ``imsmanifest.xml`` and
    each ``.xml`` file it holds that is a QTI item or test. [] when all are valid."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if "imsmanifest.xml" not in names:
            return ["the package has no imsmanifest.xml"]
        for name in names:
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name), safe_parser())
            namespace = etree.QName(root).namespace
            if name == "imsmanifest.xml" or namespace in READ_NS:
                problems += document_problems(root, name)
    return problems

"""QTI 2.1 and 3.0 as XML: namespaces, element and attribute names, identifiers, safe parsing.

The QTI readers and writers work on one *canonical* tree: QTI 2.1's element and attribute
names (``choiceInteraction``, ``responseIdentifier``) without a namespace, HTML elements
(``p``, ``img``) as they are. QTI 3.0 spells the same model in kebab case with a ``qti-``
prefix on QTI elements (``qti-choice-interaction``, ``response-identifier``; QTI 3.0 ASI
§1.3, "Changes from QTI 2.x"), so a 3.0 document is turned into the canonical tree when
read (:func:`canonical`) and written from it (:func:`render`).
"""

from __future__ import annotations

import re

from lxml import etree

from studio.errors import ImportFileError

QTI21, QTI30 = "2.1", "3.0"
VERSIONS = (QTI21, QTI30)

NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_QTI = {QTI21: "http://www.imsglobal.org/xsd/imsqti_v2p1",
          QTI30: "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"}
NS_CP = {QTI21: "http://www.imsglobal.org/xsd/imscp_v1p1",
         QTI30: "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"}
# Namespaces read as one of the two versions: QTI 2.0 and 2.2 share 2.1's element names.
READ_NS = {NS_QTI[QTI21]: QTI21, NS_QTI[QTI30]: QTI30,
           "http://www.imsglobal.org/xsd/imsqti_v2p0": QTI21,
           "http://www.imsglobal.org/xsd/imsqti_v2p2": QTI21}
SCHEMA_LOCATION = {
    QTI21: f"{NS_QTI[QTI21]} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd",
    QTI30: f"{NS_QTI[QTI30]} "
           "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
}
CP_SCHEMA_LOCATION = {
    QTI21: f"{NS_CP[QTI21]} http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
    QTI30: f"{NS_CP[QTI30]} "
           "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd",
}
ITEM_RESOURCE = {QTI21: "imsqti_item_xmlv2p1", QTI30: "imsqti_item_xmlv3p0"}
TEST_RESOURCE = {QTI21: "imsqti_test_xmlv2p1", QTI30: "imsqti_test_xmlv3p0"}
TOOL_NAME = "Course Studio"

# XHTML elements QTI content may hold: the same name in both versions, never "qti-" prefixed.
HTML = frozenset("""a abbr acronym address audio b bdi bdo big blockquote br caption cite code
col colgroup dd del dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i
img ins kbd label li math object ol p param picture pre q rb rp rt rtc ruby samp section
small source span strong sub sup table tbody td tfoot th thead tr track tt u ul var video
""".split())

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_UPPER = re.compile(r"([A-Z])")
_KEBAB = re.compile(r"-([a-z0-9])")
_PARSER_OPTIONS = dict(no_network=True, resolve_entities=False, load_dtd=False,
                       huge_tree=False, remove_comments=True, remove_pis=True)


def safe_parser() -> etree.XMLParser:
    """An XML parser that never fetches anything, never reads a DTD and never expands
    entities (so neither external entities nor entity bombs reach the reader)."""
    return etree.XMLParser(**_PARSER_OPTIONS)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """The root element of ``data``. Raises ImportFileError naming ``where`` and the line
    of the first syntax error, or refusing a document that declares entities."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ImportFileError(f"{where} is not well-formed XML (line {exc.lineno}: "
                              f"{exc.msg}).") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ImportFileError(f"{where} declares XML entities, which are never expanded; "
                              "save it without a DOCTYPE and import it again.")
    return root


def kebab(name: str) -> str:
    """'responseIdentifier' -> 'response-identifier' (QTI 3.0's spelling of a 2.1 name)."""
    return _UPPER.sub(lambda m: "-" + m.group(1).lower(), name)


def camel(name: str) -> str:
    """'response-identifier' -> 'responseIdentifier' (QTI 2.1's spelling of a 3.0 name)."""
    return _KEBAB.sub(lambda m: m.group(1).upper(), name)


def element_name(local: str, version: str) -> str:
    """The name a canonical element has in ``version``: ``prompt`` -> ``qti-prompt`` in 3.0;
    HTML elements keep theirs."""
    if version == QTI21 or local in HTML:
        return local
    return "qti-" + kebab(local)


def canonical(root: etree._Element, version: str) -> etree._Element:
    """A copy of an item or test with namespaces dropped and, for 3.0, names spelt as in 2.1.

    ``xml:lang`` stays namespaced; other namespaced elements (MathML, SSML) and attributes
    keep their ``{namespace}name``. Source lines are kept for notices."""
    ns = {n for n, v in READ_NS.items() if v == version}
    copy = etree.fromstring(etree.tostring(root), safe_parser())
    for elem in copy.iter(etree.Element):
        qname = etree.QName(elem)
        if qname.namespace in ns or qname.namespace is None:
            local = qname.localname
            if version == QTI30 and local.startswith("qti-"):
                local = camel(local[4:])
            elem.tag = local
        for key in list(elem.attrib):
            if key.startswith("{"):
                continue
            wanted = camel(key) if version == QTI30 else key
            if wanted != key:
                elem.attrib[wanted] = elem.attrib.pop(key)
    for elem, source in zip(copy.iter(etree.Element), root.iter(etree.Element), strict=False):
        elem.sourceline = source.sourceline
    etree.cleanup_namespaces(copy)
    return copy


def render(tree: etree._Element, version: str, namespace: str,
           schema_location: str | None = None) -> etree._Element:
    """A canonical tree as a document of ``version`` in ``namespace`` (its default
    namespace), with ``xsi:schemaLocation`` on the root when given."""
    def attributes(elem: etree._Element) -> dict[str, str]:
        return {(k if k.startswith("{") or version == QTI21 else kebab(k)): v
                for k, v in elem.attrib.items()}

    def name(elem: etree._Element) -> str:
        # Manifest elements keep their names; QTI elements are spelt for the version.
        local = elem.tag if namespace.endswith("imscp_v1p1") else element_name(elem.tag, version)
        return f"{{{namespace}}}{local}"

    root = etree.Element(name(tree), nsmap={None: namespace, "xsi": NS_XSI})
    if schema_location:
        root.set(f"{{{NS_XSI}}}schemaLocation", schema_location)
    for key, value in attributes(tree).items():
        root.set(key, value)
    root.text = tree.text

    def copy(source: etree._Element, target: etree._Element) -> None:
        for child in source:
            if not isinstance(child.tag, str):
                continue
            made = etree.SubElement(target, name(child), attributes(child))
            made.text, made.tail = child.text, child.tail
            copy(child, made)

    copy(tree, root)
    return root


def to_identifier(value: str) -> str:
    """A text id as a QTI identifier (an XML NCName, QTI 2.1 §5.1 identifier): kept when it
    is one and does not start with ``x-``, else ``x-`` and its UTF-8 bytes in hex."""
    if _NCNAME.fullmatch(value) and not value.startswith("x-"):
        return value
    return "x-" + value.encode("utf-8").hex()


def from_identifier(value: str) -> str:
    """The text id a QTI identifier stands for (the inverse of :func:`to_identifier`)."""
    if value.startswith("x-"):
        try:
            return bytes.fromhex(value[2:]).decode("utf-8")
        except ValueError:
            return value
    return value


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 (§2.2) cannot hold."""
    return _XML_BAD.sub("", value)

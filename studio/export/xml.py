"""Text and identifiers the manifest writers share: XML-safe text, xs:IDs, titles, numbers, IRIs.

Every package format writes some XML document (``imsmanifest.xml``, ``tincan.xml``,
``cmi5.xml``); what goes into them is made safe here, once.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from lxml import etree

from studio.model import Course

_XML_INVALID = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
TITLE_LIMIT = 200  # characters: the SCORM content packaging limit for titles
IRI_SCHEME = "urn:course-studio:"  # the player builds the same IRIs (player/xapi_statements.js)


def xml_text(text: str, limit: int | None = None) -> str:
    """Text an XML 1.0 document can hold (XML 1.0 §2.2 Char): forbidden characters are
    dropped, then the text is cut to ``limit`` characters when one is given."""
    cleaned = _XML_INVALID.sub("", text)
    return cleaned[:limit] if limit else cleaned


def manifest_title(text: str) -> str:
    """A title for a manifest: whitespace runs folded to one space, XML-safe, at most
    ``TITLE_LIMIT`` characters (the SCORM CAM's smallest permitted maximum for ``<title>``),
    ``Untitled`` when nothing is left."""
    return xml_text(" ".join(text.split()), TITLE_LIMIT) or "Untitled"


def decimal(value: float) -> str:
    """A plain decimal (no exponent, at most 4 places), trailing zeros removed: 0.8, 1, 72.5."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def xml_id(raw: str, prefix: str) -> str:
    """A valid xs:ID (XML Schema Part 2 §3.3.8, an NCName) from a stored id: the id itself
    when it is one, else ``prefix`` and the id with every other character replaced by '_'."""
    if _NCNAME.match(raw):
        return raw
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", raw)


def manifest_identifier(course: Course, title_chars: int = 0) -> str:
    """The ``identifier`` of the IMS CP ``<manifest>`` (IMS CP 1.1.4, an xs:ID), stable across
    exports of a course: ``course_<uuid>``, or with ``title_chars`` > 0 up to that many
    characters of the title (ASCII letters, digits and '_'; ``course`` when none is left)
    before ``_<uuid>``, for LMSs that show people only the identifier's start."""
    uuid = course.identifier.removeprefix("urn:uuid:")
    if title_chars <= 0:
        return xml_id("course_" + uuid, "course_")
    ascii_title = unicodedata.normalize("NFKD", course.title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "_", ascii_title).strip("_")
    if words[:1].isdigit():  # an xs:ID starts with a letter or '_'
        words = "_" + words
    head = words[:title_chars].rstrip("_") or "course"
    return xml_id(f"{head}_{uuid}", "course_")


def course_iri(course: Course) -> str:
    """The course's xAPI activity id, an IRI: ``urn:course-studio:<uuid>`` (xAPI 1.0.3,
    Activity object ``id``); cmi5.xml uses the same ids for its course, blocks and AUs."""
    return IRI_SCHEME + quote(course.identifier.removeprefix("urn:uuid:"), safe="-")


def child_iri(course: Course, kind: str, node_id: str) -> str:
    """The activity IRI of a module, lesson, item or interaction: ``<course>/<kind>/<id>``."""
    return f"{course_iri(course)}/{kind}/{quote(node_id, safe='-_.')}"


def sub(parent: etree._Element, tag: str, text: str | None = None,
        **attrs: str | None) -> etree._Element:
    """A child element (``tag`` in Clark notation, ``{namespace}local``) with optional text;
    attributes given as None are left out, the others keep their order."""
    elem = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        elem.text = text
    return elem


def document_bytes(root: etree._Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration, indented: the same bytes for the
    same tree."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

"""XLIFF 1.2 (OASIS Standard, 1 February 2008), written and read through translate-toolkit's
``translate.storage.xliff`` store; lxml fills and reads the inline placeholders.

A course is one ``<file original="course-<identifier>" product-name="<course title>">``
with a ``<header>`` note for translators; each segment one ``<trans-unit>`` whose ``id`` and
``resname`` are the segment id, with a location context (``sourcefile`` = the segment id,
which translate-toolkit's PO converters keep as a ``#:`` reference) and the length limit as
the ``<trans-unit>`` attributes ``maxwidth`` + ``size-unit="char"``; a translated CURRENT
unit carries ``approved="yes"`` (§2.4 trans-unit), a unit needing review does not. Inline
codes are the inline element ``<ph id="n">`` holding the native code; ``<x id equiv-text>`` is
read as well. Files validate against the 1.2 strict schema.
"""

from __future__ import annotations

from lxml import etree
from translate.misc.xml_helpers import clear_content
from translate.storage.xliff import Xliff1File

from studio.errors import TranslationFileError
from studio.translation.units import SegmentState
from studio.translation.xliff_model import (
    PREVIOUS_SOURCE,
    PREVIOUS_TRANSLATION,
    TOOL_ID,
    TOOL_NAME,
    Code,
    Piece,
    Planned,
    XliffDocument,
    XliffUnit,
    blank,
    check_codes,
    course_in,
    course_of,
    instructions,
    joined,
    merged,
    natives_of,
    one_line,
    original_name,
    stored_units,
)

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
STUDIO_NOTE = "developer"  # translate-toolkit's converters carry "developer" notes to PO "#."
PREVIOUS_NOTE = "previous"
GETTEXT_HEADER = "x-gettext-domain-header"  # the PO header po2xliff adds as a unit
STATE = {SegmentState.CURRENT: "translated", SegmentState.NEEDS_REVIEW: "needs-review-translation",
         SegmentState.NEW: "new"}
READ_STATE = {"new": SegmentState.NEW, "needs-translation": SegmentState.NEW,
              "needs-adaptation": SegmentState.NEW, "needs-l10n": SegmentState.NEW,
              "needs-review-translation": SegmentState.NEEDS_REVIEW,
              "needs-review-adaptation": SegmentState.NEEDS_REVIEW,
              "needs-review-l10n": SegmentState.NEEDS_REVIEW,
              "translated": SegmentState.CURRENT, "signed-off": SegmentState.CURRENT,
              "final": SegmentState.CURRENT}


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _fill(element: etree._Element, pieces: list[Piece]) -> None:
    """Writes text and ``<ph id="n">native</ph>`` children into an empty element."""
    last = None
    for piece in pieces:
        if isinstance(piece, Code):
            last = etree.SubElement(element, _q("ph"), id=piece.id)
            last.text = piece.native
        elif last is None:
            element.text = (element.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def write(*, course_id: str, course_title: str, source_language: str, target_language: str,
          planned: list[Planned]) -> bytes:
    """The XLIFF 1.2 bytes of ``planned`` (UTF-8, translate-toolkit's indentation); same input,
    same bytes. Raises nothing of its own."""
    root = etree.Element(_q("xliff"), nsmap={None: NAMESPACE}, version="1.2")
    file = etree.SubElement(root, _q("file"), {
        "original": original_name(course_id), "source-language": source_language,
        "target-language": target_language, "datatype": "plaintext",
        "product-name": course_title, "tool-id": TOOL_ID})
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": TOOL_ID, "tool-name": TOOL_NAME})
    note = etree.SubElement(header, _q("note"), {"from": STUDIO_NOTE})
    note.text = instructions(course_title, course_id)
    etree.SubElement(file, _q("body"))
    return stored_units(Xliff1File, root, planned, _unit)


def _unit(unit, entry: Planned) -> None:
    segment = entry.segment
    element = unit.xmlelement
    element.set("resname", segment.id)
    if segment.max_length:
        element.set("maxwidth", str(segment.max_length))
        element.set("size-unit", "char")
    source = element.find(_q("source"))
    clear_content(source)
    _fill(source, entry.pieces)
    if entry.state is SegmentState.CURRENT and entry.target is not None:
        # without it translate-toolkit (xliff2po, Pootle) reads a finished unit as fuzzy
        element.set("approved", "yes")
    target = etree.SubElement(element, _q("target"), state=STATE[entry.state])
    if entry.target is not None:
        _fill(target, entry.target)
    # the group name is unique file-wide (XLIFF 1.2 strict), the location is what PO keeps
    unit.createcontextgroup(segment.id, [("sourcefile", segment.id)], "location")
    if segment.note:
        unit.addnote(segment.note, origin=STUDIO_NOTE)
    for prefix, text, annotates in ((PREVIOUS_SOURCE, entry.previous_source, "source"),
                                    (PREVIOUS_TRANSLATION, entry.previous_translation, "target")):
        if text is not None:
            note = etree.SubElement(element, _q("note"),
                                    {"from": PREVIOUS_NOTE, "annotates": annotates})
            note.text = prefix + text


def _pieces(element: etree._Element, *, name: str, unit: str, source: bool) -> list[Piece]:
    """Text and placeholders of a ``<source>``/``<target>``; ``<mrk>`` is transparent."""
    pieces: list[Piece] = [element.text] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            pass
        elif etree.QName(child).localname == "mrk":
            pieces.extend(_pieces(child, name=name, unit=unit, source=source))
        elif etree.QName(child).localname == "ph":
            native = "".join(child.itertext())
            pieces.append(Code(child.get("id", ""), native if source or native else None))
        elif etree.QName(child).localname == "x":
            pieces.append(Code(child.get("id", ""), child.get("equiv-text") if source else None))
        else:
            raise TranslationFileError(
                f"{name}: segment {unit}: inline element <{etree.QName(child).localname}> is "
                "not supported here (placeholders are <ph> or <x/>)")
        if child.tail:
            pieces.append(child.tail)
    return pieces


def _segment_id(unit) -> str:
    """The segment id of a trans-unit: ``resname``, else the location the PO converters keep,
    else ``id``."""
    element = unit.xmlelement
    if element.get("resname"):
        return element.get("resname")
    locations = unit.getlocations()
    return locations[0] if locations else (element.get("id") or "")


def read(data: bytes, name: str) -> XliffDocument:
    """An XLIFF 1.2 file's document. Raises TranslationFileError (one line) for a file without
    a target language, holding several courses, or a unit without an id, repeated, or with
    broken placeholders."""
    try:
        store = Xliff1File(data)
    except (ValueError, etree.XMLSyntaxError, StopIteration) as error:
        raise TranslationFileError(
            f"{name}: not a usable XLIFF 1.2 file ({one_line(str(error))})") from None
    files = list(store.document.getroot().iterchildren(_q("file")))
    if not files:
        raise TranslationFileError(f"{name}: the XLIFF file holds no <file> element")
    course_id = course_in([file.get("original") for file in files], name=name)
    first = files[0]
    target_language = first.get("target-language") or ""
    if not target_language:
        raise TranslationFileError(f"{name}: the file names no target language (target-language)")
    titled = next((file for file in files if course_of(file.get("original"))), first)
    units = merged([_read_unit(unit, name=name) for unit in store.units
                    if unit.getrestype() != GETTEXT_HEADER], name=name)
    return XliffDocument(
        course_id=course_id, course_title=titled.get("product-name") or "",
        source_language=first.get("source-language") or "", target_language=target_language,
        version="1.2", units=units)


def _read_unit(unit, *, name: str) -> XliffUnit:
    segment_id = _segment_id(unit)
    if not segment_id:
        raise TranslationFileError(f"{name}: a <trans-unit> has no id")
    element = unit.xmlelement
    source_element = element.find(_q("source"))
    if source_element is None:
        raise TranslationFileError(f"{name}: segment {segment_id} has no <source>")
    source_pieces = _pieces(source_element, name=name, unit=segment_id, source=True)
    natives = natives_of(source_pieces, name=name, unit=segment_id)
    source = joined(source_pieces, natives, name=name, unit=segment_id)
    target_element = element.find(_q("target"))
    target = None
    state = None
    if target_element is not None:
        pieces = _pieces(target_element, name=name, unit=segment_id, source=False)
        if not blank(pieces):
            target = joined(pieces, natives, name=name, unit=segment_id)
        if target is not None:
            check_codes(source, target, name=name, unit=segment_id)
        state = READ_STATE.get(target_element.get("state", ""))
    if target is None and state is not SegmentState.NEEDS_REVIEW:
        state = SegmentState.NEW  # whatever the file claims, nothing is translated
    notes = [note for note in element.iterchildren(_q("note")) if note.get("from") != PREVIOUS_NOTE]
    return XliffUnit(segment_id, source, target, state,
                     "\n".join("".join(note.itertext()) for note in notes))

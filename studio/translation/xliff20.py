"""XLIFF 2.0 core (OASIS Standard, 5 August 2014), written and read through translate-toolkit's
``translate.storage.xliff2`` store; lxml fills and reads the inline placeholders.

A course is one ``<file id original="course-<identifier>">`` whose notes give the course
title (category ``course-title``) and the translators' instructions; each segment one
``<unit id name>`` with one ``<segment>``. Notes (``<note category>``): ``location`` (where
the text appears), ``length`` (the limit in characters: the core has no attribute for it),
``previous-source`` for review. Inline codes are ``<ph id dataRef>`` pointing into the
unit's ``<originalData>``. Segment ``state``: ``translated``; review ``initial`` with
``subState="studio:needs-review"``; new without ``<target>``. Files validate against the
2.0 core schema.
"""

from __future__ import annotations

from lxml import etree
from translate.misc.xml_helpers import clear_content
from translate.storage.xliff2 import Xliff2File

from studio.errors import TranslationFileError
from studio.translation.units import SegmentState
from studio.translation.xliff_model import (
    PREVIOUS_SOURCE,
    PREVIOUS_TRANSLATION,
    Code,
    Piece,
    Planned,
    XliffDocument,
    XliffUnit,
    blank,
    check_codes,
    course_in,
    instructions,
    joined,
    merged,
    natives_of,
    one_line,
    original_name,
    stored_units,
)

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REVIEW_SUBSTATE = "studio:needs-review"
LOCATION, LENGTH, TITLE, PREVIOUS = "location", "length", "course-title", "previous-source"
READ_STATE = {"initial": SegmentState.NEW, "translated": SegmentState.CURRENT,
              "reviewed": SegmentState.CURRENT, "final": SegmentState.CURRENT}


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _note(notes: etree._Element, category: str, text: str, applies_to: str | None = None) -> None:
    note = etree.SubElement(notes, _q("note"), category=category)
    if applies_to:
        note.set("appliesTo", applies_to)
    note.text = text


def write(*, course_id: str, course_title: str, source_language: str, target_language: str,
          planned: list[Planned]) -> bytes:
    """The XLIFF 2.0 bytes of ``planned`` (UTF-8, translate-toolkit's indentation); same input,
    same bytes. Raises ValueError when ``planned`` is empty: a 2.0 ``<file>`` needs a unit."""
    if not planned:
        raise ValueError("an XLIFF 2.0 file needs at least one segment")
    root = etree.Element(_q("xliff"), nsmap={None: NAMESPACE}, version="2.0",
                         srcLang=source_language, trgLang=target_language)
    original = original_name(course_id)
    file = etree.SubElement(root, _q("file"), id="f1", original=original)
    notes = etree.SubElement(file, _q("notes"))
    _note(notes, TITLE, course_title)
    _note(notes, "instructions", instructions(course_title, course_id))
    return stored_units(Xliff2File, root, planned, _unit)


def _unit(unit, entry: Planned) -> None:
    segment = entry.segment
    element = unit.getunitelement()
    element.set("name", segment.id)
    notes = etree.Element(_q("notes"))
    if segment.note:
        _note(notes, LOCATION, segment.note)
    if segment.max_length:
        _note(notes, LENGTH, f"At most {segment.max_length} characters.")
    if entry.previous_source is not None:
        _note(notes, PREVIOUS, PREVIOUS_SOURCE + entry.previous_source, "source")
    if entry.previous_translation is not None:
        _note(notes, PREVIOUS, PREVIOUS_TRANSLATION + entry.previous_translation, "target")
    position = 0
    if len(notes):
        element.insert(position, notes)
        position += 1
    codes = [piece for piece in entry.pieces if isinstance(piece, Code)]
    if codes:
        data = etree.Element(_q("originalData"))
        for code in codes:
            etree.SubElement(data, _q("data"), id=f"d{code.id}").text = code.native
        element.insert(position, data)
    segment_element = unit.xmlelement
    # the core allows xml:space on the unit, not on the segment the toolkit puts it on
    segment_element.attrib.pop(XML_SPACE, None)
    element.set(XML_SPACE, "preserve")
    source = segment_element.find(_q("source"))
    clear_content(source)
    _fill(source, entry.pieces)
    if entry.state is SegmentState.CURRENT:
        segment_element.set("state", "translated")
    elif entry.state is SegmentState.NEEDS_REVIEW:
        segment_element.set("state", "initial")
        segment_element.set("subState", REVIEW_SUBSTATE)
    if entry.target is not None:
        _fill(etree.SubElement(segment_element, _q("target")), entry.target)


def _fill(element: etree._Element, pieces: list[Piece]) -> None:
    """Writes text and ``<ph id="n" dataRef="dn"/>`` children into an empty element."""
    last = None
    for piece in pieces:
        if isinstance(piece, Code):
            last = etree.SubElement(element, _q("ph"), id=piece.id, dataRef=f"d{piece.id}")
        elif last is None:
            element.text = (element.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def _pieces(element: etree._Element, data: dict[str, str], *, name: str,
            unit: str) -> list[Piece]:
    """Text and placeholders of a ``<source>``/``<target>``: ``<ph>`` takes its code from
    ``data`` (``<originalData>``, id -> code); ``<mrk>`` is transparent, ``<sm/>``/``<em/>``
    markers are dropped."""
    pieces: list[Piece] = [element.text] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):
            pass
        elif etree.QName(child).localname == "mrk":
            pieces.extend(_pieces(child, data, name=name, unit=unit))
        elif etree.QName(child).localname == "ph":
            pieces.append(Code(child.get("id", ""), data.get(child.get("dataRef", ""))))
        elif etree.QName(child).localname not in {"sm", "em"}:
            raise TranslationFileError(
                f"{name}: segment {unit}: inline element <{etree.QName(child).localname}> is "
                "not supported here (placeholders are <ph>)")
        if child.tail:
            pieces.append(child.tail)
    return pieces


def read(data: bytes, name: str) -> XliffDocument:
    """An XLIFF 2.0 file's document. Raises TranslationFileError (one line) for a file without
    a target language (``trgLang``), holding several courses, or a unit without an id,
    repeated, or with broken placeholders."""
    try:
        store = Xliff2File(data)
    except (ValueError, etree.XMLSyntaxError) as error:
        raise TranslationFileError(
            f"{name}: not a usable XLIFF 2.0 file ({one_line(str(error))})") from None
    root = store.document.getroot()
    target_language = root.get("trgLang") or ""
    if not target_language:
        raise TranslationFileError(f"{name}: the file names no target language (trgLang)")
    files = list(root.iterchildren(_q("file")))
    course_id = course_in([file.get("original") for file in files], name=name)
    title = next((note.text or "" for file in files
                  for note in file.iterfind(f"{_q('notes')}/{_q('note')}")
                  if note.get("category") == TITLE), "")
    units = merged([_read_unit(element, name=name) for element in root.iter(_q("unit"))],
                   name=name)
    return XliffDocument(
        course_id=course_id, course_title=title,
        source_language=root.get("srcLang") or "", target_language=target_language,
        version="2.0", units=units)


def _read_unit(element: etree._Element, *, name: str) -> XliffUnit:
    """One ``<unit>``: its segments and ignorables joined in order (a tool may have split it)."""
    segment_id = element.get("name") or element.get("id") or ""
    if not segment_id:
        raise TranslationFileError(f"{name}: a <unit> has no id")
    data = {item.get("id", ""): "".join(item.itertext())
            for item in element.iterfind(f"{_q('originalData')}/{_q('data')}")}
    source_pieces: list[Piece] = []
    target_pieces: list[Piece] = []
    states: list[SegmentState | None] = []
    has_target = False
    for part in element:
        if part.tag not in {_q("segment"), _q("ignorable")}:
            continue
        source = part.find(_q("source"))
        if source is None:
            raise TranslationFileError(f"{name}: segment {segment_id} has no <source>")
        source_pieces += _pieces(source, data, name=name, unit=segment_id)
        target = part.find(_q("target"))
        if target is not None:
            has_target = has_target or part.tag == _q("segment")
            target_pieces += _pieces(target, data, name=name, unit=segment_id)
        elif part.tag == _q("ignorable"):
            target_pieces += _pieces(source, data, name=name, unit=segment_id)
        if part.tag == _q("segment"):
            review = part.get("subState") == REVIEW_SUBSTATE
            states.append(SegmentState.NEEDS_REVIEW if review
                          else READ_STATE.get(part.get("state", "initial")))
    natives = natives_of(source_pieces, name=name, unit=segment_id)
    source_text = joined(source_pieces, natives, name=name, unit=segment_id)
    target = None
    if has_target and not blank(target_pieces):
        target = joined(target_pieces, natives, name=name, unit=segment_id)
    if target is not None:
        check_codes(source_text, target, name=name, unit=segment_id)
    state = _unit_state(states, target)
    notes = element.find(_q("notes"))
    note = "\n".join(item.text or "" for item in notes.iterchildren(_q("note"))
                     if item.get("category") not in {LENGTH, PREVIOUS}) if notes is not None else ""
    return XliffUnit(segment_id, source_text, target, state, note)


def _unit_state(states: list[SegmentState | None], target: str | None) -> SegmentState | None:
    """The least advanced state of a unit's segments; NEW without a target."""
    if target is None:
        review = SegmentState.NEEDS_REVIEW in states
        return SegmentState.NEEDS_REVIEW if review else SegmentState.NEW
    for state in (SegmentState.NEW, SegmentState.NEEDS_REVIEW, None):
        if state in states:
            return state
    return SegmentState.CURRENT

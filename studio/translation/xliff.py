"""A course's segments as an XLIFF file and back: XLIFF 1.2 (``xliff12``) and 2.0 core
(``xliff20``). Pure: bytes in, bytes out.

States travel as XLIFF states: CURRENT ``translated``; NEEDS_REVIEW (the source changed since
the translation) 1.2 ``needs-review-translation`` / 2.0 ``initial`` + ``subState
studio:needs-review``, the old translation as target and the previous source in a note; NEW
without a translation (1.2 an empty ``<target state="new">``, 2.0 no ``<target>``). A stored
translation whose inline codes no longer match its source's (the source lost a tag) cannot
travel as placeholders: it is written for review, its text in a note, the target empty.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from lxml import etree

from studio.errors import TranslationFileError
from studio.translation import xliff12, xliff20
from studio.translation.units import Segment, SegmentState, Translation
from studio.translation.xliff_model import (
    Planned,
    XliffDocument,
    XliffUnit,
    one_line,
    source_pieces,
    target_pieces,
)

__all__ = ["VERSIONS", "XliffDocument", "XliffUnit", "check_document", "read_xliff",
           "write_xliff"]

VERSIONS = ("1.2", "2.0")
# Characters XML 1.0 cannot hold at all (§2.2 Char), not even as character references.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAMESPACES = {"1.2": xliff12.NAMESPACE, "2.0": xliff20.NAMESPACE}


def write_xliff(*, course_id: str, course_title: str, source_language: str,
                target_language: str, segments: Sequence[Segment],
                states: Mapping[str, tuple[SegmentState, Translation | None]],
                version: str = "1.2", only: Collection[str] | None = None,
                targets: Mapping[str, str] | None = None) -> bytes:
    """The XLIFF bytes (UTF-8) of ``segments`` in their order for ``target_language``.

    ``states`` maps segment id -> (state, translation) as ``drift.states`` gives them (a
    segment missing there is NEW); ``targets`` (segment id -> text) overrides the target and
    writes the unit as translated (pseudo-locales); ``only`` keeps just those segment ids
    (``--changed``). Notes for translators: ``Segment.note`` (where the text appears) and
    ``Segment.max_length`` (1.2 ``maxwidth`` in characters, 2.0 a note). Same input, same
    bytes. Raises ValueError for a ``version`` other than "1.2" or "2.0" and for no segment
    at all in 2.0 (its ``<file>`` needs a unit); TranslationFileError (one line naming the
    segment) for a source or translation holding a control character XML 1.0 cannot hold.
    """
    if version not in VERSIONS:
        raise ValueError(f"XLIFF version {version!r}: use one of {', '.join(VERSIONS)}")
    planned = [_plan(segment, states.get(segment.id), (targets or {}).get(segment.id))
               for segment in segments if only is None or segment.id in only]
    writer = xliff12.write if version == "1.2" else xliff20.write
    return writer(course_id=course_id, course_title=course_title,
                  source_language=source_language, target_language=target_language,
                  planned=planned)


def _plan(segment: Segment, state: tuple[SegmentState, Translation | None] | None,
          override: str | None) -> Planned:
    _check_characters(segment.id, "source", segment.text)
    pieces = source_pieces(segment.text)
    if override is not None:
        kind, text, previous = SegmentState.CURRENT, override, None
    elif state is None or state[1] is None or state[0] is SegmentState.NEW:
        return Planned(segment, pieces, SegmentState.NEW, None)
    else:
        kind, text = state[0], state[1].text
        previous = state[1].source_text if kind is SegmentState.NEEDS_REVIEW else None
    _check_characters(segment.id, "translation", text)
    target = target_pieces(text, pieces)
    if target is None:
        return Planned(segment, pieces, SegmentState.NEEDS_REVIEW, None,
                               previous_source=previous, previous_translation=text)
    return Planned(segment, pieces, kind, target, previous_source=previous)


def _check_characters(segment_id: str, which: str, text: str) -> None:
    found = NOT_IN_XML.search(text)
    if found:
        raise TranslationFileError(
            f"segment {segment_id}: its {which} holds the control character "
            f"U+{ord(found.group()):04X}, which XLIFF cannot carry; remove it first")


def read_xliff(data: bytes, name: str) -> XliffDocument:
    """The document in an XLIFF 1.2 or 2.0 file's bytes; ``name`` (the file's name) starts
    every message. Raises TranslationFileError, one line: broken XML, not XLIFF, another
    XLIFF version (1.0, 1.1, 2.1 …), no target language, a unit without an id or twice, or a
    target whose placeholders are not its source's (one missing, invented or repeated)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise TranslationFileError(
            f"{name}: not well-formed XML ({one_line(error.msg or str(error))})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "xliff":
        tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise TranslationFileError(f"{name}: not an XLIFF file (its root element is <{tag}>)")
    version = root.get("version") or ""
    namespace = etree.QName(root).namespace or ""
    if version not in VERSIONS or _NAMESPACES[version] != namespace:
        shown = version or namespace.rpartition(":")[2] or "without a version"
        raise TranslationFileError(
            f"{name}: XLIFF {shown} is not supported; use XLIFF 1.2 or 2.0")
    return (xliff12.read if version == "1.2" else xliff20.read)(data, name)


def check_document(document: XliffDocument, *, course_id: str, source_language: str,
                   name: str) -> None:
    """Refuses a document written for another course or from another source language.
    Raises TranslationFileError (one line naming ``name``)."""
    if document.course_id != course_id:
        found = f"course {document.course_id}" if document.course_id else "no course"
        raise TranslationFileError(
            f"{name}: the file is for {found} ({document.course_title or 'untitled'}), not "
            f"this course ({course_id})")
    if document.source_language.lower() != source_language.lower():
        raise TranslationFileError(
            f"{name}: the file translates from {document.source_language or 'no language'}, "
            f"the course is written in {source_language}")

"""What an XLIFF file holds, as both versions share it: units, the document, inline codes.

Inline codes (``units.INLINE_CODE``: ``<i>``, ``</b>``, ``<v Anna>``, ``{name}``) never reach
the translator as free text: each one becomes a placeholder numbered in source order
(``"1"``, ``"2"`` …) that carries the code itself. Reading maps placeholders back to the
codes of the unit's *source*, so a translator may move them, never invent, drop or repeat
them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from studio.errors import TranslationFileError
from studio.translation.units import INLINE_CODE, Segment, SegmentState

TOOL_ID = "course-studio"
TOOL_NAME = "Course Studio"
PREVIOUS_SOURCE = "Previous source: "
PREVIOUS_TRANSLATION = "Previous translation: "


@dataclass(frozen=True)
class XliffUnit:
    """One segment as a file holds it: ``id`` the segment id, ``source`` and ``target`` with
    their inline codes restored (``target`` None when the file has no translation),
    ``state`` (None when the file says nothing a state can be read from), ``note`` the
    translators' note on where the text appears ("" when there is none)."""

    id: str
    source: str
    target: str | None
    state: SegmentState | None
    note: str = ""


@dataclass(frozen=True)
class XliffDocument:
    """A whole file: the course it was written for (``course_id`` the course identifier,
    ``course_title``), its language pair (BCP 47 tags as written), ``version`` ("1.2" or
    "2.0") and its units in file order."""

    course_id: str
    course_title: str
    source_language: str
    target_language: str
    version: str
    units: tuple[XliffUnit, ...]

    def unit(self, segment_id: str) -> XliffUnit | None:
        """The unit with this id; None when the file has none."""
        return next((unit for unit in self.units if unit.id == segment_id), None)


@dataclass(frozen=True)
class Code:
    """An inline code as a placeholder: ``id`` unique in its unit, ``native`` the code's
    text (None when the file leaves it to the source, as a target's placeholder may)."""

    id: str
    native: str | None


Piece = str | Code


@dataclass(frozen=True)
class Planned:
    """One unit to write: the ``segment``, its source ``pieces``, the ``state`` written,
    ``target`` pieces (None: no translation in the file), and for review the
    ``previous_source`` and a ``previous_translation`` that could not travel as target."""

    segment: Segment
    pieces: list[Piece]
    state: SegmentState
    target: list[Piece] | None
    previous_source: str | None = None
    previous_translation: str | None = None


def stored_units(store_class: type, root, planned: list[Planned],
                 fill: Callable[[object, Planned], None]) -> bytes:
    """The bytes of a translate-toolkit XLIFF store (``store_class``, 1.2 or 2.0) made from the
    lxml document ``root`` (its header written) with one unit per ``planned`` entry: each
    unit is added, given its segment id and handed to ``fill`` with its entry, in order."""
    from lxml import etree  # noqa: PLC0415 - the reading side of this module needs none

    store = store_class(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    for entry in planned:
        unit = store.UnitClass("")
        store.addunit(unit)  # moves the unit into the file's namespace
        unit.setid(entry.segment.id)
        fill(unit, entry)
    etree.cleanup_namespaces(store.document)  # units are born in the toolkit's default namespace
    return bytes(store)


def original_name(course_id: str) -> str:
    """The file's ``original`` attribute for a course: ``course-<identifier>``."""
    return f"course-{course_id}"


def course_of(original: str | None) -> str:
    """The course identifier in an ``original`` attribute ("" when it names no course)."""
    return original[len("course-"):] if original and original.startswith("course-") else ""


def course_in(originals: list[str | None], *, name: str) -> str:
    """The one course the ``original`` attributes of a file's ``<file>`` elements name ("" for
    none). Raises TranslationFileError when they name several."""
    courses = sorted({course_of(original) for original in originals} - {""})
    if len(courses) > 1:
        raise TranslationFileError(f"{name}: the file mixes several courses ({', '.join(courses)})")
    return courses[0] if courses else ""


def instructions(course_title: str, course_id: str) -> str:
    """The file's note for translators (one paragraph, both versions)."""
    return (f"Course \u201c{course_title}\u201d ({course_id}). Translate every target; keep each "
            "numbered placeholder (formatting, names), in any order. A unit that needs review "
            "had its source edited: its note gives the previous source.")


def source_pieces(text: str) -> list[Piece]:
    """``text`` cut at its inline codes, the codes numbered ``"1"``, ``"2"`` … in order."""
    pieces: list[Piece] = []
    position = 0
    for number, match in enumerate(INLINE_CODE.finditer(text), start=1):
        if match.start() > position:
            pieces.append(text[position:match.start()])
        pieces.append(Code(str(number), match.group()))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def target_pieces(text: str, source: list[Piece]) -> list[Piece] | None:
    """A translation cut at its inline codes, each code given the id of a source code with
    the same text (repeated codes in order: the second ``<i>`` of the target takes the id of
    the second ``<i>`` of the source). None when the translation's codes are not exactly the
    source's (one missing, added or repeated): such a text cannot travel as placeholders."""
    free: dict[str, list[str]] = {}
    for piece in source:
        if isinstance(piece, Code):
            free.setdefault(piece.native or "", []).append(piece.id)
    pieces: list[Piece] = []
    for piece in source_pieces(text):
        if isinstance(piece, Code):
            ids = free.get(piece.native or "")
            if not ids:
                return None
            piece = Code(ids.pop(0), piece.native)
        pieces.append(piece)
    return None if any(free.values()) else pieces


def joined(pieces: list[Piece], natives: dict[str, str], *, name: str, unit: str) -> str:
    """The text of a target's pieces with every placeholder replaced by the source's code of
    that id (``natives``: id -> code). Raises TranslationFileError (one line naming ``name``
    and the ``unit``) when a placeholder is not in the source, appears twice, or a source
    placeholder is missing."""
    seen = Counter(piece.id for piece in pieces if isinstance(piece, Code))
    for code_id, count in seen.items():
        if code_id not in natives:
            raise TranslationFileError(
                f"{name}: segment {unit}: the target has placeholder {code_id}, which its "
                "source does not have")
        if count > 1:
            raise TranslationFileError(
                f"{name}: segment {unit}: placeholder {code_id} ({natives[code_id]}) appears "
                f"{count} times in the target")
    for code_id, native in natives.items():
        if code_id not in seen:
            raise TranslationFileError(
                f"{name}: segment {unit}: placeholder {code_id} ({native}) is missing from "
                "the target")
    return "".join(natives[piece.id] if isinstance(piece, Code) else piece for piece in pieces)


def blank(pieces: list[Piece]) -> bool:
    """True when ``pieces`` hold nothing but white space: no translation (an empty or
    whitespace-only ``<target>``)."""
    return all(isinstance(piece, str) and not piece.strip() for piece in pieces)


def code_problem(source: str, target: str) -> str | None:
    """What is wrong with the inline codes (``units.INLINE_CODE``) of a ``target`` read as
    text against its ``source``'s: "the code </i> of the source is missing from the target"
    (a code missing, added or repeated), None when they are exactly the source's, in any
    order. Pure; raises nothing."""
    wanted = Counter(INLINE_CODE.findall(source))
    found = Counter(INLINE_CODE.findall(target))
    for code in INLINE_CODE.findall(target):
        if found[code] > wanted[code]:
            return (f"the target has the code {code}, which its source does not have (or has "
                    "fewer times)")
    for code in INLINE_CODE.findall(source):
        if wanted[code] > found[code]:
            return f"the code {code} of the source is missing from the target"
    return None


def check_codes(source: str, target: str, *, name: str, unit: str) -> None:
    """Refuses a target whose inline codes, read as text, are not exactly its source's
    (:func:`code_problem`): a converter (PO and back) may have flattened the placeholders
    into free text. Raises TranslationFileError (one line naming ``name`` and the ``unit``)."""
    problem = code_problem(source, target)
    if problem:
        raise TranslationFileError(f"{name}: segment {unit}: {problem}")


def merged(units: list[XliffUnit], *, name: str) -> tuple[XliffUnit, ...]:
    """Units by segment id in first-seen order, where a segment seen twice (a converter such
    as translate-toolkit's po2xliff with the original file as template appends its translated
    copy) keeps the copy with a target. Raises TranslationFileError when both copies carry
    different targets."""
    kept: dict[str, XliffUnit] = {}
    for unit in units:
        earlier = kept.get(unit.id)
        if earlier is None or earlier.target is None:
            kept[unit.id] = unit if earlier is None or unit.target is not None else earlier
        elif unit.target is not None and unit.target != earlier.target:
            raise TranslationFileError(
                f"{name}: segment {unit.id} appears twice with different translations")
    return tuple(kept.values())


def natives_of(pieces: list[Piece], *, name: str, unit: str) -> dict[str, str]:
    """The source's placeholders, id -> code. Raises TranslationFileError when an id is
    repeated or a placeholder carries no code."""
    natives: dict[str, str] = {}
    for piece in pieces:
        if not isinstance(piece, Code):
            continue
        if piece.id in natives:
            raise TranslationFileError(
                f"{name}: segment {unit}: placeholder {piece.id} appears twice in the source")
        if piece.native is None:
            raise TranslationFileError(
                f"{name}: segment {unit}: placeholder {piece.id} of the source has no code")
        natives[piece.id] = piece.native
    return natives


def one_line(text: str, limit: int = 120) -> str:
    """``text`` on one line (runs of white space as one space), cut to ``limit``
    characters with an ellipsis: for messages that quote a file's content."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

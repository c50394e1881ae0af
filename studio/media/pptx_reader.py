"""What a PowerPoint deck holds, read with python-pptx: slides in order, their text in reading
order, speaker notes, alt texts, pictures and text boxes (:mod:`studio.media.pptx_layout`),
embedded audio and video, and the slide size.

The package is checked before python-pptx opens it (:mod:`studio.media.pptx_package`).
Shapes are told apart by their XML element, not by python-pptx's shape type, so a shape it
cannot classify (a text shape without geometry, as Google Slides, Keynote and LibreOffice
write) is still read through its text frame, and no single shape can stop a deck: what
cannot be read is listed per slide in ``DeckSlide.unread``.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studio.errors import ImportFileError
from studio.media.pptx_layout import slide_layout
from studio.media.pptx_package import check_package
from studio.media.pptx_unread import (
    UNREADABLE_SHAPE,
    placeholder_kind,
    readable_shapes,
    title_shape,
    unread_objects,
)
from studio.slide_layout import SlidePicture, TextBox

MEDIA_RELS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/audio",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video",
    "http://schemas.microsoft.com/office/2007/relationships/media",
}


@dataclass(frozen=True)
class DeckMedia:
    """One embedded audio or video part of a deck, with its bytes (``blob``)."""

    partname: str  # e.g. /ppt/media/media1.mp4
    kind: str  # audio | video
    content_type: str
    blob: bytes = b""

    @property
    def suffix(self) -> str:
        """The part's file extension, lower case with its dot ('.mp4'); '.bin' if none."""
        return PurePosixPath(self.partname).suffix.lower() or ".bin"


@dataclass(frozen=True)
class DeckSlide:
    """One slide as read: its words, notes, media, and what could not be read of it."""

    number: int  # 1-based position in the deck, hidden slides counted
    slide_id: int  # PowerPoint's stable id: survives reordering and editing the deck
    title: str
    text: str  # every text of the slide in reading order, one paragraph a line
    notes: str
    alt_texts: tuple[str, ...]
    media: tuple[str, ...]  # partnames of the embedded audio and video the slide uses
    linked_media: tuple[str, ...]  # media the slide links to outside the deck (not imported)
    hidden: bool
    unread: tuple[str, ...] = ()  # one kind per object left out (see pptx_unread.KINDS)
    # every picture (described or not) and text box, in reading order (pptx_layout)
    pictures: tuple[SlidePicture, ...] = ()
    text_boxes: tuple[TextBox, ...] = ()


@dataclass(frozen=True)
class Deck:
    """A deck as read: its slides in order, its embedded media by part name, and its slide
    size in EMU (914400 to the inch, ECMA-376 Part 1 §20.1.2.1)."""

    path: Path
    sha256: str
    width_emu: int
    height_emu: int
    slides: tuple[DeckSlide, ...]
    media: dict[str, DeckMedia]

    @property
    def visible(self) -> list[DeckSlide]:
        """The slides a presenter shows, in deck order."""
        return [s for s in self.slides if not s.hidden]

    @property
    def hidden(self) -> list[DeckSlide]:
        """The slides marked hidden (``p:sld@show="0"``), in deck order."""
        return [s for s in self.slides if s.hidden]

    @property
    def aspect(self) -> str:
        """'16:9', '4:3', '16:10' (within 1 %), or 'custom'."""
        ratio = self.width_emu / self.height_emu
        for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
            if abs(ratio - value) < 0.01:
                return name
        return "custom"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file as 64 hex digits, read in 1 MiB blocks; OSError if unreadable."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_deck(path: Path, checked: bool = False) -> Deck:
    """Read a deck; raises ImportFileError for anything that is not a usable .pptx.

    ``checked`` says :func:`check_package` already passed on this file, so its parts are
    not unpacked a second time.
    """
    path = Path(path)
    if not checked:
        check_package(path)
    from lxml.etree import XMLSyntaxError  # noqa: PLC0415
    from pptx import Presentation  # noqa: PLC0415 (slow import, kept off start-up)
    from pptx.exc import PythonPptxError  # noqa: PLC0415

    try:
        presentation = Presentation(str(path))
        return _deck(path, presentation)
    except ImportFileError:
        raise
    except KeyError as exc:
        raise ImportFileError(
            f"{path.name} is damaged: it refers to a part that is missing from the file "
            f"({exc.args[0] if exc.args else exc}).") from exc
    except (PythonPptxError, XMLSyntaxError, zipfile.BadZipFile, ValueError, AttributeError,
            TypeError, IndexError, NotImplementedError, EOFError, OSError) as exc:
        raise ImportFileError(f"{path.name} is damaged and cannot be read "
                              f"({' '.join(str(exc).split())}).") from exc


def _deck(path: Path, presentation) -> Deck:
    media: dict[str, DeckMedia] = {}
    slides = []
    width, height = presentation.slide_width, presentation.slide_height
    if not width or not height:
        width, height = 12192000, 6858000  # a deck that omits its size uses PowerPoint's 16:9
    for number, slide in enumerate(presentation.slides, start=1):
        used, linked = _slide_media(path.name, number, slide, media)
        text_lines, alt_texts, unread = _slide_text(slide)
        pictures, boxes = slide_layout(slide, int(width), int(height))
        heading = title_shape(slide)
        title = " ".join((heading.text_frame.text if heading is not None
                          and heading.has_text_frame else "").split())
        if not title:
            title = next((line for line in text_lines if line.strip()), f"Slide {number}")
            title = " ".join(title.split())[:120]
        slides.append(DeckSlide(
            number=number, slide_id=slide.slide_id, title=title, text="\n".join(text_lines),
            notes=_notes(slide), alt_texts=tuple(alt_texts), media=tuple(used),
            linked_media=tuple(linked), hidden=slide._element.get("show") in ("0", "false"),
            unread=tuple(unread), pictures=pictures, text_boxes=boxes,
        ))
    ids = [s.slide_id for s in slides]
    if len(set(ids)) != len(ids):
        raise ImportFileError(f"{path.name} is damaged: two of its slides share one id.")
    return Deck(path, file_sha256(path), int(width), int(height), tuple(slides), media)


def _slide_media(name: str, number: int, slide, media: dict[str, DeckMedia]):
    used: list[str] = []
    linked: list[str] = []
    for rel in slide.part.rels.values():
        if rel.reltype not in MEDIA_RELS:
            continue
        if rel.is_external:
            if rel.target_ref not in linked:
                linked.append(rel.target_ref)
            continue
        try:
            part = rel.target_part
        except KeyError as exc:
            raise ImportFileError(
                f"{name} is missing the media of slide {number}; the deck is damaged.") from exc
        partname = str(part.partname)
        if partname not in media:
            blob = part.blob
            if not blob:
                raise ImportFileError(
                    f"{name}: the media {partname} of slide {number} is empty; the deck "
                    "is damaged.")
            content_type = part.content_type
            kind = "audio" if content_type.startswith("audio/") or PurePosixPath(
                partname).suffix.lower() in {".mp3", ".m4a", ".wav", ".wma", ".aac"} else "video"
            media[partname] = DeckMedia(partname, kind, content_type, blob)
        if partname not in used:
            used.append(partname)
    return used, linked


def _slide_text(slide) -> tuple[list[str], list[str], list[str]]:
    """Text in reading order: the title first, then shapes in their order on the slide
    (PowerPoint's reading order for screen readers), groups and tables walked inside; then
    the alt texts, and the kinds of object left out."""
    from pptx.exc import PythonPptxError  # noqa: PLC0415

    lines: list[str] = []
    alt_texts: list[str] = []
    unread = unread_objects(slide)
    title = title_shape(slide)
    shapes = readable_shapes(slide.shapes)
    if title is not None:
        shapes.sort(key=lambda s: s._element is not title._element)
    for shape in shapes:
        shape_lines: list[str] = []
        shape_alts: list[str] = []
        try:
            _shape_text(shape, shape_lines, shape_alts)
        except (PythonPptxError, NotImplementedError, ValueError, KeyError, AttributeError,
                TypeError, IndexError):
            unread.append(UNREADABLE_SHAPE)  # malformed XML in one shape; the rest is read
            continue
        lines += shape_lines
        alt_texts += shape_alts
    return lines, alt_texts, unread


def _shape_text(shape, lines: list[str], alt_texts: list[str]) -> None:
    element_kind = _element_kind(shape)
    if element_kind == "grpSp":
        for child in readable_shapes(shape.shapes):
            _shape_text(child, lines, alt_texts)
        return
    descr = alt_text(shape)
    if descr and element_kind == "pic":
        alt_texts.append(descr)
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            cells = [" ".join(cell.text.split()) for cell in row.cells]
            if any(cells):
                lines.append(" | ".join(cells))
        return
    if shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            text = "".join(run.text for run in paragraph.runs).strip()
            if text:
                lines.append(text)


def _element_kind(shape) -> str:
    """The shape's XML element name (sp, grpSp, pic, graphicFrame, cxnSp, contentPart)."""
    tag = shape._element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def alt_text(shape) -> str:
    """A shape's alternative text (its cNvPr@descr), stripped; '' when it has none."""
    found = shape._element.xpath("./*[1]/p:cNvPr")
    return (found[0].get("descr") or "").strip() if found else ""


def _notes(slide) -> str:
    """The speaker notes: the text of the notes page's body placeholder (as python-pptx's
    ``notes_text_frame``, without stopping at elements it has no class for)."""
    if not slide.has_notes_slide:
        return ""
    for shape in readable_shapes(slide.notes_slide.shapes):
        if placeholder_kind(shape) == "body" and shape.has_text_frame:
            return "\n".join(p for p in (para.text.strip() for para in
                                          shape.text_frame.paragraphs) if p)
    return ""

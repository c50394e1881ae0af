"""What a PowerPoint deck holds, read with python-pptx: slides in order, their text in reading
order, speaker notes, alt texts, embedded audio and video, and the slide size.

The package is checked before python-pptx opens it, so a password-protected deck (an OLE
compound file), a file that is not a .pptx, a damaged archive or a zip bomb each get a clear
:class:`~studio.errors.ImportFileError` instead of a traceback or a machine out of memory.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studio.errors import ImportFileError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_BYTES = 2 << 30  # a deck with long embedded videos stays well under this
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # deflate rarely passes ~20:1 on XML and never ~1000:1 outside bombs
MEDIA_RELS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/audio",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video",
    "http://schemas.microsoft.com/office/2007/relationships/media",
}
EMU_PER_INCH = 914400


@dataclass(frozen=True)
class DeckMedia:
    partname: str  # e.g. /ppt/media/media1.mp4
    kind: str  # audio | video
    content_type: str
    blob: bytes = b""

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.partname).suffix.lower() or ".bin"


@dataclass(frozen=True)
class DeckSlide:
    number: int  # 1-based position in the deck, hidden slides counted
    slide_id: int  # PowerPoint's stable id: survives reordering and editing the deck
    title: str
    text: str  # every text of the slide in reading order, one paragraph a line
    notes: str
    alt_texts: tuple[str, ...]
    media: tuple[str, ...]  # partnames of the embedded audio and video the slide uses
    linked_media: tuple[str, ...]  # media the slide links to outside the deck (not imported)
    hidden: bool


@dataclass(frozen=True)
class Deck:
    path: Path
    sha256: str
    width_emu: int
    height_emu: int
    slides: tuple[DeckSlide, ...]
    media: dict[str, DeckMedia]

    @property
    def visible(self) -> list[DeckSlide]:
        return [s for s in self.slides if not s.hidden]

    @property
    def hidden(self) -> list[DeckSlide]:
        return [s for s in self.slides if s.hidden]

    @property
    def aspect(self) -> str:
        ratio = self.width_emu / self.height_emu
        for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
            if abs(ratio - value) < 0.01:
                return name
        return "custom"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_package(path: Path) -> None:
    """Refuse anything python-pptx should not be handed; reads only headers and sizes."""
    name = path.name
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise ImportFileError(f"Cannot read {name}: {exc.strerror}.") from exc
    if head == OLE_MAGIC:
        raise ImportFileError(
            f"{name} is password-protected (encrypted) or an old binary .ppt file. Open it in "
            "PowerPoint, remove the password and save it as .pptx, then import it again.")
    if not zipfile.is_zipfile(path):
        raise ImportFileError(f"{name} is not a PowerPoint .pptx file.")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
                raise ImportFileError(
                    f"{name} is a zip archive but not a PowerPoint presentation.")
            _check_sizes(name, members)
            _check_slide_parts(name, archive, names)
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"{name} is damaged: its archive cannot be read ({exc}).") from exc


def _check_sizes(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(f"{name} holds {len(members)} parts; that is not a real deck.")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"{name} would unpack to {total / 2**30:.1f} GiB; Course Studio refuses decks over "
            f"{MAX_UNPACKED_BYTES / 2**30:.0f} GiB unpacked (it may be a zip bomb).")
    for member in members:
        if member.file_size > (1 << 20) and member.file_size > MAX_RATIO * max(
                member.compress_size, 1):
            raise ImportFileError(
                f"{name} looks like a zip bomb: {member.filename} packs "
                f"{member.file_size / 2**20:.0f} MiB into {member.compress_size} bytes.")


def _check_slide_parts(name: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    """Every picture and media part a slide refers to must be in the file (python-pptx would
    silently drop the reference, and the slide would lose its picture or narration)."""
    from lxml import etree  # noqa: PLC0415

    for rels in sorted(n for n in names if n.startswith("ppt/slides/_rels/")):
        try:
            root = etree.fromstring(archive.read(rels))
        except etree.XMLSyntaxError as exc:
            raise ImportFileError(f"{name} is damaged: {rels} cannot be read.") from exc
        slide = PurePosixPath(rels).name.removesuffix(".rels")
        for rel in root:
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = _resolve(PurePosixPath("ppt/slides"), target)
            if resolved not in names:
                raise ImportFileError(
                    f"{name} is damaged: {slide} uses {resolved}, which is missing from the "
                    "file. Open the deck in PowerPoint, let it repair the file, and save it.")


def _resolve(base: PurePosixPath, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = list(base.parts)
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def read_deck(path: Path) -> Deck:
    """Read a deck; raises ImportFileError for anything that is not a usable .pptx."""
    path = Path(path)
    check_package(path)
    from lxml.etree import XMLSyntaxError  # noqa: PLC0415
    from pptx import Presentation  # noqa: PLC0415 (slow import, kept off start-up)
    from pptx.exc import PackageNotFoundError  # noqa: PLC0415

    try:
        presentation = Presentation(str(path))
        return _deck(path, presentation)
    except ImportFileError:
        raise
    except KeyError as exc:
        raise ImportFileError(
            f"{path.name} is damaged: it refers to a part that is missing from the file "
            f"({exc.args[0] if exc.args else exc}).") from exc
    except (PackageNotFoundError, XMLSyntaxError, zipfile.BadZipFile, ValueError,
            AttributeError, TypeError, EOFError, OSError) as exc:
        raise ImportFileError(f"{path.name} is damaged and cannot be read ({exc}).") from exc


def _deck(path: Path, presentation) -> Deck:
    media: dict[str, DeckMedia] = {}
    slides = []
    for number, slide in enumerate(presentation.slides, start=1):
        used, linked = _slide_media(path.name, number, slide, media)
        text_lines, alt_texts = _slide_text(slide)
        title_shape = slide.shapes.title
        title = " ".join((title_shape.text_frame.text if title_shape is not None
                          and title_shape.has_text_frame else "").split())
        if not title:
            title = next((line for line in text_lines if line.strip()), f"Slide {number}")
            title = " ".join(title.split())[:120]
        slides.append(DeckSlide(
            number=number, slide_id=slide.slide_id, title=title, text="\n".join(text_lines),
            notes=_notes(slide), alt_texts=tuple(alt_texts), media=tuple(used),
            linked_media=tuple(linked), hidden=slide._element.get("show") in ("0", "false"),
        ))
    ids = [s.slide_id for s in slides]
    if len(set(ids)) != len(ids):
        raise ImportFileError(f"{path.name} is damaged: two of its slides share one id.")
    width, height = presentation.slide_width, presentation.slide_height
    if not width or not height:
        width, height = 12192000, 6858000  # a deck that omits its size uses PowerPoint's 16:9
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


def _slide_text(slide) -> tuple[list[str], list[str]]:
    """Text in reading order: the title first, then shapes in their order on the slide
    (PowerPoint's reading order for screen readers), groups and tables walked inside."""
    lines: list[str] = []
    alt_texts: list[str] = []
    title = slide.shapes.title
    shapes = list(slide.shapes)
    if title is not None:
        shapes.sort(key=lambda s: s.shape_id != title.shape_id)
    for shape in shapes:
        _shape_text(shape, lines, alt_texts)
    return lines, alt_texts


def _shape_text(shape, lines: list[str], alt_texts: list[str]) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE  # noqa: PLC0415

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for child in shape.shapes:
            _shape_text(child, lines, alt_texts)
        return
    descr = alt_text(shape)
    if descr and (shape.shape_type == MSO_SHAPE_TYPE.PICTURE or _is_picture(shape)):
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


def _is_picture(shape) -> bool:
    return shape._element.tag.endswith("}pic")


def alt_text(shape) -> str:
    found = shape._element.xpath("./*[1]/p:cNvPr")
    return (found[0].get("descr") or "").strip() if found else ""


def _notes(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return ""
    return "\n".join(p for p in (para.text.strip() for para in frame.paragraphs) if p)

"""A .pptx checked as a zip package before python-pptx is handed it (ECMA-376 Part 2, OPC).

A password-protected deck (an OLE compound file), a file that is not a .pptx, a zip bomb, a
damaged part or a slide pointing at a missing part each get one clear
:class:`~studio.errors.ImportFileError` instead of a traceback or a machine out of memory.
Every part is unpacked once, in small chunks, so the memory this takes stays flat whatever
the deck declares.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from studio.errors import ImportFileError
from studio.files import unreadable
from studio.zipcheck import READ_ERRORS, GiB, ZipLimits, damage_reason, zip_problem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# python-pptx holds every part of a deck in memory: this bounds what an import may hold.
DECK_LIMITS = ZipLimits(max_unpacked=2 * GiB, max_ratio=200, max_members=20_000)
_CHUNK = 1 << 20


def check_package(path: Path) -> None:
    """Refuse anything python-pptx should not be handed.

    Reads the central directory first (sizes against :data:`DECK_LIMITS`), then unpacks each
    part once in 1 MiB chunks to prove its deflate data and checksum, then each slide's
    relationships. Raises ImportFileError naming the file (and the part, when one is at
    fault); returns None for a deck that is safe to open.
    """
    name = path.name
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if head == OLE_MAGIC:
        raise ImportFileError(
            f"{name} is password-protected (encrypted) or an old binary .ppt file. Open it in "
            "PowerPoint, remove the password and save it as .pptx, then import it again.")
    if not zipfile.is_zipfile(path):
        raise ImportFileError(f"{name} is not a PowerPoint .pptx file.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ImportFileError(f"{name} is damaged: its zip directory cannot be read "
                              f"({damage_reason(exc)}).") from exc
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
            raise ImportFileError(f"{name} is a zip archive but not a PowerPoint presentation.")
        problem = zip_problem(members, DECK_LIMITS)
        if problem is not None:
            subject = f"{name}: {problem.member}" if problem.member else name
            raise ImportFileError(f"{subject} {problem.message}; the deck was not imported.")
        for member in members:
            _check_intact(name, archive, member)
        _check_slide_parts(name, archive, names)


def _check_intact(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Unpack one part to nowhere: its deflate stream, size and CRC-32 must hold."""
    try:
        with archive.open(member) as stream:
            while stream.read(_CHUNK):
                pass
    except READ_ERRORS as exc:
        raise ImportFileError(f"{name} is damaged: {member.filename} cannot be read "
                              f"({damage_reason(exc)}).") from exc


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
            resolved = resolve_target(PurePosixPath("ppt/slides"), target)
            if resolved not in names:
                raise ImportFileError(
                    f"{name} is damaged: {slide} uses {resolved}, which is missing from the "
                    "file. Open the deck in PowerPoint, let it repair the file, and save it.")


def resolve_target(base: PurePosixPath, target: str) -> str:
    """A relationship's Target (OPC §9.3) as a part name inside the zip, e.g.
    ('ppt/slides', '../media/image1.png') -> 'ppt/media/image1.png'."""
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

"""Zip bombs refused from the central directory, before a single member is unpacked.

A zip's central directory declares every member's compressed and unpacked size. Those
figures alone tell a bomb from a real deck or package: either the archive would unpack to
more than anyone needs, or it packs far more than deflate ever reaches on real content,
whether in one huge member or spread thin over many members that each look harmless.
(APPNOTE.TXT 4.3.12 describes the central directory header these sizes come from.)
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

MiB = 1024**2
GiB = 1024**3


@dataclass(frozen=True)
class ZipLimits:
    """What an archive may declare before it is opened.

    ``max_unpacked`` and ``ratio_from`` are bytes; ``max_ratio`` is unpacked bytes per
    compressed byte, applied to each member and to the archive as a whole once they unpack
    to ``ratio_from`` bytes or more (tiny files may compress absurdly well and harm nobody).
    """

    max_unpacked: int
    max_ratio: float = 200.0
    ratio_from: int = MiB
    max_members: int = 20_000


@dataclass(frozen=True)
class ZipProblem:
    """Why an archive must not be unpacked: ``member`` is the culprit's name inside the zip,
    or None when the archive as a whole is at fault; ``message`` is a sentence fragment that
    reads after the archive's or member's name."""

    member: str | None
    message: str


def zip_problem(members: Iterable[zipfile.ZipInfo], limits: ZipLimits) -> ZipProblem | None:
    """The first reason the declared sizes of ``members`` break ``limits``, or None.

    Reads only the ZipInfo records (from ``ZipFile.infolist()``); never raises.
    """
    infos = [m for m in members if not m.is_dir()]
    if len(infos) > limits.max_members:
        return ZipProblem(None, f"holds {len(infos)} files, more than the "
                                f"{limits.max_members} any real one needs")
    total = sum(m.file_size for m in infos)
    packed = sum(m.compress_size for m in infos)
    if total > limits.max_unpacked:
        return ZipProblem(None, f"would unpack to {_size(total)}, more than the "
                                f"{_size(limits.max_unpacked)} allowed (it may be a zip bomb)")
    for member in infos:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= limits.ratio_from and ratio > limits.max_ratio:
            return ZipProblem(member.filename,
                              f"packs {_size(member.file_size)} into {member.compress_size} "
                              f"bytes ({ratio:.0f} to 1), which only zip bombs do")
    ratio = total / max(packed, 1)
    if total >= limits.ratio_from and ratio > limits.max_ratio:
        return ZipProblem(None, f"packs {_size(total)} into {_size(packed)} ({ratio:.0f} to 1 "
                                f"over {len(infos)} files), which only zip bombs do")
    return None


def damage_reason(exc: BaseException) -> str:
    """A few plain words for why a member could not be unpacked, from the exception that
    ``ZipFile.open``/``read`` raised (zlib.error, BadZipFile, EOFError, ...)."""
    text = str(exc)
    if isinstance(exc, zlib.error):
        return "invalid deflate data"
    if isinstance(exc, EOFError):
        return "its data ends early"
    if isinstance(exc, NotImplementedError):
        return "it uses a compression method that is not supported"
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return "it is encrypted"
    if isinstance(exc, zipfile.BadZipFile):
        if "CRC" in text:
            return "its checksum does not match its data"
        if "central directory" in text:
            return "its central directory is damaged"
        if "differ" in text:
            return "its local header does not match the central directory"
        if "header" in text or "magic" in text:
            return "its local header is damaged"
    return text.splitlines()[0] if text else type(exc).__name__


# What reading a member of an archive whose directory looked sound can still raise.
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
               ValueError, OSError)


def _size(count: int) -> str:
    if count >= GiB:
        return f"{count / GiB:.2f} GiB"
    if count >= MiB:
        return f"{count / MiB:.1f} MiB"
    return f"{count} bytes"

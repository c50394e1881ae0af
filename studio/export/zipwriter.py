"""A deterministic zip writer: the same members give a byte-identical archive.

Members are sorted by name and carry a fixed timestamp and fixed permissions; media that
is already compressed is STORED, everything else DEFLATED at zlib's default level. The archive
is written to ``<target>.part`` and renamed over the target only once complete, so a
cancel or an error leaves any earlier package untouched. Large files are copied in chunks
so memory stays flat whatever the size of the media.
"""

from __future__ import annotations

import errno
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from studio.errors import ExportError
from studio.export.package import PackageFile
from studio.files import replacing
from studio.jobs import CancelToken, Progress

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644
CHUNK = 1 << 20
STORED_SUFFIXES = frozenset({
    ".mp4", ".m4a", ".m4v", ".mp3", ".webm", ".ogg", ".ogv", ".oga", ".opus", ".mov",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".zip", ".gz",
})


def compression_for(name: str) -> int:
    """``ZIP_STORED`` for media that is already compressed (by suffix), else ``ZIP_DEFLATED``."""
    suffix = os.path.splitext(name)[1].lower()
    return zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED


def _member_info(member: PackageFile) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(member.name, date_time=FIXED_TIME)
    info.create_system = 3  # unix, so the permission bits below are read
    info.external_attr = (0o100000 | FILE_MODE) << 16
    info.compress_type = compression_for(member.name)
    info.file_size = member.size
    return info


def check_target(target: Path) -> None:
    """Refuse a target that cannot be written, before any work is done."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot write the package: the folder {folder} does not exist.")
    if target.is_dir():
        raise ExportError(f"Cannot write the package: {target} is a folder.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"Cannot write the package: the folder {folder} is read-only.")


def _write_error(target: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError(f"The disk is full: could not write {target}.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(f"Cannot write the package: {target.parent} is read-only.")
    return ExportError(f"Could not write {target}: {exc.strerror or exc}.")


def _copy_member(archive: zipfile.ZipFile, member: PackageFile, token: CancelToken,
                 advance) -> None:
    info = _member_info(member)
    with archive.open(info, "w", force_zip64=member.size >= zipfile.ZIP64_LIMIT) as out:
        if member.data is not None:
            out.write(member.data)
            advance(len(member.data))
            return
        assert member.source is not None
        with open(member.source, "rb") as source:
            while block := source.read(CHUNK):
                out.write(block)
                advance(len(block))
                token.check()
    if info.file_size != member.size:
        raise ExportError(f"{member.source} changed while it was being packaged; "
                          "export again.")


def write_zip(members: Sequence[PackageFile], target: Path, progress: Progress,
              token: CancelToken) -> int:
    """Write the members to ``target``; returns the archive's size in bytes."""
    ordered = sorted(members, key=lambda m: m.name)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.name == second.name:
            raise ExportError(f"Two package files would share the name {first.name}.")
    total = max(1, sum(m.size for m in ordered))
    done = 0
    message = ""

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress(done / total, message)

    try:
        with (replacing(target, durable=True) as part, open(part, "wb") as raw,
              zipfile.ZipFile(raw, "w") as archive):
            for member in ordered:
                token.check()
                message = f"Adding {member.name}"
                progress(done / total, message)
                _copy_member(archive, member, token, advance)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    progress(1.0, "Package written")
    return target.stat().st_size


"""Reading a package safely: a zip or an unpacked folder, before anything in it is trusted.

The zip is checked the way a careful LMS unpacks it (readable, every member's checksum and
size, no paths escaping the package, no encrypted members, no zip bomb); a folder is listed
without following links out of it. Both give a source with ``names``, ``exists`` and ``read``
for the manifest checks in :mod:`studio.export.validate`.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from studio.jobs import CancelToken, Progress
from studio.zipcheck import READ_ERRORS, GiB, ZipLimits, damage_reason, zip_problem

Severity = Literal["error", "warning"]

# A long video course stays far below 16 GiB; deflate rarely beats 100:1 on real content
# while bombs reach 1000:1, in one member or spread over many.
PACKAGE_LIMITS = ZipLimits(max_unpacked=16 * GiB, max_ratio=200, max_members=100_000)
MAX_DOCUMENT_BYTES = 32 * 1024**2  # manifests and metadata files are read into memory
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One thing the validator found: ``where`` (a member path or an element path of a
    document) and a ``message`` for people."""

    severity: Severity
    where: str
    message: str


class Findings(list):
    """The findings of one validation, in the order they were found."""

    def error(self, where: str, message: str) -> None:
        """Record something that makes the package unfit for an LMS."""
        self.append(Finding("error", where, message))

    def warning(self, where: str, message: str) -> None:
        """Record something worth a look that does not make the package invalid."""
        self.append(Finding("warning", where, message))


class ZipSource:
    """Files of a zip package, by their path inside it."""

    def __init__(self, archive: zipfile.ZipFile, names: set[str]):
        self.archive, self.names = archive, names

    def exists(self, name: str) -> bool:
        """Whether the zip holds a file at this package path."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes, at most ``MAX_DOCUMENT_BYTES`` + 1 (more means: too large to
        check). Raises ``KeyError`` for a name the zip does not hold."""
        with self.archive.open(name) as member:
            return member.read(MAX_DOCUMENT_BYTES + 1)


class FolderSource:
    """Files of an unpacked package; ``names`` is None when only one document is checked."""

    def __init__(self, root: Path, names: set[str] | None):
        self.root, self.names = root, names

    def exists(self, name: str) -> bool:
        """Whether the folder holds a file at this package path."""
        if self.names is not None:
            return name in self.names
        return (self.root / name).is_file()

    def read(self, name: str) -> bytes:
        """A file's bytes, at most ``MAX_DOCUMENT_BYTES`` + 1 (more means: too large to
        check). Raises ``OSError`` when it cannot be read."""
        with open(self.root / name, "rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)


def check_zip(path: Path, findings: Findings, token: CancelToken, progress: Progress,
              check: Callable[[ZipSource], str]) -> str:
    """Open and check the zip, then run ``check`` on its members; 'unknown' if it cannot."""
    try:
        with open(path, "rb") as handle:
            starts_like_zip = handle.read(4) == b"PK\x03\x04"
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError):  # a damaged central directory
        findings.error(
            path.name,
            "looks like a zip file but is damaged or incomplete (was the download or copy "
            "interrupted?)"
            if starts_like_zip
            else "is not a zip file; a package must be a .zip (or an unpacked folder)",
        )
        return "unknown"
    except OSError as exc:
        findings.error(path.name, f"cannot be read: {exc.strerror or exc}")
        return "unknown"
    with archive:
        names = _zip_names(archive, path.name, findings)
        if names is None or not _zip_intact(archive, names, findings, token, progress):
            return "unknown"
        return check(ZipSource(archive, names))


def _zip_names(archive: zipfile.ZipFile, label: str, findings: Findings) -> set[str] | None:
    """Safe member file names; None when the archive must not be unpacked at all."""
    problem = zip_problem(archive.infolist(), PACKAGE_LIMITS)
    if problem is not None:
        findings.error(problem.member or label,
                       f"{problem.message}; the package is not safe to unpack")
        return None
    names: set[str] = set()
    for info in archive.infolist():
        name = info.filename
        if "\\" in name:
            findings.error(
                name,
                "uses backslashes in its path; zip paths must use '/' "
                "(on most servers this file would land in the wrong place)",
            )
            continue
        parts = name.split("/")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            findings.error(
                name, "has a path that points outside the package; an LMS must refuse to unpack it"
            )
            continue
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            findings.error(name, "is encrypted; an LMS cannot read password-protected files")
        if name in names:
            findings.error(name, "appears twice in the zip")
        names.add(name)
    return names


def _zip_intact(archive, names, findings: Findings, token, progress: Progress) -> bool:
    """Read every member once: checksums must match and sizes must be what the zip says."""
    infos = [archive.getinfo(name) for name in sorted(names)]
    total = sum(info.file_size for info in infos) or 1
    done = 0
    intact = True
    for info in infos:
        token.check()
        progress(0.6 * done / total, f"Reading {info.filename}")
        try:
            with archive.open(info) as member:
                size = 0
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    if size > info.file_size:
                        findings.error(info.filename, "holds more data than the zip declares")
                        return False
                    token.check()
        except NotImplementedError:
            intact = False
            findings.error(info.filename, "uses a compression method LMSs do not support")
        except RuntimeError:  # encrypted member; already reported
            intact = False
        except READ_ERRORS as exc:
            intact = False
            findings.error(info.filename, "is damaged in the zip and cannot be unpacked "
                                          f"({damage_reason(exc)})")
        done += info.file_size
    return intact


def folder_names(root: Path, findings: Findings, token: CancelToken) -> set[str]:
    """Package paths ('/'-separated) of every file under ``root``; a link that points out of
    the folder is reported as an error and left out. Raises ``Cancelled`` via ``token``."""
    names = set()
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        token.check()
        for entry in files + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            full = Path(folder) / entry
            name = full.relative_to(root).as_posix()
            if full.is_symlink() and not full.resolve().is_relative_to(real_root):
                findings.error(name, "is a link to something outside the package folder")
                continue
            if full.is_file():
                names.add(name)
    return names

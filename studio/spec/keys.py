"""The stable keys of a spec's nodes, derived the same way by the reader, the folder
convention and the writer (see :mod:`studio.spec.model`)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_NOT_SLUG = re.compile(r"[\W_]+")


def slug(title: str) -> str:
    """A module's or lesson's derived key: the title in lower case with accents taken off
    (Unicode NFKD, "Café Tour" -> ``cafe-tour``), runs of anything but letters and digits
    as one ``-`` ("Week 1: Basics" -> ``week-1-basics``); ``untitled`` when nothing is
    left."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", title.casefold())
                   if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", bare).strip("-") or "untitled"


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (``../`` when it lies outside);
    the absolute path when no relative one exists (another drive)."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def item_key(kind: str, path: Path, root: Path) -> str:
    """An item's derived key: its kind and file relative to ``root``, ``video:week-1/intro.mp4``."""
    return f"{kind}:{relative_name(path, root)}"


def numbered(key: str, taken: set[str]) -> str:
    """``key``, or ``key#2``, ``key#3``… the first not in ``taken``; the result is added to
    ``taken``."""
    candidate, number = key, 1
    while candidate in taken:
        number += 1
        candidate = f"{key}#{number}"
    taken.add(candidate)
    return candidate

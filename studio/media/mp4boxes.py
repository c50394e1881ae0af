"""ISO base media file format (MP4, MOV) boxes, read and written: ISO/IEC 14496-12 §4.2.

A box is a 32-bit big-endian size, a four-letter type, an optional 64-bit size (when the
32-bit size is 1) and a payload; size 0 means "to the end of the enclosing space". A full
box's payload starts with one byte of version and three of flags (§4.2.2). Offsets and
sizes here are in bytes; tables are lists of unsigned big-endian integers.
"""

from __future__ import annotations

import contextlib
import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class BoxError(Exception):
    """A box header that does not fit its space, or a box that should be there is not."""


@dataclass(frozen=True)
class Box:
    """Where one box lies: byte offsets of its header, its payload and its end."""

    kind: bytes  # the four-letter type, e.g. b"moov"
    start: int  # of the header
    body: int  # where the payload begins
    end: int  # one past the last byte


def header(raw, offset: int, end: int, at: int = 0, bounded: bool = True) -> Box:
    """The box whose header is at ``raw[at:]`` (16 bytes readable), found at ``offset`` in a
    space ending at ``end``; BoxError when its size is below its header's or, if
    ``bounded``, runs past ``end``."""
    size, kind = struct.unpack_from(">I4s", raw, at)
    body = offset + 8
    if size == 1:
        size, body = struct.unpack_from(">Q", raw, at + 8)[0], offset + 16
    elif size == 0:
        size = end - offset
    if size < body - offset or bounded and offset + size > end:
        raise BoxError(f"damaged box {bytes(kind)!r} at {offset}")
    return Box(bytes(kind), offset, body, offset + size)


def boxes(data: bytes | memoryview, start: int = 0, end: int | None = None) -> list[Box]:
    """The boxes laid out one after another in ``data[start:end]``; BoxError on damage."""
    found, end = [], len(data) if end is None else end
    while start + 8 <= end:
        found.append(header(data, start, end, start))
        start = found[-1].end
    return found


def _headers(path: Path, bounded: bool) -> Iterator[Box]:
    with open(path, "rb") as f:
        total = f.seek(0, 2)
        offset = 0
        while offset + 8 <= total:
            f.seek(offset)
            box = header(f.read(16).ljust(16, b"\0"), offset, total, bounded=bounded)
            yield box
            offset = box.end


def top_level(path: Path) -> list[Box]:
    """The file's top-level boxes, read from their headers only; BoxError on damage."""
    return list(_headers(path, bounded=True))


def layout(path: Path) -> dict[str, int]:
    """Sizes in bytes of a file's top-level boxes by type, in file order (the first of each
    type), read up to the first header that is not a box (the last box may run past a
    truncated file's end); {} unless the file starts with ``ftyp`` (§4.3), i.e. for anything
    that is not an MP4 or MOV. Never raises BoxError."""
    sizes: dict[str, int] = {}
    with contextlib.suppress(BoxError):
        for box in _headers(path, bounded=False):
            kind = box.kind.decode("latin-1")
            if not kind.isprintable():
                break
            sizes.setdefault(kind, box.end - box.start)
    return sizes if next(iter(sizes), None) == "ftyp" else {}


def index_first(sizes: dict[str, int]) -> bool:
    """Whether a :func:`layout` has its index (``moov``) before its media data (``mdat``),
    so a player can start before the whole file has arrived ("fast start")."""
    order = list(sizes)
    return "moov" in order and "mdat" in order and order.index("moov") < order.index("mdat")


def child(data, parent: Box, kind: bytes) -> Box | None:
    """The first box of type ``kind`` inside ``parent``; None if it has none."""
    return next((b for b in boxes(data, parent.body, parent.end) if b.kind == kind), None)


def path_to(data, parent: Box, *kinds: bytes) -> Box:
    """The box reached from ``parent`` through children of these types; BoxError if one is
    missing."""
    for kind in kinds:
        parent = child(data, parent, kind)
        if parent is None:
            raise BoxError(f"no {kind.decode()} box")
    return parent


def big_endian(values: array) -> array:
    """``values`` swapped between this machine's byte order and the file's (in place)."""
    if sys.byteorder == "little":
        values.byteswap()
    return values


def uints(data, offset: int, count: int, wide: bool = False) -> list[int]:
    """``count`` unsigned big-endian integers from ``offset``: 64-bit with ``wide``, else
    32-bit."""
    values = array("Q" if wide else "I")
    values.frombytes(bytes(data[offset:offset + count * values.itemsize]))
    return big_endian(values).tolist()


def entry_count(data, box: Box) -> int:
    """The unsigned 32-bit count after a full box's version and flags (§4.2.2)."""
    return struct.unpack_from(">I", data, box.body + 4)[0]


def timescale(data, box: Box) -> int:
    """Units per second of an ``mvhd`` or ``mdhd`` box (§8.2.2, §8.4.2), either version."""
    return struct.unpack_from(">I", data, box.body + (20 if data[box.body] else 12))[0]


def table(data, box: Box, columns: int) -> list[list[int]]:
    """A full box's entry table (count, then rows) as ``columns`` lists of unsigned 32-bit
    values, as in the sample tables of §8.6 and §8.7."""
    count = entry_count(data, box)
    flat = uints(data, box.body + 8, count * columns)
    return [flat[i::columns] for i in range(columns)]


def full_box(kind: bytes, version_flags: int, payload: bytes) -> bytes:
    """A full box (§4.2.2): ``version_flags`` is the version in the top byte, then flags."""
    return plain_box(kind, struct.pack(">I", version_flags) + payload)


def box_header(kind: bytes, payload: int) -> bytes:
    """The header of a box of ``payload`` bytes: 8 bytes, or 16 with a 64-bit size (§4.2)
    when the box would not fit a 32-bit size."""
    if payload + 8 < 1 << 32:
        return struct.pack(">I4s", payload + 8, kind)
    return struct.pack(">I4sQ", 1, kind, payload + 16)


def plain_box(kind: bytes, payload: bytes) -> bytes:
    """A box around ``payload`` (header from :func:`box_header`)."""
    return box_header(kind, len(payload)) + payload


def packed(fmt: str, rows) -> bytes:
    """A count and a table of big-endian rows; ``fmt`` is ">" plus one code per column."""
    rows = list(rows)
    codes = fmt[1:]
    if len(set(codes)) == 1 and codes[0] in "IQ":
        values = array(codes[0], [v for row in rows for v in row])
        return struct.pack(">I", len(rows)) + big_endian(values).tobytes()
    return struct.pack(">I", len(rows)) + b"".join(struct.pack(fmt, *r) for r in rows)

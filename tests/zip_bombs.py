"""Zip bombs for the deck and package tests, written in a blink: one block of zeros is
deflated once and its bytes repeated for every member, so a 1.5 GiB bomb costs ~2 MB."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

MiB = 1024**2


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(path: Path, members: Iterable[tuple[str, bytes]], filler: int = 0,
              filler_size: int = MiB, filler_name: str = "filler/part{}.bin") -> Path:
    """``members`` (name, data) deflated, then ``filler`` members of ``filler_size`` zeros."""
    block = bytes(filler_size)
    block_packed, block_crc = _deflate(block), zlib.crc32(block)
    entries = [(name, len(data), _deflate(data), zlib.crc32(data)) for name, data in members]
    entries += [(filler_name.format(i), filler_size, block_packed, block_crc)
                for i in range(filler)]
    central = bytearray()
    with open(path, "wb") as out:
        for name, size, packed, crc in entries:
            raw = name.encode()
            offset = out.tell()
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc,
                                  len(packed), size, len(raw), 0) + raw)
            out.write(packed)
            central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                                   len(packed), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                              len(central), start, 0))
    return path


def deck_bomb(good_deck: Path, target: Path, filler: int, filler_size: int) -> Path:
    """A real deck with ``filler`` extra media parts of ``filler_size`` zero bytes each."""
    with zipfile.ZipFile(good_deck) as deck:
        members = [(info.filename, deck.read(info)) for info in deck.infolist()]
    return write_zip(target, members, filler, filler_size, "ppt/media/filler{}.bin")


# The start of a child script that reports its peak memory in bytes with peak().
PEAK_MEMORY = """import resource, sys, time
def peak():  # VmHWM: ru_maxrss would count the forking test process's own memory
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) * 1024 for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
"""

"""Pictures made for tests: small files that decode to very large images."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def blank_png(path: Path, width: int, height: int) -> Path:
    """A 1-bit grey PNG of ``width`` x ``height`` pixels: tiny on disk, huge decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    row, packer = b"\x00" * ((width + 7) // 8 + 1), zlib.compressobj(9)
    chunks = [row * 1000] * (height // 1000) + [row * (height % 1000)]
    body = b"".join(packer.compress(rows) for rows in chunks) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
                     + chunk(b"IEND", b""))
    return path

"""MP4 boxes are read in one module: the lenient top-level layout the renderer and the probe
use, the strict reader the cutter uses, and no other module parsing box headers."""

from __future__ import annotations

import pytest

from studio.media import mp4boxes


def test_layout_lists_first_sizes_in_order_and_tolerates_a_truncated_end(tmp_path):
    data = (mp4boxes.plain_box(b"ftyp", b"isom") + mp4boxes.plain_box(b"moov", b"x" * 10)
            + mp4boxes.plain_box(b"free", b"") + mp4boxes.plain_box(b"mdat", b"y" * 100))
    path = tmp_path / "cut.mp4"
    path.write_bytes(data[:-40])  # the media data runs past the end, as in a partial copy
    assert mp4boxes.layout(path) == {"ftyp": 12, "moov": 18, "free": 8, "mdat": 108}
    assert mp4boxes.index_first(mp4boxes.layout(path))
    with pytest.raises(mp4boxes.BoxError):
        mp4boxes.top_level(path)
    path.write_bytes(mp4boxes.plain_box(b"mdat", b"") + data)
    assert mp4boxes.layout(path) == {}  # not starting with ftyp: not an MP4


def test_64_bit_and_to_the_end_sizes():
    assert mp4boxes.box_header(b"mdat", 8) == b"\0\0\0\x10mdat"
    big = mp4boxes.box_header(b"mdat", 1 << 32)
    assert len(big) == 16 and mp4boxes.header(big, 0, 1 << 40) == mp4boxes.Box(
        b"mdat", 0, 16, 16 + (1 << 32))
    assert mp4boxes.header(b"\0\0\0\0free" + bytes(8), 100, 150).end == 150


def test_no_other_module_parses_box_headers(restated):
    # a size then a four-letter type, unpacked or sliced: the shape of a box header read
    assert restated(r">I4s|\[4:8\]|\.decode\(\"latin-1\"\)\.isprintable", "media/mp4boxes.py") == []

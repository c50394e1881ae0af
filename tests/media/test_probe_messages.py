"""Refusals of the probe say what is wrong with the file, in the person's words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pictures import blank_png

from studio.errors import ImportFileError
from studio.media import probe as probe_module
from studio.media.probe import MAX_PIXELS, picture_size, probe


def test_a_picture_past_the_pixel_limit_is_too_large_not_damaged(tmp_path):
    big = blank_png(tmp_path / "poster.png", 30000, 30000)
    assert picture_size(big) == (30000, 30000)
    with pytest.raises(ImportFileError) as refused:
        probe(big)
    assert refused.value.message == (f"poster.png is too large (900 megapixels; the limit is "
                                     f"{MAX_PIXELS // 1_000_000}).")


def test_a_picture_within_the_limit_is_still_a_picture(tmp_path):
    assert probe(blank_png(tmp_path / "ok.png", 2000, 1000)).kind == "image"


def test_an_unreadable_file_cannot_be_read_rather_than_not_media(tmp_path, monkeypatch):
    locked = tmp_path / "locked.mp4"
    locked.write_bytes(b"\x00" * 64)
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refuse the open as the kernel would
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(probe_module.Path, "open", denied)
    with pytest.raises(ImportFileError) as refused:
        probe(locked)
    assert refused.value.message == "locked.mp4 cannot be read (permission denied)."

"""The one .part-then-rename write: a target appears whole or not at all, and no other module
writes a .part file or renames one into place by itself."""

from __future__ import annotations

import re

import pytest

from studio.errors import ExportError, ProjectWriteError
from studio.files import part_path, replacing, write_atomically


def test_a_finished_block_renames_the_part_over_the_target(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with replacing(target, durable=True) as part:
        assert part == part_path(target) == tmp_path / "out.bin.part"
        part.write_bytes(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new" and not part.exists()


@pytest.mark.parametrize("folder", [False, True])
def test_a_failed_block_leaves_the_target_and_no_part(tmp_path, folder):
    target = tmp_path / "out"
    with pytest.raises(KeyError), replacing(target, unique=True) as part:
        assert re.fullmatch(r"out\.[0-9a-f]{8}\.part", part.name)
        if folder:
            part.mkdir()
            (part / "inside.jpg").write_bytes(b"x")
        else:
            part.write_bytes(b"half")
        raise KeyError("stopped")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_is_named_by_the_caller_and_cleaned_up(tmp_path):
    target = tmp_path / "taken"
    (target / "inner").mkdir(parents=True)  # a non-empty folder cannot be replaced by a file
    with pytest.raises(ProjectWriteError, match="cannot"), replacing(
            target, error=lambda exc: ProjectWriteError("cannot")) as part:
        part.write_bytes(b"data")
    assert not part.exists()


def test_whole_writes_name_their_own_error(tmp_path):
    write_atomically(tmp_path / "a" / "b.txt", "text", ProjectWriteError, parents=True)
    assert (tmp_path / "a" / "b.txt").read_text(encoding="utf-8") == "text"
    with pytest.raises(ExportError, match="Cannot write"):
        write_atomically(tmp_path / "missing" / "c.txt", b"data")
    assert not list((tmp_path / "a").glob("*.part"))


def test_no_other_module_does_the_part_then_rename_itself(restated):
    pattern = r"os\.replace\(|os\.rename\(|\.part\b[\"']|\"\.part\"|part_path\("
    assert restated(pattern, "files.py") == []

"""The twin finds scorm-again, and says how to install it when it is missing."""

from __future__ import annotations

import pytest

from studio.errors import TwinError
from studio.twin import runtime


def test_scorm_again_is_found_in_the_repository():
    dist = runtime.scorm_again_dir()
    assert (dist / "scorm12.min.js").is_file() and (dist / "scorm2004.min.js").is_file()


def test_a_missing_scorm_again_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "resources_dir", lambda: tmp_path / "resources")
    with pytest.raises(TwinError, match=r"needs scorm-again: run 'make setup'"):
        runtime.scorm_again_dir()

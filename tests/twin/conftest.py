"""Fixtures of the LMS twin's tests: packages exported from the sample course, and one
Chromium engine for the session (helpers: twin_packages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import studio

from studio.twin.engine import ChromiumEngine


@pytest.fixture(scope="session")
def sample_course(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("twin-sample") / "Sample.course"
    studio("sample", path)
    return path


@pytest.fixture(scope="session")
def export_sample(sample_course, tmp_path_factory):
    """export_sample(fmt, single_sco) -> the zip `studio export` writes (original media)."""
    made: dict[tuple[str, bool], Path] = {}

    def export(fmt: str, single_sco: bool = True) -> Path:
        if (fmt, single_sco) not in made:
            target = tmp_path_factory.mktemp("twin-export") / f"{fmt}.zip"
            studio("export", sample_course, "--format", fmt, "--preset", "original",
                   "--single-sco" if single_sco else "--no-single-sco", "-o", target)
            made[fmt, single_sco] = target
        return made[fmt, single_sco]

    return export


@pytest.fixture(scope="session")
def chromium():
    engine = ChromiumEngine()
    yield engine
    engine.close()

"""Shared fixtures for running player packages in headless Chromium.

def test_x(package, run_lms):
    folder = package(course_dict)                       # or an unzipped export
    session = run_lms(folder, launch="index.html?unit=l1", standard="scorm2004")
    ScriptedLearner(session.sco).next()
    session.close()                                     # learner leaves: Terminate
    session.cmi()                                       # every cmi value the LMS holds
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lrs_server import StatementValidator, StrictLrs
from player_harness import (
    StaticServer,
    build_package,
    launch_in_lms,
    make_media,
)
from playwright.sync_api import sync_playwright

from studio.twin.engine import CHROMIUM, CHROMIUM_ARGS


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server():
    srv = StaticServer()
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def media(tmp_path_factory) -> dict[str, Path]:
    return make_media(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="module")
def validator():
    """One xAPI statement validator (a node process) for a test module's LRSs."""
    checker = StatementValidator()
    yield checker
    checker.close()


@pytest.fixture
def lrs(validator):
    """A strict LRS on 127.0.0.1 for one test, stopped after it."""
    store = StrictLrs(validator)
    yield store
    store.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def package(tmp_path, media):
    """package(course_dict) -> folder laid out as an export (player + course-data.js + media/)."""
    counter = {"n": 0}

    def build(course: dict) -> Path:
        counter["n"] += 1
        return build_package(tmp_path / f"package{counter['n']}", course, media)

    return build


@pytest.fixture
def run_lms(page, server):
    """run_lms(folder, launch="index.html", standard="scorm12", stored=None,
    without_interactions=False) -> LmsSession (one launch in the test LMS)."""

    def run(
        package_dir: Path,
        launch: str = "index.html",
        standard: str = "scorm12",
        stored: dict | None = None,
        without_interactions: bool = False,
    ):
        return launch_in_lms(
            page, server, Path(package_dir), launch, standard, stored, without_interactions
        )

    return run

"""Where the LMS twin's files live: the SCORM run-time (scorm-again) and the twin's pages."""

from __future__ import annotations

from pathlib import Path

from studio.errors import TwinError
from studio.resources import resources_dir

# The run-time's builds the twin's LMS page loads, one per SCORM edition family.
SCORM_AGAIN_FILES = ("scorm12.min.js", "scorm2004.min.js")


def scorm_again_dir() -> Path:
    """The ``dist`` folder of scorm-again (``node_modules/scorm-again/dist`` in the repository),
    which implements the SCORM 1.2 API (RTE 3.4) and the SCORM 2004 API_1484_11 (RTE 3.1).

    Raises :class:`~studio.errors.TwinError` when it or one of :data:`SCORM_AGAIN_FILES` is
    missing (the app's setup installs it).
    """
    dist = resources_dir().parent / "node_modules" / "scorm-again" / "dist"
    if not all((dist / name).is_file() for name in SCORM_AGAIN_FILES):
        raise TwinError("The LMS twin needs scorm-again: run 'make setup' (scripts/setup.sh).")
    return dist


def axe_core_file() -> Path:
    """``node_modules/axe-core/axe.min.js`` in the repository: axe-core, the accessibility
    rules engine (WCAG 2.x A/AA rules by tag) the player audit runs in every player state.

    Raises :class:`~studio.errors.TwinError` when it is missing (the app's setup installs it).
    """
    script = resources_dir().parent / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        raise TwinError("The accessibility check needs axe-core: run 'make setup' "
                        "(scripts/setup.sh).")
    return script


def twin_resources_dir() -> Path:
    """``resources/twin``: the twin's LMS page (``lms.html``, ``lms.js``, ``frameset.html``)
    and the scripted learner (``learner.js``); not checked to exist."""
    return resources_dir() / "twin"

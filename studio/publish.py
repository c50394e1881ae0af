"""Publish settings, the vocabulary: how the course is packaged and where the package goes.

They are stored in the project by :mod:`studio.commands.publish`; the export room turns them
into its options, the faces into a path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class PublishSettings:
    """How to publish: ``format`` a package format name (the export room's registry knows
    which exist), one launchable unit per lesson or the whole course as one, whether the
    package carries its XML schemas, and where it goes: ``folder`` (absolute path; ``""``:
    the face's default place), ``file_name`` (``""``: :func:`package_name` of the title
    and format, so a new format gives a new name), ``lms``, the LMS profile the package
    is made for (``""``: none; the export room knows which exist), and ``a11y``, the
    accessibility check of the window's exports (``""`` none, ``"report"``, ``"strict"``:
    the values of ``studio export --a11y``)."""

    format: str = "scorm2004"
    sco_per_lesson: bool = True
    include_schemas: bool = True
    folder: str = ""
    file_name: str = ""
    lms: str = ""
    a11y: str = ""


PUBLISH_FIELDS = tuple(f.name for f in fields(PublishSettings))


def package_name(title: str, fmt: str) -> str:
    """The default file name of a package: the title's words joined by ``-``, then the
    format, ``.zip`` (``"Safety at work"``, ``"scorm12"`` -> ``Safety-at-work-scorm12.zip``)."""
    stem = re.sub(r"[^\w\-]+", "-", title).strip("-") or "course"
    return f"{stem}-{fmt}.zip"



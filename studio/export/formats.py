"""The registry of package formats: the one list of writer modules.

Each writer module holds one :class:`~studio.export.package.PackageFormat` subclass and
exposes an instance of it as ``FORMAT``. Adding a format is one writer module, one tracking
adapter script in ``resources/player`` (listed in the player's ``index.html``) and one entry
in ``WRITERS`` below (with its import). A test holds the registry and the player's page
together.
"""

from __future__ import annotations

from studio.errors import ExportError
from studio.export import cmi5, html5, scorm12, scorm2004, tincan
from studio.export.package import PackageFormat

WRITERS = (scorm12, scorm2004, tincan, cmi5, html5)
ALL_FORMATS = "all"  # what a person types for one package of every format

_BY_NAME: dict[str, PackageFormat] = {module.FORMAT.name: module.FORMAT for module in WRITERS}


def available_formats() -> list[str]:
    """The names of every registered format, sorted (``["cmi5", "html", ...]``)."""
    return sorted(_BY_NAME)


def get_format(name: str) -> PackageFormat:
    """The format registered as ``name``; raises ``ExportError`` naming the known ones."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(available_formats())
        raise ExportError(f"Unknown package format '{name}'; choose one of: {known}.") from None

"""The small interface every package format implements, and the registry that finds them.

A format declares its name, a label for people, the file extension of its packages, the
tracking adapter the player should use and what it can do (``capabilities``). Given an
export plan it writes the format's own files (manifest, schema copies); the player, the
course data and the media are the same for every format and come from the plan.
"""

from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from studio.errors import ExportError

if TYPE_CHECKING:
    from studio.export.plan import ExportPlan, PackageFile

# Modules that register a format when imported; a new format adds its module here.
_FORMAT_MODULES = (
    "studio.export.scorm12",
    "studio.export.scorm2004",
    "studio.export.tincan",
    "studio.export.cmi5",
    "studio.export.html5",
)

# Capabilities a format may declare.
MULTI_UNIT = "multi_unit"  # one launchable unit per lesson
SEQUENCING = "sequencing"  # the LMS rolls lesson results up the course tree
SCHEMAS = "schemas"  # the package ships copies of its XML schemas


@dataclass(frozen=True)
class ExportOptions:
    format: str = "scorm2004"  # scorm12 | scorm2004 | xapi | cmi5 | html
    sco_per_lesson: bool = True  # False: the whole course is one launchable unit
    include_schemas: bool = True  # copy the format's XML schemas into the package root
    preset: str = "720p"  # video render: 720p | 1080p | 480p | quality | original (copy sources)
    loudness: bool = False  # normalise the clips' loudness (EBU R128) in their renders


class PackageFormat(ABC):
    name: ClassVar[str]
    label: ClassVar[str]
    extension: ClassVar[str] = ".zip"
    tracking: ClassVar[str]  # the player's tracking adapter
    capabilities: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """The files this format adds to the plan's files (manifest, schema copies)."""


_REGISTRY: dict[str, PackageFormat] = {}


def register(cls: type[PackageFormat]) -> type[PackageFormat]:
    """Class decorator: make a format available by its name."""
    _REGISTRY[cls.name] = cls()
    return cls


def _load() -> None:
    for module in _FORMAT_MODULES:
        importlib.import_module(module)


def available_formats() -> list[str]:
    _load()
    return sorted(_REGISTRY)


def get_format(name: str) -> PackageFormat:
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ExportError(f"Unknown package format '{name}'; choose one of: {known}.") from None


# ---- shared by the manifest writers --------------------------------------------------
_XML_INVALID = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
TITLE_LIMIT = 200  # the SCORM content packaging limit for titles


def xml_text(text: str, limit: int | None = None) -> str:
    """Text an XML 1.0 document can hold: characters XML forbids are dropped."""
    cleaned = _XML_INVALID.sub("", text)
    return cleaned[:limit] if limit else cleaned


def manifest_title(text: str) -> str:
    return xml_text(" ".join(text.split()), TITLE_LIMIT) or "Untitled"


def decimal(value: float) -> str:
    """A plain decimal (no exponent), trailing zeros removed: 0.8, 1, 72.5."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

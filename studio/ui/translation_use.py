"""What the window asks of translation, in one place.

The panels and menus call these functions only: the core's segments, drift, variant and
commands (:mod:`studio.translation`, :mod:`studio.commands.translation`) and the media use
case that reads and writes XLIFF (:mod:`studio.media.translation_io`). The use case is loaded
when first used, so opening the window does not load the XLIFF and language-detection
libraries.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence

from studio.commands.translation import add_language, remove_language, set_translation
from studio.model import Course
from studio.store import Project
from studio.translation.drift import states, status
from studio.translation.pseudo import PSEUDO_LOCALES
from studio.translation.segments import course_segments as segments_of
from studio.translation.units import Segment, SegmentState, Translation
from studio.translation.variant import translated

__all__ = ["add_language", "remove_language", "set_translation"]  # the window's edits

STATE_NAMES = {SegmentState.CURRENT: "Current", SegmentState.NEEDS_REVIEW: "Needs review",
               SegmentState.NEW: "New"}
PSEUDO_CHOICES = tuple(zip(PSEUDO_LOCALES, (
    "Accented and 35 % longer, in brackets (left to right)",
    "The same, mirrored (right to left)"), strict=True))
XLIFF_VERSIONS = ("1.2", "2.0")


def course_segments(project: Project, course: Course | None = None) -> list[Segment]:
    """Every translatable segment of ``course`` (the project's by default), its clips'
    caption cues included, in the course's reading order (the media use case's
    ``course_segments``; where this build lacks it, the core's segments without captions).
    Raises ImportFileError when a caption file cannot be read."""
    course = course or project.course()
    try:
        from studio.media.translation_io import course_segments as segments  # noqa: PLC0415
    except ModuleNotFoundError:
        return segments_of(course)
    return list(segments(project, course))


def segment_states(segments: Sequence[Segment], course: Course, language: str
                   ) -> dict[str, tuple[SegmentState, Translation | None]]:
    """Each segment's state in ``language`` and the translation that state rests on."""
    return states(segments, course.translations.get(language, {}))


def summary(course: Course, language: str, segments: Sequence[Segment]) -> str:
    """The drift line of one language: "fr: 3 segments need review, 2 new"."""
    return status(course, language, segments).summary()


def variant(course: Course, language: str) -> Course:
    """The course as it reads in ``language`` (translated text, that language's media)."""
    return translated(course, language)


def mark_reviewed(project: Project, language: str,
                  rows: Iterable[tuple[Segment, Translation]]) -> int:
    """Keep each translation as it is, now made from the current source: one undo step.
    Returns how many rows were marked."""
    rows = list(rows)
    with project.group("Mark translation reviewed" if len(rows) == 1
                       else f"Mark {len(rows)} translations reviewed"):
        for segment, translation in rows:
            set_translation(project, language, segment, translation.text)
    return len(rows)


def xliff_available() -> bool:
    """Whether this build has the XLIFF use case (:mod:`studio.media.translation_io`)."""
    return importlib.util.find_spec("studio.media.translation_io") is not None


def export_xliff(project: Project, language: str, *, version: str = "1.2",
                 changed_only: bool = False) -> bytes:
    from studio.media.translation_io import export_xliff as export  # noqa: PLC0415

    return export(project, language, version=version, changed_only=changed_only)


def import_xliff(project: Project, data: bytes, name: str, progress, token):
    from studio.media.translation_io import import_xliff as read  # noqa: PLC0415

    return read(project, data, name, progress, token)


def pseudo_fill(project: Project, locale: str):
    from studio.media.translation_io import pseudo_fill as fill  # noqa: PLC0415

    return fill(project, locale)

"""What the window asks of translation, in one place.

The panels and menus call these names only: the core's drift, variant and commands
(:mod:`studio.translation`, :mod:`studio.commands.translation`) and the media use case that
reads the course's segments (captions included) and reads and writes XLIFF
(:mod:`studio.media.translation_io`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from studio.commands.translation import add_language, remove_language, set_translation
from studio.media.translation_io import course_segments, export_xliff, import_xliff, pseudo_fill
from studio.model import Course
from studio.store import Project
from studio.translation.drift import states, status
from studio.translation.pseudo import PSEUDO_LOCALES
from studio.translation.units import Segment, SegmentState, Translation
from studio.translation.variant import translated
from studio.translation.xliff import VERSIONS as XLIFF_VERSIONS

__all__ = ["XLIFF_VERSIONS", "add_language", "course_segments", "export_xliff", "import_xliff",
           "pseudo_fill", "remove_language", "set_translation"]

STATE_NAMES = {SegmentState.CURRENT: "Current", SegmentState.NEEDS_REVIEW: "Needs review",
               SegmentState.NEW: "New"}
PSEUDO_CHOICES = tuple(zip(PSEUDO_LOCALES, (
    "Accented and 35 % longer, in brackets (left to right)",
    "The same, mirrored (right to left)"), strict=True))


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

"""The author-side accessibility checks: what the course model says that the running player
cannot show. Pictures and media (:mod:`studio.a11y.author_media`), words
(:mod:`studio.a11y.author_text`), reading level (:mod:`studio.a11y.reading`) and the course
as a whole: its language (WCAG 2.2 §3.1.1, §3.1.2), title (§2.4.2) and timing (§2.2.1).

Every check hands back :class:`~studio.a11y.findings.Finding` objects with source
"author", sorted by :func:`~studio.a11y.findings.sort_key`; the same course gives the same
findings, in the same order, every time. Nothing here decodes media or touches the disk
beyond asking whether a named media file exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from studio.a11y.author_media import clip_findings, picture_findings
from studio.a11y.author_text import (
    link_findings,
    prompt_findings,
    sensory_findings,
    title_findings,
)
from studio.a11y.findings import FAIL, PASS, Finding, sort_key
from studio.a11y.reading import reading_findings
from studio.errors import InvalidEditError, NotFoundError
from studio.language import language_name, language_tag
from studio.model import Course, Item, Quiz
from studio.text import plural

# Titles a new course or a tool leaves behind: they name nothing.
DEFAULT_TITLES = frozenset({"", "untitled", "untitled course", "new course", "course",
                            "my course", "title", "course title"})


def course_findings(course: Course, assets: Mapping[str, Path] | None = None,
                    ) -> list[Finding]:
    """Every author-side finding for ``course``: the item checks over all its items, then
    the course-wide ones, sorted. ``assets`` (asset id -> media file path) lets a clip whose
    file is missing be named; whether a clip has sound is read from its asset's probe facts
    (``Asset.info``), never by decoding. Never raises for the course's content."""
    items = course.items()
    return sorted(_item_checks(course, items, assets) + _course_checks(course), key=sort_key)


def item_findings(course: Course, item_id: str) -> list[Finding]:
    """The author-side findings for one item (the item checks of :func:`course_findings`
    run on it alone; counts in PASS findings are this item's), sorted. Fast enough to run
    after every edit: no media decoding, no files read. Raises
    :class:`~studio.errors.NotFoundError` when ``course`` has no item ``item_id``."""
    item = course.find(item_id)
    if not isinstance(item, Item):
        raise NotFoundError(f"There is no item {item_id}.")
    return sorted(_item_checks(course, [item], None), key=sort_key)


def _item_checks(course: Course, items: Sequence[Item],
                 assets: Mapping[str, Path] | None) -> list[Finding]:
    return [*picture_findings(course, items), *clip_findings(course, items, assets),
            *link_findings(items), *sensory_findings(items), *title_findings(course, items),
            *prompt_findings(items), *reading_findings(items, course.language),
            *timing_findings(items)]


def timing_findings(items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §2.2.1: no quiz of the course has a time limit (a quiz has no such
    setting) and no slide or page moves on by itself (the player waits for Next); one PASS
    saying what was looked at."""
    quizzes = sum(isinstance(item, Quiz) for item in items)
    return [Finding("2.2.1", PASS, f"No time limits: {plural(quizzes, 'quiz', 'quizzes')} "
                    "without one (a quiz has no time limit setting); slides and pages wait for "
                    "the learner's Next instead of moving on by themselves.")]


def _course_checks(course: Course) -> list[Finding]:
    out: list[Finding] = []
    try:
        tag = language_tag(course.language)
        out.append(Finding("3.1.1", PASS, f"The course language “{tag}” "
                           f"({language_name(tag)}) is a valid BCP 47 tag; packages set it as "
                           "the language of every page."))
    except InvalidEditError:
        out.append(Finding("3.1.1", FAIL, f"The course language “{course.language}” is not a "
                           "valid language tag (BCP 47); set one in the course settings "
                           "(e.g. en-GB)."))
    languages = course.settings.languages
    if languages:
        out.append(Finding("3.1.2", PASS, f"The translations ({', '.join(languages)}) are "
                           "packaged each with its own language set on its pages; text in "
                           "another language within one item needs a person's check."))
    title = " ".join(course.title.split())
    if title.lower() in DEFAULT_TITLES:
        out.append(Finding("2.4.2", FAIL, f"The course title “{title}” says nothing about the "
                           "course; give it a title that does in the course settings."))
    else:
        out.append(Finding("2.4.2", PASS, f"The course has the title “{title}”, used as the "
                           "title of its pages."))
    return out

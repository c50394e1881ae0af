"""Packages in other languages: one language variant of the course, or several in one
package with the player's language picker.

``ExportOptions.languages`` asks for them: ``()`` is the course as authored (today's
package), ``(L,)`` the course's variant in ``L`` (:func:`studio.translation.variant.translated`)
and ``(A, B, …)`` one package holding every one of them, ``A`` the language it opens in.
Each language is planned from its own variant, so its media (narration and captions per
language) are its own; the package holds the union of every language's media, the default
language's data as ``course-data.js`` and each other's as ``course-data.<tag>.js``. The
units, items, questions and their ids are the same in every variant, so tracking is
identical whichever language the learner picks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from studio.errors import ExportError
from studio.export.package import ExportPlan, PlanLanguages, PlayerLanguage
from studio.language import PSEUDO_TAGS, language_name, text_direction
from studio.model import Course
from studio.translation.variant import player_strings, translated

DATA_STEM = "course-data"


@dataclass(frozen=True)
class LanguageVariant:
    """The course in one language of a package: ``tag`` (BCP 47), ``course`` (the variant,
    its ``language`` the tag) and ``strings`` (the translated player strings, key -> text)."""

    tag: str
    course: Course
    strings: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # the course's own language (BCP 47)


def check_languages(course: Course, languages: Sequence[str]) -> tuple[str, ...]:
    """``languages`` without repeats, in order. Raises ``ExportError`` in one line for a tag
    that is neither the course's language nor one of its target languages
    (``course.settings.languages``)."""
    known = (course.language, *course.settings.languages)
    for tag in languages:
        if tag not in known:
            targets = ", ".join(course.settings.languages) or "none yet"
            raise ExportError(
                f"“{course.title}” has no {tag} translation to export (its language is "
                f"{course.language}; translations: {targets}).")
    return tuple(dict.fromkeys(languages))


def variants(course: Course, languages: Sequence[str]) -> tuple[LanguageVariant, ...]:
    """The course in each of ``languages`` (checked by :func:`check_languages`, which raises
    ``ExportError``): the course itself for its own language, else its variant
    (:func:`studio.translation.variant.translated`) with the translated player strings
    (:func:`studio.translation.variant.player_strings`)."""
    return tuple(LanguageVariant(tag, course, source=course.language)
                 if tag == course.language
                 else LanguageVariant(tag, translated(course, tag), player_strings(course, tag),
                                      course.language)
                 for tag in check_languages(course, languages))


def package_file_name(name: str, languages: Sequence[str]) -> str:
    """The default file name of a package in ``languages`` from the course's ``name`` (a
    file name, not a path): a one-language package carries its tag before the suffix, so
    each language's file sits beside the others (``Course-scorm12.zip`` + ``("fr",)`` ->
    ``Course-scorm12.fr.zip``); the course as authored (``()``) and a package of several
    languages keep ``name``. Raises nothing."""
    if len(languages) != 1:
        return name
    path = PurePath(name)
    return f"{path.stem}.{languages[0]}{path.suffix}"


def data_file(tag: str, default: bool) -> str:
    """The package name of a language's course data: ``course-data.js`` for the language the
    package opens in, ``course-data.<tag>.js`` for the others."""
    return f"{DATA_STEM}.js" if default else f"{DATA_STEM}.{tag}.js"


def autonym(tag: str) -> str:
    """The language's name in itself (CLDR through langcodes), e.g. ``fr`` -> "français",
    ``ar`` -> "العربية"; a pseudo-locale's English name; the tag itself where none is
    known. Raises nothing."""
    import langcodes  # noqa: PLC0415  (its registry loads in tens of milliseconds)

    if tag in PSEUDO_TAGS:
        return language_name(tag)
    try:
        name = langcodes.Language.get(tag).autonym()
    except (ValueError, LookupError):
        return tag
    return tag if "Unknown" in name else name


def page_language(tag: str, source: str) -> str | None:
    """The ``lang`` a page in a pseudo-locale declares: the source language with the
    pseudo-locale as a private-use subtag (``qps-ploc`` over English -> ``en-x-ploc``,
    BCP 47 §2.2.7), since its text is the source's, accented; ``qps`` is a private-use
    language subtag that browsers, screen readers and accessibility checkers do not know.
    None for any other tag (the page declares the tag itself)."""
    if tag not in PSEUDO_TAGS:
        return None
    return f"{source or 'und'}-x-{tag.removeprefix('qps-')}"


def language_plan(planned: Sequence[tuple[LanguageVariant, ExportPlan]]) -> ExportPlan:
    """One plan for a package in the languages of ``planned`` ((variant, its own plan) per
    language, the package's default first; each plan built from its variant's course): the
    first plan with the languages' additions (:class:`PlanLanguages`), each unit's media the
    union of the languages' and every language's media files. Raises ``ExportError`` when
    the variants do not share the same units (they always do for variants of one course)."""
    first_variant, first = planned[0]
    several = len(planned) > 1
    picker = tuple(PlayerLanguage(v.tag, autonym(v.tag), text_direction(v.tag),
                                  data_file(v.tag, i == 0), page_language(v.tag, v.source))
                   for i, (v, _) in enumerate(planned)) if several else ()
    others = tuple((data_file(v.tag, False), replace(p, languages=_additions(v, picker)))
                   for v, p in planned[1:])
    units = list(first.units)
    media = {f.name: f for f in first.media_files}
    for _, plan in planned[1:]:
        if [u.id for u in plan.units] != [u.id for u in units]:
            raise ExportError("The translated course does not have the course's lessons; "
                              "export each language on its own.")
        units = [replace(u, media=tuple(dict.fromkeys((*u.media, *o.media))))
                 for u, o in zip(units, plan.units, strict=True)]
        for file in plan.media_files:
            media.setdefault(file.name, file)
    additions = replace(_additions(first_variant, picker), others=others)
    return replace(first, units=tuple(units), languages=additions,
                   media_files=tuple(sorted(media.values(), key=lambda f: f.name)))


def _additions(variant: LanguageVariant, picker: tuple[PlayerLanguage, ...]) -> PlanLanguages:
    return PlanLanguages(text_direction(variant.tag), tuple(sorted(variant.strings.items())),
                         picker, page_lang=page_language(variant.tag, variant.source))

"""The translation use case: a course's translatable text out as XLIFF and back in as a
language variant, drift status per language, and pseudo-translations.

Export and status only read the project. An import checks the whole file first (its course,
its languages, its placeholders), then stores every translation in one undo step, so undo
takes the whole import back and a cancel changes nothing. Clips' captions in a target
language are not stored: they are derived from the translations of their cues.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studio import commands
from studio.errors import InvalidEditError, TranslationFileError
from studio.jobs import CancelToken, Progress, no_progress
from studio.language import language_name, language_tag
from studio.media.translation_captions import caption_cues, derived
from studio.model import Course, VideoClip
from studio.store import Project
from studio.translation.detect import left_in_source
from studio.translation.drift import LanguageStatus, OverLength, over_length, states, status
from studio.translation.pseudo import PSEUDO_LOCALES, pseudo_text
from studio.translation.segments import CAPTION
from studio.translation.segments import course_segments as segments_of
from studio.translation.units import Segment, SegmentState, Translation, source_hash
from studio.translation.xliff import VERSIONS, check_document, read_xliff, write_xliff


@dataclass(frozen=True)
class TranslationImport:
    """What importing one translation file did: the target ``language`` (as stored),
    ``stored`` translations added or changed, the ids of the file's segments with no target
    (``untranslated``), of targets still in the source language (``left_in_source``), of
    the language's segments that need review after the import (``needs_review``), of the
    file's segments the course no longer has (``unknown``, skipped), of the clips whose
    captions in the language changed with it (``captions``: derived from the stored cue
    translations, :func:`~studio.media.translation_captions.clip_captions`), of the file's
    units made from an older source whose stored translation is current and was kept
    (``kept_newer``), of the units with no target whose stored translation was kept
    (``kept_earlier``), and the file's translations longer than their segment's limit
    (``over_length``: (id, length, limit) in characters; stored all the same)."""

    language: str
    stored: int
    untranslated: tuple[str, ...] = ()
    left_in_source: tuple[str, ...] = ()
    needs_review: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    kept_newer: tuple[str, ...] = ()
    kept_earlier: tuple[str, ...] = ()
    over_length: tuple[OverLength, ...] = ()


def course_segments(project: Project, course: Course | None = None) -> list[Segment]:
    """Every translatable segment of the course (default: the project's as stored), in
    outline order, its clips' caption cues read from their source-language tracks
    (:func:`~studio.media.translation_captions.caption_cues`). Raises ImportFileError when a
    stored caption file cannot be read."""
    course = course or project.course()
    return list(segments_of(course, caption_cues(project, course)))


def target_language(course: Course, tag: str) -> str:
    """``tag`` as a stored target language of ``course``: normalised BCP 47 or a pseudo
    locale. Raises InvalidEditError for a bad tag or the course's own language."""
    language = tag if tag in PSEUDO_LOCALES else language_tag(tag)
    if language.lower() == course.language.lower():
        raise InvalidEditError(f"{language} is the course's own language; translate into "
                               "another one.")
    return language


def export_xliff(project: Project, language: str, *, version: str = "1.2",
                 changed_only: bool = False) -> bytes:
    """The course's segments as an XLIFF ``version`` ("1.2", XLIFF 1.2; "2.0", XLIFF 2.0)
    file for translation into ``language`` (BCP 47 or a pseudo locale), with each segment's
    drift state and current translation; ``changed_only`` writes only the segments that are
    new or need review. A pseudo locale gets its pseudo-translation as every target.
    Deterministic: the same project gives the same bytes. Raises InvalidEditError for a bad
    tag, the course's own language or an unknown version."""
    if version not in VERSIONS:
        raise InvalidEditError(f"XLIFF {version} is not written; use {' or '.join(VERSIONS)}.")
    course = project.course()
    language = target_language(course, language)
    found = course_segments(project, course)
    drift = states(found, course.translations.get(language, {}))
    only = ({s.id for s in found if drift[s.id][0] is not SegmentState.CURRENT}
            if changed_only else None)
    targets = ({s.id: pseudo_text(s.text, language) for s in found}
               if language in PSEUDO_LOCALES else None)
    return write_xliff(course_id=course.identifier, course_title=course.title,
                       source_language=course.language, target_language=language,
                       segments=found, states=drift, version=version, only=only,
                       targets=targets)


def translation_status(project: Project, language: str | None = None) -> list[LanguageStatus]:
    """The drift status of every target language of the course (``settings.languages``,
    sorted), or of ``language`` alone. Raises InvalidEditError for a bad tag or the course's
    own language."""
    course = project.course()
    languages = (target_language(course, language),) if language else course.settings.languages
    found = course_segments(project, course)
    return [status(course, tag, found) for tag in languages]


def import_xliff(project: Project, data: bytes, name: str, progress: Progress = no_progress,
                 token: CancelToken | None = None) -> TranslationImport:
    """Fill the course's variant in the file's target language from an XLIFF file
    (``name`` for messages): every target becomes that segment's translation, stored with
    the hash of the source the file carries (so a file made before a source edit comes in
    as needing review), except that a stored translation that is CURRENT is kept when the
    file's source is older than the course's (a newer translation) or the file has no
    target for it; a segment the file still marks as needing review whose target is the
    stored one is left as it is. Translations over their segment's length limit are stored
    and reported. Only translations are stored: a clip's captions in the language are
    derived from them when needed (:func:`~studio.media.translation_captions.clip_captions`).
    One undo step "Import <Language>
    translation"; nothing is written when nothing changes.

    Raises TranslationFileError (one line) for a file that is not XLIFF, is made for
    another course or another source language, has a bad or the source's target language,
    or a broken placeholder (naming the segment); Cancelled when ``token`` is cancelled (nothing
    changed)."""
    token = token or CancelToken()
    progress(0.0, f"Reading {name}")
    document = read_xliff(data, name)
    course = project.course()
    check_document(document, course_id=course.identifier, source_language=course.language,
                   name=name)
    try:
        language = target_language(course, document.target_language)
    except InvalidEditError as exc:
        raise TranslationFileError(f"{name}: {exc.message}") from None
    token.check()
    progress(0.2, "Matching segments")
    listed = course_segments(project, course)
    found = {segment.id: segment for segment in listed}
    stored = course.translations.get(language, {})
    drift = states(listed, stored)
    untranslated, unknown, incoming, newer, earlier = [], [], [], [], []
    for unit in document.units:
        if unit.id not in found:
            unknown.append(unit.id)
        elif not unit.target:
            (earlier if drift[unit.id][1] is not None else untranslated).append(unit.id)
        elif (drift[unit.id][0] is SegmentState.CURRENT
              and unit.source != found[unit.id].text):
            if drift[unit.id][1].text != unit.target:
                newer.append(unit.id)
        elif not (unit.state is SegmentState.NEEDS_REVIEW and unit.id in stored
                  and stored[unit.id].text == unit.target):
            incoming.append(Translation(language, unit.id, unit.target,
                                        source_hash(unit.source), unit.source))
    token.check()
    progress(0.4, "Looking for text left untranslated")
    left = left_in_source([(t.segment, t.source_text, t.text) for t in incoming],
                          course.language, language)
    token.check()
    progress(0.7, "Storing the translation")
    captions = _store(project, course, language, listed, incoming,
                      f"Import {language_name(language)} translation", token)
    after = status(project.course(), language, listed)
    progress(1.0, "Translation imported")
    return TranslationImport(language, len(_changed(stored, incoming)), tuple(untranslated),
                             tuple(left), tuple(after.needs_review), tuple(unknown),
                             tuple(captions), tuple(newer), tuple(earlier),
                             over_length(listed, {t.segment: t.text for t in incoming}))


def pseudo_fill(project: Project, locale: str = "qps-ploc", progress: Progress = no_progress,
                token: CancelToken | None = None) -> TranslationImport:
    """Translate every segment into the pseudo ``locale`` (see
    :data:`~studio.translation.pseudo.PSEUDO_LOCALES`) as exporting and importing its pseudo
    XLIFF file would: one undo step; translations only (clips' captions in the locale are
    derived from them, never attached). Raises InvalidEditError for a
    locale that is not a pseudo locale; Cancelled as :func:`import_xliff`."""
    if locale not in PSEUDO_LOCALES:
        raise InvalidEditError(f"{locale} is not a pseudo locale ({', '.join(PSEUDO_LOCALES)}).")
    token = token or CancelToken()
    course = project.course()
    found = course_segments(project, course)
    progress(0.3, "Pseudo-translating")
    incoming = [Translation(locale, s.id, pseudo_text(s.text, locale), s.source_hash, s.text)
                for s in found]
    stored = course.translations.get(locale, {})
    captions = _store(project, course, locale, found, incoming,
                      f"Fill {locale} pseudo-translation", token)
    progress(1.0, "Pseudo-translation ready")
    return TranslationImport(locale, len(_changed(stored, incoming)), captions=tuple(captions))


def _changed(stored: dict[str, Translation], incoming: Iterable[Translation]
             ) -> list[Translation]:
    """The translations of ``incoming`` that differ from the stored ones."""
    return [t for t in incoming if stored.get(t.segment) != t]


def _store(project: Project, course: Course, language: str, found: list[Segment],
           incoming: list[Translation], name: str, token: CancelToken) -> list[str]:
    """Store the changed translations as one undo step ``name``; returns the ids of the
    clips (outline order) whose captions in ``language`` change with them: those with a
    changed caption cue translation and no track of the author's in the language."""
    changed = _changed(course.translations.get(language, {}), incoming)
    token.check()
    if not changed:
        return []
    by_id = {segment.id: segment for segment in found}
    touched = {by_id[t.segment].item for t in changed if by_id[t.segment].field == CAPTION}
    with project.group(name):
        commands.store_translations(project, language, changed)
    clips = [item for item in course.items() if item.id in touched]
    return [item.id for item in clips
            if isinstance(item, VideoClip) and derived(course, item, language)]

"""Translation edits: the course's target languages and the stored translations of its
segments. Each is one undo step (inside ``project.group`` it joins that step).

Target languages live in the course settings (``languages``, sorted); translations in the
``translations`` table, one row per (language, segment) with the source they were made from
(:class:`~studio.translation.units.Translation`).
"""

from __future__ import annotations

from collections.abc import Iterable

from studio.commands.properties import stored_settings
from studio.errors import InvalidEditError, NotFoundError
from studio.history import Tx
from studio.language import language_name, language_tag
from studio.store import Project, dumps
from studio.text import clean_text
from studio.translation.units import Segment, Translation
from studio.translation.xliff_model import code_problem


def _target(tx: Tx, tag: str) -> str:
    """``tag`` checked and normalised; InvalidEditError for the course's own language."""
    language = language_tag(tag)
    if language == ((tx.row("course", 1) or {}).get("language") or "en"):
        raise InvalidEditError(f"{language_name(language)} ({language}) is the course's own "
                               "language; translations go into other languages.")
    return language


def _languages(tx: Tx) -> list[str]:
    stored = stored_settings(tx.row("course", 1)).get("languages")
    return [t for t in stored if isinstance(t, str)] if isinstance(stored, list) else []


def _set_languages(tx: Tx, languages: Iterable[str]) -> None:
    settings = stored_settings(tx.row("course", 1))
    settings["languages"] = sorted(set(languages))
    tx.update("course", 1, settings=dumps(settings))


def add_language(project: Project, tag: str) -> str:
    """Add a target language (a BCP 47 tag or a pseudo-locale, stored normalised) to the
    course's ``settings.languages``; returns the stored tag. Raises InvalidEditError for a
    bad tag, the course's own language, or a language the course already has."""
    with project.edit("Add language") as tx:
        language = _target(tx, tag)
        languages = _languages(tx)
        if language in languages:
            raise InvalidEditError(f"The course is already translated into "
                                   f"{language_name(language)} ({language}).")
        _set_languages(tx, [*languages, language])
    return language


def remove_language(project: Project, tag: str) -> None:
    """Remove a target language and every translation stored in it. Raises
    InvalidEditError for a bad tag or the course's own language, NotFoundError when the
    course has neither that language nor translations in it."""
    with project.edit("Remove language") as tx:
        language = _target(tx, tag)
        rows = [r[0] for r in tx.conn.execute(
            "SELECT id FROM translations WHERE language = ? ORDER BY id", (language,))]
        languages = _languages(tx)
        if language not in languages and not rows:
            raise NotFoundError(f"The course has no {language_name(language)} ({language}) "
                                "translation.")
        for row_id in rows:
            tx.delete("translations", row_id)
        _set_languages(tx, [t for t in languages if t != language])


def _clean(text: str) -> str:
    return "\n".join(clean_text(line) for line in text.replace("\r\n", "\n").split("\n"))


def _put(tx: Tx, translation: Translation) -> bool:
    """Upsert one row (an empty text deletes it); whether anything changed."""
    row_id = translation.row_id()
    before = tx.row("translations", row_id)
    if not translation.text:
        if before is not None:
            tx.delete("translations", row_id)
        return before is not None
    row = {"id": row_id, "language": translation.language, "segment": translation.segment,
           "text": translation.text, "source_hash": translation.source_hash,
           "source_text": translation.source_text}
    if before is None:
        tx.insert("translations", row)
        return True
    if before == row:
        return False
    tx.update("translations", row_id, **{k: v for k, v in row.items() if k != "id"})
    return True


def store_translations(project: Project, language: str,
                       translations: Iterable[Translation]) -> int:
    """Store translations into ``language`` (upsert by segment id; an empty text removes that
    segment's translation) and add the language to ``settings.languages``; returns how many
    rows changed. Text is kept as given, line breaks included (``\r\n`` as ``\n``), other
    controls as :func:`studio.text.clean_text` treats them. Raises InvalidEditError for a bad
    tag, the course's own language, a translation whose ``language`` is another one, or a
    text whose inline codes (``<i>``, ``{name}``) are not exactly those of its
    ``source_text`` (one line naming the segment and the code, the check XLIFF reading
    makes: :func:`~studio.translation.xliff_model.code_problem`)."""
    with project.edit("Store translations") as tx:
        target = _target(tx, language)
        changed = 0
        for translation in translations:
            if language_tag(translation.language) != target:
                raise InvalidEditError(f"Segment {translation.segment} is in "
                                       f"{translation.language}, not {target}.")
            problem = translation.text and code_problem(translation.source_text,
                                                        translation.text)
            if problem:
                raise InvalidEditError(f"Segment {translation.segment}: {problem}.")
            changed += _put(tx, Translation(target, translation.segment,
                                            _clean(translation.text),
                                            translation.source_hash, translation.source_text))
        if target not in _languages(tx):
            _set_languages(tx, [*_languages(tx), target])
    return changed


def set_translation(project: Project, language: str, segment: Segment, text: str) -> None:
    """Set one segment's translation into ``language`` as the window edits it, recording the
    segment's current source (``segment.text`` and its hash), so saving the same text again
    marks a segment that needed review CURRENT. Empty text removes the translation. Raises
    InvalidEditError for a bad tag, the course's own language, or inline codes that are not
    exactly the source's (as :func:`store_translations`)."""
    with project.edit("Edit translation"):
        store_translations(project, language, [Translation(
            language, segment.id, text, segment.source_hash, segment.text)])

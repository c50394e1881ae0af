"""Translations left in the source language: a target identical to its source, or one the
lingua detector (built for just the source and target language) reads as the source language.

Short texts (fewer than ``MIN_WORDS`` words) are never flagged: one or two words carry too
little for a detector, and "Pause", "Menu", "OK", names and product terms legitimately stay
as they are in many languages (flagging them on every import would leave the author no way
to accept them). Languages lingua does not know (the pseudo-locales, rare tags) are judged
by identity only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from lingua import IsoCode639_1, IsoCode639_3, Language, LanguageDetector, LanguageDetectorBuilder

from studio.translation.units import INLINE_CODE

MIN_WORDS = 3
# How much more likely the source language must be than the target language before a text
# counts as untranslated (lingua's minimum relative distance; 0 would always pick one).
MIN_RELATIVE_DISTANCE = 0.1
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")


def _plain(text: str) -> str:
    """``text`` without inline codes, white space runs as one space."""
    return " ".join(INLINE_CODE.sub(" ", text).split())


def lingua_language(tag: str) -> Language | None:
    """lingua's language for a BCP 47 tag's primary subtag (``fr`` for ``fr-CA``, three-letter
    codes such as ``zul``); None when lingua does not know it (pseudo-locales ``qps-ploc`` /
    ``qps-plocm``, unknown tags). Raises nothing."""
    code = tag.split("-")[0].lower()
    try:
        if len(code) == 2:
            return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
        if len(code) == 3:
            return Language.from_iso_code_639_3(IsoCode639_3.from_str(code))
    except ValueError:
        return None
    return None


@lru_cache(maxsize=16)
def _detector(source: Language, target: Language) -> LanguageDetector:
    return (LanguageDetectorBuilder.from_languages(source, target)
            .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE).build())


def left_in_source(pairs: Mapping[str, tuple[str, str]] | Iterable[tuple[str, str, str]],
                   source_language: str, target_language: str) -> list[str]:
    """The ids of segments whose translation is still in the source language, in the order
    given.

    ``pairs``: segment id -> (source text, target text), or an iterable of (segment id, source
    text, target text); languages are BCP 47 tags. Only a target of at least ``MIN_WORDS``
    words (inline codes removed, white space collapsed) is judged: it is flagged when it
    equals its source, or when lingua, deciding only between the two languages, reads it as
    the source language. Identity only when lingua lacks either language or both share a
    primary subtag. Raises nothing.
    """
    triples = ([(key, *value) for key, value in pairs.items()] if isinstance(pairs, Mapping)
               else list(pairs))
    source = lingua_language(source_language)
    target = lingua_language(target_language)
    detector = _detector(source, target) if source and target and source != target else None
    flagged = []
    for segment_id, source_text, target_text in triples:
        plain = _plain(target_text)
        if not _LETTER.search(plain) or len(_WORD.findall(plain)) < MIN_WORDS:
            continue
        if plain == _plain(source_text):
            flagged.append(segment_id)
        elif detector is not None and detector.detect_language_of(plain) == source:
            flagged.append(segment_id)
    return flagged

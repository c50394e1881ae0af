"""The course glossary applied to a sentence: which entries it needs, and the respelled text.

A word matches case-insensitively on word boundaries ("Knuth" matches "knuth's" but not
"Knuthian"). A word may be a phrase ("Monte Carlo"): it matches whole, with a word boundary
at both ends, where the sentence has its words with a single space between them (as
:func:`studio.narration.script.sentences` and the glossary commands leave white space).

An entry for a language (``en``) applies to that language and its regional
forms (``en-GB``); an entry for "" applies to every language, unless an entry for the
language itself says the same word otherwise.
"""

from __future__ import annotations

import re

from studio.model import GlossaryEntry


def applies_to(entry: GlossaryEntry, language: str) -> bool:
    """Whether ``entry`` is for ``language`` (a tag): its language is "", the same tag, or a
    prefix of it at a subtag boundary (``en`` for ``en-GB``); compared case-insensitively."""
    own, wanted = entry.language.lower(), language.lower()
    return not own or wanted == own or wanted.startswith(own + "-")


def word_pattern(word: str) -> re.Pattern[str]:
    """The pattern that finds ``word`` in a text: case-insensitive, not inside a longer word
    (no letter, digit or underscore right before or after it)."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def entries_for(sentence: str, glossary: tuple[GlossaryEntry, ...] | list[GlossaryEntry],
                language: str) -> tuple[GlossaryEntry, ...]:
    """The entries of ``glossary`` whose word occurs in ``sentence`` and that apply to
    ``language``, one per word (the one with the most specific language), sorted by
    (word lowercased, language, kind, say) so that the same sentence always gives the same
    tuple (it is part of the synthesis cache key)."""
    chosen: dict[str, GlossaryEntry] = {}
    for entry in glossary:
        if not entry.word or not applies_to(entry, language):
            continue
        if not word_pattern(entry.word).search(sentence):
            continue
        word = entry.word.lower()
        held = chosen.get(word)
        if held is None or len(entry.language) > len(held.language):
            chosen[word] = entry
    return tuple(sorted(chosen.values(),
                        key=lambda e: (e.word.lower(), e.language, e.kind, e.say)))


def respell(sentence: str, entries: tuple[GlossaryEntry, ...] | list[GlossaryEntry]) -> str:
    """``sentence`` with every word of a "respell" entry replaced by its respelling, in one
    pass (a respelling is never respelled again), longest words first where two overlap.
    "phonemes" entries are left out: an engine that takes phonemes applies them itself."""
    spoken = {e.word.lower(): e.say for e in entries if e.kind == "respell" and e.word}
    if not spoken:
        return sentence
    words = sorted(spoken, key=lambda w: (-len(w), w))
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words),
                         re.IGNORECASE)
    return pattern.sub(lambda found: spoken[found.group(0).lower()], sentence)

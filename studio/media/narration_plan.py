"""What narrating an item would voice: its sentences, the voice, the engine and each
sentence's cache key, computed without synthesising anything."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from studio.errors import InvalidEditError
from studio.media.voices import Engine, engine
from studio.model import Course, Item
from studio.narration import (
    VoiceSettings,
    effective_voice,
    entries_for,
    item_script,
    sentence_key,
    sentences,
)
from studio.translation.variant import translated

NARRATED_KINDS = ("slide", "page")


@dataclass(frozen=True)
class SentencePlan:
    """One sentence to voice: its ``text`` as written, its cache ``key`` and the glossary
    ``entries`` that apply to it."""

    text: str
    key: str
    entries: tuple = ()


@dataclass(frozen=True)
class ItemPlan:
    """An item's narration in ``language``: its sentences, the ``voice`` (the engine's
    default voice filled in), the ``engine`` and its version."""

    item: Item
    language: str
    voice: VoiceSettings
    engine: Engine
    engine_version: str
    sentences: tuple[SentencePlan, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The sentences' cache keys, in order."""
        return tuple(sentence.key for sentence in self.sentences)

    @property
    def voice_pairs(self) -> tuple[tuple[str, str], ...]:
        """What the track records it was rendered with: the voice settings (strings) and
        ``engine_version``."""
        return (*self.voice.as_pairs(), ("engine_version", self.engine_version))


def speaking_course(course: Course, language: str) -> Course:
    """The course whose scripts narration in ``language`` voices: ``course`` itself in its
    own language. In a target language (``settings.languages``) its variant
    (:func:`studio.translation.variant.translated`: a script typed in that language, else the
    translated script, notes or page text), except that an item none of whose spoken text is
    translated yet has no script there (it is not voiced in the source's words). In any
    other language the course's typed scripts only. Out of its own language the course's
    voice id is cleared, since a voice id speaks one language: the engine's default voice
    for ``language`` speaks instead (an item's own voice override stays). Pure; raises
    nothing."""
    if language.lower() == course.language.lower():
        return course
    speaking = course
    if language in course.settings.languages:
        variant = translated(course, language)
        speaking = _map_items(variant, lambda item: _translated_only(
            item, course.find(item.id), course.language, language))
    return replace(speaking, settings=replace(speaking.settings, narration_voice=""))


def _translated_only(item: Item, source: Item, source_language: str, language: str) -> Item:
    """``item`` of a variant with an empty script instead of the one the variant gave it
    when that script is the source's own words (nothing of it translated yet)."""
    narration = getattr(item, "narration", None)
    if narration is None or source.narration.script(language) is not None:
        return item
    said = narration.script(language)
    if said is None or said.strip() != item_script(source, source_language,
                                                    source_language).strip():
        return item
    # an empty script, not none: in the variant's own language notes would be said instead
    kept = tuple((tag, text) for tag, text in narration.scripts if tag != language)
    return replace(item, narration=replace(narration, scripts=(*kept, (language, ""))))


def _map_items(course: Course, change) -> Course:
    """``course`` with every item replaced by ``change(item)``."""
    return replace(course, modules=tuple(
        replace(module, lessons=tuple(
            replace(lesson, items=tuple(change(item) for item in lesson.items))
            for lesson in module.lessons))
        for module in course.modules))


def narratable(item: Item, course: Course) -> bool:
    """Whether ``item`` is a slide or page with something to say in the course language."""
    return item.kind.value in NARRATED_KINDS and bool(
        sentences(item_script(item, course.language, course.language), course.language))


def plan_item(course: Course, item: Item, language: str, override: dict | None = None,
              check: bool = True, defaults: dict | None = None) -> ItemPlan:
    """The :class:`ItemPlan` of a slide or page in ``language`` (BCP 47) with the course's
    voice, the item's overrides and ``override`` on top. Raises InvalidEditError for an item
    of another kind or without a script, VoiceError when the engine is unknown or (with
    ``check``) cannot be used on this machine. ``defaults`` keeps each engine's default voice
    per language between calls (asking an engine for its voices can take a while)."""
    if item.kind.value not in NARRATED_KINDS:
        raise InvalidEditError(f"“{item.title}” is a {item.kind.value}; only slides and pages "
                               "are narrated from a script.")
    script = item_script(item, language, course.language)
    texts = sentences(script, language)
    if not texts and script.strip():
        raise InvalidEditError(f"“{item.title}” has nothing to say: its script has no words.")
    if not texts and language != course.language:
        raise InvalidEditError(f"“{item.title}” has no {language} script to narrate: give it "
                               f"one with studio script --language {language}.")
    if not texts:
        raise InvalidEditError(f"“{item.title}” has no script to narrate: give it notes, "
                               "page text or a script (studio script).")
    voice = effective_voice(course, item, override)
    chosen = engine(voice.engine)
    if check:
        chosen.require()
    if not voice.voice:
        defaults = {} if defaults is None else defaults
        if (chosen.name, language) not in defaults:
            defaults[chosen.name, language] = chosen.default_voice(language)
        voice = replace(voice, voice=defaults[chosen.name, language])
    version = chosen.version()
    if voice.voice_file:
        version = f"{version} {voice_file_digest(voice.voice_file)}"
    glossary = course.settings.glossary
    planned = []
    for text in texts:
        entries = entries_for(text, glossary, language)
        planned.append(SentencePlan(text, sentence_key(text, voice, version, entries), entries))
    return ItemPlan(item, language, voice, chosen, version, tuple(planned))


def voice_file_digest(path: str) -> str:
    """The SHA-256 (hex, 16 characters) of a voice file's bytes, so a voice file replaced at the
    same path gives new cache keys; "missing" when the file cannot be read (the engine then
    refuses it in its own words). Read once per (path, size, modification time)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return "missing"
    return _digest((path, stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=16)
def _digest(identity: tuple[str, int, int]) -> str:
    # the size and modification time are in the cache key only: a replaced file is read again
    sha = hashlib.sha256()
    try:
        with open(identity[0], "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                sha.update(block)
    except OSError:
        return "missing"
    return sha.hexdigest()[:16]

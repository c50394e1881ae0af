"""Narrating slides and pages from their script: the job behind `studio narrate`, the
window's Re-voice, "needs re-voicing" and "play a sentence".

The work runs in three phases so that a cancel leaves the project as it was:

1. every sentence whose cache key is not in :class:`NarrationCache` is synthesised (the only
   slow, engine-bound step, one call per core; identical sentences are voiced once);
2. each item's sentences are joined with :data:`studio.narration.SENTENCE_PAUSE` of silence,
   levelled to the course's loudness target (EBU R128) and encoded to AAC in a scratch
   folder; times come from integer sample offsets (:func:`studio.narration.lay_out`);
3. with nothing left to cancel, the sounds and their WebVTT captions are stored and every
   item's track applied in one undo step, cue points moved with their sentences.

An item whose track already has the keys its script now gives (and the course's loudness)
is left alone, so re-voicing after an edit touches only the items that changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np

from studio import commands
from studio.errors import InvalidEditError, MediaError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress, run_parallel
from studio.media.captions import Cue
from studio.media.loudness import normalise
from studio.media.narration_audio import EXTENSION, encode_aac, join
from studio.media.narration_cache import NarrationCache
from studio.media.narration_plan import ItemPlan, narratable, plan_item, speaking_course
from studio.media.probe import probe
from studio.media.slide_narration import store_vtt
from studio.media.voices import VoiceError
from studio.model import Course, NarrationTrack, SpokenSentence
from studio.narration import SENTENCE_PAUSE, caption_cues, lay_out, remap_cues
from studio.store import Project

SYNTHESIS_SHARE = 0.8  # of the job's progress: synthesis; the rest joins, levels and encodes
LOUDNESS_SLACK = 0.5  # LU: a track further than this from the target is levelled again
ORIGIN = "synthesised"


@dataclass(frozen=True)
class ItemReport:
    """What narrating one item did: ``duration`` in seconds, ``sentences`` in its script,
    how many were ``synthesised`` now and ``reused`` from the cache, the ``loudness``
    measured after levelling (LUFS), ``unchanged`` when its track was already up to date."""

    id: str
    title: str
    duration: float
    sentences: int
    synthesised: int
    reused: int
    loudness: float | None
    unchanged: bool = False


@dataclass(frozen=True)
class NarrationReport:
    """Every item a :func:`narrate` call covered, in outline order, and its language."""

    language: str
    items: tuple[ItemReport, ...] = ()

    @property
    def synthesised(self) -> int:
        """Sentences synthesised by the whole call."""
        return sum(item.synthesised for item in self.items)


@dataclass(frozen=True)
class _Rendered:
    plan: ItemPlan
    track: NarrationTrack  # asset ids still None
    audio: Path
    report: ItemReport


def narrate(project: Project, item_ids: list[str] | None = None, *, language: str | None = None,
            voice: dict | None = None, remember: bool = False,
            progress: Progress = no_progress,
            token: CancelToken | None = None) -> NarrationReport:
    """Synthesise the narration of slides and pages and make it their track for
    ``language`` (BCP 47; default the course's): ``item_ids``, else every slide and page
    with a script. ``voice`` overrides the course's and the items' voice settings for this
    call (engine, voice, rate, pitch, voice_file); with ``remember`` they become the
    narrated items' voice overrides, so a later plain narration keeps them. One undo step
    for the whole call.

    Raises InvalidEditError for an unknown item, one that is not a slide or page, or one
    with no script; VoiceError when an engine cannot be used; MediaError when ffmpeg fails;
    Cancelled when ``token`` is cancelled (the project is unchanged; finished sentences stay
    in the cache).
    """
    token = token or CancelToken()
    source = project.course()
    language = language or source.language
    course = speaking_course(source, language)
    defaults: dict = {}
    plans = [plan_item(course, item, language, voice, defaults=defaults)
             for item in _items(course, item_ids)]
    target = course.settings.loudness
    todo = [plan for plan in plans if not _up_to_date(source, plan, target)]
    cache = NarrationCache(project.cache_dir)
    made = _synthesise(cache, todo, SubProgress(progress, 0.0, SYNTHESIS_SHARE), token)
    renewed = {plan.item.id for plan in todo}
    reports: dict[str, ItemReport] = {plan.item.id: _unchanged(plan) for plan in plans
                                      if plan.item.id not in renewed}
    with tempfile.TemporaryDirectory(prefix="studio-narrate-") as work:
        rendered = []
        for index, plan in enumerate(todo):
            token.check()
            share = SubProgress(progress, SYNTHESIS_SHARE + (1 - SYNTHESIS_SHARE) * index
                                / len(todo), (1 - SYNTHESIS_SHARE) / len(todo))
            rendered.append(_render(cache, plan, made, target, Path(work), share, token))
        token.check()
        overrides = _new_overrides(plans, voice) if remember else {}
        if rendered or overrides:
            _store(project, rendered, overrides, source.language)
    for done in rendered:
        reports[done.plan.item.id] = done.report
    progress(1.0, "Narration ready")
    return NarrationReport(language, tuple(reports[plan.item.id] for plan in plans))


def pending(project: Project, item_ids: list[str]) -> list[str]:
    """The ids among ``item_ids`` (slides and pages with a script, in that order) whose
    synthesised track in the course's language is missing or no longer what :func:`narrate`
    would make: what narrating them would voice now. Synthesises nothing. Raises
    InvalidEditError as :func:`narrate` does, VoiceError when the engine cannot be used."""
    course = project.course()
    target, defaults = course.settings.loudness, {}
    plans = [plan_item(course, item, course.language, defaults=defaults)
             for item in _items(course, item_ids)]
    return [plan.item.id for plan in plans if not _up_to_date(course, plan, target)]


def _items(course, item_ids: list[str] | None) -> list:
    if item_ids is None:
        return [item for item in course.items() if narratable(item, course)]
    items = []
    for item_id in dict.fromkeys(item_ids):
        item = course.find(item_id)
        if item is None or not hasattr(item, "kind"):
            raise InvalidEditError(f"No item with id {item_id}.")
        items.append(item)
    return items


def _up_to_date(course, plan: ItemPlan, target: float) -> bool:
    track = plan.item.narration.track(plan.language)
    if track is None or track.origin != ORIGIN or track.asset_id not in course.assets:
        return False
    if track.captions_asset_id not in course.assets or track.loudness is None:
        return False
    if plan.language == course.language \
            and getattr(plan.item, "narration_asset_id", track.asset_id) != track.asset_id:
        return False  # the slide or page speaks another sound now (a recording)
    return (tuple(s.key for s in track.sentences) == plan.keys
            and abs(track.loudness - target) <= LOUDNESS_SLACK)


def _unchanged(plan: ItemPlan) -> ItemReport:
    track = plan.item.narration.track(plan.language)
    return ItemReport(plan.item.id, plan.item.title, track.duration, len(track.sentences), 0,
                      len(track.sentences), track.loudness, unchanged=True)


def _synthesise(cache: NarrationCache, plans: list[ItemPlan], progress: Progress,
                token: CancelToken) -> set[str]:
    """Synthesise every missing sentence of ``plans`` into the cache, one engine call per
    core at a time (each call is its own process or library call); returns the keys made."""
    missing: dict[str, tuple[ItemPlan, int]] = {}
    for plan in plans:
        for index, key in enumerate(plan.keys):
            if key not in missing and not cache.has(key):
                missing[key] = (plan, index)
    jobs = [partial(_voice_one, cache, key, plan, index)
            for key, (plan, index) in missing.items()]
    count = len(jobs)
    run_parallel(jobs, lambda fraction, message="": progress(
        fraction, f"Voicing {count} sentence{'s' * (count != 1)}"), token)
    return set(missing)


def _voice_one(cache: NarrationCache, key: str, plan: ItemPlan, index: int,
               progress: Progress, token: CancelToken) -> None:
    sentence, voice = plan.sentences[index], plan.voice
    spoken = plan.engine.synthesize(sentence.text, voice.voice, voice.rate, voice.pitch,
                                    entries=sentence.entries, voice_file=voice.voice_file,
                                    token=token)
    token.check()
    cache.store(key, spoken)
    progress(1.0)


def _render(cache: NarrationCache, plan: ItemPlan, made: set[str], target: float,
            work: Path, progress: Progress, token: CancelToken) -> _Rendered:
    """Join, level and encode one item's narration into ``work``."""
    cached = []
    for key in plan.keys:
        sentence = cache.load(key)
        if sentence is None:
            raise MediaError(f"The narration cache lost a sentence of “{plan.item.title}” "
                             "while it was being voiced; narrate it again.")
        cached.append(sentence)
    rates = {sentence.sample_rate for sentence in cached}
    if len(rates) != 1:
        raise MediaError(f"The sentences of “{plan.item.title}” came at different sample "
                         f"rates ({', '.join(map(str, sorted(rates)))} Hz); narrate it again.")
    rate = rates.pop()
    pause = round(SENTENCE_PAUSE * rate)
    pieces = [np.frombuffer(sentence.samples, dtype="<i2") for sentence in cached]
    joined, offsets = join(pieces, pause)
    levelled = normalise(joined, rate, target)
    audio = encode_aac(levelled.samples, rate, work / f"{plan.item.id}{EXTENSION}",
                       progress, token)
    times = lay_out([len(piece) for piece in pieces], rate, pause)
    spoken = tuple(
        SpokenSentence(sentence.text, start, end, sentence.key,
                       _words(sentence.text, offset / rate, piece.words))
        for sentence, (start, end), offset, piece in zip(plan.sentences, times, offsets,
                                                          cached, strict=True))
    track = NarrationTrack(plan.language, ORIGIN, None, None, round(len(joined) / rate, 3),
                           spoken, plan.voice_pairs, round(levelled.loudness, 2))
    synthesised = sum(1 for key in dict.fromkeys(plan.keys) if key in made)
    report = ItemReport(plan.item.id, plan.item.title, track.duration, len(spoken),
                        synthesised, len(spoken) - synthesised, track.loudness)
    made.difference_update(plan.keys)  # a sentence shared with a later item counts once
    return _Rendered(plan, track, audio, report)


def _words(text: str, start: float, words) -> tuple[tuple[float, float, str], ...]:
    """Engine word times (within the sentence) on the item's timeline, rounded to the ms."""
    return tuple((round(start + begin, 3), round(start + end, 3), text[offset:offset + length])
                 for begin, end, offset, length in words if text[offset:offset + length])


def _new_overrides(plans: list[ItemPlan], voice: dict | None) -> dict[str, dict]:
    """{item id: voice overrides to set} for the planned items whose overrides differ from
    ``voice`` (its None values left out). A new engine without a voice drops the item's voice
    override (None), since a voice id belongs to one engine."""
    wanted: dict = {key: str(value) for key, value in (voice or {}).items() if value is not None}
    if "engine" in wanted and "voice" not in wanted:
        wanted["voice"] = None
    return {plan.item.id: wanted for plan in plans
            if any(dict(plan.item.narration.voice).get(k) != v for k, v in wanted.items())}


def _store(project: Project, rendered: list[_Rendered],
           overrides: dict[str, dict] | None = None, course_language: str = "") -> None:
    """Set the items' voice ``overrides`` ({item id: values}), store every rendered item's
    sound and captions and apply its track: one undo step. Cue points move with their
    sentences in ``course_language`` only: the item's timeline is the source narration's
    (a variant moves its cues itself)."""
    titles = [done.plan.item.title for done in rendered]
    name = f"Narrate “{titles[0]}”" if len(titles) == 1 else f"Narrate {len(titles)} items"
    name = name if titles else "Set narration voice"
    with project.group(name):
        for item_id, values in (overrides or {}).items():
            commands.set_item_voice(project, item_id, **values)
        for done in rendered:
            item = done.plan.item
            found = probe(done.audio)
            sha, filename = project.store_media(done.audio)
            audio_id = commands.add_asset(
                project, sha, filename, f"{item.title} narration{EXTENSION}", "audio",
                done.audio.stat().st_size, found.duration,
                info={**found.info, "role": "narration"})  # part of the item, not the bin
            cues = [Cue(start, end, text) for start, end, text in caption_cues(done.track)]
            captions_id = store_vtt(project, cues, f"{item.title} {done.plan.language} captions",
                                    "captions")
            track = replace(done.track, asset_id=audio_id, captions_asset_id=captions_id)
            old = item.narration.track(done.plan.language)
            points = [(cue.id, cue.time) for cue in getattr(item, "cue_points", ())]
            if done.plan.language != course_language:
                points = []
            moved = remap_cues(old, track, points) if points else None
            commands.apply_track(project, item.id, track, moved)


def stale(project: Project, language: str | None = None, *,
          item_ids: Iterable[str] | None = None) -> list[str]:
    """Ids of the slides and pages, in outline order, whose synthesised track in
    ``language`` (default the course's) no longer matches what narrating them would voice:
    :func:`stale_in` of the project's course."""
    return stale_in(project.course(), language, item_ids=item_ids)


def stale_in(source: Course, language: str | None = None, *,
             item_ids: Iterable[str] | None = None) -> list[str]:
    """Ids of the slides and pages of ``source``, in outline order, whose synthesised track
    in ``language`` (default the course's) no longer matches what narrating them would
    voice: the script, the voice, the engine version or a glossary entry it uses has changed
    since (the window's "needs re-voicing"). An item whose script was emptied counts; an
    item never narrated does not, nor one whose engine cannot be used on this machine (its
    keys cannot be known here). ``item_ids`` limits the check to those items (ids of no
    item are ignored); None checks the whole course. Pure apart from asking engines for
    their voices and version; safe on any thread."""
    language = language or source.language
    course = speaking_course(source, language)
    wanted = None if item_ids is None else set(item_ids)
    found, defaults = [], {}
    for item in course.items():
        if wanted is not None and item.id not in wanted:
            continue
        narration = getattr(item, "narration", None)
        track = narration.track(language) if narration is not None else None
        if track is None or track.origin != ORIGIN:
            continue
        try:
            keys = plan_item(course, item, language, check=False, defaults=defaults).keys
        except InvalidEditError:
            keys = ()
        except VoiceError:
            continue
        if keys != tuple(sentence.key for sentence in track.sentences):
            found.append(item.id)
    return found


def sentence_audio(project: Project, item_id: str, index: int,
                   language: str | None = None) -> Path:
    """The WAV file (PCM s16le mono) of sentence ``index`` (0-based) of an item's script as
    it would be voiced now, from the cache, synthesised first when it is not there (the
    window's "play a sentence"). Raises InvalidEditError for an unknown item, one that is not
    narrated from a script, or an index outside its sentences; VoiceError when the engine
    cannot be used."""
    source = project.course()
    course = speaking_course(source, language or source.language)
    item = course.find(item_id)
    if item is None or not hasattr(item, "kind"):
        raise InvalidEditError(f"No item with id {item_id}.")
    plan = plan_item(course, item, course.language, check=False)
    if not 0 <= index < len(plan.sentences):
        raise InvalidEditError(f"“{item.title}” has {len(plan.sentences)} sentences; there is "
                               f"no sentence {index + 1}.")
    cache = NarrationCache(project.cache_dir)
    key = plan.keys[index]
    if not cache.has(key):
        plan.engine.require()
        _synthesise(cache, [replace(plan, sentences=(plan.sentences[index],))], no_progress,
                    CancelToken())
    return cache.wav(key)

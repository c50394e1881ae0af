"""Where each sentence of a narration sits in time, the cache key that names its sound, how
cue points follow an edit, and the captions a track gives.

Times come from whole sample counts: sentence ``i`` starts after the samples of every earlier
sentence and one pause between each two, so a layout is exact and the same however it is
reached (an edit, or a render from scratch). Seconds are rounded to the millisecond only when
they are written down.
"""

from __future__ import annotations

import difflib
import hashlib
import json

from studio.model import GlossaryEntry, NarrationTrack, SpokenSentence
from studio.narration.script import MAX_CAPTION_CHARS, split_words
from studio.narration.voice import VoiceSettings

SENTENCE_PAUSE = 0.35  # seconds of silence between two sentences
_ROUNDING = 0.0015  # seconds: two spans rounded to the ms may differ by this much


def _ms(seconds: float) -> float:
    return round(seconds, 3)


def sentence_key(text: str, voice: VoiceSettings, engine_version: str,
                 entries: tuple[GlossaryEntry, ...] | list[GlossaryEntry]) -> str:
    """The synthesis cache key of one sentence: the SHA-256 (64 hex digits) of canonical JSON
    (sorted keys, no spaces, UTF-8) of the text, the voice's pairs, the engine's version and
    the glossary entries that apply to it, so a change to any of them is a new key."""
    payload = {"text": text, "voice": dict(voice.as_pairs()), "engine": engine_version,
               "entries": [[e.word, e.say, e.kind, e.language] for e in entries]}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lay_out(lengths: list[int], sample_rate: int, pause: int) -> list[tuple[float, float]]:
    """(start, end) seconds of each sentence, rounded to the ms, from sentence lengths in
    samples at ``sample_rate`` Hz with ``pause`` samples of silence between two sentences
    (none before the first or after the last). Raises ValueError for a sample rate that is
    not positive or a negative length or pause."""
    if sample_rate <= 0 or pause < 0 or any(n < 0 for n in lengths):
        raise ValueError("sample rate must be positive, lengths and pause not negative")
    spans, offset = [], 0
    for length in lengths:
        spans.append((_ms(offset / sample_rate), _ms((offset + length) / sample_rate)))
        offset += length + pause
    return spans


def total_duration(lengths: list[int], sample_rate: int, pause: int) -> float:
    """Seconds (rounded to the ms) of sentences of these lengths joined as :func:`lay_out`
    lays them out: all samples plus one pause between each two sentences."""
    samples = sum(lengths) + pause * max(0, len(lengths) - 1)
    return _ms(samples / sample_rate)


def _matches(old: list[str], new: list[str]) -> dict[int, tuple[int, bool]]:
    """Old sentence index -> (new index, whether the text is unchanged): equal runs matched,
    and a replaced run matched place by place (an edited sentence keeps its place); removed
    sentences are absent."""
    mapping: dict[int, tuple[int, bool]] = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(min(i2 - i1, j2 - j1)):
                mapping[i1 + offset] = (j1 + offset, tag == "equal")
    return mapping


def _gap_after(track: NarrationTrack, index: int) -> float:
    """Seconds from the end of sentence ``index`` to the next sentence (or the track's end)."""
    following = track.sentences[index + 1].start if index + 1 < len(track.sentences) \
        else track.duration
    return max(0.0, following - track.sentences[index].end)


def _anchor(track: NarrationTrack, time: float) -> tuple[int, float]:
    """(sentence index, offset s from its start) of a time; -1 before the first sentence."""
    index = -1
    for i, sentence in enumerate(track.sentences):
        if sentence.start <= time + 1e-9:
            index = i
    if index < 0:
        return -1, time
    return index, time - track.sentences[index].start


def _removed_target(new: NarrationTrack, mapping: dict[int, tuple[int, bool]],
                    index: int) -> float:
    """Where a cue of a removed old sentence goes: the start of the first new sentence that
    follows the place it held, or the end of the track."""
    later = [mapping[i][0] for i in mapping if i > index]
    if later:
        return new.sentences[min(later)].start
    return new.duration


def remap_cues(old: NarrationTrack | None, new: NarrationTrack,
               cues: list[tuple[str, float]]) -> dict[str, float]:
    """New times (seconds, rounded to the ms, within [0, new.duration]) of cue points
    ``(cue id, time)`` after ``old`` is replaced by ``new``.

    Each cue is anchored in the old layout to the sentence it falls in (a cue in a pause
    belongs to the sentence before it) and its offset from that sentence's start. Old
    sentences are matched to new ones by their texts (difflib; an edited sentence keeps its
    place). The new time is the matched sentence's new start plus the offset; in a sentence
    that was edited or re-voiced to another length the offset is clamped to the new sentence
    and the pause after it. A cue before
    the first sentence keeps its time; a cue of a removed sentence goes to where that
    sentence was. With no old track the cues keep their times, clamped to the new
    duration."""
    def clamp(time: float) -> float:
        return _ms(min(max(0.0, time), new.duration))

    if old is None or not old.sentences or not new.sentences:
        return {cue_id: clamp(time) for cue_id, time in cues}
    mapping = _matches([s.text for s in old.sentences], [s.text for s in new.sentences])
    moved: dict[str, float] = {}
    for cue_id, time in cues:
        index, offset = _anchor(old, time)
        if index < 0:
            moved[cue_id] = clamp(time)
        elif index in mapping:
            target, same_text = mapping[index]
            sentence, before = new.sentences[target], old.sentences[index]
            span, old_span = sentence.end - sentence.start, before.end - before.start
            # the same sound lasts as long as before: clamping it to its span, rounded to
            # the ms, could cost a cue at its very end a millisecond
            if not (same_text and abs(span - old_span) <= _ROUNDING):
                offset = min(offset, span + _gap_after(new, target))
            moved[cue_id] = clamp(sentence.start + offset)
        else:
            moved[cue_id] = clamp(_removed_target(new, mapping, index))
    return moved


def _word_spans(sentence: SpokenSentence) -> list[tuple[int, float, float]] | None:
    """(character offset in the text, start s, end s) of each reported word, found in order
    in the sentence's text; None when some word cannot be found (timing falls back to
    length)."""
    spans, cursor, lowered = [], 0, sentence.text.lower()
    for start, end, word in sentence.words:
        at = lowered.find(word.lower().strip(), cursor)
        if at < 0 or not word.strip():
            return None
        spans.append((at, start, end))
        cursor = at + len(word.strip())
    return spans


def caption_cues(track: NarrationTrack,
                 max_chars: int = MAX_CAPTION_CHARS) -> list[tuple[float, float, str]]:
    """Caption cues (start s, end s, text), rounded to the ms, for a track (WebVTT §4 cue
    timings): one per sentence; a sentence longer than ``max_chars`` split between words
    into pieces, timed by the word times when the sentence has them, else shared out over
    the sentence in proportion to the pieces' lengths. A sentence with no text (a
    placeholder) gives one cue with empty text."""
    cues: list[tuple[float, float, str]] = []
    for sentence in track.sentences:
        pieces = split_words(sentence.text, max_chars)
        if len(pieces) <= 1:
            cues.append((sentence.start, sentence.end, pieces[0] if pieces else ""))
            continue
        starts = _piece_starts(sentence, pieces)
        ends = [*starts[1:], sentence.end]
        cues.extend((_ms(s), _ms(e), piece)
                    for s, e, piece in zip(starts, ends, pieces, strict=True))
    return cues


def _piece_starts(sentence: SpokenSentence, pieces: list[str]) -> list[float]:
    offsets, cursor, lowered = [], 0, sentence.text.lower()
    for piece in pieces:  # where each piece begins in the sentence's text
        at = lowered.find(piece.lower(), cursor)
        offsets.append(max(at, cursor))
        cursor = offsets[-1] + len(piece)
    spans = _word_spans(sentence) if sentence.words else None
    if spans:
        starts = []
        for offset in offsets:
            word = next((s for at, s, _ in spans if at >= offset), None)
            starts.append(sentence.start if not starts else
                          max(starts[-1], word if word is not None else sentence.end))
        return starts
    span, total = sentence.end - sentence.start, sum(len(p) for p in pieces)
    starts, done = [], 0
    for piece in pieces:
        starts.append(sentence.start + span * done / total)
        done += len(piece)
    return starts

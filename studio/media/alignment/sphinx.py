"""Forced alignment of a known English script to speech with pocketsphinx (the PyPI wheel
carries the US-English acoustic model and the CMU dictionary).

Two passes over 16 kHz mono audio: a forced alignment of the script's words (a linear
grammar, optional silence between words; the decoder's usual beam first, a wide one when the
words fall off it, and no fillers when even that ends early) gives word and sentence times;
an unconstrained phone loop gives what the audio sounds like. Words the dictionary lacks
(jargon, numbers) are given espeak-ng's pronunciation mapped to CMU phones, or left out when
there is none.

A sentence's confidence is how well the two passes agree over its span: the similarity
(``difflib`` ratio, 0..1) of the phones the script expects with the phones heard there,
mapped linearly from :data:`CHANCE` (unrelated speech scores about this) to :data:`FLUENT`
(the script as spoken), clamped to 0..1, and scaled by the share of its words the alignment
reached. Words the alignment never reached are placed by length in the time left over, with
confidence 0. Noise lowers the phone loop's agreement, so in noisy recordings the measure
errs towards review.
"""

from __future__ import annotations

import difflib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from studio.errors import MediaError
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.alignment.result import REVIEW_BELOW, Alignment, AlignmentError
from studio.media.alignment.words import espeak_phones, words
from studio.media.ffmpeg import find_ffmpeg
from studio.media.process import own_group
from studio.model import SpokenSentence

SAMPLE_RATE = 16000  # Hz, what the acoustic model was trained on
FRAME_RATE = 100  # frames a second
CHANCE = 0.2  # phone similarity of speech that is not the script (measured: 0.04..0.27)
FLUENT = 0.4  # phone similarity from which the script counts as spoken (measured: 0.27..0.64)
# (beam, fillers between words): the decoder's usual beam, then a wide one when the words fall
# off it, then no fillers: with them the grammar's search can end before the last word on
# fast, clean speech (synthesised voices), which then aligns no word at all
ATTEMPTS = ((1e-48, True), (1e-80, True), (1e-48, False))
NOT_PHONES = frozenset({"SIL", "<s>", "</s>", "+NSN+", "+SPN+", "+BREATH+", "+COUGH+",
                        "+NOISE+", "+SMACK+", "+UH+", "+UM+"})


@dataclass(frozen=True)
class _Word:
    text: str  # dictionary word (possibly an added one)
    sentence: int


def pcm16k(audio: Path, start: float = 0.0, end: float | None = None) -> bytes:
    """The audio of ``audio`` from ``start`` to ``end`` (seconds; None = to the end) as 16 kHz
    mono signed 16-bit little-endian samples. Raises MediaError when ffmpeg cannot decode it."""
    span = ["-ss", f"{start:.3f}"] if start > 0 else []
    if end is not None:
        span += ["-t", f"{max(0.0, end - start):.3f}"]
    command = find_ffmpeg().command("-v", "error", *span, "-i", str(audio), "-vn", "-ac", "1",
                                    "-ar", str(SAMPLE_RATE), "-f", "s16le", "-")
    done = subprocess.run(command, capture_output=True, check=False, **own_group())
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MediaError(f"Cannot read the sound of {Path(audio).name}: "
                         f"{message[-1] if message else 'ffmpeg failed'}.")
    return done.stdout


def align_english(audio: Path, sentences: list[str], progress: Progress = no_progress,
                  token: CancelToken | None = None, start: float = 0.0,
                  end: float | None = None) -> Alignment:
    """Align ``sentences`` (script text, in speaking order) to the speech in ``audio`` between
    ``start`` and ``end`` seconds; times on the audio's timeline. Raises AlignmentError when the
    script has no words or the audio no samples, MediaError when it cannot be read,
    Cancelled when ``token`` is cancelled."""
    token = token or CancelToken()
    data = pcm16k(audio, start, end)
    if len(data) < SAMPLE_RATE // 5:
        raise AlignmentError(f"{Path(audio).name} has no sound to align.")
    progress(0.05, "Reading the script")
    best = None
    for attempt, (beam, fillers) in enumerate(ATTEMPTS):
        decoder = _decoder(beam, fillers)
        script = _dictionary_words(decoder, sentences)
        if not script:
            raise AlignmentError("The script has no words to align.")
        token.check()
        decoder.set_align_text(" ".join(w.text for w in script))
        _decode(decoder, data, token, lambda f, a=attempt: progress(
            0.1 + 0.5 / len(ATTEMPTS) * (a + f), "Aligning the script"))
        found = [(s.word, s.start_frame, s.end_frame + 1) for s in (decoder.seg() or [])]
        count = sum(1 for w, _, _ in found if not _filler(w))
        if best is None or count > best[0]:
            best = (count, decoder, found)
        if count >= len(script):
            break
        token.check()
    _, decoder, found = best
    heard = _phone_loop(data, token, lambda f: progress(0.6 + 0.35 * f,
                                                        "Listening for the phones"))
    frames = len(data) // 2 * FRAME_RATE // SAMPLE_RATE
    timed = _sentences(decoder, sentences, script, found, heard, frames, start)
    progress(1.0, "Aligned")
    return Alignment(tuple(timed), "pocketsphinx")


def _decoder(beam: float, fillers: bool = True):
    from pocketsphinx import Decoder

    # dither keeps digital silence from wrecking the features; a fixed seed keeps it repeatable
    return Decoder(samprate=SAMPLE_RATE, loglevel="FATAL", dither=True, seed=1, beam=beam,
                   wbeam=beam, pbeam=beam, fsgusefiller=fillers)


def _dictionary_words(decoder, sentences: list[str]) -> list[_Word]:
    """Every word of the script, in order; words the dictionary lacks get espeak-ng's
    pronunciation, or are left out (the alignment goes around them) when there is none."""
    script, added = [], {}
    for index, sentence in enumerate(sentences):
        for word in words(sentence):
            if word not in added:
                added[word] = decoder.lookup_word(word) is not None or _add(decoder, word)
            if added[word]:
                script.append(_Word(word, index))
    return script


def _add(decoder, word: str) -> bool:
    phones = espeak_phones(word)
    if not phones:
        return False
    try:
        decoder.add_word(word, " ".join(phones), True)
    except RuntimeError:
        return False
    return True


def _decode(decoder, data: bytes, token: CancelToken, progress: Progress) -> None:
    """Decode ``data`` as one whole utterance (cepstral mean normalisation over all of it:
    feeding it in blocks times words measurably worse); ``token`` is checked before."""
    token.check()
    decoder.start_utt()
    try:
        decoder.process_raw(data, full_utt=True)
    finally:
        decoder.end_utt()
    progress(1.0)


def _phone_loop(data: bytes, token: CancelToken, progress: Progress
                ) -> list[tuple[str, int, int]]:
    from pocketsphinx import Decoder, get_model_path

    decoder = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL", dither=True, seed=1, lw=2.0,
                      beam=1e-20, pbeam=1e-20,
                      allphone=os.path.join(get_model_path(), "en-us", "en-us-phone.lm.bin"))
    _decode(decoder, data, token, progress)
    return [(s.word, s.start_frame, s.end_frame + 1) for s in (decoder.seg() or [])
            if s.word not in NOT_PHONES]


def _sentences(decoder, sentences, script, found, heard, frames, offset) -> list[SpokenSentence]:
    """Join the aligned words back to their sentences and score each sentence."""
    reached: list[tuple[_Word, int, int, list[str]]] = []
    aligned = [(w, a, b) for w, a, b in found if not _filler(w)]
    for (word, first, last), expected in zip(aligned, script, strict=False):
        if _base(word) != expected.text:
            break
        reached.append((expected, first, last, (decoder.lookup_word(word) or "").split()))
    by_sentence: dict[int, list] = {}
    for entry in reached:
        by_sentence.setdefault(entry[0].sentence, []).append(entry)
    expected_count = {}
    for w in script:
        expected_count[w.sentence] = expected_count.get(w.sentence, 0) + 1
    out: list[SpokenSentence | None] = []
    for index, text in enumerate(sentences):
        got = by_sentence.get(index)
        if not got:
            out.append(None)
            continue
        first, last = got[0][1], got[-1][2]
        expected_phones = [p for entry in got for p in entry[3]]
        heard_here = [p for p, a, b in heard if first <= (a + b) / 2 < last]
        similarity = difflib.SequenceMatcher(None, expected_phones, heard_here,
                                             autojunk=False).ratio()
        share = len(got) / expected_count[index]
        confidence = round(_scale(similarity) * share, 3)
        word_times = tuple((_seconds(a, offset), _seconds(b, offset), w.text)
                           for w, a, b, _ in got)
        out.append(SpokenSentence(text, _seconds(first, offset), _seconds(last, offset),
                                  words=word_times, confidence=confidence,
                                  review=confidence < REVIEW_BELOW))
    return _fill_unreached(out, sentences, frames, offset)


def _fill_unreached(out, sentences, frames, offset) -> list[SpokenSentence]:
    """Sentences the alignment did not reach share the time after the last one it did (or
    around the ones it did), by length, with confidence 0."""
    done: list[SpokenSentence] = []
    index = 0
    end_of_audio = round(offset + frames / FRAME_RATE, 3)
    while index < len(out):
        if out[index] is not None:
            done.append(out[index])
            index += 1
            continue
        run_end = index
        while run_end < len(out) and out[run_end] is None:
            run_end += 1
        begin = done[-1].end if done else round(offset, 3)
        finish = out[run_end].start if run_end < len(out) else end_of_audio
        texts = sentences[index:run_end]
        weights = [len(t) + 5 for t in texts]
        total, at = sum(weights), begin
        for text, weight in zip(texts, weights, strict=True):
            stop = at + (finish - begin) * weight / total
            done.append(SpokenSentence(text, round(at, 3), round(stop, 3), confidence=0.0,
                                       review=True))
            at = stop
        index = run_end
    return done


def _scale(similarity: float) -> float:
    return min(1.0, max(0.0, (similarity - CHANCE) / (FLUENT - CHANCE)))


def _seconds(frame: int, offset: float) -> float:
    return round(offset + frame / FRAME_RATE, 3)


def _filler(word: str) -> bool:
    return word.startswith(("<", "[", "+"))


def _base(word: str) -> str:
    """``hello(2)`` (an alternative pronunciation) -> ``hello``."""
    return word.split("(", 1)[0]


def language_supported(language: str) -> bool:
    """Whether pocketsphinx's bundled model can align speech in ``language`` (a BCP 47 tag)."""
    return language.split("-", 1)[0].lower() == "en"



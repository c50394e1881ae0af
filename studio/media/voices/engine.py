"""What every voice engine offers, and the pieces engines share.

An engine turns one sentence into PCM (s16le, mono) at the engine's own sample rate, with
word times when it reports them. Glossary entries reach it as objects with ``word``, ``say``
and ``kind`` ("respell" or "phonemes"); :func:`spoken` applies them and remembers where each
replacement stood, so word offsets come back in terms of the sentence as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import Cancelled, StudioError
from studio.jobs import CancelToken
from studio.media.process import dying_with_studio, own_group, stop
from studio.model import GlossaryEntry
from studio.narration.glossary import word_pattern
from studio.narration.voice import PITCH_RANGE, RATE_RANGE

WORKER = Path(__file__).with_name("worker.py")
WORKER_TIMEOUT = 120.0  # seconds one sentence may take in a worker process
POLL_SECONDS = 0.05


class VoiceError(StudioError):
    """A voice engine cannot speak: not installed, an unknown voice, a bad voice file, a
    failed synthesis. The message is one line and says what to do where it can."""


@dataclass(frozen=True)
class Synthesis:
    """One sentence spoken: ``samples`` PCM s16le mono at ``sample_rate`` Hz; ``words``
    (start s, end s, char offset, char length) within the sentence as written (offsets count
    characters from 0), in order; empty when the engine reports no word times."""

    samples: bytes
    sample_rate: int
    words: tuple[tuple[float, float, int, int], ...] = ()

    @property
    def duration(self) -> float:
        """Length of the audio in seconds."""
        return len(self.samples) / 2 / self.sample_rate


@dataclass(frozen=True)
class VoiceInfo:
    """A voice an engine offers: ``id`` is what ``synthesize(voice=...)`` takes, ``name`` what
    a person reads, ``languages`` BCP 47 tags (lower case), ``gender`` "male", "female" or ""."""

    engine: str
    id: str
    name: str
    languages: tuple[str, ...]
    gender: str = ""

    def speaks(self, language: str) -> bool:
        """Whether the voice speaks ``language`` (a tag, any case): one of its tags is that
        tag or has the same primary language ("de-AT" matches a "de" voice and vice versa)."""
        wanted = language.lower()
        primary = wanted.split("-")[0]
        return any(tag == wanted or tag.split("-")[0] == primary for tag in self.languages)


class Engine(ABC):
    """One offline text-to-speech engine. ``name`` is the key in ``ENGINES`` and in course
    settings; ``label`` is shown to people; ``accepts_phonemes`` says whether glossary entries
    of kind "phonemes" are spoken (else only "respell" entries apply); ``takes_voice_file``
    says whether its voice is a file the user names (``synthesize(voice_file=...)``)."""

    name: str = ""
    label: str = ""
    accepts_phonemes: bool = False
    takes_voice_file: bool = False

    @abstractmethod
    def available(self) -> str | None:
        """None when the engine can speak on this machine, else why not (one line)."""

    @abstractmethod
    def version(self) -> str:
        """The engine's version and build, part of the synthesis cache key; VoiceError when
        the engine is not available."""

    @abstractmethod
    def voices(self) -> list[VoiceInfo]:
        """The voices installed for this engine ([] when it is not available)."""

    def default_voice(self, language: str) -> str:
        """The voice id for ``language`` (a BCP 47 tag): the voice whose language is that tag,
        else one for its primary language, else the engine's first voice; VoiceError when
        the engine has no voice at all."""
        voices = self.voices()
        if not voices:
            raise VoiceError(f"{self.label} has no voices installed.")
        return best_voice(voices, language) or voices[0].id

    @abstractmethod
    def synthesize(self, text: str, voice: str, rate: int, pitch: int,
                   entries: Sequence[GlossaryEntry] = (), voice_file: str = "",
                   token: CancelToken | None = None) -> Synthesis:
        """Speak ``text`` (one sentence) with ``voice`` (an id from :meth:`voices`, "" = the
        default for English) at ``rate`` words per minute (80..450) and ``pitch`` 0..100 (50 =
        the voice's own). ``entries`` are glossary entries for this sentence. Raises
        VoiceError (one line), Cancelled when ``token`` is cancelled."""

    def require(self) -> None:
        """Raise VoiceError with :meth:`available`'s reason when the engine cannot speak."""
        reason = self.available()
        if reason is not None:
            raise VoiceError(reason)


def check_ranges(rate: int, pitch: int) -> None:
    """VoiceError unless ``rate`` is within RATE_RANGE (words per minute) and ``pitch`` within
    PITCH_RANGE."""
    if not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
        raise VoiceError(f"Rate {rate} is out of range: {RATE_RANGE[0]} to {RATE_RANGE[1]} "
                         "words per minute.")
    if not PITCH_RANGE[0] <= pitch <= PITCH_RANGE[1]:
        raise VoiceError(f"Pitch {pitch} is out of range: {PITCH_RANGE[0]} to "
                         f"{PITCH_RANGE[1]}.")


def best_voice(voices: Sequence[VoiceInfo], language: str) -> str | None:
    """The id of the voice in ``voices`` that speaks ``language`` (a tag, any case): an exact
    tag first, then the primary subtag, then any voice of that primary language; None when
    none does."""
    wanted = language.lower()
    primary = wanted.split("-")[0]
    for match in (lambda tag: tag == wanted, lambda tag: tag == primary,
                  lambda tag: tag.split("-")[0] == primary):
        for info in voices:
            if any(match(tag) for tag in info.languages):
                return info.id
    return None


@dataclass(frozen=True)
class Spoken:
    """A sentence with its glossary applied: ``text`` is what the engine reads; ``spans`` are
    the replacements as (start, end in ``text``, start, end in the sentence) character ranges."""

    text: str
    spans: tuple[tuple[int, int, int, int], ...] = field(default=())

    def to_sentence(self, start: int, length: int) -> tuple[int, int]:
        """Map a character range of :attr:`text` back onto the sentence: (offset, length).
        An end inside a replacement stretches to the end of the replaced word, a start inside
        one to its start."""
        first = self._map(start, False)
        return first, max(0, self._map(start + length, True) - first)

    def _map(self, position: int, is_end: bool) -> int:
        shift = 0
        for said_start, said_end, own_start, own_end in self.spans:
            if position < said_start or (is_end and position == said_start):
                break
            if position >= said_end:
                shift = own_end - said_end
                continue
            return own_end if is_end else own_start
        return position + shift


def spoken(sentence: str, entries: Sequence[GlossaryEntry],
           phonemes: Callable[[str], str] | None) -> Spoken:
    """Apply glossary ``entries`` (GlossaryEntry) to ``sentence`` in one pass, as
    :func:`studio.narration.glossary.respell` does, remembering where each replacement stands:
    a "respell" entry's word becomes its respelling, a "phonemes" entry's word becomes
    ``phonemes(say)`` (the engine's inline phoneme markup), or stays as written when
    ``phonemes`` is None. Words match case-insensitively on word boundaries, longest first."""
    said: dict[str, str] = {}
    for entry in entries:
        if not entry.word:
            continue
        if entry.kind == "phonemes":
            if phonemes is not None:
                said[entry.word.lower()] = phonemes(entry.say)
        else:
            said[entry.word.lower()] = entry.say
    if not said:
        return Spoken(sentence)
    words = sorted(said, key=lambda w: (-len(w), w))
    pattern = re.compile("|".join(word_pattern(w).pattern for w in words), re.IGNORECASE)
    parts, spans, last = [], [], 0
    length = 0
    for found in pattern.finditer(sentence):
        before = sentence[last:found.start()]
        parts.append(before)
        length += len(before)
        replacement = said[found.group(0).lower()]
        spans.append((length, length + len(replacement), found.start(), found.end()))
        parts.append(replacement)
        length += len(replacement)
        last = found.end()
    parts.append(sentence[last:])
    return Spoken("".join(parts), tuple(spans))


def run_worker(kind: str, request: dict, token: CancelToken | None, what: str,
               timeout: float = WORKER_TIMEOUT) -> tuple[dict, bytes]:
    """Run :mod:`studio.media.voices.worker` for ``kind`` ("espeak": without site packages,
    it needs the standard library only; "system": with them): ``request`` goes in as JSON
    on stdin, the answer comes back as (JSON answer, bytes). The worker dies with the studio
    and is stopped on cancel (Cancelled) or after ``timeout`` seconds (VoiceError); an
    answer with "error" raises VoiceError with that message."""
    if token is not None:
        token.check()
    command = [sys.executable, *(["-S"] if kind == "espeak" else []), str(WORKER), kind]
    try:
        proc = subprocess.Popen(dying_with_studio(command), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_worker_env(), **own_group())
    except OSError as exc:
        raise VoiceError(f"Could not start the {what} worker: {exc.strerror}.") from exc
    out, err = communicate(proc, json.dumps(request).encode(), token, what, timeout)
    if token is not None and proc.returncode != 0:
        token.check()
    head, _, payload = out.partition(b"\n")
    try:
        answer = json.loads(head)
    except ValueError:
        last = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise VoiceError(f"{what} failed (exit {proc.returncode}): {last[0]}") from None
    if answer.get("error"):
        raise VoiceError(answer["error"])
    return answer, payload


def communicate(proc: subprocess.Popen, data: bytes | None, token: CancelToken | None, what: str,
                timeout: float = WORKER_TIMEOUT) -> tuple[bytes, bytes]:
    """Feed ``data`` to ``proc``'s stdin and wait for it: (stdout, stderr) bytes. Stops the
    process and raises Cancelled once ``token`` is cancelled, VoiceError after ``timeout``
    seconds; the process is stopped on any other error too."""
    waited = 0.0
    try:
        while True:
            try:
                return proc.communicate(data, timeout=POLL_SECONDS)
            except subprocess.TimeoutExpired:
                data = None
                waited += POLL_SECONDS
                if token is not None and token.cancelled:
                    raise Cancelled() from None
                if waited > timeout:
                    raise VoiceError(f"{what} took longer than {timeout:.0f} s and was "
                                     "stopped.") from None
    except BaseException:
        stop(proc)
        raise


def _worker_env() -> dict[str, str]:
    """The environment for a worker: this one, with the folder holding the ``studio`` package
    first on PYTHONPATH (the studio may run from a checkout that is not installed)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[3])
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([root, *[p for p in paths if p != root]])
    return env


def read_wav(path: Path, what: str) -> tuple[bytes, int]:
    """(PCM s16le mono, sample rate Hz) of a RIFF WAVE file of 8-, 16-, 24- or 32-bit integer
    samples; channels are averaged. VoiceError when the file is missing or not such a WAV."""
    import wave

    try:
        with wave.open(str(path), "rb") as wav:
            width, channels = wav.getsampwidth(), wav.getnchannels()
            rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise VoiceError(f"{what} wrote no readable WAV file ({exc}).") from exc
    if width == 2 and channels == 1:
        return frames, rate
    import numpy as np

    if width == 1:
        values = (np.frombuffer(frames, np.uint8).astype(np.int32) - 128) << 8
    elif width == 3:
        raw = np.frombuffer(frames, np.uint8).reshape(-1, 3).astype(np.int32)
        values = ((raw[:, 0] << 8) | (raw[:, 1] << 16) | (raw[:, 2] << 24)) >> 16
    else:
        values = np.frombuffer(frames, f"<i{width}").astype(np.int64) >> (8 * width - 16)
    values = values.reshape(-1, channels).mean(axis=1).round()
    return values.clip(-32768, 32767).astype("<i2").tobytes(), rate

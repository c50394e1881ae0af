"""espeak-ng through ctypes on libespeak-ng: the embedded default voice, ~100 languages.

The library is the system's (``libespeak-ng``, Debian's espeak-ng package) when present, else
the one the ``espeakng-loader`` wheel bundles with its data. It runs in synchronous mode
(``AUDIO_OUTPUT_SYNCHRONOUS``): ``espeak_Synth`` returns once the callback has received every
sample and event (espeak-ng's ``speak_lib.h``).

Each sentence is spoken in a fresh worker process (:mod:`studio.media.voices.worker`).
libespeak-ng keeps waveform state in static variables across calls (the pitch-flutter phase,
the roughness cycle count), so in one process the same sentence comes out with different
bytes the second time; a fresh process makes the audio a function of the input alone (the
cache and byte-identical exports depend on it), lets a cancel stop it at once, and keeps a
crash inside the C library away from the studio. Listing voices happens in this process,
under :data:`LOCK`.
"""

from __future__ import annotations

import ctypes.util
import functools
import threading
from collections.abc import Sequence
from pathlib import Path

from studio.jobs import CancelToken
from studio.media.voices.engine import (
    Engine,
    Synthesis,
    VoiceError,
    VoiceInfo,
    check_ranges,
    run_worker,
    spoken,
)
from studio.media.voices.worker import Library, WorkerError
from studio.model import GlossaryEntry

LOCK = threading.Lock()  # libespeak-ng has one global state per process
GENDERS = {1: "male", 2: "female"}
INSTALL_HINT = "apt install espeak-ng, or pip install espeakng-loader"


@functools.cache
def locate() -> tuple[str, str, str] | None:
    """(library path, data folder or "" for the library's own, "system" | "bundled") of the
    libespeak-ng to use, or None when there is none."""
    found = ctypes.util.find_library("espeak-ng")
    if found:
        return found, "", "system"
    try:
        import espeakng_loader
    except ImportError:
        return None
    return (str(espeakng_loader.get_library_path()),
            str(Path(espeakng_loader.get_data_path()).parent), "bundled")


@functools.cache
def _library() -> Library:
    where = locate()
    if where is None:
        raise VoiceError(f"espeak-ng is not installed ({INSTALL_HINT}).")
    try:
        return Library(where[0], where[1])
    except WorkerError as exc:
        raise VoiceError(str(exc)) from None


def voice_id(identifier: str) -> str:
    """The voice id shown and stored for an espeak-ng voice file identifier ("gmw/en-US" ->
    "en-us"); espeak_SetVoiceByName takes both."""
    return identifier.rsplit("/", 1)[-1].lower()


class EspeakEngine(Engine):
    """espeak-ng (see the module's docstring). Phoneme entries are spoken as espeak-ng's
    ``[[...]]`` phoneme mnemonics (Kirshenbaum-like ASCII, espeak-ng docs/phonemes.md)."""

    name = "espeak-ng"
    label = "espeak-ng"
    accepts_phonemes = True

    def available(self) -> str | None:
        """None when libespeak-ng loads and finds its voice data, else why not."""
        try:
            with LOCK:
                _library()
        except (VoiceError, OSError) as exc:
            return str(exc) if isinstance(exc, VoiceError) else (
                f"espeak-ng cannot be loaded: {exc} ({INSTALL_HINT}).")
        return None

    def version(self) -> str:
        """espeak-ng's version and which library: "1.51 system" or "1.52.0 bundled"."""
        self.require()
        with LOCK:
            number = _library().version()
        return f"{number} {locate()[2]}"

    def voices(self) -> list[VoiceInfo]:
        """Every voice espeak_ListVoices reports, sorted by its voice id ("af" … "zh")."""
        if self.available() is not None:
            return []
        with LOCK:
            listed = _library().voices()
        return [VoiceInfo(self.name, voice_id(ident), name, languages, GENDERS.get(gender, ""))
                for ident, name, languages, gender in sorted(listed, key=lambda v: voice_id(v[0]))]

    def synthesize(self, text: str, voice: str, rate: int, pitch: int,
                   entries: Sequence[GlossaryEntry] = (), voice_file: str = "",
                   token: CancelToken | None = None) -> Synthesis:
        """Speak one sentence in a fresh worker (see the module's docstring). ``voice`` is an
        id from :meth:`voices` (variants such as "en-us+f3" pass through), "" for English.
        Word times come from espeak-ng's WORD events: start = the event's audio position,
        end = the next word's, clause end's or sentence end's position, else the audio's end."""
        self.require()
        check_ranges(rate, pitch)
        # "[[" in the script itself would open phoneme input: same-length text keeps offsets
        plain = text.replace("[[", "[ ").replace("]]", "] ")
        said = spoken(plain, entries, lambda phonemes: f"[[{phonemes}]]")
        path, data, _origin = locate()
        request = {"library": path, "data": data, "text": said.text,
                   "voice": voice or self.default_voice("en"), "rate": rate, "pitch": pitch}
        head, samples = run_worker("espeak", request, token, "espeak-ng")
        words = []
        for start, end, position, length in head["words"]:
            offset, size = said.to_sentence(position, length)
            if words and words[-1][2] == offset:  # pieces of one replaced word
                words[-1] = (words[-1][0], end, offset, size)
            else:
                words.append((start, end, offset, size))
        return Synthesis(samples, head["sample_rate"], tuple(words))

"""espeak-ng through ctypes on libespeak-ng: the embedded default voice, ~100 languages.

The library is the system's (``libespeak-ng``, Debian's espeak-ng package) when present, else
the one the ``espeakng-loader`` wheel bundles with its data. It runs in synchronous mode
(``AUDIO_OUTPUT_SYNCHRONOUS``): ``espeak_Synth`` returns once the callback has received every
sample and event (espeak-ng's ``speak_lib.h``).

Each sentence is spoken in a fresh worker process (``python -m studio.media.voices.espeak``).
libespeak-ng keeps waveform state in static variables across calls (the pitch-flutter phase,
the roughness cycle count), so in one process the same sentence comes out with different
bytes the second time; a fresh process makes the audio a function of the input alone (the
cache and byte-identical exports depend on it), lets a cancel stop it at once, and keeps a
crash inside the C library away from the studio. Listing voices happens in this process,
under :data:`LOCK`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from studio.jobs import CancelToken
from studio.media.voices.engine import (
    Engine,
    Synthesis,
    VoiceError,
    VoiceInfo,
    answer,
    run_worker,
    spoken,
)

LOCK = threading.Lock()  # libespeak-ng has one global state per process

# speak_lib.h
AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
POS_CHARACTER = 1
CHARS_UTF8 = 1
PHONEMES = 0x100  # allow [[...]] phoneme mnemonics in the text
EVENT_LIST_TERMINATED, EVENT_WORD, EVENT_SENTENCE, EVENT_END, EVENT_MSG_TERMINATED = 0, 1, 2, 5, 6
RATE, PITCH = 1, 3  # espeak_PARAMETER
EE_OK = 0
GENDERS = {1: "male", 2: "female"}

INSTALL_HINT = "apt install espeak-ng, or pip install espeakng-loader"


class _Voice(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_void_p),
                ("identifier", ctypes.c_char_p), ("gender", ctypes.c_ubyte),
                ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte), ("xx1", ctypes.c_ubyte),
                ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_void_p)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


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


class _Library:
    """libespeak-ng loaded and initialised for synchronous synthesis (one per process)."""

    def __init__(self, path: str, data: str):
        lib = ctypes.CDLL(path)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                     ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_void_p, ctypes.c_void_p]
        self.sample_rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                                 data.encode() if data else None,
                                                 INITIALIZE_DONT_EXIT)
        if self.sample_rate <= 0:
            raise VoiceError(f"espeak-ng could not start: no voice data in {data or path}.")
        self.lib = lib

    def version(self) -> str:
        return self.lib.espeak_Info(None).decode()

    def voices(self) -> list[tuple[str, str, tuple[str, ...], int]]:
        """(identifier, name, languages, gender code) of every installed voice."""
        listed = self.lib.espeak_ListVoices(None)
        out = []
        index = 0
        while listed[index]:
            voice = listed[index].contents
            out.append((voice.identifier.decode(), voice.name.decode().strip(),
                        _languages(voice.languages), voice.gender))
            index += 1
        return out


def _languages(address: int | None) -> tuple[str, ...]:
    """espeak_VOICE.languages: (priority byte, zero-terminated tag) pairs, ended by a 0 byte."""
    tags: list[str] = []
    offset = 0
    while address:
        if ctypes.string_at(address + offset, 1)[0] == 0:
            break
        tag = ctypes.string_at(address + offset + 1)
        tags.append(tag.decode().lower())
        offset += len(tag) + 2
    return tuple(tags)


@functools.cache
def _library() -> _Library:
    where = locate()
    if where is None:
        raise VoiceError(f"espeak-ng is not installed ({INSTALL_HINT}).")
    return _Library(where[0], where[1])


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
        try:
            with LOCK:
                _library()
        except (VoiceError, OSError) as exc:
            return str(exc) if isinstance(exc, VoiceError) else (
                f"espeak-ng cannot be loaded: {exc} ({INSTALL_HINT}).")
        return None

    def version(self) -> str:
        self.require()
        with LOCK:
            number = _library().version()
        return f"{number} {locate()[2]}"

    def voices(self) -> list[VoiceInfo]:
        if self.available() is not None:
            return []
        with LOCK:
            listed = _library().voices()
        return [VoiceInfo(self.name, voice_id(ident), name, languages, GENDERS.get(gender, ""))
                for ident, name, languages, gender in sorted(listed, key=lambda v: v[0])]

    def synthesize(self, text: str, voice: str, rate: int, pitch: int, entries: Sequence = (),
                   voice_file: str = "", token: CancelToken | None = None) -> Synthesis:
        """Speak one sentence in a fresh worker (see the module's docstring). ``voice`` is an
        id from :meth:`voices` (variants such as "en-us+f3" pass through), "" for English.
        Word times come from espeak-ng's WORD events: start = the event's audio position,
        end = the next word's, clause end's or sentence end's position, else the audio's end."""
        self.require()
        check_ranges(rate, pitch)
        said = spoken(text, entries, lambda phonemes: f"[[{phonemes}]]")
        path, data, _origin = locate()
        request = {"library": path, "data": data, "text": said.text,
                   "voice": voice or self.default_voice("en"), "rate": rate, "pitch": pitch}
        head, samples = run_worker(__name__, request, token, "espeak-ng")
        words = []
        for start, end, position, length in head["words"]:
            offset, size = said.to_sentence(position, length)
            if words and words[-1][2] == offset:  # pieces of one replaced word
                words[-1] = (words[-1][0], end, offset, size)
            else:
                words.append((start, end, offset, size))
        return Synthesis(samples, head["sample_rate"], tuple(words))


def check_ranges(rate: int, pitch: int) -> None:
    """VoiceError unless ``rate`` is 80..450 words per minute and ``pitch`` 0..100."""
    if not 80 <= rate <= 450:
        raise VoiceError(f"Rate {rate} is out of range: 80 to 450 words per minute.")
    if not 0 <= pitch <= 100:
        raise VoiceError(f"Pitch {pitch} is out of range: 0 to 100.")


def speak(request: dict) -> tuple[dict, bytes]:
    """The worker's side: synthesise ``request`` (library, data, text, voice, rate, pitch) and
    return (answer with sample_rate and words as [start s, end s, char offset, char length]
    in the spoken text, PCM bytes). Offsets are 0-based here; espeak-ng counts characters
    from 1."""
    library = _Library(request["library"], request["data"])
    lib = library.lib
    chunks: list[bytes] = []
    events: list[tuple[int, int, int, int]] = []

    def collect(wav, count, event_list):
        if wav and count > 0:
            chunks.append(ctypes.string_at(wav, count * 2))
        index = 0
        while event_list[index].type != EVENT_LIST_TERMINATED:
            event = event_list[index]
            events.append((event.type, event.text_position, event.length,
                           event.audio_position))
            index += 1
        return 0

    callback = _CALLBACK(collect)
    lib.espeak_SetSynthCallback(callback)
    voice = request["voice"]
    if lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
        return {"error": f'espeak-ng has no voice "{voice}" (studio voices --engine '
                         'espeak-ng lists them).'}, b""
    lib.espeak_SetParameter(RATE, int(request["rate"]), 0)
    lib.espeak_SetParameter(PITCH, int(request["pitch"]), 0)
    text = request["text"].encode()
    status = lib.espeak_Synth(text, len(text) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8 | PHONEMES,
                              None, None)
    lib.espeak_Synchronize()
    if status != EE_OK:
        return {"error": f"espeak-ng could not speak the sentence (status {status})."}, b""
    samples = b"".join(chunks)
    duration = len(samples) / 2 / library.sample_rate
    words = []
    for index, (kind, position, length, ms) in enumerate(events):
        if kind != EVENT_WORD or length <= 0:
            continue
        later = [e[3] for e in events[index + 1:]
                 if e[0] in (EVENT_WORD, EVENT_SENTENCE, EVENT_END, EVENT_MSG_TERMINATED)
                 and e[3] >= ms]
        end = min(later[0] / 1000, duration) if later else duration
        words.append([min(ms / 1000, duration), end, position - 1, length])
    return {"sample_rate": library.sample_rate, "words": words}, samples


def main() -> None:
    """Worker entry point: one JSON request on stdin, the answer on stdout."""
    request = json.loads(sys.stdin.buffer.read())
    try:
        head, samples = speak(request)
    except VoiceError as exc:
        head, samples = {"error": str(exc)}, b""
    answer(head, samples)


if __name__ == "__main__":
    main()

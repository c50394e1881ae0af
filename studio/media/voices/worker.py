"""The worker processes' side: ``python worker.py espeak`` speaks one sentence with
libespeak-ng, ``python worker.py system`` runs pyttsx3 (see the engines' modules for why each
call gets a fresh process).

This file imports the standard library only, so the espeak-ng worker starts in a few
milliseconds (it runs with ``-S``, no site packages). Protocol: one JSON request on stdin;
the answer is one JSON line on stdout, then raw bytes (PCM s16le); an answer with "error"
carries a one-line message. Anything the libraries print goes to stderr.

The libespeak-ng binding (espeak-ng's ``speak_lib.h``) lives here too; the studio's own
process uses it to list voices.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from collections.abc import Callable

# speak_lib.h
AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_Synth returns once every sample went to the callback
INITIALIZE_DONT_EXIT = 0x8000
POS_CHARACTER = 1
CHARS_UTF8 = 1
PHONEMES = 0x100  # allow [[...]] phoneme mnemonics in the text
EVENT_LIST_TERMINATED, EVENT_WORD, EVENT_SENTENCE, EVENT_END, EVENT_MSG_TERMINATED = 0, 1, 2, 5, 6
RATE, PITCH = 1, 3  # espeak_PARAMETER
EE_OK = 0


class WorkerError(Exception):
    """A worker cannot do what was asked; the message is one line for the user."""


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


class Library:
    """libespeak-ng at ``path`` loaded and initialised for synchronous synthesis with the voice
    data in ``data`` ("" = the library's own); one per process (the library has global
    state). OSError when it cannot be loaded, WorkerError when it finds no voice data."""

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
            raise WorkerError(f"espeak-ng could not start: no voice data in {data or path}.")
        self.lib = lib

    def version(self) -> str:
        """espeak_Info's version string ("1.51")."""
        return self.lib.espeak_Info(None).decode()

    def voices(self) -> list[tuple[str, str, tuple[str, ...], int]]:
        """(identifier, name, languages, gender code 0/1/2) of every installed voice."""
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


def speak(request: dict) -> tuple[dict, bytes]:
    """Synthesise ``request`` (library, data, text, voice, rate, pitch): (answer with
    sample_rate and words as [start s, end s, char offset, char length] in the text, PCM
    bytes). A word starts at its WORD event's audio position and ends at the next word's,
    clause end's or sentence end's (else the audio's end). Offsets are 0-based here;
    espeak-ng counts characters from 1. WorkerError for an unknown voice or a failed run."""
    library = Library(request["library"], request["data"])
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
        raise WorkerError(f'espeak-ng has no voice "{voice}" (studio voices --engine '
                          'espeak-ng lists them).')
    lib.espeak_SetParameter(RATE, int(request["rate"]), 0)
    lib.espeak_SetParameter(PITCH, int(request["pitch"]), 0)
    text = request["text"].encode()
    status = lib.espeak_Synth(text, len(text) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8 | PHONEMES,
                              None, None)
    lib.espeak_Synchronize()
    if status != EE_OK:
        raise WorkerError(f"espeak-ng could not speak the sentence (status {status}).")
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


def serve(handler: Callable[[dict], tuple[dict, bytes]]) -> None:
    """Answer one request: read it from stdin, run ``handler`` with anything printed sent to
    stderr (stdout carries the answer), write the answer; an exception becomes an answer
    with "error" (its message, one line)."""
    request = json.loads(sys.stdin.buffer.read())
    sys.stdout.flush()
    answer_fd = os.dup(1)
    os.dup2(2, 1)
    try:
        head, payload = handler(request)
    except Exception as exc:  # every failure is reported to the studio as one line
        message = str(exc).strip().splitlines()
        head, payload = {"error": message[0] if message else type(exc).__name__}, b""
    finally:
        sys.stdout.flush()
        os.dup2(answer_fd, 1)
    with os.fdopen(answer_fd, "wb") as out:
        out.write(json.dumps(head).encode() + b"\n")
        out.write(payload)


def main() -> None:
    """Script entry point: ``worker.py espeak`` or ``worker.py system``."""
    del sys.path[0]  # this folder: its engine modules would shadow packages (piper)
    if sys.argv[1:] == ["system"]:
        from studio.media.voices.system import work

        serve(work)
    else:
        serve(speak)


if __name__ == "__main__":
    main()

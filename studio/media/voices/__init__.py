"""Offline voices behind one interface: espeak-ng (embedded default), festival, the operating
system's voices (pyttsx3) and piper with a voice file the user names.

``ENGINES`` maps each engine's name (the course setting ``narration_engine``) to its engine;
:func:`engine` looks one up, :func:`list_voices` lists what this machine can speak.
"""

from __future__ import annotations

from studio.media.voices.engine import Engine, Synthesis, VoiceError, VoiceInfo
from studio.media.voices.espeak import EspeakEngine
from studio.media.voices.festival import FestivalEngine
from studio.media.voices.piper import PiperEngine
from studio.media.voices.system import SystemEngine

ENGINES: dict[str, Engine] = {
    e.name: e for e in (EspeakEngine(), FestivalEngine(), SystemEngine(), PiperEngine())}


def engine(name: str) -> Engine:
    """The engine called ``name`` (a key of :data:`ENGINES`); VoiceError for another name."""
    try:
        return ENGINES[name]
    except KeyError:
        known = ", ".join(ENGINES)
        raise VoiceError(f'There is no voice engine "{name}" (engines: {known}).') from None


def check_voice(engine_name: str, voice: str) -> None:
    """Refuse, when it is set, a voice id ``voice`` that engine ``engine_name`` does not offer
    on this machine, with a one-line VoiceError naming the engine's voices. "" (the engine's
    default) always passes, and so does any id for an engine that lists no voices here (not
    installed, or piper, whose voice is a file), since its voices cannot be known. Raises
    VoiceError for an unknown engine name too."""
    known = [v.id for v in engine(engine_name).voices()]
    if voice and known and voice not in known:
        shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
        raise VoiceError(f'{engine(engine_name).label} has no voice "{voice}" (its voices: '
                         f"{shown}; studio voices --engine {engine_name} lists them).")


def list_voices(language: str | None = None) -> list[VoiceInfo]:
    """The voices of every available engine, engine by engine in :data:`ENGINES` order; with
    ``language`` (a BCP 47 tag) only the voices that speak it or its primary language."""
    found: list[VoiceInfo] = []
    for each in ENGINES.values():
        if each.available() is None:
            found.extend(each.voices())
    return [v for v in found if v.speaks(language)] if language else found


__all__ = ["ENGINES", "Engine", "Synthesis", "VoiceError", "VoiceInfo", "check_voice", "engine",
           "list_voices"]

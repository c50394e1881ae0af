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


def list_voices(language: str | None = None) -> list[VoiceInfo]:
    """The voices of every available engine, engine by engine in :data:`ENGINES` order; with
    ``language`` (a BCP 47 tag) only the voices that speak it or its primary language."""
    found: list[VoiceInfo] = []
    for each in ENGINES.values():
        if each.available() is None:
            found.extend(each.voices())
    return [v for v in found if v.speaks(language)] if language else found


__all__ = ["ENGINES", "Engine", "Synthesis", "VoiceError", "VoiceInfo", "engine", "list_voices"]

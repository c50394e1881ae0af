"""Offline voices behind one interface: espeak-ng (embedded default), festival, the operating
system's voices (pyttsx3) and piper with a voice file the user names.

``ENGINES`` maps each engine's name (the course setting ``narration_engine``) to its engine;
:func:`engine` looks one up, :func:`list_voices` lists what this machine can speak.
"""

from __future__ import annotations

from studio.media.voices.engine import Engine, Synthesis, VoiceError, VoiceInfo
from studio.media.voices.espeak import EspeakEngine

ENGINES: dict[str, Engine] = {e.name: e for e in (EspeakEngine(),)}


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
    if language:
        wanted = language.lower()
        primary = wanted.split("-")[0]
        found = [v for v in found
                 if any(t == wanted or t.split("-")[0] == primary for t in v.languages)]
    return found


__all__ = ["ENGINES", "Engine", "Synthesis", "VoiceError", "VoiceInfo", "engine", "list_voices"]

"""Speech recognisers the user supplies a model for (whisper.cpp, faster-whisper): an optional
way to get a script when there is none. Never required, never downloaded: an adapter is
offered only when its package imports and the user names a model file or directory."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from studio.errors import MediaError


@dataclass(frozen=True)
class Heard:
    """A stretch of recognised speech: ``start``/``end`` seconds on the audio's timeline."""
    start: float
    end: float
    text: str


class Recogniser(Protocol):
    """A speech recogniser: ``name`` for the command line, ``package`` it imports."""

    name: str
    package: str

    def recognise(self, audio: Path, model: Path, language: str) -> list[Heard]:
        """The speech in ``audio`` as timed text, with the model at ``model``. Raises
        MediaError when the model cannot be used."""


class FasterWhisper:
    """faster-whisper (CTranslate2) with a converted Whisper model directory the user has."""

    name = "faster-whisper"
    package = "faster_whisper"

    def recognise(self, audio: Path, model: Path, language: str) -> list[Heard]:
        """See :meth:`Recogniser.recognise`."""
        from faster_whisper import WhisperModel  # optional, never a dependency

        try:
            segments, _ = WhisperModel(str(model), device="cpu").transcribe(
                str(audio), language=language.split("-")[0])
            return [Heard(round(s.start, 3), round(s.end, 3), s.text.strip()) for s in segments]
        except (OSError, RuntimeError, ValueError) as error:
            raise MediaError(f"faster-whisper could not use {model}: {error}.") from None


class WhisperCpp:
    """whisper.cpp through pywhispercpp with a ggml model file the user has."""

    name = "whisper.cpp"
    package = "pywhispercpp"

    def recognise(self, audio: Path, model: Path, language: str) -> list[Heard]:
        """See :meth:`Recogniser.recognise`; whisper.cpp reports times in 10 ms ticks."""
        from pywhispercpp.model import Model  # optional, never a dependency

        try:
            segments = Model(str(model), language=language.split("-")[0]).transcribe(str(audio))
            return [Heard(s.t0 / 100, s.t1 / 100, s.text.strip()) for s in segments]
        except (OSError, RuntimeError, ValueError) as error:
            raise MediaError(f"whisper.cpp could not use {model}: {error}.") from None


RECOGNISERS: dict[str, Recogniser] = {r.name: r for r in (FasterWhisper(), WhisperCpp())}


def available() -> list[str]:
    """Names of the recognisers whose package this machine can import."""
    return [name for name, r in RECOGNISERS.items() if importlib.util.find_spec(r.package)]


def recogniser(name: str, model: Path | None) -> Recogniser:
    """The recogniser ``name`` ready to run with ``model``. Raises MediaError, one line, for an
    unknown name, a package that is not installed or a model path that is missing."""
    found = RECOGNISERS.get(name)
    if found is None:
        raise MediaError(f"No recogniser called {name} (known: {', '.join(RECOGNISERS)}).")
    if importlib.util.find_spec(found.package) is None:
        wheel = found.package.replace("_", "-")
        raise MediaError(f"{name} is not installed (pip install {wheel}).")
    if model is None or not Path(model).exists():
        raise MediaError(f"{name} needs a model you have: give its path (none is downloaded).")
    return found


def transcript(name: str, model: Path | None, audio: Path, language: str, start: float = 0.0,
               end: float | None = None) -> str:
    """What recogniser ``name`` hears in ``audio`` between ``start`` and ``end`` seconds, one
    stretch a line: a script to align when none was written. Raises as :func:`recogniser`
    and :meth:`Recogniser.recognise`."""
    heard = recogniser(name, model).recognise(Path(audio), Path(model), language)
    return "\n".join(h.text for h in heard
                     if h.end > start and (end is None or h.start < end) and h.text)

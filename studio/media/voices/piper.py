"""piper (PyPI ``piper-tts``): neural voices from a ``.onnx`` voice file the user names.

Nothing is ever downloaded: the voice is the file given as ``voice_file``, with its
``.onnx.json`` config beside it (piper voices come as that pair). The voice runs in this
process (piper carries its own espeak-ng for phonemes, linked into its extension, so it
shares no state with :mod:`studio.media.voices.espeak`); a loaded voice is kept per file.

Determinism: piper's models add random noise to the phoneme durations and the waveform
(``noise_w_scale``, ``noise_scale``); both are set to 0 so that the same sentence always
gives the same bytes, at the cost of a slightly flatter delivery. Rate: ``length_scale`` =
175 / rate (the voice's own pace taken as 175 words per minute). Pitch: piper has none, so a
pitch other than 50 is refused. Glossary: respellings only (piper's phoneme input is IPA,
not espeak-ng's mnemonics). No word times.
"""

from __future__ import annotations

import functools
import importlib.util
import json
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
)
from studio.model import GlossaryEntry
from studio.narration.glossary import respell

NORMAL_RATE = 175
NORMAL_PITCH = 50
INSTALL_HINT = "pip install piper-tts"
LOCK = threading.Lock()  # one synthesis at a time per loaded voice


def config_path(voice_file: Path) -> Path:
    """The config piper reads beside a voice: ``x.onnx`` -> ``x.onnx.json``."""
    return voice_file.with_name(voice_file.name + ".json")


def check_voice_file(voice_file: str | Path) -> dict:
    """The parsed ``.onnx.json`` config of a piper voice file, after checking the pair:
    VoiceError (one line) for a missing file, a name not ending in ``.onnx``, a file that is
    not an ONNX model, a missing config or a config that is not a piper voice's."""
    path = Path(voice_file).expanduser()
    if not str(voice_file):
        raise VoiceError("piper needs a voice file (.onnx): choose one in the Narration tab or "
                         "with --voice-file.")
    if not path.is_file():
        raise VoiceError(f"The voice file {path} does not exist.")
    if path.suffix.lower() != ".onnx":
        raise VoiceError(f"{path.name} is not a piper voice: its name must end in .onnx.")
    with path.open("rb") as head:
        start = head.read(2)
    if start[:1] != b"\x08":  # an ONNX ModelProto starts with field 1 (ir_version), a varint
        raise VoiceError(f"{path.name} is not a piper voice: it is not an ONNX model.")
    config = config_path(path)
    if not config.is_file():
        raise VoiceError(f"{path.name} has no {config.name} beside it: piper voices come with "
                         "that config file.")
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VoiceError(f"{config.name} cannot be read as JSON: {exc}.") from exc
    if not isinstance(settings, dict) or "phoneme_id_map" not in settings:
        raise VoiceError(f"{config.name} is not a piper voice config (no phoneme_id_map).")
    return settings


def describe(voice_file: str | Path) -> VoiceInfo:
    """The VoiceInfo of a checked voice file: id = the file's path, name = its stem,
    language from its config (``language.code`` or ``espeak.voice``)."""
    settings = check_voice_file(voice_file)
    language = (settings.get("language", {}).get("code")
                or settings.get("espeak", {}).get("voice") or "")
    tags = (language.replace("_", "-").lower(),) if language else ()
    return VoiceInfo("piper", str(Path(voice_file).expanduser()), Path(voice_file).stem, tags)


@functools.lru_cache(maxsize=2)
def _load(path: str, _modified: float):
    """The loaded voice, kept per (path, modification time)."""
    from piper import PiperVoice

    try:
        return PiperVoice.load(path, config_path=str(config_path(Path(path))))
    except Exception as exc:  # onnxruntime raises its own error kinds for a bad model
        raise VoiceError(f"piper cannot load {Path(path).name}: "
                         f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}."
                         ) from exc


class PiperEngine(Engine):
    """piper with the user's voice file (see the module's docstring); ``voice`` is unused,
    the voice file is the voice."""

    name = "piper"
    label = "piper"
    accepts_phonemes = False
    takes_voice_file = True

    def available(self) -> str | None:
        """None when the piper package is installed (a voice file is checked per call)."""
        if importlib.util.find_spec("piper") is None:
            return f"piper is not installed ({INSTALL_HINT}), and it needs a .onnx voice file."
        return None

    def version(self) -> str:
        """The piper-tts package's version ("piper-tts 1.8.0")."""
        self.require()
        from importlib.metadata import version

        return f"piper-tts {version('piper-tts')}"

    def voices(self) -> list[VoiceInfo]:
        """[]: piper's voices are files the user names (see :func:`describe`)."""
        return []

    def default_voice(self, language: str) -> str:
        """"": the voice file is the voice."""
        return ""

    def synthesize(self, text: str, voice: str, rate: int, pitch: int,
                   entries: Sequence[GlossaryEntry] = (), voice_file: str = "",
                   token: CancelToken | None = None) -> Synthesis:
        """Speak one sentence with the voice in ``voice_file``; VoiceError for a missing or
        bad voice file, a pitch other than 50 or a rate outside 80..450."""
        self.require()
        check_ranges(rate, pitch)
        if pitch != NORMAL_PITCH:
            raise VoiceError(f"piper cannot change a voice's pitch: use pitch {NORMAL_PITCH} "
                             "with piper, or espeak-ng.")
        check_voice_file(voice_file)
        from piper import SynthesisConfig

        path = Path(voice_file).expanduser().resolve()
        if token is not None:
            token.check()
        said = respell(text, entries)
        config = SynthesisConfig(length_scale=NORMAL_RATE / rate, noise_scale=0.0,
                                 noise_w_scale=0.0)
        with LOCK:
            loaded = _load(str(path), path.stat().st_mtime)
            chunks = list(loaded.synthesize(said, config))
        sample_rate = chunks[0].sample_rate if chunks else loaded.config.sample_rate
        return Synthesis(b"".join(c.audio_int16_bytes for c in chunks), sample_rate)

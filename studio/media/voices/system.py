"""The operating system's own voices through pyttsx3: SAPI5 on Windows, NSSS on macOS.

On Linux pyttsx3 would only wrap espeak-ng again, so the engine says it is unavailable there
unless it is made with ``driver="espeak"`` (which is how its code path is exercised on Linux).

Each call runs pyttsx3 in a worker process (:mod:`studio.media.voices.worker`):
pyttsx3 keeps one driver per process with its own event loop, and its espeak driver shares
libespeak-ng's global state with :mod:`studio.media.voices.espeak`; a worker keeps both
apart, can be stopped on cancel, and cannot hang the studio. The worker calls
``save_to_file`` for the sentence, then reads the file back: WAV with the ``wave`` module,
the AIFF that NSSS writes through ffmpeg. No word times (pyttsx3 reports them only while
playing aloud). Pitch: only the espeak driver can change it; SAPI5 and NSSS refuse any pitch
other than 50 (pyttsx3 exposes no pitch for them). Glossary: respellings only.
"""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from studio.jobs import CancelToken
from studio.media.voices.engine import (
    Engine,
    Synthesis,
    VoiceError,
    VoiceInfo,
    best_voice,
    check_ranges,
    read_wav,
    run_worker,
)
from studio.model import GlossaryEntry
from studio.narration.glossary import respell

NORMAL_PITCH = 50
UTTERANCE_WAIT = 30.0  # seconds a late espeak message end may take to write its file
DRIVERS = {"win32": "sapi5", "darwin": "nsss"}
LINUX_REASON = ("The system voices are used on Windows and macOS; on Linux use espeak-ng "
                "(the system voice there is espeak-ng itself).")


class SystemEngine(Engine):
    """pyttsx3 with ``driver`` ("sapi5", "nsss", "espeak"; None = this platform's own, see
    the module's docstring). ``voice`` is pyttsx3's voice id; "" = the system's default."""

    name = "system"
    label = "System voices"
    accepts_phonemes = False

    def __init__(self, driver: str | None = None):
        self.driver = driver or DRIVERS.get(sys.platform)

    def available(self) -> str | None:
        """None when this platform has a pyttsx3 driver that lists voices, else why not."""
        if self.driver is None:
            return LINUX_REASON
        if importlib.util.find_spec("pyttsx3") is None:
            return "pyttsx3 is not installed (pip install pyttsx3)."
        try:
            self._voices()
        except VoiceError as exc:
            return str(exc)
        return None

    def version(self) -> str:
        """pyttsx3's version and the driver ("pyttsx3 2.99 sapi5")."""
        self.require()
        from importlib.metadata import version

        return f"pyttsx3 {version('pyttsx3')} {self.driver}"

    def voices(self) -> list[VoiceInfo]:
        """The driver's voices as pyttsx3 lists them (ids are the driver's)."""
        if self.available() is not None:
            return []
        return [VoiceInfo(self.name, ident, name, tuple(languages), gender)
                for ident, name, languages, gender in self._voices()]

    def _voices(self) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
        return _listed(self.driver)

    def default_voice(self, language: str) -> str:
        """The voice for ``language``, else "" (the system's own default voice)."""
        return best_voice(self.voices(), language) or ""

    def synthesize(self, text: str, voice: str, rate: int, pitch: int,
                   entries: Sequence[GlossaryEntry] = (), voice_file: str = "",
                   token: CancelToken | None = None) -> Synthesis:
        """Speak one sentence through pyttsx3's ``save_to_file`` in a worker (see the module's
        docstring); VoiceError for an unknown voice, a pitch the driver cannot set, a rate
        outside 80..450 or a failed run."""
        self.require()
        check_ranges(rate, pitch)
        if pitch != NORMAL_PITCH and self.driver != "espeak":
            raise VoiceError(f"The system voices cannot change pitch: use pitch {NORMAL_PITCH}, "
                             "or espeak-ng.")
        if voice and voice not in {v[0] for v in self._voices()}:
            raise VoiceError(f'The system has no voice "{voice}" (studio voices --engine '
                             'system lists them).')
        request = {"action": "speak", "driver": self.driver, "voice": voice, "rate": rate,
                   "pitch": pitch, "text": respell(text, entries)}
        head, samples = run_worker("system", request, token, "the system voice")
        return Synthesis(samples, head["sample_rate"])


@functools.cache
def _listed(driver: str) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    head, _ = run_worker("system", {"action": "voices", "driver": driver}, None,
                         "the system voice list")
    return tuple((ident, name, tuple(languages), gender)
                 for ident, name, languages, gender in head["voices"])


def _tag(language) -> str:
    """A pyttsx3 voice language (str or bytes, "en_US" or "en-us") as a lower-case tag."""
    if isinstance(language, bytes):
        language = language.lstrip(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a").decode(
            errors="ignore")
    return str(language).strip().replace("_", "-").lower()


def work(request: dict) -> tuple[dict, bytes]:
    """The worker's side: list the driver's voices, or speak ``text`` into a file and read it
    back. Returns (answer, PCM bytes)."""
    import pyttsx3

    try:
        tts = pyttsx3.init(request["driver"])
    except Exception as exc:  # pyttsx3 raises whatever its driver raises
        return {"error": f"The system voices cannot start ({request['driver']}): {exc}"}, b""
    if request["action"] == "voices":
        listed = [[v.id, v.name or v.id, [_tag(t) for t in (v.languages or []) if _tag(t)],
                   (v.gender or "").lower() if (v.gender or "").lower() in ("male", "female")
                   else ""] for v in tts.getProperty("voices")]
        return {"voices": listed}, b""
    if request["driver"] == "espeak":
        _settle_espeak(request)
    else:
        if request["voice"]:
            tts.setProperty("voice", request["voice"])
        tts.setProperty("rate", request["rate"])
    with tempfile.TemporaryDirectory(prefix="studio-system-voice-") as folder:
        path = Path(folder) / ("sentence.aiff" if request["driver"] == "nsss" else
                               "sentence.wav")
        finished = threading.Event()
        tts.connect("finished-utterance", lambda **_: finished.set())
        tts.save_to_file(request["text"], str(path))
        tts.runAndWait()
        # espeak's driver writes the file when its own thread ends the message, which can
        # come after runAndWait returned; it tells "finished-utterance" once written
        if request["driver"] == "espeak":
            finished.wait(UTTERANCE_WAIT)
        samples, rate = _read(path)
    return {"sample_rate": rate}, samples


def _settle_espeak(request: dict) -> None:
    """Give espeak-ng the voice, rate and pitch and wait until it has taken them.

    pyttsx3 queues settings until its loop starts, and its loop's end cancels whatever
    espeak-ng has not yet processed; on a loaded machine that dropped the rate (the sentence
    came out at pyttsx3's default 200 words a minute). Set directly and synchronised, nothing
    is left for that cancel to drop."""
    from pyttsx3.drivers import _espeak
    from pyttsx3.drivers.espeak import EspeakDriver

    if request["voice"]:
        EspeakDriver.setProperty("voice", request["voice"])
    EspeakDriver.setProperty("rate", request["rate"])
    EspeakDriver.setProperty("pitch", request["pitch"])
    _espeak.Synchronize()


def _read(path: Path) -> tuple[bytes, int]:
    """PCM s16le mono and its rate from the file a driver wrote (WAV, or AIFF via ffmpeg)."""
    if not path.exists():
        raise VoiceError("The system voice wrote no audio.")
    if path.read_bytes()[:4] == b"RIFF":
        return read_wav(path, "The system voice")
    from studio.media.ffmpeg import find_ffmpeg

    wav = path.with_suffix(".decoded.wav")
    command = find_ffmpeg().command("-loglevel", "error", "-i", str(path), "-ac", "1",
                                    "-c:a", "pcm_s16le", str(wav))
    subprocess.run(command, capture_output=True, check=False)
    return read_wav(wav, "The system voice")

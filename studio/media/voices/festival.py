"""Festival through its ``text2wave`` script: clearer English with the HTS ``slt`` voice.

Each sentence is one ``text2wave`` run (a fresh process: the output depends on the input
alone), stoppable by the cancel token, read back with the ``wave`` module. Festival reports
no word times, so :class:`Synthesis.words` stays empty.

Rate: festival's ``Duration_Stretch`` (175 / rate) for diphone and cluster voices, and the
HTS engine's speed ``-r`` (rate / 175) for HTS voices, which ignore Duration_Stretch.
Pitch: refused rather than faked — festival 2.5's HTS module passes no pitch shift to the
engine (its ``-fm`` parameter is not read), so any pitch other than 50 raises VoiceError.
Glossary: respellings only (festival's lexicon takes no espeak-ng phonemes); letters outside
ASCII lose their accents, as festival's English front end reads ASCII.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from studio.jobs import CancelToken
from studio.media.process import dying_with_studio, own_group
from studio.media.voices.engine import (
    Engine,
    Synthesis,
    VoiceError,
    VoiceInfo,
    check_ranges,
    communicate,
    read_wav,
)
from studio.model import GlossaryEntry
from studio.narration.glossary import respell

SLT = "cmu_us_slt_arctic_hts"
NORMAL_RATE = 175  # words per minute festival's voices speak at when not stretched
NORMAL_PITCH = 50
INSTALL_HINT = "apt install festival festvox-us-slt-hts"
LIST_TIMEOUT = 30.0  # seconds for festival to list its voices
# festival's voice names carry no language tag: the English voices Debian packages
LANGUAGES = {"_us_": "en-us", "kal_": "en-us", "ked_": "en-us", "rab_": "en-gb",
             "don_": "en-gb", "_uk_": "en-gb", "el_": "es", "_es_": "es"}
GENDERS = {"slt": "female", "clb": "female", "kal": "male", "ked": "male", "rab": "male",
           "don": "male", "awb": "male", "bdl": "male", "rms": "male", "jmk": "male"}


def language_of(voice: str) -> str:
    """The BCP 47 tag of a festival voice, from the conventions of its name ("en" if none)."""
    return next((tag for key, tag in LANGUAGES.items() if key in f"_{voice}"), "en")


@functools.cache
def _installed() -> tuple[str, ...]:
    """Festival's voices (``voice.list``), in its order; () when festival cannot run."""
    festival = shutil.which("festival")
    if festival is None:
        return ()
    try:
        done = subprocess.run(dying_with_studio([festival, "--batch", "(print (voice.list))"]),
                              capture_output=True, text=True, timeout=LIST_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    found = re.search(r"\(([^()]*)\)\s*$", done.stdout)
    return tuple(found.group(1).split()) if found else ()


@functools.cache
def _version() -> str:
    festival = shutil.which("festival")
    done = subprocess.run(dying_with_studio([festival, "--version"]), capture_output=True,
                          text=True, timeout=LIST_TIMEOUT, stdin=subprocess.DEVNULL)
    found = re.search(r"(\d+\.\d+(?:\.\d+)?)", done.stdout + done.stderr)
    return found.group(1) if found else "unknown"


def ascii_text(text: str) -> str:
    """``text`` with accents dropped and other non-ASCII letters removed (festival's English
    front end reads ASCII)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace("\n", " ")


class FestivalEngine(Engine):
    """Festival (see the module's docstring): ``voice`` is a festival voice name such as
    "cmu_us_slt_arctic_hts"; "" takes slt when installed, else festival's first voice."""

    name = "festival"
    label = "Festival"
    accepts_phonemes = False

    def available(self) -> str | None:
        """None when text2wave runs and festival has a voice, else why not."""
        if shutil.which("text2wave") is None or shutil.which("festival") is None:
            return f"festival is not installed ({INSTALL_HINT})."
        if not _installed():
            return f"festival has no voice installed ({INSTALL_HINT})."
        return None

    def version(self) -> str:
        """Festival's version and its installed voices ("2.5.0 cmu_us_slt_arctic_hts")."""
        self.require()
        return f"{_version()} {' '.join(_installed())}"

    def voices(self) -> list[VoiceInfo]:
        """Festival's voices (``voice.list``), languages and genders from their names."""
        if self.available() is not None:
            return []
        return [VoiceInfo(self.name, voice, voice.replace("_", " "), (language_of(voice),),
                          next((g for key, g in GENDERS.items() if f"_{key}_" in f"_{voice}_"),
                               "")) for voice in _installed()]

    def default_voice(self, language: str) -> str:
        """slt for English when it is installed, else as :meth:`Engine.default_voice`."""
        installed = _installed()
        if SLT in installed and language.lower().split("-")[0] == "en":
            return SLT
        return super().default_voice(language)

    def synthesize(self, text: str, voice: str, rate: int, pitch: int,
                   entries: Sequence[GlossaryEntry] = (), voice_file: str = "",
                   token: CancelToken | None = None) -> Synthesis:
        """Speak one sentence with ``text2wave`` (see the module's docstring); VoiceError for
        an uninstalled voice, a pitch other than 50, a rate outside 80..450 or a failed run."""
        self.require()
        check_ranges(rate, pitch)
        if pitch != NORMAL_PITCH:
            raise VoiceError(f"Festival cannot change a voice's pitch: use pitch {NORMAL_PITCH} "
                             "with festival, or espeak-ng.")
        voice = voice or self.default_voice("en")
        if voice not in _installed():
            raise VoiceError(f'festival has no voice "{voice}" (studio voices --engine '
                             'festival lists them).')
        said = ascii_text(respell(text, entries))
        setup = [f"(voice_{voice})",
                 f"(Parameter.set 'Duration_Stretch {NORMAL_RATE / rate:.4f})",
                 "(if (boundp 'hts_engine_params) (set! hts_engine_params (append "
                 f"hts_engine_params (list (list \"-r\" {rate / NORMAL_RATE:.4f})))))"]
        with tempfile.TemporaryDirectory(prefix="studio-festival-") as folder:
            source, output = Path(folder) / "sentence.txt", Path(folder) / "sentence.wav"
            source.write_text(said + "\n", encoding="ascii")
            command = [shutil.which("text2wave"), "-o", str(output)]
            for expression in setup:
                command += ["-eval", expression]
            command.append(str(source))
            if token is not None:
                token.check()
            proc = subprocess.Popen(dying_with_studio(command), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    **own_group())
            _out, err = communicate(proc, None, token, "festival")
            if proc.returncode != 0 or not output.exists():
                message = err.decode(errors="replace").strip().splitlines()[-1:] or [
                    f"exit {proc.returncode}"]
                raise VoiceError(f"festival could not speak the sentence: {message[0]}")
            samples, sample_rate = read_wav(output, "festival")
        return Synthesis(samples, sample_rate)

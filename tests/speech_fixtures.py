"""Recorded-speech stand-ins with known timing, for the alignment tests and benchmark: each
sentence synthesised on its own (espeak-ng, or festival's HTS slt voice), joined with silences
of different lengths, light noise added; the truth is where each sentence's first sound is."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

RATE = 16000
GAPS = (0.3, 0.9, 1.6, 0.5, 1.2)  # seconds of silence between sentences, in turn
LEAD = 0.6  # seconds of silence before the first sentence and after the last
ONSET = 0.02  # a sample this loud (share of full scale) or louder starts the speech

SCRIPT = (
    "Welcome to the course on data pipelines.",
    "Today we look at how records move from one system to the next.",
    "First, the source writes every change to a log.",
    "Then a worker reads the log and transforms each record.",
    "Errors are retried three times before a person is told.",
    "At the end of this lesson you will build a small pipeline yourself.",
)

WRONG_SCRIPT = (
    "The orchestra tuned their instruments before the concert.",
    "A violinist played a long and quiet melody.",
    "Outside, snow was falling on the empty square.",
    "Nobody in the hall noticed the clock had stopped.",
    "Later the conductor bowed and the audience cheered.",
    "Then everybody walked home through the cold night.",
)


def voice_available(voice: str) -> bool:
    """Whether this machine can synthesise with ``voice`` ("espeak" or "festival")."""
    if voice == "espeak":
        return shutil.which("espeak-ng") is not None
    return shutil.which("text2wave") is not None and Path(
        "/usr/share/festival/voices/us/cmu_us_slt_arctic_hts").exists()


def build_speech(sentences, path: Path, voice: str = "espeak", noise: float = 0.003,
                 gaps=GAPS, seed: int = 7) -> list[tuple[float, float]]:
    """Write ``path`` (16 kHz mono WAV) speaking ``sentences`` one after another with silences
    between them; return each sentence's (first sound, last sound) in seconds."""
    pieces, truth = [np.zeros(int(LEAD * RATE), np.int16)], []
    at = len(pieces[0])
    with tempfile.TemporaryDirectory(prefix="speech-") as work:
        for index, text in enumerate(sentences):
            samples = _synthesise(text, voice, Path(work) / f"{index}.wav")
            loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= ONSET * 32768)
            truth.append(((at + loud[0]) / RATE, (at + loud[-1] + 1) / RATE))
            pieces.append(samples)
            at += len(samples)
            gap = gaps[index % len(gaps)] if index + 1 < len(sentences) else LEAD
            pieces.append(np.zeros(int(gap * RATE), np.int16))
            at += int(gap * RATE)
    signal = np.concatenate(pieces).astype(np.float64)
    signal += np.random.default_rng(seed).normal(0.0, noise * 32768, len(signal))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.clip(signal, -32768, 32767).astype(np.int16).tobytes())
    return [(round(float(a), 3), round(float(b), 3)) for a, b in truth]


def _synthesise(text: str, voice: str, wav: Path) -> np.ndarray:
    if voice == "espeak":
        subprocess.run(["espeak-ng", "-v", "en-us+f3", "-s", "150", "-w", str(wav), text],
                       check=True, capture_output=True)
    else:
        subprocess.run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", str(wav)],
                       input=text.encode(), check=True, capture_output=True)
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-ac", "1", "-ar",
                          str(RATE), "-f", "s16le", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.int16)

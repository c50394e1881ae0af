"""Synthesised sentences kept by their cache key: ``cache/narration/<key>.wav`` (PCM s16le
mono, RIFF/WAVE) and ``<key>.json`` (sample rate, sample count, word times).

The key (:func:`studio.narration.sentence_key`) hashes everything that shapes the sound,
so an entry never goes stale; a re-voiced item finds its unchanged sentences here and only
new text is synthesised. Both files are written through :func:`studio.files.replacing`, the
record last, and an entry counts only when both are there and agree: a crash leaves at most
a stray WAV, never a half entry. Deleting the folder loses nothing but synthesis time.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path

from studio.errors import ProjectWriteError
from studio.files import replacing
from studio.media.voices import Synthesis

FOLDER = "narration"
SAMPLE_WIDTH = 2  # bytes: PCM s16le


class NarrationCache:
    """The sentence cache under a project's cache folder (``cache_dir/narration``)."""

    def __init__(self, cache_dir: Path):
        self.root = Path(cache_dir) / FOLDER

    def wav(self, key: str) -> Path:
        """Where the sentence ``key``'s sound is kept (it may not exist yet)."""
        return self.root / f"{key}.wav"

    def record_path(self, key: str) -> Path:
        """Where the sentence ``key``'s record (JSON) is kept."""
        return self.root / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether the entry ``key`` is complete (sound and record both there)."""
        return self.wav(key).is_file() and self.record_path(key).is_file()

    def load(self, key: str) -> Synthesis | None:
        """The sentence ``key`` as the engine gave it, or None when it is absent, half
        written or does not match its record (such an entry is a miss, written again)."""
        if not self.has(key):
            return None
        try:
            record = json.loads(self.record_path(key).read_text(encoding="utf-8"))
            with wave.open(str(self.wav(key)), "rb") as sound:
                rate, width = sound.getframerate(), sound.getsampwidth()
                channels, samples = sound.getnchannels(), sound.readframes(sound.getnframes())
        except (OSError, ValueError, EOFError, wave.Error):
            return None
        if (width, channels) != (SAMPLE_WIDTH, 1) or rate != record.get("sample_rate") \
                or len(samples) // SAMPLE_WIDTH != record.get("samples"):
            return None
        words = tuple((float(a), float(b), int(c), int(d)) for a, b, c, d in record["words"])
        return Synthesis(samples, rate, words)

    def store(self, key: str, sentence: Synthesis) -> None:
        """Keep a synthesised sentence under ``key`` (the sound, then its record, each
        written whole). Raises ProjectWriteError when the cache cannot be written."""
        record = {"sample_rate": sentence.sample_rate,
                  "samples": len(sentence.samples) // SAMPLE_WIDTH,
                  "words": [list(word) for word in sentence.words]}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with replacing(self.wav(key), unique=True) as part:
                write_wav(part, sentence.samples, sentence.sample_rate)
            with replacing(self.record_path(key), unique=True) as part:
                part.write_text(json.dumps(record, sort_keys=True, separators=(",", ":")),
                                encoding="utf-8")
        except OSError as exc:
            raise ProjectWriteError(f"Cannot store a narration sentence in {self.root}: "
                                    f"{exc.strerror or exc}.") from exc

    def keys(self) -> list[str]:
        """The keys of every complete entry, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.wav") if self.has(p.stem))


def write_wav(path: Path, samples: bytes, sample_rate: int) -> None:
    """Write PCM s16le mono ``samples`` at ``sample_rate`` Hz as a RIFF/WAVE file (the
    canonical 44-byte header, nothing else: equal samples give equal bytes). OSError when
    it cannot be written."""
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(SAMPLE_WIDTH)
        sound.setframerate(sample_rate)
        sound.writeframes(samples)

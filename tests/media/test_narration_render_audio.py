"""The narration's sound: the sentence cache, joining, loudness levelling and the AAC encode,
on real espeak-ng speech and the real ffmpeg."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from studio.media.ffmpeg import find_ffmpeg
from studio.media.loudness import integrated_loudness, normalise
from studio.media.narration_audio import encode_aac, join
from studio.media.narration_cache import NarrationCache
from studio.media.voices import Synthesis

SPEECH = ("Welcome to the course. This lesson explains how narration stays in step with "
          "every edit you make.")


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> tuple[np.ndarray, int]:
    """Real synthetic speech (the espeak-ng program), int16 samples and their rate."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (scripts/setup.sh installs it)")
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(path), SPEECH], check=True)
    with wave.open(str(path), "rb") as sound:
        rate = sound.getframerate()
        samples = np.frombuffer(sound.readframes(sound.getnframes()), dtype="<i2")
    return samples, rate


def decoded(path: Path, rate: int) -> np.ndarray:
    raw = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-f", "s16le",
                          "-ac", "1", "-ar", str(rate), "pipe:1"], capture_output=True,
                         check=True).stdout
    return np.frombuffer(raw, dtype="<i2")


def test_levelled_to_the_target_with_peaks_under_the_ceiling(speech):
    samples, rate = speech
    for target, within in ((-16.0, 0.2), (-23.0, 0.2), (-30.0, 0.2), (-10.0, 1.0)):
        levelled = normalise(samples, rate, target)
        assert abs(integrated_loudness(levelled.samples, rate) - target) <= within
        assert levelled.loudness == integrated_loudness(levelled.samples, rate)
        peak = np.abs(levelled.samples.astype(np.int32)).max()
        assert 20 * np.log10(peak / 32768) <= -1.0
        assert len(levelled.samples) == len(samples)


def test_levelling_is_deterministic_and_silence_stays_silent(speech):
    samples, rate = speech
    first, second = normalise(samples, rate, -16.0), normalise(samples, rate, -16.0)
    assert first.samples.tobytes() == second.samples.tobytes()
    quiet = normalise(np.zeros(rate, dtype=np.int16), rate, -16.0)
    assert not quiet.samples.any()
    assert integrated_loudness(np.zeros(10, dtype=np.int16), rate) == -70.0


def test_join_puts_exact_pauses_between_sentences():
    pieces = [np.full(5, 7, dtype=np.int16), np.full(3, -2, dtype=np.int16),
              np.full(4, 1, dtype=np.int16)]
    joined, offsets = join(pieces, 2)
    assert offsets == [0, 7, 12]
    assert joined.tolist() == [7] * 5 + [0, 0] + [-2] * 3 + [0, 0] + [1] * 4
    assert join([], 2)[0].size == 0


def test_the_cache_keeps_a_sentence_whole(tmp_path, speech):
    samples, rate = speech
    cache = NarrationCache(tmp_path)
    assert cache.load("k1") is None and not cache.has("k1")
    sentence = Synthesis(samples.tobytes(), rate, ((0.0, 0.4, 0, 7), (0.45, 0.6, 8, 2)))
    cache.store("k1", sentence)
    assert cache.load("k1") == sentence
    assert cache.keys() == ["k1"]
    assert not list(cache.root.glob("*.part"))
    with wave.open(str(cache.wav("k1")), "rb") as sound:
        assert (sound.getframerate(), sound.getnchannels(), sound.getsampwidth()) == (rate, 1, 2)


def test_a_half_or_mismatched_entry_is_a_miss(tmp_path, speech):
    samples, rate = speech
    cache = NarrationCache(tmp_path)
    cache.store("k2", Synthesis(samples.tobytes(), rate))
    cache.record_path("k2").unlink()
    assert cache.load("k2") is None and cache.keys() == []
    cache.store("k3", Synthesis(samples.tobytes(), rate))
    cache.record_path("k3").write_text('{"sample_rate": 8000, "samples": 1, "words": []}')
    assert cache.load("k3") is None
    cache.wav("k3").write_bytes(b"RIFF garbage")
    assert cache.load("k3") is None


def test_the_same_samples_encode_to_the_same_bytes(tmp_path, speech):
    samples, rate = speech
    levelled = normalise(samples, rate, -16.0).samples
    first = encode_aac(levelled, rate, tmp_path / "a.m4a").read_bytes()
    second = encode_aac(levelled, rate, tmp_path / "b.m4a").read_bytes()
    assert first == second
    assert b"Lavf" not in first and b"Lavc" not in first  # no encoder tag, no timestamp


def test_the_encoded_narration_keeps_its_loudness_and_length(tmp_path, speech):
    samples, rate = speech
    levelled = normalise(samples, rate, -16.0).samples
    back = decoded(encode_aac(levelled, rate, tmp_path / "n.m4a"), rate)
    assert abs(integrated_loudness(back, rate) - -16.0) <= 1.0
    assert abs(len(back) - len(levelled)) / rate < 0.1

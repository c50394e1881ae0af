"""The engines' shared pieces: worker processes stop on cancel and on time-out, WAV reading."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import wave

import numpy as np
import pytest

from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media.voices import VoiceError, engine
from studio.media.voices.engine import communicate, read_wav

SLEEPER = [sys.executable, "-c", "import time; time.sleep(30)"]


def test_a_slow_process_is_stopped_after_its_time_out():
    proc = subprocess.Popen(SLEEPER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    started = time.monotonic()
    with pytest.raises(VoiceError, match="took longer than 0 s"):
        communicate(proc, b"", None, "the sleeper", timeout=0.3)
    assert time.monotonic() - started < 10 and proc.poll() is not None


def test_cancelling_stops_the_process_at_once():
    proc = subprocess.Popen(SLEEPER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        communicate(proc, b"", token, "the sleeper")
    assert time.monotonic() - started < 10 and proc.poll() is not None


def test_cancelling_a_long_espeak_sentence_stops_its_worker():
    token = CancelToken()
    text = " ".join(["This sentence goes on and on for quite a while"] * 400) + "."
    threading.Timer(0.05, token.cancel).start()
    with pytest.raises(Cancelled):
        engine("espeak-ng").synthesize(text, "en-us", 175, 50, token=token)


@pytest.mark.parametrize("width, channels", [(1, 1), (2, 2), (3, 1), (4, 2)])
def test_wav_files_of_any_integer_width_come_back_as_16_bit_mono(tmp_path, width, channels):
    ramp = np.linspace(-0.5, 0.5, 100)
    scale = 2 ** (8 * width - 1)
    values = np.repeat((ramp * scale).astype(np.int64), channels)
    if width == 1:
        data = (values + 128).astype(np.uint8).tobytes()
    elif width == 3:
        data = b"".join(int(v).to_bytes(3, "little", signed=True) for v in values)
    else:
        data = values.astype(f"<i{width}").tobytes()
    path = tmp_path / "t.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(16000)
        out.writeframes(data)
    samples, rate = read_wav(path, "test")
    assert rate == 16000
    got = np.frombuffer(samples, "<i2")
    assert len(got) == 100
    assert np.abs(got - (ramp * 32768)).max() <= 256


def test_an_unreadable_wav_is_refused_in_one_line(tmp_path):
    path = tmp_path / "bad.wav"
    path.write_bytes(b"not a wav")
    with pytest.raises(VoiceError, match="wrote no readable WAV") as caught:
        read_wav(path, "festival")
    assert "\n" not in str(caught.value)

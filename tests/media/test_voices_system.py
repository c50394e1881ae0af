"""The system voices through pyttsx3: its espeak driver exercises the adapter on Linux."""

from __future__ import annotations

import sys

import pytest

from studio.media.voices import ENGINES, VoiceError
from studio.media.voices.system import LINUX_REASON, SystemEngine

ESPEAK_DRIVER = SystemEngine(driver="espeak")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Linux has no system voices")
def test_on_linux_the_system_engine_says_where_it_works():
    assert ENGINES["system"].available() == LINUX_REASON
    assert ENGINES["system"].voices() == []
    with pytest.raises(VoiceError, match="Windows and macOS"):
        ENGINES["system"].synthesize("Hello.", "", 175, 50)


def test_the_espeak_driver_lists_voices_and_picks_one_per_language():
    assert ESPEAK_DRIVER.available() is None
    assert ESPEAK_DRIVER.version().startswith("pyttsx3 ") and "espeak" in ESPEAK_DRIVER.version()
    voices = ESPEAK_DRIVER.voices()
    assert len(voices) > 50 and all(v.engine == "system" for v in voices)
    chosen = ESPEAK_DRIVER.default_voice("en-US")
    assert "en-us" in next(v for v in voices if v.id == chosen).languages


def test_the_espeak_driver_saves_a_sentence_and_reads_it_back():
    voice = ESPEAK_DRIVER.default_voice("en-US")
    text = "The system voice writes this sentence to a file."
    normal = ESPEAK_DRIVER.synthesize(text, voice, 175, 50)
    fast = ESPEAK_DRIVER.synthesize(text, voice, 350, 50)
    assert normal.sample_rate > 8000 and normal.words == ()
    assert normal.duration > 1.5 * fast.duration > 0.5
    assert ESPEAK_DRIVER.synthesize(text, voice, 175, 90).samples != normal.samples


def test_an_unknown_system_voice_is_refused_in_one_line():
    with pytest.raises(VoiceError) as caught:
        ESPEAK_DRIVER.synthesize("Hello.", "no/such-voice", 175, 50)
    assert "no/such-voice" in str(caught.value) and "\n" not in str(caught.value)


# The worker's side in a process of its own, as the engine runs it (pyttsx3's espeak driver
# keeps library state per process), with espeak's end-of-message callback held back as a
# loaded machine holds back espeak's own thread.
LATE_WORKER = """
import json, sys, time
from pyttsx3.drivers import _espeak
from pyttsx3.drivers.espeak import EspeakDriver
from studio.media.voices.system import work

on_synth = EspeakDriver._onSynth

def late(self, wav, numsamples, events):
    index = 0
    while events[index].type != _espeak.EVENT_LIST_TERMINATED:
        if events[index].type == _espeak.EVENT_MSG_TERMINATED:
            time.sleep(0.5)
        index += 1
    return on_synth(self, wav, numsamples, events)

EspeakDriver._onSynth = late
answer, samples = work({"action": "speak", "driver": "espeak", "voice": None, "rate": 175,
                        "pitch": 50, "text": "Written after the loop ended."})
sys.stderr.write(json.dumps({**answer, "bytes": len(samples)}) + "\\n")
"""


def test_a_file_the_espeak_driver_writes_late_is_still_read():
    """pyttsx3's espeak driver writes the file in its end-of-message callback, which may come
    after runAndWait returned (it did under load): the worker waits for that callback."""
    import json
    import subprocess

    done = subprocess.run([sys.executable, "-c", LATE_WORKER], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stderr.strip().splitlines()[-1])
    assert answer["sample_rate"] > 8000 and answer["bytes"] > answer["sample_rate"]


def test_every_sentence_keeps_its_rate_when_many_are_spoken_at_once():
    """On a loaded machine pyttsx3's loop used to cancel espeak-ng's queue before the rate was
    taken (a sentence came out at pyttsx3's default 200 words a minute, about 2.4 s here, in
    about one of six under load); the worker now waits until espeak-ng has the settings."""
    from concurrent.futures import ThreadPoolExecutor

    voice = ESPEAK_DRIVER.default_voice("en-US")
    text = "The system voice writes this sentence to a file."
    expected = ESPEAK_DRIVER.synthesize(text, voice, 350, 50).duration
    with ThreadPoolExecutor(16) as pool:
        durations = list(pool.map(
            lambda _: ESPEAK_DRIVER.synthesize(text, voice, 350, 50).duration, range(48)))
    assert durations == [expected] * 48

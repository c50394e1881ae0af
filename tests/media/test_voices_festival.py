"""Festival with the HTS slt voice, for real (the setup installs it; under CI it must be there)."""

from __future__ import annotations

import os

import pytest

from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media.voices import VoiceError, engine
from studio.media.voices.festival import SLT, ascii_text, language_of
from studio.model import GlossaryEntry

FESTIVAL = engine("festival")
MISSING = FESTIVAL.available()
pytestmark = pytest.mark.skipif(MISSING is not None and os.environ.get("CI") != "true",
                                reason=f"{MISSING}")



def say(text: str, **kwargs):
    options = {"voice": SLT, "rate": 175, "pitch": 50, **kwargs}
    return FESTIVAL.synthesize(text, **options)


def test_slt_is_installed_listed_and_the_default_for_english():
    assert FESTIVAL.available() is None
    voices = {v.id: v for v in FESTIVAL.voices()}
    assert voices[SLT].languages == ("en-us",) and voices[SLT].gender == "female"
    assert FESTIVAL.default_voice("en-GB") == SLT
    assert FESTIVAL.version().split()[0][0].isdigit() and SLT in FESTIVAL.version()


def test_slt_speaks_longer_text_longer_without_word_times():
    short, longer = say("Hello."), say("Hello, and welcome to the second lesson of the course.")
    assert 0.2 < short.duration < longer.duration
    assert longer.words == ()
    assert max(abs(v) for v in memoryview(longer.samples).cast("h")) > 1000


def test_rate_changes_the_duration_and_the_same_call_gives_the_same_bytes():
    text = "Rate changes how long this takes."
    normal, slow = say(text), say(text, rate=110)
    assert slow.duration > 1.3 * normal.duration
    assert say(text).samples == normal.samples


def test_a_respelling_changes_what_is_said_and_phoneme_entries_are_left_out():
    text = "Ask Knuth."
    assert say(text, entries=(GlossaryEntry("Knuth", "Kaynooth"),)).samples != say(text).samples
    assert say(text, entries=(GlossaryEntry("Knuth", "k@n'u:T", "phonemes"),)).samples == say(
        text).samples


def test_pitch_unknown_voices_and_cancel_are_refused_in_one_line():
    with pytest.raises(VoiceError, match="cannot change a voice's pitch"):
        say("Hello.", pitch=60)
    with pytest.raises(VoiceError) as caught:
        say("Hello.", voice="kal_diphone_nope")
    assert "kal_diphone_nope" in str(caught.value) and "\n" not in str(caught.value)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        say("Never.", token=token)


def test_festival_reads_ascii_and_names_languages_by_voice_name():
    assert ascii_text("Café naïve\nnext") == "Cafe naive next"
    assert say("Café.").duration > 0.2
    assert language_of(SLT) == "en-us" and language_of("rab_diphone") == "en-gb"
    assert language_of("unknown_voice") == "en"

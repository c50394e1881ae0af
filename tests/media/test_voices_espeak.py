"""espeak-ng through libespeak-ng, for real: audio, word times, rate, phonemes, determinism."""

from __future__ import annotations

import pytest

from studio.errors import Cancelled
from studio.jobs import CancelToken
from studio.media.voices import ENGINES, VoiceError, engine, list_voices
from studio.media.voices.engine import spoken
from studio.model import GlossaryEntry
from studio.narration.glossary import respell
from studio.narration.voice import ENGINE_NAMES

ESPEAK = engine("espeak-ng")



def say(text: str, **kwargs):
    options = {"voice": "en-us", "rate": 175, "pitch": 50, **kwargs}
    return ESPEAK.synthesize(text, **options)


def test_espeak_is_available_with_a_version_that_names_the_library():
    assert ESPEAK.available() is None
    version = ESPEAK.version()
    assert version.split()[0][0].isdigit()
    assert version.split()[1] in ("system", "bundled")
    assert "espeak-ng" in ENGINES


def test_longer_text_gives_longer_audio():
    short = say("Hello.")
    longer = say("Hello there, and welcome to the first lesson of this course.")
    assert short.sample_rate == longer.sample_rate == 22050
    assert len(short.samples) % 2 == 0
    assert 0.3 < short.duration < longer.duration
    assert max(abs(v) for v in memoryview(longer.samples).cast("h")) > 1000  # not silence


def test_word_times_rise_lie_within_the_audio_and_point_at_the_words():
    text = "Café owners learn the naïve method quickly."
    spoken_text = say(text)
    words = spoken_text.words
    assert [text[o:o + n] for _, _, o, n in words] == [
        "Café", "owners", "learn", "the", "naïve", "method", "quickly"]
    starts = [start for start, _, _, _ in words]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for start, end, _, _ in words:
        assert 0 <= start < end <= spoken_text.duration + 1e-9


def test_rate_changes_the_duration():
    text = "The quick brown fox jumps over the lazy dog."
    slow, fast = say(text, rate=120), say(text, rate=300)
    assert slow.duration > 1.8 * fast.duration


def test_pitch_changes_the_audio_not_the_words():
    text = "Pitch moves, words stay."
    low, high = say(text, pitch=20), say(text, pitch=80)
    assert low.samples != high.samples
    assert [w[2:] for w in low.words] == [w[2:] for w in high.words]


def test_a_phoneme_entry_changes_the_audio_and_keeps_word_offsets_in_the_sentence():
    text = "Deploy it on Kubernetes today."
    plain = say(text)
    voiced = say(text, entries=(GlossaryEntry("kubernetes", "k'u:b3n'EtIz", "phonemes"),))
    assert voiced.samples != plain.samples
    assert [text[o:o + n] for _, _, o, n in voiced.words] == [
        "Deploy", "it", "on", "Kubernetes", "today"]


def test_a_respell_entry_is_spoken_and_mapped_back():
    text = "Ask Knuth about it."
    voiced = say(text, entries=(GlossaryEntry("Knuth", "Kaynooth"),))
    assert voiced.samples != say(text).samples
    assert [text[o:o + n] for _, _, o, n in voiced.words] == ["Ask", "Knuth", "about", "it"]


def test_the_same_call_twice_gives_the_same_bytes():
    text = "The same sentence, spoken twice, sounds exactly the same."
    first, second = say(text), say(text)
    say("Something else in between, at another rate.", rate=220)
    third = say(text)
    assert first.samples == second.samples == third.samples
    assert first.words == second.words == third.words


def test_an_unknown_voice_is_refused_in_one_line():
    with pytest.raises(VoiceError) as caught:
        say("Hello.", voice="no-such-voice")
    assert "no-such-voice" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("rate, pitch", [(79, 50), (451, 50), (175, -1), (175, 101)])
def test_rate_and_pitch_outside_their_ranges_are_refused(rate, pitch):
    with pytest.raises(VoiceError):
        say("Hello.", rate=rate, pitch=pitch)


def test_a_cancelled_token_stops_before_speaking():
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        say("Never spoken.", token=token)


def test_voices_list_languages_and_default_voices():
    voices = ESPEAK.voices()
    ids = {v.id for v in voices}
    assert {"en-us", "en", "de", "fr"} <= ids
    us = next(v for v in voices if v.id == "en-us")
    assert us.engine == "espeak-ng" and "en-us" in us.languages and us.name
    assert ESPEAK.default_voice("en-US") == "en-us"
    assert ESPEAK.default_voice("de-AT") == "de"
    assert all("de" == t.split("-")[0] for v in list_voices("de") for t in v.languages[:1])
    assert say("Guten Tag.", voice=ESPEAK.default_voice("de")).duration > 0.3


def test_an_unknown_engine_is_refused_in_one_line():
    with pytest.raises(VoiceError, match="no voice engine"):
        engine("nope")


def test_spoken_maps_offsets_around_replacements():
    said = spoken("Say Knuth and Knuth.", (GlossaryEntry("knuth", "Kaynooth"),), None)
    assert said.text == "Say Kaynooth and Kaynooth."
    assert said.to_sentence(0, 3) == (0, 3)
    assert said.to_sentence(4, 8) == (4, 5)
    assert said.to_sentence(13, 3) == (10, 3)
    assert said.to_sentence(17, 8) == (14, 5)
    phonemes = (GlossaryEntry("kubernetes", "x", "phonemes"),)
    assert spoken("Kubernetes", phonemes, None).text == "Kubernetes"


def test_brackets_in_the_script_are_read_as_text_not_phonemes():
    text = "See [[note]] here."
    spoken_text = say(text)
    assert spoken_text.duration > 0.5
    assert [text[o:o + n] for _, _, o, n in spoken_text.words][-1] == "here"


def test_a_voice_speaks_its_languages_and_their_regions():
    german = next(v for v in ESPEAK.voices() if v.id == "de")
    assert german.speaks("de") and german.speaks("DE-at") and not german.speaks("en")


def test_spoken_text_is_the_glossarys_respelling_and_the_engines_are_the_domains():
    entries = (GlossaryEntry("knuth", "Kaynooth"), GlossaryEntry("k8s", "kates"),
               GlossaryEntry("kubernetes", "k'u:b3n'EtIz", "phonemes"))
    for sentence in ("Knuth's K8s on Kubernetes.", "knuth, KNUTH and Knuthian", ""):
        assert spoken(sentence, entries, None).text == respell(sentence, entries)
    assert tuple(ENGINES) == ENGINE_NAMES

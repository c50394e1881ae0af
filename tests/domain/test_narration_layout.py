"""Sentence layout, cache keys, cue remapping after an edit and caption cues: exact times from
whole sample counts, and remapped cues equal to a layout recomputed from scratch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.model import GlossaryEntry, NarrationTrack, SpokenSentence
from studio.narration import (
    SENTENCE_PAUSE,
    VoiceSettings,
    caption_cues,
    lay_out,
    remap_cues,
    sentence_key,
    total_duration,
)

RATE = 22050
PAUSE = round(SENTENCE_PAUSE * RATE)
VOICE = VoiceSettings("espeak-ng", "en-us", 175, 50)


def track(texts: list[str], lengths: list[int]) -> NarrationTrack:
    """A synthesised track laid out from sentence lengths in samples, as the render does."""
    spans = lay_out(lengths, RATE, PAUSE)
    sentences = tuple(SpokenSentence(text, start, end)
                      for text, (start, end) in zip(texts, spans, strict=True))
    return NarrationTrack("en", "synthesised", None, None,
                          total_duration(lengths, RATE, PAUSE), sentences)


def test_lay_out_counts_whole_samples_and_pauses_between_sentences():
    assert lay_out([22050, 11025], RATE, PAUSE) == [(0.0, 1.0), (1.35, 1.85)]
    assert total_duration([22050, 11025], RATE, PAUSE) == 1.85
    assert lay_out([], RATE, PAUSE) == [] and total_duration([], RATE, PAUSE) == 0.0
    with pytest.raises(ValueError):
        lay_out([1], 0, PAUSE)


def test_sentence_key_changes_with_every_part():
    entry = GlossaryEntry("Knuth", "Kuh-nooth")
    base = sentence_key("Knuth wrote it.", VOICE, "1.51", (entry,))
    assert len(base) == 64 and base == sentence_key("Knuth wrote it.", VOICE, "1.51", [entry])
    others = {
        sentence_key("Knuth wrote it!", VOICE, "1.51", (entry,)),
        sentence_key("Knuth wrote it.", VoiceSettings("espeak-ng", "en-us", 176, 50), "1.51",
                     (entry,)),
        sentence_key("Knuth wrote it.", VoiceSettings("espeak-ng", "en-us", 175, 51), "1.51",
                     (entry,)),
        sentence_key("Knuth wrote it.", VoiceSettings("festival", "en-us", 175, 50), "1.51",
                     (entry,)),
        sentence_key("Knuth wrote it.", VOICE, "1.52", (entry,)),
        sentence_key("Knuth wrote it.", VOICE, "1.51", ()),
        sentence_key("Knuth wrote it.", VOICE, "1.51", (GlossaryEntry("Knuth", "Noot"),)),
    }
    assert base not in others and len(others) == 7


def test_a_one_sentence_edit_shifts_every_later_cue_by_the_change_in_length():
    texts = ["One.", "Two is here.", "Three.", "Four."]
    old = track(texts, [10000, 30000, 20000, 15000])
    new = track(["One.", "Two is here, longer.", "Three.", "Four."],
                [10000, 41000, 20000, 15000])
    cues = [("a", 0.2), ("b", 1.0), ("c", old.sentences[2].start + 0.1),
            ("d", old.sentences[3].end + 0.0)]
    moved = remap_cues(old, new, cues)
    assert moved["a"] == 0.2  # earlier: unchanged
    assert moved["b"] == 1.0  # inside the edited sentence, offset kept
    shift = new.sentences[2].start - old.sentences[2].start
    assert moved["c"] == pytest.approx(cues[2][1] + shift, abs=1e-9)
    assert moved["d"] == pytest.approx(cues[3][1] + shift, abs=1e-9)
    assert moved["d"] == new.duration


def test_a_cue_inside_a_shortened_sentence_is_clamped_to_it_and_its_pause():
    old = track(["One.", "A long sentence.", "End."], [10000, 60000, 10000])
    new = track(["One.", "Short.", "End."], [10000, 5000, 10000])
    cue_offset = 2.0
    moved = remap_cues(old, new, [("x", old.sentences[1].start + cue_offset)])
    assert moved["x"] == new.sentences[2].start  # end of the sentence + its pause


def test_cues_of_a_removed_sentence_go_where_it_was_and_new_sentences_push_later_ones():
    old = track(["One.", "Two.", "Three."], [10000, 10000, 10000])
    removed = track(["One.", "Three."], [10000, 10000])
    moved = remap_cues(old, removed, [("two", old.sentences[1].start + 0.1),
                                      ("three", old.sentences[2].start + 0.2)])
    assert moved == {"two": removed.sentences[1].start,
                     "three": round(removed.sentences[1].start + 0.2, 3)}
    added = track(["Zero.", "One.", "Two.", "Three."], [5000, 10000, 10000, 10000])
    moved = remap_cues(old, added, [("three", old.sentences[2].start + 0.2)])
    assert moved["three"] == round(added.sentences[3].start + 0.2, 3)


def test_a_re_voiced_sentence_of_another_length_clamps_its_cues_too():
    old = track(["One.", "Two."], [44100, 22050])  # a cue in the pause after "One."
    slower = track(["One.", "Two."], [22050, 22050])  # same texts, another rate
    cue = old.sentences[0].end + 0.2
    moved = remap_cues(old, slower, [("x", cue)])
    assert moved["x"] == slower.sentences[1].start  # not inside "Two."


def test_no_old_track_keeps_cues_within_the_new_duration():
    new = track(["One."], [22050])
    assert remap_cues(None, new, [("a", 0.5), ("b", 7.0), ("c", -1.0)]) == {
        "a": 0.5, "b": 1.0, "c": 0.0}


words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, st.integers(1, 80000)), min_size=1, max_size=12,
                unique_by=lambda pair: pair[0]),
       st.data())
def test_remap_after_one_edit_equals_a_layout_from_scratch(sentences, data):
    texts = [f"{word}." for word, _ in sentences]
    lengths = [length for _, length in sentences]
    edited = data.draw(st.integers(0, len(texts) - 1))
    new_length = data.draw(st.integers(1, 80000))
    old = track(texts, lengths)
    new_texts = [*texts]
    new_texts[edited] = f"{texts[edited][:-1]} changed."
    new_lengths = [*lengths]
    new_lengths[edited] = new_length
    new = track(new_texts, new_lengths)
    times = data.draw(st.lists(st.floats(0, old.duration), max_size=8))
    cues = [(f"c{i}", round(t, 3)) for i, t in enumerate(times)]
    moved = remap_cues(old, new, cues)
    for cue_id, time in cues:
        index = max(i for i, s in enumerate(old.sentences) if s.start <= time + 1e-9)
        offset = time - old.sentences[index].start
        if index < edited:
            assert moved[cue_id] == time
        elif index > edited:
            expected = min(round(new.sentences[index].start + offset, 3), new.duration)
            assert moved[cue_id] == expected  # the layout from scratch, to the ms
            shift = (new_length - lengths[edited]) / RATE
            assert moved[cue_id] == pytest.approx(time + shift, abs=0.0015)
        else:
            room = (new.sentences[index + 1].start if index + 1 < len(new.sentences)
                    else new.duration) - new.sentences[index].start
            assert moved[cue_id] == round(new.sentences[index].start + min(offset, room), 3)


def test_caption_cues_one_per_sentence_and_long_ones_split_by_length():
    long = " ".join(["word"] * 40)  # 199 characters
    old = NarrationTrack("en", "synthesised", None, None, 12.0, (
        SpokenSentence("Short one.", 0.0, 1.0),
        SpokenSentence(long, 2.0, 12.0)))
    cues = caption_cues(old)
    assert cues[0] == (0.0, 1.0, "Short one.")
    rest = cues[1:]
    assert len(rest) == 3 and all(len(text) <= 84 for _, _, text in rest)
    assert " ".join(text for _, _, text in rest) == long
    assert rest[0][0] == 2.0 and rest[-1][1] == 12.0
    assert all(a[1] == b[0] for a, b in zip(rest, rest[1:], strict=False))


def test_caption_cues_follow_word_times_when_the_engine_reports_them():
    text = " ".join(f"w{i:02d}" for i in range(30))  # 30 words of 3 letters: 119 chars
    word_times = tuple((1.0 + i * 0.5, 1.0 + i * 0.5 + 0.4, f"w{i:02d}") for i in range(30))
    cues = caption_cues(NarrationTrack("en", "synthesised", None, None, 20.0, (
        SpokenSentence(text, 1.0, 16.0, words=word_times),)), max_chars=60)
    assert [c[2].split()[0] for c in cues] == ["w00", "w15"]
    assert cues[0][0] == 1.0 and cues[1][0] == 1.0 + 15 * 0.5 and cues[1][1] == 16.0


def test_a_placeholder_sentence_gives_an_empty_cue():
    assert caption_cues(NarrationTrack("en", "placeholders", None, None, 3.0, (
        SpokenSentence("", 0.5, 2.5),))) == [(0.5, 2.5, "")]


def test_editing_a_glossary_entry_changes_only_the_keys_of_sentences_with_the_word():
    from studio.narration import entries_for, sentences

    texts = sentences("Knuth wrote TeX. Nobody else did. Ask knuth why.")
    before = (GlossaryEntry("Knuth", "Kuh-nooth"), GlossaryEntry("TeX", "tech"))
    after = (GlossaryEntry("Knuth", "Ka-nooth"), GlossaryEntry("TeX", "tech"))

    def keys(glossary):
        return [sentence_key(t, VOICE, "1.51", entries_for(t, glossary, "en")) for t in texts]

    changed = [old != new for old, new in zip(keys(before), keys(after), strict=True)]
    assert changed == [True, False, True]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=30), min_size=1,
                max_size=40),
       st.integers(10, 100), st.booleans(), st.floats(0, 100), st.floats(0.01, 60))
def test_caption_cues_cover_each_sentence_in_order(words, max_chars, timed, start, length):
    text = " ".join(words)
    start, end = round(start, 3), round(start + length, 3)
    step = (end - start) / len(words)
    word_times = tuple((start + i * step, start + (i + 1) * step, word)
                       for i, word in enumerate(words)) if timed else ()
    cues = caption_cues(NarrationTrack("en", "synthesised", None, None, end, (
        SpokenSentence(text, start, end, words=word_times),)), max_chars)
    assert " ".join(piece for _, _, piece in cues) == text
    assert all(len(piece) <= max_chars or " " not in piece for _, _, piece in cues)
    assert cues[0][0] == start and cues[-1][1] == end
    assert all(a <= b for cue in cues for a, b in [cue[:2]])
    assert all(a[1] == b[0] for a, b in zip(cues, cues[1:], strict=False))

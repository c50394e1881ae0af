"""Narration as data: the stored form reads back what it wrote, damaged parts read as
defaults; glossary matching; what an item says; which voice says it; the course's voice
settings and their ranges."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio import commands
from studio.errors import InvalidEditError
from studio.loader import course_settings, item_from_row
from studio.model import (
    ORIGINS,
    CourseSettings,
    GlossaryEntry,
    ItemKind,
    Narration,
    NarrationTrack,
    Page,
    Slide,
    SpokenSentence,
    VideoClip,
)
from studio.narration import (
    VoiceSettings,
    effective_voice,
    entries_for,
    glossary_from_json,
    glossary_to_json,
    item_script,
    narration_from_props,
    narration_to_props,
    respell,
    script_source,
    sentences,
)
from studio.narration.script import caption_pieces, plain_page_text

seconds = st.floats(0, 3600, allow_nan=False).map(lambda s: round(s, 3))
texts = st.text(max_size=30)
pairs = st.dictionaries(st.sampled_from(["engine", "voice", "rate", "pitch", "voice_file"]),
                        st.text(min_size=1, max_size=8)).map(lambda d: tuple(d.items()))
sentence = st.builds(
    SpokenSentence, texts, seconds, seconds, st.text(alphabet="0123456789abcdef", max_size=64),
    st.lists(st.tuples(seconds, seconds, texts), max_size=3).map(tuple),
    st.none() | st.floats(0, 1), st.booleans())
track = st.builds(
    NarrationTrack, st.sampled_from(["en", "fr", "de-CH"]), st.sampled_from(ORIGINS),
    st.none() | st.just("ast_1"), st.none() | st.just("ast_2"), seconds,
    st.lists(sentence, max_size=4).map(tuple), pairs, st.none() | st.floats(-40, 0))
narrations = st.builds(
    Narration,
    st.dictionaries(st.sampled_from(["en", "fr"]), st.text(min_size=1)).map(
        lambda d: tuple(sorted(d.items()))),
    pairs,
    st.lists(track, max_size=3, unique_by=lambda t: t.language).map(tuple))


@settings(max_examples=100, deadline=None)
@given(narrations)
def test_the_stored_form_reads_back_what_it_wrote(narration):
    stored = json.loads(json.dumps(narration_to_props(narration)))
    assert narration_from_props({"narration": stored}) == narration


def test_no_narration_stores_nothing_and_damage_reads_as_empty():
    assert narration_to_props(Narration()) == {}
    assert narration_from_props({}) == Narration()
    assert narration_from_props({"narration": "junk"}) == Narration()
    damaged = {"narration": {"scripts": {"en": 3}, "voice": [1], "tracks": [
        {"language": "en", "origin": "dictated", "duration": 1},
        {"origin": "aligned"},
        {"language": "fr", "origin": "aligned", "duration": "long", "sentences": [],
         "asset_id": None, "captions_asset_id": None},
    ]}}
    read = narration_from_props(damaged)
    assert read.scripts == () and read.voice == ()
    assert [(t.language, t.duration) for t in read.tracks] == [("fr", 0.0)]


def test_the_glossary_stored_form():
    entries = (GlossaryEntry("Knuth", "Kuh-nooth"), GlossaryEntry("SQL", "S Q L", "respell", "en"),
               GlossaryEntry("Tag", "t a: g", "phonemes", "de"))
    assert glossary_from_json(json.loads(json.dumps(glossary_to_json(entries)))) == entries
    assert glossary_from_json([{"word": "", "say": "x"}, {"word": "a", "say": "b", "kind": "ipa"},
                               "junk", {"word": "ok", "say": "fine"}]) == (
        GlossaryEntry("ok", "fine"),)
    assert glossary_from_json({"word": "a"}) == ()


GLOSSARY = (GlossaryEntry("Knuth", "Kuh-nooth"), GlossaryEntry("SQL", "sequel", language="en"),
            GlossaryEntry("SQL", "S Q L", language="en-GB"),
            GlossaryEntry("Tag", "t a: k", "phonemes", "de"), GlossaryEntry("C++", "C plus plus"))


@pytest.mark.parametrize(("sentence", "language", "words"), [
    ("Knuth wrote TeX.", "en", ["Kuh-nooth"]),
    ("knuth's books", "en", ["Kuh-nooth"]),  # any case; an apostrophe ends a word
    ("Knuthian methods", "en", []),  # not inside a longer word
    ("Use SQL daily.", "en-US", ["sequel"]),  # an entry for en applies to en-US
    ("Use SQL daily.", "en-GB", ["S Q L"]),  # the more specific language wins
    ("Use SQL daily.", "fr", []),
    ("Guten Tag.", "de", ["t a: k"]),
    ("Write C++ code.", "en", ["C plus plus"]),
    ("Knuth and SQL.", "en", ["Kuh-nooth", "sequel"]),  # sorted by word
])
def test_entries_for_matches_words_case_and_language(sentence, language, words):
    assert [e.say for e in entries_for(sentence, GLOSSARY, language)] == words


@pytest.mark.parametrize(("sentence", "found"), [
    ("We ran Monte Carlo methods.", True), ("monte carlo's rule", True),
    ("Montecarlo methods", False), ("We ran Monte Carlos.", False),
    ("Piemonte Carlo", False), ("Monte and Carlo", False),
])
def test_a_phrase_matches_whole_on_word_boundaries_at_both_ends(sentence, found):
    entries = (GlossaryEntry("Monte Carlo", "Montay Carlo"), GlossaryEntry("Carlo", "Karl"))
    chosen = entries_for(sentence, entries, "en")
    assert (entries[0] in chosen) is found
    expected = sentence.replace("Monte Carlo", "Montay Carlo").replace("monte carlo",
                                                                      "Montay Carlo")
    if found:
        assert respell(sentence, chosen) == expected  # the phrase wins over its word "Carlo"


def test_respell_substitutes_in_one_pass_and_skips_phonemes():
    entries = (GlossaryEntry("Knuth", "Kuh-nooth"), GlossaryEntry("nooth", "never"),
               GlossaryEntry("Tag", "t a: k", "phonemes"))
    assert respell("KNUTH said Tag to knuth.", entries) == "Kuh-nooth said Tag to Kuh-nooth."
    assert respell("Nothing here.", ()) == "Nothing here."


def test_sentences_split_at_stops_and_keep_long_ones_whole():
    long = " ".join(["word"] * 30) + "."
    assert sentences(f"Hello there!  How are you?\nFine… thanks. {long}\n\n") == [
        "Hello there!", "How are you?", "Fine… thanks.", long]
    assert sentences("") == []
    assert sentences("这是第一句。这是第二句！", "zh") == ["这是第一句。", "这是第二句！"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "This is e.g. a test with Dr. Smith and Mr. Jones at 10 a.m. today. Next one?",
     ["This is e.g. a test with Dr. Smith and Mr. Jones at 10 a.m. today.", "Next one?"]),
    ("de", "Das ist z. B. ein Test mit Dr. Müller um 10 Uhr. Ja!",
     ["Das ist z. B. ein Test mit Dr. Müller um 10 Uhr.", "Ja!"]),
    ("de-AT", "Das ist z. B. ein Test.", ["Das ist z. B. ein Test."]),
    ("fr", "C'est un test avec M. Dupont et Mme Martin à 10 h. Voilà !",
     ["C'est un test avec M. Dupont et Mme Martin à 10 h.", "Voilà !"]),
])
def test_sentences_do_not_end_at_abbreviations(language, text, expected):
    assert sentences(text, language) == expected


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_single_line_break_is_a_space_and_a_blank_line_ends_a_sentence(language):
    notes = "Notes wrapped\nmid sentence by PowerPoint.\nA new line\n\nA paragraph\n \nEnd"
    assert sentences(notes, language) == [
        "Notes wrapped mid sentence by PowerPoint.", "A new line", "A paragraph", "End"]


def test_a_sentence_without_letters_or_digits_is_not_spoken():
    assert sentences("...\n\n?! — …", "en") == []
    assert sentences("Hello.\n\n...\n\n42 left.", "en") == ["Hello.", "42 left."]
    assert caption_pieces("Hello. ...\n\n—") == ["Hello."]


def test_a_page_heading_and_list_items_end_sentences_and_prose_lines_run_on():
    text = plain_page_text("# Heading\n- one\n2) two\nWrapped\nprose. More\n\nNext")
    assert sentences(text) == ["Heading", "one", "two", "Wrapped prose.", "More", "Next"]


def _items():
    common = {"title": "T", "lesson_id": "l"}
    slide = Slide(id="s", kind=ItemKind.SLIDE, notes="Say this.", **common)
    page = Page(id="p", kind=ItemKind.PAGE, text="# Heading\n- one\n2) two\nPlain.", **common)
    clip = VideoClip(id="v", kind=ItemKind.VIDEO, **common)
    return slide, page, clip


def test_item_script_reads_typed_then_notes_or_page_text():
    slide, page, clip = _items()
    assert item_script(slide, "en", "en") == "Say this."
    assert script_source(slide, "en", "en") == "notes"
    assert item_script(page, "en", "en") == "Heading\n\none\n\ntwo\n\nPlain."
    assert script_source(page, "en", "en") == "text"
    assert item_script(clip, "en", "en") == "" and script_source(clip, "en", "en") == ""
    assert item_script(slide, "fr", "en") == ""  # the notes are in the course language
    typed = Narration(scripts=(("fr", "Dis ceci."),))
    for item in _items():
        item = type(item)(**{**item.__dict__, "narration": typed})
        assert item_script(item, "fr", "en") == "Dis ceci."
        assert script_source(item, "fr", "en") == "typed"


def test_effective_voice_layers_course_item_and_override():
    from studio.model import Course

    course = Course("c", "C", settings=CourseSettings(narration_voice="en-us",
                                                      narration_rate=160))
    slide = _items()[0]
    assert effective_voice(course, slide) == VoiceSettings("espeak-ng", "en-us", 160, 50)
    overridden = Slide(**{**slide.__dict__, "narration": Narration(
        voice=(("pitch", "70"), ("engine", "festival")))})
    assert effective_voice(course, overridden) == VoiceSettings("festival", "", 160, 70)
    assert effective_voice(course, overridden, {"rate": 200, "voice": None}) == \
        VoiceSettings("festival", "", 200, 70)
    with pytest.raises(InvalidEditError):
        effective_voice(course, slide, {"rate": 9000})
    damaged = Slide(**{**slide.__dict__, "narration": Narration(voice=(("rate", "fast"),))})
    assert effective_voice(course, damaged).rate == 160
    assert VoiceSettings("piper", "", 175, 50, "/v.onnx").as_pairs() == (
        ("engine", "piper"), ("voice", ""), ("rate", "175"), ("pitch", "50"),
        ("voice_file", "/v.onnx"))


def test_set_course_voice_settings(project, dump):
    commands.set_course(project, narration_engine="festival", narration_voice=" slt ",
                        narration_rate="160", narration_pitch=60, loudness="-18")
    got = project.course().settings
    assert (got.narration_engine, got.narration_voice, got.narration_rate,
            got.narration_pitch, got.loudness) == ("festival", "slt", 160, 60, -18.0)
    project.undo()
    assert project.course().settings == CourseSettings()


@pytest.mark.parametrize(("values", "words"), [
    ({"narration_rate": 79}, "80 to 450"), ({"narration_rate": 451}, "80 to 450"),
    ({"narration_pitch": 101}, "0 to 100"), ({"narration_pitch": "x"}, "whole"),
    ({"loudness": -31}, "-30 to -10 LUFS"), ({"loudness": -9}, "-30 to -10 LUFS"),
    ({"loudness": "loud"}, "LUFS"), ({"narration_engine": "sam"}, "espeak-ng"),
    ({"narration_voice": 3}, "text"), ({"glossary": []}, "one entry at a time"),
])
def test_set_course_refuses_voice_settings_out_of_range(project, dump, values, words):
    before = dump(project)
    with pytest.raises(InvalidEditError) as caught:
        commands.set_course(project, **values)
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert dump(project) == before


@pytest.mark.parametrize(("stored", "expected"), [
    ({"narration_rate": 160, "narration_pitch": 0, "loudness": -23},
     CourseSettings(narration_rate=160, narration_pitch=0, loudness=-23.0)),
    ({"narration_rate": 10, "narration_pitch": True, "loudness": 5, "narration_engine": "x"},
     CourseSettings()),
    ({"glossary": [{"word": "a", "say": "b"}], "narration_voice": "en-gb"},
     CourseSettings(glossary=(GlossaryEntry("a", "b"),), narration_voice="en-gb")),
])
def test_the_loader_reads_voice_settings_in_range_only(stored, expected):
    assert course_settings(json.dumps(stored)) == expected


def test_the_loader_reads_slide_cues_questions_and_page_narration():
    props = {"cues": [{"id": "c1", "time": 1.5}], "narration": {"scripts": {"en": "Hi."}},
             "captions": [{"asset_id": "a2", "language": "en", "label": "English"}],
             "narration_asset_id": "a1"}
    row = {"id": "i", "title": "T", "lesson_id": "l", "asset_id": None, "in_point": 0.0,
           "out_point": 0.0, "props": json.dumps(props)}
    slide = item_from_row({**row, "kind": "slide"})
    assert [c.time for c in slide.cue_points] == [1.5]
    assert slide.narration.script("en") == "Hi."
    page = item_from_row({**row, "kind": "page"})
    assert page.narration_asset_id == "a1" and page.captions[0].asset_id == "a2"
    assert page.narration.script("en") == "Hi."

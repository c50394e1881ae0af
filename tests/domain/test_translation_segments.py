"""Segments: every translatable text with a stable, NMTOKEN-safe id, notes a translator
understands, no ids or numbers offered for translation, and sentence splitting that gives the
source back byte for byte."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translation_course import SLIDE_NOTES, build

from studio import commands
from studio.brand.strings import PLAYER_STRING_KEYS
from studio.translation.segments import TITLE_MAX, course_segments
from studio.translation.sentences import (
    LINES,
    PAGE,
    PARAGRAPHS,
    blocks,
    rebuild,
    sentence_spans,
)
from studio.translation.strings import parse_player_strings, player_strings_source

NMTOKEN = re.compile(r"^[A-Za-z0-9._-]+$")


@pytest.fixture
def built(project, video_asset):
    return build(project, video_asset)


def _by_id(project):
    return {s.id: s for s in course_segments(project.course())}


def test_ids_are_unique_nmtoken_safe_and_follow_the_table(project, built):
    segments = course_segments(project.course())
    ids = [s.id for s in segments]
    assert len(ids) == len(set(ids))
    assert all(NMTOKEN.match(i) for i in ids)
    found = set(ids)
    assert {"course.title", "course.description.0", "course.description.1",
            "course.end_message", "course.objective.0", "course.objective.1",
            f"{built.module}.title", f"{built.lesson}.title", f"{built.page}.title",
            f"{built.page}.text.0", f"{built.page}.script.1", f"{built.slide}.text.2",
            f"{built.slide}.notes.3", f"{built.slide}.alt.0", f"{built.slide_cue}.title",
            f"{built.video_cue}.title", f"{built.choice}.prompt",
            f"{built.choice}.choices.1.text", f"{built.choice}.choices.0.feedback",
            f"{built.choice}.feedback.correct", f"{built.choice}.feedback.general",
            f"{built.matching}.pairs.1.right", f"{built.fill}.answers.0",
            f"{built.dragdrop}.categories.0.text", f"{built.dragdrop}.items.1.text",
            f"{built.hotspot}.regions.0.label", f"{built.essay}.modelAnswer",
            f"{built.truefalse}.prompt", "player.next"} <= found
    assert f"{built.slide}.alt.1" not in found  # an empty alt text is nothing to translate


def test_ids_stay_when_other_text_changes(project, built):
    before = _by_id(project)
    commands.rename(project, built.quiz, "Final check")
    commands.add_page(project, built.lesson, "Another", "More text here.", index=0)
    commands.add_module(project, "Extra", index=0)
    after = _by_id(project)
    changed = {i for i in before if i not in after or after[i].text != before[i].text}
    assert changed == {f"{built.quiz}.title"}
    assert after[f"{built.quiz}.title"].text == "Final check"
    assert after[f"{built.choice}.prompt"].note == "Quiz 'Final check', question 1, prompt"


def test_question_data_offers_only_human_readable_strings(project, built):
    segments = course_segments(project.course())
    data = {s.id: s.text for s in segments if s.owner.startswith("q_")}
    texts = set(data.values())
    # ids, category references, asset ids, coordinates, numbers, scoring modes: never
    assert not texts & {"a", "b", "k1", "k2", "d1", "r1", "rect", "2024", "3",
                        "all-or-nothing", "partial"}
    assert f"{built.fill}.answers.1" not in data  # "2024": a number
    assert not [i for i in data if i.startswith(built.numeric) and not i.endswith(".prompt")]
    assert not any(part in {"id", "category", "coords", "shape", "media", "image", "scoring",
                            "weight", "correct"} and not i.endswith("feedback.correct")
                   for i in data for part in i.split(".")[1:])


def test_notes_say_where_the_text_appears(project, built):
    segments = _by_id(project)
    assert segments[f"{built.slide}.notes.2"].note == "Slide 'Overview', speaker notes, sentence 3"
    assert segments[f"{built.choice}.choices.1.feedback"].note == \
        "Quiz 'Check', question 1, choice 2 feedback"
    assert segments[f"{built.video_cue}.title"].note.startswith("Clip 'Demo', cue point")
    assert segments[f"{built.slide}.alt.0"].note == \
        "Slide 'Overview', picture description (alt text) 1"
    assert segments["player.next"].note == "Player interface, button label (next)"


def test_length_limits_where_a_layout_has_one(project, built):
    course = project.course()
    segments = {s.id: s for s in course_segments(course, {built.video: ["Hello there.", "—"]})}
    assert segments["course.title"].max_length == TITLE_MAX == 200
    assert segments[f"{built.page}.title"].max_length == 200
    assert segments[f"{built.video}.caption.0"].max_length == 84
    assert f"{built.video}.caption.1" not in segments  # no letter: nothing to translate
    assert segments["player.next"].max_length == 16
    assert segments["player.printCertificate"].max_length == 2 * len("Print or save as PDF")
    assert segments["player.finished"].max_length is None
    assert segments[f"{built.slide}.notes.0"].max_length is None


def test_sentences_of_notes_keep_abbreviations_whole(project, built):
    segments = _by_id(project)
    notes = [segments[f"{built.slide}.notes.{n}"].text for n in range(4)]
    assert notes == ["Dr. Smith opened the session.", "She asked three questions.",
                     "Then the team met at 9 a.m. in the hall.", "Everyone came."]
    assert f"{built.slide}.notes.4" not in segments
    assert rebuild(SLIDE_NOTES, sentence_spans(SLIDE_NOTES, "en"), notes) == SLIDE_NOTES


def test_page_markup_stays_out_of_segments(project, built):
    texts = [s.text for s in course_segments(project.course())
             if s.id.startswith(f"{built.page}.text.")]
    assert texts[0] == "Welcome aboard"
    assert "Watch the video." in texts and "Read the slides first." in texts
    assert not any(t.startswith(("#", "- ", "1.")) for t in texts)


def test_player_strings_are_parsed_from_core_js_and_equal_the_key_set():
    source = player_strings_source()
    assert set(source) == set(PLAYER_STRING_KEYS)
    assert source["next"] == "Next" and source["choose"] == "Choose…"
    assert source["printCertificate"] == "Print or save as PDF"


def test_player_string_parser_skips_functions_and_decodes_escapes():
    script = ('CP.strings = {\n  a: "One \\"quoted\\"", f: function (n) { return n + " x"; },\n'
              '  b: "Two: \\u00e9", c: cond ? "no" : "no"\n  };')
    assert parse_player_strings(script) == {"a": 'One "quoted"', "b": "Two: é"}
    with pytest.raises(ValueError):
        parse_player_strings("var x = {};")


# --- reversible splitting, on any text -------------------------------------------------------

_WORDS = st.sampled_from([
    "Dr. Smith came.", "e.g. this one", "Hello world!", "Wait...", "z. B. das", "—", "2024.",
    "It is 9 a.m. now.", "Mr. Li said: «Go»?", "<b>Bold</b> text.", "{name} left.", "Ok", "",
    "U.S.A. is big.", "Über alles.", "Why? Because.", "   ", "\t",
])
_PREFIXES = st.sampled_from(["", "", "# ", "## ", "- ", "* ", "1. ", "12) ", "  ", " - "])
_LINE = st.builds(lambda p, ws, tail: p + " ".join(ws) + tail, _PREFIXES,
                  st.lists(_WORDS, max_size=4), st.sampled_from(["", " ", "  ", "\r"]))
_TEXT = st.builds("\n".join, st.lists(_LINE, max_size=8))


def _check_spans(text: str, spans) -> None:
    cursor = 0
    for start, end in spans:
        assert cursor <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        cursor = end
    assert rebuild(text, spans, [text[a:b] for a, b in spans]) == text
    marked = rebuild(text, spans, [f"<<{n}>>" for n in range(len(spans))])
    assert rebuild(marked, [(marked.index(f"<<{n}>>"), marked.index(f"<<{n}>>") + len(f"<<{n}>>"))
                            for n in range(len(spans))],
                   [text[a:b] for a, b in spans]) == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from([LINES, PARAGRAPHS, PAGE]), st.sampled_from(["en", "de", "fr"]))
def test_every_field_rebuilds_from_its_own_sentences_byte_for_byte(text, layout, language):
    _check_spans(text, sentence_spans(text, language, layout))


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_page_markup_prefixes_never_enter_a_sentence(text):
    for start, _end in sentence_spans(text, "en", PAGE):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start) % (len(text) + 1)
        line = text[line_start:line_end]
        prefix = re.match(r"(?:#{1,6}|[-*]|\d+[.)])\s+", line.strip())
        if prefix:
            assert start >= line_start + len(line) - len(line.lstrip()) + prefix.end()


def test_blocks_by_layout():
    text = "# Head\nprose one\nprose two\n\n- item\nlast"
    assert [text[a:b] for a, b in blocks(text, PAGE)] == [
        "Head", "prose one\nprose two", "item", "last"]
    assert [text[a:b] for a, b in blocks(text, LINES)] == [
        "# Head", "prose one", "prose two", "- item", "last"]
    assert [text[a:b] for a, b in blocks(text, PARAGRAPHS)] == [
        "# Head\nprose one\nprose two", "- item\nlast"]
    with pytest.raises(ValueError):
        blocks(text, "columns")


def test_owner_item_and_field(project, built):
    segments = _by_id(project)
    choice = segments[f"{built.choice}.choices.1.text"]
    assert (choice.owner, choice.item, choice.field) == (built.choice, built.quiz, "choice")
    assert segments[f"{built.choice}.choices.1.feedback"].field == "feedback"
    assert segments[f"{built.choice}.feedback.general"].field == "feedback"
    assert segments[f"{built.matching}.pairs.0.left"].field == "pair"
    cue = segments[f"{built.video_cue}.title"]
    assert (cue.owner, cue.item, cue.field) == (built.video_cue, built.video, "cue")
    notes = segments[f"{built.slide}.notes.0"]
    assert (notes.owner, notes.item, notes.field) == (built.slide, built.slide, "notes")
    assert segments[f"{built.lesson}.title"].item is None
    assert segments["course.objective.1"].owner == "course"
    assert segments["player.next"].owner == "player"


def test_only_markup_is_an_inline_code_and_words_in_angle_brackets_are_text():
    from studio.translation.units import INLINE_CODE

    assert INLINE_CODE.findall("Fire safety <basics> & x < y > z") == []
    assert INLINE_CODE.findall("<v Anna><i>Hi</i> <c.loud>there</c><br/>") == [
        "<v Anna>", "<i>", "</i>", "<c.loud>", "</c>", "<br/>"]
    assert INLINE_CODE.findall("a <00:01.500> b, Item {current} of {total}") == [
        "<00:01.500>", "{current}", "{total}"]

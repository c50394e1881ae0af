"""The variant of a course in a target language: same structure and ids, translated text
everywhere a segment was translated, the source where it was not."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translation_course import PAGE_TEXT, SCRIPT, SLIDE_NOTES, build

from studio import commands
from studio.model import (
    CaptionTrack,
    Course,
    CuePoint,
    ItemKind,
    Lesson,
    Module,
    Narration,
    NarrationTrack,
    Page,
    Question,
    Quiz,
    Slide,
    SpokenSentence,
)
from studio.narration.script import item_script
from studio.translation.pseudo import pseudo_text
from studio.translation.segments import course_segments, question_strings
from studio.translation.units import INLINE_CODE, Translation
from studio.translation.variant import player_strings, remap_by_sentence, translated


def _all(course: Course, language: str, make) -> Course:
    segments = course_segments(course)
    return replace(course, translations={language: {
        s.id: Translation(language, s.id, make(s.text), s.source_hash, s.text)
        for s in segments}})


def _texts(course: Course, language: str) -> list[str]:
    """Every text of a course a learner reads or hears in ``language``."""
    found = [course.title, course.description, course.settings.end_message,
             *course.settings.objectives]
    for module in course.modules:
        found.append(module.title)
        for lesson in module.lessons:
            found.append(lesson.title)
            for item in lesson.items:
                found.append(item.title)
                found += [getattr(item, name, "") for name in ("text", "notes")]
                found += list(getattr(item, "alt_texts", ()))
                found += [c.title for c in getattr(item, "cue_points", ())]
                for question in getattr(item, "questions", ()):
                    found.append(question.prompt)
                    found += [text for _path, text in question_strings(question)]
                if getattr(item, "narration", None) is not None:
                    found.append(item_script(item, language, language))
    return found


def _shape(course: Course) -> list:
    """Ids, kinds and the structure of question data, without the text."""
    def skeleton(value):
        if isinstance(value, dict):
            return {k: skeleton(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [skeleton(v) for v in value]
        return type(value).__name__
    return [(m.id, [(lesson.id, [(i.id, i.kind, [c.id for c in getattr(i, "cue_points", ())],
                                  [(q.id, q.type, skeleton(q.data))
                                   for q in getattr(i, "questions", ())])
                                 for i in lesson.items]) for lesson in m.lessons])
            for m in course.modules]


@pytest.fixture
def course(project, video_asset) -> Course:
    build(project, video_asset)
    return project.course()


def test_a_fully_translated_variant_has_no_source_text_left(course):
    variant = translated(_all(course, "qps-ploc", lambda t: pseudo_text(t, "qps-ploc")),
                         "qps-ploc")
    assert variant.language == "qps-ploc"
    assert _shape(variant) == _shape(course)
    for text in _texts(variant, "qps-ploc"):
        left = INLINE_CODE.sub("", text)
        assert not re.search(r"[A-Za-z]", left), text
    # the inline codes are still there
    assert "<b>" in next(q for i in variant.items() for q in getattr(i, "questions", ())
                         if "<b>" in q.prompt).prompt


def test_rebuilt_fields_keep_the_source_layout(course):
    variant = translated(_all(course, "fr", lambda t: f"«{t}»"), "fr")
    page = next(i for i in variant.items() if i.kind == ItemKind.PAGE)
    assert page.text.startswith("# «Welcome aboard»\n\n«This course takes ten minutes.» «It")
    assert "- «Watch the video.»\n- «Answer the questions.»\n1. «Read the slides first.» " \
        "«Then take the quiz.»" in page.text
    slide = next(i for i in variant.items() if i.kind == ItemKind.SLIDE)
    assert slide.notes.count("\n\n") == SLIDE_NOTES.count("\n\n")
    assert slide.alt_texts == ("«A red warning sign»", "")
    assert item_script(page, "fr", "fr") == "«Read this aloud.» «Then read <i>this</i> too.»"
    assert item_script(slide, "fr", "fr") == slide.notes


def test_untranslated_segments_keep_the_source(course):
    assert _texts(translated(course, "de"), "de") == _texts(course, course.language)
    assert _shape(translated(course, "de")) == _shape(course)
    page = next(i for i in translated(course, "de").items() if i.kind == ItemKind.PAGE)
    assert page.text == PAGE_TEXT
    assert page.narration.script("de") == SCRIPT


def test_needs_review_still_used_and_new_keeps_source(project, course):
    segments = {s.id: s for s in course_segments(course)}
    title = segments["course.title"]
    commands.store_translations(project, "fr", [
        Translation("fr", title.id, "Cours", "0" * 16, "An older title")])
    variant = translated(project.course(), "fr")
    assert variant.title == "Cours"
    assert variant.description == course.description


def test_player_strings_only_translated_ones(project, course):
    segments = {s.id: s for s in course_segments(course)}
    nxt = segments["player.next"]
    commands.store_translations(project, "fr", [
        Translation("fr", nxt.id, "Suivant", nxt.source_hash, nxt.text)])
    assert player_strings(project.course(), "fr") == {"next": "Suivant"}
    assert player_strings(project.course(), "de") == {}


_PIECES = st.sampled_from(["Dr. Smith came.", "e.g. this one", "Hi!", "—", "2024.", "",
                           "It is 9 a.m. now.", "<b>Bold</b> text.", "Why? Because.", " "])
_LINES = st.lists(st.builds(lambda p, w: p + " ".join(w),
                            st.sampled_from(["", "# ", "- ", "1. ", "  "]),
                            st.lists(_PIECES, max_size=3)), max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.builds("\n".join, _LINES), st.builds("\n".join, _LINES))
def test_a_variant_translated_into_its_own_sentences_is_the_source(page_text, notes):
    lesson = Lesson("les_1", "Lesson", "mod_1", (
        Page("itm_p", ItemKind.PAGE, "Page", "les_1", text=page_text),
        Slide("itm_s", ItemKind.SLIDE, "Slide", "les_1", text=notes, notes=notes,
              narration=Narration(scripts=(("en", notes),)))))
    course = Course("c1", "Course", description=notes,
                    modules=(Module("mod_1", "Module", (lesson,)),))
    variant = translated(_all(course, "fr", lambda t: t), "fr")
    page, slide = variant.items()
    assert page.text == page_text
    assert slide.text == notes and slide.notes == notes and variant.description == notes
    assert slide.narration.script("en") == notes


# --- narration per language ------------------------------------------------------------------

def _track(language, spans, duration, sound, captions):
    return NarrationTrack(language, "synthesised", sound, captions, duration, tuple(
        SpokenSentence(text, start, end) for text, start, end in spans))


def _narrated_course() -> Course:
    english = _track("en", [("One.", 0.0, 2.0), ("Two.", 2.35, 5.0)], 5.5, "ast_en", "vtt_en")
    french = _track("fr", [("Un.", 0.0, 3.0), ("Deux.", 3.35, 7.0)], 7.5, "ast_fr", "vtt_fr")
    cues = (CuePoint("cue_a", 1.0, "Early"), CuePoint("cue_b", 3.0, "Middle"),
            CuePoint("cue_c", 5.2, "Late"), CuePoint("cue_0", 0.0, "Start"))
    slide = Slide("itm_s", ItemKind.SLIDE, "Slide", "les_1", notes="One. Two.",
                  slide_duration=5.5, narration_asset_id="ast_en",
                  captions=(CaptionTrack("vtt_en", "en", "English"),
                            CaptionTrack("vtt_fr", "fr", "French")),
                  narration=Narration(tracks=(english, french)), cue_points=cues)
    page = Page("itm_p", ItemKind.PAGE, "Page", "les_1", text="# Hello\n\nRead me.",
                narration_asset_id="ast_pen",
                narration=Narration(tracks=(
                    _track("en", [("Hello", 0, 1), ("Read me.", 1.35, 2)], 2, "ast_pen", None),
                    _track("fr", [("Bonjour", 0, 1), ("Lis.", 1.35, 2.5)], 2.5, "ast_pfr",
                           "vtt_pfr"))))
    return Course("c1", "Course", modules=(Module("mod_1", "Module", (
        Lesson("les_1", "Lesson", "mod_1", (slide, page)),)),))


def test_a_track_in_the_language_gives_sound_duration_captions_and_moved_cues():
    variant = translated(_narrated_course(), "fr")
    slide, page = variant.items()
    assert slide.narration_asset_id == "ast_fr" and slide.slide_duration == 7.5
    assert slide.captions == (CaptionTrack("vtt_fr", "fr", "French"),)
    times = {c.id: c.time for c in slide.cue_points}
    # the cue keeps its sentence and its offset scaled into the translated sentence
    assert times["cue_0"] == 0.0
    assert times["cue_a"] == 1.5  # 1 s of 2 s in "One." -> 1.5 s of 3 s in "Un."
    assert times["cue_b"] == round(3.35 + 0.65 * 3.65 / 2.65, 3)
    assert times["cue_c"] == 7.2  # 0.2 s into the pause after the last sentence
    assert [c.id for c in slide.cue_points] == ["cue_0", "cue_a", "cue_b", "cue_c"]
    assert [c.title for c in slide.cue_points] == ["Start", "Early", "Middle", "Late"]
    assert page.narration_asset_id == "ast_pfr"
    assert page.captions == (CaptionTrack("vtt_pfr", "fr", "French"),)


def test_without_a_track_in_the_language_the_source_narration_stays():
    course = _narrated_course()
    variant = translated(course, "de")
    for before, after in zip(course.items(), variant.items(), strict=True):
        assert after.narration_asset_id == before.narration_asset_id
        assert after.captions == before.captions
        assert after.narration.tracks == before.narration.tracks
    assert variant.items()[0].slide_duration == 5.5
    assert variant.items()[0].cue_points == course.items()[0].cue_points
    assert variant.items()[0].narration.script("de") == "One. Two."


def test_cues_of_a_sentence_the_translation_lacks_go_to_its_end():
    english = _track("en", [("One.", 0.0, 1.0), ("Two.", 1.35, 2.0), ("Three.", 2.35, 3.0)],
                     3.0, "a", None)
    french = _track("fr", [("Un, deux.", 0.0, 1.5)], 1.5, "b", None)
    moved = remap_by_sentence(english, french, (CuePoint("c", 2.5), CuePoint("d", 0.5)))
    assert [(c.id, c.time) for c in moved] == [("d", 0.75), ("c", 1.5)]
    assert remap_by_sentence(None, french, (CuePoint("e", 9.0),))[0].time == 1.5


def test_the_source_language_gives_the_course_itself(course):
    assert translated(course, course.language) is course


def test_question_data_given_as_tuples_is_rebuilt():
    question = Question("q_1", "sequencing", "Order them.", data={
        "items": ({"id": "s1", "text": "First"}, {"id": "s2", "text": "Second"})})
    quiz = Quiz("itm_q", ItemKind.QUIZ, "Quiz", "les_1", questions=(question,))
    course = Course("c1", "Course", modules=(Module("mod_1", "Module", (
        Lesson("les_1", "Lesson", "mod_1", (quiz,)),)),))
    variant = translated(_all(course, "fr", lambda t: f"«{t}»"), "fr")
    asked = variant.items()[0].questions[0]
    assert asked.prompt == "«Order them.»"
    assert [e["text"] for e in asked.data["items"]] == ["«First»", "«Second»"]
    assert [e["id"] for e in asked.data["items"]] == ["s1", "s2"]

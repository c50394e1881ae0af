"""Drift: after planted source edits, exactly the planted segments need review or are new;
no false positive, no miss."""

from __future__ import annotations

import pytest
from translation_course import PAGE_TEXT, SLIDE_NOTES, SLIDE_TEXT, build

from studio import commands
from studio.translation.drift import LanguageStatus, family, states, status
from studio.translation.segments import course_segments
from studio.translation.units import SegmentState, Translation


def _translate_all(project) -> dict[str, str]:
    segments = course_segments(project.course())
    commands.store_translations(project, "fr", [
        Translation("fr", s.id, f"fr {s.text}", s.source_hash, s.text) for s in segments])
    return {s.id: s.text for s in segments}


def _flagged(project) -> tuple[set[str], set[str], LanguageStatus]:
    course = project.course()
    found = status(course, "fr", course_segments(course))
    return set(found.needs_review), set(found.new), found


@pytest.fixture
def translated(project, video_asset):
    built = build(project, video_asset)
    _translate_all(project)
    return built


def test_everything_current_after_translating(project, translated):
    review, new, found = _flagged(project)
    assert not review and not new and not found.obsolete
    assert found.current == found.total
    assert found.summary() == f"fr: up to date, {found.total} segments"


def test_planted_source_edits_are_found_exactly(project, translated):
    b = translated
    # edit one sentence of the notes
    commands.set_item(project, b.slide, notes=SLIDE_NOTES.replace("three questions",
                                                                  "four questions"))
    # insert a sentence before the others of the page's second paragraph
    commands.set_item(project, b.page, text=PAGE_TEXT.replace(
        "This course takes", "Take your time. This course takes"))
    # delete a sentence of the slide text
    commands.update_slide(project, b.slide, text=SLIDE_TEXT.replace(" Always.", ""))
    # edit a title and a choice
    commands.rename(project, b.lesson, "First steps, revised")
    course = project.course()
    question = next(q for q in course.find(b.quiz).questions if q.id == b.choice)
    data = dict(question.data)
    data["choices"] = [dict(c) for c in data["choices"]]
    data["choices"][1]["text"] = "Helmet in the bag"
    commands.edit_question(project, b.choice, data=data)
    # change only spacing: between two sentences (no segment changes), inside one (an edit)
    commands.set_course(project, description="A short course on safety.  It has  two parts.")

    review, new, found = _flagged(project)
    assert review == {f"{b.slide}.notes.1", f"{b.lesson}.title",
                      f"{b.choice}.choices.1.text", "course.description.1"}
    assert new == {f"{b.page}.text.1"}  # "Take your time."
    # the deleted sentence "Always." is no segment any more; its translation is obsolete
    assert found.obsolete == (f"{b.slide}.text.1",)
    assert found.summary() == "fr: 4 segments need review, 1 new"


def test_moved_sentences_keep_their_translations(project, translated):
    b = translated
    commands.set_item(project, b.page, text=PAGE_TEXT.replace(
        "# Welcome aboard", "# Welcome aboard\n\nA new first paragraph."))
    course = project.course()
    stored = course.translations["fr"]
    found = states(course_segments(course), stored)
    assert found[f"{b.page}.text.1"][0] is SegmentState.NEW
    for n in range(2, 9):  # every later sentence moved one place on
        state, used = found[f"{b.page}.text.{n}"]
        assert state is SegmentState.CURRENT
        assert used.segment == f"{b.page}.text.{n - 1}"


def test_states_rules_on_plain_data():
    def seg(i, text):
        from studio.translation.units import Segment
        return Segment(i, text, "x", None, "notes")

    def tr(i, text):
        from studio.translation.units import source_hash
        return Translation("fr", i, f"fr {text}", source_hash(text), text)

    stored = {"x.notes.0": tr("x.notes.0", "One."), "x.notes.1": tr("x.notes.1", "Two."),
              "x.title": tr("x.title", "Old")}
    found = states([seg("x.notes.0", "Two."), seg("x.notes.1", "Three."),
                    seg("x.title", "New"), seg("x.alt.0", "Pic")], stored)
    assert found["x.notes.0"] == (SegmentState.CURRENT, stored["x.notes.1"])  # rule 2
    assert found["x.notes.1"] == (SegmentState.NEW, None)  # its stored one moved away
    assert found["x.title"] == (SegmentState.NEEDS_REVIEW, stored["x.title"])  # rule 3
    assert found["x.alt.0"] == (SegmentState.NEW, None)  # rule 4
    assert family("itm_1.notes.3") == "itm_1.notes.*" and family("q_1.prompt") == "q_1.prompt"
    assert family("q_1.choices.2.text") == "q_1.choices.*.text"


@pytest.mark.parametrize(("review", "new", "total", "text"), [
    (3, 2, 10, "fr: 3 segments need review, 2 new"),
    (1, 0, 10, "fr: 1 segment needs review"),
    (0, 1, 10, "fr: 1 new segment"),
    (0, 4, 10, "fr: 4 new segments"),
    (0, 0, 1, "fr: up to date, 1 segment"),
    (0, 0, 120, "fr: up to date, 120 segments"),
])
def test_summary_wording(review, new, total, text):
    found = LanguageStatus("fr", total, total - review - new,
                           tuple(f"r{i}" for i in range(review)),
                           tuple(f"n{i}" for i in range(new)), ())
    assert found.summary() == text


def test_a_language_without_translations_is_all_new(project, translated):
    course = project.course()
    found = status(course, "de", course_segments(course))
    assert found.current == 0 and len(found.new) == found.total


def test_a_choice_inserted_before_the_others_is_the_only_new_one(project, translated):
    b = translated
    question = next(q for q in project.course().find(b.quiz).questions if q.id == b.choice)
    data = dict(question.data)
    data["choices"] = [{"id": "c", "text": "Gloves on", "feedback": "Also right."},
                       *data["choices"]]
    commands.edit_question(project, b.choice, data=data)
    review, new, found = _flagged(project)
    assert not review
    assert new == {f"{b.choice}.choices.0.text", f"{b.choice}.choices.0.feedback"}
    assert not found.obsolete


def test_translations_over_their_length_limit():
    from studio.translation.drift import over_length, over_length_list
    from studio.translation.units import Segment

    segments = [Segment("player.next", "Next", "player", None, "next", max_length=16),
                Segment("itm_1.title", "Intro", "itm_1", "itm_1", "title", max_length=10),
                Segment("itm_1.notes.0", "Notes.", "itm_1", "itm_1", "notes")]
    texts = {"player.next": "Passer à la diapositive suivante",
             "itm_1.title": "<i>Einführung</i>",  # 10 characters once the codes are left out
             "itm_1.notes.0": "x" * 500}
    found = over_length(segments, texts)
    assert found == (("player.next", 32, 16),)
    assert over_length_list(found) == "player.next (32/16)"

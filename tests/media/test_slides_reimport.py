"""Re-importing a revised deck updates slide items in place, matched by PowerPoint's slide id."""

import json

import pytest
from pptx import Presentation

from studio import commands
from studio.media.pptx_import import import_deck
from studio.store import Project
from tests.slides_decks import build_deck


def _delete_slide(deck, index: int) -> None:
    slide_ids = deck.slides._sldIdLst
    entry = slide_ids[index]
    deck.part.drop_rel(entry.rId)
    slide_ids.remove(entry)


@pytest.fixture
def revised(tmp_path):
    """The original deck, and a revision: slide 3 (Results) edited, slide 4 (picture) deleted,
    a new slide at the end, slides 3 and 5 swapped in order."""
    folder = tmp_path / "v2"
    folder.mkdir()
    original = build_deck(tmp_path / "Course deck.pptx")
    deck = Presentation(str(original))
    deck.slides[2].shapes[0].text_frame.text = "Results, revised"
    deck.slides[2].notes_slide.notes_text_frame.text = "New notes."
    extra = deck.slides.add_slide(deck.slide_layouts[5])
    extra.shapes.title.text = "Next steps"
    _delete_slide(deck, 3)
    ids = deck.slides._sldIdLst
    results, accents = ids[2], ids[3]
    ids.remove(accents)
    ids.insert(2, accents)
    deck.save(folder / "Course deck.pptx")
    assert results is not None
    return original, folder / "Course deck.pptx"


def test_revised_deck_updates_in_place_and_keeps_attached_data(tmp_path, revised):
    original, revision = revised
    with Project.create(tmp_path / "R.course", "R") as project:
        first = import_deck(project, original, new_lesson="Deck", renderer="builtin")
        welcome, results, picture, accents = first.added
        first_sha = json.loads(project.conn.execute(
            "SELECT props FROM items WHERE id = ?", (results,)).fetchone()[0])["source"][
            "deck_sha256"]
        lesson = first.lesson_id
        quiz = commands.add_quiz(project, lesson, "Check", index=2)  # after Results
        commands.add_question(project, quiz, "truefalse", "Reviews matter.",
                              data={"answer": True})
        commands.set_item(project, results, duration=42)
        commands.rename(project, welcome, "Hello and welcome")

        second = import_deck(project, revision, lesson_id=lesson, renderer="builtin")

        course = project.course()
        items = course.lessons()[0].items
        assert set(second.updated) == {welcome, results, accents}
        assert second.removed == ("A picture",)
        assert len(second.added) == 1
        assert [i.id for i in items] == [welcome, accents, results, quiz, second.added[0]]
        assert items[0].title == "Hello and welcome"  # the designer's title stays
        updated = course.find(results)
        assert updated.title == "Results, revised"  # a title as the deck had it follows it
        assert updated.duration == 42 and updated.notes == "New notes."
        assert len(course.find(quiz).questions) == 1
        props = json.loads(project.conn.execute(
            "SELECT props FROM items WHERE id = ?", (results,)).fetchone()[0])
        assert props["source"]["slide_number"] == 4 and props["source"]["deck_sha256"] != \
            first_sha
        assert project.history.undo_name() == "Import Course deck.pptx"
        project.undo()
        assert [i.id for i in project.course().lessons()[0].items] == [
            welcome, results, quiz, picture, accents]


def test_same_deck_into_another_lesson_is_a_fresh_import(tmp_path, revised):
    original, _ = revised
    with Project.create(tmp_path / "F.course", "F") as project:
        first = import_deck(project, original, new_lesson="One", renderer="builtin")
        second = import_deck(project, original, new_lesson="Two", renderer="builtin")
        assert len(second.added) == 4 and second.updated == ()
        assert set(first.added).isdisjoint(second.added)
        again = import_deck(project, original, lesson_id=first.lesson_id, renderer="builtin")
        assert again.added == () and set(again.updated) == set(first.added)

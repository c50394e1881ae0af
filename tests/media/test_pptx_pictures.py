"""The deck import records every picture of a slide (described or not, decorative or not)
and every text box, its place in fractions of the slide, its size, weight and colour."""

from __future__ import annotations

import pytest

from studio import commands
from studio.media.pptx_import import import_deck
from studio.slide_layout import SlidePicture, TextBox
from studio.store import Project
from tests.slides_decks import build_picture_deck


@pytest.fixture
def imported(tmp_path):
    deck = build_picture_deck(tmp_path / "exits.pptx")
    with Project.create(tmp_path / "P.course", "Exits") as project:
        report = import_deck(project, deck, new_lesson="Deck", renderer="builtin")
        yield project, report.added[0], deck


def test_every_picture_is_recorded_with_its_description_and_decorative_mark(imported):
    project, item, _deck = imported
    slide = project.course().find(item)
    assert [(p.alt, p.decorative) for p in slide.pictures] == [
        ("A red and blue sign", False), ("", False), ("", True), ("image.png", False)]
    assert all(isinstance(p, SlidePicture) and p.name for p in slide.pictures)
    assert slide.alt_texts == ("A red and blue sign", "image.png")  # the player's, as before


def test_text_boxes_are_fractions_of_the_slide_with_size_weight_and_colour(imported):
    project, item, _deck = imported
    boxes = {b.text: b for b in project.course().find(item).text_boxes}
    assert list(boxes)[0] == "Fire exits"  # reading order: the title first
    grey = boxes["Know where your nearest exit is"]
    assert isinstance(grey, TextBox)
    assert (grey.x, grey.y, grey.width, grey.height) == pytest.approx((0.1, 0.1, 0.5, 0.2),
                                                                      abs=1e-3)
    assert (grey.size_pt, grey.bold, grey.colour) == (24.0, True, "#777777")
    title = boxes["Fire exits"]
    assert title.size_pt > 0 and not title.bold  # inherited from the layout and master
    grouped = boxes["Grouped caption"]
    assert grouped.x == pytest.approx(10 / 13.333, abs=1e-3)
    assert grouped.y == pytest.approx(5 / 7.5, abs=1e-3)
    assert all(0 <= v <= 1 for b in boxes.values() for v in (b.x, b.y, b.width, b.height))


def test_a_description_given_in_the_studio_survives_a_reimport(imported):
    project, item, deck = imported
    commands.set_picture_alt(project, item, 1, "An exit sign")
    commands.set_picture_alt(project, item, 3, "A blue sign")  # the deck says "image.png"
    assert project.course().find(item).alt_texts == (
        "A red and blue sign", "An exit sign", "A blue sign")
    import_deck(project, deck, lesson_id=project.course().find(item).lesson_id,
                renderer="builtin")
    slide = project.course().find(item)
    assert [(p.alt, p.decorative) for p in slide.pictures] == [
        ("A red and blue sign", False), ("An exit sign", False), ("", True),
        ("A blue sign", False)]
    assert slide.alt_texts == ("A red and blue sign", "An exit sign", "A blue sign")

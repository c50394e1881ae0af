"""The built-in renderer checked region by region on decks whose layout the tests know, and
the slide image cache."""

import pytest
from PIL import Image, ImageStat
from pptx.util import Inches

from studio.media.pptx_reader import read_deck
from studio.media.slide_render import fit_size, render_deck
from tests.slides_decks import (
    CROWDED_TEXTS,
    TITLE_BOX,
    build_crowded_deck,
    build_deck,
    emu_box_to_pixels,
)

WIDE = Inches(13.333)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    deck = read_deck(build_deck(folder / "deck.pptx"))
    rendered = render_deck(deck, folder / "cache", fit_size(deck), renderer="builtin")
    return deck, rendered, folder, {n: Image.open(p).convert("RGB")
                                    for n, p in rendered.images.items()}


def box(left, top, width, height):
    return emu_box_to_pixels((Inches(left), Inches(top), Inches(width), Inches(height)), WIDE,
                             1280)


def ink(image, region) -> float:
    histogram = image.convert("L").crop(region).histogram()
    return sum(histogram[:128]) / sum(histogram)


def mean(image, region):
    return tuple(round(v) for v in ImageStat.Stat(image.crop(region)).mean)


def test_every_visible_slide_is_drawn_at_the_course_size(drawn):
    deck, rendered, _, images = drawn
    assert rendered.renderer == "builtin" and not rendered.cached
    assert sorted(images) == [1, 3, 4, 5]  # slide 2 is hidden
    for image in images.values():
        assert image.size == (1280, 720)
        assert max(ImageStat.Stat(image.convert("L")).stddev) > 5


def test_text_is_where_the_text_boxes_are_and_nowhere_else(drawn):
    _, _, _, images = drawn
    title = emu_box_to_pixels(TITLE_BOX, WIDE, 1280)
    for number in (3, 4, 5):
        assert ink(images[number], title) > 0.02, number
    accents = images[5]  # a non-ASCII title and nothing else
    assert ink(accents, (0, title[3] + 10, 1280, 720)) == 0
    assert ink(accents, (title[2] + 10, 0, 1280, 720)) == 0
    assert mean(accents, (0, 600, 1280, 720)) == (255, 255, 255)


def test_title_and_bullets_of_a_layout_follow_the_master(drawn):
    _, _, _, images = drawn
    welcome = images[1]
    assert ink(welcome, (0, 0, 1280, 130)) > 0.005  # the centred title
    left_column = ink(welcome, (0, 140, 640, 500))
    right_column = ink(welcome, (700, 140, 1280, 500))
    assert left_column > 0.01 and right_column < left_column / 5  # left-aligned bullets


def test_a_cropped_picture_shows_only_its_kept_part(drawn):
    _, _, _, images = drawn
    red, green, blue = mean(images[4], box(1.1, 2.6, 1.8, 1.8))
    assert red > 240 and green < 15 and blue < 15


def test_tables_have_their_header_row_and_cell_text(drawn):
    _, _, _, images = drawn
    table = images[3]
    header = mean(table, box(6.4, 2.55, 0.5, 0.3))  # right of "Score"
    assert header == pytest.approx((79, 129, 189), abs=3)  # the theme's accent 1
    assert ink(table, box(1, 3.2, 3, 0.6)) > 0.005  # "North" in the body row


def test_groups_are_drawn_inside_their_frame(drawn):
    _, _, _, images = drawn
    picture_slide = images[4]
    assert ink(picture_slide, box(6, 3, 3, 1)) > 0.005  # the grouped text box
    shape = mean(picture_slide, box(6.3, 4.7, 1.4, 0.6))
    assert shape == pytest.approx((79, 129, 189), abs=3)  # the grouped rectangle


def test_images_are_cached_by_deck_slide_renderer_and_size(drawn):
    deck, rendered, folder, _ = drawn
    again = render_deck(deck, folder / "cache", fit_size(deck), renderer="builtin")
    assert again.cached and again.images == rendered.images
    smaller = render_deck(deck, folder / "cache", (640, 360), renderer="builtin")
    assert not smaller.cached and set(smaller.images.values()).isdisjoint(
        rendered.images.values())
    assert Image.open(smaller.images[1]).size == (640, 360)


@pytest.mark.parametrize("font", ["Nonesuch Grotesk", "Calibri"])
def test_text_never_leaves_its_box_whatever_font_stands_in(tmp_path, font):
    deck = read_deck(build_crowded_deck(tmp_path / "crowded.pptx", font))
    rendered = render_deck(deck, tmp_path / "cache", fit_size(deck), renderer="builtin")
    for number, (text, _, _, (left, top, width, height)) in enumerate(CROWDED_TEXTS, 1):
        image = Image.open(rendered.images[number]).convert("L")
        inked = image.point(lambda v: 255 if v < 250 else 0)  # every pixel text touched
        x0, y0, x1, y1 = box(left, top, width, height)
        assert inked.getbbox() is not None, text
        outside = inked.copy()
        outside.paste(0, (x0, y0, x1, y1))
        assert outside.getbbox() is None, (text, inked.getbbox(), (x0, y0, x1, y1))
        if number < len(CROWDED_TEXTS):  # shrunk to fit, not cut: ink clear of the edges
            ix0, iy0, ix1, iy1 = inked.getbbox()
            assert ix0 > x0 and iy0 > y0 and ix1 < x1 and iy1 < y1, (text, inked.getbbox())
            assert ink(image, (x0, y0, x1, y1)) > 0.01, text

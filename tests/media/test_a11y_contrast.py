"""Text contrast measured on rendered slides (WCAG 2.2 SC 1.4.3): a planted light-grey-on-white
slide fails naming its text and ratio, dark text passes, unknown text positions ask for a look."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW
from studio.a11y.verdicts import judge_all
from studio.media import slide_ocr
from studio.media.a11y_media import media_findings
from studio.media.pptx_reader import read_deck
from studio.media.render_libreoffice import find_soffice
from studio.media.slide_contrast import measure_slide
from studio.media.slide_render import render_deck
from studio.model import Asset, Course, ItemKind, Lesson, Module, Slide
from studio.slide_layout import TextBox

WIDTH, HEIGHT = 13.333, 7.5  # inches
# (text, colour, size in points, bold, box in inches: left, top, width, height)
SLIDES = [
    ("Light grey words nobody can read", "CCCCCC", 28, False, (1, 1, 10, 1.5)),
    ("Dark words on white paper", "222222", 28, False, (1, 1, 10, 1.5)),
    ("Mid grey small print", "949494", 12, False, (1, 3, 8, 1)),  # 3.03:1, normal size
    ("Mid grey heading", "949494", 24, True, (1, 3, 8, 1)),  # 3.03:1, large: passes
]


def build(path: Path) -> Path:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH), Inches(HEIGHT)
    for text, colour, size, bold, box in SLIDES:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
        frame.text = text
        run = frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor.from_string(colour)
    deck.save(path)
    return path


def text_box(number: int) -> TextBox:
    text, colour, size, bold, (left, top, width, height) = SLIDES[number - 1]
    return TextBox(left / WIDTH, top / HEIGHT, width / WIDTH, height / HEIGHT, size, bold,
                   "#" + colour, text)


def with_boxes(slide: Slide, boxes) -> Slide:
    """The slide holding ``boxes`` as the deck import records them."""
    return dataclasses.replace(slide, text_boxes=boxes)


@pytest.fixture(scope="module", params=["builtin", "libreoffice"])
def bundle(tmp_path_factory, request) -> Path:
    """A project folder whose media hold the deck's slides drawn by each slide renderer."""
    if request.param == "libreoffice" and not find_soffice():
        pytest.skip("LibreOffice is not installed")
    root = tmp_path_factory.mktemp("contrast")
    deck = read_deck(build(root / "contrast.pptx"))
    rendered = render_deck(deck, root / "cache", (1280, 720), request.param)
    (root / "bundle" / "media").mkdir(parents=True)
    for number, image in rendered.images.items():
        shutil.copy(image, root / "bundle" / "media" / f"slide{number}.png")
    return root / "bundle"


def course_of(bundle: Path, slides: list[Slide]) -> Course:
    assets = {f"a{n}": Asset(f"a{n}", f"sha{n}", f"slide{n}.png", f"slide{n}.png", "image",
                             1, width=1280, height=720) for n in range(1, len(SLIDES) + 1)}
    return Course("c1", "Contrast", modules=(Module("m1", "Module", (
        Lesson("l1", "Lesson", "m1", tuple(slides)),)),), assets=assets)


def slide(number: int, boxes=None, source=None) -> Slide:
    made = Slide(f"s{number}", ItemKind.SLIDE, f"Slide {number}", "l1", asset_id=f"a{number}",
                 source=source or {"kind": "pptx"})
    return with_boxes(made, boxes if boxes is not None else (text_box(number),))


def verdict(findings, criterion: str) -> str:
    return next(r.verdict for r in judge_all(findings) if r.criterion.id == criterion)


def test_light_grey_on_white_fails_naming_the_slide_text_and_ratio(bundle):
    findings = media_findings(course_of(bundle, [slide(1)]), bundle)
    fails = [f for f in findings if f.outcome == FAIL]
    assert [(f.criterion, f.item, f.source) for f in fails] == [("1.4.3", "s1", "media")]
    assert "Light grey words nobody can read" in fails[0].text
    assert "1.6" in fails[0].text and "below the 3:1" in fails[0].text  # 28 pt is large
    assert verdict(findings, "1.4.3") == "does-not-support"
    assert verdict(findings, "2.3.1") == "not-applicable"  # a planted defect, only its own


def test_dark_text_on_white_passes_with_its_count_and_ratio(bundle):
    findings = media_findings(course_of(bundle, [slide(2)]), bundle)
    contrast = [f for f in findings if f.criterion == "1.4.3"]
    assert [f.outcome for f in contrast] == [PASS]
    assert "1 of 1 text boxes" in contrast[0].text
    assert verdict(findings, "1.4.3") == "supports"


def test_the_measured_colours_are_the_drawn_ones(bundle):
    """Read from the pixels alone: the boxes do not say their colour here."""
    (light,) = measure_slide(bundle / "media" / "slide1.png",
                             (dataclasses.replace(text_box(1), colour=""),))
    (dark,) = measure_slide(bundle / "media" / "slide2.png",
                            (dataclasses.replace(text_box(2), colour=""),))
    assert light.background == dark.background == "#FFFFFF"
    assert light.text == "#CCCCCC" and dark.text == "#222222"
    assert light.ratio == pytest.approx(1.6, abs=0.02) and dark.ratio > 15


def test_large_text_needs_three_to_one_and_small_text_four_and_a_half(bundle):
    findings = media_findings(course_of(bundle, [slide(3), slide(4)]), bundle)
    by_item = {f.item: f.outcome for f in findings if f.criterion == "1.4.3" and f.item}
    assert by_item == {"s3": FAIL}
    assert any(f.outcome == PASS and "1 of 2 text boxes" in f.text for f in findings)


def test_a_slide_whose_text_size_is_unknown_is_reviewed_between_three_and_four_and_a_half(
        bundle):
    unknown = dataclasses.replace(text_box(3), size_pt=0.0)
    findings = media_findings(course_of(bundle, [slide(3, (unknown,))]), bundle)
    assert [(f.outcome, f.item) for f in findings if f.criterion == "1.4.3"] == \
        [(REVIEW, "s3")]


def test_text_in_its_background_s_colour_fails_and_text_not_drawn_is_reviewed(bundle):
    invisible = dataclasses.replace(text_box(2), y=0.8, height=0.1, colour="#FEFEFE")
    missing = dataclasses.replace(text_box(2), y=0.8, height=0.1, colour="#000000")
    findings = media_findings(course_of(bundle, [slide(2, (invisible,)), slide(3, (missing,))]),
                              bundle)
    assert [(f.outcome, f.item) for f in findings if f.criterion == "1.4.3"] == \
        [(FAIL, "s2"), (REVIEW, "s3")]
    assert "1.00:1" in findings[0].text


def test_a_deck_slide_imported_before_text_positions_were_read_is_reviewed(bundle):
    deck_slide = with_boxes(Slide("s1", ItemKind.SLIDE, "Old import", "l1", asset_id="a1",
                                  source={"kind": "pptx"}), None)
    contrast = [f for f in media_findings(course_of(bundle, [deck_slide]), bundle)
                if f.criterion == "1.4.3"]
    assert [(f.outcome, f.item) for f in contrast] == [(REVIEW, "s1")]
    assert "re-import the deck" in contrast[0].text


def test_a_picture_slide_s_text_is_found_by_recognition_and_measured(bundle):
    """Slides that are only pictures (no deck behind them): Tesseract finds the lines."""
    faint = with_boxes(Slide("s1", ItemKind.SLIDE, "Faint", "l1", asset_id="a1"), None)
    dark = with_boxes(Slide("s2", ItemKind.SLIDE, "Dark", "l1", asset_id="a2"), None)
    findings = media_findings(course_of(bundle, [faint, dark]), bundle)
    contrast = [f for f in findings if f.criterion == "1.4.3"]
    assert [(f.outcome, f.item) for f in contrast] == [(FAIL, "s1"), (PASS, None)]
    assert "Light grey words" in contrast[0].text and "1.6" in contrast[0].text
    assert "text recognition" in contrast[1].text
    pictures_of_text = [f for f in findings if f.criterion == "1.4.5"]
    assert [(f.outcome, f.item) for f in pictures_of_text] == [(REVIEW, "s1"), (REVIEW, "s2")]
    assert verdict(findings, "1.4.5") == "needs-statement"
    assert findings == media_findings(course_of(bundle, [faint, dark]), bundle)


def test_without_text_recognition_a_picture_slide_is_reviewed_never_guessed(bundle,
                                                                             monkeypatch):
    monkeypatch.setattr(slide_ocr, "available", lambda: False)
    picture = with_boxes(Slide("s2", ItemKind.SLIDE, "A picture", "l1", asset_id="a2"), None)
    contrast = [f for f in media_findings(course_of(bundle, [picture]), bundle)
                if f.criterion == "1.4.3"]
    assert [(f.outcome, f.item) for f in contrast] == [(REVIEW, "s2")]
    assert "Tesseract" in contrast[0].text and "by eye" in contrast[0].text


def test_a_course_without_slides_has_nothing_to_measure(bundle):
    findings = media_findings(course_of(bundle, []), bundle)
    assert [(f.criterion, f.outcome) for f in findings] == \
        [("1.4.3", NOT_APPLICABLE), ("2.3.1", NOT_APPLICABLE)]


def test_findings_are_the_same_on_a_second_run(bundle):
    course = course_of(bundle, [slide(n) for n in range(1, len(SLIDES) + 1)])
    assert media_findings(course, bundle) == media_findings(course, bundle)

"""Decks built with python-pptx for the slide tests and the benchmark: every kind of content
the import reads, at known places so rendered images can be checked region by region."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import imageio_ffmpeg
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

TITLE_BOX = (Inches(0.5), Inches(0.4), Inches(9), Inches(1.2))  # left, top, width, height


def tone(path: Path, seconds: float = 2.0) -> Path:
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:a", "aac", str(path)],
                   check=True)
    return path


def halves_png() -> io.BytesIO:
    """A picture whose left half is red and right half blue (for crop checks)."""
    image = Image.new("RGB", (200, 100), (255, 0, 0))
    image.paste((0, 0, 255), (100, 0, 200, 100))
    data = io.BytesIO()
    image.save(data, "PNG")
    data.seek(0)
    return data


def _title_box(slide, text: str, size: int = 40):
    box = slide.shapes.add_textbox(*TITLE_BOX)
    box.text_frame.text = text
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold = Pt(size), True
    run.font.color.rgb = RGBColor(0x10, 0x10, 0x10)
    return box


def build_deck(path: Path, audio: Path | None = None, wide: bool = True) -> Path:
    """Slides: 1 title+bullets+notes (+audio), 2 hidden, 3 table, 4 picture+group,
    5 non-ASCII title only. A 16:9 deck unless ``wide`` is false (4:3)."""
    deck = Presentation()
    if wide:
        deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "Welcome to the course"
    body = first.placeholders[1].text_frame
    body.text = "Why this matters"
    for text, level in (("Fewer errors", 1), ("Faster reviews", 1), ("How we get there", 0)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    first.notes_slide.notes_text_frame.text = (
        "Welcome everyone. Today we look at why reviews matter! Then we practise.")
    if audio is not None:
        first.shapes.add_movie(str(audio), Inches(12), Inches(6.5), Inches(0.5), Inches(0.5),
                               mime_type="audio/mp4")

    hidden = deck.slides.add_slide(blank)
    _title_box(hidden, "Backup slide")
    hidden._element.set("show", "0")

    table_slide = deck.slides.add_slide(blank)
    _title_box(table_slide, "Results")
    table = table_slide.shapes.add_table(3, 2, Inches(1), Inches(2.5), Inches(6),
                                         Inches(2)).table
    for r, row in enumerate((("Team", "Score"), ("North", "12"), ("South", "9"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text

    picture_slide = deck.slides.add_slide(blank)
    _title_box(picture_slide, "A picture")
    picture = picture_slide.shapes.add_picture(halves_png(), Inches(1), Inches(2.5),
                                               Inches(2), Inches(2))
    picture.crop_right = 0.5  # only the red half shows
    picture._element.nvPicPr.cNvPr.set("descr", "A red square")
    group = picture_slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(6), Inches(3), Inches(3), Inches(1)).text_frame.text = \
        "Grouped caption"
    group.shapes.add_shape(1, Inches(6), Inches(4.5), Inches(2), Inches(1))

    accents = deck.slides.add_slide(blank)
    _title_box(accents, "Größe, café, naïve — ünïcödé")
    deck.save(path)
    return path


def build_long_deck(path: Path, slides: int = 60) -> Path:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for number in range(1, slides + 1):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Topic {number}: what to remember"
        body = slide.placeholders[1].text_frame
        body.text = f"Point one of slide {number}"
        for level in (1, 1, 0, 1):
            paragraph = body.add_paragraph()
            paragraph.text, paragraph.level = "A supporting detail with a few more words", level
        slide.notes_slide.notes_text_frame.text = f"Notes for slide {number}. Say it slowly."
    deck.save(path)
    return path


def emu_box_to_pixels(box, slide_width: int, image_width: int) -> tuple[int, int, int, int]:
    scale = image_width / slide_width
    left, top, width, height = (Emu(v) for v in box)
    return (round(left * scale), round(top * scale), round((left + width) * scale),
            round((top + height) * scale))


# (text, font size in points, wrap, box in inches: left, top, width, height), one per slide:
# each is too big for its box in any font that is not the deck's, and the last one in any font.
CROWDED_TEXTS = [
    ("Größe, café, naïve — ünïcödé and a title much longer than its box", 40, False,
     (0.5, 0.4, 9, 1.2)),
    ("A body of many words that wraps over line after line of a box that is far too short "
     "for all of them at the size the author chose for it in another font", 28, True,
     (1, 2, 5, 2)),
    ("Antidisestablishmentarianism", 44, True, (2, 3, 3, 1)),
    ("Right aligned and anchored at the bottom, longer than it should be", 32, True,
     (7, 4, 4, 1.2)),
    ("Far too much text for a box this small, at any size a reader could read at all", 60,
     True, (3, 6, 0.6, 0.3)),
]


def build_crowded_deck(path: Path, font: str) -> Path:
    """One text box per slide of :data:`CROWDED_TEXTS`, every run naming ``font``."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    for text, size, wrap, box in CROWDED_TEXTS:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
        frame.word_wrap = wrap
        frame.text = text
        paragraph = frame.paragraphs[0]
        if "Right aligned" in text:
            paragraph.alignment = 3  # PP_ALIGN.RIGHT
            frame._txBody.bodyPr.set("anchor", "b")
        run = paragraph.runs[0]
        run.font.name, run.font.size, run.font.bold = font, Pt(size), True
    deck.save(path)
    return path


DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _mark_decorative(picture) -> None:
    """What PowerPoint writes for "Mark as decorative"."""
    c_nv_pr = picture._element.nvPicPr.cNvPr
    ext_lst = etree.SubElement(c_nv_pr, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_lst, f"{{{A}}}ext", uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def build_picture_deck(path):
    """One 16:9 slide (13.333 x 7.5 in): a title placeholder, a grey 24 pt bold text box at
    (10 %, 10 %) of 50 % x 20 %, a described picture, an undescribed one, a decorative one
    and a group (shifted by its own transform) holding a picture described only by its file
    name ("image.png") and a box."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = "Fire exits"
    box = slide.shapes.add_textbox(Inches(1.3333), Inches(0.75), Inches(6.6667), Inches(1.5))
    box.text_frame.text = "Know where your nearest exit is"
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold = Pt(24), True
    run.font.color.rgb = RGBColor(0x77, 0x77, 0x77)
    described = slide.shapes.add_picture(halves_png(), Inches(1), Inches(3), Inches(2))
    described._element.nvPicPr.cNvPr.set("descr", "A red and blue sign")
    undescribed = slide.shapes.add_picture(halves_png(), Inches(4), Inches(3), Inches(2))
    undescribed._element.nvPicPr.cNvPr.set("descr", "")
    decorative = slide.shapes.add_picture(halves_png(), Inches(7), Inches(3), Inches(2))
    decorative._element.nvPicPr.cNvPr.attrib.pop("descr")
    _mark_decorative(decorative)
    group = slide.shapes.add_group_shape()
    # python-pptx describes a picture by its file name, as old PowerPoint versions did
    group.shapes.add_picture(halves_png(), Inches(10), Inches(3), Inches(2))
    group.shapes.add_textbox(Inches(10), Inches(5), Inches(2), Inches(1)).text_frame.text = \
        "Grouped caption"
    deck.save(path)
    return path

"""Decks written by any editor: shapes python-pptx cannot classify are still read and drawn,
content the studio cannot read is named once per kind, and no shape stops a deck."""

from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.util import Inches, Pt

from studio import commands
from studio.media.pptx_import import import_deck
from studio.media.pptx_reader import read_deck
from studio.store import Project

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
DECLARE = ('xmlns:p="{p}" xmlns:a="{a}" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
           ).format(**NS)
EXIT_TEXT = "Emergency exits are marked in green."


def _shape_without_geometry(path: Path) -> Path:
    """A title and a text shape whose spPr holds only its position: not a text box, not a
    placeholder, no preset geometry (python-pptx cannot say what kind of shape it is)."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Evacuation"
    box = slide.shapes.add_textbox(Inches(1), Inches(3), Inches(8), Inches(1.5))
    box.text_frame.text = EXIT_TEXT
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
    element = box._element
    element.find("p:nvSpPr/p:cNvSpPr", NS).attrib.clear()
    for child in list(element.find("p:spPr", NS)):
        if etree.QName(child).localname != "xfrm":
            child.getparent().remove(child)
    deck.save(path)
    return path


def _frame(kind_uri: str, shape_id: int) -> str:
    return (f'<p:graphicFrame {DECLARE}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name="Object {shape_id}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
            '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="{kind_uri}"/></a:graphic></p:graphicFrame>')


def _ink(shape_id: int) -> str:
    return (f'<p:contentPart {DECLARE} r:id="rIdInk{shape_id}"/>')


def _model3d(shape_id: int) -> str:
    frame = _frame("http://schemas.microsoft.com/office/drawing/2017/model3d", shape_id)
    return (f'<mc:AlternateContent {DECLARE}><mc:Choice Requires="am3d">{frame}</mc:Choice>'
            '<mc:Fallback/></mc:AlternateContent>')


def _everything_unreadable(path: Path) -> Path:
    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[5])
    first.shapes.title.text = "Results"
    first.shapes.add_textbox(Inches(1), Inches(6), Inches(4), Inches(1)).text_frame.text = \
        "Still here"
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("Sales", (1, 2))
    for slide in (first, deck.slides.add_slide(deck.slide_layouts[6])):
        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1),
                               Inches(3), Inches(2), data)
    tree = first.shapes._spTree
    for xml in (_frame("http://schemas.openxmlformats.org/drawingml/2006/diagram", 90),
                _frame("http://schemas.openxmlformats.org/presentationml/2006/ole", 91),
                _ink(92), _ink(93), _model3d(94)):
        tree.append(parse_xml(xml))
    svg = Part(PackURI("/ppt/media/drawing.svg"), "image/svg+xml", deck.part.package,
               b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    picture = first.shapes.add_picture(str(_png(path.parent / "p.png")), 0, 0, Inches(1), Inches(1))
    picture._element.find(".//a:blip", NS).set(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed",
        first.part.relate_to(svg, RT.IMAGE))
    deck.save(path)
    return path


def _png(path: Path) -> Path:
    Image.new("RGB", (4, 4), "red").save(path)
    return path


@pytest.fixture
def lesson_project(tmp_path):
    with Project.create(tmp_path / "D.course", "D") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        yield project, lesson


def test_a_text_shape_without_geometry_is_read_and_drawn(tmp_path, lesson_project):
    deck = _shape_without_geometry(tmp_path / "deck.pptx")
    project, lesson = lesson_project
    report = import_deck(project, deck, lesson_id=lesson, renderer="builtin")
    assert report.warnings == ()
    course = project.course()
    [item] = course.find(lesson).items
    assert item.text.splitlines() == ["Evacuation", EXIT_TEXT]
    image = Image.open(project.media_dir / course.assets[item.asset_id].filename).convert("L")
    width, height = image.size
    band = image.crop((round(width * 0.1), round(height * 0.4), round(width * 0.9),
                       round(height * 0.6)))
    assert band.getextrema()[0] < 100  # the text shape's words are drawn in its box


def test_unreadable_content_gives_one_notice_per_kind_and_the_rest_imports(tmp_path,
                                                                          lesson_project):
    deck = _everything_unreadable(tmp_path / "mixed.pptx")
    project, lesson = lesson_project
    report = import_deck(project, deck, lesson_id=lesson, renderer="builtin")
    assert len(report.added) == 2
    first = project.course().find(lesson).items[0]
    assert "Still here" in first.text
    notices = "\n".join(report.warnings)
    assert len(report.warnings) == 6, notices
    for words in ("2 charts on slides 1, 2", "1 SmartArt graphic on slide 1",
                  "1 OLE object on slide 1", "2 ink drawings on slide 1",
                  "1 3D model on slide 1", "1 SVG picture on slide 1"):
        assert sum(words in notice for notice in report.warnings) == 1, (words, notices)
    assert all("the slide pictures leave them out" in notice for notice in report.warnings)


def test_a_shape_with_malformed_xml_is_left_out_with_a_notice(tmp_path, lesson_project):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Kept"
    broken = slide.shapes.add_textbox(Inches(1), Inches(3), Inches(4), Inches(1))
    broken.text_frame.text = "drawn nowhere"
    broken._element.find("p:spPr/a:xfrm/a:off", NS).set("x", "left")
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(5), Inches(4), Inches(1))
    table._element.find(".//a:tbl", NS).getparent().remove(table._element.find(".//a:tbl", NS))
    slide.notes_slide.notes_text_frame.text = "Say it slowly."
    slide.notes_slide.shapes._spTree.insert(2, parse_xml(_ink(95)))  # python-pptx has no class
    slide.shapes._spTree.insert(2, parse_xml(_ink(96)))
    deck.save(tmp_path / "broken.pptx")
    [read] = read_deck(tmp_path / "broken.pptx").slides
    assert read.title == "Kept" and "shape that could not be read" in read.unread
    assert read.notes == "Say it slowly." and "ink drawing" in read.unread
    project, lesson = lesson_project
    report = import_deck(project, tmp_path / "broken.pptx", lesson_id=lesson,
                         renderer="builtin")
    assert len(report.added) == 1
    assert any("could not be read" in notice for notice in report.warnings)

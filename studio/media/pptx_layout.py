"""Where a deck slide's pictures and text are: every picture with its description and
decorative mark, every text shape's box as fractions of the slide, with the size, weight and
colour of its text. The accessibility checks read them (pictures without a description,
text contrast measured on the rendered slide at each box).

Shapes are walked as the reader walks them (title first, then document order, groups
inside, their child space mapped onto the slide, ECMA-376 Part 1 §20.1.7.5); text
properties are inherited as the built-in renderer inherits them (run, the shape's and its
placeholders' list styles, the master's text styles, §21.1.2.3).
"""

from __future__ import annotations

from lxml import etree

from studio.media import slide_style as style
from studio.media.pptx_unread import readable_shapes, title_shape
from studio.media.render_builtin import Frame
from studio.slide_layout import SlidePicture, TextBox

# PowerPoint's "Mark as decorative": an a16 extension of p:cNvPr (MS-ODRAWXML §2.5.1)
DECORATIVE_LOCAL = "decorative"
TEXT_SAMPLE = 80  # characters of a box's text kept to name it


def slide_layout(slide, width_emu: int, height_emu: int,
                 ) -> tuple[tuple[SlidePicture, ...], tuple[TextBox, ...]]:
    """The pictures (``p:pic`` elements, with or without a description) and text boxes
    (shapes and tables with text) of a python-pptx slide, in reading order. ``width_emu``
    and ``height_emu`` are the deck's slide size (EMU); boxes are fractions of it, clamped
    to 0..1. A shape that cannot be read is passed over (the reader names it). Never
    raises for a shape's content."""
    master = slide.slide_layout.slide_master
    theme = style.read_theme(master)
    pictures: list[SlidePicture] = []
    boxes: list[TextBox] = []
    title = title_shape(slide)
    shapes = readable_shapes(slide.shapes)
    if title is not None:
        shapes.sort(key=lambda s: s._element is not title._element)
    frame = Frame(1 / width_emu, 1 / height_emu)
    for shape in shapes:
        try:
            _walk(shape, frame, master, theme, pictures, boxes)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError,
                NotImplementedError):
            continue
    return tuple(pictures), tuple(boxes)


def is_decorative(element) -> bool:
    """True when a shape element's ``p:cNvPr`` carries PowerPoint's decorative mark
    (``adec:decorative val="1"`` in its ``a:extLst``)."""
    # python-pptx's elements bring their own prefixes (p:, a:) to xpath
    found = element.xpath(f"./*[1]/p:cNvPr/a:extLst/a:ext/*[local-name()="
                          f"'{DECORATIVE_LOCAL}']")
    return bool(found) and found[0].get("val") in ("1", "true")


def _walk(shape, frame: Frame, master, theme, pictures: list, boxes: list) -> None:
    element = shape._element
    tag = etree.QName(element).localname
    if tag == "grpSp":
        inner = frame.inside(element)
        for child in readable_shapes(shape.shapes):
            _walk(child, inner, master, theme, pictures, boxes)
        return
    if tag == "pic":
        found = element.xpath("./*[1]/p:cNvPr")
        c_nv_pr = found[0] if found else None
        pictures.append(SlidePicture(
            alt=(c_nv_pr.get("descr") or "").strip() if c_nv_pr is not None else "",
            decorative=is_decorative(element),
            name=(c_nv_pr.get("name") or "") if c_nv_pr is not None else ""))
        return
    if shape.left is None or shape.width is None:
        return
    if tag == "graphicFrame" and getattr(shape, "has_table", False) and shape.has_table:
        chain = master._element.xpath("./p:txStyles/p:otherStyle")
        bodies = [cell._tc.find("a:txBody", style.NS) for row in shape.table.rows
                  for cell in row.cells]
        default_color = None
    elif tag == "sp" and shape.has_text_frame:
        chain = style.level_chain(shape, master)
        bodies = [element.find("p:txBody", style.NS)]
        default_color = theme.color(element.find("p:style/a:fontRef", style.NS))
    else:
        return
    box = _text_box(frame.box(shape.left, shape.top, shape.width, shape.height),
                    [b for b in bodies if b is not None], chain, theme, default_color)
    if box is not None:
        boxes.append(box)


def _text_box(place, bodies: list, chain: list, theme, default_color) -> TextBox | None:
    words: list[str] = []
    sizes: list[float] = []
    bolds: list[bool] = []
    colours: list[str] = []
    for body in bodies:
        for paragraph in body.findall("a:p", style.NS):
            p_pr = paragraph.find("a:pPr", style.NS)
            level = int(p_pr.get("lvl", 0)) if p_pr is not None else 0
            levels = [e for e in (p_pr, *style.level_props(chain, level)) if e is not None]
            defaults = [e.find("a:defRPr", style.NS) for e in levels]
            for run in paragraph.iter(f"{{{style.A}}}r", f"{{{style.A}}}fld"):
                text = "".join(t.text or "" for t in run.findall("a:t", style.NS))
                if not text.strip():
                    continue
                words.append(text)
                r_pr = run.find("a:rPr", style.NS)
                props = [r_pr, *defaults]
                size = style.first_attr(props, None, "sz")
                if size is not None:
                    sizes.append(int(size) / 100)
                bolds.append((style.first_attr(props, None, "b") or "0") in ("1", "true"))
                rgb = theme.color(style.first_child(props, "a:solidFill")) or default_color
                colours.append("#{:02x}{:02x}{:02x}".format(*rgb) if rgb else "")
            words.append(" ")
    text = " ".join("".join(words).split())
    if not text:
        return None
    left, top, right, bottom = (min(1.0, max(0.0, v)) for v in place)
    return TextBox(round(left, 4), round(top, 4), round(right - left, 4),
                   round(bottom - top, 4), max(sizes, default=0.0), all(bolds),
                   colours[0] if len(set(colours)) == 1 else "", text[:TEXT_SAMPLE])

"""The built-in slide renderer: draws with Pillow what python-pptx exposes, so a deck imports
even where LibreOffice is not installed.

It draws backgrounds (solid, gradient as its two end colours, picture), the master's and
layout's own artwork, pictures with their crops, basic shapes (rectangles, rounded
rectangles, ellipses, triangles, diamonds, lines) with their fills and outlines, text with
inherited fonts, sizes, colours, alignment, bullets and numbering, and tables with their
header and banded rows. It does not draw charts, SmartArt, effects, rotation or WordArt;
those need the LibreOffice path.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from studio.media import slide_style as style
from studio.media.pptx_unread import readable_shapes
from studio.media.slide_style import NS, Theme

RENDERER_VERSION = 2  # part of the slide image cache key: bump when drawings change
EMU_PER_POINT = 12700
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
LINE_WIDTHS = {"1": 9525, "2": 25400, "3": 38100}


@dataclass(frozen=True)
class Frame:
    """Maps EMU (of the slide, or of a group's own child space) to pixels."""
    sx: float
    sy: float
    ox: float = 0.0
    oy: float = 0.0

    def box(self, x: int, y: int, cx: int, cy: int) -> tuple[float, float, float, float]:
        """The pixel box (left, top, right, bottom) of an EMU offset ``x, y`` and size
        ``cx, cy``."""
        return (self.ox + self.sx * x, self.oy + self.sy * y,
                self.ox + self.sx * (x + cx), self.oy + self.sy * (y + cy))

    def inside(self, group_element) -> Frame:
        """The frame of a group's children: its ``a:xfrm`` maps the child offset and extent
        onto the group's own box (ECMA-376 §20.1.7.5); this frame when it has none."""
        xfrm = group_element.find("p:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return self
        off, ext = _pair(xfrm, "a:off", "x", "y"), _pair(xfrm, "a:ext", "cx", "cy")
        ch_off, ch_ext = _pair(xfrm, "a:chOff", "x", "y"), _pair(xfrm, "a:chExt", "cx", "cy")
        kx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
        ky = ext[1] / ch_ext[1] if ch_ext[1] else 1.0
        return Frame(self.sx * kx, self.sy * ky, self.ox + self.sx * (off[0] - kx * ch_off[0]),
                     self.oy + self.sy * (off[1] - ky * ch_off[1]))


def _pair(xfrm, path: str, a: str, b: str) -> tuple[int, int]:
    found = xfrm.find(path, NS)
    return (int(found.get(a, 0)), int(found.get(b, 0))) if found is not None else (0, 0)


@dataclass(frozen=True)
class Context:
    """What drawing one slide needs: the Pillow image and its drawer, the deck's theme, the
    slide master, and the part whose relationships name the pictures."""

    image: object  # PIL.Image.Image
    draw: object  # PIL.ImageDraw.ImageDraw
    theme: Theme
    master: object
    part: object  # the part whose relationships name the pictures (slide, layout, master)


def render_slide(slide, slide_size_emu: tuple[int, int], size: tuple[int, int],
                 target: Path) -> None:
    """Draw one python-pptx slide as a PNG of ``size`` (width, height) pixels at ``target``.

    ``slide_size_emu`` is the deck's (width, height) in EMU (ECMA-376 §19.2.1.39). Text is
    never drawn outside its shape's box (see :func:`slide_text.layout_paragraphs`).
    """
    from PIL import Image, ImageDraw  # noqa: PLC0415

    from studio.media.render_libreoffice import save_png  # noqa: PLC0415

    layout = slide.slide_layout
    master = layout.slide_master
    image = Image.new("RGB", size, "white")
    frame = Frame(size[0] / slide_size_emu[0], size[1] / slide_size_emu[1])
    ctx = Context(image, ImageDraw.Draw(image), style.read_theme(master), master, slide.part)
    _background(ctx, slide, layout, master)
    layers = [(slide, slide.shapes)]
    if slide._element.get("showMasterSp") not in ("0", "false"):
        layers.insert(0, (layout, layout.shapes))
        if layout._element.get("showMasterSp") not in ("0", "false"):
            layers.insert(0, (master, master.shapes))
    for owner, shapes in layers:
        layer_ctx = replace(ctx, part=owner.part)
        for shape in readable_shapes(shapes):
            if owner is not slide and style.placeholder_type(shape) != "none":
                continue  # a layout's placeholders are prompts, not artwork
            _guarded_shape(layer_ctx, shape, frame)
    save_png(image, target)


def _guarded_shape(ctx: Context, shape, frame: Frame) -> None:
    """Draw one shape; a shape whose XML python-pptx cannot make sense of is left out (the
    deck reader reports it), so it never stops the slide."""
    from pptx.exc import PythonPptxError  # noqa: PLC0415

    try:
        _shape(ctx, shape, frame)
    except (PythonPptxError, NotImplementedError, ValueError, KeyError, AttributeError,
            TypeError, IndexError):
        return


def _background(ctx: Context, slide, layout, master) -> None:
    for node in (slide, layout, master):
        bg = node._element.find("p:cSld/p:bg", NS)
        if bg is None:
            continue
        props = bg.find("p:bgPr", NS)
        if props is None:
            color = ctx.theme.color(bg.find("p:bgRef", NS))
            if color:
                ctx.draw.rectangle((0, 0, *ctx.image.size), fill=color)
            return
        _fill(replace(ctx, part=node.part), props, (0, 0, *ctx.image.size), "rect")
        return


def _shape(ctx: Context, shape, frame: Frame) -> None:
    element = shape._element
    tag = etree.QName(element).localname
    if tag == "grpSp":
        for child in readable_shapes(shape.shapes):
            _shape(ctx, child, frame.inside(element))
        return
    if shape.left is None or shape.width is None:
        return
    box = frame.box(shape.left, shape.top, shape.width, shape.height)
    if tag == "pic":
        _picture(ctx, element, box)
    elif tag == "graphicFrame":
        if getattr(shape, "has_table", False) and shape.has_table:
            _table(ctx, shape, box, frame)
    elif tag == "cxnSp":
        _outline(ctx, element, box, "line")
    elif tag == "sp":
        geometry = element.find("p:spPr/a:prstGeom", NS)
        kind = geometry.get("prst", "rect") if geometry is not None else "rect"
        sp_pr = element.find("p:spPr", NS)
        _fill(ctx, sp_pr, box, kind, element.find("p:style/a:fillRef", NS))
        _outline(ctx, element, box, kind)
        if shape.has_text_frame:
            font_ref = ctx.theme.color(element.find("p:style/a:fontRef", NS))
            chain = style.level_chain(shape, ctx.master)
            insets = [style.body_property(shape, n) for n in ("lIns", "tIns", "rIns", "bIns")]
            anchor = style.body_property(shape, "anchor") or "t"
            wrap = style.body_property(shape, "wrap") != "none"
            draw_text(ctx, element.find("p:txBody", NS), box, chain, insets, anchor, wrap,
                      font_ref, frame.sy)


def _fill(ctx: Context, props, box, kind: str, style_ref=None) -> None:
    if props is None:
        return
    if props.find("a:noFill", NS) is not None:
        return
    solid = props.find("a:solidFill", NS)
    gradient = props.find("a:gradFill", NS)
    picture = props.find("a:blipFill", NS)
    if picture is not None:
        _paste_picture(ctx, picture, box)
        return
    if gradient is not None:
        stops = gradient.findall("a:gsLst/a:gs", NS)
        if stops:
            _gradient(ctx, box, ctx.theme.color(stops[0]), ctx.theme.color(stops[-1]))
        return
    color = ctx.theme.color(solid) if solid is not None else None
    if color is None and style_ref is not None and style_ref.get("idx") not in (None, "0"):
        color = ctx.theme.color(style_ref)
    if color is not None:
        _geometry(ctx, kind, box, fill=color)


def _outline(ctx: Context, element, box, kind: str) -> None:
    line = element.find("p:spPr/a:ln", NS)
    if line is not None and line.find("a:noFill", NS) is not None:
        return
    color = ctx.theme.color(line.find("a:solidFill", NS)) if line is not None else None
    width = int(line.get("w")) if line is not None and line.get("w") else None
    ref = element.find("p:style/a:lnRef", NS)
    if color is None and ref is not None and ref.get("idx") not in (None, "0"):
        color = ctx.theme.color(ref)
        width = width or LINE_WIDTHS.get(ref.get("idx"), 9525)
    if color is None:
        return
    pixels = max(1, round((width or 9525) * ctx.image.size[0] / 12192000 * 1.0))
    if kind in ("line", "straightConnector1"):
        x0, y0, x1, y1 = box
        xfrm = element.find("p:spPr/a:xfrm", NS)
        if xfrm is not None and xfrm.get("flipV") == "1":
            y0, y1 = y1, y0
        if xfrm is not None and xfrm.get("flipH") == "1":
            x0, x1 = x1, x0
        ctx.draw.line((x0, y0, x1, y1), fill=color, width=pixels)
    else:
        _geometry(ctx, kind, box, outline=color, width=pixels)


def _geometry(ctx: Context, kind: str, box, fill=None, outline=None, width: int = 1) -> None:
    x0, y0, x1, y1 = box
    if x1 - x0 < 1 or y1 - y0 < 1:
        return
    draw = ctx.draw
    if kind == "ellipse":
        draw.ellipse(box, fill=fill, outline=outline, width=width)
    elif kind == "roundRect":
        radius = min(x1 - x0, y1 - y0) * 0.1667
        draw.rounded_rectangle(box, radius=radius, fill=fill, outline=outline, width=width)
    elif kind in ("triangle", "rtTriangle", "diamond"):
        points = {"triangle": [((x0 + x1) / 2, y0), (x1, y1), (x0, y1)],
                  "rtTriangle": [(x0, y0), (x1, y1), (x0, y1)],
                  "diamond": [((x0 + x1) / 2, y0), (x1, (y0 + y1) / 2), ((x0 + x1) / 2, y1),
                              (x0, (y0 + y1) / 2)]}[kind]
        draw.polygon(points, fill=fill, outline=outline, width=width)
    elif kind == "line":
        draw.line(box, fill=outline or fill, width=width)
    else:
        draw.rectangle(box, fill=fill, outline=outline, width=width)


def _gradient(ctx: Context, box, top, bottom) -> None:
    top, bottom = top or (255, 255, 255), bottom or top or (255, 255, 255)
    x0, y0, x1, y1 = (round(v) for v in box)
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        t = (y - y0) / span
        ctx.draw.line((x0, y, x1, y), fill=tuple(round(a + (b - a) * t)
                                                   for a, b in zip(top, bottom, strict=True)))


def _picture(ctx: Context, element, box) -> None:
    blip_fill = element.find("p:blipFill", NS)
    if blip_fill is not None:
        _paste_picture(ctx, blip_fill, box)
    _outline(ctx, element, box, "rect")


def _paste_picture(ctx: Context, blip_fill, box) -> None:
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    blip = blip_fill.find("a:blip", NS)
    x0, y0, x1, y1 = (round(v) for v in box)
    if blip is None or blip.get(R_EMBED) is None or x1 <= x0 or y1 <= y0:
        return
    try:
        blob = ctx.part.related_part(blip.get(R_EMBED)).blob
        picture = Image.open(io.BytesIO(blob))
        picture.load()
    except (KeyError, OSError, UnidentifiedImageError, ValueError):
        ctx.draw.rectangle((x0, y0, x1, y1), fill=(230, 230, 230), outline=(160, 160, 160))
        return  # a format Pillow cannot draw (EMF, SVG): a grey box marks its place
    crop = blip_fill.find("a:srcRect", NS)
    if crop is not None:
        w, h = picture.size
        left, top, right, bottom = (int(crop.get(k, 0)) / 100000 for k in "ltrb")
        area = (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
        if area[2] > area[0] and area[3] > area[1]:
            picture = picture.crop(area)
    picture = picture.convert("RGBA").resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS)
    ctx.image.paste(picture, (x0, y0), picture)


def _table(ctx: Context, shape, box, frame: Frame) -> None:
    table = shape.table
    props = table._tbl.tblPr
    first_row = props is not None and props.get("firstRow") == "1"
    banded = props is not None and props.get("bandRow") == "1"
    accent = ctx.theme.colors.get("accent1", "4F81BD")
    header = style._hex(accent)
    light = tuple(round(255 - (255 - c) * 0.2) for c in header)
    lighter = tuple(round(255 - (255 - c) * 0.1) for c in header)
    chain = ctx.master._element.xpath("./p:txStyles/p:otherStyle")
    widths = [col.width for col in table.columns]
    heights = [row.height for row in table.rows]
    y = box[1]
    for r, row in enumerate(table.rows):
        x = box[0]
        for c, cell in enumerate(row.cells):
            width = frame.sx * sum(widths[c:c + max(1, cell.span_width)])
            height = frame.sy * sum(heights[r:r + max(1, cell.span_height)])
            if not cell.is_spanned:
                cell_box = (x, y, x + width, y + height)
                own = cell._tc.find("a:tcPr/a:solidFill", NS)
                is_header = first_row and r == 0
                fill = (ctx.theme.color(own) if own is not None else header if is_header
                        else (light if (r - first_row) % 2 == 0 else lighter) if banded
                        else lighter)
                ctx.draw.rectangle(cell_box, fill=fill, outline=(255, 255, 255), width=1)
                text_color = style._hex(ctx.theme.colors.get("lt1")) if is_header else None
                insets = [cell._tc.find("a:tcPr", NS).get(k) if cell._tc.find(
                    "a:tcPr", NS) is not None else None for k in ("marL", "marT", "marR", "marB")]
                draw_text(ctx, cell._tc.find("a:txBody", NS), cell_box, chain, insets,
                          "t", True, text_color, frame.sy, bold=is_header)
            x += frame.sx * widths[c]
        y += frame.sy * heights[r]


def draw_text(ctx: Context, body, box, chain: list, insets: list, anchor: str, wrap: bool,
              default_color, scale: float, bold: bool = False) -> None:
    """Draw a text body (a:txBody) inside ``box`` (left, top, right, bottom pixels) less its
    insets (EMU strings or None for the defaults of ECMA-376 §21.1.2.1.1); ``scale`` is
    pixels per EMU. No text is drawn outside ``box``."""
    from studio.media.slide_text import layout_paragraphs  # noqa: PLC0415

    if body is None:
        return
    left, top, right, bottom = (int(v) if v is not None else d for v, d in
                                zip(insets, (91440, 45720, 91440, 45720), strict=True))
    area = (box[0] + left * scale, box[1] + top * scale, box[2] - right * scale,
            box[3] - bottom * scale)
    if area[2] - area[0] < 2:
        return
    layout_paragraphs(ctx, body, area, chain, anchor, wrap, default_color, scale, bold,
                      clip=box)

"""Lays out and draws a DrawingML text body for the built-in renderer: runs with their own
fonts, sizes and colours, word wrap, alignment, indents, bullets and automatic numbering,
line and paragraph spacing, top/middle/bottom anchoring, and shrink-to-fit: text stays in its
box whatever font stands in for the one the deck names."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from lxml import etree

from studio.media import slide_style as style
from studio.media.slide_style import NS

EMU_PER_POINT = 12700
MASTER_STYLES = {"titleStyle", "bodyStyle", "otherStyle"}
WORD = re.compile(r"\S+\s*|\s+")
MIN_FONT_SCALE = 0.25  # smaller than a quarter of its size, text is cut at its box instead
SHRINK_STEPS = 8  # bisection steps: the scale found is within 0.3% of the largest that fits
INK_MARGIN = 0.25  # of a line's height: how far accents and italic overhangs may reach


@dataclass
class Line:
    """One laid-out line of a text body: its runs, width, ascent and descent in pixels, its
    alignment, left indent, space before and line spacing factor, and its bullet."""

    pieces: list = field(default_factory=list)  # (text, font, color)
    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0
    align: str = "l"
    left: float = 0.0
    space_before: float = 0.0
    spacing: float = 1.0
    bullet: tuple | None = None  # (text, font, color, x)

    @property
    def height(self) -> float:
        """The line's height in pixels, spacing and space before included."""
        return (self.ascent + self.descent) * self.spacing + self.space_before


def layout_paragraphs(ctx, body, area, chain, anchor, wrap, default_color, scale,
                      bold=False, clip=None) -> None:
    """Lay out and draw a DrawingML text body (ECMA-376 §21.1.2) into ``area``.

    ``area`` and ``clip`` are (left, top, right, bottom) in pixels of ``ctx.image``: the
    shape's box less its insets, and the shape's box itself (``area`` when None). ``scale``
    is pixels per EMU. Text wraps at word boundaries (unless ``wrap`` is false); when it
    still does not fit, every font shrinks by one common factor, as PowerPoint's
    ``normAutofit`` does (§21.1.2.1.3), to the largest size that fits, whatever font stands
    in for the one the deck names. Text that does not fit even at :data:`MIN_FONT_SCALE` is
    cut at ``clip``: nothing is ever drawn outside it.
    """
    autofit = body.find("a:bodyPr/a:normAutofit", NS)
    start = int(autofit.get("fontScale", 100000)) / 100000 if autofit is not None else 1.0
    width, height = area[2] - area[0], area[3] - area[1]

    def layout(font_scale: float) -> list[Line]:
        return _lines(ctx, body, width, chain, wrap, default_color, scale * font_scale, bold)

    lines = layout(start)
    if not _fits(lines, width, height):
        lines = _shrink(layout, start, width, height)
    total = sum(line.height for line in lines)
    y = area[1] + max(0.0, {"ctr": (height - total) / 2, "b": height - total}.get(anchor, 0.0))
    clip = tuple(round(v) for v in (clip or area))
    placed = _place(lines, area, y)
    em = max((line.ascent + line.descent for line in lines), default=0.0)
    reach = _grow(_extent(placed, lines, y), em * INK_MARGIN)
    if _within(reach, clip):
        _draw(ctx, placed, lines)
        return
    with _clipped(ctx.image, clip, _grow(_extent(placed, lines, y), em)):
        _draw(ctx, placed, lines)


def _fits(lines: list[Line], width: float, height: float) -> bool:
    """Whether laid-out lines fit a width and height in pixels (half a pixel of rounding)."""
    return (sum(line.height for line in lines) <= height + 0.5
            and all(line.left + line.width <= width + 0.5 for line in lines))


def _shrink(layout, start: float, width: float, height: float) -> list[Line]:
    """The lines at the largest font scale in [MIN_FONT_SCALE, start] that fit (bisection),
    or at MIN_FONT_SCALE when none does."""
    low, high, best = min(MIN_FONT_SCALE, start), start, None
    for _ in range(SHRINK_STEPS):
        middle = (low + high) / 2
        trial = layout(middle)
        if _fits(trial, width, height):
            best, low = trial, middle
        else:
            high = middle
    return best if best is not None else layout(low)


def _place(lines: list[Line], area, y: float) -> list[tuple[float, float, float]]:
    """(x, baseline, area left) in pixels of each line's first piece, from the top ``y``."""
    placed = []
    for line in lines:
        y += line.space_before
        free = area[2] - area[0] - line.left - line.width
        x = area[0] + line.left + {"ctr": free / 2, "r": free}.get(line.align, 0.0)
        placed.append((x, y + line.ascent * line.spacing, area[0]))
        y += line.height - line.space_before
    return placed


def _extent(placed, lines: list[Line], top: float) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) of every line's advance and ascent/descent."""
    lefts = [min(x, start + line.bullet[3]) if line.bullet else x
             for (x, _, start), line in zip(placed, lines, strict=True)]
    rights = [x + line.width for (x, _, _), line in zip(placed, lines, strict=True)]
    bottom = max((base + line.descent for (_, base, _), line in zip(placed, lines, strict=True)),
                 default=top)
    return (min(lefts, default=0.0), top, max(rights, default=0.0), bottom)


def _grow(box, by: float) -> tuple[float, float, float, float]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _within(inner, outer) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


@contextlib.contextmanager
def _clipped(image, clip, reach):
    """Undo, after the block, every change it made to ``image`` outside ``clip`` within
    ``reach`` (both (left, top, right, bottom) pixels; the block draws nowhere else)."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    x0, y0 = max(0, int(min(reach[0], clip[0]))), max(0, int(min(reach[1], clip[1])))
    x1 = min(image.size[0], int(max(reach[2], clip[2])) + 1)
    y1 = min(image.size[1], int(max(reach[3], clip[3])) + 1)
    if x1 <= x0 or y1 <= y0:
        yield
        return
    before = image.crop((x0, y0, x1, y1))
    yield
    outside = Image.new("L", before.size, 255)
    if clip[2] > clip[0] and clip[3] > clip[1]:
        ImageDraw.Draw(outside).rectangle(
            (clip[0] - x0, clip[1] - y0, clip[2] - 1 - x0, clip[3] - 1 - y0), fill=0)
    image.paste(before, (x0, y0), outside)


def _draw(ctx, placed, lines: list[Line]) -> None:
    for (x, baseline, start), line in zip(placed, lines, strict=True):
        if line.bullet:
            text, font, color, bullet_x = line.bullet
            ctx.draw.text((start + bullet_x, baseline), text, font=font, fill=color,
                          anchor="ls")
        for text, font, color in line.pieces:
            ctx.draw.text((x, baseline), text, font=font, fill=color, anchor="ls")
            x += font.getlength(text)


def _lines(ctx, body, width, chain, wrap, default_color, scale, bold) -> list[Line]:
    lines: list[Line] = []
    numbers: dict[int, int] = {}
    for paragraph in body.findall("a:p", NS):
        p_pr = paragraph.find("a:pPr", NS)
        level = int(p_pr.get("lvl", 0)) if p_pr is not None else 0
        levels = [e for e in (p_pr, *style.level_props(chain, level)) if e is not None]
        local = [e for e in levels if e is not None and not _is_master(e)]
        master = [e for e in levels if e is not None and _is_master(e)]
        margin = int(style.first_attr(levels, None, "marL") or 0) * scale
        indent = int(style.first_attr(levels, None, "indent") or 0) * scale
        align = style.first_attr(levels, None, "algn") or "l"
        spacing = _percent(style.first_child(levels, "a:lnSpc/a:spcPct"), 1.0)
        runs = _runs(ctx, paragraph, levels, local, master, default_color, scale, bold)
        size_px = runs[0][1].size if runs else _font_for(
            ctx, paragraph.find("a:endParaRPr", NS), levels, scale, bold).size
        before = style.first_child(levels, "a:spcBef/a:spcPct")
        space_before = _percent(before, 0.0) * size_px if lines else 0.0
        bullet = _bullet(ctx, levels, runs, numbers, level, indent + margin, size_px, scale)
        if bullet is None:
            numbers.pop(level, None)
        first = Line(align=align, left=margin + (0 if bullet else indent),
                     space_before=space_before, spacing=spacing, bullet=bullet)
        lines.extend(_wrap(runs, first, width, wrap, margin, size_px))
    return lines


def _is_master(element) -> bool:
    return etree.QName(element.getparent()).localname in MASTER_STYLES


def _percent(element, default: float) -> float:
    return int(element.get("val")) / 100000 if element is not None else default


def _font_for(ctx, r_pr, levels, scale, bold):
    props = [r_pr] + [e.find("a:defRPr", NS) for e in levels]
    size = int(style.first_attr(props, None, "sz") or 1800)
    is_bold = (style.first_attr(props, None, "b") or ("1" if bold else "0")) in ("1", "true")
    italic = (style.first_attr(props, None, "i") or "0") in ("1", "true")
    family = ctx.theme.font(style.first_attr(props, "a:latin", "typeface"))
    pixels = round(size / 100 * EMU_PER_POINT * scale)
    return style.font(family, pixels, is_bold, italic)


def _runs(ctx, paragraph, levels, local, master, default_color, scale, bold) -> list:
    runs = []
    for run in paragraph:
        tag = etree.QName(run).localname
        if tag == "br":
            runs.append(("\n", None, None))
            continue
        if tag not in ("r", "fld"):
            continue
        r_pr = run.find("a:rPr", NS)
        text = "".join(t.text or "" for t in run.findall("a:t", NS))
        font = _font_for(ctx, r_pr, levels, scale, bold)
        fills = [r_pr] + [e.find("a:defRPr", NS) for e in local]
        color = ctx.theme.color(style.first_child(fills, "a:solidFill"))
        if color is None:
            color = default_color or ctx.theme.color(style.first_child(
                [e.find("a:defRPr", NS) for e in master], "a:solidFill")) or (0, 0, 0)
        runs.append((text, font, color))
    return runs


def _bullet(ctx, levels, runs, numbers, level, x, size_px, scale):
    for element in levels:
        if element is None:
            continue
        if element.find("a:buNone", NS) is not None:
            return None
        char = element.find("a:buChar", NS)
        number = element.find("a:buAutoNum", NS)
        if char is None and number is None:
            continue
        if not runs or not any(text.strip() for text, _, _ in runs):
            return None
        font, color = runs[0][1], runs[0][2]
        if number is not None:
            numbers[level] = numbers.get(level, int(number.get("startAt", 1)) - 1) + 1
            return (f"{numbers[level]}.", font, color, x)
        return (char.get("char", "•"), style.font("DejaVu Sans", font.size), color, x)
    return None


def _wrap(runs, first: Line, width: float, wrap: bool, margin: float, size_px) -> list[Line]:
    lines = [first]
    current = first
    for text, font, color in runs:
        if text == "\n":
            current = Line(align=first.align, left=margin, spacing=first.spacing)
            lines.append(current)
            continue
        for word in WORD.findall(text):
            length = font.getlength(word)
            if (wrap and current.pieces and word.strip()
                    and current.width + length > width - current.left):
                current = Line(align=first.align, left=margin, spacing=first.spacing)
                lines.append(current)
            current.pieces.append((word, font, color))
            current.width += length
            ascent, descent = font.getmetrics()
            current.ascent, current.descent = max(current.ascent, ascent), max(
                current.descent, descent)
    for line in lines:
        if not line.pieces:
            line.ascent, line.descent = size_px * 0.9, size_px * 0.25
        elif line.pieces[-1][0] != line.pieces[-1][0].rstrip():
            text, font, color = line.pieces[-1]
            line.width -= font.getlength(text) - font.getlength(text.rstrip())
    return lines

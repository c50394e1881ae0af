"""Lays out and draws a DrawingML text body for the built-in renderer: runs with their own
fonts, sizes and colours, word wrap, alignment, indents, bullets and automatic numbering,
line and paragraph spacing, top/middle/bottom anchoring, and shrink-on-overflow autofit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from studio.media import slide_style as style
from studio.media.slide_style import NS

EMU_PER_POINT = 12700
MASTER_STYLES = {"titleStyle", "bodyStyle", "otherStyle"}
WORD = re.compile(r"\S+\s*|\s+")


@dataclass
class Line:
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
        return (self.ascent + self.descent) * self.spacing + self.space_before


def layout_paragraphs(ctx, body, area, chain, anchor, wrap, default_color, scale,
                      bold=False) -> None:
    autofit = body.find("a:bodyPr/a:normAutofit", NS)
    font_scale = int(autofit.get("fontScale", 100000)) / 100000 if autofit is not None else 1.0
    height = area[3] - area[1]
    for _ in range(8):
        lines = _lines(ctx, body, area[2] - area[0], chain, wrap, default_color,
                       scale * font_scale, bold)
        total = sum(line.height for line in lines)
        if autofit is None or total <= height or font_scale < 0.3:
            break
        font_scale *= 0.85  # PowerPoint shrinks text that overflows an autofit box
    y = area[1] + {"ctr": (height - total) / 2, "b": height - total}.get(anchor, 0.0)
    for line in lines:
        y += line.space_before
        baseline = y + line.ascent * line.spacing
        x = area[0] + line.left
        free = area[2] - area[0] - line.left - line.width
        x += {"ctr": free / 2, "r": free}.get(line.align, 0.0)
        if line.bullet:
            text, font, color, bullet_x = line.bullet
            ctx.draw.text((area[0] + bullet_x, baseline), text, font=font, fill=color,
                          anchor="ls")
        for text, font, color in line.pieces:
            ctx.draw.text((x, baseline), text, font=font, fill=color, anchor="ls")
            x += font.getlength(text)
        y += line.height - line.space_before


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

"""What the built-in slide renderer needs to know about looks: theme colours and fonts, the
inherited paragraph and run properties of a text (slide -> layout -> master), and font files.

A paragraph's size, colour, bullet and alignment are looked up along the same chain
PowerPoint uses: the paragraph itself, the shape's list style, the layout's and the master's
matching placeholder, then the master's title/body/other text style.
"""

from __future__ import annotations

import colorsys
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
DEFAULT_SCHEME = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1",
                  "accent1": "4F81BD", "accent2": "C0504D", "accent3": "9BBB59",
                  "accent4": "8064A2", "accent5": "4BACC6", "accent6": "F79646"}
TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj", "subTitle", None}


@dataclass(frozen=True)
class Theme:
    """A deck theme's colour scheme (name -> RRGGBB hex) and its heading (major) and body
    (minor) fonts (ECMA-376 §20.1.6)."""

    colors: dict[str, str]
    major_font: str = "Calibri"
    minor_font: str = "Calibri"

    def color(self, element) -> tuple[int, int, int] | None:
        """The RGB of a fill-like element holding a:srgbClr / a:schemeClr / a:sysClr."""
        if element is None:
            return None
        for child in element.iter(f"{{{A}}}srgbClr", f"{{{A}}}schemeClr", f"{{{A}}}sysClr"):
            tag = etree.QName(child).localname
            if tag == "srgbClr":
                value = child.get("val")
            elif tag == "sysClr":
                value = child.get("lastClr") or "000000"
            else:
                name = child.get("val")
                value = self.colors.get(SCHEME_ALIASES.get(name, name), "000000")
            return _adjust(_hex(value), child)
        return None

    def font(self, typeface: str | None) -> str:
        """The typeface to draw: ``+mj-*`` is the theme's major font, ``+mn-*`` or none
        its minor font, any other name itself."""
        if not typeface or typeface.startswith("+mn"):
            return self.minor_font
        return self.major_font if typeface.startswith("+mj") else typeface


def _hex(value: str | None) -> tuple[int, int, int]:
    try:
        return tuple(int((value or "000000")[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return (0, 0, 0)


def _adjust(rgb: tuple[int, int, int], color) -> tuple[int, int, int]:
    """Apply lumMod/lumOff, tint and shade, the modifiers decks use for lighter/darker tones."""
    def val(tag: str) -> float | None:
        found = color.find(f"a:{tag}", NS)
        return int(found.get("val")) / 100000 if found is not None else None

    mod, off, tint, shade = val("lumMod"), val("lumOff"), val("tint"), val("shade")
    if mod is None and off is None and tint is None and shade is None:
        return rgb
    h, lum, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    lum = min(1.0, max(0.0, lum * (mod if mod is not None else 1) + (off or 0)))
    r, g, b = (c * 255 for c in colorsys.hls_to_rgb(h, lum, s))
    if tint is not None:
        r, g, b = (255 - (255 - c) * tint for c in (r, g, b))
    if shade is not None:
        r, g, b = (c * shade for c in (r, g, b))
    return (round(r), round(g), round(b))


def read_theme(master) -> Theme:
    """The theme of a python-pptx slide master; the default Office scheme and Calibri when
    the deck has none or it cannot be parsed."""
    try:
        root = etree.fromstring(master.part.part_related_by(THEME_REL).blob)
    except (KeyError, etree.XMLSyntaxError):
        return Theme(dict(DEFAULT_SCHEME))
    colors = dict(DEFAULT_SCHEME)
    scheme = root.find(".//a:clrScheme", NS)
    for entry in scheme if scheme is not None else ():
        picked = next(iter(entry), None)
        if picked is not None:
            colors[etree.QName(entry).localname] = picked.get("lastClr") or picked.get(
                "val") or "000000"
    major = root.find(".//a:majorFont/a:latin", NS)
    minor = root.find(".//a:minorFont/a:latin", NS)
    return Theme(colors, major.get("typeface") if major is not None else "Calibri",
                 minor.get("typeface") if minor is not None else "Calibri")


def placeholder_type(shape) -> str | None:
    """A shape's placeholder type (``p:ph/@type``: "title", "body", "obj"...); "none" when
    it is no placeholder (ECMA-376 §19.3.1.36)."""
    found = shape._element.xpath("./*[1]/p:nvPr/p:ph")
    if not found:
        return "none"
    return found[0].get("type", "body") if found[0].get("type") != "obj" else "obj"


def level_chain(shape, master) -> list:
    """The list-style elements (a:lstStyle or p:*Style) a shape's paragraphs inherit from."""
    chain = []
    node = shape
    while node is not None:
        found = node._element.xpath("./p:txBody/a:lstStyle")
        if found:
            chain.append(found[0])
        try:
            node = node._base_placeholder if placeholder_type(node) != "none" else None
        except (AttributeError, KeyError):
            node = None
    kind = placeholder_type(shape)
    style = ("p:titleStyle" if kind in TITLE_TYPES else
             "p:bodyStyle" if kind in BODY_TYPES else "p:otherStyle")
    found = master._element.xpath(f"./p:txStyles/{style}")
    if found:
        chain.append(found[0])
    return chain


def body_property(shape, name: str) -> str | None:
    """An a:bodyPr attribute (anchor, insets, wrap), inherited through the placeholders."""
    node = shape
    while node is not None:
        found = node._element.xpath("./p:txBody/a:bodyPr")
        if found and found[0].get(name) is not None:
            return found[0].get(name)
        try:
            node = node._base_placeholder if placeholder_type(node) != "none" else None
        except (AttributeError, KeyError):
            node = None
    return None


def level_props(chain: list, level: int) -> list:
    """The a:lvlNpPr elements for one level, nearest first."""
    tag = f"a:lvl{min(level, 8) + 1}pPr"
    return [found for style in chain if (found := style.find(tag, NS)) is not None]


def first_attr(elements: list, path: str | None, attr: str) -> str | None:
    """``attr`` of the first element (or its child at ``path``) in an inheritance chain that
    sets it; None when none does. None entries of the chain are skipped."""
    for element in elements:
        if element is None:
            continue
        target = element.find(path, NS) if path else element
        if target is not None and target.get(attr) is not None:
            return target.get(attr)
    return None


def first_child(elements: list, path: str):
    """The child at ``path`` of the first element of an inheritance chain that has one, or
    None. None entries of the chain are skipped."""
    for element in elements:
        if element is None:
            continue
        found = element.find(path, NS)
        if found is not None:
            return found
    return None


# ---- font files ------------------------------------------------------------------------
SUBSTITUTES = {
    "calibri": ["carlito", "liberationsans"], "cambria": ["caladea", "liberationserif"],
    "arial": ["liberationsans"], "helvetica": ["liberationsans"],
    "timesnewroman": ["liberationserif"], "georgia": ["liberationserif", "dejavuserif"],
    "couriernew": ["liberationmono"], "consolas": ["liberationmono", "dejavusansmono"],
}
STYLE_SUFFIXES = {
    (False, False): ["", "regular", "book", "roman"],
    (True, False): ["bold", "bd", "b"],
    (False, True): ["italic", "oblique", "it", "i"],
    (True, True): ["bolditalic", "boldoblique", "bi", "z"],
}


def _font_dirs() -> list[Path]:
    home = Path.home()
    dirs = [home / ".fonts", home / ".local/share/fonts", Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"), Path("/Library/Fonts"),
            Path("/System/Library/Fonts"), home / "Library/Fonts"]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    return dirs


def _norm(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


@functools.cache
def font_index() -> dict[str, str]:
    """Installed font files (.ttf, .otf, .ttc) by normalised family name (lower case, letters
    and digits only) -> path; the first found wins. Read once per process."""
    index: dict[str, str] = {}
    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for root, _, files in os.walk(folder):
            for file in files:
                if file.lower().endswith((".ttf", ".otf", ".ttc")):
                    index.setdefault(_norm(Path(file).stem), os.path.join(root, file))
    return index


@functools.cache
def font(family: str, size_px: int, bold: bool = False, italic: bool = False):
    """A Pillow font for a family, a metric-compatible substitute, or a built-in fallback."""
    from PIL import ImageFont  # noqa: PLC0415

    index = font_index()
    size_px = max(1, size_px)
    for base in [_norm(family), *SUBSTITUTES.get(_norm(family), []), "dejavusans"]:
        for suffix in STYLE_SUFFIXES[(bold, italic)] + STYLE_SUFFIXES[(False, False)]:
            path = index.get(base + suffix)
            if path:
                try:
                    return ImageFont.truetype(path, size_px)
                except OSError:
                    continue
    return ImageFont.load_default(size_px)

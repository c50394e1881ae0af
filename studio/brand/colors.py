"""Colour arithmetic of brand kits: parsing, WCAG contrast ratios and shade searches.

Colours travel as ``'#RRGGBB'`` text, upper case, sRGB. Ratios are the WCAG 2.x contrast
ratio (relative luminance, (L1 + 0.05) / (L2 + 0.05); WCAG 2.2 "contrast ratio" definition,
unchanged since 2.1), computed by coloraide. Shade searches move a colour's OKLCH lightness
only, keeping its chroma and hue as far as sRGB allows, so a brand colour stays recognisable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coloraide import Color

HEX = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
WHITE = "#FFFFFF"
NEAR_BLACK = "#111111"  # text on light buttons: softer than pure black, same reading ease
_STEPS = 24  # halvings of a lightness interval: below 1e-7, far finer than one 8-bit step


def parse_color(text: str) -> str:
    """``text`` (``#RGB`` or ``#RRGGBB``, either case) as ``'#RRGGBB'`` upper case.

    Raises ``ValueError`` naming the value for anything else (named colours, rgb(), alpha)."""
    if not isinstance(text, str) or not HEX.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a colour written #RRGGBB")
    digits = text.strip()[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``'#RRGGBB'`` colours, 1.0 to 21.0 (order-free)."""
    return Color(foreground).contrast(background, method="wcag21")


def rounded_ratio(foreground: str, background: str) -> float:
    """:func:`contrast` cut (not rounded up) to two decimals, as reports show it: a pair
    shown as 4.50:1 really reaches 4.5:1."""
    return int(contrast(foreground, background) * 100) / 100


def passes(foreground: str, needs: Sequence[tuple[str, float]]) -> bool:
    """Whether ``foreground`` reaches each (background, required ratio) of ``needs``."""
    return all(contrast(foreground, bg) >= required for bg, required in needs)


def _hex(color: Color) -> str:
    return color.convert("srgb").fit("srgb").to_string(hex=True, upper=True)


def with_lightness(color: str, lightness: float) -> str:
    """``color`` with its OKLCH lightness set to ``lightness`` (0..1), chroma and hue kept,
    then mapped into sRGB; as ``'#RRGGBB'``."""
    value = Color(color).convert("oklch")
    value["lightness"] = min(1.0, max(0.0, lightness))
    return _hex(value)


def nearest_passing(color: str, needs: Sequence[tuple[str, float]]) -> str | None:
    """The shade of ``color`` closest in OKLCH lightness that reaches each (background,
    required ratio) of ``needs``; ``color`` itself when it already does, None when no
    lightness does. Deterministic: a bisection per direction (darker, lighter), the smaller
    move wins, darker on a tie."""
    if passes(color, needs):
        return color
    start = Color(color).convert("oklch")["lightness"]
    found: list[tuple[float, int, str]] = []
    for order, end in enumerate((0.0, 1.0)):
        candidate = with_lightness(color, end)
        if not passes(candidate, needs):
            continue
        near, far = start, end
        for _ in range(_STEPS):
            middle = (near + far) / 2
            if passes(with_lightness(color, middle), needs):
                far = middle
            else:
                near = middle
        found.append((abs(far - start), order, with_lightness(color, far)))
    return min(found)[2] if found else None


def mix_toward(color: str, toward: str, background: str, required: float) -> str:
    """``color`` mixed (in Oklab) toward ``toward`` as far as it still reaches ``required``:1
    on ``background``; ``color`` itself when even it falls short. Used to derive a muted
    text colour from the text and the surface."""
    if contrast(color, background) < required:
        return color
    low, high = 0.0, 1.0
    if contrast(_mix(color, toward, high), background) >= required:
        return _mix(color, toward, high)
    for _ in range(_STEPS):
        middle = (low + high) / 2
        if contrast(_mix(color, toward, middle), background) >= required:
            low = middle
        else:
            high = middle
    return _mix(color, toward, low)


def _mix(color: str, toward: str, share: float) -> str:
    return _hex(Color(color).mix(toward, share, space="oklab"))


def best_on(background: str) -> str:
    """White or near-black, whichever contrasts more with ``background`` (text on a filled
    button); white on a tie."""
    return WHITE if contrast(WHITE, background) >= contrast(NEAR_BLACK, background) else NEAR_BLACK

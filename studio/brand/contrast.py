"""Contrast of a brand kit's colours, as the player uses them, against WCAG 2.2 level AA.

``PAIRS`` is the one list of (foreground role, background role, required ratio, use) the
player's stylesheet draws with: text at 4.5:1 (SC 1.4.3 Contrast (Minimum)), focus rings,
markers, field borders and button boundaries at 3:1 (SC 1.4.11 Non-text Contrast). Each
scheme of a kit (light, and dark when it has one) is measured pair by pair.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studio.brand import colors
from studio.brand.kit import BrandKit, Palette
from studio.errors import ContrastError

TEXT, NON_TEXT = 4.5, 3.0  # WCAG 2.2 SC 1.4.3 and SC 1.4.11 minimum ratios
# (foreground role, background role, required ratio, where the player uses the pair)
PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "background", TEXT, "text on the page"),
    ("text", "surface", TEXT, "body text"),
    ("muted", "surface", TEXT, "secondary text"),
    ("on_primary", "primary", TEXT, "solid button text"),
    ("primary", "surface", TEXT, "outline button text, links, current item"),
    ("success", "surface", TEXT, "correct answers, completed items"),
    ("error", "surface", TEXT, "wrong answers, errors"),
    ("partial", "surface", TEXT, "partly correct answers"),
    ("accent", "surface", NON_TEXT, "focus ring, markers, progress"),
    ("accent", "background", NON_TEXT, "focus ring on the page"),
    ("line", "surface", NON_TEXT, "field borders"),
    ("primary", "background", NON_TEXT, "button boundary on the page"),
)
# Order in which adjust_kit fits roles: a role is fitted after the roles it is measured on;
# background and surface anchor the kit and are never moved.
_ADJUST_ORDER = ("text", "muted", "primary", "on_primary", "accent", "line",
                 "success", "error", "partial")


@dataclass(frozen=True)
class PairResult:
    """One measured pair: ``scheme`` ("light"|"dark"), the ``foreground`` and ``background``
    roles and their colours ``fg``/``bg`` ('#RRGGBB'), the ``ratio`` (cut to 2 decimals),
    the ``required`` ratio (4.5 or 3.0), the ``use`` in the player and whether it ``passed``."""

    scheme: str
    foreground: str
    background: str
    fg: str
    bg: str
    ratio: float
    required: float
    use: str
    passed: bool

    def describe(self) -> str:
        """``"light text on surface 3.21:1 (needs 4.5:1)"``."""
        return (f"{self.scheme} {self.foreground} on {self.background} {self.ratio:.2f}:1 "
                f"(needs {self.required:g}:1)")


def contrast_report(kit: BrandKit) -> list[PairResult]:
    """Every pair of ``PAIRS`` measured in each scheme of ``kit`` (light first), WCAG 2.2
    AA (SC 1.4.3, SC 1.4.11); ratios by the WCAG relative-luminance formula."""
    results = []
    for scheme, palette in kit.palettes():
        for fg_role, bg_role, required, use in PAIRS:
            fg, bg = getattr(palette, fg_role), getattr(palette, bg_role)
            passed = colors.contrast(fg, bg) >= required
            results.append(PairResult(scheme, fg_role, bg_role, fg, bg,
                                      colors.rounded_ratio(fg, bg), required, use, passed))
    return results


def failing_pairs(kit: BrandKit) -> list[PairResult]:
    """The pairs of :func:`contrast_report` that fail."""
    return [result for result in contrast_report(kit) if not result.passed]


def check_contrast(kit: BrandKit) -> None:
    """Raise :class:`ContrastError` when a pair of ``kit`` fails WCAG 2.2 AA contrast, with
    one line listing every failing pair: "Kit Acme fails WCAG 2.2 AA contrast: light text on
    surface 3.21:1 (needs 4.5:1); ..." (``failures`` holds the :class:`PairResult`\\ s)."""
    failing = failing_pairs(kit)
    if failing:
        raise ContrastError(f"Kit {kit.name} fails WCAG 2.2 AA contrast: "
                            + "; ".join(result.describe() for result in failing) + ".",
                            tuple(failing))


def adjust_kit(kit: BrandKit) -> tuple[BrandKit, list[str]]:
    """``kit`` with each failing colour moved to its nearest passing shade, and one line per
    change (``"light primary #7FB2E5 -> #2F6EA9"``).

    Background and surface stay; each other role is fitted, in a fixed order (a role after
    the roles it is measured on), against every pair it is the foreground of, by the
    smallest move of its OKLCH lightness that passes them all (chroma and hue kept).
    Colours that already pass are untouched, so a passing kit comes back unchanged.
    Deterministic. Raises :class:`ContrastError` when no shade can pass (e.g. a mid-grey
    surface with a mid-grey background).
    """
    changes: list[str] = []
    palettes = {}
    for scheme, palette in kit.palettes():
        palettes[scheme] = _adjust_palette(scheme, palette, changes)
    adjusted = replace(kit, light=palettes["light"], dark=palettes.get("dark"))
    check_contrast(adjusted)
    return adjusted, changes


def _adjust_palette(scheme: str, palette: Palette, changes: list[str]) -> Palette:
    values = {role: getattr(palette, role) for role in Palette.__dataclass_fields__}
    for role in _ADJUST_ORDER:
        needs = [(values[bg], required) for fg, bg, required, _ in PAIRS if fg == role]
        if colors.passes(values[role], needs):
            continue
        fitted = colors.nearest_passing(values[role], needs)
        if fitted is None:
            continue  # left failing: check_contrast names it
        changes.append(f"{scheme} {role} {values[role]} -> {fitted}")
        values[role] = fitted
    return Palette(**values)

"""Text contrast measured on a rendered slide, box by box (WCAG 2.2 SC 1.4.3 Contrast
(Minimum); "contrast ratio" and "large scale (text)" definitions of WCAG 2.2 §7).

The slide image is what the learner sees, so the colours are read from it rather than from
the deck's theme: each text box's area is cropped, its colours are quantised, the most
frequent one is the background and the text is the group of pixels farthest from it in
relative luminance that is large enough to be glyph strokes rather than edge smoothing;
each group's colour is its most frequent exact colour (a stroke's core, a plain fill).
Where the deck states the text's colour and pixels of that colour are drawn in the box, that
colour is the text's: thin strokes of small text seldom reach it across a whole pixel, and
WCAG measures the colour the text is given, not its smoothed edges. A box with no distinct
pixels whose stated colour is its background's holds invisible text, measured as such.
The ratio is the brand kit's WCAG ratio (:func:`studio.brand.colors.contrast`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studio.brand.colors import parse_color, rounded_ratio
from studio.errors import MediaError
from studio.media.flashing import LINEAR
from studio.slide_layout import TextBox

NORMAL_RATIO = 4.5  # WCAG 2.2 SC 1.4.3
LARGE_RATIO = 3.0
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0  # "large scale" text, WCAG 2.2 §7
LEVELS = 16  # quantisation steps per channel
TEXT_SHARE = 0.05  # of the pixels that are not background: a colour group that is text
MIN_TEXT_PIXELS = 8
DECLARED_NEAR = 12  # per channel: a pixel this close to the deck's text colour is drawn in it


@dataclass(frozen=True)
class BoxContrast:
    """The measurement of one text box: ``box``; ``text`` and ``background`` the colours
    found ("#RRGGBB"; ``text`` "" when no text was found in the box's area); ``ratio`` the
    WCAG contrast ratio cut to two decimals (0.0 without text); ``required`` 4.5 or 3.0
    (large text); ``size_known`` False when the deck left the size unresolved, in which case
    ``required`` is the normal 4.5."""

    box: TextBox
    text: str
    background: str
    ratio: float
    required: float
    size_known: bool

    @property
    def found(self) -> bool:
        """Whether text pixels were found in the box's area."""
        return bool(self.text)

    @property
    def passes(self) -> bool:
        """Whether the measured ratio reaches the required one."""
        return self.found and self.ratio >= self.required


def is_large(box: TextBox) -> bool:
    """Whether the box's text is "large scale" (WCAG 2.2 §7): at least 18 pt, or 14 pt bold."""
    return box.size_pt >= LARGE_PT or (box.bold and box.size_pt >= LARGE_BOLD_PT)


def required_ratio(box: TextBox) -> float:
    """The ratio SC 1.4.3 asks of the box's text: 3.0 for large text, else 4.5."""
    return LARGE_RATIO if is_large(box) else NORMAL_RATIO


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{int(v):02X}" for v in rgb)


def measure_box(pixels: np.ndarray, box: TextBox) -> BoxContrast:
    """Measure one box in ``pixels``, the whole slide as an (height, width, 3) uint8 RGB
    array. A box outside the image or without distinct pixels gives ``text`` ""."""
    height, width = pixels.shape[:2]
    left, top = max(0, int(box.x * width)), max(0, int(box.y * height))
    right = min(width, int(round((box.x + box.width) * width)))
    bottom = min(height, int(round((box.y + box.height) * height)))
    required, known = required_ratio(box), box.size_pt > 0
    if right - left < 2 or bottom - top < 2:
        return BoxContrast(box, "", "", 0.0, required, known)
    crop = pixels[top:bottom, left:right].reshape(-1, 3)
    bins = (crop // (256 // LEVELS)).astype(np.int32)
    codes = (bins[:, 0] * LEVELS + bins[:, 1]) * LEVELS + bins[:, 2]
    counts = np.bincount(codes, minlength=LEVELS ** 3)
    background_code = int(counts.argmax())
    background = _commonest(crop[codes == background_code])
    others = np.flatnonzero(counts)
    others = others[others != background_code]
    enough = max(MIN_TEXT_PIXELS, TEXT_SHARE * (len(crop) - counts[background_code]))
    candidates = [c for c in others if counts[c] >= enough]
    back = _hex(background)
    declared = _declared(box.colour)
    if not candidates:
        if declared is not None and np.abs(background - declared).max() <= DECLARED_NEAR:
            # text in the colour of its background: there, and invisible
            return BoxContrast(box, _hex(declared), back,
                               rounded_ratio(_hex(declared), back), required, known)
        return BoxContrast(box, "", back, 0.0, required, known)
    back_lum = _luminance(background)
    colours = {c: _commonest(crop[codes == c]) for c in candidates}
    # farthest from the background in luminance; the lower code on a tie, for the same bytes
    text_code = max(candidates, key=lambda c: (abs(_luminance(colours[c]) - back_lum), -c))
    text = _hex(colours[text_code])
    if declared is not None and (np.abs(crop.astype(np.int16) - declared).max(axis=1)
                                 <= DECLARED_NEAR).any():
        text = _hex(declared)
    return BoxContrast(box, text, back, rounded_ratio(text, back), required, known)


def _declared(colour: str) -> np.ndarray | None:
    try:
        value = parse_color(colour)
    except ValueError:
        return None
    return np.array([int(value[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)


def _commonest(pixels: np.ndarray) -> np.ndarray:
    """The most frequent exact colour of (n, 3) pixels: a glyph's core or a plain fill,
    where the mean would drift toward the smoothed edges; the lowest on a tie."""
    packed = (pixels[:, 0].astype(np.int32) << 16) | (pixels[:, 1].astype(np.int32) << 8) \
        | pixels[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    top = int(values[counts.argmax()])
    return np.array([top >> 16, (top >> 8) & 255, top & 255])


def _luminance(rgb: np.ndarray) -> float:
    r, g, b = (LINEAR[int(v)] for v in rgb)
    return float(0.2126 * r + 0.7152 * g + 0.0722 * b)


def measure_slide(image: Path, boxes: tuple[TextBox, ...]) -> list[BoxContrast]:
    """Measure every box with text of a slide image (PNG, JPEG: any picture Pillow reads),
    in the boxes' order. Raises MediaError when the image cannot be read."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(image) as picture:
            pixels = np.asarray(picture.convert("RGB"))
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise MediaError(f"Cannot read the slide image {Path(image).name}: {exc}.") from exc
    return [measure_box(pixels, box) for box in boxes if box.text.strip()]


"""Where the text is on a slide that is only a picture (a screenshot, a slide exported as an
image): its lines found by optical character recognition, so their contrast can be measured
as a deck's text boxes are (WCAG 2.2 SC 1.4.3).

Recognition is Tesseract's (``tesseract`` 4 or newer on ``PATH``, through pytesseract), run
twice on the greyscale picture: with its default global threshold (dark text on light, light
text on dark), then with Sauvola's local threshold, which finds light text on a coloured band
that the global threshold merges into its background. Lines found by both are kept once.

A picture has no font sizes, so each line's size is estimated from its glyphs: the height of
the rows that hold pixels unlike the line's background, from the tallest letter's top to the
lowest descender (about one em), scaled as if the picture filled a 16:9 slide 7.5 inches
(540 pt) tall, PowerPoint's default page. Text with only capitals or no descenders comes out
smaller than it is, which asks more contrast of it, never less.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from studio.errors import MediaError
from studio.slide_layout import TextBox

SLIDE_HEIGHT_PT = 540.0  # 7.5 in: PowerPoint's default 16:9 page
MIN_CONFIDENCE = 60  # Tesseract's word confidence, 0..100
THRESHOLDS = (0, 2)  # Tesseract's global Otsu, then Sauvola's local threshold
SPARSE_TEXT = "--psm 11"  # text anywhere on the picture, in no particular layout
FOREGROUND = 48  # per channel: a pixel this far from the background is part of a glyph
OVERLAP = 0.5  # of the smaller box: two lines found by both passes are one


def available() -> bool:
    """Whether Tesseract can be run here (pytesseract imports and finds the program)."""
    try:
        import pytesseract  # noqa: PLC0415

        pytesseract.get_tesseract_version()
    except Exception:  # noqa: BLE001 - not installed, not on PATH, or failing to start
        return False
    return True


def text_lines(image: Path) -> tuple[TextBox, ...] | None:
    """The lines of text Tesseract finds in ``image`` (any picture Pillow reads) as text
    boxes in fractions of the picture (top to bottom, then left to right), each with its
    estimated size in points and its words; None when Tesseract is not installed. Raises
    MediaError when the picture cannot be read."""
    if not available():
        return None
    import pytesseract  # noqa: PLC0415
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(image) as picture:
            rgb = picture.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise MediaError(f"Cannot read the slide image {Path(image).name}: {exc}.") from exc
    grey = rgb.convert("L")
    pixels = np.asarray(rgb)
    found: list[tuple[int, int, int, int, str]] = []
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread: the same lines every run
    for method in THRESHOLDS:
        data = pytesseract.image_to_data(
            grey, config=f"{SPARSE_TEXT} -c thresholding_method={method}",
            output_type=pytesseract.Output.DICT)
        for line in _lines(data):
            if not any(_overlap(line, kept) > OVERLAP for kept in found):
                found.append(line)
    height, width = pixels.shape[:2]
    boxes = []
    for left, top, right, bottom, words in sorted(found, key=lambda b: (b[1], b[0], b[4])):
        glyphs = _glyph_height(pixels[top:bottom, left:right])
        boxes.append(TextBox(left / width, top / height, (right - left) / width,
                             (bottom - top) / height,
                             round(glyphs / height * SLIDE_HEIGHT_PT, 1), text=words[:80]))
    return tuple(boxes)


def _lines(data: dict) -> list[tuple[int, int, int, int, str]]:
    """Words Tesseract is sure of, joined into lines: (left, top, right, bottom, words)."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][index]) >= MIN_CONFIDENCE:
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            lines.setdefault(key, []).append(index)
    out = []
    for indices in lines.values():
        words = " ".join(data["text"][i].strip() for i in indices)
        if sum(ch.isalnum() for ch in words) < 2:
            continue  # a lone mark is noise more often than text
        out.append((min(data["left"][i] for i in indices), min(data["top"][i] for i in indices),
                    max(data["left"][i] + data["width"][i] for i in indices),
                    max(data["top"][i] + data["height"][i] for i in indices), words))
    return out


def _overlap(a: tuple, b: tuple) -> float:
    """The share of the smaller of two boxes that the other covers."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / max(1, smaller)


def _glyph_height(crop: np.ndarray) -> int:
    """Rows, in pixels, from the first to the last that hold a pixel unlike the crop's
    commonest colour (its background)."""
    if crop.size == 0:
        return 0
    flat = crop.reshape(-1, 3).astype(np.int32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    top = int(values[counts.argmax()])
    background = np.array([top >> 16, (top >> 8) & 255, top & 255])
    glyph = (np.abs(crop.astype(np.int32) - background).max(axis=2) > FOREGROUND).any(axis=1)
    rows = np.flatnonzero(glyph)
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0

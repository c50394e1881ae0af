"""Slide images for a deck, with the renderer chosen and the results cached.

``auto`` uses LibreOffice when it is installed (pixel fidelity) and the built-in renderer
otherwise, or when LibreOffice fails on this deck, so an import never fails for lack of it.
Images are cached in the bundle's ``cache/slides/`` under a key made of the deck's hash,
the slide's position, the renderer (and its version) and the image size.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ImportFileError, MediaError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media import render_builtin, render_libreoffice
from studio.media.cache import cache_key
from studio.media.pptx_reader import Deck
from studio.model import DEFAULT_RESOLUTION

RENDERERS = ("auto", "libreoffice", "builtin")
DEFAULT_FRAME = DEFAULT_RESOLUTION
VERSIONS = {"libreoffice": 1, "builtin": render_builtin.RENDERER_VERSION}


@dataclass(frozen=True)
class RenderedSlides:
    """The slide images of one deck: which renderer drew them, their size in pixels, and the
    PNG in the cache of each visible slide by its number in the deck."""

    renderer: str  # libreoffice | builtin
    size: tuple[int, int]
    images: dict[int, Path]  # deck slide number -> PNG in the cache
    fallback_reason: str = ""  # why auto did not use LibreOffice although it is installed
    cached: bool = False  # every image came from the cache


def fit_size(deck: Deck, frame: tuple[int, int] = DEFAULT_FRAME) -> tuple[int, int]:
    """The largest image of the deck's aspect that fits the course's frame (4:3 in 16:9 is
    pillar-boxed by the player, not stretched)."""
    ratio = deck.width_emu / deck.height_emu
    width = min(frame[0], round(frame[1] * ratio))
    return width, max(1, round(width / ratio))


def cache_path(cache_dir: Path, deck: Deck, number: int, renderer: str,
               size: tuple[int, int]) -> Path:
    """Where slide ``number`` of ``deck`` drawn by ``renderer`` at ``size`` pixels is cached:
    a name keyed by the deck's SHA-256, the slide, the renderer and its version, and the size."""
    key = cache_key({"deck": deck.sha256, "slide": number, "renderer": renderer,
                     "version": VERSIONS[renderer], "size": list(size)})
    return Path(cache_dir) / "slides" / f"{key[:40]}.png"


class Conversion:
    """LibreOffice converting a deck in the background, so reading the deck (python-pptx,
    in this process) and converting it (soffice, another process) overlap."""

    def __init__(self, path: Path):
        self._work = tempfile.TemporaryDirectory(prefix="studio-deck-")
        self._token = CancelToken()
        self._result: Path | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(Path(path),), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._result = render_libreoffice.convert_to_pdf(path, Path(self._work.name),
                                                             token=self._token)
        except BaseException as exc:  # handed to the waiting caller in pdf()
            self._error = exc

    def pdf(self, token: CancelToken) -> Path:
        """Wait for LibreOffice's PDF of the deck and return its path. Raises Cancelled when
        ``token`` is (LibreOffice is stopped), and what the conversion raised (MediaError)."""
        while self._thread.is_alive():
            if token.cancelled:
                self._token.cancel()
            self._thread.join(0.05)
        token.check()
        if self._error is not None:
            raise self._error
        return self._result

    def close(self) -> None:
        """Stop the conversion if it still runs and remove its working folder."""
        self._token.cancel()
        self._thread.join()
        self._work.cleanup()


def start_conversion(path: Path, renderer: str) -> Conversion | None:
    """Start LibreOffice early when the chosen renderer will need it."""
    if renderer in ("auto", "libreoffice") and render_libreoffice.find_soffice():
        return Conversion(path)
    return None


def render_deck(deck: Deck, cache_dir: Path, size: tuple[int, int], renderer: str = "auto",
                progress: Progress = no_progress, token: CancelToken | None = None,
                conversion: Conversion | None = None) -> RenderedSlides:
    """Draw every visible slide of ``deck`` as a PNG of ``size`` pixels into the cache (or
    find them there), with ``renderer`` one of :data:`RENDERERS`: "auto" uses LibreOffice
    when it is installed and falls back to the built-in renderer (saying why) when it fails.
    Raises ImportFileError for an unknown renderer, MediaError when the chosen LibreOffice
    fails, Cancelled when ``token`` is."""
    if renderer not in RENDERERS:
        raise ImportFileError(f"Unknown slide renderer {renderer}; use one of "
                              f"{', '.join(RENDERERS)}.")
    token = token or CancelToken()
    chosen = renderer
    if renderer == "auto":
        chosen = "libreoffice" if render_libreoffice.find_soffice() else "builtin"
    if chosen == "libreoffice":
        try:
            return _render(deck, cache_dir, size, "libreoffice", progress, token, conversion)
        except MediaError as exc:
            if renderer == "libreoffice":
                raise
            rendered = _render(deck, cache_dir, size, "builtin", progress, token)
            return RenderedSlides(rendered.renderer, size, rendered.images, exc.message,
                                  rendered.cached)
    return _render(deck, cache_dir, size, "builtin", progress, token)


def _render(deck: Deck, cache_dir: Path, size: tuple[int, int], renderer: str,
            progress: Progress, token: CancelToken,
            conversion: Conversion | None = None) -> RenderedSlides:
    visible = deck.visible
    images = {s.number: cache_path(cache_dir, deck, s.number, renderer, size) for s in visible}
    missing = [s for s in visible if not images[s.number].is_file()]
    if not missing:
        progress(1.0, "Slides from the cache")
        return RenderedSlides(renderer, size, images, cached=True)
    next(iter(images.values())).parent.mkdir(parents=True, exist_ok=True)
    if renderer == "libreoffice":
        with tempfile.TemporaryDirectory(prefix="studio-deck-") as work:
            progress(0.0, f"Converting {deck.path.name} with LibreOffice")
            pdf = (conversion.pdf(token) if conversion is not None else
                   render_libreoffice.convert_to_pdf(deck.path, Path(work), token=token))
            render_libreoffice.rasterise_pdf(
                pdf, [images[s.number] for s in visible], size,
                SubProgress(progress, 0.5, 0.5), token)
    else:
        _render_builtin(deck, [s.number for s in missing], images, size, progress, token)
    return RenderedSlides(renderer, size, images)


def _render_builtin(deck: Deck, numbers: list[int], images: dict[int, Path],
                    size: tuple[int, int], progress: Progress, token: CancelToken) -> None:
    from pptx import Presentation  # noqa: PLC0415

    from studio.media.render_builtin import render_slide  # noqa: PLC0415

    slides = list(Presentation(str(deck.path)).slides)
    for done, number in enumerate(numbers, start=1):
        token.check()
        render_slide(slides[number - 1], (deck.width_emu, deck.height_emu), size,
                     images[number])
        progress(done / len(numbers), f"Drew slide {number}")

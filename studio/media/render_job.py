"""One clip's render described as plain data, the unit every executor runs.

Kept apart from :mod:`studio.media.render` (which carries it out) so that the modules a
render is made of (:mod:`~studio.media.segments`, :mod:`~studio.media.shared_cache`) read
the same declaration without importing the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.media import ffmpeg_args as fa
from studio.media.cache import cache_key
from studio.media.ffmpeg import FFmpeg
from studio.media.probe import ProbeResult

RECIPE = 6  # bump when the argument lists change, so older renders are not reused


@dataclass(frozen=True)
class RenderJob:
    """One clip's render as plain data: picklable, so it can run in any worker or process
    (:func:`studio.media.render.render_source` carries it out).

    ``in_point``/``out_point`` are seconds of the source; ``cache_dir`` is the project's
    cache folder (renders go to ``cache_dir/renders``, see
    :class:`~studio.media.cache.RenderCache`); ``found`` is the source's probe as stored
    with its asset (None: probe the file when rendering); ``video_format`` is one of
    ``ffmpeg_args.VIDEO_FORMATS`` and the render's file extension; a long encode is made in
    segments of ``segment_seconds`` (see :mod:`~studio.media.segments`).
    """

    source: Path
    source_sha256: str
    in_point: float
    out_point: float
    preset: fa.Preset
    loudness: bool
    cache_dir: Path
    label: str = ""  # what progress messages call the clip
    found: ProbeResult | None = None
    video_format: str = fa.MP4
    segment_seconds: float | None = fa.SEGMENT_SECONDS  # None: one encode however long

    def key(self, ffmpeg: FFmpeg) -> str:
        """The render's cache key (hex SHA-256) for this ffmpeg: equal inputs, equal key."""
        parts = {
            "recipe": RECIPE, "source": self.source_sha256,
            "in": round(self.in_point, 6), "out": round(self.out_point, 6),
            "preset": self.preset.key(),
            "filters": {"loudness": fa.LOUDNESS_TARGET if self.loudness else None},
            "ffmpeg": ffmpeg.version, "segment_seconds": self.segment_seconds,
        }
        if self.video_format != fa.MP4:  # absent for MP4, so renders made before stay hits
            parts["format"] = self.video_format
        return cache_key(parts)

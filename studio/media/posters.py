"""Poster images: the first frame of a rendered clip as a JPEG, shown before the video plays.

A poster is made from the render, not the source, so it is exactly the picture the learner
sees at the clip's in point, at the render's size. It is cached under the render's key.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from studio.errors import MediaError
from studio.media.av_video import open_video
from studio.media.cache import write_atomic

RECIPE = 1
QUALITY = 3  # mjpeg quantiser, 2 (best) .. 31: a poster is seen full size
LAMBDA_PER_QP = 118  # libavcodec's FF_QP2LAMBDA: global_quality is set in lambda units


def poster(video: Path, identity: str, cache_dir: Path) -> Path:
    """The first frame of ``video`` as a JPEG, made once per ``identity`` (a render key)."""
    path = Path(cache_dir) / "posters" / f"{identity}-{RECIPE}.jpg"
    if path.is_file():
        return path
    import av  # noqa: PLC0415 (slow import, kept off start-up)

    container, stream = open_video(video, "for its poster", "to make a poster of")
    with container:
        try:
            frame = next(container.decode(stream), None)
        except av.error.FFmpegError as exc:
            raise MediaError(f"Cannot decode {video.name} for its poster: {exc}.") from exc
        if frame is None:
            raise MediaError(f"{video.name} has no picture to make a poster of.")
        encoder = av.CodecContext.create("mjpeg", "w")
        encoder.width, encoder.height = frame.width // 2 * 2, frame.height // 2 * 2
        encoder.pix_fmt = "yuvj420p"
        encoder.time_base = Fraction(1, 25)
        encoder.flags |= av.codec.context.Flags.qscale
        encoder.global_quality = QUALITY * LAMBDA_PER_QP
        image = frame.reformat(encoder.width, encoder.height, "yuvj420p")
        image.pts, image.time_base = 0, encoder.time_base
        data = b"".join(bytes(p) for p in [*encoder.encode(image), *encoder.encode(None)])
    write_atomic(path, data)
    return path

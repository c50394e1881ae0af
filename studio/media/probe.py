"""What a media file holds: kind, duration, streams, codecs, sizes, frame rate, rotation.

Read in-process with PyAV (no ffprobe needed). PyAV costs about a second and a half to
import, so it is imported on first use only. Every file is decoded for one frame, so a
file that opens but cannot play is refused at import rather than at export.
"""

from __future__ import annotations

import statistics
import struct
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from studio.errors import ImportFileError, MediaError
from studio.files import unreadable
from studio.media.mp4boxes import index_first, layout

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}
# Pixels in one picture or video frame: a 12000 x 8000 scan fits; decoding more would take
# gigabytes of memory (FFmpeg refuses frames of about 268 megapixels and up as "invalid data").
MAX_PIXELS = 100_000_000
VFR_SAMPLE_PACKETS = 240  # enough packets to see a phone's frame-rate changes, cheap to demux


@dataclass(frozen=True)
class ProbeResult:
    """What a probe found: ``kind`` ("video", "audio" or "image"), ``duration`` in seconds
    (None for a picture), the displayed ``width`` x ``height`` in pixels (after rotation), and
    ``info`` with the ``video`` and ``audio`` stream details the renders read."""

    kind: str  # video | audio | image
    duration: float | None
    width: int | None = None  # as displayed (after rotation)
    height: int | None = None
    info: dict = field(default_factory=dict)

    @property
    def video(self) -> dict | None:
        """The video stream's details (codec, frame rate, rotation...), None without one."""
        return self.info.get("video")

    @property
    def audio(self) -> dict | None:
        """The audio stream's details (codec, sample rate, channels), None without one."""
        return self.info.get("audio")


def probe(path: Path) -> ProbeResult:
    """Probe a file; raises ImportFileError for a missing or unreadable file ("cannot be read
    (permission denied)"), a picture or video frame of more than :data:`MAX_PIXELS` ("too
    large"), a file that is not media, or a damaged one."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    try:
        with path.open("rb") as file:
            file.read(1)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if path.suffix.lower() in IMAGE_SUFFIXES:
        _check_pixels(path, picture_size(path))
    import av  # noqa: PLC0415 (slow import, kept off start-up)

    try:
        container = av.open(str(path), metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} is not a media file Course Studio can read ({_reason(exc)})."
        ) from exc
    with container:
        try:
            return _read(path, container)
        except av.error.FFmpegError as exc:
            raise ImportFileError(
                f"{path.name} is damaged: it opens but cannot be decoded ({_reason(exc)})."
            ) from exc


def picture_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels of a picture, read from its header by the Pillow plugin of
    its format without decoding it (so also for pictures past Pillow's bomb limit); None
    when no plugin knows the file. Raises OSError when the file cannot be read."""
    from PIL import Image  # noqa: PLC0415

    Image.init()
    with path.open("rb") as file:
        prefix = file.read(16)
        for format_id in Image.ID:
            factory, accept = Image.OPEN[format_id]
            if accept is not None and not accept(prefix):
                continue
            file.seek(0)
            try:
                with factory(file, str(path)) as picture:
                    return picture.size
            except (SyntaxError, ValueError, IndexError, TypeError, struct.error, OSError):
                continue  # not this format: the plugins signal it so
    return None


def _check_pixels(path: Path, size: tuple[int, int] | None) -> None:
    if size and size[0] * size[1] > MAX_PIXELS:
        raise ImportFileError(f"{path.name} is too large ({size[0] * size[1] / 1e6:.0f} "
                              f"megapixels; the limit is {MAX_PIXELS / 1e6:.0f}).")


def _read(path: Path, container) -> ProbeResult:
    video = next(iter(container.streams.video), None)
    audio = next(iter(container.streams.audio), None)
    if video is None and audio is None:
        raise ImportFileError(f"{path.name} holds no video, audio or picture.")
    if video is not None:
        _check_pixels(path, (video.codec_context.width, video.codec_context.height))
    is_image = video is not None and (
        path.suffix.lower() in IMAGE_SUFFIXES or container.format.name.endswith("_pipe")
        or container.format.name == "image2"
    )
    duration = None
    if not is_image:
        if container.duration:
            duration = container.duration / 1_000_000
        elif video is not None and video.duration and video.time_base:
            duration = float(video.duration * video.time_base)
        if not duration or duration <= 0:
            raise ImportFileError(f"{path.name} has no readable duration; it may be damaged.")
    info: dict = {
        "container": container.format.name,
        "streams": [_stream_summary(s) for s in container.streams],
    }
    width = height = None
    if video is not None:
        first = _first_frame(container, video, path)
        info["video"] = _video_info(container, video, first, is_image)
        width, height = info["video"]["display_width"], info["video"]["display_height"]
    if audio is not None:
        if video is None:
            _first_frame(container, audio, path)
        ctx = audio.codec_context
        info["audio"] = {
            "codec": ctx.name,
            "profile": audio.profile,
            "channels": ctx.channels,
            "sample_rate": ctx.sample_rate,
        }
    kind = "image" if is_image else ("video" if video is not None else "audio")
    return ProbeResult(kind=kind, duration=round(duration, 3) if duration else None,
                       width=width, height=height, info=info)


def _first_frame(container, stream, path: Path):
    for frame in container.decode(stream):
        return frame
    raise ImportFileError(f"{path.name} is damaged: its {stream.type} has no decodable frame.")


def _video_info(container, video, first, is_image: bool) -> dict:
    ctx = video.codec_context
    rotation = int(getattr(first, "rotation", 0) or 0) % 360
    coded_w, coded_h = ctx.width, ctx.height
    sideways = rotation in (90, 270)
    fmt = ctx.format
    info = {
        "codec": ctx.name,
        "profile": video.profile,
        "pixel_format": fmt.name if fmt else None,
        "bit_depth": max((c.bits for c in fmt.components), default=8) if fmt else None,
        "width": coded_w,
        "height": coded_h,
        "rotation": rotation,
        "display_width": coded_h if sideways else coded_w,
        "display_height": coded_w if sideways else coded_h,
        "frame_rate": None,
        "vfr": False,
    }
    if not is_image:
        rate = video.average_rate or video.guessed_rate
        info["frame_rate"] = round(float(rate), 3) if rate else None
        info["vfr"] = _is_variable_rate(container, video)
    return info


def _is_variable_rate(container, video) -> bool:
    """True when the first packets' durations differ by more than timestamp rounding."""
    container.seek(0, stream=video)
    stamps = []
    for packet in container.demux(video):
        if packet.pts is not None:
            stamps.append(packet.pts)
        if len(stamps) >= VFR_SAMPLE_PACKETS:
            break
    stamps.sort()
    deltas = [b - a for a, b in zip(stamps, stamps[1:], strict=False) if b > a]
    if len(deltas) < 3:
        return False
    typical = statistics.median(deltas)
    tolerance = max(2, typical * 0.05)
    return any(abs(d - typical) > tolerance for d in deltas)


def _stream_summary(stream) -> dict:
    summary = {"index": stream.index, "type": stream.type,
               "codec": stream.codec_context.name if stream.codec_context else None}
    if stream.language:
        summary["language"] = stream.language
    return summary


def keyframe_at_or_before(path: Path, time: float) -> float | None:
    """Time of the video keyframe a decoder would start from to show ``time`` (seconds)."""
    import av  # noqa: PLC0415

    try:
        with av.open(str(path)) as container:
            video = next(iter(container.streams.video), None)
            if video is None or video.time_base is None:
                return None
            base = Fraction(video.time_base)
            start = video.start_time or 0
            container.seek(start + int(time / base), stream=video, backward=True,
                           any_frame=False)
            for packet in container.demux(video):
                if packet.pts is not None and packet.is_keyframe:
                    return float((packet.pts - start) * base)
    except (av.error.FFmpegError, OSError) as exc:
        raise MediaError(f"{path.name} cannot be read ({_reason(exc)}); it may be damaged.") \
            from exc
    return None


def is_faststart(path: Path) -> bool:
    """True for an mp4 whose index (moov) comes before its media data, so it plays at once."""
    return index_first(layout(path))


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or type(exc).__name__
    return text[0].lower() + text[1:]

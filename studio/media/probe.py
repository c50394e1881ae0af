"""What a media file holds: kind, duration, streams, size. Read in-process with PyAV.

PyAV costs about a second and a half to import, so it is imported on first use only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from studio.errors import ImportFileError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}
AUDIO_SUFFIXES = {".mp3", ".m4a", ".wav", ".aac", ".ogg", ".oga", ".flac", ".opus"}
VIDEO_SUFFIXES = {".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".mpg", ".mpeg", ".ogv"}


@dataclass(frozen=True)
class ProbeResult:
    kind: str  # video | audio | image
    duration: float | None
    width: int | None = None
    height: int | None = None
    info: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def probe(path: Path) -> ProbeResult:
    """Probe a file; raises ImportFileError for a missing, non-media or damaged file."""
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    import av  # noqa: PLC0415 (slow import, kept off start-up)

    try:
        container = av.open(str(path), metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} is not a media file Course Studio can read ({_reason(exc)})."
        ) from exc
    with container:
        video = next(iter(container.streams.video), None)
        audio = next(iter(container.streams.audio), None)
        if video is None and audio is None:
            raise ImportFileError(f"{path.name} holds no video, audio or picture.")
        is_image = video is not None and (
            path.suffix.lower() in IMAGE_SUFFIXES or container.format.name.endswith("_pipe")
        )
        duration = None
        if not is_image:
            if container.duration:
                duration = container.duration / 1_000_000
            elif video is not None and video.duration and video.time_base:
                duration = float(video.duration * video.time_base)
            if not duration or duration <= 0:
                raise ImportFileError(f"{path.name} has no readable duration; it may be damaged.")
        info: dict = {"container": container.format.name}
        if video is not None:
            info["video"] = {
                "codec": video.codec_context.name,
                "pixel_format": video.codec_context.format.name
                if video.codec_context.format else None,
                "frame_rate": float(video.average_rate) if video.average_rate else None,
            }
        if audio is not None:
            info["audio"] = {
                "codec": audio.codec_context.name,
                "channels": audio.codec_context.channels,
                "sample_rate": audio.codec_context.sample_rate,
            }
        kind = "image" if is_image else ("video" if video is not None else "audio")
        return ProbeResult(
            kind=kind,
            duration=round(duration, 3) if duration else None,
            width=video.codec_context.width if video is not None else None,
            height=video.codec_context.height if video is not None else None,
            info=info,
        )


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or type(exc).__name__
    return text[0].lower() + text[1:]

"""Scrubbing proxies: a small all-intra copy of a video, so any frame is one seek and one decode.

A proxy fits :data:`PROXY_BOX`, has no sound, and every frame is a keyframe (H.264 ``-g 1``,
x264's ultrafast preset), so the frame at a time costs a few milliseconds however long the
source's groups of pictures are. Frames keep the source's timestamps (``-fps_mode
passthrough``: no frame is dropped, doubled or moved, variable frame rates included), so the
frame at ``t`` seconds after the source's first frame is the proxy's frame at ``t`` seconds
after its first frame, as :class:`~studio.media.frame_at.FrameReader` counts time. Rotation
is applied while scaling (ffmpeg's autorotate), so a proxy is stored upright. Edit lists are
applied by the demuxer as for any playback.

Only a source larger than the box gets one (:func:`worth_a_proxy`): a proxy of a smaller
picture would be no smaller, and at that size decoding from the keyframe before the time
is already quick.

Proxies live in the project's cache as ``proxies/<key>.mp4``, the key made from the source's
content hash and the proxy settings, so copies and renames of an asset share one proxy and a
changed setting makes a new one. A proxy is written through a ``.part`` file and renamed
into place once complete: a cancelled or failed build leaves nothing.

    worth_a_proxy(width, height) -> bool              # whether a source gets one
    proxy_path(cache_dir, sha256) -> Path             # where it goes
    find_proxy(cache_dir, sha256) -> Path | None      # there and complete, else None
    build_proxy(source, sha256, cache_dir, duration, progress, token) -> Path
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import MediaError, ProjectWriteError
from studio.files import replacing
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.cache import cache_key

PROXY_BOX = (960, 540)  # pixels: the largest picture a proxy holds, upright
PROXY_CRF = 18  # x264 quality: a re-encode the eye cannot tell from the original at preview size
PROXY_VERSION = 1  # bump when the proxy's recipe changes, so old proxies are not used


def worth_a_proxy(width: int | None, height: int | None) -> bool:
    """Whether a video of ``width`` x ``height`` pixels (as stored; None when unknown)
    is scrubbed from a proxy: True when it holds more pixels than :data:`PROXY_BOX`."""
    return bool(width and height) and width * height > PROXY_BOX[0] * PROXY_BOX[1]


def proxy_key(sha256: str) -> str:
    """The cache key of the proxy of a source with content hash ``sha256`` (hex)."""
    return cache_key({"proxy": PROXY_VERSION, "source": sha256, "box": list(PROXY_BOX),
                      "crf": PROXY_CRF})


def proxy_path(cache_dir: Path, sha256: str) -> Path:
    """Where the proxy of the source with content hash ``sha256`` is kept:
    ``<cache_dir>/proxies/<key>.mp4`` (it may not exist yet)."""
    return Path(cache_dir) / "proxies" / f"{proxy_key(sha256)}.mp4"


def find_proxy(cache_dir: Path, sha256: str) -> Path | None:
    """The finished proxy of a source, or None when it has not been made (a file in place
    is always complete: see the module's note on ``.part`` files)."""
    path = proxy_path(cache_dir, sha256)
    return path if path.is_file() else None


def proxy_command(source: Path, output: Path, ffmpeg_command) -> list[str]:
    """The ffmpeg arguments that write the proxy of ``source`` to ``output`` (MP4 whatever
    its extension); ``ffmpeg_command`` is :meth:`studio.media.ffmpeg.FFmpeg.command`."""
    width, height = PROXY_BOX
    scale = (f"scale=w='min({width},iw)':h='min({height},ih)'"
             ":force_original_aspect_ratio=decrease:force_divisible_by=2")
    return ffmpeg_command(
        "-y", "-v", "error", "-progress", "pipe:1", "-i", str(source),
        "-map", "0:v:0", "-an", "-sn", "-dn", "-map_metadata", "-1",
        "-vf", scale, "-fps_mode", "passthrough",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "fastdecode", "-g", "1",
        "-crf", str(PROXY_CRF), "-pix_fmt", "yuv420p", "-f", "mp4", str(output))


def build_proxy(source: Path, sha256: str, cache_dir: Path, duration: float | None,
                progress: Progress = no_progress, token: CancelToken | None = None,
                name: str | None = None) -> Path:
    """Make (or find) the scrubbing proxy of the video ``source`` whose content hash is
    ``sha256``; returns its path in ``cache_dir``. ``duration`` (seconds, None if unknown)
    scales the progress fraction; ``name`` is the video as messages call it (default: the
    file's name).

    Raises MediaError with one line when the source is missing or ffmpeg cannot read it,
    ProjectWriteError when the cache cannot be written, Cancelled when ``token`` is cancelled
    (the partial file is removed in every failing case).
    """
    from studio.media.ffmpeg import find_ffmpeg  # noqa: PLC0415 (probes the binary once)
    from studio.media.process import run_ffmpeg  # noqa: PLC0415

    token = token or CancelToken()
    name = name or Path(source).name
    done = find_proxy(cache_dir, sha256)
    if done is not None:
        progress(1.0, "ready")
        return done
    if not Path(source).is_file():
        raise MediaError(f"Cannot make a scrubbing proxy of {name}: the file is missing.")
    target = proxy_path(cache_dir, sha256)
    what = f"make a scrubbing proxy of {name}"

    def report(fraction: float, message: str = "") -> None:  # the job's name says what
        progress(fraction, message.removeprefix(f"{what}: "))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target, unique=True) as part:
            command = proxy_command(Path(source), part, find_ffmpeg().command)
            try:
                run_ffmpeg(command, duration or 0.0, report, token, what)
            except MediaError as exc:
                raise MediaError(_one_line(exc.message, Path(source), name)) from None
    except OSError as exc:
        raise ProjectWriteError(f"Cannot store the scrubbing proxy of {name}: "
                                f"{exc.strerror or exc}.") from exc
    progress(1.0, "ready")
    return target


def _one_line(message: str, source: Path, name: str) -> str:
    """ffmpeg's last words about a source it could not read, as one short sentence."""
    if not message.startswith("ffmpeg could not"):  # ffmpeg did not start: already one line
        return message
    reason = message.split(" / ")[-1].strip().rstrip(".")
    if reason.startswith(str(source)):
        reason = reason[len(str(source)):].lstrip(": ")
    return f"Cannot make a scrubbing proxy of {name}: {reason or 'unreadable'}."

"""Timeline previews of imported media: a filmstrip and waveform peaks per asset.

Made in the background after an import (the CLI after ``studio import``, the window as
assets arrive) and cached by content hash, so asking again is instant. A preview job
opens the project on its own connection, so it can run on any worker thread; the others
read the assets from the course they are given.

    preview_job(project_path, asset_id) -> Job      # hand to a pool
    ensure_previews(course, media_dir, cache_dir, asset_ids, progress, token)  # now, in a pool
    cached_previews(asset, cache_dir)                # what is ready, without computing
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from studio.errors import NotFoundError
from studio.jobs import CancelToken, Job, Progress, SubProgress, no_progress, run_parallel
from studio.model import Asset, Course
from studio.store import Project

FILMSTRIP_INTERVAL = 10.0  # seconds of source per thumbnail
FILMSTRIP_SHARE = 0.5  # of a video's progress bar


@dataclass(frozen=True)
class Previews:
    """An asset's timeline previews: filmstrip JPEGs at times in seconds of the source,
    waveform peaks 0..1 at ``peaks_per_second``; either part empty when the asset has no
    picture or no sound."""

    asset_id: str
    filmstrip_times: tuple[float, ...] = ()  # seconds of the source
    filmstrip_frames: tuple[Path, ...] = ()  # one JPEG per time
    peaks_per_second: int = 0
    peaks: tuple[float, ...] = ()  # 0..1


def previews_of(asset: Asset, media_dir: Path, cache_dir: Path,
                progress: Progress = no_progress, token: CancelToken | None = None) -> Previews:
    """Compute (or read from the cache) an asset's filmstrip and waveform."""
    from studio.media.thumbnails import filmstrip  # noqa: PLC0415 (PyAV loads on first use)
    from studio.media.waveform import waveform  # noqa: PLC0415

    token = token or CancelToken()
    source = media_dir / asset.filename
    if not source.is_file():
        raise NotFoundError(f"The media file of {asset.original_name} is missing: {source}.")
    times: tuple[float, ...] = ()
    frames: tuple[Path, ...] = ()
    has_picture = asset.kind == "video" and asset.info.get("video") is not None
    has_sound = asset.kind in ("video", "audio") and asset.info.get("audio") is not None
    sound_progress: Progress = progress
    if has_picture:
        strip = filmstrip(source, asset.sha256, cache_dir, FILMSTRIP_INTERVAL,
                          progress=SubProgress(progress, 0, FILMSTRIP_SHARE), token=token)
        times, frames = strip.times, strip.frames
        sound_progress = SubProgress(progress, FILMSTRIP_SHARE, 1 - FILMSTRIP_SHARE)
    rate, peaks = 0, ()
    if has_sound:
        wave = waveform(source, asset.sha256, cache_dir, asset.duration, sound_progress, token)
        rate, peaks = wave.peaks_per_second, wave.peaks
    token.check()
    progress(1.0, f"Previews of {asset.original_name} ready")
    return Previews(asset.id, times, frames, rate, peaks)


def preview_job(project_path: Path | str, asset_id: str) -> Job:
    """A job making one asset's previews; it reads the asset on its own connection."""
    def job(progress: Progress = no_progress, token: CancelToken | None = None) -> Previews:
        with Project.open(project_path) as project:
            asset = _asset(project.course(), asset_id)
            media_dir, cache_dir = project.media_dir, project.cache_dir
        return previews_of(asset, media_dir, cache_dir, progress, token)

    return job


def ensure_previews(course: Course, media_dir: Path, cache_dir: Path,
                    asset_ids: list[str] | None = None, progress: Progress = no_progress,
                    token: CancelToken | None = None) -> dict[str, Previews]:
    """Asset id -> previews of the named assets (default: every video and sound asset of
    ``course``), made in a pool from the sources in ``media_dir``, cached in ``cache_dir``.

    Raises NotFoundError for an unknown asset id or a missing media file, Cancelled.
    """
    assets = [_asset(course, a) for a in
              (asset_ids if asset_ids is not None else list(course.assets))]
    wanted = [a for a in assets if a.kind in ("video", "audio")]
    jobs = [partial(previews_of, asset, Path(media_dir), Path(cache_dir)) for asset in wanted]
    done = run_parallel(jobs, progress, token or CancelToken())
    return {asset.id: made for asset, made in zip(wanted, done, strict=True)}


def cached_previews(asset: Asset, cache_dir: Path) -> Previews | None:
    """The asset's previews if both are already made in ``cache_dir``, else None (nothing
    is computed)."""
    from studio.media.thumbnails import cached_filmstrip  # noqa: PLC0415
    from studio.media.waveform import cached_waveform  # noqa: PLC0415

    strip = cached_filmstrip(asset.sha256, cache_dir, FILMSTRIP_INTERVAL) \
        if asset.kind == "video" and asset.info.get("video") is not None else None
    if strip is None and asset.kind == "video" and asset.info.get("video") is not None:
        return None
    wave = None
    if asset.info.get("audio") is not None:
        wave = cached_waveform(asset.sha256, cache_dir)
        if wave is None:
            return None
    return Previews(asset.id, strip.times if strip else (), strip.frames if strip else (),
                    wave.peaks_per_second if wave else 0, wave.peaks if wave else ())


def _asset(course: Course, asset_id: str) -> Asset:
    asset = course.assets.get(asset_id)
    if asset is None:
        raise NotFoundError(f"No media asset with id {asset_id}.")
    return asset

"""Web renders of video clips: an MP4 per clip (H.264 High, yuv420p, AAC, index first).

A render is a pure function of (source hash, in/out, preset, filters, ffmpeg version) and is
kept in the project's cache under that key, so an unchanged clip is never rendered twice.
Sources that are already web-ready are remuxed (or copied as they are) instead of encoded.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from studio.errors import MediaError, NotFoundError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress, run_parallel
from studio.media import ffmpeg_args as fa
from studio.media.cache import RenderCache
from studio.media.ffmpeg import FFmpeg, find_ffmpeg
from studio.media.probe import is_faststart, keyframe_at_or_before, probe
from studio.media.process import run_ffmpeg
from studio.model import VideoClip
from studio.store import Project

RECIPE = 1  # bump when the argument lists change, so older renders are not reused
LOUDNESS_SHARE = 0.2  # of a normalised render's progress bar: the measuring pass


@dataclass(frozen=True)
class RenderJob:
    """One clip's render, self-contained so it can run in any worker."""

    source: Path
    source_sha256: str
    in_point: float
    out_point: float
    preset: fa.Preset
    loudness: bool
    cache_dir: Path
    label: str = ""  # what progress messages call the clip

    def key(self, ffmpeg: FFmpeg) -> str:
        from studio.media.cache import cache_key  # noqa: PLC0415

        return cache_key({
            "recipe": RECIPE, "source": self.source_sha256,
            "in": round(self.in_point, 6), "out": round(self.out_point, 6),
            "preset": self.preset.key(),
            "filters": {"loudness": fa.LOUDNESS_TARGET if self.loudness else None},
            "ffmpeg": ffmpeg.version,
        })

    def __call__(self, progress: Progress = no_progress, token: CancelToken | None = None) -> Path:
        return render_source(self, progress, token or CancelToken())


def clip_job(project: Project, item: VideoClip, preset: str | fa.Preset = fa.DEFAULT_PRESET,
             loudness: bool = False) -> RenderJob:
    if not isinstance(item, VideoClip) or item.asset_id is None:
        raise MediaError(f"{item.title} is not a video clip with a source; nothing to render.")
    asset = project.course().assets.get(item.asset_id)
    if asset is None:
        raise NotFoundError(f"The source of {item.title} ({item.asset_id}) is missing.")
    source = project.media_dir / asset.filename
    if not source.is_file():
        raise NotFoundError(f"The media file of {item.title} is missing: {source}.")
    return RenderJob(source, asset.sha256, item.in_point, item.out_point,
                     preset if isinstance(preset, fa.Preset) else fa.preset_named(preset),
                     loudness, project.cache_dir, item.title)


def render_clip(project: Project, item: VideoClip, preset: str | fa.Preset = fa.DEFAULT_PRESET,
                progress: Progress = no_progress, token: CancelToken | None = None, *,
                loudness: bool = False) -> Path:
    """The web MP4 of a clip's cut, rendered once and then served from the cache."""
    return clip_job(project, item, preset, loudness)(progress, token)


def render_all(project: Project, preset: str | fa.Preset = fa.DEFAULT_PRESET,
               progress: Progress = no_progress, token: CancelToken | None = None, *,
               loudness: bool = False, item_ids: list[str] | None = None) -> dict[str, Path]:
    """Render every video clip (or those named) in a pool sized to the cores.

    Clips with the same source and cut share one render. Returns item id -> render.
    """
    token = token or CancelToken()
    clips = [i for i in project.course().items()
             if isinstance(i, VideoClip) and i.asset_id
             and (item_ids is None or i.id in item_ids)]
    ffmpeg = find_ffmpeg()
    jobs: dict[str, RenderJob] = {}
    item_keys: dict[str, str] = {}
    for clip in clips:
        job = clip_job(project, clip, preset, loudness)
        item_keys[clip.id] = key = job.key(ffmpeg)
        jobs.setdefault(key, job)
    keys = list(jobs)
    paths = run_parallel([jobs[k] for k in keys], progress, token)
    by_key = dict(zip(keys, paths, strict=True))
    return {item_id: by_key[key] for item_id, key in item_keys.items()}


def clear_render_cache(project: Project) -> int:
    return RenderCache(project.cache_dir).clear()


def render_source(job: RenderJob, progress: Progress, token: CancelToken) -> Path:
    ffmpeg = find_ffmpeg()
    cache = RenderCache(job.cache_dir)
    key = job.key(ffmpeg)
    label = job.label or job.source.name
    hit = cache.lookup(key)
    if hit is not None:
        progress(1.0, f"{label}: already rendered")
        return hit
    token.check()
    started = time.monotonic()
    found = probe(job.source)
    part = cache.new_part(key)
    try:
        measured = None
        encode_progress: Progress = progress
        if job.loudness and found.audio is not None:
            measured = _measure_loudness(ffmpeg, job, SubProgress(progress, 0, LOUDNESS_SHARE),
                                         token)
            encode_progress = SubProgress(progress, LOUDNESS_SHARE, 1 - LOUDNESS_SHARE)
        keyframe, faststart = None, False
        if fa.copy_compatible(found, job.preset, job.loudness):
            keyframe = keyframe_at_or_before(job.source, job.in_point)
            faststart = is_faststart(job.source)
        plan = fa.plan_render(ffmpeg.path, job.source, found, job.in_point, job.out_point,
                              job.preset, part, keyframe=keyframe, faststart=faststart,
                              loudness=measured, normalise=measured is not None)
        what = f"render {label}"
        if plan.mode == "file":
            shutil.copyfile(job.source, part)
        else:
            run_ffmpeg(list(plan.args), plan.duration, encode_progress, token, what)
        token.check()
        record = {
            "ffmpeg_version": ffmpeg.version, "ffmpeg_origin": ffmpeg.origin,
            "mode": plan.mode, "args": [a if a != str(part) else "OUTPUT" for a in plan.args],
            "source_sha256": job.source_sha256, "in": job.in_point, "out": job.out_point,
            "preset": job.preset.key(), "loudness": measured,
            "seconds": round(time.monotonic() - started, 3),
        }
        path = cache.commit(part, key, record)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        raise
    progress(1.0, f"{label}: rendered")
    return path


def _measure_loudness(ffmpeg: FFmpeg, job: RenderJob, progress: Progress,
                      token: CancelToken) -> dict | None:
    args = fa.loudness_scan_args(ffmpeg.path, job.source, job.in_point,
                                 job.out_point - job.in_point)
    log = run_ffmpeg(args, job.out_point - job.in_point, progress, token,
                     f"measure the loudness of {job.label or job.source.name}")
    return fa.parse_loudness(log)

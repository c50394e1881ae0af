"""Web renders of video clips: an MP4 per clip (H.264 High, yuv420p, AAC, index first).

A render is a pure function of (source hash, in/out, preset, filters, ffmpeg version) and is
kept in the project's cache under that key, so an unchanged clip is never rendered twice.
Sources that are already web-ready are remuxed (or copied as they are) instead of encoded.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from studio.errors import MediaError, NotFoundError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress, run_parallel
from studio.media import ffmpeg_args as fa
from studio.media import mp4cut
from studio.media.cache import RenderCache
from studio.media.ffmpeg import FFmpeg, find_ffmpeg
from studio.media.mp4boxes import index_first, layout
from studio.media.probe import ProbeResult, keyframe_at_or_before, probe
from studio.media.process import run_ffmpeg
from studio.model import VideoClip
from studio.store import Project

RECIPE = 3  # bump when the argument lists change, so older renders are not reused
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
    found: ProbeResult | None = None  # the source's probe as stored with its asset, if known

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
    found = None
    if asset.info.get("video") or asset.info.get("audio"):  # probed at import: not again
        found = ProbeResult(asset.kind, asset.duration, asset.width, asset.height, asset.info)
    return RenderJob(source, asset.sha256, item.in_point, item.out_point,
                     preset if isinstance(preset, fa.Preset) else fa.preset_named(preset),
                     loudness, project.cache_dir, item.title, found)


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
    """The cached web render of ``job`` (made now unless cached); MediaError if ffmpeg fails,
    Cancelled if ``token`` is, ProjectWriteError if the cache cannot be written."""
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
    found = job.found or probe(job.source)
    with cache.writing(key) as part:
        measured = None
        encode_progress: Progress = progress
        if job.loudness and found.audio is not None:
            measured = _measure_loudness(ffmpeg, job, SubProgress(progress, 0, LOUDNESS_SHARE),
                                         token)
            encode_progress = SubProgress(progress, LOUDNESS_SHARE, 1 - LOUDNESS_SHARE)
        keyframe, boxes, reorders = None, {}, False
        if fa.copy_compatible(found, job.preset, job.loudness):
            boxes = layout(job.source)
            if job.in_point > 0:
                keyframe = keyframe_at_or_before(job.source, job.in_point)
            if job.out_point < (found.duration or 0):
                reorders = reorders_frames(job.source)
        faststart = index_first(boxes)
        plan = fa.plan_render(ffmpeg.path, job.source, found, job.in_point, job.out_point,
                              job.preset, part, keyframe=keyframe, faststart=faststart,
                              loudness=measured, normalise=measured is not None,
                              index_size=boxes.get("moov"), reorders=reorders)
        what = f"render {label}"
        copier = None
        if plan.mode == "file":
            shutil.copyfile(job.source, part)
        elif plan.mode == "copy" and found.audio is not None and _cut_in_process(
                job, found, part, encode_progress, token, what):
            copier, plan = "mp4cut", fa.RenderPlan("copy", (), plan.duration)
        elif plan.mode == "copy":
            copier = "ffmpeg"
            try:
                run_ffmpeg(list(plan.args), plan.duration, encode_progress, token, what)
            except MediaError:  # the reserved index room was too small: move it afterwards
                plan = fa.plan_render(ffmpeg.path, job.source, found, job.in_point,
                                      job.out_point, job.preset, part, keyframe=keyframe,
                                      faststart=faststart, reorders=reorders)
                run_ffmpeg(list(plan.args), plan.duration, encode_progress, token, what)
        else:
            run_ffmpeg(list(plan.args), plan.duration, encode_progress, token, what)
        token.check()
        record = {
            "ffmpeg_version": ffmpeg.version, "ffmpeg_origin": ffmpeg.origin,
            "mode": plan.mode, "copier": copier,
            "args": [a if a != str(part) else "OUTPUT" for a in plan.args],
            "source_sha256": job.source_sha256, "in": job.in_point, "out": job.out_point,
            "preset": job.preset.key(), "loudness": measured,
            "seconds": round(time.monotonic() - started, 3),
        }
        cache.store_record(key, record)
    progress(1.0, f"{label}: rendered")
    return cache.video(key)


def _cut_in_process(job: RenderJob, found: ProbeResult, part: Path, progress: Progress,
                    token: CancelToken, what: str) -> bool:
    """Cut a plain mp4 by rewriting its index and copying its bytes; False when the source
    is outside what that handles (ffmpeg remuxes it instead)."""
    half_frame = 0.5 / (found.video.get("frame_rate") or 30)

    def copied(fraction: float) -> None:
        progress(fraction, f"{what}: {round(fraction * 100)} %")
        token.check()

    try:
        mp4cut.cut(job.source, part, job.in_point, job.out_point, half_frame, copied)
    except mp4cut.NotCommonCase:
        return False
    except OSError as exc:
        raise MediaError(f"Could not cut {job.source.name}: {exc.strerror}.") from exc
    return True


def reorders_frames(path: Path) -> bool:
    """Whether the video has frames stored out of display order (B-frames)."""
    import av  # noqa: PLC0415

    with av.open(str(path)) as container:
        video = next(iter(container.streams.video), None)
        return bool(video is not None and video.codec_context.has_b_frames)


def _measure_loudness(ffmpeg: FFmpeg, job: RenderJob, progress: Progress,
                      token: CancelToken) -> dict | None:
    args = fa.loudness_scan_args(ffmpeg.path, job.source, job.in_point,
                                 job.out_point - job.in_point)
    log = run_ffmpeg(args, job.out_point - job.in_point, progress, token,
                     f"measure the loudness of {job.label or job.source.name}")
    return fa.parse_loudness(log)

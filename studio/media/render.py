"""Web renders of video clips: an MP4 per clip (H.264 High, yuv420p, AAC, index first), or
a WebM (VP9, Opus) where the player's engine lacks H.264.

A render is a pure function of (source hash, in/out, preset, filters, ffmpeg version) and is
kept in the project's cache under that key, so an unchanged clip is never rendered twice.
Sources that are already web-ready are remuxed (or copied as they are) instead of encoded.
What a render needs to know of its source (streams, codecs, rotation, frame rate, box
layout, frame reordering) is recorded with the asset at import (:func:`asset_info`) and read
back from the model; only assets of older projects are probed again. Batches of renders
run through :mod:`studio.media.pipeline`.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from studio.errors import MediaError, NotFoundError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media import ffmpeg_args as fa
from studio.media import mp4boxes, mp4cut, segments, smart_cut, smart_mux
from studio.media.cache import RenderCache
from studio.media.ffmpeg import FFmpeg, find_ffmpeg
from studio.media.mp4boxes import index_first
from studio.media.probe import ProbeResult, keyframe_at_or_before, probe
from studio.media.process import run_ffmpeg
from studio.media.render_job import RenderJob
from studio.model import Asset, Course, VideoClip

LOUDNESS_SHARE = 0.2  # of a normalised render's progress bar: the measuring pass


def asset_info(source: Path, found: ProbeResult) -> dict:
    """The ``info`` to store with an imported asset: the probe's, plus what a render reads.

    For a video that is where its MP4 index sits (``info["layout"]``, see :func:`layout`)
    and whether frames are stored out of display order (``info["video"]["reorders"]``).
    ``source`` must be a file :func:`probe` has read.
    """
    info = dict(found.info)
    if found.kind == "video" and found.video is not None:
        info["layout"] = layout(source)
        info["video"] = {**found.video, "reorders": reorders_frames(source)}
    return info


def stored_probe(asset: Asset) -> ProbeResult | None:
    """The asset's probe as recorded at import; None when its info predates that record."""
    if asset.info.get("video") or asset.info.get("audio"):
        return ProbeResult(asset.kind, asset.duration, asset.width, asset.height, asset.info)
    return None


def clip_job(course: Course, item: VideoClip, media_dir: Path, cache_dir: Path,
             preset: str | fa.Preset = fa.DEFAULT_PRESET, loudness: bool = False,
             video_format: str = fa.MP4) -> RenderJob:
    """The render of a clip's cut of its source (in ``media_dir``), cached in ``cache_dir``,
    as ``video_format`` (``ffmpeg_args.VIDEO_FORMATS``).

    Raises MediaError for an item that is not a video clip with a source, an unknown
    preset or video format, NotFoundError when its asset or media file is missing.
    """
    if video_format not in fa.VIDEO_FORMATS:
        raise MediaError(f"Unknown video format {video_format}; use one of "
                         f"{', '.join(fa.VIDEO_FORMATS)}.")
    if not isinstance(item, VideoClip) or item.asset_id is None:
        raise MediaError(f"{item.title} is not a video clip with a source; nothing to render.")
    asset = course.assets.get(item.asset_id)
    if asset is None:
        raise NotFoundError(f"The source of {item.title} ({item.asset_id}) is missing.")
    source = Path(media_dir) / asset.filename
    if not source.is_file():
        raise NotFoundError(f"The media file of {item.title} is missing: {source}.")
    return RenderJob(source, asset.sha256, item.in_point, item.out_point,
                     preset if isinstance(preset, fa.Preset) else fa.preset_named(preset),
                     loudness, Path(cache_dir), item.title, stored_probe(asset), video_format)


def render_clip(course: Course, item: VideoClip, media_dir: Path, cache_dir: Path,
                preset: str | fa.Preset = fa.DEFAULT_PRESET, progress: Progress = no_progress,
                token: CancelToken | None = None, *, loudness: bool = False) -> Path:
    """The web MP4 of a clip's cut, rendered here once and then served from the cache.

    Errors as :func:`clip_job` and :func:`render_source`; Cancelled when ``token`` is.
    """
    job = clip_job(course, item, media_dir, cache_dir, preset, loudness)
    return render_source(job, progress, token or CancelToken())


def clear_render_cache(cache_dir: Path) -> int:
    """Remove every render under ``cache_dir``; returns how many there were."""
    return RenderCache(cache_dir).clear()


def render_source(job: RenderJob, progress: Progress, token: CancelToken) -> Path:
    """Make (or find in the cache) the MP4 or WebM of ``job``; returns its path in the cache.

    Only a keyframe lookup (for a stream copy that starts inside the source) and facts that
    ``job.found`` lacks are read from the source. Raises MediaError when ffmpeg fails or
    the source is damaged, ProjectWriteError when the cache cannot be written, Cancelled
    when ``token`` is (ffmpeg is stopped and no partial file is left).
    """
    ffmpeg = find_ffmpeg()
    cache = RenderCache(job.cache_dir)
    key = job.key(ffmpeg)
    label = job.label or job.source.name
    hit = cache.lookup(key, job.video_format)
    if hit is not None:
        progress(1.0, f"{label}: already rendered")
        return hit
    token.check()
    pieces = segments.split(job, key)
    if pieces is not None:
        return segments.render_split(pieces, progress, token)
    started = time.monotonic()
    found = job.found or probe(job.source)
    with cache.writing(key, job.video_format) as part:
        measured = None
        encode_progress: Progress = progress
        if job.loudness and found.audio is not None:
            measured = _measure_loudness(ffmpeg, job, SubProgress(progress, 0, LOUDNESS_SHARE),
                                         token)
            encode_progress = SubProgress(progress, LOUDNESS_SHARE, 1 - LOUDNESS_SHARE)
        keyframe, reorders = None, False
        index = {"faststart": False, "index_bytes": None}
        if fa.copy_compatible(found, job.preset, job.loudness, job.video_format):
            index = found.info.get("layout") or layout(job.source)  # older imports lack it
            if job.in_point > 0:  # depends on the cut, so it is not recorded at import
                # half a frame on, as the plan allows: an in point typed to the millisecond
                # falls a hair before a keyframe stored at, say, 1001/30000 s
                keyframe = keyframe_at_or_before(job.source, job.in_point + fa.half_frame(found))
            if job.out_point < (found.duration or 0):
                reorders = found.video.get("reorders")
                if reorders is None:
                    reorders = reorders_frames(job.source)
        faststart = index["faststart"]
        plan = fa.plan_render(ffmpeg.path, job.source, found, job.in_point, job.out_point,
                              job.preset, part, keyframe=keyframe, faststart=faststart,
                              loudness=measured, normalise=measured is not None,
                              index_size=index["index_bytes"], reorders=reorders,
                              video_format=job.video_format)
        what = f"render {label}"
        copier, smart, fallback = None, None, None
        if plan.mode == "file":
            shutil.copyfile(job.source, part)
        elif plan.mode == "copy" and found.audio is not None and _cut_in_process(
                job, found, plan.frames, part, encode_progress, token, what):
            copier, plan = "mp4cut", fa.RenderPlan("copy", (), plan.duration, plan.frames)
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
            smart, fallback = _smart(job, found, plan, part, encode_progress, token, what)
            if smart is not None:
                plan = fa.RenderPlan("smart", (), plan.duration, plan.frames)
            else:
                run_ffmpeg(list(plan.args), plan.duration, encode_progress, token, what)
        token.check()
        record = {
            "ffmpeg_version": ffmpeg.version, "ffmpeg_origin": ffmpeg.origin,
            "mode": plan.mode, "copier": copier,
            "args": [a if a != str(part) else "OUTPUT" for a in plan.args],
            "source_sha256": job.source_sha256, "in": job.in_point, "out": job.out_point,
            "preset": job.preset.key(), "loudness": measured, "format": job.video_format,
            "seconds": round(time.monotonic() - started, 3),
        }
        if smart is not None:
            record["smart"] = smart
        if fallback is not None:
            record["smart_fallback"] = fallback
        cache.store_record(key, record)
    progress(1.0, f"{label}: rendered")
    return cache.video(key, job.video_format)


def _smart(job: RenderJob, found: ProbeResult, plan: fa.RenderPlan, part: Path,
           progress: Progress, token: CancelToken, what: str) -> tuple[dict | None, str | None]:
    """Make a web-ready source's cut that a stream copy cannot make exact by copying all
    but its edges (:mod:`studio.media.smart_cut`): (what it encoded and copied, None), or
    (None, why not) when the source cannot be joined, or (None, None) when the render must
    be encoded anyway."""
    if plan.mode != "encode" or found.audio is None:
        return None, None
    if not fa.copy_compatible(found, job.preset, job.loudness, job.video_format):
        steady = dict(found.info, video=dict(found.video or {}, vfr=False))
        if (found.video or {}).get("vfr") and fa.copy_compatible(
                ProbeResult(found.kind, found.duration, found.width, found.height, steady),
                job.preset, job.loudness, job.video_format):
            return None, "a non-constant frame rate"
        return None, None
    try:
        return smart_mux.render_cut(job.source, part, job.in_point, job.out_point,
                                    fa.output_rate(found.video), fa.half_frame(found),
                                    progress, token, what), None
    except smart_cut.Unsafe as why:
        return None, str(why)


def _cut_in_process(job: RenderJob, found: ProbeResult, frames: int | None, part: Path,
                    progress: Progress, token: CancelToken, what: str) -> bool:
    """Cut a plain mp4 by rewriting its index and copying its bytes, keeping ``frames``
    video frames; False when the source is outside what that handles (ffmpeg remuxes it
    instead)."""
    half_frame = fa.half_frame(found)

    def copied(fraction: float) -> None:
        progress(fraction, f"{what}: {round(fraction * 100)} %")
        token.check()

    try:
        mp4cut.cut(job.source, part, job.in_point, job.out_point, half_frame, copied,
                   frames)
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


def layout(path: Path) -> dict:
    """Where an MP4's index sits: ``{"faststart": moov before mdat, "index_bytes": the moov's
    size in bytes or None}``; not faststart and None for other files (ISO/IEC 14496-12 §4)."""
    boxes = mp4boxes.layout(path)
    return {"faststart": index_first(boxes), "index_bytes": boxes.get("moov")}


def _measure_loudness(ffmpeg: FFmpeg, job: RenderJob, progress: Progress,
                      token: CancelToken) -> dict | None:
    args = fa.loudness_scan_args(ffmpeg.path, job.source, job.in_point,
                                 job.out_point - job.in_point)
    log = run_ffmpeg(args, job.out_point - job.in_point, progress, token,
                     f"measure the loudness of {job.label or job.source.name}")
    return fa.parse_loudness(log)

"""The render pipeline: every batch of clip renders, for the CLI, the window and the export.

    render_jobs({item_id: RenderJob}, progress, token, executor) -> {item_id: Path}
    render_all(course, media_dir, cache_dir, preset, ...)       -> {item_id: Path}

Items whose jobs have the same cache key (same source, cut, preset, filters, ffmpeg) share
one render. The renders run on an executor (:class:`studio.jobs.Executor`); the default
is :class:`studio.jobs.LocalPool`, threads sized to the cores, each thread waiting on its
own ffmpeg.

The seam, for an executor that runs renders elsewhere (a cluster):

- It provides ``map(fn, jobs, progress, token) -> list`` with results in job order. Here
  ``fn`` is :func:`render_one`, a module-level function, and each job a
  :class:`~studio.media.render.RenderJob`: frozen plain data (paths, hashes, seconds, the
  preset, the probe stored with the asset), picklable, needing no database or project.
- A worker needs the studio package, an ffmpeg, the source under ``job.source`` and the
  cache under ``job.cache_dir`` at the same paths (a shared folder). The render writes
  ``cache_dir/renders/<key>.mp4`` (or ``.webm``) through a unique ``.part`` file renamed
  into place, with a ``<key>.json`` record beside it, so two workers never clash and a
  half-written render is never served. The key includes the worker's ffmpeg version.
- Progress: ``fn`` reports 0..1 per job; a remote executor that cannot forward those calls
  reports per finished job instead. Cancel: when ``token`` is cancelled the executor stops
  queued and running jobs (locally the job's token stops its ffmpeg and the render removes
  its partial file) and raises :class:`~studio.errors.Cancelled`.
- Failure: the first failing job stops the rest; :func:`render_one` turns a render's error
  into :class:`RenderFailed`, which pickles with its job, so the caller can name the clip.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from studio.errors import MediaError, StudioError
from studio.jobs import CancelToken, Executor, LocalPool, Progress, no_progress
from studio.media import ffmpeg_args as fa
from studio.media.ffmpeg import find_ffmpeg
from studio.media.render import RenderJob, clip_job, render_source
from studio.model import Course, VideoClip


class RenderFailed(MediaError):
    """A render of a batch failed: ``job`` is its RenderJob, ``item_ids`` the items it was
    for (in batch order, filled in by :func:`render_jobs`); the message is the cause's."""

    def __init__(self, message: str, job: RenderJob, item_ids: tuple[str, ...] = ()):
        super().__init__(message)
        self.job, self.item_ids = job, item_ids

    def __reduce__(self):
        return type(self), (self.message, self.job, self.item_ids)


def render_one(job: RenderJob, progress: Progress, token: CancelToken) -> Path:
    """Run one render (the ``fn`` executors are given); its StudioError becomes RenderFailed.

    Cancelled passes through unchanged.
    """
    try:
        return render_source(job, progress, token)
    except StudioError as exc:
        raise RenderFailed(str(exc), job) from exc


def render_jobs(jobs: Mapping[str, RenderJob], progress: Progress = no_progress,
                token: CancelToken | None = None,
                executor: Executor | None = None) -> dict[str, Path]:
    """Item id -> its render, for every job, one render per distinct cache key.

    Runs on ``executor`` (default: a :class:`~studio.jobs.LocalPool` sized to the cores);
    overall progress is 0..1. Raises MediaError when no ffmpeg works, RenderFailed naming
    the items of the first render that failed, Cancelled when ``token`` is cancelled.
    """
    token = token or CancelToken()
    ffmpeg = find_ffmpeg()
    keys = {item_id: job.key(ffmpeg) for item_id, job in jobs.items()}
    distinct: dict[str, RenderJob] = {}
    for item_id, key in keys.items():
        distinct.setdefault(key, jobs[item_id])
    order = list(distinct)
    try:
        paths = (executor or LocalPool()).map(render_one, [distinct[k] for k in order],
                                              progress, token)
    except RenderFailed as failed:
        key = failed.job.key(ffmpeg)
        items = tuple(item_id for item_id, k in keys.items() if k == key)
        raise RenderFailed(failed.message, failed.job, items) from failed
    by_key = dict(zip(order, paths, strict=True))
    return {item_id: by_key[key] for item_id, key in keys.items()}


def render_all(course: Course, media_dir: Path, cache_dir: Path,
               preset: str | fa.Preset = fa.DEFAULT_PRESET, progress: Progress = no_progress,
               token: CancelToken | None = None, *, loudness: bool = False,
               item_ids: list[str] | None = None,
               executor: Executor | None = None) -> dict[str, Path]:
    """Render every video clip of ``course`` (or those named): item id -> its web MP4.

    Sources are read from ``media_dir``, renders kept in ``cache_dir``. Errors as
    :func:`~studio.media.render.clip_job` (before any render starts) and :func:`render_jobs`.
    """
    clips = [i for i in course.items()
             if isinstance(i, VideoClip) and i.asset_id
             and (item_ids is None or i.id in item_ids)]
    jobs = {clip.id: clip_job(course, clip, media_dir, cache_dir, preset, loudness)
            for clip in clips}
    return render_jobs(jobs, progress, token, executor)

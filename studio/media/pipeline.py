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
  :class:`~studio.media.render_job.RenderJob`: frozen plain data (paths, hashes, seconds, the
  preset, the probe stored with the asset), picklable, needing no database or project.
  Each result is a :class:`Rendered`: the render's path and the cache counts the job made,
  added to the studio's counters when it ran in another process.
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

import contextlib
import os
import socket
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from studio.errors import MediaError, StudioError
from studio.jobs import CancelToken, Executor, LocalPool, Progress, no_progress
from studio.media import ffmpeg_args as fa
from studio.media import segments
from studio.media.cache import CacheCounters, RenderCache
from studio.media.ffmpeg import FFmpeg, find_ffmpeg
from studio.media.render import clip_job, render_source
from studio.media.render_job import RenderJob
from studio.media.segments import Piece
from studio.media.shared_cache import SharedCache, SharedJob, render_shared
from studio.model import Course, VideoClip


class RenderFailed(MediaError):
    """A render of a batch failed: ``job`` is its RenderJob, ``item_ids`` the items it was
    for (in batch order, filled in by :func:`render_jobs`); the message is the cause's."""

    def __init__(self, message: str, job: RenderJob, item_ids: tuple[str, ...] = ()):
        super().__init__(message)
        self.job, self.item_ids = job, item_ids

    def __reduce__(self):
        return type(self), (self.message, self.job, self.item_ids)


class Rendered(NamedTuple):
    """What :func:`render_one` returns: the render's ``key``, its ``path`` where it ran
    (None for a render kept in a shared cache), the cache ``counts`` the job made and the
    ``process`` (host name, process id) it ran in, so a batch run in other processes still
    shows in the studio's :meth:`RenderCache.counters`."""

    key: str
    path: Path | None
    counts: CacheCounters
    process: tuple[str, int]


def _this_process() -> tuple[str, int]:
    return socket.gethostname(), os.getpid()


def render_one(job: RenderJob | SharedJob | Piece, progress: Progress,
               token: CancelToken) -> Rendered:
    """Run one render (the ``fn`` executors are given), here or into the shared cache a
    :class:`~studio.media.shared_cache.SharedJob` names, or one
    :class:`~studio.media.segments.Piece` of a split render (its ``path``, the render's
    ``key``); its StudioError becomes RenderFailed. Cancelled passes through unchanged.
    """
    try:
        with RenderCache.tally() as tally:
            if isinstance(job, SharedJob):
                key, path = render_shared(job, progress, token), None
            elif isinstance(job, Piece):
                key, path = job.key, job(progress, token)
            else:
                path = render_source(job, progress, token)
                key = path.stem
    except StudioError as exc:
        raise RenderFailed(str(exc), job if isinstance(job, RenderJob) else job.job) from exc
    return Rendered(key, path, tally.counts, _this_process())


def render_jobs(jobs: Mapping[str, RenderJob], progress: Progress = no_progress,
                token: CancelToken | None = None, executor: Executor | None = None,
                shared_cache: str | None = None) -> dict[str, Path]:
    """Item id -> its render, for every job, one render per distinct cache key.

    Runs on ``executor`` (default: a :class:`~studio.jobs.LocalPool` sized to the cores);
    overall progress is 0..1. With ``shared_cache`` (a folder or fsspec URL, see
    :mod:`studio.media.shared_cache`) the sources go into it and the renders are made there
    (or found there), then read from it. Raises MediaError when no ffmpeg works or the
    shared cache cannot be used, RenderFailed naming the items of the first render that
    failed, Cancelled when ``token`` is cancelled.
    """
    token = token or CancelToken()
    ffmpeg = find_ffmpeg()
    keys = {item_id: job.key(ffmpeg) for item_id, job in jobs.items()}
    distinct: dict[str, RenderJob] = {}
    for item_id, key in keys.items():
        distinct.setdefault(key, jobs[item_id])
    order = list(distinct)
    batch: list[RenderJob | SharedJob | Piece] = [distinct[k] for k in order]
    shared = SharedCache(shared_cache) if shared_cache else None
    if shared is not None:  # the project's own cache is swept when the project opens
        shared.remove_stale_parts()
    split: dict[str, list[Piece]] = {}
    if shared is not None:
        for job in batch:
            token.check()
            shared.put_source(job.source, job.source_sha256)
        batch = [SharedJob(job, shared.location) for job in batch]
    else:
        split = _split(distinct, keys, ffmpeg)
        batch = [piece for key in order for piece in split.get(key, [distinct[key]])]
    with _naming_items(keys, ffmpeg):
        results = (executor or LocalPool()).map(render_one, batch, progress, token)
    here = _this_process()
    for result in results:
        if result.process != here:
            RenderCache.add_counts(result.counts)
    by_key = {}
    for result in results:
        if result.key in split or result.key in by_key:
            continue  # a piece of a split render, joined below
        job = distinct[result.key]
        by_key[result.key] = result.path if shared is None else shared.local_render(
            result.key, job.video_format, job.cache_dir)
    with _naming_items(keys, ffmpeg):
        for key, pieces in split.items():
            try:
                by_key[key] = segments.join(pieces, no_progress, token)
            except StudioError as exc:
                raise RenderFailed(str(exc), distinct[key]) from exc
    return {item_id: by_key[key] for item_id, key in keys.items()}


def _split(distinct: dict[str, RenderJob], keys: dict[str, str],
           ffmpeg: FFmpeg) -> dict[str, list[Piece]]:
    """The pieces of every render not yet made that is split, by cache key."""
    split = {}
    with _naming_items(keys, ffmpeg):
        for key, job in distinct.items():
            if RenderCache(job.cache_dir).has(key, job.video_format):
                continue
            try:
                pieces = segments.split(job, key)
            except StudioError as exc:
                raise RenderFailed(str(exc), job) from exc
            if pieces is not None:
                split[key] = pieces
    return split


@contextlib.contextmanager
def _naming_items(keys: dict[str, str], ffmpeg: FFmpeg):
    """Fill in the item ids of a RenderFailed raised in the block."""
    try:
        yield
    except RenderFailed as failed:
        key = failed.job.key(ffmpeg)
        items = tuple(item_id for item_id, k in keys.items() if k == key)
        raise RenderFailed(failed.message, failed.job, items) from failed


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

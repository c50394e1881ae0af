"""Long encodes split into segments of the output's frame grid, made side by side and joined
without re-encoding.

A render that must be encoded (not copied or smart-cut), in MP4, without loudness levelling,
whose cut holds more than two segments of ``job.segment_seconds`` is made of pieces, each a
picklable job any executor runs: segment k encodes output frames [k x F, (k + 1) x F) (F a
whole number of groups of pictures, the last segment shorter) starting on a keyframe, on one
encoder thread with the render's parameters; one more piece encodes the cut's whole sound, so
there are no gaps where segments meet. :func:`join` then muxes them, the index first, into
the render under the clip's cache key. The pieces depend on the cut alone, never on how many
workers there are, so a render is the same file on any executor.

Pieces are kept content-addressed under ``cache_dir/segments`` (named by the render's key)
until their render is joined, so a batch retried after a failure or a cancel encodes only
the pieces it lacks; each is written through a ``.part`` file renamed into place.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from studio.errors import ProjectWriteError
from studio.files import discard, replacing
from studio.jobs import CancelToken, Progress, SubProgress
from studio.media import ffmpeg_args as fa
from studio.media.cache import RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import ProbeResult, probe
from studio.media.process import run_ffmpeg
from studio.media.render_job import RenderJob

SOUND = -1  # the index of the piece that holds the cut's sound
JOIN_SHARE = 0.05  # of a render made here piece by piece: the join


@dataclass(frozen=True)
class Piece:
    """One piece of a split render: ``job`` the clip's render, ``key`` its cache key;
    ``index`` the segment's number, holding output frames [first, first + frames), or
    :data:`SOUND` for the cut's whole sound track (``frames``: the cut's)."""

    job: RenderJob
    key: str
    index: int
    first: int
    frames: int

    @property
    def path(self) -> Path:
        """Where the piece is kept (it may not exist yet)."""
        name = "sound.m4a" if self.index == SOUND else f"{self.first}-{self.frames}.mp4"
        return Path(self.job.cache_dir) / "segments" / f"{self.key}-{name}"

    def __call__(self, progress: Progress, token: CancelToken) -> Path:
        """Encode the piece (or find it made); returns :attr:`path`. Raises MediaError when
        ffmpeg fails, ProjectWriteError when the cache cannot be written, Cancelled when
        ``token`` is (no partial file is left)."""
        label = self.job.label or self.job.source.name
        what = (f"encode the sound of {label}" if self.index == SOUND
                else f"encode segment {self.index + 1} of {label}")
        if self.path.is_file():
            progress(1.0, f"{what}: already made")
            return self.path
        token.check()
        found = _found(self.job)
        rate = fa.output_rate(found.video)
        seconds = float(self.frames / rate)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProjectWriteError(f"Could not write in {self.path.parent}: {exc}.") from exc
        with replacing(self.path, unique=True, error=lambda exc: ProjectWriteError(
                f"Could not store {self.path.name}: {exc}.")) as part:
            if self.index == SOUND:
                sound_only = ProbeResult("audio", seconds, None, None, found.info)
                args = fa.encode_args(find_ffmpeg().path, self.job.source, sound_only,
                                      self.job.in_point, seconds, self.job.preset, part)
            else:
                args = fa.segment_args(find_ffmpeg().path, self.job.source, found,
                                       self.job.in_point, self.first, self.frames,
                                       self.job.preset, part)
            run_ffmpeg(args, seconds, progress, token, what)
        return self.path


def _found(job: RenderJob) -> ProbeResult:
    return job.found or probe(job.source)


def split(job: RenderJob, key: str) -> list[Piece] | None:
    """The pieces of the render ``job`` (cache key ``key``): its segments in order, then
    its sound; None when the render is not split (see the module's description). May probe
    the source when ``job.found`` lacks its facts (MediaError if it cannot be read)."""
    if not job.segment_seconds or job.loudness or job.video_format != fa.MP4:
        return None
    found = _found(job)
    if found.kind != "video" or found.video is None or fa.copy_compatible(
            found, job.preset, job.loudness, job.video_format):
        return None
    rate = fa.output_rate(found.video)
    total = fa.frame_count(job.out_point - job.in_point, rate)
    gop = fa.gop_frames(rate)
    per_segment = gop * max(1, round(job.segment_seconds / fa.GOP_SECONDS))
    if total <= 2 * per_segment:
        return None
    pieces = [Piece(job, key, index, first, min(per_segment, total - first))
              for index, first in enumerate(range(0, total, per_segment))]
    return [*pieces, Piece(job, key, SOUND, 0, total)]


def join(pieces: list[Piece], progress: Progress, token: CancelToken,
         looked_up: bool = False) -> Path:
    """Make the render of ``pieces`` (all of one render, all made, as :func:`split` lists
    them) under its key in the cache, unless it is there already, then remove the pieces.
    The check counts as a cache lookup unless ``looked_up`` (the caller counted one).
    Returns the render's path. Raises MediaError when ffmpeg fails, ProjectWriteError when
    the cache cannot be written, Cancelled when ``token`` is (no partial file is left)."""
    job, key = pieces[0].job, pieces[0].key
    cache = RenderCache(job.cache_dir)
    label = job.label or job.source.name
    there = (cache.has(key, job.video_format) if looked_up
             else cache.lookup(key, job.video_format) is not None)
    if not there:
        token.check()
        started = time.monotonic()
        *segments, sound = pieces
        # the concat demuxer's list, named per join so two studios joining at once never share it
        handle, name = tempfile.mkstemp(prefix=f"{key}-", suffix="-segments.txt",
                                        dir=segments[0].path.parent)
        os.close(handle)
        listing = Path(name)
        try:
            listing.write_text("".join(f"file '{_quoted(p.path)}'\n" for p in segments),
                               encoding="utf-8")
            with cache.writing(key, job.video_format) as part:
                args = fa.join_args(find_ffmpeg().path, listing, sound.path, part)
                run_ffmpeg(args, float(sound.frames / fa.output_rate(_found(job).video)),
                           progress, token, f"join {label}")
                token.check()
                ffmpeg = find_ffmpeg()
                cache.store_record(key, {
                    "ffmpeg_version": ffmpeg.version, "ffmpeg_origin": ffmpeg.origin,
                    "mode": "encode", "copier": None, "segments": len(segments),
                    "segment_frames": segments[0].frames,
                    "args": [a if a != str(part) else "OUTPUT" for a in args],
                    "source_sha256": job.source_sha256, "in": job.in_point,
                    "out": job.out_point, "preset": job.preset.key(), "loudness": None,
                    "format": job.video_format,
                    "seconds": round(time.monotonic() - started, 3)})
        except OSError as exc:
            raise ProjectWriteError(f"Could not write the list of segments: {exc}.") from exc
        finally:
            discard(listing)
    for piece in pieces:
        discard(piece.path)
    progress(1.0, f"{label}: rendered")
    return cache.video(key, job.video_format)


def _quoted(path: Path) -> str:
    """``path`` inside single quotes of an ffmpeg concat list (a quote closes, is escaped
    and reopens)."""
    return str(path).replace("'", "'\\''")


def render_split(pieces: list[Piece], progress: Progress, token: CancelToken) -> Path:
    """Make the pieces one after the other here, then :func:`join` them: a render asked for
    outside a batch, whose cache lookup was counted. Errors as :func:`join`."""
    share = (1 - JOIN_SHARE) / len(pieces)
    for number, piece in enumerate(pieces):
        piece(SubProgress(progress, number * share, share), token)
    return join(pieces, SubProgress(progress, 1 - JOIN_SHARE, JOIN_SHARE), token,
                looked_up=True)


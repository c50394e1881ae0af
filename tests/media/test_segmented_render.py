"""Long encodes made in segments with the real ffmpeg and x264: the same file on any pool,
exact frames, whole sound, and no partial file after a cancel or a failure."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import pytest

from studio.errors import Cancelled
from studio.jobs import CancelToken, LocalPool, no_progress
from studio.media import ffmpeg_args as fa
from studio.media import segments
from studio.media.cache import RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.pipeline import RenderFailed, render_jobs
from studio.media.probe import probe
from studio.media.render import render_source
from studio.media.render_job import RenderJob
from tests.media.test_smart_render import decode_errors, pictures, psnr

RATE = Fraction(30)
IN, OUT = 0.4, 6.9  # 195 frames: segments of 60, 60, 60 and 15


def clip(folder: Path, name: str = "long.mp4", seconds: float = 7) -> Path:
    """A 320x180 clip in 4:4:4 chroma, which every preset re-encodes (testsrc: a picture
    x264 keeps well above 40 dB, so two encodes of it compare at that bar)."""
    path = folder / name
    subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc=size=320x180:rate=30:duration={seconds}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-c:a", "aac", str(path)],
                   check=True)
    return path


def job(source: Path, cache: Path, segment_seconds: float | None = 2) -> RenderJob:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return RenderJob(source, digest, IN, OUT, fa.preset_named("480p"), False, cache,
                     source.name, probe(source), segment_seconds=segment_seconds)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return clip(tmp_path_factory.mktemp("segmented"))


def render(job: RenderJob, pool: LocalPool | None = None) -> Path:
    return render_jobs({"clip": job}, executor=pool or LocalPool(2))["clip"]


def test_a_long_encode_is_split_on_the_output_frame_grid_in_whole_groups_of_pictures(source,
                                                                                      tmp_path):
    made = job(source, tmp_path)
    pieces = segments.split(made, "key")
    assert [(p.index, p.first, p.frames) for p in pieces] == [
        (0, 0, 60), (1, 60, 60), (2, 120, 60), (3, 180, 15), (segments.SOUND, 0, 195)]
    assert fa.gop_frames(RATE) == 60
    assert segments.split(replace(made, out_point=IN + 4), "key") is None  # two segments
    assert segments.split(replace(made, segment_seconds=None), "key") is None
    assert segments.split(replace(made, loudness=True), "key") is None
    assert segments.split(replace(made, video_format=fa.WEBM), "key") is None


def test_the_render_is_the_same_file_on_one_or_two_workers_and_holds_the_cut(source, tmp_path):
    before = RenderCache.counters()
    one = render(job(source, tmp_path / "Bob's one"), LocalPool(1))  # a quote in the list
    two = render(job(source, tmp_path / "two"), LocalPool(2))
    # outside a batch: its pieces one after the other
    here = render_source(job(source, tmp_path / "here"), no_progress, CancelToken())
    made = RenderCache.counters() - before
    assert one.read_bytes() == two.read_bytes() == here.read_bytes()
    assert (made.misses, made.stored) == (3, 3)
    assert RenderCache(tmp_path / "Bob's one").record(one.stem)["segments"] == 4
    assert list((tmp_path / "Bob's one" / "segments").iterdir()) == []  # joined, removed

    whole = render(job(source, tmp_path / "whole", segment_seconds=None))
    assert RenderCache(tmp_path / "whole").record(whole.stem).get("segments") is None
    seen, reference = pictures(one), pictures(whole)
    assert len(seen) == len(reference) == fa.frame_count(OUT - IN, RATE) == 195
    assert [round(t * RATE) for t, _ in seen] == list(range(195))
    assert psnr(seen[0][1], reference[0][1]) == 100  # the same first picture, bit for bit
    assert min(psnr(a, b) for (_, a), (_, b) in zip(seen, reference, strict=True)) >= 40
    assert decode_errors(one) == ""
    with av.open(str(one)) as container:
        sound = container.streams.audio[0]
        seconds = float(sound.duration * sound.time_base)
    assert abs(seconds - 195 / 30) < 1024 / 44100  # within one AAC frame of the picture


def test_a_cancel_leaves_no_partial_file_and_a_retry_reuses_the_pieces_made(source, tmp_path):
    made = job(source, tmp_path)
    token = CancelToken()

    def progress(fraction: float, message: str = "") -> None:
        if fraction > 0.5:
            token.cancel()

    with pytest.raises(Cancelled):
        render_jobs({"clip": made}, progress, token, LocalPool(1))
    assert not (tmp_path / "renders").exists() or list((tmp_path / "renders").iterdir()) == []
    kept = list((tmp_path / "segments").iterdir())
    assert kept and not [p for p in kept if p.suffix == ".part"]
    messages = []
    render_jobs({"clip": made}, lambda f, m="": messages.append(m), executor=LocalPool(1))
    assert sum("already made" in m for m in messages) == len(kept)


def test_a_failing_segment_names_its_clip_and_publishes_nothing(source, tmp_path):
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(source.read_bytes()[: source.stat().st_size // 3])
    jobs = {"good": job(source, tmp_path / "cache"),
            "cut short": replace(job(source, tmp_path / "cache"), source=damaged,
                                 source_sha256="0" * 64)}
    with pytest.raises(RenderFailed) as caught:
        render_jobs(jobs, executor=LocalPool(2))
    assert caught.value.item_ids == ("cut short",)
    assert not [p for p in (tmp_path / "cache").rglob("*.part*")]

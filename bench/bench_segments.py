"""One long clip's render made in segments side by side, against the same render in one encode.

    python bench/bench_segments.py [--seconds 120] [--workers 2]

Makes one source of ``--seconds`` seconds of 1080p (testsrc2 and a tone), then renders it to
the ``720p`` preset twice, each in a fresh cache, through the local pool of ``--workers``
threads: once split into segments of ``ffmpeg_args.SEGMENT_SECONDS`` (what exports do), once
in one encode (the reference, measured in the same run). Every encode uses one encoder
thread, so the one-encode render uses one core whatever the pool. Prints wall and CPU
seconds (the ffmpeg children's) of both, the speed-up of the split render, and its pieces.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(job, workers: int) -> tuple[float, float, Path]:
    """(wall seconds, children's CPU seconds, the render) of one render of ``job``."""
    from studio.jobs import LocalPool
    from studio.media.pipeline import render_jobs

    cpu, started = children_cpu(), time.perf_counter()
    made = render_jobs({"clip": job}, executor=LocalPool(workers))["clip"]
    return time.perf_counter() - started, children_cpu() - cpu, made


def main() -> None:
    from studio.media import ffmpeg_args as fa
    from studio.media.cache import RenderCache
    from studio.media.ffmpeg import find_ffmpeg
    from studio.media.render_job import RenderJob

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.mp4"
        subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size=1920x1080:rate=30:duration={args.seconds}", "-f",
                        "lavfi", "-i", f"sine=frequency=440:duration={args.seconds}",
                        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p",
                        "-c:a", "aac", str(source)], check=True)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        job = RenderJob(source, digest, 0.0, args.seconds, fa.preset_named("720p"), False,
                        folder / "split", source.name)
        split = timed(job, args.workers)
        whole = timed(replace(job, cache_dir=folder / "whole", segment_seconds=None),
                      args.workers)
        pieces = RenderCache(folder / "split").record(split[2].stem).get("segments")
    print(f"one {args.seconds:g} s 1080p clip -> 720p, one encoder thread per encode, "
          f"{args.workers} workers")
    print(f"in {pieces} segments of {fa.SEGMENT_SECONDS} s + its sound: "
          f"{split[0]:7.2f} s wall, {split[1]:7.2f} s CPU")
    print(f"in one encode (reference):     {whole[0]:7.2f} s wall, {whole[1]:7.2f} s CPU")
    print(f"speed-up: {whole[0] / split[0]:.2f}x wall; CPU ratio {split[1] / whole[1]:.2f}")


if __name__ == "__main__":
    main()

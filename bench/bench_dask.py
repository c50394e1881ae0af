"""Renders on a Dask cluster: the same batch with 1 and with 2 local worker processes.

    python bench/bench_dask.py [--clips 8] [--seconds 10] [--trivial 200]

Makes ``--clips`` sources of ``--seconds`` seconds of 1080p (ffmpeg's lavfi testsrc2, each
with its own tone so each is its own render) once, then renders them all to the ``720p``
preset through :class:`studio.cluster.DaskExecutor` on a ``LocalCluster`` of 1 and then 2
worker processes of one thread each, each run in a fresh cache. Every encode uses one core
(``ffmpeg_args.ENCODER_THREADS``), so the runs compare like with like. Prints the wall
times, the speed-up (bar on a 2-core machine: >= 1.7x), whether both runs made the same
bytes, and the scheduling overhead per job two ways: a batch of ``--trivial`` jobs that do
nothing, through the executor, divided by their count; and the 1-worker run's wall time
minus the renders' own seconds (from their cache records), divided by the clips.

The reference, measured in the same run: the very ffmpeg commands of those renders (from
their records), run bare one at a time and two at a time. Its speed-up is what the machine
gives two encodes right now (other processes take cores too); the executor's efficiency is
its speed-up over that one. Clips longer than two segments (``--seconds 60``) are rendered
in segments; the reference then leaves them out.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SPEED_UP_BAR = 1.7  # on 2 cores, with 2 workers


def make_sources(folder: Path, clips: int, seconds: float) -> list[Path]:
    from studio.media.ffmpeg import find_ffmpeg

    sources = []
    for n in range(clips):
        path = folder / f"source{n}.mp4"
        subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size=1920x1080:rate=30:duration={seconds}", "-f", "lavfi",
                        "-i", f"sine=frequency={300 + 20 * n}:duration={seconds}", "-c:v",
                        "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                        str(path)], check=True)
        sources.append(path)
    return sources


def nothing(job: int, progress, token) -> int:
    """A job that does nothing: what is left of its wall time is scheduling."""
    return job


def warm(job: int, progress, token) -> int:
    """Load the render code in a worker, so the first render does not pay for it."""
    import studio.media.pipeline  # noqa: F401

    return job


def run(workers: int, sources: list[Path], seconds: float, cache: Path,
        trivial: int) -> dict:
    from distributed import Client, LocalCluster

    from studio.cluster import DaskExecutor
    from studio.jobs import CancelToken, no_progress
    from studio.media import ffmpeg_args as fa
    from studio.media.cache import RenderCache
    from studio.media.pipeline import render_jobs
    from studio.media.render_job import RenderJob

    jobs = {path.stem: RenderJob(path, hashlib.sha256(path.read_bytes()).hexdigest(), 0.0,
                                 seconds, fa.preset_named("720p"), False, cache, path.name)
            for path in sources}
    with (LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                       dashboard_address=":0") as cluster,
          Client(cluster, set_as_default=False) as client,
          DaskExecutor(client) as executor):
        executor.map(warm, [0] * workers * 2, no_progress, CancelToken())
        started = time.perf_counter()
        renders = render_jobs(jobs, executor=executor)
        wall = time.perf_counter() - started
        started = time.perf_counter()
        executor.map(nothing, list(range(trivial)), no_progress, CancelToken())
        per_trivial = (time.perf_counter() - started) / trivial
    cache_of = RenderCache(cache)
    own = sum(cache_of.record(path.stem)["seconds"] for path in renders.values())
    digest = hashlib.sha256(b"".join(renders[k].read_bytes() for k in sorted(renders)))
    records = [cache_of.record(path.stem) for path in renders.values()]
    # a render made in segments records its join; the reference is then left out
    commands = [r["args"] for r in records if not r.get("segments")]
    return {"wall": wall, "own": own, "per_trivial": per_trivial, "bytes": digest.hexdigest(),
            "commands": commands, "segments": sum(r.get("segments") or 0 for r in records)}


def bare(commands: list[list[str]], folder: Path, at_once: int) -> float:
    """Wall seconds of the renders' ffmpeg commands run ``at_once`` at a time."""
    def encode(numbered: tuple[int, list[str]]) -> None:
        number, command = numbered
        output = str(folder / f"bare{number}.mp4")
        subprocess.run([output if a == "OUTPUT" else a for a in command], check=True,
                       capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(at_once) as pool:
        list(pool.map(encode, enumerate(commands)))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--trivial", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = make_sources(folder, args.clips, args.seconds)
        one = run(1, sources, args.seconds, folder / "cache1", args.trivial)
        two = run(2, sources, args.seconds, folder / "cache2", args.trivial)
        serial = bare(one["commands"], folder, 1) if one["commands"] else None
        paired = bare(one["commands"], folder, 2) if one["commands"] else None
    speed_up = one["wall"] / two["wall"]
    print(f"{args.clips} renders of {args.seconds:g} s 1080p -> 720p, one encoder thread each"
          + (f", {one['segments']} segments in all" if one["segments"] else ""))
    print(f"1 worker:  {one['wall']:7.2f} s wall ({one['own']:.2f} s of renders)")
    print(f"2 workers: {two['wall']:7.2f} s wall ({two['own']:.2f} s of renders)")
    verdict = "ok" if speed_up >= SPEED_UP_BAR else "MISSED"
    print(f"speed-up:  {speed_up:7.2f}x  (bar {SPEED_UP_BAR}x on 2 cores)  {verdict}")
    if serial is not None:
        ceiling = serial / paired
        print(f"reference, bare ffmpeg: {serial:.2f} s one at a time, {paired:.2f} s two at "
              f"a time: {ceiling:.2f}x; the executor's efficiency: {speed_up / ceiling:.2f}")
    print(f"same bytes from both runs: {'yes' if one['bytes'] == two['bytes'] else 'NO'}")
    print(f"scheduling overhead per job: {one['per_trivial'] * 1000:.1f} ms "
          f"({args.trivial} trivial jobs, 1 worker), "
          f"{two['per_trivial'] * 1000:.1f} ms (2 workers); "
          f"{(one['wall'] - one['own']) / args.clips * 1000:.0f} ms per render "
          "(1-worker wall minus the renders' own seconds)")


if __name__ == "__main__":
    main()

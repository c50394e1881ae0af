"""Renders on a Dask cluster: two worker processes of a LocalCluster, one thread each."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from distributed import Client, LocalCluster
from processes import ffmpeg_descendants

from studio.cluster import SCHEDULER_ENV, DaskExecutor
from studio.errors import Cancelled, ClusterError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.jobs import CancelToken, LocalPool, no_progress
from studio.media import ffmpeg_args as fa
from studio.media.cache import RenderCache
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.media.pipeline import RenderFailed, render_jobs, render_one
from studio.media.render_job import RenderJob
from studio.media.shared_cache import SharedCache, SharedJob


@pytest.fixture(scope="module")
def client():
    with (LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                       dashboard_address=":0") as cluster,
          Client(cluster, set_as_default=False) as connected):
        yield connected


def clip(folder: Path, name: str, seconds: float, frequency: int, size: str = "320x180"
         ) -> Path:
    """A clip in 4:4:4 chroma, which every preset re-encodes."""
    path = folder / name
    subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size={size}:rate=30:duration={seconds}", "-f", "lavfi", "-i",
                    f"sine=frequency={frequency}:duration={seconds}", "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-c:a", "aac", str(path)],
                   check=True)
    return path


def slow_clip(folder: Path, name: str, frequency: int) -> Path:
    """8 seconds of 640x360 that the ``quality`` preset takes about 4 s of a core to render."""
    return clip(folder, name, 8, frequency, "640x360")


def job(source: Path, cache: Path, preset: str = "quality") -> RenderJob:
    import hashlib

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return RenderJob(source, digest, 0.0, 8.0, fa.preset_named(preset), False, cache,
                     source.name)


def our_ffmpegs(client: Client) -> list[psutil.Process]:
    """The ffmpeg processes the workers run now."""
    found = []
    for pid in client.run(os.getpid).values():
        found += ffmpeg_descendants(pid)
    return found


def test_packages_exported_through_the_cluster_equal_local_ones(client, lesson, tmp_path):
    project, lesson_id = lesson
    import_files(project, [clip(tmp_path, "one.mp4", 2, 440), clip(tmp_path, "two.mp4", 1, 660)],
                 lesson_id=lesson_id)
    options = ExportOptions("scorm2004", preset="480p")
    local, remote = tmp_path / "local.zip", tmp_path / "dask.zip"
    before = RenderCache.counters()
    export_course(project, options, local, executor=LocalPool())
    RenderCache(project.cache_dir).clear()
    with DaskExecutor(client) as executor:
        export_course(project, options, remote, executor=executor)
    assert local.read_bytes() == remote.read_bytes()
    made = RenderCache.counters() - before
    assert (made.misses, made.stored) == (4, 4)  # two clips, twice: the workers' counts came back


def test_progress_is_forwarded_and_cancel_stops_the_remote_renders(client, tmp_path):
    cache = tmp_path / "cache"
    jobs = {f"clip{n}": job(slow_clip(tmp_path, f"c{n}.mp4", 300 + n), cache) for n in range(3)}
    token, seen = CancelToken(), []

    def progress(fraction: float, message: str = "") -> None:
        seen.append(fraction)
        if fraction > 0.02:  # a render is under way on a worker
            token.cancel()

    with pytest.raises(Cancelled):
        render_jobs(jobs, progress, token, DaskExecutor(client))
    assert 0 < max(seen) < 1
    assert our_ffmpegs(client) == []
    renders = cache / "renders"  # stopped before any render ended: none, and no .part
    assert not renders.exists() or list(renders.iterdir()) == []


def test_the_first_failure_stops_the_other_renders_and_names_its_clip(client, tmp_path):
    cache = tmp_path / "cache"
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(b"\x00damaged" * 500)
    jobs = {"slow": job(slow_clip(tmp_path, "slow.mp4", 700), cache),
            "broken": replace(job(damaged, cache), found=None)}
    with pytest.raises(RenderFailed) as caught:
        render_jobs(jobs, executor=DaskExecutor(client))
    assert caught.value.item_ids == ("broken",)
    assert our_ffmpegs(client) == []
    renders = cache / "renders"  # the slow render was stopped, its .part removed
    assert not renders.exists() or list(renders.iterdir()) == []


def test_a_worker_killed_mid_render_has_its_job_done_elsewhere(client, tmp_path):
    source = slow_clip(tmp_path, "long.mp4", 500)
    reference = render_jobs({"a": job(source, tmp_path / "local")}, executor=LocalPool())["a"]
    cache = tmp_path / "shared"
    renders, published, watching = cache / "renders", {}, threading.Event()

    def look() -> None:  # every file seen under a final name, with its sizes
        for path in renders.glob("*.mp4") if renders.is_dir() else ():
            published.setdefault(path.name, set()).add(path.stat().st_size)

    def watch() -> None:
        while not watching.is_set():
            look()
            time.sleep(0.02)

    killed = []

    def kill_the_worker_rendering(fraction: float, message: str = "") -> None:
        if killed or fraction <= 0.02:
            return
        for pid in client.run(os.getpid).values():
            if ffmpeg_descendants(pid):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        result = render_jobs({"a": job(source, cache)}, kill_the_worker_rendering, None,
                             DaskExecutor(client))["a"]
    finally:
        watching.set()
        watcher.join()
    look()
    assert killed, "no worker was seen rendering"
    assert result.read_bytes() == reference.read_bytes()
    assert published == {result.name: {reference.stat().st_size}}
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it


def test_a_job_whose_workers_keep_dying_is_one_clear_error(tmp_path):
    import dask

    source = slow_clip(tmp_path, "long.mp4", 800)
    with (dask.config.set({"distributed.scheduler.allowed-failures": 0}),
          LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                       dashboard_address=":0") as cluster,
          Client(cluster, set_as_default=False) as alone):
        killed = []

        def kill_it(fraction: float, message: str = "") -> None:
            if not killed and fraction > 0.02 and our_ffmpegs(alone):
                killed.append(next(iter(alone.run(os.getpid).values())))
                os.kill(killed[0], signal.SIGKILL)

        with pytest.raises(ClusterError, match="lost every worker"):
            render_jobs({"a": job(source, tmp_path / "cache")}, kill_it, None,
                        DaskExecutor(alone))
    assert list((tmp_path / "cache" / "renders").glob("*.mp4")) == []


def test_an_unreachable_scheduler_is_one_line_through_the_cli(sample, tmp_path):
    from tests.cli_runner import studio

    done = studio("export", sample.path, "--format", "html", "-o", tmp_path / "c.zip",
                  "--scheduler", "tcp://127.0.0.1:9", check=False, timeout=60)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Cannot reach the Dask scheduler at tcp://127.0.0.1:9" in lines[0]
    assert not (tmp_path / "c.zip").exists()
    env = {**os.environ, SCHEDULER_ENV: "tcp://127.0.0.1:7"}
    done = studio("export", sample.path, "--format", "html", "-o", tmp_path / "c.zip",
                  check=False, timeout=60, env=env)
    assert "Cannot reach the Dask scheduler at tcp://127.0.0.1:7" in done.stderr


def test_without_the_extra_the_executor_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(ClusterError, match=r"install course-studio\[cluster\]"):
        DaskExecutor("tcp://127.0.0.1:8786").connect()


def test_the_cli_renders_on_the_cluster_into_a_shared_cache(client, lesson, tmp_path):
    from tests.cli_runner import studio

    project, lesson_id = lesson
    import_files(project, [clip(tmp_path, "one.mp4", 2, 440), clip(tmp_path, "two.mp4", 1, 660)],
                 lesson_id=lesson_id)
    local, remote, shared = tmp_path / "local.zip", tmp_path / "dask.zip", tmp_path / "shared"
    export = ("export", project.path, "--format", "html", "--preset", "480p", "-o")
    studio(*export, local)
    RenderCache(project.cache_dir).clear()
    env = {**os.environ, "STUDIO_CACHE": str(shared)}
    studio(*export, remote, "--scheduler", client.scheduler.address, env=env)
    assert remote.read_bytes() == local.read_bytes()
    assert sorted(p.suffix for p in (shared / "renders").iterdir()) == [".json", ".json",
                                                                        ".mp4", ".mp4"]
    assert len(list((shared / "sources").iterdir())) == 2
    assert RenderCache(project.cache_dir).keys() == []  # read from the shared folder


def test_a_worker_that_cannot_see_the_source_takes_it_from_a_shared_url(tmp_path):
    source = clip(tmp_path, "one.mp4", 1, 440)
    reference = render_jobs({"a": job(source, tmp_path / "local", "480p")})["a"]
    location = f"memory://studio-{tmp_path.name}"
    SharedCache(location).put_source(source, job(source, tmp_path).source_sha256)
    elsewhere = replace(job(source, tmp_path / "worker", "480p"), source=Path("/nowhere.mp4"))
    before = RenderCache.counters()
    key = render_one(SharedJob(elsewhere, location), no_progress, CancelToken()).key
    again = render_one(SharedJob(elsewhere, location), no_progress, CancelToken()).key
    made = RenderCache.counters() - before
    assert key == again == reference.stem and (made.stored, made.hits) == (1, 1)
    fetched = SharedCache(location).local_render(key, fa.MP4, tmp_path / "studio")
    assert fetched.read_bytes() == reference.read_bytes()
    assert not (tmp_path / "worker").exists()  # the worker rendered in a scratch folder


def test_a_long_clip_split_in_segments_is_the_same_file_on_the_cluster(client, tmp_path):
    source = clip(tmp_path, "long.mp4", 7, 440)
    long_job = replace(job(source, tmp_path / "local", "480p"), in_point=0.4, out_point=6.9,
                       segment_seconds=2)
    local = render_jobs({"a": long_job}, executor=LocalPool(1))["a"]
    with DaskExecutor(client) as executor:
        remote = render_jobs({"a": replace(long_job, cache_dir=tmp_path / "dask")},
                             executor=executor)["a"]
    assert RenderCache(tmp_path / "dask").record(remote.stem)["segments"] == 4
    assert local.read_bytes() == remote.read_bytes()

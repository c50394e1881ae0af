"""The Dask scheduler as the CLI meets it: a malformed address is a usage error before any
connection, and a scheduler lost mid-export is one line, with no log lines of distributed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import assert_no_traceback, studio, studio_process
from processes import ffmpeg_descendants

from studio import commands
from studio.cluster import SCHEDULER_ENV
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.store import Project

pytest.importorskip("distributed")


@pytest.mark.parametrize("address", ["127.0.0.1:8786x", "http://example.invalid:8786", "bogus"])
def test_a_malformed_scheduler_option_is_a_usage_error(sample, tmp_path, address):
    done = studio("export", sample.path, "--format", "html", "-o", tmp_path / "c.zip",
                  "--scheduler", address, check=False, timeout=60)
    assert done.returncode == 2
    assert f"“{address}” is not a Dask scheduler address" in done.stderr
    assert "Exception ignored" not in done.stderr
    assert not (tmp_path / "c.zip").exists()


def test_a_malformed_scheduler_in_the_environment_is_one_line(sample, tmp_path):
    env = {**os.environ, SCHEDULER_ENV: "bogus"}
    done = studio("export", sample.path, "--format", "html", "-o", tmp_path / "c.zip",
                  check=False, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stderr == ("studio: “bogus” is not a Dask scheduler address; write it as "
                           "tcp://HOST:PORT (for example tcp://render-host:8786).\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_ffmpeg(pid: int, ends: float) -> None:
    while not ffmpeg_descendants(pid):
        assert time.monotonic() < ends, "the worker started no render"
        time.sleep(0.02)


def test_losing_the_scheduler_mid_export_is_one_line(tmp_path):
    source = tmp_path / "long.mp4"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=30:duration=12", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv444p", str(source)], check=True)
    course = tmp_path / "Big.course"
    with Project.create(course, "Big") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Les")
        import_files(project, [source], lesson_id=lesson)
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _dask("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                      "--no-dashboard")
    worker = _dask("worker", address, "--nthreads", "1", "--no-dashboard")
    out = tmp_path / "big.zip"
    export = None
    try:
        export = studio_process("export", course, "--format", "html", "--preset", "quality",
                                "-o", out, "--scheduler", address, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        _wait_for_ffmpeg(worker.pid, time.monotonic() + 90)
        scheduler.send_signal(signal.SIGKILL)
        _stdout, stderr = export.communicate(timeout=90)
    finally:
        for process in (export, worker, scheduler):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert_no_traceback(stderr, "export")
    assert export.returncode == 1
    assert stderr.splitlines() == [f"studio: Lost the Dask scheduler at {address} before the "
                                   "renders were done; is `dask scheduler` still running there?"]
    assert not out.exists()
    assert not list(Path(tmp_path).glob("*.part*"))

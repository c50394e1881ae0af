"""Ctrl+C in a terminal: SIGINT goes to the whole foreground process group, the studio and
the ffmpeg it runs alike; the export must end as cancelled, not as a render failure."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_runner import assert_no_traceback, studio_process
from media_samples import MediaSamples

from studio import commands
from studio.media.importer import import_files
from studio.store import Project


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("media"))


def _rendering(pid: int) -> bool:
    """Whether a child of ``pid`` is an ffmpeg render (the ones run with -progress)."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"-progress" in command and any(b"ffmpeg" in part for part in command):
                return True
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_to_the_terminal_group_mid_render_is_a_cancel(tmp_path, samples):
    course = tmp_path / "Big.course"
    with Project.create(course, "Big") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Les")
        clip = import_files(project, [samples["long.mp4"]], lesson_id=lesson)[0]
        commands.trim(project, clip.item_id, in_point=0.5)  # a trimmed clip is rendered
    out = tmp_path / "big.zip"
    # a session of its own stands for the terminal's foreground group
    process = studio_process("export", course, "--format", "scorm12", "-o", out,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        ends = time.monotonic() + 60
        while not _rendering(process.pid):
            assert process.poll() is None and time.monotonic() < ends, "no render started"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert_no_traceback(stdout + stderr, "export")
    assert "could not be rendered" not in stderr
    assert stderr.splitlines()[-1] == "studio: cancelled; nothing was changed."
    assert process.returncode == 1
    assert not out.exists()

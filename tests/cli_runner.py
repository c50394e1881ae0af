"""Every run of the `studio` command in the suite goes through here, and none may print a
traceback (tests/cli/test_cli.py checks that no test runs the command another way)."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from studio.resources import resources_dir

SAMPLE_VIDEO = resources_dir() / "sample" / "welcome.mp4"


def assert_no_traceback(output: str, args) -> None:
    assert "Traceback" not in output, f"studio {args} printed a traceback:\n{output}"


def studio(*args, check: bool = True, timeout: float = 120, **options):
    """``studio ARGS`` in a new process; ``options`` go to subprocess.run (env, stdout...)."""
    options.setdefault("capture_output", "stdout" not in options)
    done = subprocess.run([sys.executable, "-m", "studio.cli", *map(str, args)], text=True,
                          timeout=timeout, **options)
    assert_no_traceback((done.stdout or "") + (done.stderr or ""), args)
    if check and done.returncode != 0:
        raise AssertionError(f"studio {args} failed: {done.stderr}")
    return done


def studio_process(*args, **options) -> subprocess.Popen:
    """``studio ARGS`` started in a new process that keeps running (a server in the
    foreground); the caller stops it and checks its output with :func:`assert_no_traceback`."""
    return subprocess.Popen([sys.executable, "-m", "studio.cli", *map(str, args)], **options)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_main(*args) -> Ran:
    """``studio ARGS`` in this process (monkeypatches apply), its output captured."""
    from studio.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    assert_no_traceback(out.getvalue() + err.getvalue(), args)
    return Ran(code, out.getvalue(), err.getvalue())


def outline(course: Path) -> dict:
    """``studio ls COURSE --json``, parsed."""
    return json.loads(studio("ls", course, "--json").stdout)

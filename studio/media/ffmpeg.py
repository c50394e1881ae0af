"""Finding ffmpeg: a system ffmpeg on PATH when it works, otherwise the one shipped on PyPI.

The pip package ``imageio-ffmpeg`` carries a static ffmpeg binary, so a fresh install needs
nothing else. A binary only counts once it has answered ``-version``; the version line it
prints is part of every render's cache key and is recorded beside every render.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass

from studio.errors import MediaError

VERSION_TIMEOUT = 15  # seconds; a first run of a freshly unpacked binary can be slow


@dataclass(frozen=True)
class FFmpeg:
    path: str
    version: str  # e.g. "n7.1" or "6.1.1-3"
    origin: str  # "system" | "bundled"

    def command(self, *args: str) -> list[str]:
        return [self.path, "-hide_banner", "-nostdin", *args]


_found: dict[tuple[str | None, str | None], FFmpeg] = {}
_lock = threading.Lock()


def find_ffmpeg(search_path: str | None = None) -> FFmpeg:
    """The ffmpeg to use; ``search_path`` defaults to $PATH. Raises MediaError when none works.

    Results are remembered per PATH (and per IMAGEIO_FFMPEG_EXE override).
    """
    path = os.environ.get("PATH", "") if search_path is None else search_path
    memo = (path, os.environ.get("IMAGEIO_FFMPEG_EXE"))
    with _lock:
        if memo not in _found:
            _found[memo] = _locate(path)
        return _found[memo]


def _locate(search_path: str) -> FFmpeg:
    tried: list[str] = []
    system = shutil.which("ffmpeg", path=search_path)
    if system:
        version = read_version(system)
        if version:
            return FFmpeg(system, version, "system")
        tried.append(f"{system} (did not run)")
    bundled = _bundled_binary()
    if bundled:
        version = read_version(bundled)
        if version:
            return FFmpeg(bundled, version, "bundled")
        tried.append(f"{bundled} (did not run)")
    else:
        tried.append("the imageio-ffmpeg package (not installed or has no binary)")
    raise MediaError(
        "Course Studio needs ffmpeg to read and render video, and none works on this machine. "
        f"Tried: {'; '.join(tried)}. Reinstall Course Studio (scripts/setup.sh) or install "
        "ffmpeg from your system's packages."
    )


def _bundled_binary() -> str | None:
    try:
        import imageio_ffmpeg  # noqa: PLC0415 (only needed when no system ffmpeg)

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        return None


def read_version(binary: str) -> str | None:
    """The version of an ffmpeg binary from its ``-version`` banner; None if it does not run."""
    try:
        done = subprocess.run([binary, "-version"], capture_output=True, text=True,
                              timeout=VERSION_TIMEOUT, errors="replace")
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return parse_version(done.stdout)


def parse_version(banner: str) -> str | None:
    first = banner.strip().splitlines()[0] if banner.strip() else ""
    words = first.split()
    if len(words) >= 3 and words[0] == "ffmpeg" and words[1] == "version":
        return words[2]
    return None

"""Finding ffmpeg: a system ffmpeg on PATH when it works, otherwise the one shipped on PyPI.

The pip package ``imageio-ffmpeg`` carries a static ffmpeg binary, so a fresh install needs
nothing else. A binary only counts once it has answered ``-version``; the version line it
prints is part of every render's cache key and is recorded beside every render. A system
ffmpeg older than :data:`OLDEST_SUPPORTED` is passed over for the bundled one, with one line
saying so. ``STUDIO_FFMPEG`` picks the binary instead: a path, ``system`` or ``bundled``.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass

from studio.errors import MediaError

VERSION_TIMEOUT = 15  # seconds; a first run of a freshly unpacked binary can be slow
# Debian 12's release: every argument, filter and muxer option the studio passes exists there.
OLDEST_SUPPORTED = (5, 1)
CHOICE_VARIABLE = "STUDIO_FFMPEG"
BUNDLED_NAME = "the bundled ffmpeg (imageio-ffmpeg)"
RELEASE = re.compile(r"n?(\d+)\.(\d+)")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FFmpeg:
    """A working ffmpeg binary: its path, ``-version`` word and where it came from."""
    path: str
    version: str  # e.g. "n7.1" or "6.1.1-3"
    origin: str  # "system" | "bundled" | "chosen" (named by STUDIO_FFMPEG)
    notice: str = ""  # one line for the user when a system ffmpeg was passed over

    def command(self, *args: str) -> list[str]:
        """The argument list that runs this binary quietly with ``args``, stdin closed."""
        return [self.path, "-hide_banner", "-nostdin", *args]


_found: dict[tuple[str | None, ...], FFmpeg] = {}
_lock = threading.Lock()


def find_ffmpeg(search_path: str | None = None) -> FFmpeg:
    """The ffmpeg to use; ``search_path`` defaults to $PATH.

    Order: the binary ``STUDIO_FFMPEG`` names (a path, ``system`` or ``bundled``), else a
    system ffmpeg at least :data:`OLDEST_SUPPORTED`, else the bundled one. A system ffmpeg that
    is too old is logged once (one line, naming the bundled fallback) and kept in
    ``FFmpeg.notice``. Raises MediaError when none works, or when the binary STUDIO_FFMPEG
    names does not run or is too old. Results are remembered per PATH and per override
    (STUDIO_FFMPEG, IMAGEIO_FFMPEG_EXE).
    """
    path = os.environ.get("PATH", "") if search_path is None else search_path
    choice = os.environ.get(CHOICE_VARIABLE) or None
    memo = (path, choice, os.environ.get("IMAGEIO_FFMPEG_EXE"))
    with _lock:
        if memo not in _found:
            found = _chosen(choice, path) if choice else _locate(path)
            if found.notice:
                log.warning("studio: %s", found.notice)
            _found[memo] = found
        return _found[memo]


def _chosen(choice: str, search_path: str) -> FFmpeg:
    if choice == "bundled":
        binary = _bundled_binary()
    elif choice == "system":
        binary = shutil.which("ffmpeg", path=search_path)
    else:
        binary = choice
    version = read_version(binary) if binary else None
    if version is None:
        raise MediaError(f"{CHOICE_VARIABLE}={choice} names no ffmpeg that runs"
                         f"{f' ({binary})' if binary and binary != choice else ''}.")
    if not is_supported(version):
        raise MediaError(f"{CHOICE_VARIABLE}={choice}: ffmpeg {version} at {binary} is older "
                         f"than {_dotted(OLDEST_SUPPORTED)}, the oldest Course Studio supports.")
    return FFmpeg(binary, version, "chosen")


def _locate(search_path: str) -> FFmpeg:
    tried: list[str] = []
    notice = ""
    system = shutil.which("ffmpeg", path=search_path)
    if system:
        version = read_version(system)
        if version and is_supported(version):
            return FFmpeg(system, version, "system")
        if version:
            notice = (f"ffmpeg {version} at {system} is older than "
                      f"{_dotted(OLDEST_SUPPORTED)}, the oldest Course Studio supports; "
                      f"using {BUNDLED_NAME} instead.")
            tried.append(f"{system} (version {version}, older than "
                         f"{_dotted(OLDEST_SUPPORTED)})")
        else:
            tried.append(f"{system} (did not run)")
    bundled = _bundled_binary()
    if bundled:
        version = read_version(bundled)
        if version:
            return FFmpeg(bundled, version, "bundled", notice)
        tried.append(f"{bundled} (did not run)")
    else:
        tried.append("the imageio-ffmpeg package (not installed or has no binary)")
    raise MediaError(
        "Course Studio needs ffmpeg to read and render video, and none works on this machine. "
        f"Tried: {'; '.join(tried)}. Reinstall Course Studio (scripts/setup.sh) or install "
        f"ffmpeg {_dotted(OLDEST_SUPPORTED)} or newer from your system's packages."
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
    """The version word of a ``-version`` banner ("ffmpeg version WORD ..."), or None."""
    first = banner.strip().splitlines()[0] if banner.strip() else ""
    words = first.split()
    if len(words) >= 3 and words[0] == "ffmpeg" and words[1] == "version":
        return words[2]
    return None


def release(version: str) -> tuple[int, int] | None:
    """(major, minor) of a release version word ("5.1.9-0+deb12u1", "n7.1", "6.1.1-3");
    None for a development snapshot ("N-112345-g...", "git-2024-...")."""
    matched = RELEASE.match(version)
    return (int(matched.group(1)), int(matched.group(2))) if matched else None


def is_supported(version: str) -> bool:
    """Whether a version word is :data:`OLDEST_SUPPORTED` or newer. Snapshots built from the
    development tree carry no release number and count as new enough."""
    number = release(version)
    return number is None or number >= OLDEST_SUPPORTED


def _dotted(number: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in number)


@functools.cache
def encoders(binary: str) -> frozenset[str]:
    """The encoder names an ffmpeg binary lists under ``-encoders`` ("libx264", "libopus",
    ...); empty when it does not run. Asked once per binary."""
    try:
        done = subprocess.run([binary, "-hide_banner", "-encoders"], capture_output=True,
                              text=True, timeout=VERSION_TIMEOUT, errors="replace")
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    # rows read " V....D libx264   libx264 H.264 ...": six flag characters, then the name
    return frozenset(words[1] for words in map(str.split, done.stdout.splitlines())
                     if len(words) > 1 and len(words[0]) == 6 and words[0][0] in "VAS")

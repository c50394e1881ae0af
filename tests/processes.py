"""Looking at a process's descendants while they come and go (render workers start and end
ffmpeg all the time, so a child listed a moment ago may be gone when its name is asked)."""

from __future__ import annotations

import psutil


def ffmpeg_descendants(pid: int) -> list[psutil.Process]:
    """The ffmpeg processes below process ``pid`` now; those that end while being asked are left
    out. Raises psutil.NoSuchProcess when ``pid`` itself is gone."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "ffmpeg" in child.name():
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found

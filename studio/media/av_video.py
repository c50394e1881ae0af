"""Opening a file's picture with PyAV, with the one-line errors every reader of frames gives."""

from __future__ import annotations

from pathlib import Path

from studio.errors import MediaError


def open_video(path: Path, purpose: str, missing: str):
    """``(container, stream)``: ``path`` opened with PyAV and its first video stream; the
    caller closes the container (``with container:``). ``purpose`` finishes "Cannot read
    NAME …" ("for thumbnails"), ``missing`` finishes "NAME has no picture …" ("to make
    thumbnails of"). Raises MediaError when the file cannot be opened or has no picture
    (the container is closed then)."""
    import av  # noqa: PLC0415 (slow import, kept off start-up)

    name = Path(path).name
    try:
        container = av.open(str(path))
    except av.error.FFmpegError as exc:
        raise MediaError(f"Cannot read {name} {purpose}: {exc}.") from exc
    stream = next(iter(container.streams.video), None)
    if stream is None:
        container.close()
        raise MediaError(f"{name} has no picture {missing}.")
    return container, stream

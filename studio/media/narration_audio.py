"""A narration's sound from its sentences: joined with pauses into one PCM stream, then
encoded to AAC in an MPEG-4 audio file (``.m4a``, ISO/IEC 14496-3 in 14496-14) that is the
same bytes whenever the samples are.

ffmpeg's muxer would otherwise write the encoder's name and version and the time of
writing; ``-fflags +bitexact`` and ``-flags:a +bitexact`` leave those out, and
``-map_metadata -1`` drops the input's tags, so two renders of one text compare equal and
the content-addressed media store keeps one copy.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from studio.jobs import CancelToken, Progress, no_progress
from studio.media.ffmpeg import find_ffmpeg
from studio.media.narration_cache import write_wav
from studio.media.process import run_ffmpeg

AAC_BITRATE = "96k"  # mono speech: transparent at this rate for the native AAC encoder
EXTENSION = ".m4a"


def join(pieces: list[np.ndarray], pause: int) -> tuple[np.ndarray, list[int]]:
    """Sentences (int16 sample arrays) one after another with ``pause`` samples of silence
    between them (none before the first or after the last). Returns the joined int16 array
    and each sentence's first sample offset in it."""
    offsets, parts, position = [], [], 0
    gap = np.zeros(pause, dtype=np.int16)
    for index, piece in enumerate(pieces):
        if index:
            parts.append(gap)
            position += pause
        offsets.append(position)
        parts.append(np.asarray(piece, dtype=np.int16))
        position += len(piece)
    joined = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
    return joined, offsets


def encode_aac(samples: np.ndarray, sample_rate: int, target: Path,
               progress: Progress = no_progress, token: CancelToken | None = None) -> Path:
    """Encode int16 mono ``samples`` at ``sample_rate`` Hz to AAC-LC in an ``.m4a`` file at
    ``target`` (written whole through ffmpeg; the same samples give the same bytes, see the
    module's note). Returns ``target``. Raises MediaError when ffmpeg is missing or fails,
    Cancelled when ``token`` is cancelled (the partial file is left to the caller's folder).
    """
    token = token or CancelToken()
    ffmpeg = find_ffmpeg()
    with tempfile.TemporaryDirectory(prefix="studio-narration-") as work:
        source = Path(work) / "narration.wav"
        write_wav(source, np.asarray(samples, dtype="<i2").tobytes(), sample_rate)
        command = ffmpeg.command(
            "-y", "-v", "error", "-progress", "pipe:1", "-fflags", "+bitexact",
            "-i", str(source), "-map", "0:a:0", "-map_metadata", "-1",
            "-c:a", "aac", "-b:a", AAC_BITRATE, "-ac", "1", "-flags:a", "+bitexact",
            "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", str(target))
        run_ffmpeg(command, len(samples) / sample_rate, progress, token,
                   "encode the narration")
    return target

"""Waveform peaks of an asset's sound for the timeline, cached by content hash.

ffmpeg decodes the sound to 8 kHz mono 16-bit samples on a pipe; each peak is the loudest
sample of its slice, scaled to 0..1. Reading the pipe in blocks keeps memory flat on long
recordings and lets a cancel stop ffmpeg between blocks.
"""

from __future__ import annotations

import json
import subprocess
from array import array
from dataclasses import dataclass
from pathlib import Path

from studio.errors import Cancelled, MediaError
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.cache import cache_key, write_atomic
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import probe
from studio.media.process import dying_with_studio, own_group, stop

RECIPE = 1
SAMPLE_RATE = 8000
PEAKS_PER_SECOND = 50
FULL_SCALE = 32768


@dataclass(frozen=True)
class Waveform:
    """A sound's peaks: each the loudest sample of 1/``peaks_per_second`` s, as a fraction
    0..1 of full scale."""

    peaks_per_second: int
    peaks: tuple[float, ...]  # 0..1; empty for a file without sound


def peaks_of(samples: array, samples_per_peak: int) -> list[float]:
    """The loudest sample of each slice of ``samples`` (signed 16-bit), scaled to 0..1."""
    peaks = []
    for start in range(0, len(samples), samples_per_peak):
        chunk = samples[start:start + samples_per_peak]
        peaks.append(round(max(max(chunk), -min(chunk)) / FULL_SCALE, 4))
    return peaks


def waveform(source: Path, sha256: str, cache_dir: Path, duration: float | None = None,
             progress: Progress = no_progress, token: CancelToken | None = None) -> Waveform:
    """The peaks of a file's first sound track, from the cache or decoded with ffmpeg and
    cached under ``cache_dir``; no peaks for a file without sound. ``duration`` (seconds)
    only paces the progress. Raises MediaError when ffmpeg is missing or fails,
    ImportFileError when the file cannot be probed, Cancelled."""
    token = token or CancelToken()
    cached = cached_waveform(sha256, cache_dir)
    if cached is not None:
        return cached
    ffmpeg = find_ffmpeg()
    path = _path(sha256, cache_dir)
    peaks = []
    if probe(source).audio is not None:
        peaks = _decode_peaks(ffmpeg.path, source, duration, progress, token)
    write_atomic(path, json.dumps({"peaks_per_second": PEAKS_PER_SECOND, "peaks": peaks},
                                  separators=(",", ":")).encode("utf-8"))
    progress(1.0, "Waveform ready")
    return Waveform(PEAKS_PER_SECOND, tuple(peaks))


def cached_waveform(sha256: str, cache_dir: Path) -> Waveform | None:
    """The waveform if it was made before, else None (nothing is computed)."""
    path = _path(sha256, cache_dir)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Waveform(data["peaks_per_second"], tuple(data["peaks"]))


def _path(sha256: str, cache_dir: Path) -> Path:
    key = cache_key({"recipe": RECIPE, "source": sha256, "rate": PEAKS_PER_SECOND,
                     "ffmpeg": find_ffmpeg().version})
    return Path(cache_dir) / "waveforms" / f"{key}.json"


def _decode_peaks(ffmpeg_path: str, source: Path, duration: float | None, progress: Progress,
                  token: CancelToken) -> list[float]:
    per_peak = SAMPLE_RATE // PEAKS_PER_SECOND
    block = per_peak * 2 * PEAKS_PER_SECOND * 10  # ten seconds of samples at a time
    command = [ffmpeg_path, "-hide_banner", "-nostdin", "-v", "error", "-i", str(source),
               "-map", "0:a:0", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "pipe:1"]
    proc = subprocess.Popen(dying_with_studio(command), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **own_group())
    peaks: list[float] = []
    try:
        while data := proc.stdout.read(block):
            if token.cancelled:
                raise Cancelled()
            samples = array("h")
            samples.frombytes(data[: len(data) // 2 * 2])
            peaks += peaks_of(samples, per_peak)
            if duration:
                progress(min(0.99, len(peaks) / PEAKS_PER_SECOND / duration), "Waveform")
        error = proc.stderr.read().decode("utf-8", "replace").strip()
        if proc.wait() != 0:
            raise MediaError(f"Cannot read the sound of {source.name}: {error or 'ffmpeg failed'}.")
    finally:
        stop(proc)
        proc.stdout.close()
        proc.stderr.close()
    return peaks

"""Levelling narration to a loudness target: EBU R128 integrated loudness (ITU-R BS.1770-4,
measured with pyloudnorm), one gain to the target, peaks held under a ceiling.

Speech has a high crest factor: the gain that brings a quiet synthetic voice to -16 LUFS
often pushes its loudest syllables over full scale. Those few peaks are turned down by a
short, smooth look-ahead gain envelope (a brick-wall limiter without overshoot) rather than
by lowering the whole track, so the target is still met within a fraction of a LU.
Everything is float64 arithmetic on numpy arrays: the same samples give the same result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CEILING_DBFS = -1.0  # EBU R128 s1: maximum permitted true peak; held here on the samples
BLOCK_SECONDS = 0.4  # BS.1770 gating block; shorter audio is padded with silence to measure
LIMITER_SECONDS = 0.005  # half-width of the limiter's gain window (look-ahead and release)
FULL_SCALE = 32768.0
SILENCE = -70  # LUFS: BS.1770's absolute gate; what silence measures as here
TOLERANCE = 0.1  # LU: how close the make-up passes bring the loudness to the target
PASSES = 8  # very loud targets need several: the limiter takes back part of each gain


@dataclass(frozen=True)
class Levelled:
    """The result of :func:`normalise`: ``samples`` PCM s16 mono (numpy int16), ``loudness``
    the integrated loudness measured on them (LUFS), ``gain`` the gain applied before
    limiting (dB), ``peak`` the highest sample after levelling (dBFS)."""

    samples: np.ndarray
    loudness: float
    gain: float
    peak: float


def integrated_loudness(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness (LUFS, ITU-R BS.1770-4 with its gating) of mono samples, int16 or
    float in [-1, 1]; ``sample_rate`` in Hz. Audio shorter than one 400 ms block is measured
    padded with silence (gated out, so it does not lower the value); silence gives
    :data:`SILENCE`."""
    signal = _as_float(samples)
    block = math.ceil(BLOCK_SECONDS * sample_rate) + 1
    if len(signal) < block:
        signal = np.concatenate([signal, np.zeros(block - len(signal))])
    if not np.any(signal):
        return SILENCE
    import pyloudnorm  # noqa: PLC0415 (it loads scipy.signal: 0.6 s on every build otherwise)

    value = pyloudnorm.Meter(sample_rate).integrated_loudness(signal)
    return float(value) if math.isfinite(value) else SILENCE


def normalise(samples: np.ndarray, sample_rate: int, target: float,
              ceiling: float = CEILING_DBFS) -> Levelled:
    """Samples (int16 or float, mono, ``sample_rate`` Hz) brought to ``target`` LUFS
    (EBU R128 integrated loudness) by one gain, with every sample kept at or under ``ceiling``
    dBFS by a smooth limiter (see the module's note); the gain is raised a little when
    limiting took loudness away (at most :data:`PASSES` passes). Silence stays silence.
    Returns :class:`Levelled` with the loudness measured after."""
    signal = _as_float(samples)
    measured = integrated_loudness(signal, sample_rate)
    if measured <= SILENCE:
        out = _to_int16(signal, _limit(ceiling))
        return Levelled(out, integrated_loudness(out, sample_rate), 0.0, _peak_dbfs(out))
    limit = _limit(ceiling)
    window = max(1, round(LIMITER_SECONDS * sample_rate))
    gain = target - measured
    for _ in range(PASSES):
        out = _to_int16(_limited(signal * 10 ** (gain / 20), limit, window), limit)
        after = integrated_loudness(out, sample_rate)
        if abs(after - target) <= TOLERANCE:
            break
        gain += target - after
    return Levelled(out, after, round(gain, 6), _peak_dbfs(out))


def _limited(signal: np.ndarray, limit: float, window: int) -> np.ndarray:
    """``signal`` with a gain envelope that keeps every sample within ``limit``: the needed
    gain per sample, its minimum over ±``window`` samples, then averaged over the same
    span, so the envelope is smooth and never above the gain any sample needs."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d  # noqa: PLC0415 (on use)

    peaks = np.abs(signal)
    if peaks.max(initial=0.0) <= limit:
        return signal
    needed = np.minimum(1.0, limit / np.maximum(peaks, 1e-12))
    span = 2 * window + 1
    envelope = uniform_filter1d(minimum_filter1d(needed, span, mode="nearest"), span,
                                mode="nearest")
    return signal * np.minimum(envelope, needed)


def _limit(ceiling: float) -> float:
    """The ceiling as a sample value in [-1, 1], one step under so rounding cannot pass it."""
    return (math.floor(FULL_SCALE * 10 ** (ceiling / 20)) - 1) / FULL_SCALE


def _as_float(samples: np.ndarray) -> np.ndarray:
    array = np.asarray(samples)
    if array.dtype == np.int16:
        return array.astype(np.float64) / FULL_SCALE
    return array.astype(np.float64)


def _to_int16(signal: np.ndarray, limit: float) -> np.ndarray:
    clipped = np.clip(signal, -limit, limit)
    return np.round(clipped * FULL_SCALE).astype(np.int16)


def _peak_dbfs(samples: np.ndarray) -> float:
    peak = int(np.abs(samples.astype(np.int32)).max(initial=0))
    return round(20 * math.log10(peak / FULL_SCALE), 3) if peak else -math.inf

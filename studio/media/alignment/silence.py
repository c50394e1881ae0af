"""Caption placeholders without a script: the speech runs between silences (ffmpeg's
``silencedetect`` filter), one empty cue each, every one marked for review."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

from studio.errors import MediaError
from studio.media.ffmpeg import find_ffmpeg
from studio.media.probe import probe
from studio.media.process import own_group
from studio.model import SpokenSentence

SILENCE_DB = -35  # dBFS; quieter than this counts as silence
MIN_SILENCE = 0.3  # seconds; a shorter pause stays inside a speech run
MIN_SPEECH = 0.15  # seconds; a shorter burst (a click, a breath) is not a cue
LOOK_AROUND = 1.0  # seconds listened to either side of a span, to find its edges' silences
START = re.compile(r"silence_start:\s*(-?[\d.]+)")
END = re.compile(r"silence_end:\s*(-?[\d.]+)")


def silencedetect_args(audio: Path, start: float = 0.0, end: float | None = None) -> list[str]:
    """ffmpeg arguments that log the silences of ``audio`` between ``start`` and ``end``
    seconds (silencedetect, :data:`SILENCE_DB`, :data:`MIN_SILENCE`); times are logged from
    ``start``. Where the file has no sound data within the span (its audio stream starts
    late or ends early), silence is logged."""
    span = ["-ss", f"{start:.3f}"] if start > 0 else []
    # time with no sound data (an audio stream starting late or ending before the picture)
    # is filled with silence, so it is heard as silence rather than as one long speech run
    filters = ["aresample=async=1:first_pts=0"]
    if end is not None:
        span += ["-t", f"{max(0.0, end - start):.3f}"]
        filters.append(f"apad=whole_dur={max(0.0, end - start):.3f}")
    filters.append(f"silencedetect=noise={SILENCE_DB}dB:d={MIN_SILENCE}")
    return ["-v", "info", *span, "-i", str(audio), "-vn", "-af", ",".join(filters),
            "-f", "null", "-"]


def speech_runs(log: str, duration: float, min_speech: float = MIN_SPEECH
                ) -> list[tuple[float, float]]:
    """The (start, end) seconds between the silences ffmpeg's silencedetect logged in ``log``
    over ``duration`` seconds of audio; runs shorter than ``min_speech`` dropped."""
    silences, opened = [], None
    for line in log.splitlines():
        if (found := START.search(line)) is not None:
            opened = max(0.0, float(found.group(1)))
        elif (found := END.search(line)) is not None and opened is not None:
            silences.append((opened, float(found.group(1))))
            opened = None
    if opened is not None:
        silences.append((opened, duration))
    runs, at = [], 0.0
    for begin, finish in silences:
        if begin - at >= min_speech:
            runs.append((round(at, 3), round(begin, 3)))
        at = max(at, finish)
    if duration - at >= min_speech:
        runs.append((round(at, 3), round(duration, 3)))
    return runs


def speech_spans(audio: Path, start: float = 0.0, end: float | None = None
                 ) -> list[tuple[float, float]]:
    """The (start, end) seconds of each speech run of ``audio`` between ``start`` and ``end``
    (None = its end), on the audio's timeline. Silence is looked for a little beyond the span
    too, so speech that starts just after ``start`` is found where it starts. Raises
    ImportFileError for a file that is not media, MediaError when ffmpeg fails."""
    found = probe(Path(audio))
    stop = min(end, found.duration or end) if end is not None else found.duration
    if not stop:
        raise MediaError(f"{Path(audio).name} has no duration.")
    first = max(0.0, start - LOOK_AROUND)
    last = min(found.duration or stop + LOOK_AROUND, stop + LOOK_AROUND)
    command = find_ffmpeg().command(*silencedetect_args(Path(audio), first, last))
    done = subprocess.run(command, capture_output=True, check=False, **own_group())
    log = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        raise MediaError(f"Cannot listen to {Path(audio).name}: {log.strip()[-200:]}.")
    runs = [(round(max(start, first + a), 3), round(min(stop, first + b), 3))
            for a, b in speech_runs(log, last - first)]
    return [(a, b) for a, b in runs if b - a >= MIN_SPEECH]


def placeholders(audio: Path, start: float = 0.0, end: float | None = None
                 ) -> list[SpokenSentence]:
    """One empty caption per speech run of ``audio`` between ``start`` and ``end`` seconds
    (:func:`speech_spans`), confidence 0 and marked for review. Raises as
    :func:`speech_spans`."""
    return [SpokenSentence("", a, b, confidence=0.0, review=True)
            for a, b in speech_spans(audio, start, end)]


def snap_to_speech(sentence: SpokenSentence, runs: list[tuple[float, float]]
                   ) -> SpokenSentence:
    """``sentence`` with its start moved to where speech begins when that is inside its first
    word (the aligner stretched the word over the silence before it), and its end to where
    speech stops when that is inside its last word; word times follow. ``runs``: speech runs
    as :func:`speech_spans` gives them."""
    if not sentence.words:
        return sentence
    words = list(sentence.words)
    first_start, first_end, first_word = words[0]
    onset = [a for a, _ in runs if first_start < a < first_end]
    if onset:
        words[0] = (onset[-1], first_end, first_word)
    last_start, last_end, last_word = words[-1]
    stop = [b for _, b in runs if last_start < b < last_end]
    if stop:
        words[-1] = (words[-1][0], stop[0], last_word)
    return replace(sentence, start=words[0][0], end=words[-1][1], words=tuple(words))

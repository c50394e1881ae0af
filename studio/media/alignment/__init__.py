"""Captions for recorded speech: a known script aligned to the audio (pocketsphinx, English),
caption placeholders from silence detection when there is no script, and optional recognisers
the user brings a model for.

Every result is timed in seconds on the audio's timeline, each sentence with a confidence 0..1
and a review flag (confidence under :data:`REVIEW_BELOW`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from studio.jobs import CancelToken, Progress, no_progress
from studio.language import language_name
from studio.media.alignment.result import REVIEW_BELOW, Alignment, AlignmentError
from studio.media.alignment.silence import placeholders, snap_to_speech, speech_spans
from studio.media.alignment.sphinx import align_english, language_supported
from studio.narration.script import sentences


def align(audio: Path, script: str, language: str, progress: Progress = no_progress,
          token: CancelToken | None = None, start: float = 0.0,
          end: float | None = None) -> Alignment:
    """Time each sentence of ``script`` (cut by :func:`studio.narration.script.sentences`) in
    the speech of ``audio`` between ``start`` and ``end`` seconds (None = its end); times on
    the audio's timeline. A sentence whose first word the aligner stretched over the silence
    before it starts where silence detection hears speech begin (likewise its end). Raises
    AlignmentError, one line, for a language without an offline aligner or a script without
    words, MediaError when the audio cannot be read, Cancelled."""
    if not language_supported(language):
        raise AlignmentError(f"Alignment needs English speech; there is no offline aligner "
                             f"for {language_name(language)} ({language}).")
    parts = sentences(script)
    if not parts:
        raise AlignmentError("The script is empty: there is nothing to align.")
    found = align_english(Path(audio), parts, progress, token, start, end)
    runs = speech_spans(Path(audio), start, end)
    return replace(found, sentences=tuple(snap_to_speech(s, runs) for s in found.sentences))


__all__ = ["REVIEW_BELOW", "Alignment", "AlignmentError", "align", "placeholders"]

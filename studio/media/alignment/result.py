"""What an alignment gives back: sentences timed on the audio's timeline, each with a
confidence 0..1 and a review flag."""

from __future__ import annotations

from dataclasses import dataclass

from studio.errors import MediaError
from studio.model import SpokenSentence

REVIEW_BELOW = 0.6  # a cue whose confidence is under this is flagged for a person to check


class AlignmentError(MediaError):
    """Alignment cannot run: a language without an offline aligner, no speech, no model."""


@dataclass(frozen=True)
class Alignment:
    """``sentences``: one per script sentence, in order, times in seconds on the audio's
    timeline (rounded to the ms), with word times, ``confidence`` 0..1 and ``review`` set when
    it is under :data:`REVIEW_BELOW`. ``method``: how it was found ("pocketsphinx", …)."""

    sentences: tuple[SpokenSentence, ...]
    method: str

    @property
    def review_count(self) -> int:
        """How many sentences are flagged for review."""
        return sum(1 for sentence in self.sentences if sentence.review)

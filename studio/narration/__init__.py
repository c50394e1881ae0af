"""Narration as domain data: scripts cut into sentences, the voice that speaks them, the
glossary that says words right, sentence layout and cache keys, cue remapping after an edit,
and the stored form. No media here: engines and rendering live in :mod:`studio.media`."""

from studio.narration.glossary import applies_to, entries_for, respell
from studio.narration.layout import (
    SENTENCE_PAUSE,
    caption_cues,
    lay_out,
    remap_cues,
    sentence_key,
    total_duration,
)
from studio.narration.record import (
    glossary_from_json,
    glossary_to_json,
    narration_from_props,
    narration_to_props,
)
from studio.narration.script import (
    MAX_CAPTION_CHARS,
    caption_pieces,
    item_script,
    script_source,
    sentences,
    split_words,
)
from studio.narration.voice import (
    ENGINE_NAMES,
    LOUDNESS_RANGE,
    PITCH_RANGE,
    RATE_RANGE,
    VOICE_KEYS,
    VoiceSettings,
    check_voice,
    effective_voice,
)

__all__ = [
    "ENGINE_NAMES", "LOUDNESS_RANGE", "MAX_CAPTION_CHARS", "PITCH_RANGE", "RATE_RANGE",
    "SENTENCE_PAUSE", "VOICE_KEYS", "VoiceSettings", "applies_to", "caption_cues",
    "caption_pieces", "check_voice", "effective_voice", "entries_for", "glossary_from_json",
    "glossary_to_json", "item_script", "lay_out", "narration_from_props",
    "narration_to_props", "remap_cues", "respell", "script_source", "sentence_key",
    "sentences", "split_words", "total_duration",
]

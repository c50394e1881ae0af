"""Which voice speaks an item: the course's defaults, the item's overrides, and their checks.

Ranges are declared here once; the course settings, the per-item overrides and the window's
fields all check against them.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.errors import InvalidEditError
from studio.model import Course, Item, Narration

ENGINE_NAMES = ("espeak-ng", "festival", "system", "piper")  # the voice engines there are
RATE_RANGE = (80, 450)  # words per minute
PITCH_RANGE = (0, 100)  # the engines' own 0..100 scale; 50 is the voice's normal pitch
LOUDNESS_RANGE = (-30.0, -10.0)  # target integrated loudness, LUFS (EBU R128)
VOICE_KEYS = ("engine", "voice", "rate", "pitch", "voice_file")


@dataclass(frozen=True)
class VoiceSettings:
    """A complete voice: ``engine`` (one of ``ENGINE_NAMES``), ``voice`` (the engine's voice
    id; "" = its default voice for the language), ``rate`` in words per minute, ``pitch``
    0..100 and ``voice_file`` (a path to a voice model, for engines that take one; "" =
    none)."""

    engine: str
    voice: str
    rate: int
    pitch: int
    voice_file: str = ""

    def as_pairs(self) -> tuple[tuple[str, str], ...]:
        """(name, value) text pairs in ``VOICE_KEYS`` order, as a track stores them."""
        values = (self.engine, self.voice, self.rate, self.pitch, self.voice_file)
        return tuple((key, str(value)) for key, value in zip(VOICE_KEYS, values, strict=True))


def _whole(value: object, what: str, bounds: tuple[int, int]) -> int:
    low, high = bounds
    try:
        number = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        number = float("nan")
    if number != number or number != int(number):  # NaN or a fraction
        raise InvalidEditError(f"The {what} must be a whole number from {low} to {high}, "
                               f"not {value!r}.")
    if not low <= number <= high:
        raise InvalidEditError(f"The {what} must be from {low} to {high}, not {value!r}.")
    return int(number)


def check_engine(value: object) -> str:
    """``value`` as an engine name; InvalidEditError (one line) unless it is in
    ``ENGINE_NAMES``."""
    name = str(value).strip().lower() if isinstance(value, str) else value
    if name not in ENGINE_NAMES:
        raise InvalidEditError(f"The voice engine must be one of {', '.join(ENGINE_NAMES)}, "
                               f"not {value!r}.")
    return name


def check_rate(value: object) -> int:
    """``value`` as a speaking rate, whole words per minute within ``RATE_RANGE``;
    InvalidEditError (one line) otherwise."""
    return _whole(value, "speaking rate (words per minute)", RATE_RANGE)


def check_pitch(value: object) -> int:
    """``value`` as a pitch, a whole number within ``PITCH_RANGE``; InvalidEditError
    otherwise."""
    return _whole(value, "pitch", PITCH_RANGE)


def check_loudness(value: object) -> float:
    """``value`` as a target loudness in LUFS within ``LOUDNESS_RANGE``; InvalidEditError
    (one line) otherwise."""
    low, high = LOUDNESS_RANGE
    try:
        number = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        number = float("nan")
    if not low <= number <= high:
        raise InvalidEditError(f"The narration loudness must be from {low:g} to {high:g} LUFS, "
                               f"not {value!r}.")
    return number


def _text(key: str):
    def check(value: object) -> str:
        if not isinstance(value, str):
            raise InvalidEditError(f"The {key.replace('_', ' ')} must be text, not {value!r}.")
        return value.strip()
    return check


_CHECKS = {"engine": check_engine, "voice": _text("voice"), "rate": check_rate,
           "pitch": check_pitch, "voice_file": _text("voice_file")}


def check_voice(values: dict) -> dict:
    """Voice values checked and normalised: ``engine`` in ``ENGINE_NAMES``, ``voice`` and
    ``voice_file`` text (stripped), ``rate`` and ``pitch`` whole numbers in their ranges (text
    such as "160" accepted). None values pass through (they mean "no override"). Raises
    InvalidEditError (one line) for an unknown key or a refused value."""
    unknown = set(values) - set(VOICE_KEYS)
    if unknown:
        raise InvalidEditError(f"A voice has no setting {', '.join(sorted(unknown))} "
                               f"(it has {', '.join(VOICE_KEYS)}).")
    return {key: None if value is None else _CHECKS[key](value)
            for key, value in values.items()}


def effective_voice(course: Course, item: Item | None,
                    override: dict | None = None) -> VoiceSettings:
    """The voice that speaks ``item``: the course's narration settings, under the item's
    overrides, under ``override`` (checked as :func:`check_voice`; None values ignored). When
    the engine is overridden and the voice is not, the voice is "" (that engine's default),
    since a voice id belongs to one engine. Raises InvalidEditError for a refused override."""
    settings = course.settings
    values: dict = {"engine": settings.narration_engine, "voice": settings.narration_voice,
                    "rate": settings.narration_rate, "pitch": settings.narration_pitch,
                    "voice_file": ""}
    narration = getattr(item, "narration", None) or Narration()
    for layer in (dict(narration.voice), override or {}):
        try:
            checked = check_voice({k: v for k, v in layer.items() if v is not None})
        except InvalidEditError:
            if layer is not override:
                continue  # a stored override no command would write: the defaults stand
            raise
        if "engine" in checked and "voice" not in checked \
                and checked["engine"] != values["engine"]:
            values["voice"] = ""
        values.update(checked)
    return VoiceSettings(**values)

"""The course as plain data: course -> modules -> lessons -> an ordered timeline of items.

These are read-only views built from the project store (:mod:`studio.store`). Edits never
mutate them: they go through the named commands of :mod:`studio.commands`, and a fresh view
is read afterwards. Every object is addressed by a stable id, never by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from studio.a11y.statements import Statement
from studio.item_kinds import PAGE, QUIZ, SLIDE, VIDEO
from studio.slide_layout import SlidePicture, TextBox
from studio.translation.units import Translation


class ItemKind(StrEnum):
    """What an item of a lesson's timeline is; each kind's settings: studio.item_kinds."""

    VIDEO = "video"
    SLIDE = "slide"
    QUIZ = "quiz"
    PAGE = "page"


class CompletionRule(StrEnum):
    """When a learner has completed the course (and each unit of it)."""

    ALL_ITEMS = "all_items"  # every item viewed (and every quiz submitted)
    QUIZZES_PASSED = "quizzes_passed"  # every scored quiz passed
    PERCENT_VIEWED = "percent_viewed"  # a share of the items viewed (completion_threshold)


@dataclass(frozen=True)
class TrackingPolicy:
    """How the LMS is told about progress: the completion rule and, optionally, a mastery
    score that turns scored quizzes into passed or failed."""

    completion: CompletionRule = CompletionRule.ALL_ITEMS
    completion_threshold: float = 1.0  # fraction of items, for PERCENT_VIEWED
    mastery_score: float | None = None  # percent 0..100; None: no pass/fail


@dataclass(frozen=True)
class Asset:
    """A media file of the project, stored once under its SHA-256 in the bundle's media/
    folder: ``size`` in bytes, ``duration`` in seconds (video, sound), ``width`` and
    ``height`` in pixels (video, pictures), the probe's facts in ``info``."""

    id: str
    sha256: str
    filename: str  # name under the bundle's media/ folder
    original_name: str
    kind: str  # video | audio | image | captions | font
    size: int
    duration: float | None = None
    width: int | None = None
    height: int | None = None
    info: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CuePoint:
    """A point on a clip where the player pauses for the questions tied to it;
    ``must_answer``: the learner cannot skip them."""

    id: str
    time: float  # seconds on the source's timeline
    title: str = ""
    must_answer: bool = False


@dataclass(frozen=True)
class CaptionTrack:
    """A clip's caption file (a captions asset) for one language (a tag such as ``en``
    or ``fr-CA``); ``label`` is the name a player's caption menu shows."""

    asset_id: str
    language: str = "en"
    label: str = ""


@dataclass(frozen=True)
class Question:
    """A question of a quiz or of a clip's cue point; ``data`` holds its type's fields
    (choices, answers, feedback, media asset id) as :mod:`studio.quiz.types` declares them."""

    id: str
    type: str  # a name in studio.quiz.types.QUESTION_TYPES
    prompt: str
    points: float = 1.0
    pool: str = "quiz"  # quiz: asked in order; bank: drawn at random
    cue_id: str | None = None  # set for in-video questions
    data: dict = field(default_factory=dict, compare=False)


ORIGINS = ("synthesised", "aligned", "placeholders", "recorded")  # how a narration track was made


@dataclass(frozen=True)
class SpokenSentence:
    """One sentence of a narration track: its ``text`` as the script writes it, ``start`` and
    ``end`` in seconds on the item's timeline (rounded to the ms); ``key`` the synthesis cache
    key ("" for aligned or recorded speech); ``words`` (start s, end s, word) on the item's
    timeline when the engine or aligner reports them; ``confidence`` 0..1 and ``review`` (a
    cue flagged for a person to check) for aligned speech only."""

    text: str
    start: float
    end: float
    key: str = ""
    words: tuple[tuple[float, float, str], ...] = ()
    confidence: float | None = None
    review: bool = False


@dataclass(frozen=True)
class NarrationTrack:
    """An item's narration in one ``language`` (BCP 47): how it was made (``origin``, one of
    ``ORIGINS``), the sound asset (the render, or the recorded narration; None for a clip,
    whose own audio speaks), the WebVTT captions asset made from the sentences, ``duration``
    in seconds, the timed ``sentences``, the ``voice`` it was rendered with ((name,
    value) text pairs, kept sorted by name: engine, engine_version, pitch, rate, voice,
    voice_file) and its
    integrated ``loudness`` after normalisation in LUFS (EBU R128), None when not measured."""

    language: str
    origin: str
    asset_id: str | None
    captions_asset_id: str | None
    duration: float
    sentences: tuple[SpokenSentence, ...] = ()
    voice: tuple[tuple[str, str], ...] = ()
    loudness: float | None = None

    def __post_init__(self) -> None:
        # the stored form sorts keys; sorting here makes a track equal to its stored copy
        object.__setattr__(self, "voice", tuple(sorted(self.voice)))


@dataclass(frozen=True)
class Narration:
    """The spoken side of a timed item (slide, page, clip): typed ``scripts`` as (language,
    text) pairs (a language without one speaks the item's own text: a slide's notes, a page's
    text), per-item ``voice`` overrides as (name, value) text pairs (engine, voice, rate,
    pitch, voice_file), both kept sorted, and at most one track per language."""

    scripts: tuple[tuple[str, str], ...] = ()
    voice: tuple[tuple[str, str], ...] = ()
    tracks: tuple[NarrationTrack, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "scripts", tuple(sorted(self.scripts)))
        object.__setattr__(self, "voice", tuple(sorted(self.voice)))

    def track(self, language: str) -> NarrationTrack | None:
        """The track in ``language`` (a stored tag), None when there is none."""
        return next((t for t in self.tracks if t.language == language), None)

    def script(self, language: str) -> str | None:
        """The typed script in ``language``, None when that language has none."""
        return next((text for lang, text in self.scripts if lang == language), None)


@dataclass(frozen=True)
class GlossaryEntry:
    """How to say a word: ``word`` is matched case-insensitively on word boundaries, ``say``
    is a respelling ("Kay-noo") or phonemes in the engine's notation (``kind`` "respell" or
    "phonemes", ``GLOSSARY_KINDS``); ``language`` a tag the entry is for ("" = every
    language)."""

    word: str
    say: str
    kind: str = "respell"
    language: str = ""


GLOSSARY_KINDS = ("respell", "phonemes")


@dataclass(frozen=True)
class Item:
    """One entry of a lesson's timeline; each kind is a subclass adding its settings."""

    id: str
    kind: ItemKind
    title: str
    lesson_id: str

    @property
    def duration(self) -> float:
        """Seconds the item plays; 0 for kinds without a running time (quiz, page)."""
        return 0.0


@dataclass(frozen=True)
class VideoClip(Item):
    """A cut of a video or sound asset, ``in_point`` to ``out_point`` in seconds of the
    source, with its cue points, caption tracks and in-video questions; ``description`` says
    what is shown that the soundtrack does not (a media alternative, WCAG 2.2 §1.2.3; "" for
    none)."""

    asset_id: str | None = None
    in_point: float = 0.0
    out_point: float = 0.0
    cue_points: tuple[CuePoint, ...] = ()
    captions: tuple[CaptionTrack, ...] = ()
    questions: tuple[Question, ...] = ()
    narration: Narration = Narration()  # aligned captions of the clip's own speech
    description: str = VIDEO["description"].default

    @property
    def duration(self) -> float:
        """Seconds from the in point to the out point (never negative)."""
        return max(0.0, self.out_point - self.in_point)


@dataclass(frozen=True)
class Slide(Item):
    """A still picture shown for ``slide_duration`` seconds (or its narration's length),
    with text and speaker notes; settings as :data:`studio.item_kinds.SLIDE` declares. Its
    cue points are seconds on the slide's timeline, within [0, slide_duration]."""

    asset_id: str | None = None
    text: str = SLIDE["text"].default
    notes: str = SLIDE["notes"].default
    slide_duration: float = SLIDE["duration"].default  # seconds
    narration_asset_id: str | None = SLIDE["narration_asset_id"].default
    alt_texts: tuple[str, ...] = ()  # of the deck's pictures, for screen readers
    # every picture and text box of the deck slide; None: not from a deck, or imported
    # before the import read them (studio.slide_layout)
    pictures: tuple[SlidePicture, ...] | None = None
    text_boxes: tuple[TextBox, ...] | None = None
    transcript_asset_id: str | None = None  # the notes as a WebVTT transcript
    captions: tuple[CaptionTrack, ...] = ()  # the notes timed to the narration
    media_asset_ids: tuple[str, ...] = ()  # audio and video embedded in the slide
    source: dict = field(default_factory=dict, compare=False)  # deck, slide id, renderer
    narration: Narration = Narration()
    cue_points: tuple[CuePoint, ...] = ()
    questions: tuple[Question, ...] = ()  # asked at its cue points

    @property
    def duration(self) -> float:
        """Seconds the slide is shown: its ``slide_duration``."""
        return self.slide_duration


@dataclass(frozen=True)
class Quiz(Item):
    """Questions asked together, with the rules of :data:`studio.item_kinds.QUIZ`
    (pass mark in percent, attempts, shuffle, questions drawn, answers shown, weight)."""

    questions: tuple[Question, ...] = ()
    # the settings' types, defaults and ranges: studio.item_kinds.QUIZ
    pass_mark: float = QUIZ["pass_mark"].default
    attempts: int = QUIZ["attempts"].default  # 0: unlimited
    shuffle: bool = QUIZ["shuffle"].default
    draw: int | None = QUIZ["draw"].default  # ask N questions drawn from the bank per attempt
    show_answers: str = QUIZ["show_answers"].default
    weight: float = QUIZ["weight"].default


@dataclass(frozen=True)
class Page(Item):
    """A text page; its settings as :data:`studio.item_kinds.PAGE` declares them."""

    text: str = PAGE["text"].default  # light markup, see studio.item_kinds.PAGE
    narration_asset_id: str | None = PAGE["narration_asset_id"].default
    captions: tuple[CaptionTrack, ...] = ()  # of its narration
    narration: Narration = Narration()


@dataclass(frozen=True)
class Lesson:
    """An ordered timeline of items; what a learner opens in the LMS when each lesson is
    exported as its own unit."""

    id: str
    title: str
    module_id: str
    items: tuple[Item, ...] = ()

    @property
    def duration(self) -> float:
        """Seconds of all its items together."""
        return sum(item.duration for item in self.items)


@dataclass(frozen=True)
class Module:
    """A titled group of lessons, in order."""

    id: str
    title: str
    lessons: tuple[Lesson, ...] = ()


DEFAULT_RESOLUTION = (1280, 720)  # pixels (width, height)
RESOLUTION_LIMITS = (16, 8192)  # pixels: the smallest and largest side a frame may have


def parse_resolution(value: object) -> tuple[int, int]:
    """A frame size, in pixels, from ``"WIDTHxHEIGHT"`` text (``"1920x1080"``) or a pair of
    integers; each side within ``RESOLUTION_LIMITS``. Raises ``ValueError`` otherwise."""
    parts = value.lower().split("x") if isinstance(value, str) else value
    if not isinstance(parts, list | tuple) or len(parts) != 2:
        raise ValueError(f"a resolution is written WIDTHxHEIGHT (1920x1080), not {value!r}")
    if any(isinstance(part, bool | float) for part in parts):
        raise ValueError(f"a resolution is in whole pixels, not {value!r}")
    try:
        width, height = (int(part) for part in parts)
    except TypeError:
        raise ValueError(f"a resolution is in whole pixels, not {value!r}") from None
    low, high = RESOLUTION_LIMITS
    if not (low <= width <= high and low <= height <= high):
        raise ValueError(f"each side of a resolution must be {low} to {high} pixels, "
                         f"not {width}x{height}")
    return width, height


def resolution_text(size: tuple[int, int]) -> str:
    """The stored form of a frame size: ``"1920x1080"``."""
    return f"{size[0]}x{size[1]}"


RESUME_CHOICES = ("always", "never", "ask")  # what a relaunch with a saved position does
UNRECORDED_CHOICES = ("continue", "block")  # what the player does while tracking fails


@dataclass(frozen=True)
class CourseSettings:
    """Course-wide settings of how content is produced and presented (kept in the course's
    ``settings``).

    ``resolution`` is the frame, in pixels (width, height), that imported slides are drawn
    to fit. ``kit`` names the brand kit ("" = the built-in default, a built-in name, or an
    absolute path to a shared kit file) and ``theme`` the overrides on it, sorted (key,
    value) pairs with keys of :data:`studio.brand.OVERRIDE_KEYS` (logo, favicon and fonts
    as asset ids). ``resume`` is one of ``RESUME_CHOICES``, ``unrecorded`` one of
    ``UNRECORDED_CHOICES``; ``cover`` shows a cover page on a fresh launch, ``certificate``
    offers a certificate of completion, ``objectives`` are listed on the cover and
    ``end_message`` is shown on the end page ("" = the player's own).

    Narration defaults (items may override them): ``narration_engine`` a voice engine's
    name, ``narration_voice`` its voice id ("" = the engine's default voice for the course
    language), ``narration_rate`` in words per minute, ``narration_pitch`` 0..100 (ranges:
    :mod:`studio.narration.voice`), ``loudness`` the target integrated loudness of narration
    in LUFS (EBU R128) and ``glossary`` how to say particular words. ``languages`` are the
    languages the course is translated into (see :mod:`studio.translation`);
    ``a11y_statements`` the author's accessibility statements, sorted by criterion (see
    :mod:`studio.a11y.statements`).
    """

    resolution: tuple[int, int] = DEFAULT_RESOLUTION
    kit: str = ""
    theme: tuple[tuple[str, str], ...] = ()
    resume: str = "always"
    unrecorded: str = "continue"
    cover: bool = False
    certificate: bool = False
    objectives: tuple[str, ...] = ()
    end_message: str = ""
    narration_engine: str = "espeak-ng"
    narration_voice: str = ""
    narration_rate: int = 175  # words per minute
    narration_pitch: int = 50  # 0..100
    loudness: float = -16.0  # LUFS
    glossary: tuple[GlossaryEntry, ...] = ()
    languages: tuple[str, ...] = ()  # target languages of translation, BCP 47, sorted
    a11y_statements: tuple[Statement, ...] = ()  # the author's, by criterion

    def theme_dict(self) -> dict[str, str]:
        """``theme`` as a dict."""
        return dict(self.theme)


@dataclass(frozen=True)
class Course:
    """The whole course: its metadata, tracking policy, settings, modules and media assets."""

    identifier: str
    title: str
    description: str = ""
    language: str = "en"
    author: str = ""
    version: str = "1.0"
    tracking: TrackingPolicy = TrackingPolicy()
    modules: tuple[Module, ...] = ()
    assets: dict[str, Asset] = field(default_factory=dict, compare=False)
    settings: CourseSettings = CourseSettings()
    # language -> segment id -> its translation (studio.translation)
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict, compare=False)

    def lessons(self) -> list[Lesson]:
        """Every lesson, in outline order."""
        return [lesson for module in self.modules for lesson in module.lessons]

    def items(self) -> list[Item]:
        """Every item of every lesson, in outline order."""
        return [item for lesson in self.lessons() for item in lesson.items]

    def find(self, node_id: str) -> Module | Lesson | Item | None:
        """The module, lesson or item with this id; None when there is none."""
        for module in self.modules:
            if module.id == node_id:
                return module
            for lesson in module.lessons:
                if lesson.id == node_id:
                    return lesson
                for item in lesson.items:
                    if item.id == node_id:
                        return item
        return None

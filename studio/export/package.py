"""The export room's vocabulary: options, package files, units, prepared media and the plan.

Plain frozen types and the one interface a package format implements. Every other module of
:mod:`studio.export` talks in these; this module imports nothing of the export room but the
LMS profiles' own vocabulary (:mod:`studio.export.lms_switches`), so the writers, the planner,
the media preparation and the zip writer never import each other to share a type.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from studio.export.lms_switches import LmsProfile, PackageSwitches
from studio.media.ffmpeg_args import MP4
from studio.model import Course
from studio.publish import PublishSettings

LAUNCH_FILE = "index.html"  # the player's page, what every unit launches
DATA_FILE = "course-data.js"  # the course data the player reads
MEDIA_FOLDER = "media"  # where media files sit inside a package
COURSE_UNIT_ID = "course"  # the id of the one unit when the whole course is one unit

# Capabilities a format may declare.
MULTI_UNIT = "multi_unit"  # one launchable unit per lesson
SEQUENCING = "sequencing"  # the LMS rolls lesson results up the course tree
SCHEMAS = "schemas"  # the package ships copies of its XML schemas


@dataclass(frozen=True)
class ExportOptions:
    """What the person asked of one export.

    ``format`` is a registered format name (see :func:`studio.export.formats.available_formats`),
    ``preset`` a render preset of :mod:`studio.media.ffmpeg_args` or ``original`` (copy the
    imported files), ``video_format`` the renders' container and codecs
    (``ffmpeg_args.VIDEO_FORMATS``: ``mp4`` H.264/AAC for LMS packages, ``webm`` VP9/Opus for
    web engines without H.264; the ``original`` preset ignores it), ``lms`` the name of an LMS
    profile (:mod:`studio.export.lms_profiles`) whose switches the package follows, or None
    for none, ``languages`` BCP 47 tags of the course's language or its target languages
    (:mod:`studio.export.languages`). Values are checked by the exporter, which raises
    ``ExportError``.
    """

    format: str = PublishSettings.format
    sco_per_lesson: bool = PublishSettings.sco_per_lesson  # False: the course is one unit
    include_schemas: bool = PublishSettings.include_schemas  # the format's XML schemas too
    preset: str = "720p"
    loudness: bool = False  # normalise the clips' loudness (EBU R128) in their renders
    video_format: str = MP4
    lms: str | None = None
    # () the course as authored; (L,) its variant in L; (A, B, ...) one package holding
    # every one of them, with a language picker, A first (see studio.export.languages)
    languages: tuple[str, ...] = ()

    @classmethod
    def published(cls, settings: PublishSettings, **more: object) -> ExportOptions:
        """The options the project's publish settings ask for (an empty ``lms`` is None);
        ``more`` sets the others (``preset``, ``loudness``, ``video_format``)."""
        return cls(format=settings.format, sco_per_lesson=settings.sco_per_lesson,
                   include_schemas=settings.include_schemas, lms=settings.lms or None,
                   **more)


@dataclass(frozen=True)
class PackageFile:
    """One member of the package: copied from ``source`` or written from ``data``.

    ``name`` is the path inside the package, '/'-separated; ``size`` is in bytes.
    """

    name: str
    size: int
    source: Path | None = None
    data: bytes | None = None

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> PackageFile:
        """A member written from ``data``; its size is ``len(data)`` bytes."""
        return cls(name, len(data), data=data)


def media_name(filename: str) -> str:
    """The package path of a file of the project's media folder: ``media/<filename>``."""
    return f"{MEDIA_FOLDER}/{filename}"


@dataclass(frozen=True)
class Unit:
    """Something an LMS launches: one lesson, or the whole course.

    ``id`` is a valid xs:ID; ``parameters`` the query string added to the launch file ('' for
    the whole course); ``media`` the package names of the media files its lessons use.
    """

    id: str
    title: str
    parameters: str
    lesson_ids: tuple[str, ...]
    media: tuple[str, ...]
    scored: bool  # it holds a quiz that counts towards the score

    @property
    def launch(self) -> str:
        """The launch file with the unit's parameters, e.g. ``index.html?unit=les_1``."""
        return LAUNCH_FILE + self.parameters


@dataclass(frozen=True)
class ItemMedia:
    """What one video or slide item plays, and the package files that carry it.

    Times are in seconds on ``src``'s timeline; ``captions`` holds one ``{"src", "lang",
    "label"}`` dict per WebVTT track (a narration's also its ``cues``, see
    :func:`studio.export.media_plan.narration_media`).
    """

    files: tuple[PackageFile, ...]
    src: str | None  # the clip's video (or sound), the slide's narration
    start: float = 0.0
    end: float = 0.0
    offset: float = 0.0  # where the clip starts in ``src``: cue times are shifted by it
    poster: str | None = None
    captions: tuple[dict, ...] = ()


@dataclass(frozen=True)
class PlayerLanguage:
    """One language of a package with a language picker, as ``COURSE_DATA.languages`` lists
    it: ``tag`` (BCP 47), ``name`` (the language's own name, e.g. "français"), ``dir``
    ("ltr" | "rtl"), ``src`` (its course data file in the package) and, for a pseudo-locale
    only, ``lang``: the tag its text declares to the page (see ``PlanLanguages.page_lang``)."""

    tag: str
    name: str
    dir: str
    src: str
    lang: str | None = None


@dataclass(frozen=True)
class PlanLanguages:
    """What a plan made for one or more languages adds to the course data: ``direction``
    ("ltr" | "rtl", ``COURSE_DATA.course.dir``), ``strings`` (translated player strings,
    key -> text, laid over the brand kit's), ``picker`` (every language of the package, the
    plan's first; empty for one language), ``others`` (data file name, plan) of the other
    languages, each planned from its own variant of the course, and ``page_lang``
    (``COURSE_DATA.course.lang``) for a pseudo-locale: the tag the page declares, as
    :func:`studio.export.languages.page_language` makes it."""

    direction: str
    strings: tuple[tuple[str, str], ...] = ()
    picker: tuple[PlayerLanguage, ...] = ()
    others: tuple[tuple[str, ExportPlan], ...] = ()
    page_lang: str | None = None


@dataclass(frozen=True)
class ExportPlan:
    """Everything a package holds, format-neutral: the units and every file they need.

    ``tracking`` names the player's tracking adapter; ``item_media`` maps item ids to what
    studio.media prepared for them (empty when the sources are planned as they are); ``lms``
    is the profile of the LMS the package is made for (None: generic); ``theme`` is
    ``COURSE_DATA.theme`` (:func:`studio.export.theme.theme_data`; empty for a plan made
    without a kit), the theme's files being among ``player_files``; ``languages`` is None for
    the course as authored, else what its language variants add
    (:func:`studio.export.languages.language_plan`).
    """

    course: Course
    options: ExportOptions
    tracking: str
    units: tuple[Unit, ...]
    player_files: tuple[PackageFile, ...]
    media_files: tuple[PackageFile, ...]
    item_media: dict[str, ItemMedia] = field(default_factory=dict, compare=False)
    lms: LmsProfile | None = None
    theme: dict = field(default_factory=dict, compare=False)
    languages: PlanLanguages | None = None

    @property
    def data_files(self) -> tuple[str, ...]:
        """The course data files the package holds: ``course-data.js``, then one per other
        language (``course-data.<tag>.js``) of a package with a language picker."""
        others = self.languages.others if self.languages else ()
        return (DATA_FILE, *(name for name, _ in others))

    @property
    def package(self) -> PackageSwitches:
        """What the manifests follow: the LMS profile's package switches, or the defaults."""
        return self.lms.package if self.lms else PackageSwitches()

    def media_name(self, asset_id: str | None) -> str | None:
        """The package path of an asset's file; None for no asset or one not in the course."""
        if asset_id is None or asset_id not in self.course.assets:
            return None
        return media_name(self.course.assets[asset_id].filename)

    @property
    def shared_names(self) -> list[str]:
        """Files every unit uses besides its launch file: the player and the course data."""
        names = [f.name for f in self.player_files if f.name != LAUNCH_FILE]
        return sorted([*names, *self.data_files])

    def unit_of_lesson(self, lesson_id: str) -> Unit:
        """The unit that launches a lesson; raises ``StopIteration`` for a lesson not planned."""
        return next(u for u in self.units if lesson_id in u.lesson_ids)


class PackageFormat(ABC):
    """The interface of one package format (SCORM 1.2, SCORM 2004, xAPI, cmi5, HTML5).

    A format declares its ``name`` (what options and the CLI call it), a ``label`` for people,
    the ``extension`` of its packages, the player's ``tracking`` adapter it launches with
    (registered by a script of ``resources/player``) and its ``capabilities``. The player,
    the course data and the media are the same for every format and come from the plan.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    extension: ClassVar[str] = ".zip"
    tracking: ClassVar[str]
    capabilities: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def format_files(self, plan: ExportPlan) -> list[PackageFile]:
        """The files this format adds to the plan's files (manifest, schema copies).

        Raises ``ExportError`` when a file it needs is not installed.
        """

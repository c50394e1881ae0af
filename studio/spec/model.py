"""The build spec as data: a course's modules, lessons and their raw materials, in order.

Paths are absolute (the reader resolves them against the spec file's folder, or the
folder a folder spec was inferred from); times are seconds of the source. Every node has a
``key``, stable across edits of the spec, that a rebuild uses to find the project node it
made before: an explicit ``id`` in the spec, else derived (a module or lesson: a slug of
its title; an item: its kind and its path relative to ``CourseSpec.root``, with ``#2``,
``#3`` for a repeat within the lesson).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.model import TrackingPolicy

# What an item of a spec is made from, and what it becomes in the project:
# video -> a video clip; audio -> a video clip of a sound; deck -> its slides (a deck
# re-import keeps designer edits); quiz -> a quiz (GIFT, Aiken or any question file the
# interchange registry reads); page -> a page from Markdown; image -> a slide.
ITEM_KINDS = ("video", "audio", "deck", "quiz", "page", "image")


@dataclass(frozen=True)
class CaptionSpec:
    """A caption file for a video or audio item (SRT, WebVTT or any format the captions
    reader takes), in ``language`` (a BCP 47 tag; None: the course language); ``encoding``
    names the text encoding of a file not in UTF (a Python codec name such as ``cp1251``;
    None: told from the bytes, with the language as the hint)."""

    path: Path
    language: str | None = None
    label: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class ItemSpec:
    """One entry of a lesson's timeline, made from the file at ``path``.

    ``kind`` is one of :data:`ITEM_KINDS`. ``title`` None: the file's stem (a deck's slides
    take their own titles). ``in_point``/``out_point`` (video, audio; seconds of the source,
    None: its start/end). ``captions`` (video, audio). ``narration`` (deck, image, page): a
    UTF-8 narration script file; for a deck, one block per visible slide in order,
    blocks separated by a line holding only ``---``. ``settings``: the item kind's settings
    by name (``studio.item_kinds``: a quiz's ``pass_mark``, a slide's ``duration``, …).
    """

    kind: str
    path: Path
    key: str
    title: str | None = None
    in_point: float | None = None
    out_point: float | None = None
    captions: tuple[CaptionSpec, ...] = ()
    narration: Path | None = None
    settings: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class LessonSpec:
    """A lesson: its title and items in timeline order."""

    title: str
    key: str
    items: tuple[ItemSpec, ...] = ()


@dataclass(frozen=True)
class ModuleSpec:
    """A module: its title and lessons in order."""

    title: str
    key: str
    lessons: tuple[LessonSpec, ...] = ()


@dataclass(frozen=True)
class CourseSpec:
    """A whole course as the spec names it.

    ``source`` is the spec file or the folder it was inferred from; ``root`` the folder
    relative paths are resolved against. ``language`` is a BCP 47 tag; ``tracking`` None
    leaves the project's tracking policy as it is (the defaults on a first build);
    ``resolution`` (width, height) in pixels or None for the default.
    """

    title: str
    source: Path
    root: Path
    modules: tuple[ModuleSpec, ...] = ()
    language: str = "en"
    tracking: TrackingPolicy | None = None
    resolution: tuple[int, int] | None = None
    description: str = ""

    def items(self) -> list[tuple[ModuleSpec, LessonSpec, ItemSpec]]:
        """Every item with its module and lesson, in course order."""
        return [(m, lesson, item) for m in self.modules for lesson in m.lessons
                for item in lesson.items]

    def files(self) -> list[Path]:
        """Every file the spec names (items, captions, narration scripts), in course
        order, without repeats: what a rebuild checks for changes."""
        seen: dict[Path, None] = {}
        for _, _, item in self.items():
            seen[item.path] = None
            for caption in item.captions:
                seen[caption.path] = None
            if item.narration is not None:
                seen[item.narration] = None
        return list(seen)

"""From a course to an export plan: the launchable units and every file the package needs.

The plan is format-neutral. It checks what can be checked before a byte is written (the
course has lessons, every media file an item uses is in the project, the player is
installed), so a package is never half-written because of bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studio.errors import ExportError
from studio.export.formats import ExportOptions
from studio.model import Course, Item, Lesson, Question, Quiz, Slide, VideoClip
from studio.quiz.types import is_scored_type
from studio.resources import resources_dir

if TYPE_CHECKING:
    from studio.export.media_plan import ItemMedia

LAUNCH_FILE = "index.html"
DATA_FILE = "course-data.js"
MEDIA_FOLDER = "media"
COURSE_UNIT_ID = "course"
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class PackageFile:
    """One member of the package: copied from ``source`` or written from ``data``."""

    name: str  # path inside the package, '/'-separated
    size: int
    source: Path | None = None
    data: bytes | None = None

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> PackageFile:
        return cls(name, len(data), data=data)


@dataclass(frozen=True)
class Unit:
    """Something an LMS launches: one lesson, or the whole course."""

    id: str
    title: str
    parameters: str  # query string added to the launch file, '' for the whole course
    lesson_ids: tuple[str, ...]
    media: tuple[str, ...]  # package names of the media files its lessons use
    scored: bool  # it holds a quiz that counts towards the score

    @property
    def launch(self) -> str:
        return LAUNCH_FILE + self.parameters


@dataclass(frozen=True)
class ExportPlan:
    course: Course
    options: ExportOptions
    tracking: str
    units: tuple[Unit, ...]
    player_files: tuple[PackageFile, ...]
    media_files: tuple[PackageFile, ...]
    # what video and slide items play, when studio.media prepared it (renders, captions)
    item_media: dict[str, ItemMedia] = field(default_factory=dict, compare=False)

    def media_name(self, asset_id: str | None) -> str | None:
        if asset_id is None or asset_id not in self.course.assets:
            return None
        return media_name(self.course.assets[asset_id].filename)

    @property
    def shared_names(self) -> list[str]:
        """Files every unit uses besides its launch file: the player and the course data."""
        names = [f.name for f in self.player_files if f.name != LAUNCH_FILE]
        return sorted([*names, DATA_FILE])

    def unit_of_lesson(self, lesson_id: str) -> Unit:
        return next(u for u in self.units if lesson_id in u.lesson_ids)


def media_name(filename: str) -> str:
    return f"{MEDIA_FOLDER}/{filename}"


def xml_id(raw: str, prefix: str) -> str:
    """A valid xs:ID from a stored id (stored ids are ASCII and start with a letter)."""
    if _NCNAME.match(raw):
        return raw
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", raw)


def manifest_identifier(course: Course) -> str:
    return xml_id("course_" + course.identifier.removeprefix("urn:uuid:"), "course_")


def is_scored(quiz: Quiz) -> bool:
    return quiz.weight > 0 and any(is_scored_type(q.type) for q in quiz.questions)


def question_media(question: Question) -> str | None:
    """The asset id a question shows (``data['media']``), if it names one."""
    value = question.data.get("media")
    return value if isinstance(value, str) else None


def item_assets(item: Item) -> list[str]:
    """Ids of every asset an item uses, in a stable order."""
    ids: list[str | None] = []
    if isinstance(item, VideoClip):
        ids += [item.asset_id, *(c.asset_id for c in item.captions)]
    elif isinstance(item, Slide):
        ids += [item.asset_id, item.narration_asset_id]
    if isinstance(item, VideoClip | Quiz):
        ids += [question_media(q) for q in item.questions]
    return [i for i in ids if i]


def copied_assets(item: Item, prepared: ItemMedia | None) -> tuple[list[str], list[str]]:
    """The assets of an item that go into the package as they are, listed before and after
    the files studio.media prepared for it (the order an item presents them in)."""
    if prepared is None:
        return item_assets(item), []
    if isinstance(item, Slide):
        return ([item.asset_id] if item.asset_id else []), []
    if isinstance(item, VideoClip):
        return [], [a for a in (question_media(q) for q in item.questions) if a]
    return item_assets(item), []


def _lesson_media(course: Course, lesson: Lesson, media_dir: Path,
                  found: dict[str, PackageFile],
                  item_media: dict[str, ItemMedia]) -> list[str]:
    names: list[str] = []
    for item in lesson.items:
        prepared = item_media.get(item.id)
        before, after = copied_assets(item, prepared)
        _add_assets(course, lesson, item, before, media_dir, found, names)
        for file in prepared.files if prepared else ():
            found.setdefault(file.name, file)
            if file.name not in names:
                names.append(file.name)
        _add_assets(course, lesson, item, after, media_dir, found, names)
    return names


def _add_assets(course: Course, lesson: Lesson, item: Item, asset_ids: list[str],
                media_dir: Path, found: dict[str, PackageFile], names: list[str]) -> None:
    for asset_id in asset_ids:
        asset = course.assets.get(asset_id)
        if asset is None:
            raise ExportError(
                f"“{item.title}” in lesson “{lesson.title}” uses a media file that is no "
                "longer in the project; replace it or remove the item before exporting.")
        name = media_name(asset.filename)
        if name not in found:
            source = media_dir / asset.filename
            try:
                size = source.stat().st_size
            except OSError:
                raise ExportError(
                    f"“{item.title}” in lesson “{lesson.title}” uses {asset.original_name}, "
                    f"but its file {source} is missing from the project's media folder."
                ) from None
            found[name] = PackageFile(name, size, source=source)
        if name not in names:
            names.append(name)


def player_files(player_dir: Path) -> tuple[PackageFile, ...]:
    if not (player_dir / LAUNCH_FILE).is_file():
        raise ExportError(
            f"The course player is not installed ({player_dir / LAUNCH_FILE} is missing); "
            "reinstall Course Studio.")
    files = [
        PackageFile(path.relative_to(player_dir).as_posix(), path.stat().st_size, source=path)
        for path in player_dir.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(player_dir).parts)
    ]
    return tuple(sorted(files, key=lambda f: f.name))


def build_plan(course: Course, media_dir: Path, options: ExportOptions, tracking: str,
               player_dir: Path | None = None,
               item_media: dict[str, ItemMedia] | None = None) -> ExportPlan:
    """The plan; without ``item_media`` the sources are planned as they are (today's
    copies), which also checks every file is there before any rendering starts."""
    item_media = item_media or {}
    lessons = course.lessons()
    if not lessons:
        raise ExportError(f"“{course.title}” has no lessons yet; add a lesson before exporting.")
    found: dict[str, PackageFile] = {}
    units = []
    for lesson in lessons:
        media = _lesson_media(course, lesson, media_dir, found, item_media)
        scored = any(isinstance(i, Quiz) and is_scored(i) for i in lesson.items)
        units.append(Unit(xml_id(lesson.id, "les_"), lesson.title, f"?unit={lesson.id}",
                          (lesson.id,), tuple(media), scored))
    if not options.sco_per_lesson:
        media = tuple(dict.fromkeys(name for u in units for name in u.media))
        units = [Unit(COURSE_UNIT_ID, course.title, "", tuple(lesson.id for lesson in lessons),
                      media, any(u.scored for u in units))]
    return ExportPlan(
        course=course,
        options=options,
        tracking=tracking,
        units=tuple(units),
        player_files=player_files(player_dir or resources_dir() / "player"),
        media_files=tuple(sorted(found.values(), key=lambda f: f.name)),
        item_media=item_media,
    )


def schema_files(edition_folder: str) -> list[PackageFile]:
    """Copies of the official schemas of one edition, for the package root."""
    folder = resources_dir() / "schemas" / "xsd" / edition_folder
    if not folder.is_dir():
        raise ExportError(f"The XML schemas are not installed ({folder} is missing); "
                          "reinstall Course Studio.")
    return sorted(
        (PackageFile(p.relative_to(folder).as_posix(), p.stat().st_size, source=p)
         for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")),
        key=lambda f: f.name,
    )

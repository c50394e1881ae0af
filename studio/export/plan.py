"""From a course to an export plan: the launchable units and every file the package needs.

The plan is format-neutral. It checks what can be checked before a byte is written (the
course has lessons, every media file an item uses is in the project, the player is
installed), so a package is never half-written because of bad input.
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import ExportError
from studio.export.lms_profiles import choose_format, load_profile
from studio.export.package import (
    COURSE_UNIT_ID,
    LAUNCH_FILE,
    ExportOptions,
    ExportPlan,
    ItemMedia,
    PackageFile,
    Unit,
    media_name,
)
from studio.export.theme import export_kit, theme_data, theme_files
from studio.export.xml import xml_id
from studio.model import Course, Item, Lesson, Page, Question, Quiz, Slide, VideoClip
from studio.quiz.questions import media_ids
from studio.quiz.types import HOTSPOT, is_scored_type
from studio.resources import resources_dir


def is_scored(quiz: Quiz) -> bool:
    """Whether a quiz counts towards the score: a weight above 0 and at least one question
    of a scored type (see :func:`studio.quiz.types.is_scored_type`)."""
    return quiz.weight > 0 and any(is_scored_type(q.type) for q in quiz.questions)


def question_media(questions: list[Question]) -> list[str]:
    """The asset ids the questions show, in order: each question's
    :func:`studio.quiz.questions.media_ids` (prompt, choices, items, hotspot image)."""
    return [asset for question in questions for asset in media_ids(question.data)]


def item_assets(item: Item) -> list[str]:
    """Ids of every asset an item uses, in a stable order: a clip's source and caption files,
    a slide's picture and narration, a page's narration, then the media of the questions it
    asks (a quiz's, or those at a clip's or slide's cue points)."""
    ids: list[str | None] = []
    if isinstance(item, VideoClip):
        ids += [item.asset_id, *(c.asset_id for c in item.captions)]
    elif isinstance(item, Slide):
        ids += [item.asset_id, item.narration_asset_id]
    elif isinstance(item, Page):
        ids.append(item.narration_asset_id)
    if isinstance(item, VideoClip | Quiz | Slide):
        ids += question_media(item.questions)
    return [i for i in ids if i]


def copied_assets(item: Item, prepared: ItemMedia | None) -> tuple[list[str], list[str]]:
    """The assets of an item that go into the package as they are, listed before and after
    the files studio.media prepared for it (the order an item presents them in): a narrated
    slide's picture before its narration and captions, cue question media after them."""
    if prepared is None:
        return item_assets(item), []
    if isinstance(item, Slide):
        return ([item.asset_id] if item.asset_id else []), question_media(item.questions)
    if isinstance(item, VideoClip):
        return [], question_media(item.questions)
    if isinstance(item, Page):
        return [], []
    return item_assets(item), []


def _lesson_media(course: Course, lesson: Lesson, media_dir: Path,
                  found: dict[str, PackageFile],
                  item_media: dict[str, ItemMedia]) -> list[str]:
    names: list[str] = []
    for item in lesson.items:
        _check_pictures(lesson, item)
        prepared = item_media.get(item.id)
        before, after = copied_assets(item, prepared)
        _add_assets(course, lesson, item, before, media_dir, found, names)
        for file in prepared.files if prepared else ():
            found.setdefault(file.name, file)
            if file.name not in names:
                names.append(file.name)
        _add_assets(course, lesson, item, after, media_dir, found, names)
    return names


def _check_pictures(lesson: Lesson, item: Item) -> None:
    """A hotspot question cannot be played without its picture: ExportError naming it."""
    for question in item.questions if isinstance(item, VideoClip | Quiz | Slide) else ():
        if question.type == HOTSPOT.name and not question.data.get("image"):
            raise ExportError(
                f"The hotspot question “{question.prompt}” in “{item.title}” (lesson "
                f"“{lesson.title}”) has no picture; choose one before exporting.")


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
    """Every file of the installed player (hidden files left out), sorted by package name.

    Raises ``ExportError`` when the player's ``index.html`` is missing.
    """
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
    """The plan: one unit per lesson (or one for the whole course, ``options.sco_per_lesson``
    False), the player's files with the course's theme files (:mod:`studio.export.theme`)
    and every media file the units use.

    Without ``item_media`` the sources are planned as they are, which also checks every file
    is there before any rendering starts. ``options.lms`` names the LMS profile the plan
    carries. Raises ``ExportError`` for a course without lessons, an item whose media file
    is gone, a player that is not installed, an unknown or broken LMS profile, a format
    the LMS does not take, or a brand kit that is missing or fails contrast.
    """
    item_media = item_media or {}
    profile = load_profile(options.lms) if options.lms else None
    if profile is not None:
        choose_format(profile, options.format)  # refuses a format the LMS cannot take
    lessons = course.lessons()
    if not lessons:
        raise ExportError(f"“{course.title}” has no lessons yet; add a lesson before exporting.")
    kit = export_kit(course, media_dir)
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
        player_files=tuple(sorted(
            (*player_files(player_dir or resources_dir() / "player"), *theme_files(kit)),
            key=lambda f: f.name)),
        media_files=tuple(sorted(found.values(), key=lambda f: f.name)),
        item_media=item_media,
        lms=profile,
        theme=theme_data(kit, course.language),
    )


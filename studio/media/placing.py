"""Media put where a designer put it: assets of the media bin, or files being imported, placed
at a spot of a lesson.

A :class:`Spot` is a lesson, a position among its items and, optionally, the item the media
landed on. Each asset kind has one rule (:func:`plan`): a video (a sound with a picture
included) becomes a clip, a picture a slide shown for the slide kind's default duration, a
sound the narration of the slide it landed on, a caption file the captions of the clip it
landed on. A sound or caption file anywhere else is refused with a one-line reason, so a
gesture either places everything or changes nothing, and is one undo step.

    place_assets(project, asset_ids, spot) -> Placed          # media already in the bin
    import_and_place(project, files, spot, ...) -> (ImportReport, Placed)   # files on disk
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media.import_report import FileKind, ImportReport, ImportTarget
from studio.media.import_steps import add_item_for, removing_new_media_on_error
from studio.media.importer import MEDIA_BIN, import_paths, kind_of
from studio.model import Asset, Course, Lesson, Slide, VideoClip
from studio.store import Project


@dataclass(frozen=True)
class Spot:
    """Where a gesture puts media: ``lesson_id``, new items from ``index`` on (0 = first,
    None = after the last), and ``onto``, the item the media was dropped on or added to
    (a slide takes a sound as its narration, a clip takes a caption file), if any."""

    lesson_id: str
    index: int | None = None
    onto: str | None = None


@dataclass(frozen=True)
class Placed:
    """What a placement did: ``item_ids`` the new items in lesson order, ``narrated`` the
    slide given a narration, ``captioned`` the clip given captions, ``left_in_bin`` one
    reason per sound that stayed in the media bin (only when sounds may stay there)."""

    lesson_id: str
    item_ids: tuple[str, ...] = ()
    narrated: str | None = None
    captioned: str | None = None
    left_in_bin: tuple[str, ...] = ()


class NotPlaceableError(InvalidEditError):
    """Media that has no place at the spot given (a sound not on a slide, captions not on a
    clip); the message says where it can go."""


class Step(NamedTuple):
    """One asset's part of a placement: ``action`` is "item", "narrate" or "captions";
    ``target`` the slide or clip for the last two."""

    action: str
    asset: Asset
    target: str | None = None


def plan(course: Course, asset_ids: Sequence[str], spot: Spot,
         sounds_may_stay: bool = False) -> tuple[list[Step], list[str]]:
    """The steps that place these assets at ``spot``, and the reasons of sounds left in the
    bin (only with ``sounds_may_stay``; else such a sound is refused).

    Raises NotFoundError for an unknown lesson, item or asset; NotPlaceableError for a sound
    not on a slide, two sounds on one slide, captions not on a video clip, or an asset of a
    kind no item shows.
    """
    lesson = course.find(spot.lesson_id)
    if not isinstance(lesson, Lesson):
        raise NotFoundError(f"No lesson with id {spot.lesson_id}.")
    onto = course.find(spot.onto) if spot.onto else None
    if spot.onto and (onto is None or getattr(onto, "lesson_id", None) != lesson.id):
        raise NotFoundError(f"No item with id {spot.onto} in {lesson.title}.")
    steps, left = [], []
    for asset_id in asset_ids:
        asset = course.assets.get(asset_id)
        if asset is None:
            raise NotFoundError(f"No media with id {asset_id} in the media bin.")
        if asset.kind in ("video", "image"):
            steps.append(Step("item", asset))
        elif asset.kind == "audio":
            if isinstance(onto, Slide):
                if any(step.action == "narrate" for step in steps):
                    raise NotPlaceableError("A slide has one narration: drop one sound on it.")
                steps.append(Step("narrate", asset, onto.id))
            elif sounds_may_stay:
                left.append(f"{asset.original_name} stays in the media bin: drag it onto a "
                            "slide to make it the slide's narration.")
            else:
                raise NotPlaceableError(f"{asset.original_name} is a sound: drop it on a "
                                        "slide to make it the slide's narration.")
        elif asset.kind == "captions":
            if not isinstance(onto, VideoClip):
                raise NotPlaceableError(f"{asset.original_name} holds captions: drop it on a "
                                        "video clip to make them the clip's captions.")
            steps.append(Step("captions", asset, onto.id))
        else:
            raise NotPlaceableError(f"{asset.original_name} cannot be placed in a lesson.")
    return steps, left


def placement_name(steps: Sequence[Step], course: Course) -> str:
    """The undo step's name: "Add talk.mp4", "Add 3 media" or "Narrate “Welcome”"."""
    if len(steps) == 1 and steps[0].action == "narrate":
        return f"Narrate “{course.find(steps[0].target).title}”"
    if len(steps) == 1:
        return f"Add {steps[0].asset.original_name}"
    return f"Add {len(steps)} media"


def place_assets(project: Project, asset_ids: Sequence[str], spot: Spot, *,
                 sounds_may_stay: bool = False, name: str | None = None) -> Placed:
    """Place assets of the project at ``spot`` by the rules of :func:`plan`, as one undo
    step (named by :func:`placement_name` unless ``name`` is given). New items go from
    ``spot.index`` on, in the order given.

    Raises what :func:`plan` raises before anything is written; a command refused on the way
    rolls the whole placement back.
    """
    course = project.course()
    steps, left = plan(course, asset_ids, spot, sounds_may_stay)
    if not steps:
        return Placed(spot.lesson_id, left_in_bin=tuple(left))
    from studio.media.slide_narration import narrate  # noqa: PLC0415 (caption writer: on use)

    items: list[str] = []
    narrated = captioned = None
    with project.group(name or placement_name(steps, course)):
        for step in steps:
            if step.action == "item":
                index = None if spot.index is None else spot.index + len(items)
                title = Path(step.asset.original_name).stem or step.asset.original_name
                items.append(add_item_for(project, spot.lesson_id, step.asset.id,
                                          step.asset.kind, title, index))
            elif step.action == "narrate":
                narrate(project, step.target, step.asset.id)
                narrated = step.target
            else:
                commands.attach_captions(project, step.target, step.asset.id, course.language)
                captioned = step.target
    return Placed(spot.lesson_id, tuple(items), narrated, captioned, tuple(left))


def gesture_name(files: Sequence[Path]) -> str:
    """The undo step of placing these files: "Add talk.mp4" or "Add 3 media"."""
    return f"Add {Path(files[0]).name}" if len(files) == 1 else f"Add {len(files)} media"


def import_and_place(project: Project, files: Sequence[Path | str], spot: Spot, *,
                     progress: Progress = no_progress, token: CancelToken | None = None
                     ) -> tuple[ImportReport, Placed]:
    """Import files into the media bin and place them at ``spot``, as one undo step named
    by :func:`gesture_name`: media files by the rules of :func:`plan` (a sound not on a slide
    stays in the bin, and :attr:`Placed.left_in_bin` says so), decks at the lesson's end,
    question files as a new quiz after the placed media, caption files onto the clip
    ``spot.onto`` in the course's language.

    Returns ``(ImportReport, Placed)``. Raises NotPlaceableError for caption files when
    ``spot.onto`` is not a video clip, and whatever
    :func:`~studio.media.importer.import_paths` raises; nothing is written then.
    """
    token = token or CancelToken()
    paths = [Path(f) for f in files]
    media = [p for p in paths if kind_of(p) is FileKind.MEDIA]
    others = [p for p in paths if kind_of(p) is not FileKind.MEDIA]
    course = project.course()
    onto = course.find(spot.onto) if spot.onto else None
    clip = onto.id if isinstance(onto, VideoClip) else None
    captions = [p for p in others if kind_of(p) is FileKind.CAPTIONS]
    if captions and clip is None:
        raise NotPlaceableError(f"{captions[0].name} holds captions: drop it on a video clip "
                                "to make them the clip's captions.")
    share = len(media) / len(paths)
    first = second = ImportReport(gesture_name(paths))
    with removing_new_media_on_error(project), project.group(gesture_name(paths)):
        if media:
            first = import_paths(project, media, MEDIA_BIN, token=token,
                                 progress=SubProgress(progress, 0.0, share))
        placed = place_assets(project, first.media_asset_ids, spot, sounds_may_stay=True)
        if others:
            at = None if spot.index is None else spot.index + len(placed.item_ids)
            target = ImportTarget(lesson_id=spot.lesson_id, index=at, clip_id=clip,
                                  language=course.language if clip else "")
            second = import_paths(project, others, target, token=token,
                                  progress=SubProgress(progress, share, 1 - share))
    added = sorted(first.added + second.added, key=lambda entry: paths.index(entry.path))
    report = ImportReport(gesture_name(paths), tuple(added), first.skipped + second.skipped,
                          first.notices + second.notices)
    return report, placed

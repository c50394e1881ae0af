"""A recorded voice-over per language: a sound file (or a sound already in the project) made
a slide's or page's narration in one language. In the course language it is the slide's
narration as :mod:`studio.media.slide_narration` attaches it; in a target language it becomes
that language's narration track, captioned with the variant's script in that language, and
the source item (its sound, duration and captions) stays as it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.language import language_name, language_tag
from studio.media.narration_plan import speaking_course
from studio.media.probe import probe
from studio.media.slide_narration import (
    ALIGNED,
    PROPORTIONAL,
    attach_narration,
    narrate,
    store_vtt,
    timed_captions,
)
from studio.model import Course, Item, NarrationTrack, SpokenSentence
from studio.narration.script import item_script
from studio.store import Project

RECORDED = "recorded"  # the origin of a track whose sound a person recorded
RECORDED_KINDS = ("slide", "page")


@dataclass(frozen=True)
class Recording:
    """What attaching a recording did: the ``item_id`` now narrated in ``language`` (BCP 47)
    by the sound ``asset_id`` lasting ``duration`` seconds, its captions asset in that
    language (None when there is no script to caption), and how they were timed
    (``slide_narration.ALIGNED`` or ``PROPORTIONAL``)."""

    item_id: str
    language: str
    asset_id: str
    duration: float
    captions_asset_id: str | None
    timing: str


def attach_recording(project: Project, item_id: str, audio: Path | None = None, *,
                     asset_id: str | None = None, language: str | None = None) -> Recording:
    """Make a recorded sound the narration of slide or page ``item_id`` in ``language``
    (default the course's): the file ``audio`` (stored as an asset) or the project's sound
    ``asset_id``, exactly one of them. One undo step.

    In the course language this is :func:`~studio.media.slide_narration.attach_narration` /
    :func:`~studio.media.slide_narration.narrate` (slides only; the slide lasts as long as
    the sound). In a target language (``settings.languages``) the item gets a "recorded"
    :class:`~studio.model.NarrationTrack` in that language: the sound, its duration, and
    captions from the variant's script in that language
    (:func:`~studio.media.narration_plan.speaking_course`, then
    :func:`~studio.narration.script.item_script`; none while nothing of it is translated)
    timed by :func:`~studio.media.slide_narration.timed_captions` (WebVTT §4), one cue a
    sentence of the track. The source item is unchanged.

    Raises NotFoundError for an unknown item or asset, InvalidEditError for a quiz or a
    clip, a page in the course language, a language that is neither the course's nor a
    target language, an invalid tag, an asset that is not sound with a duration, or both or
    neither of ``audio`` and ``asset_id``; ImportFileError for a file that does not exist or
    is not sound with a duration."""
    if (audio is None) == (asset_id is None):
        raise InvalidEditError("Give a sound file or a sound asset, not both.")
    course = project.course()
    tag = language_tag(language) if language else course.language
    item = _recordable(course, item_id, tag)
    if tag == course.language:
        return _in_course_language(project, item_id, audio, asset_id)
    if audio is not None:
        duration, info = _sound_file(Path(audio))
    else:
        duration, info = _sound_asset(course, asset_id), None
    spoken = speaking_course(course, tag).find(item_id)
    cues = timed_captions(item_script(spoken, tag, tag), duration, tag)
    title = re.sub(r"[\\/:*?\"<>|]", " ", item.title)  # the captions file's name
    with project.group(f"Record {language_name(tag)} narration “{item.title}”"):
        if audio is not None:
            sha, filename = project.store_media(Path(audio))
            asset_id = commands.add_asset(project, sha, filename, Path(audio).name, "audio",
                                          Path(audio).stat().st_size, duration, info=info)
        captions_id = store_vtt(project, cues, f"{title} captions {tag}", "captions") \
            if cues else None
        sentences = tuple(SpokenSentence(c.text, c.start, c.end) for c in cues)
        commands.apply_track(project, item_id, NarrationTrack(
            tag, RECORDED, asset_id, captions_id, round(duration, 3), sentences))
    return Recording(item_id, tag, asset_id, round(duration, 3), captions_id, PROPORTIONAL)


def _recordable(course: Course, item_id: str, language: str) -> Item:
    item = course.find(item_id)
    if item is None or not hasattr(item, "kind"):
        raise NotFoundError(f"No item with id {item_id}.")
    kind = item.kind.value
    if kind not in RECORDED_KINDS:
        raise InvalidEditError(f"“{item.title}” is a {kind}; a recorded narration goes on a "
                               "slide or a page.")
    if language != course.language and language not in course.settings.languages:
        raise InvalidEditError(f"{language} is not a language of this course: add it first "
                               f"(studio translate add DIR {language}).")
    if language == course.language and kind != "slide":
        raise InvalidEditError(f"“{item.title}” is a page; in the course language a recorded "
                               "narration goes on a slide (pages are narrated from their "
                               "text).")
    return item


def _in_course_language(project: Project, item_id: str, audio: Path | None,
                        asset_id: str | None) -> Recording:
    if audio is not None:
        asset_id = attach_narration(project, item_id, Path(audio))
    else:
        narrate(project, item_id, asset_id)
    course = project.course()
    item = course.find(item_id)
    track = item.narration.track(course.language)
    timing = ALIGNED if track is not None and track.origin == ALIGNED \
        and track.asset_id == asset_id else PROPORTIONAL
    captions = next((c.asset_id for c in item.captions if c.language == course.language),
                    None)
    return Recording(item_id, course.language, asset_id, course.assets[asset_id].duration,
                     captions, timing)


def _sound_file(path: Path) -> tuple[float, dict]:
    """The duration (s) and probe info of a sound file; ImportFileError otherwise."""
    found = probe(path)
    if found.kind != "audio" or not found.duration:
        raise ImportFileError(f"{path.name} is not an audio file with a duration.")
    return found.duration, found.info


def _sound_asset(course: Course, asset_id: str) -> float:
    asset = course.assets.get(asset_id)
    if asset is None:
        raise NotFoundError(f"No asset with id {asset_id}.")
    if asset.kind != "audio" or not asset.duration:
        raise InvalidEditError(f"{asset.original_name} is not a sound with a duration.")
    return asset.duration

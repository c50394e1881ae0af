"""Captions across languages: the cues of each clip's source-language caption track as
translatable texts, and a clip's captions in a target language rebuilt from the source track's
timings with translated cue texts (stored as WebVTT, WebVTT §4.1)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from studio import commands
from studio.language import language_name
from studio.media.captions import Cue, read_captions
from studio.media.slide_narration import store_vtt
from studio.model import CaptionTrack, Course, VideoClip
from studio.store import Project

ROLE = "translated-captions"  # asset info role of the tracks built here
# WebVTT character references a translator reads as the character; written back, the cue
# text is escaped again (WebVTT §4.2.2). &lt; and &gt; stay: as characters they could
# form a tag.
_READABLE = {"&amp;": "&", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}
_REFERENCE = re.compile("|".join(map(re.escape, _READABLE)))


def source_track(course: Course, item: VideoClip) -> CaptionTrack | None:
    """The clip's caption track in the course language: the track tagged exactly so, else
    one with the same primary subtag (``en`` for an ``en-GB`` course); None when there is
    none or its file is not in the project."""
    tracks = [track for track in item.captions if track.asset_id in course.assets]
    primary = course.language.lower().split("-")[0]
    for wanted in (lambda tag: tag.lower() == course.language.lower(),
                   lambda tag: tag.lower().split("-")[0] == primary):
        for track in tracks:
            if wanted(track.language):
                return track
    return None


def source_cues(course: Course, item: VideoClip, media_dir: Path) -> list[Cue]:
    """The cues of the clip's source-language track as stored (source timeline, seconds, in
    order of start), read with :func:`~studio.media.captions.read_captions`; [] when it has
    none. Raises ImportFileError when the stored file cannot be read."""
    track = source_track(course, item)
    if track is None:
        return []
    return read_captions(Path(media_dir) / course.assets[track.asset_id].filename,
                         track.language)


def caption_cues(project: Project, course: Course | None = None) -> dict[str, list[str]]:
    """{clip id: the texts of its source-language cues, in order}: what the segments
    ``<clip id>.caption.<n>`` translate (``n`` the cue's index in that list), markup as
    stored, ``&amp;``, ``&nbsp;``, ``&lrm;`` and ``&rlm;`` as characters. Every cue of
    the stored track counts, also those outside the clip's in/out points, so trimming a clip
    keeps the segment ids. Clips without such a track are left out. Raises ImportFileError
    when a stored caption file cannot be read."""
    course = course or project.course()
    found = {}
    for item in course.items():
        if isinstance(item, VideoClip):
            cues = source_cues(course, item, project.media_dir)
            if cues:
                found[item.id] = [_REFERENCE.sub(lambda m: _READABLE[m.group()], cue.text)
                                  for cue in cues]
    return found


def translated_cues(cues: Sequence[Cue], texts: Sequence[str]) -> list[Cue]:
    """``cues`` with their text replaced by ``texts`` (one per cue, in order); timings,
    settings and identifiers kept. Raises ValueError when the counts differ."""
    if len(cues) != len(texts):
        raise ValueError(f"{len(texts)} texts for {len(cues)} cues")
    return [Cue(cue.start, cue.end, text, cue.settings, cue.identifier)
            for cue, text in zip(cues, texts, strict=True)]


def attach_translated(project: Project, course: Course, language: str,
                      texts: Mapping[str, Sequence[str]]) -> list[str]:
    """Give each clip of ``texts`` ({clip id: one text per source cue}) a caption track in
    ``language`` built from its source track (:func:`translated_cues`), stored as a WebVTT
    captions asset and attached with :func:`studio.commands.attach_captions` (replacing a
    track built here before). A clip whose track in ``language`` came from a caption file
    (a subtitler's) keeps it. Call inside a ``project.group``: every clip is one step with
    the caller's. Returns the ids of the clips given a track. Raises ImportFileError for an
    unreadable source track, ValueError when a clip's texts do not match its cues."""
    attached = []
    for item_id, item_texts in texts.items():
        item = course.find(item_id)
        if not isinstance(item, VideoClip) or _kept(course, item, language):
            continue
        cues = translated_cues(source_cues(course, item, project.media_dir), item_texts)
        if not cues:
            continue
        asset_id = store_vtt(project, cues, f"{item.title} {language} captions", ROLE)
        commands.attach_captions(project, item_id, asset_id, language, language_name(language))
        attached.append(item_id)
    return attached


def _kept(course: Course, item: VideoClip, language: str) -> bool:
    """Whether the clip has a track in ``language`` that was not built here."""
    for track in item.captions:
        if track.language.lower() == language.lower():
            asset = course.assets.get(track.asset_id)
            return asset is not None and asset.info.get("role") != ROLE
    return False

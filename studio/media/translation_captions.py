"""Captions across languages: the cues of each clip's source-language caption track as
translatable texts, and a clip's captions in any language.

A clip's captions in a target language are derived, never stored: built when asked from the
source track as it is now (its cues and timings) and the stored translations of its cues,
so editing a translation or re-timing the source shows at once. A track the author attached
in a language (a subtitler's file) wins over the derived one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from studio.language import language_name
from studio.media.caption_markup import to_webvtt_text
from studio.media.captions import Cue, read_captions
from studio.model import CaptionTrack, Course, VideoClip
from studio.store import Project
from studio.translation.drift import states
from studio.translation.segments import CAPTION, caption_segments
from studio.translation.units import SegmentState

ROLE = "translated-captions"  # asset info role of tracks earlier versions attached on import
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
                found[item.id] = [_readable(cue.text) for cue in cues]
    return found


def translated_cues(cues: Sequence[Cue], texts: Sequence[str]) -> list[Cue]:
    """``cues`` with their text replaced by ``texts`` (one per cue, in order); timings,
    settings and identifiers kept. Raises ValueError when the counts differ."""
    if len(cues) != len(texts):
        raise ValueError(f"{len(texts)} texts for {len(cues)} cues")
    return [Cue(cue.start, cue.end, text, cue.settings, cue.identifier)
            for cue, text in zip(cues, texts, strict=True)]


def derived(course: Course, item: VideoClip, language: str) -> bool:
    """Whether the clip's captions in ``language`` are derived from its source track: the
    language is not the course's and the author attached no track in it (a subtitler's
    file wins). Tracks an earlier import attached (asset role ``translated-captions``)
    do not count as the author's. Raises nothing."""
    if language.lower() == course.language.lower():
        return False
    return not any(track.language.lower() == language.lower()
                   for track in author_tracks(course, item))


def author_tracks(course: Course, item: VideoClip) -> list[CaptionTrack]:
    """The clip's caption tracks the author attached, in their order, whose file is in the
    project: every track except those built from translations. Raises nothing."""
    return [track for track in item.captions if track.asset_id in course.assets
            and course.assets[track.asset_id].info.get("role") != ROLE]


def clip_captions(course: Course, item: VideoClip, language: str,
                  media_dir: Path) -> list[Cue]:
    """The captions of clip ``item`` in ``language`` (BCP 47 or a pseudo locale), on the
    source's timeline (seconds), cue text as WebVTT cue text (WebVTT §4.2.2): the author's
    track in that language when there is one; else, for the course language, its source
    track; else the source track's current cues and timings with each cue's text replaced
    by its translation (segment ``<clip id>.caption.<n>`` in ``course.translations[language]``,
    current or needing review, :func:`studio.translation.drift.states`); a cue without one
    keeps the source text. [] when the clip has no such track and no source track.
    ``course`` is the course as authored (its ``language`` the source), not a variant.
    Same course, same cues. Raises ImportFileError when a caption file cannot be read."""
    for track in author_tracks(course, item):
        if track.language.lower() == language.lower():
            return read_captions(Path(media_dir) / course.assets[track.asset_id].filename,
                                 track.language)
    cues = source_cues(course, item, media_dir)
    if not cues or language.lower() == course.language.lower():
        return cues
    drift = states(caption_segments(item, [_readable(cue.text) for cue in cues]),
                   course.translations.get(language, {}))
    texts = []
    for n, cue in enumerate(cues):
        state, found = drift.get(f"{item.id}.{CAPTION}.{n}", (SegmentState.NEW, None))
        texts.append(to_webvtt_text(found.text)
                     if found is not None and state is not SegmentState.NEW else cue.text)
    return translated_cues(cues, texts)


def package_captions(course: Course, item: VideoClip, languages: Sequence[str],
                     media_dir: Path) -> list[tuple[str, str, list[Cue]]]:
    """The caption tracks clip ``item`` carries in a package in ``languages``, as
    (language, label, cues on the source's timeline): the author's tracks
    (:func:`author_tracks`, in their order), then for each of ``languages`` whose captions
    are :func:`derived` and that has a source track, the derived track
    (:func:`clip_captions`, labelled with the language's name). Never a derived track of a
    language the package does not hold. ``course`` is the course as authored. Raises
    ImportFileError when a caption file cannot be read."""
    tracks = [(track.language, track.label,
               read_captions(Path(media_dir) / course.assets[track.asset_id].filename,
                             track.language))
              for track in author_tracks(course, item)]
    if source_track(course, item) is None:
        return tracks
    for language in dict.fromkeys(languages):
        if derived(course, item, language):
            tracks.append((language, language_name(language),
                           clip_captions(course, item, language, media_dir)))
    return tracks


def _readable(text: str) -> str:
    """A cue text as its segment holds it (see :func:`caption_cues`)."""
    return _REFERENCE.sub(lambda m: _READABLE[m.group()], text)

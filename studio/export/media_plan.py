"""The package's media, asked of studio.media: web renders, posters and caption tracks.

With a render preset every clip goes into the package as its web render (MP4, or WebM when
asked), named by the render's cache key (clips with the same source and cut share one file
and one render), so the clip plays from 0 and its cue points move onto the render's
timeline. With the ``original`` preset the source files are copied as they are and the
player plays the clip's range of them. Either way each caption track becomes a WebVTT file
of its own, on the same timeline as the media it goes with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from studio.errors import ExportError, MediaError, StudioError
from studio.export.package import MEDIA_FOLDER, ItemMedia, PackageFile, media_name
from studio.jobs import CancelToken, Executor, Progress, SubProgress, no_progress
from studio.media.captions import Cue, cut_to_clip, read_captions, write_vtt
from studio.media.ffmpeg import find_ffmpeg
from studio.media.ffmpeg_args import MP4, ORIGINAL, PRESET_NAMES, PRESETS, VIDEO_FORMATS
from studio.media.pipeline import RenderFailed, render_jobs
from studio.media.posters import poster
from studio.media.render import clip_job
from studio.media.translation_captions import package_captions
from studio.model import Course, Page, Slide, VideoClip
from studio.store import Project

RENDER_SHARE = 0.95  # of this job's progress: the renders (posters and captions are quick)
_LANGUAGE_CHARS = re.compile(r"[^A-Za-z0-9-]")


def check_preset(name: str) -> None:
    """ExportError unless ``name`` is one of ffmpeg_args.PRESET_NAMES."""
    if name != ORIGINAL and name not in PRESETS:
        known = ", ".join(PRESET_NAMES)
        raise ExportError(f"Unknown video preset '{name}'; choose one of: {known}.")


def check_video_format(name: str) -> None:
    """ExportError unless ``name`` is one of ffmpeg_args.VIDEO_FORMATS."""
    if name not in VIDEO_FORMATS:
        raise ExportError(f"Unknown video format '{name}'; choose one of: "
                          f"{', '.join(VIDEO_FORMATS)}.")


def prepare_media(project: Project, course: Course, preset: str, loudness: bool = False,
                  progress: Progress = no_progress, token: CancelToken | None = None, *,
                  executor: Executor | None = None, video_format: str = MP4,
                  languages: Sequence[str] = (), source: Course | None = None,
                  shared_cache: str | None = None) -> dict[str, ItemMedia]:
    """Item id -> its media, for every video clip with a source and every narrated slide or
    page (:func:`narration_media`); clips are rendered as ``video_format`` (``mp4`` or
    ``webm``).

    A clip's caption tracks are the author's plus, for each of the package's ``languages``,
    the one derived from the clip's source captions and their translations
    (:func:`studio.media.translation_captions.package_captions`, read from ``source``, the
    course as authored; default ``course``).

    Renders run on ``executor`` (default: the local pool, see :mod:`studio.media.pipeline`),
    kept in ``shared_cache`` when given (:mod:`studio.media.shared_cache`).
    Raises ExportError naming the clip or slide whose media cannot be made, or for an unknown
    preset or video format; Cancelled.
    """
    token = token or CancelToken()
    check_preset(preset)
    check_video_format(video_format)
    lessons = {lesson.id: lesson.title for lesson in course.lessons()}
    clips = [i for i in course.items() if isinstance(i, VideoClip) and i.asset_id]
    renders: dict[str, Path] = {}
    if preset != ORIGINAL:
        renders = render_clips(course, clips, lessons, project.media_dir, project.cache_dir,
                               preset, loudness, SubProgress(progress, 0, RENDER_SHARE), token,
                               executor, video_format, shared_cache)
    prepared: dict[str, ItemMedia] = {}
    for clip in clips:
        token.check()
        try:
            tracks = package_captions(source or course, clip, languages, project.media_dir)
            prepared[clip.id] = (
                _rendered_clip(project, course, clip, renders[clip.id], tracks)
                if clip.id in renders else _original_clip(project, course, clip, tracks))
        except StudioError as exc:
            raise ExportError(f"{_where(clip, lessons)} cannot be exported: {exc}") from exc
    for item in (i for i in course.items() if isinstance(i, Slide | Page)):
        media = narration_media(project, course, item)
        if media is not None:
            prepared[item.id] = media
    progress(1.0, "Media ready")
    return prepared


def render_clips(course: Course, clips: list[VideoClip], lessons: dict[str, str],
                 media_dir: Path, cache_dir: Path, preset: str, loudness: bool,
                 progress: Progress, token: CancelToken,
                 executor: Executor | None = None, video_format: str = MP4,
                 shared_cache: str | None = None) -> dict[str, Path]:
    """Item id -> web render (``video_format``) of each clip, through the render pipeline
    (one render per distinct source and cut, kept in ``shared_cache`` when given), with a
    failure named after its clip and lesson (``lessons``: lesson id -> title). Raises
    ExportError, Cancelled.
    """
    try:
        find_ffmpeg()
    except MediaError as exc:
        raise ExportError(f"The videos cannot be rendered: {exc}") from exc
    jobs = {}
    for clip in clips:
        try:
            jobs[clip.id] = clip_job(course, clip, media_dir, cache_dir, preset, loudness,
                                     video_format)
        except StudioError as exc:
            raise ExportError(f"{_where(clip, lessons)} cannot be rendered: {exc}") from exc
    try:
        return render_jobs(jobs, progress, token, executor, shared_cache)
    except RenderFailed as failed:  # ffmpeg failed, or the source is damaged
        clip = next(c for c in clips if c.id == failed.item_ids[0])
        raise ExportError(f"{_where(clip, lessons)} could not be rendered: "
                          f"{ffmpeg_message(failed.message)}") from failed


def _where(clip: VideoClip, lessons: dict[str, str]) -> str:
    return f"“{clip.title}” in lesson “{lessons[clip.lesson_id]}”"


def ffmpeg_message(text: str) -> str:
    """The last line of ffmpeg's log from a render error (which joins lines with ' / ')."""
    if text.startswith("ffmpeg could not") and " / " in text:
        return text.rsplit(" / ", 1)[1]
    return text


def _rendered_clip(project: Project, course: Course, clip: VideoClip, render: Path,
                   tracks: list[tuple[str, str, list[Cue]]]) -> ItemMedia:
    name = f"{MEDIA_FOLDER}/{render.name}"
    files = [PackageFile(name, render.stat().st_size, source=render)]
    poster_name = None
    if course.assets[clip.asset_id].kind == "video":
        image = poster(render, render.stem, project.cache_dir)
        poster_name = f"{MEDIA_FOLDER}/{clip.id}.poster.jpg"
        files.append(PackageFile(poster_name, image.stat().st_size, source=image))
    captions, caption_files = _caption_files(
        clip.id, [(language, label, write_vtt(cut_to_clip(cues, clip.in_point, clip.out_point)))
                  for language, label, cues in tracks])
    return ItemMedia(tuple(files + caption_files), name, 0.0, round(clip.duration, 6),
                     clip.in_point, poster_name, captions)


def _original_clip(project: Project, course: Course, clip: VideoClip,
                   tracks: list[tuple[str, str, list[Cue]]]) -> ItemMedia:
    asset = course.assets[clip.asset_id]
    source = project.media_dir / asset.filename
    name = media_name(asset.filename)
    captions, caption_files = _caption_files(
        clip.id, [(language, label, write_vtt(cues)) for language, label, cues in tracks])
    return ItemMedia((PackageFile(name, source.stat().st_size, source=source), *caption_files),
                     name, clip.in_point, clip.out_point, 0.0, None, captions)


def narration_media(project: Project, course: Course, item: Slide | Page) -> ItemMedia | None:
    """A slide's or page's narration (copied as it is) and its caption tracks, one WebVTT file
    per track (every narration language), all on the narration's timeline; None when it has
    neither. Each caption entry also carries its ``cues`` as ``[start s, end s, WebVTT cue
    text]`` lists (times rounded to the ms): the player's caption box builds its text track
    from them, as a package opened from a folder over file:// cannot fetch a track file.
    Raises ExportError naming the item when a caption file cannot be read."""
    files: list[PackageFile] = []
    audio_name = None
    assets = course.assets
    if item.narration_asset_id in assets:
        asset = assets[item.narration_asset_id]
        source = project.media_dir / asset.filename
        audio_name = media_name(asset.filename)
        files.append(PackageFile(audio_name, source.stat().st_size, source=source))
    try:
        tracks = _read_tracks(project, course, item.captions)
    except StudioError as exc:
        raise ExportError(f"The captions of {item.kind.value} “{item.title}” cannot be "
                          f"exported: {exc}") from exc
    entries, caption_files = _caption_files(
        item.id, [(language, label, write_vtt(cues)) for language, label, cues in tracks])
    captions = tuple({**entry, "cues": [[round(c.start, 3), round(c.end, 3), c.text]
                                        for c in cues]}
                     for entry, (_, _, cues) in zip(entries, tracks, strict=True))
    if audio_name is None and not captions:
        return None
    return ItemMedia(tuple(files + caption_files), audio_name, captions=captions)


def _read_tracks(project: Project, course: Course, tracks) -> list[tuple[str, str, list[Cue]]]:
    """(language, label, cues) of caption files kept on their own timeline."""
    assets = course.assets
    out = []
    for track in tracks:
        asset = assets.get(track.asset_id)
        if asset is not None:
            out.append((track.language, track.label,
                        read_captions(project.media_dir / asset.filename)))
    return out


def _caption_files(item_id: str, tracks: list[tuple[str, str, str]]
                   ) -> tuple[tuple[dict, ...], list[PackageFile]]:
    captions, files, used = [], [], set()
    for language, label, vtt in tracks:
        stem = f"{item_id}.{_LANGUAGE_CHARS.sub('_', language) or 'und'}"
        name, count = f"{MEDIA_FOLDER}/{stem}.vtt", 1
        while name in used:  # two tracks in one language
            count += 1
            name = f"{MEDIA_FOLDER}/{stem}-{count}.vtt"
        used.add(name)
        files.append(PackageFile.from_bytes(name, vtt.encode("utf-8")))
        captions.append({"src": name, "lang": language, "label": label or language})
    return tuple(captions), files

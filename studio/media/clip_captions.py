"""Captions of clips: importing a caption file onto a clip (stored as WebVTT), the WebVTT the
player gets, and the cues of a track as stored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.media.captions import (
    Captions,
    Cue,
    cue_timing,
    cut_to_clip,
    load_captions,
    read_captions,
    write_vtt,
)
from studio.model import CaptionTrack, Course, VideoClip
from studio.store import Project


def import_captions(project: Project, item_id: str, path: Path, language: str = "en",
                    label: str = "", encoding: str | None = None,
                    captions: Captions | None = None) -> str:
    """Attach a caption file (any format :func:`~studio.media.captions.load_captions` reads)
    to a clip as one undo step; the track is stored as UTF-8 WebVTT (WebVTT §4.1) under the
    file's own name. ``captions``: the file as already read (else it is read here, with
    ``language`` as the encoding hint and ``encoding`` overriding). Returns the asset id;
    raises ImportFileError for a file that cannot be used, before anything is written."""
    path = Path(path)
    if captions is None:
        captions = load_captions(path, language, encoding)
    vtt = write_vtt(list(captions.cues)).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="studio-vtt-") as work:
        stored = Path(work) / f"{path.stem or 'captions'}.vtt"
        stored.write_bytes(vtt)
        with project.group(f"Add captions {path.name}"):
            sha, filename = project.store_media(stored)
            asset_id = commands.add_asset(project, sha, filename, path.name, "captions",
                                          len(vtt), info={"format": "webvtt"})
            commands.attach_captions(project, item_id, asset_id, language, label)
    return asset_id


def caption_tracks_vtt(course: Course, item: VideoClip,
                       media_dir: Path) -> list[tuple[CaptionTrack, str]]:
    """Every caption track of a clip as WebVTT (WebVTT §4), cut and shifted to the clip's
    in/out points; caption files are read from ``media_dir``, tracks without an asset skipped.

    Raises ImportFileError for a caption file that cannot be read or parsed.
    """
    tracks = []
    for track, cues in _track_cues(course, item, media_dir):
        tracks.append((track, write_vtt(cut_to_clip(cues, item.in_point, item.out_point))))
    return tracks


def captions_vtt(course: Course, item: VideoClip, media_dir: Path,
                 language: str | None = None) -> str | None:
    """The clip's captions as WebVTT (the first track, or the one in ``language``); None if
    it has none. Raises as :func:`caption_tracks_vtt`."""
    for track, vtt in caption_tracks_vtt(course, item, media_dir):
        if language is None or track.language == language:
            return vtt
    return None


def stored_cues(project: Project, item_id: str, language: str | None = None
                ) -> list[tuple[CaptionTrack, list[Cue]]]:
    """The caption tracks of a clip or slide with their cues as stored (on the source's
    timeline, seconds), every track or the one in ``language``. Raises NotFoundError for an
    unknown item and InvalidEditError for an item without captions (in that language)."""
    course = project.course()
    item = course.find(item_id)
    if item is None:
        raise NotFoundError(f"There is no item {item_id}.")
    found = [(track, cues) for track, cues in _track_cues(course, item, project.media_dir)
             if language is None or track.language == language]
    if not found:
        title = getattr(item, "title", item_id)
        raise InvalidEditError(f"{title} has no {language + ' ' if language else ''}captions.")
    return found


def format_cues(cues: list[Cue]) -> str:
    """Cues as text for a person: one block a cue, its timing line (WebVTT §4.1, with cue
    settings) then its text as stored, blocks separated by a blank line."""
    return "\n\n".join(f"{cue_timing(cue)}\n{cue.text}" for cue in cues)


def _track_cues(course: Course, item, media_dir: Path) -> list[tuple[CaptionTrack, list[Cue]]]:
    out = []
    for track in getattr(item, "captions", ()):
        asset = course.assets.get(track.asset_id)
        if asset is not None:
            out.append((track, read_captions(Path(media_dir) / asset.filename, track.language)))
    return out

"""Captions of clips: importing a caption file onto a clip, and the WebVTT the player gets."""

from __future__ import annotations

from pathlib import Path

from studio import commands
from studio.media.captions import cut_to_clip, read_captions, write_vtt
from studio.model import CaptionTrack, Course, VideoClip
from studio.store import Project


def import_captions(project: Project, item_id: str, path: Path, language: str = "en",
                    label: str = "") -> str:
    """Check a .srt/.vtt file, store it and attach it to a clip, as one undo step."""
    path = Path(path)
    read_captions(path)  # refuses a bad file before anything is written
    with project.group(f"Add captions {path.name}"):
        sha, filename = project.store_media(path)
        asset_id = commands.add_asset(project, sha, filename, path.name, "captions",
                                      path.stat().st_size)
        commands.attach_captions(project, item_id, asset_id, language, label)
    return asset_id


def caption_tracks_vtt(course: Course, item: VideoClip,
                       media_dir: Path) -> list[tuple[CaptionTrack, str]]:
    """Every caption track of a clip as WebVTT (WebVTT §4), cut and shifted to the clip's
    in/out points; caption files are read from ``media_dir``, tracks without an asset skipped.

    Raises ImportFileError for a caption file that cannot be read or parsed.
    """
    tracks = []
    for track in item.captions:
        asset = course.assets.get(track.asset_id)
        if asset is None:
            continue
        cues = read_captions(Path(media_dir) / asset.filename)
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

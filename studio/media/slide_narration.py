"""Speaker notes as WebVTT: a transcript track for every slide with notes, and captions
timed to the narration when the slide has one.

English notes are aligned to the recorded narration (pocketsphinx, offline); when they are
not English, or the narration does not say them, captions follow a simple rule instead: the
notes are split into sentences (long ones again at word boundaries), and the narration's
duration is shared among them in proportion to their length in characters.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError, InvalidEditError, MediaError, NotFoundError
from studio.media.alignment import REVIEW_BELOW, AlignmentError, align
from studio.media.alignment.recording import RecordedSpeech, store_track
from studio.media.captions import Cue, write_vtt
from studio.media.probe import probe
from studio.narration.script import caption_pieces
from studio.store import Project

ALIGNED = "aligned"  # captions timed by aligning the notes to the narration
PROPORTIONAL = "proportional"  # captions timed by the length of each sentence

def timed_captions(notes: str, duration: float, language: str = "en") -> list[Cue]:
    """Cues of :func:`~studio.narration.script.caption_pieces` (sentences by the rules of
    ``language``, BCP 47) back to back over ``duration`` seconds, each lasting in proportion
    to its length (times rounded to the millisecond; WebVTT §4 cue timings); [] for empty
    notes."""
    parts = caption_pieces(notes, language=language)
    weights = [len(p) + 5 for p in parts]  # a pause between sentences counts for a little
    total = sum(weights)
    cues, start = [], 0.0
    for part, weight in zip(parts, weights, strict=True):
        end = min(duration, start + duration * weight / total)
        cues.append(Cue(round(start, 3), round(end, 3), part))
        start = end
    return cues


def transcript(notes: str, duration: float) -> list[Cue]:
    """The whole of the notes, one paragraph a line, for the whole slide."""
    text = "\n".join(line.strip() for line in notes.splitlines() if line.strip())
    return [Cue(0.0, round(duration, 3), text)] if text else []


def store_vtt(project: Project, cues: list[Cue], name: str, role: str) -> str:
    """Store a WebVTT file as a captions asset; returns its id."""
    with tempfile.TemporaryDirectory(prefix="studio-vtt-") as work:
        path = Path(work) / f"{name}.vtt"
        path.write_text(write_vtt(cues), encoding="utf-8")
        sha, filename = project.store_media(path)
        return commands.add_asset(project, sha, filename, path.name, "captions",
                                  path.stat().st_size, info={"format": "webvtt",
                                                              "role": role})


def text_tracks(project: Project, title: str, notes: str, duration: float,
                narrated: bool, language: str) -> dict:
    """The transcript and caption settings of a slide with these notes."""
    if not notes.strip():
        return {"transcript_asset_id": None, "captions": []}
    transcript_id = store_vtt(project, transcript(notes, duration), f"{title} transcript",
                              "transcript")
    captions = []
    if narrated:
        captions_id = store_vtt(project, timed_captions(notes, duration),
                                f"{title} captions", "captions")
        captions = [{"asset_id": captions_id, "language": language, "label": language}]
    return {"transcript_asset_id": transcript_id, "captions": captions}


def attach_narration(project: Project, item_id: str, audio: Path) -> str:
    """Give a slide a narration from a sound file: stored as an asset, then as
    :func:`narrate`. One undo step; returns the narration's asset id. Raises ImportFileError
    for a file that is not sound with a duration, as :func:`narrate` otherwise."""
    found = probe(Path(audio))
    if found.kind != "audio" or not found.duration:
        raise ImportFileError(f"{Path(audio).name} is not an audio file with a duration.")
    item = project.course().find(item_id)
    if item is None or item.kind.value != "slide":
        raise InvalidEditError(f"No slide with id {item_id}.")
    with project.group(f"Narrate “{item.title}”"):
        sha, filename = project.store_media(Path(audio))
        asset_id = commands.add_asset(project, sha, filename, Path(audio).name, "audio",
                                      Path(audio).stat().st_size, found.duration,
                                      info=found.info)
        narrate(project, item_id, asset_id)
    return asset_id


def narrate(project: Project, item_id: str, asset_id: str) -> str:
    """Make a sound asset of the project a slide's narration: the slide lasts as long as the
    sound (seconds), and its notes become a transcript and captions timed to it (WebVTT §4):
    by alignment when the notes are English and the narration says them (the slide then gets
    an "aligned" narration track with per-sentence confidence), else by the proportional
    rule of :func:`timed_captions`. One undo step, "Narrate “<slide title>”". Returns which
    timing the captions got, :data:`ALIGNED` or :data:`PROPORTIONAL`. Raises
    InvalidEditError for an item that is not a slide or an asset that is not sound with a
    duration, NotFoundError for an unknown asset.
    """
    course = project.course()
    item = course.find(item_id)
    if item is None or item.kind.value != "slide":
        raise InvalidEditError(f"No slide with id {item_id}.")
    asset = course.assets.get(asset_id)
    if asset is None:
        raise NotFoundError(f"No asset with id {asset_id}.")
    if asset.kind != "audio" or not asset.duration:
        raise InvalidEditError(f"{asset.original_name} is not a sound with a duration.")
    speech = RecordedSpeech(project.media_dir / asset.filename, 0.0, asset.duration, asset_id)
    aligned = _aligned(speech, item.notes, course.language)
    with project.group(f"Narrate “{item.title}”"):
        tracks = text_tracks(project, item.title, item.notes, asset.duration, aligned is None,
                             course.language)
        source = _source(project, item_id)
        if source is not None:
            source["narration"] = "attached"
        extra = {"source": source} if source is not None else {}
        commands.update_slide(project, item_id, narration_asset_id=asset_id,
                              duration=asset.duration, **tracks, **extra)
        if aligned is not None:
            store_track(project, item_id, speech, course.language, "aligned", aligned)
    return PROPORTIONAL if aligned is None else ALIGNED


def _aligned(speech: RecordedSpeech, notes: str, language: str):
    """The notes' sentences timed in the narration, or None when they cannot be aligned or
    most of them are flagged for review (the narration does not say the notes)."""
    if not notes.strip():
        return None
    try:
        found = align(speech.audio, notes, language, end=speech.end)
    except (AlignmentError, MediaError):
        return None
    trusted = sum(1 for s in found.sentences if s.confidence >= REVIEW_BELOW)
    return found.sentences if 2 * trusted >= len(found.sentences) else None


def _source(project: Project, item_id: str) -> dict | None:
    row = project.conn.execute("SELECT props FROM items WHERE id = ?", (item_id,)).fetchone()
    return json.loads(row[0]).get("source") if row else None

"""Speaker notes as WebVTT: a transcript track for every slide with notes, and captions
timed to the narration when the slide has one.

Captions are aligned by a simple rule, not by listening: the notes are split into
sentences (long ones again at word boundaries), and the narration's duration is shared
among them in proportion to their length in characters. That keeps each caption on screen
about as long as it takes to say it, without speech recognition.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError, InvalidEditError, NotFoundError
from studio.media.captions import Cue, write_vtt
from studio.media.probe import probe
from studio.store import Project

SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")
MAX_CAPTION_CHARS = 84  # two lines of a player's caption box


def sentences(notes: str) -> list[str]:
    """The notes cut into caption texts: at line breaks and sentence ends, whitespace runs
    collapsed, pieces over ``MAX_CAPTION_CHARS`` split again between words."""
    pieces: list[str] = []
    for paragraph in notes.splitlines():
        for sentence in SENTENCE_END.split(paragraph.strip()):
            pieces.extend(_chunks(" ".join(sentence.split())))
    return [p for p in pieces if p]


def _chunks(sentence: str) -> list[str]:
    chunks, current = [], ""
    for word in sentence.split(" "):
        if current and len(current) + 1 + len(word) > MAX_CAPTION_CHARS:
            chunks.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*chunks, current] if current else chunks


def timed_captions(notes: str, duration: float) -> list[Cue]:
    """Cues of :func:`sentences` back to back over ``duration`` seconds, each lasting in
    proportion to its length (times rounded to the millisecond); [] for empty notes."""
    parts = sentences(notes)
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


def narrate(project: Project, item_id: str, asset_id: str) -> None:
    """Make a sound asset of the project a slide's narration: the slide lasts as long as the
    sound (seconds), and its notes become a transcript and captions timed to it (WebVTT §4).
    One undo step, "Narrate “<slide title>”". Raises InvalidEditError for an item that is not
    a slide or an asset that is not sound with a duration, NotFoundError for an unknown asset.
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
    with project.group(f"Narrate “{item.title}”"):
        tracks = text_tracks(project, item.title, item.notes, asset.duration, True,
                             course.language)
        source = _source(project, item_id)
        if source is not None:
            source["narration"] = "attached"
        extra = {"source": source} if source is not None else {}
        commands.update_slide(project, item_id, narration_asset_id=asset_id,
                              duration=asset.duration, **tracks, **extra)


def _source(project: Project, item_id: str) -> dict | None:
    row = project.conn.execute("SELECT props FROM items WHERE id = ?", (item_id,)).fetchone()
    return json.loads(row[0]).get("source") if row else None

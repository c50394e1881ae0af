"""Captions for an item's recorded speech: a clip's own audio (within its in/out points) or a
slide's or page's recorded narration, timed by aligning the item's script (or placeholders
when there is none) and stored as the item's narration track and WebVTT captions."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.jobs import CancelToken, Progress, no_progress
from studio.language import language_tag
from studio.media.alignment import align, placeholders
from studio.media.captions import Cue, write_vtt
from studio.model import NarrationTrack, SpokenSentence, VideoClip
from studio.narration import caption_cues, item_script
from studio.store import Project

PLACEHOLDER_TEXT = "…"  # the caption text of a speech run nobody has transcribed yet


@dataclass(frozen=True)
class RecordedSpeech:
    """Where an item's speech is: the sound file, the span ``start``..``end`` seconds of it
    that plays (cue times stay on the file's timeline), and the track's ``asset_id`` (the
    recorded narration; None for a clip, whose own audio speaks)."""
    audio: Path
    start: float
    end: float
    asset_id: str | None


def recorded_speech(project: Project, item_id: str,
                    language: str | None = None) -> RecordedSpeech:
    """The recorded speech of a clip (its source within in/out) or of a slide or page with a
    narration sound: in a ``language`` other than the course's, the sound of the item's
    track in that language when it has one. Raises NotFoundError for an unknown item,
    InvalidEditError for an item with no recorded speech."""
    course = project.course()
    item = course.find(item_id)
    if item is None:
        raise NotFoundError(f"There is no item {item_id}.")
    if isinstance(item, VideoClip):
        asset = course.assets.get(item.asset_id) if item.asset_id else None
        if asset is None:
            raise InvalidEditError(f"{item.title} has no source to listen to.")
        return RecordedSpeech(project.media_dir / asset.filename, item.in_point,
                              item.out_point, None)
    asset_id = getattr(item, "narration_asset_id", None)
    own = item.narration.track(language) if language and language != course.language \
        else None
    if own is not None and own.asset_id is not None:
        asset_id = own.asset_id  # that language's recording, not the source's voice
    asset = course.assets.get(asset_id) if asset_id else None
    if asset is None or not asset.duration:
        raise InvalidEditError(f"{item.title} has no recorded narration to caption: attach "
                               "a sound first.")
    return RecordedSpeech(project.media_dir / asset.filename, 0.0, asset.duration, asset_id)


def caption_recording(project: Project, item_id: str, script: str | None = None,
                      language: str | None = None, progress: Progress = no_progress,
                      token: CancelToken | None = None, only_placeholders: bool = False,
                      keep_script: bool = False) -> NarrationTrack:
    """Caption an item's recorded speech and store the result, one undo step ("Align
    captions “<title>”"): the track (origin "aligned", or "placeholders") with its
    sentences, confidences and review flags, and its captions as WebVTT (WebVTT §4; review
    flags are kept in the track, not in the file; a placeholder's cue text is
    :data:`PLACEHOLDER_TEXT`). ``script``: the text spoken (None = the item's script in
    ``language``, :func:`studio.narration.item_script`; when the item has none, placeholders
    from silence); ``only_placeholders``: placeholders whatever the script; ``keep_script``:
    ``script`` also becomes the item's typed script in ``language``, same undo step; ``language``
    defaults to the course's. Times are seconds on the sound's timeline (a clip's source,
    like its captions). Returns the track.

    Raises InvalidEditError when the item's sound in ``language`` is its synthesised
    narration, when ``script`` is given but holds no text, when the item has no script
    and its captions are aligned ones (placeholders would replace them unasked), what
    :func:`recorded_speech` and :func:`~studio.media.alignment.align` raise, Cancelled when
    ``token`` is cancelled (nothing is stored)."""
    course = project.course()
    item = course.find(item_id)
    language = language_tag(language) if language else course.language
    speech = recorded_speech(project, item_id, language)
    spoken = item.narration.track(language)
    if spoken is not None and spoken.origin == "synthesised" \
            and spoken.asset_id == speech.asset_id:
        # aligning would swap the exact times the synthesis measured for estimates
        raise InvalidEditError(f"{item.title} is narrated by synthesis: its captions already "
                               "follow the voice exactly.")
    if script is not None and not script.strip() and not only_placeholders:
        raise InvalidEditError("The script holds no text to align; ask for placeholders for "
                               "empty caption cues.")
    if script is None:
        script = item_script(item, language, course.language)
        if not script.strip() and spoken is not None and spoken.origin == "aligned" \
                and not only_placeholders:
            raise InvalidEditError(f"{item.title} has no script to align; its aligned "
                                   "captions are kept (ask for placeholders to replace them).")
    if script.strip() and not only_placeholders:
        found = align(speech.audio, script, language, progress, token, speech.start,
                      speech.end)
        sentences, origin = found.sentences, "aligned"
    else:
        sentences, origin = tuple(placeholders(speech.audio, speech.start, speech.end)), \
            "placeholders"
    with project.group(f"Align captions “{item.title}”"):
        if keep_script and origin == "aligned":
            commands.narration.set_script(project, item_id, script, language)
        return store_track(project, item_id, speech, language, origin, sentences)


def store_track(project: Project, item_id: str, speech: RecordedSpeech, language: str,
                origin: str, sentences: tuple[SpokenSentence, ...]) -> NarrationTrack:
    """Store ``sentences`` as the item's ``language`` track of ``origin`` ("aligned" or
    "placeholders"), with a WebVTT captions asset made from them (WebVTT §4), through
    :func:`studio.commands.apply_track`; returns the track. Call inside a ``project.group``
    to make it one undo step with the caller's other edits."""
    draft = NarrationTrack(language, origin, speech.asset_id, None,
                           round(speech.end - speech.start, 3), tuple(sentences))
    # a placeholder's cue says "…": WebVTT readers drop cues without text
    cues = [Cue(start, end, text or PLACEHOLDER_TEXT)
            for start, end, text in caption_cues(draft)]
    title = re.sub(r"[\\/:*?\"<>|]", " ", project.course().find(item_id).title)
    with tempfile.TemporaryDirectory(prefix="studio-vtt-") as work:
        path = Path(work) / f"{title} captions {language}.vtt"
        path.write_text(write_vtt(cues), encoding="utf-8")
        sha, filename = project.store_media(path)
        captions_id = commands.add_asset(project, sha, filename, path.name, "captions",
                                         path.stat().st_size,
                                         info={"format": "webvtt", "role": "captions"})
    track = NarrationTrack(language, origin, speech.asset_id, captions_id, draft.duration,
                           draft.sentences)
    commands.apply_track(project, item_id, track)
    return track

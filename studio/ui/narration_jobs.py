"""The narration work the window hands to the media room: re-voicing, aligning a recording,
a sentence's sound, which items need re-voicing, the voices this machine has.

Each is one small function, so the panel, the glossary dialog and the window's actions share
one way of starting them. Re-voicing and aligning run as writing jobs (their own connection,
progress and Cancel in the status bar); listing voices and telling whether an item needs
re-voicing run on a worker (festival's listing starts a process).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from studio.errors import StudioError
from studio.media.narration_render import stale_in
from studio.model import Item, Page, Slide, VideoClip
from studio.narration import item_script
from studio.narration.glossary import word_pattern
from studio.ui.session import ProjectSession
from studio.ui.workers import Job, JobRunner

NARRATED = (Slide, Page, VideoClip)  # the kinds the narration panel serves


def narrate_items(project, item_ids: list[str], progress=None, token=None):
    """Re-voice ``item_ids`` in ``project`` (one undo step); the media room's report."""
    from studio.media.narration_render import narrate  # noqa: PLC0415

    return narrate(project, item_ids, progress=progress, token=token)


def revoice(session: ProjectSession, item_ids: list[str], name: str) -> Job:
    """Start re-voicing ``item_ids`` as a writing job called ``name``."""
    ids = list(item_ids)
    return session.start_job(name, lambda project, progress, token: narrate_items(
        project, ids, progress, token), writes=True)


def can_align() -> bool:
    """Whether this build aligns recorded speech to its script."""
    try:
        from studio.media.alignment.recording import caption_recording  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def align(session: ProjectSession, item_id: str, script: str | None, name: str) -> Job:
    """Start aligning the item's recording (a clip's own sound, a slide's recorded narration)
    to ``script`` (None: the item's own text; no text at all: placeholders at speech runs);
    the aligned track and its captions are stored as one undo step."""

    def work(project, progress, token):
        from studio.media.alignment.recording import caption_recording  # noqa: PLC0415

        return caption_recording(project, item_id, script, progress=progress, token=token)

    return session.start_job(name, work, writes=True)


class StaleCheck(QObject):
    """Whether one item needs re-voicing, worked out on a worker: planning its sentences
    may ask the engine for its voices (festival starts a process; espeak-ng waits while
    another thread synthesises). ``done(serial, stale)`` arrives on the GUI thread with the
    serial :meth:`start` returned."""

    done = Signal(int, bool)

    def __init__(self, runner: JobRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.serial = 0

    def start(self, course, item_id: str, language: str) -> int:
        """Check ``item_id`` of ``course`` (a snapshot: courses are immutable) in
        ``language``; the serial its answer will carry."""
        self.serial += 1
        self.runner.pool.start(_StaleRun(self, self.serial, course, item_id, language))
        return self.serial


class _StaleRun(QRunnable):
    def __init__(self, check: StaleCheck, serial: int, course, item_id: str, language: str):
        super().__init__()
        self.check, self.serial = check, serial
        self.course, self.item_id, self.language = course, item_id, language

    def run(self) -> None:
        try:
            found = bool(stale_in(self.course, self.language, item_ids=[self.item_id]))
        except StudioError:
            found = False  # cannot be told here: not claimed
        with contextlib.suppress(RuntimeError):  # the panel is gone
            self.check.done.emit(self.serial, found)


def sentence_sound(project, item: Item, index: int, language: str
                   ) -> tuple[Path, float | None, float | None] | None:
    """What plays for sentence ``index`` of the item's track as listed: (file, start s,
    end s) with None for the whole file. A synthesised sentence is its cached WAV (found by
    the sentence's own key, so nothing is synthesised on the window's thread); otherwise,
    or when the cache was cleared, the track's sound from the sentence's start to its end.
    None when there is nothing to play."""
    track = item.narration.track(language)
    if track is None or not 0 <= index < len(track.sentences):
        return None
    sentence = track.sentences[index]
    if sentence.key:
        from studio.media.narration_cache import NarrationCache  # noqa: PLC0415

        cache = NarrationCache(project.cache_dir)
        if cache.has(sentence.key):
            return cache.wav(sentence.key), None, None
    # a recorded track's times are on its sound's timeline (a clip's: its source's)
    asset_id = track.asset_id or (item.asset_id if isinstance(item, VideoClip) else None)
    asset = project.course().assets.get(asset_id or "")
    if asset is None:
        return None
    return project.media_dir / asset.filename, sentence.start, sentence.end


def voices_work(_progress, _token) -> list:
    """Every voice of every engine this machine has (a job function)."""
    try:
        from studio.media.voices import list_voices  # noqa: PLC0415
    except ImportError:
        return []
    return list_voices()


def engines() -> list[tuple[str, str, str | None]]:
    """(name, label, why it cannot be used or None) of every engine this build knows."""
    try:
        from studio.media.voices import ENGINES  # noqa: PLC0415
    except ImportError:
        return []
    found = []
    for name, engine in ENGINES.items():
        try:
            reason = engine.available()
        except StudioError as exc:
            reason = exc.message
        found.append((name, getattr(engine, "label", name) or name, reason))
    return found


def takes_voice_file(engine: str) -> bool:
    """Whether the engine's voice is a file the designer names (piper's ``.onnx``)."""
    try:
        from studio.media.voices import ENGINES  # noqa: PLC0415
    except ImportError:
        return False
    found = ENGINES.get(engine)
    return bool(getattr(found, "takes_voice_file", False))


def items_saying(course, word: str, items: Iterable[Item]) -> list[Item]:
    """The narrated items whose script holds ``word`` (case-insensitive, whole words)."""
    pattern = word_pattern(word.strip())
    return [item for item in items if isinstance(item, (Slide, Page))
            and pattern.search(item_script(item, course.language, course.language) or "")]

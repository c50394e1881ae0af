"""Where media goes for each gesture of the window, and the one way it gets there.

The media bin drags its assets under a private MIME type (:data:`ASSET_MIME`, the asset ids);
the timeline and the outline turn a drop of assets or of desktop files into a
:class:`MediaDrop` at a :class:`~studio.media.placing.Spot`; the bin's own commands (Add to
lesson, Add to timeline at playhead) and Import media ask :class:`MediaPlacer` for the spot
the outline's selection or the playhead gives. Either way the media room places it, as one
command (assets) or one writing job (files): one undo step per gesture.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject

from studio.errors import StudioError
from studio.media import placing
from studio.media.import_report import FileKind
from studio.media.importer import MEDIA_BIN, kind_of
from studio.media.placing import Placed, Spot
from studio.model import Item, Lesson, Slide, VideoClip
from studio.ui.imports import start_import, summary
from studio.ui.session import ProjectSession
from studio.ui.timeline import logic
from studio.ui.workers import Job

ASSET_MIME = "application/x-course-studio-assets"
ADD_KEYS = "Ctrl+Shift+Return"
IN_THE_BIN = ("Media waits in the bin: drag it onto the timeline or a lesson, or select a "
              f"lesson and press {ADD_KEYS}.")


def asset_mime(asset_ids: Sequence[str]) -> QMimeData:
    """A drag's data carrying media bin assets by id."""
    data = QMimeData()
    data.setData(ASSET_MIME, json.dumps(list(asset_ids)).encode())
    return data


def dropped_assets(data: QMimeData) -> list[str]:
    """The asset ids a drag from the media bin carries ([] for any other drag)."""
    if not data.hasFormat(ASSET_MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(ASSET_MIME)).decode())
    except ValueError:
        return []
    return [str(i) for i in ids] if isinstance(ids, list) else []


def dropped_files(data: QMimeData) -> list[Path]:
    """The local files a drag from the desktop carries."""
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def carries_media(data: QMimeData) -> bool:
    return bool(dropped_assets(data)) or any(url.isLocalFile() for url in data.urls())


@dataclass(frozen=True)
class MediaDrop:
    """Assets of the bin or files from the desktop, dropped at a spot of a lesson."""

    spot: Spot
    asset_ids: tuple[str, ...] = ()
    paths: tuple[Path, ...] = ()


def spot_at(boxes: Sequence[logic.Box], lesson_id: str, time: float) -> Spot:
    """The spot at a lesson time (seconds): between the items nearest to it, onto the item
    under it."""
    box = logic.box_at(boxes, time)
    return Spot(lesson_id, logic.drop_index(boxes, "", time), box.item_id if box else None)


def drop_kinds(session: ProjectSession, data: QMimeData) -> set[str]:
    """What a drag carries, as asset kinds ("video", "image", "audio", "captions"); files
    are guessed by their names (what they hold is known once they are read)."""
    assets = session.course().assets
    kinds = {assets[i].kind for i in dropped_assets(data) if i in assets}
    for path in dropped_files(data):
        if kind_of(path) is FileKind.CAPTIONS:
            kinds.add("captions")
        else:
            guessed = mimetypes.guess_type(path.name)[0] or ""
            kinds.add("audio" if guessed.startswith("audio/") else "video")
    return kinds


def takes(item: Item | None, kinds: set[str]) -> bool:
    """Whether a drop of these kinds lands on the item itself: sound on a slide (its
    narration), captions on a clip."""
    return (isinstance(item, Slide) and "audio" in kinds) or (
        isinstance(item, VideoClip) and "captions" in kinds)


class MediaPlacer(QObject):
    """Runs the window's media gestures: asks the outline's selection or the timeline's
    playhead where media goes, places assets as one command and imports files as one job.

    ``timeline`` is the lesson timeline (its ``lesson_id``, ``boxes`` and ``playhead``),
    set when the panels are connected.
    """

    def __init__(self, session: ProjectSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.timeline = None

    # ---- where ---------------------------------------------------------------------------
    def spot_at_playhead(self) -> Spot | None:
        """The spot under the timeline's playhead, None when it shows no lesson."""
        timeline = self.timeline
        if timeline is None or not isinstance(self.session.find(timeline.lesson_id), Lesson):
            return None
        return spot_at(timeline.boxes, timeline.lesson_id, timeline.playhead)

    def spot_after_selection(self, at_playhead: bool = False) -> Spot | None:
        """After the selected item (onto it); for a selected lesson, its end, or the playhead
        when ``at_playhead`` and the timeline shows it. None for a module or nothing."""
        node = self.session.find(self.session.selected)
        if isinstance(node, Item):
            lesson = self.session.find(node.lesson_id)
            index = [item.id for item in lesson.items].index(node.id) + 1
            return Spot(lesson.id, index, node.id)
        if isinstance(node, Lesson):
            if at_playhead and self.timeline is not None and \
                    self.timeline.lesson_id == node.id:
                return self.spot_at_playhead()
            return Spot(node.id)
        return None

    # ---- doing ---------------------------------------------------------------------------
    def add(self, asset_ids: Sequence[str], spot: Spot | None) -> Placed | Job | None:
        """Place bin assets at a spot as one command; a refusal is shown, None returned. A
        sound placed on a slide becomes its narration in a background job (its captions are
        aligned to the notes), returned as the :class:`Job`."""
        if not asset_ids:
            self.session.failed.emit("Select media in the bin first.")
            return None
        if spot is None:
            self.session.failed.emit("Select a lesson or an item in the outline to add media "
                                     "to it.")
            return None
        if self._narrates(asset_ids, spot):
            return self._narrate_job(list(asset_ids), spot)
        outcome = self.session.run(placing.place_assets, list(asset_ids), spot)
        if not outcome.ok:
            return None
        self._show(outcome.value)
        return outcome.value

    def _narrates(self, asset_ids: Sequence[str], spot: Spot) -> bool:
        # a sound on a slide is aligned to its notes, which takes seconds: not on this thread
        try:
            steps, _left = placing.plan(self.session.project.course(), list(asset_ids), spot)
        except StudioError:
            return False  # session.run below shows the refusal
        return any(step.action == "narrate" for step in steps)

    def _narrate_job(self, asset_ids: list[str], spot: Spot) -> Job:
        def work(project, progress, token):
            return placing.place_assets(project, asset_ids, spot)

        job = self.session.start_job("Narrate slide", work, writes=True)
        job.ended.connect(lambda: job.result is not None and self._show(job.result))
        return job

    def import_files(self, paths: Sequence[Path], spot: Spot | None) -> Job:
        """Import files in the background, into the bin and, given a spot, there too (one
        job, one undo step); a refusal (a caption file with no clip to go on) ends the job
        with its reason and changes nothing."""
        if spot is None:
            media = any(kind_of(path) is FileKind.MEDIA for path in paths)
            return start_import(self.session, list(paths), MEDIA_BIN,
                                then=IN_THE_BIN if media else "")

        def work(project, progress, token):
            return placing.import_and_place(project, paths, spot, progress=progress,
                                            token=token)

        job = self.session.start_job(placing.gesture_name(list(paths)), work, writes=True)

        def succeeded(result) -> None:
            report, placed = result
            text = " ".join([summary(report), *placed.left_in_bin])
            job.setProperty("summary", text)
            self.session.notice.emit(text)

        job.succeeded.connect(succeeded)
        # after the session has read what the job wrote (connected before this)
        job.ended.connect(lambda: job.result is not None and self._show(job.result[1]))
        return job

    def drop(self, drop: MediaDrop) -> Placed | Job | None:
        """Carry out a drop on the timeline or the outline."""
        if drop.paths:
            return self.import_files(drop.paths, drop.spot)
        return self.add(drop.asset_ids, drop.spot)

    def _show(self, placed: Placed) -> None:
        """Select what the gesture made, so the timeline and the inspector show it."""
        shown = (placed.item_ids[-1:] or (placed.narrated or placed.captioned,))[0]
        if shown:
            self.session.select(shown)

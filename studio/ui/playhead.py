"""The playhead and the preview, kept together.

The timeline's playhead is the one time of the window: moving it (click, scrub, J/K/L,
frame steps, Home/End) shows the item under it in the preview, a clip at the frame under it;
Play starts there; playback moves it (source time → lesson time), and a move that playback
made is not sent back to the player, so the two never chase each other. At a clip's out
point playback goes on into the next clip of the lesson when that is a video clip, and stops
otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from studio.model import Lesson
from studio.ui.preview import PreviewPane
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import Box, box_at, duration_text
from studio.ui.timeline.view import TimelineView


class PlayheadLink(QObject):
    def __init__(self, session: ProjectSession, timeline: TimelineView, preview: PreviewPane,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.timeline, self.preview = session, timeline, preview
        self.playing_box: Box | None = None  # the clip playback started in
        self._following = False  # the playhead is being moved by playback
        timeline.playhead_moved.connect(self.moved)
        timeline.play_toggled.connect(self.toggle)
        timeline.shuttle_changed.connect(lambda _rate: self.preview.video.pause())
        preview.play_requested.connect(self.toggle)
        preview.video.position_changed.connect(self._played_to)
        preview.video.reached_out.connect(self._clip_ended)
        # connected after the timeline's own slots, so the lesson is drawn when these run
        session.changed.connect(self._edited)
        session.selection_changed.connect(self._selected)
        self.show_readout()

    def _edited(self, changes) -> None:
        """After an edit of the selected lesson the preview shows what is now under the
        playhead (a trim may have moved another clip there). Changes elsewhere leave it as
        it is, a cue point's questions included."""
        self.show_readout()
        selected = self.session.selected
        if not self.preview.video.playing and isinstance(self.session.find(selected), Lesson) \
                and changes.touches_any(self.session.shown_ids(selected)):
            self.moved(self.timeline.playhead)

    def _selected(self, node_id: str) -> None:
        """A lesson (not one of its items) selected: the preview shows what the playhead is on."""
        self.show_readout()
        if isinstance(self.session.find(node_id), Lesson):
            self.moved(self.timeline.playhead)

    def show_readout(self) -> None:
        self.preview.set_readout(f"{duration_text(self.timeline.playhead)} / "
                                 f"{duration_text(self.timeline.length())}")

    def moved(self, lesson_time: float) -> None:
        self.show_readout()
        if self._following:
            return
        # a quiz or page marker shows when no clip or slide is there
        box = self.timeline.box_at_playhead() or box_at(self.timeline.boxes, lesson_time)
        video = self.preview.video
        if box is None:
            return
        if video.playing and (self.playing_box is None or box.item_id != self.playing_box.item_id):
            video.pause()
        if box.kind == "video":
            self.preview.show_playhead(box.item_id, box.source_time(lesson_time))
        else:
            self.preview.show_playhead(box.item_id)

    def toggle(self) -> None:
        """Play from the playhead, or pause."""
        video = self.preview.video
        if video.playing:
            video.pause()
            return
        box = self.timeline.clip_at_playhead()
        if box is None:
            self.session.notice.emit("Place the playhead on a video clip to play it.")
            return
        if abs(self.timeline.playhead - box.end) < 1e-6:  # at its end: play it again
            self.timeline.set_playhead(box.start)
        else:
            self.preview.show_playhead(box.item_id, box.source_time(self.timeline.playhead))
        self._play(box)

    def _play(self, box: Box) -> None:
        self.playing_box = box
        if not self.preview.video.play():
            self.session.notice.emit("This installation cannot play video (QtMultimedia "
                                     "is missing); frames still show.")

    def _follow(self, lesson_time: float) -> None:
        self._following = True
        try:
            self.timeline.set_playhead(lesson_time)
        finally:
            self._following = False

    def _played_to(self, source_time: float) -> None:
        box = self.playing_box
        if box is not None:
            self._follow(box.start + source_time - box.in_point)

    def _clip_ended(self) -> None:
        box = self.playing_box
        if box is None:
            return
        self._follow(box.end)
        boxes = self.timeline.boxes
        index = next((n for n, b in enumerate(boxes) if b.item_id == box.item_id), None)
        after = boxes[index + 1] if index is not None and index + 1 < len(boxes) else None
        if after is not None and after.kind == "video":
            self.preview.show_playhead(after.item_id, after.in_point)
            self._play(after)

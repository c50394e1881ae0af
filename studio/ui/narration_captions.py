"""Captions under the preview: for the clip with captions or the narrated slide the preview
shows, the cue at the preview's time, following the playhead while scrubbing and playing.

A clip's captions are on its source's timeline, a slide's on the slide's own; the track in
the course language is shown, else the item's first. Each captions asset is parsed once
(the file of an asset never changes: assets are content-addressed).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from studio.errors import StudioError
from studio.media.captions import Cue, read_captions
from studio.media.translation_captions import clip_captions
from studio.model import CaptionTrack, Slide, VideoClip
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import box_at

_TAGS = re.compile(r"<[^>]+>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}


def plain(text: str) -> str:
    """A WebVTT cue text without its markup (WebVTT §4.2.2 tags and character references)."""
    text = _TAGS.sub("", text)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def cue_at(cues: list[Cue], seconds: float) -> Cue | None:
    """The cue showing at ``seconds`` (the later one where two overlap)."""
    found = None
    for cue in cues:
        if cue.start > seconds:
            break
        if seconds < cue.end:
            found = cue
    return found


def caption_line(parent) -> QLabel:
    """The label the captions show in: light text on a dark band, centred, wrapping."""
    label = QLabel(parent)
    label.setAccessibleName("Captions at the playhead")
    label.setWordWrap(True)
    label.setStyleSheet("background: #111111; color: #ffffff; padding: 4px 8px;"
                        " font-size: 12pt;")
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.hide()
    return label


class CaptionFollower(QObject):
    """Keeps ``preview.caption_line`` showing the cue of what the preview shows."""

    def __init__(self, session: ProjectSession, timeline, preview, parent=None):
        super().__init__(parent or preview)
        self.session, self.timeline, self.preview = session, timeline, preview
        self.label: QLabel = preview.caption_line
        self._cues: dict[str, list[Cue]] = {}  # captions asset id -> its cues
        self._derived_key: tuple | None = None  # (course, clip id, language) of _derived
        self._derived: list[Cue] = []
        timeline.playhead_moved.connect(self.follow)
        session.changed.connect(lambda _changes: self.follow(self.timeline.playhead))
        session.selection_changed.connect(lambda _id: self.follow(self.timeline.playhead))

    def cues(self, asset_id: str) -> list[Cue]:
        """The cues of a captions asset, read once; none when it cannot be read."""
        if asset_id not in self._cues:
            asset = self.session.course().assets.get(asset_id)
            try:
                self._cues[asset_id] = read_captions(
                    self.session.project.media_dir / asset.filename) if asset else []
            except (StudioError, OSError):
                self._cues[asset_id] = []
        return self._cues[asset_id]

    def track(self, item, language: str = "") -> CaptionTrack | None:
        tracks = getattr(item, "captions", ()) or ()
        language = language or self.session.course().language
        return next((t for t in tracks if t.language == language), tracks[0] if tracks else None)

    def language(self) -> str:
        """The target language the preview shows ('' the course language)."""
        return getattr(self.preview.language_view, "language", "") or ""

    def clip_cues(self, clip: VideoClip, language: str) -> list[Cue]:
        """A clip's captions in a target language as a package carries them (built from its
        source track and the translations), built once per version of the course."""
        course = self.session.course()
        key = (id(course), clip.id, language)
        if self._derived_key != key:
            try:
                cues = clip_captions(course, clip, language, self.session.project.media_dir)
            except (StudioError, OSError):
                cues = []
            self._derived_key, self._derived = key, cues
        return self._derived

    def shown(self, lesson_time: float) -> tuple[object, float] | None:
        """What the preview shows and at which of its own times (seconds): a clip at the
        preview's source time, a slide at the playhead's time within it (its start when the
        playhead is elsewhere); None for anything else."""
        shown = self.preview.item
        item = self.session.find(shown.id) if shown is not None else None
        if isinstance(item, VideoClip):
            return item, self.preview.video.cursor
        if isinstance(item, Slide):
            box = self.timeline.box_at_playhead() or box_at(self.timeline.boxes, lesson_time)
            return item, (lesson_time - box.start
                          if box is not None and box.item_id == item.id else 0.0)
        return None

    def follow(self, lesson_time: float) -> str:
        """Show the cue of what the preview shows, at the preview's time (the playhead is
        at ``lesson_time``, seconds); returns the text shown."""
        found = self.shown(lesson_time)
        text, shown = "", False
        language = self.language()
        if found is not None and language and isinstance(found[0], VideoClip):
            cues = self.clip_cues(found[0], language)
            cue = cue_at(cues, found[1])
            text, shown = (plain(cue.text) if cue else ""), bool(cues)
        elif found is not None and language:
            _course, item = self.preview.language_view(self.session.course(), found[0])
            if (track := self.track(item, language)) is not None:
                cue = cue_at(self.cues(track.asset_id), found[1])
                text, shown = (plain(cue.text) if cue else ""), True
        elif found is not None and (track := self.track(found[0])) is not None:
            cue = cue_at(self.cues(track.asset_id), found[1])
            text, shown = (plain(cue.text) if cue else ""), True
        self.label.setText(text)
        self.label.setVisible(shown)  # kept while on a captioned item: the picture stays put
        return text

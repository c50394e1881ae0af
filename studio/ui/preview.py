"""The preview pane: a clip shows the frame under the playhead and plays from it, stopping at
its cue points to ask their questions as the learner will see them; a slide shows its picture
and text, a page its text, a quiz its questions.

Under the picture, Play and the playhead's time in the lesson. The video itself is
:class:`~studio.ui.video_pane.VideoPane`; :class:`~studio.ui.playhead.PlayheadLink` ties the
pane to the timeline's playhead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.model import Asset, CuePoint, Item, ItemKind, Page, Quiz, Slide, VideoClip
from studio.ui.frames import frame_rate
from studio.ui.media_previews import MediaPreviews
from studio.ui.narration_captions import caption_line
from studio.ui.quiz_preview import QuizPreview
from studio.ui.scrub_proxies import ScrubProxies
from studio.ui.session import Drawn, ProjectSession
from studio.ui.video_pane import VideoPane


class PreviewPane(QWidget):
    play_requested = Signal()  # the Play button: play from the playhead, or pause

    def __init__(self, session: ProjectSession, previews: MediaPreviews,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.previews = session, previews
        self.item: Item | None = None
        self.language_view = None  # (course, item) -> (course, item) shown: a translation
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: 600; font-size: 13pt;")
        self.stack = QStackedWidget(self)
        self.empty = QLabel("Select an item to preview it.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video = VideoPane(self)
        self.proxies = ScrubProxies(session, self)
        self.video.decoder.proxy_for = self.proxies.proxy_for
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.MarkdownText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        slide = QWidget(self)
        slide_layout = QVBoxLayout(slide)
        slide_layout.addWidget(self.picture, 1)
        slide_layout.addWidget(self.text)
        self.quiz_area = QScrollArea(self)
        self.quiz_area.setWidgetResizable(True)
        self.cue_area = QScrollArea(self)
        self.cue_area.setWidgetResizable(True)
        self.quiz_area.setAccessibleName("Quiz as the learner sees it")
        self.cue_area.setAccessibleName("Cue point questions")
        for page in (self.empty, self.video, slide, self.quiz_area, self.cue_area):
            self.stack.addWidget(page)
        self.play_button = QPushButton("▶ Play", self)
        self.play_button.setAccessibleName("Play from the playhead")
        self.play_button.setToolTip("Play or pause from the playhead (Space in the timeline)")
        self.play_button.clicked.connect(self.play_requested)
        self.readout = QLabel(self)
        self.readout.setAccessibleName("Playhead time in the lesson")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.readout.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addStretch(1)
        controls.addWidget(self.readout)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.caption_line = caption_line(self)  # CaptionFollower fills it at the playhead
        layout.addWidget(self.caption_line)
        layout.addLayout(controls)
        self._drawn = Drawn()
        self.builds = 0
        self.video.playing_changed.connect(
            lambda playing: self.play_button.setText("❚❚ Pause" if playing else "▶ Play"))
        self.video.cue_reached.connect(self._ask)
        session.selection_changed.connect(lambda _id: self.refresh())
        session.changed.connect(lambda changes: self._drawn.note(changes) and self.refresh())
        previews.ready.connect(self._picture_ready)

    def _picture_ready(self, asset_id: str) -> None:
        if getattr(self.item, "asset_id", None) == asset_id and isinstance(self.item, Slide):
            self._show(self.item)

    def refresh(self, force: bool = False) -> None:
        """Show the selected item again, if it changed since it was shown."""
        if self._drawn.current(self.session.selected) and not force:
            return
        self._drawn.record(self.session, self.session.selected)
        self.builds += 1
        found = self.session.find(self.session.selected)
        item = found if isinstance(found, Item) else None
        same_clip = isinstance(item, VideoClip) and self.item is not None and \
            self.item.id == item.id and self.video.path
        self._show(item, self.video.cursor if same_clip else None)

    def show_playhead(self, item_id: str, source_time: float | None = None) -> None:
        """Show the item under the playhead; a clip at ``source_time`` (source seconds)."""
        found = self.session.find(item_id)
        if not isinstance(found, Item):
            return
        if isinstance(found, VideoClip) and self.item == found \
                and self.stack.currentWidget() is self.video:
            self.video.show_frame(found.in_point if source_time is None else source_time)
        elif isinstance(found, VideoClip) or self.item is None or self.item.id != found.id:
            self._show(found, source_time)

    def _show(self, item: Item | None, source_time: float | None = None) -> None:
        self.item = item
        course = self.session.course()
        if self.language_view is not None and item is not None:
            course, item = self.language_view(course, item)
        self.title.setText(item.title if item else "Preview")
        if isinstance(item, VideoClip) and item.asset_id in course.assets:
            asset = course.assets[item.asset_id]
            self.video.load(str(self.session.path / "media" / asset.filename), item.in_point,
                            item.out_point, frame_rate(asset),
                            tuple((cue.time, cue.id) for cue in item.cue_points))
            self.proxies.want(asset)
            self.stack.setCurrentWidget(self.video)
            self.video.show_frame(item.in_point if source_time is None else source_time)
            return
        self.video.pause()
        if isinstance(item, (Slide, Page)):
            picture = self.previews.scaled(course.assets.get(getattr(item, "asset_id", "") or ""),
                                           240) if isinstance(item, Slide) else None
            self.picture.setVisible(picture is not None)
            if picture is not None:
                self.picture.setPixmap(picture)
            self.text.setText(item.text)
            self.stack.setCurrentWidget(self.picture.parentWidget())
        elif isinstance(item, Quiz):
            self.quiz_area.setWidget(QuizPreview(item, self.previews, course.assets))
            self.stack.setCurrentWidget(self.quiz_area)
        else:
            self.stack.setCurrentWidget(self.empty)

    def set_readout(self, text: str) -> None:
        self.readout.setText(text)

    def _ask(self, cue_id: str) -> None:
        """Playback stopped at a cue point: its questions as the learner meets them."""
        clip = self.item
        cue = next((c for c in getattr(clip, "cue_points", ()) if c.id == cue_id), None)
        if cue is None:
            return
        self.cue_area.setWidget(self._cue_form(clip, cue))
        self.stack.setCurrentWidget(self.cue_area)
        self.continue_button.setFocus()

    def _cue_form(self, clip: VideoClip, cue: CuePoint) -> QWidget:
        """The cue's questions as the player asks them (studio/resources player, video.js):
        in order, graded on Submit with their feedback, then Continue; Skip is offered only
        when the cue need not be answered."""
        form = QWidget()
        layout = QVBoxLayout(form)
        heading = QLabel(cue.title or "Cue point")
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        asked = tuple(q for q in clip.questions if q.cue_id == cue.id)
        self.continue_button = QPushButton("Continue" if not asked or cue.must_answer
                                           else "Skip")
        self.continue_button.setAccessibleName("Continue playing after the questions")
        self.continue_button.clicked.connect(self._go_on)
        if asked:
            check = QuizPreview(Quiz(id=cue.id, kind=ItemKind.QUIZ, title=cue.title,
                                     lesson_id=clip.lesson_id, questions=asked, pass_mark=0,
                                     shuffle=False, draw=None),
                                self.previews, self.session.course().assets)
            check.rules.hide()
            check.submit.clicked.connect(lambda: self._cue_answered(check))
            layout.addWidget(check)
            self.continue_button.setVisible(not cue.must_answer)
        else:
            layout.addWidget(QLabel("No questions at this cue point yet."))
        layout.addWidget(self.continue_button)
        layout.addStretch(1)
        return form

    def _cue_answered(self, check: QuizPreview) -> None:
        check.retry.hide()  # the player asks a cue's questions once per viewing
        check.result.hide()  # a cue has no pass mark: each question says right or wrong
        self.continue_button.setText("Continue")
        self.continue_button.show()
        self.continue_button.setFocus()

    def _go_on(self) -> None:
        self.stack.setCurrentWidget(self.video)
        self.video.play()


    def show_asset(self, asset: Asset) -> None:
        """Show a media bin asset: a video or sound from its first frame, ready to play
        whole, or a picture."""
        self._drawn.stale = True  # the next selection in the outline shows its item again
        self.item = None
        self.title.setText(asset.original_name)
        if asset.kind in ("video", "audio"):
            self.video.load(str(self.session.path / "media" / asset.filename), 0.0,
                            asset.duration or 0.0, frame_rate(asset))
            self.proxies.want(asset)
            self.stack.setCurrentWidget(self.video)
            self.video.show_frame(0.0)
            return
        self.video.pause()
        picture = self.previews.scaled(asset, 240)
        self.picture.setVisible(picture is not None)
        if picture is not None:
            self.picture.setPixmap(picture)
        self.text.setText("" if picture is not None else asset.original_name)
        self.stack.setCurrentWidget(self.picture.parentWidget())

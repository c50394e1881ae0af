"""The preview pane: a clip plays its trimmed range, a slide shows its picture and text, a page
its text, a quiz its questions as the learner will see them.

Video uses QtMultimedia (from the PySide6-Addons wheel); an installation without it shows
the clip's details and says why there is no picture, rather than failing.
"""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.model import Item, Page, Quiz, Slide, VideoClip
from studio.ui.media_previews import MediaPreviews
from studio.ui.quiz_preview import QuizPreview, question_widget  # noqa: F401
from studio.ui.session import Drawn, ProjectSession
from studio.ui.timeline.logic import timecode

HAS_MULTIMEDIA = importlib.util.find_spec("PySide6.QtMultimedia") is not None


class VideoPane(QWidget):
    """Plays one clip between its in and out points.

    The player is made when the first clip is shown (its media back end takes a while to
    start, which the window's opening should not pay), and a clip is handed to it after the
    selection that asked for it has returned; Qt's FFmpeg back end then opens and probes
    the file on its own thread, so the window does not wait for the file either.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.in_ms, self.out_ms = 0, 0
        self.player = None
        self.path = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.screen_widget = QLabel("Video playback needs QtMultimedia (PySide6-Addons)."
                                    if not HAS_MULTIMEDIA else "")
        self.screen_widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen_widget.setMinimumSize(240, 135)
        self.play_button = QPushButton("▶ Play", self)
        self.play_button.clicked.connect(self.toggle)
        self.position = QLabel(self)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        self._layout.addWidget(self.screen_widget, 1)
        self._layout.addLayout(controls)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._hand_over)

    def _make_player(self) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # noqa: PLC0415
        from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: PLC0415

        screen = QVideoWidget(self)
        screen.setMinimumSize(240, 135)
        self._layout.replaceWidget(self.screen_widget, screen)
        self.screen_widget.deleteLater()
        self.screen_widget = screen
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(screen)
        self.player.positionChanged.connect(self._keep_in_range)

    def load(self, path: str, in_point: float, out_point: float) -> None:
        self.in_ms, self.out_ms = int(in_point * 1000), int(out_point * 1000)
        self.position.setText(f"Plays {timecode(in_point, True)} – {timecode(out_point, True)}")
        self.path = path
        if HAS_MULTIMEDIA:
            self._pending.start()

    def _hand_over(self) -> None:
        if self.player is None:
            self._make_player()
        if self.player.source() != QUrl.fromLocalFile(self.path):
            self.player.setSource(QUrl.fromLocalFile(self.path))
        self.player.setPosition(self.in_ms)

    def seek(self, source_time: float) -> None:
        if self.player is not None:
            self.player.setPosition(int(source_time * 1000))

    def toggle(self) -> None:
        if self.player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: PLC0415

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
            self.play_button.setText("▶ Play")
        else:
            if not self.in_ms <= self.player.position() < self.out_ms:
                self.player.setPosition(self.in_ms)
            self.player.play()
            self.play_button.setText("❚❚ Pause")

    def stop(self) -> None:
        if self.player is not None:
            self.player.pause()
            self.play_button.setText("▶ Play")

    def _keep_in_range(self, position: int) -> None:
        if self.out_ms and position >= self.out_ms:
            self.stop()
            self.player.setPosition(self.in_ms)


class PreviewPane(QWidget):
    def __init__(self, session: ProjectSession, previews: MediaPreviews,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.previews = session, previews
        self.item: Item | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: 600; font-size: 13pt;")
        self.stack = QStackedWidget(self)
        self.empty = QLabel("Select an item to preview it.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video = VideoPane(self)
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
        for page in (self.empty, self.video, slide, self.quiz_area):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self._drawn = Drawn()
        self.builds = 0
        session.selection_changed.connect(lambda _id: self.refresh())
        session.changed.connect(lambda changes: self._drawn.note(changes) and self.refresh())
        previews.ready.connect(self._picture_ready)

    def _picture_ready(self, asset_id: str) -> None:
        if getattr(self.item, "asset_id", None) == asset_id and isinstance(self.item, Slide):
            self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Show the selected item again, if it changed since it was shown."""
        if self._drawn.current(self.session.selected) and not force:
            return
        self._drawn.record(self.session, self.session.selected)
        self.builds += 1
        course = self.session.course()
        found = self.session.find(self.session.selected)
        self.item = found if isinstance(found, Item) else None
        item = self.item
        self.title.setText(item.title if item else "Preview")
        if isinstance(item, VideoClip) and item.asset_id in course.assets:
            asset = course.assets[item.asset_id]
            self.video.load(str(self.session.path / "media" / asset.filename), item.in_point,
                            item.out_point)
            self.stack.setCurrentWidget(self.video)
        elif isinstance(item, (Slide, Page)):
            self.video.stop()
            picture = self.previews.scaled(course.assets.get(getattr(item, "asset_id", "") or ""),
                                           240) if isinstance(item, Slide) else None
            self.picture.setVisible(picture is not None)
            if picture is not None:
                self.picture.setPixmap(picture)
            self.text.setText(item.text)
            self.stack.setCurrentWidget(self.picture.parentWidget())
        elif isinstance(item, Quiz):
            self.video.stop()
            self.quiz_area.setWidget(QuizPreview(item, self.previews, course.assets))
            self.stack.setCurrentWidget(self.quiz_area)
        else:
            self.video.stop()
            self.stack.setCurrentWidget(self.empty)

    def show_source_time(self, source_time: float) -> None:
        if isinstance(self.item, VideoClip):
            self.video.seek(source_time)

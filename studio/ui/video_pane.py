"""The preview of one video clip: the frame under the playhead while editing, the clip
playing from the playhead on Play.

Frames come from :class:`~studio.ui.frames.FrameDecoder` (PyAV, off the GUI thread).
Playback uses QtMultimedia (from the PySide6-Addons wheel); the player is made when the first
clip is shown (its media back end takes a while to start, which the window's opening should
not pay), and a clip is handed to it after the selection that asked for it has returned; Qt's
FFmpeg back end then opens the file on its own thread. Without QtMultimedia the frames still
show and Play says why it cannot play.
"""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from studio.ui.frames import FrameDecoder, FrameRequest, frame_key

HAS_MULTIMEDIA = importlib.util.find_spec("PySide6.QtMultimedia") is not None
FALLBACK_SIZE = QSize(640, 360)  # frames asked for before the pane is laid out


class VideoPane(QWidget):
    position_changed = Signal(float)  # source seconds reached while playing
    reached_out = Signal()  # playback got to the clip's out point and stopped
    cue_reached = Signal(str)  # playback stopped at this cue point (its id)
    playing_changed = Signal(bool)
    frame_shown = Signal(float)  # source seconds of the frame now on screen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = ""
        self.in_point, self.out_point = 0.0, 0.0
        self.fps: float | None = None
        self.cues: tuple[tuple[float, str], ...] = ()  # (source seconds, cue id), in order
        self.cursor = 0.0  # the source time shown, or played from
        self.player = None
        self.playing = False
        self.shown_image: QImage | None = None
        self.shown_time: float | None = None
        self.frames_shown = 0
        self._shown_key: tuple | None = None
        self._start_ms: int | None = None  # a start waiting for the media to load
        self._last = 0.0  # the position playback last reported, source seconds
        self.decoder = FrameDecoder(self)
        self.decoder.ready.connect(self._frame_ready)
        self.screen = QStackedWidget(self)
        self.still = QLabel("" if HAS_MULTIMEDIA else
                            "Playback needs QtMultimedia (PySide6-Addons); frames still show.")
        self.still.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.still.setMinimumSize(240, 135)
        self.still.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.still.setStyleSheet("background: black; color: #bbbbbb;")
        self.still.setAccessibleName("Frame under the playhead")
        self.screen.addWidget(self.still)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen, 1)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._hand_over)
        self._resized = QTimer(self, singleShot=True, interval=120)
        self._resized.timeout.connect(lambda: self.path and not self.playing
                                      and self.show_frame(self.cursor))

    # ---- the clip ----------------------------------------------------------------------------
    def load(self, path: str, in_point: float, out_point: float, fps: float | None = None,
             cues: tuple[tuple[float, str], ...] = ()) -> None:
        """Take a clip: its file, the range that plays (source seconds), its frame rate and
        its cue points. The picture changes with the next :meth:`show_frame`."""
        if path != self.path:
            self.pause()
        self.path, self.in_point, self.out_point = path, in_point, out_point
        self.fps, self.cues = fps, tuple(sorted(cues))
        if HAS_MULTIMEDIA:
            self._pending.start()

    def _make_player(self) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # noqa: PLC0415
        from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: PLC0415

        self.screen_video = QVideoWidget(self)
        self.screen.addWidget(self.screen_video)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.screen_video)
        self.player.positionChanged.connect(self._played_to)
        self.player.mediaStatusChanged.connect(self._media_status)

    def _hand_over(self) -> None:
        if self.player is None:
            self._make_player()
        if self.path and self.player.source() != QUrl.fromLocalFile(self.path):
            self.player.setSource(QUrl.fromLocalFile(self.path))

    # ---- frames --------------------------------------------------------------------------------
    def show_frame(self, source_time: float) -> None:
        """Show the frame at a source time (kept inside the clip); while playing, play on
        from there instead."""
        self.cursor = min(max(source_time, self.in_point), self.out_point)
        if self.playing:
            self._seek(self.cursor)
            return
        size = self.still.size() if self.still.width() > 2 else FALLBACK_SIZE
        if not self.path:
            return
        key = frame_key(self.path, self.cursor, self.fps, size.width(), size.height())
        if key == self._shown_key and self.screen.currentWidget() is self.still:
            self.decoder.cancel()  # this frame is on screen: an older request must not land
            self.shown_time = self.cursor
            return
        self.decoder.request(self.path, self.cursor, self.fps, size.width(), size.height())

    def _frame_ready(self, request: FrameRequest, image: QImage) -> None:
        if request.serial != self.decoder.serial or request.path != self.path or self.playing:
            return  # the playhead has moved on since
        self.shown_image, self.shown_time = image, request.seconds
        self._shown_key = request.key
        self.frames_shown += 1
        self.still.setPixmap(QPixmap.fromImage(image))
        self.screen.setCurrentWidget(self.still)
        self.frame_shown.emit(request.seconds)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resized.start()

    # ---- playback ------------------------------------------------------------------------------
    def play(self) -> bool:
        """Play from the cursor (from the in point when the cursor is at the out point);
        False when this installation cannot play video."""
        if not HAS_MULTIMEDIA or not self.path:
            return False
        self._pending.stop()
        self._hand_over()
        if self.cursor >= self.out_point - (1 / self.fps if self.fps else 0.04):
            self.cursor = self.in_point
        self.decoder.cancel()
        self._last = self.cursor
        self.playing = True
        self._seek(self.cursor)
        self.player.play()
        self.screen.setCurrentWidget(self.screen_video)
        self.playing_changed.emit(True)
        return True

    def pause(self) -> None:
        """Stop playing and show the exact frame where it stopped."""
        if not self.playing:
            return
        self.playing = False
        self._start_ms = None
        self.player.pause()
        self.playing_changed.emit(False)
        self.show_frame(self.cursor)

    def _seek(self, seconds: float) -> None:
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: PLC0415

        status = self.player.mediaStatus()
        self._last = seconds
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia,
                      QMediaPlayer.MediaStatus.BufferingMedia, QMediaPlayer.MediaStatus.EndOfMedia):
            self._start_ms = None
            self.player.setPosition(round(seconds * 1000))
        else:  # a position set while the file is still opening is lost: set it once open
            self._start_ms = round(seconds * 1000)

    def _media_status(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: PLC0415

        if self._start_ms is not None and status in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                     QMediaPlayer.MediaStatus.BufferedMedia):
            self.player.setPosition(self._start_ms)
            self._start_ms = None

    def _played_to(self, position_ms: int) -> None:
        if not self.playing or self._start_ms is not None:
            return
        seconds = position_ms / 1000
        if seconds < self._last - 0.3:  # reported before the seek took effect
            return
        for at, cue_id in self.cues:
            if self._last < at <= seconds and self.in_point <= at <= self.out_point:
                self._stop_at(at)
                self.cue_reached.emit(cue_id)
                return
        if seconds >= self.out_point:
            self._stop_at(self.out_point)
            self.reached_out.emit()
            return
        self._last = self.cursor = seconds
        self.position_changed.emit(seconds)

    def _stop_at(self, seconds: float) -> None:
        self.cursor = seconds
        self.position_changed.emit(seconds)
        self.pause()

"""Plays one sentence of a narration: a cached sentence WAV whole, or a stretch of the
item's sound from the sentence's start to its end (QtMultimedia, made when first used)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

from studio.ui.video_pane import HAS_MULTIMEDIA


class SentencePlayer(QObject):
    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.player = None
        self.path: Path | None = None  # what plays now (or last played)
        self.span: tuple[float | None, float | None] = (None, None)  # seconds in the file
        self._start_ms: int | None = None

    def play(self, path: Path, start: float | None = None, end: float | None = None) -> bool:
        """Play ``path`` from ``start`` to ``end`` (seconds; None: its start / its end);
        False when this installation cannot play sound."""
        self.path, self.span = Path(path), (start, end)
        if not HAS_MULTIMEDIA:
            return False
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # noqa: PLC0415

        if self.player is None:
            self.player = QMediaPlayer(self)
            self.audio = QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
            self.player.positionChanged.connect(self._played_to)
            self.player.mediaStatusChanged.connect(self._status)
        self.player.stop()
        self._start_ms = round((start or 0.0) * 1000)
        url = QUrl.fromLocalFile(str(path))
        if self.player.source() != url:
            self.player.setSource(url)
        else:
            self.player.setPosition(self._start_ms)
            self._start_ms = None
        self.player.play()
        return True

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()

    def _status(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: PLC0415

        if self._start_ms is not None and status in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                     QMediaPlayer.MediaStatus.BufferedMedia):
            self.player.setPosition(self._start_ms)
            self._start_ms = None
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.finished.emit()

    def _played_to(self, position_ms: int) -> None:
        end = self.span[1]
        if end is not None and self._start_ms is None and position_ms / 1000 >= end:
            self.player.pause()
            self.finished.emit()

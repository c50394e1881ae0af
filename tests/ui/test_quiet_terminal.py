"""The window leaves the terminal to the person: opening a clip prints no FFmpeg dump."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from studio.ui.app import application
app = application()
player = QMediaPlayer()
loop = QEventLoop()
player.mediaStatusChanged.connect(
    lambda status: loop.quit() if status == QMediaPlayer.MediaStatus.LoadedMedia else None)
QTimer.singleShot(20000, loop.quit)
player.setSource(QUrl.fromLocalFile(sys.argv[1]))
loop.exec()
print(player.mediaStatus().name, round(player.duration() / 1000))
"""


def test_opening_a_clip_prints_no_ffmpeg_dump(media, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("QT_LOGGING_RULES", None)
    env.pop("QT_FFMPEG_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(media["plain.mp4"])], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[0] == "LoadedMedia"  # the clip was opened and read
    for dump in ("Input #0", "Metadata:", "Stream #0", "FFmpeg version"):
        assert dump not in done.stderr, done.stderr

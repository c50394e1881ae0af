"""The window's tests run offscreen, with settings kept in the test's own folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
# Qt WebEngine (the learner preview) cannot start Chromium's sandbox as root or in containers
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import imageio_ffmpeg  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from studio.media.sample import build_sample  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def qapp_cls():
    from studio.ui.app import application

    class _App:  # pytest-qt builds the app through this; ours has the theme and DPI setup
        def __new__(cls, argv):
            return application(argv)

    return _App


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield


@pytest.fixture
def artifacts(request) -> Path:
    """A folder that outlives the run, for the screenshots a test keeps:
    build/test-artifacts/TEST_NAME (or under STUDIO_TEST_ARTIFACTS)."""
    base = Path(os.environ.get("STUDIO_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
    folder = base / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "Sample.course"
    build_sample(path).close()
    return path


@pytest.fixture
def window(qtbot, sample: Path):
    from studio.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    assert win.open_project(sample), win.errors
    yield win
    win.close()


def make_clip(path: Path, seconds: float = 2.0) -> Path:
    """A real H.264 + AAC clip made by ffmpeg: a test pattern with a tone."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc=size=320x180:rate=25:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
        check=True)
    return path

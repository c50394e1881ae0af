"""Start the studio window: ``studio gui [DIR]`` calls :func:`run`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLoggingCategory, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from studio.ui import theme
from studio.ui.crash_dialog import excepthook


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up for high-DPI screens and the system's colour scheme."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    # QtMultimedia reports every optional codec library it does not find, its FFmpeg version,
    # and FFmpeg's dump of each file it opens (streams, metadata) on the terminal
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false\n"
                                    "qt.multimedia.ffmpeg.info=false\n"
                                    "qt.multimedia.ffmpeg.mediadataholder.info=false")
    # the learner preview loads Qt WebEngine later, which needs this set before the app exists
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Course Studio")
    app.setOrganizationName("CourseStudio")
    app.setApplicationDisplayName("Course Studio")
    theme.apply(app)
    return app


def run(dir: str | None) -> int:
    """Open the window (on the project in ``dir`` if given) and run until it is closed."""
    app = application()
    from studio.ui.main_window import MainWindow  # noqa: PLC0415 (after the app exists)

    sys.excepthook = excepthook  # an exception in a slot: a dialog, not a lost traceback

    window = MainWindow()
    window.show()
    if dir is not None:
        window.open_project(Path(dir))
    return app.exec()

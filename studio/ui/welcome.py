"""What the window shows with no project open: recent projects, open, new."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from studio.ui.settings import recent_projects


class WelcomePage(QWidget):
    open_requested = Signal(object)  # a Path
    new_requested = Signal()
    browse_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel("Course Studio")
        heading.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.recent = QListWidget()
        self.recent.setMaximumWidth(560)
        self.recent.itemActivated.connect(
            lambda item: self.open_requested.emit(Path(item.text())))
        new = QPushButton("New course…")
        new.clicked.connect(self.new_requested.emit)
        browse = QPushButton("Open a course…")
        browse.clicked.connect(self.browse_requested.emit)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (heading, QLabel("Recent courses"), self.recent, new, browse):
            layout.addWidget(widget)

    def showEvent(self, event) -> None:
        self.recent.clear()
        self.recent.addItems([str(p) for p in recent_projects()])
        super().showEvent(event)

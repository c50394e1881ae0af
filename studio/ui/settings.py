"""What the window remembers between runs (QSettings): its geometry and recent projects.

Publish settings are not here: they belong to the project (:mod:`studio.commands.publish`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "CourseStudio", "Course Studio")


def recent_projects() -> list[Path]:
    """The recent projects, newest first, moved or deleted ones included (the start screen
    shows those as such, until they are forgotten)."""
    value = app_settings().value("recent", [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths if p]


def remember_project(path: Path) -> None:
    path = Path(path).resolve()
    paths = [path, *[p for p in recent_projects() if p.resolve() != path]][:MAX_RECENT]
    app_settings().setValue("recent", [str(p) for p in paths])


def forget_project(path: Path) -> None:
    path = Path(path).resolve()
    app_settings().setValue("recent", [str(p) for p in recent_projects()
                                       if p.resolve() != path])

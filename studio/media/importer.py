"""The import use case: files on disk become assets and timeline items, all or nothing.

Every file is probed before anything is written, so a bad file in a batch imports nothing.
The whole batch is then one named command (one undo step).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio import commands
from studio.errors import ImportFileError, NotFoundError
from studio.jobs import CancelToken, Progress, no_progress
from studio.media.probe import ProbeResult, probe
from studio.store import Project


@dataclass(frozen=True)
class Imported:
    path: Path
    asset_id: str
    item_id: str | None  # None when the asset only went to the media bin


def import_files(
    project: Project,
    files: list[Path],
    lesson_id: str | None = None,
    new_lesson: str | None = None,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
) -> list[Imported]:
    token = token or CancelToken()
    if lesson_id and new_lesson:
        raise ImportFileError("Give either an existing lesson or a new lesson title, not both.")
    if lesson_id and project.conn.execute(
        "SELECT 1 FROM lessons WHERE id = ?", (lesson_id,)
    ).fetchone() is None:
        raise NotFoundError(f"No lesson with id {lesson_id}.")
    probed: list[tuple[Path, ProbeResult]] = []
    for index, path in enumerate(files):
        token.check()
        progress(index / (2 * len(files)), f"Reading {path.name}")
        probed.append((path, probe(path)))
    results = []
    names = ", ".join(p.name for p in files[:3]) + (" …" if len(files) > 3 else "")
    with project.group(f"Import {names}"):
        if new_lesson:
            lesson_id = commands.add_lesson(project, _last_module(project), new_lesson)
        for index, (path, found) in enumerate(probed):
            token.check()
            progress(0.5 + index / (2 * len(files)), f"Storing {path.name}")
            sha, filename = project.store_media(path)
            asset_id = commands.add_asset(
                project, sha, filename, path.name, found.kind, path.stat().st_size,
                found.duration, found.width, found.height, _asset_info(path, found),
            )
            item_id = _place_on_timeline(project, lesson_id, asset_id, path, found)
            results.append(Imported(path, asset_id, item_id))
    progress(1.0, f"Imported {len(files)} file(s)")
    return results


def _last_module(project: Project) -> str:
    row = project.conn.execute("SELECT id FROM modules ORDER BY position DESC LIMIT 1").fetchone()
    return row[0] if row else commands.add_module(project, "Module 1")


def _place_on_timeline(project: Project, lesson_id: str | None, asset_id: str, path: Path,
                       found: ProbeResult) -> str | None:
    if lesson_id is None:
        return None
    if found.kind == "image":
        return commands.add_slide(project, lesson_id, path.stem, asset_id=asset_id)
    return commands.add_video(project, lesson_id, asset_id, title=path.stem)


def _asset_info(path: Path, found: ProbeResult) -> dict:
    """What to store as the asset's info: the probe and the facts a render reads."""
    from studio.media.render import asset_info  # noqa: PLC0415 (ffmpeg tooling: on first use)

    return asset_info(path, found)

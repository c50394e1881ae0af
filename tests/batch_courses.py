"""Small course projects for the batch tests: two that use the same real clip, one whose
imported clip has gone missing from its media folder."""

from __future__ import annotations

from pathlib import Path

from media_samples import MediaSamples

from studio import commands
from studio.media.importer import import_files
from studio.store import Project


def clip_course(folder: Path, title: str, samples: MediaSamples) -> Path:
    """``folder/<title>.course``: one lesson holding the 3-second bars clip and a page."""
    path = folder / f"{title}.course"
    with Project.create(path, title) as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Lesson")
        import_files(project, [samples["plain.mp4"]], lesson_id=lesson)
        commands.add_page(project, lesson, "Notes", f"What {title} is about.")
    return path


def broken_course(folder: Path, title: str, samples: MediaSamples) -> Path:
    """A clip course whose imported clip was deleted from ``media/`` behind its back."""
    path = clip_course(folder, title, samples)
    for stored in (path / "media").iterdir():
        stored.unlink()
    return path


def three_courses(folder: Path, samples: MediaSamples) -> list[Path]:
    """Alpha and Beta (same clip) and Broken, in that order, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [clip_course(folder, "Alpha", samples), clip_course(folder, "Beta", samples),
            broken_course(folder, "Broken", samples)]


def material_folder(folder: Path, title: str, samples: MediaSamples) -> Path:
    """``folder/<title>``: raw materials by the folder convention, one module with one
    lesson holding the 3-second bars clip, its captions and a Markdown page."""
    lesson = folder / title / "Module" / "Lesson"
    lesson.mkdir(parents=True)
    clip = lesson / "01 Bars.mp4"
    clip.write_bytes(samples["plain.mp4"].read_bytes())
    (lesson / "01 Bars.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nBars and tone.\n",
                                        encoding="utf-8")
    (lesson / "02 Notes.md").write_text(f"# {title}\n\nWhat it is about.\n", encoding="utf-8")
    return folder / title

"""Export fixtures: golden-file comparison and reading one member of an exported package."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.model import Course, Quiz, Slide, VideoClip
from studio.store import Project

GOLDEN = Path(__file__).parents[1] / "golden"


def _id_names(course: Course) -> dict[str, str]:
    """Stored ids (random) -> names from the course's order (stable)."""
    names = {course.identifier.removeprefix("urn:uuid:"): "COURSE-UUID"}
    count = {"M": 0, "L": 0, "I": 0, "Q": 0, "C": 0}

    def name(stored: str, letter: str) -> None:
        count[letter] += 1
        names[stored] = f"{stored.split('_')[0]}_{letter}{count[letter]}"

    for module in course.modules:
        name(module.id, "M")
        for lesson in module.lessons:
            name(lesson.id, "L")
            for item in lesson.items:
                name(item.id, "I")
                if isinstance(item, VideoClip | Slide):
                    for cue in item.cue_points:
                        name(cue.id, "C")
                if isinstance(item, VideoClip | Quiz | Slide):
                    for question in item.questions:
                        name(question.id, "Q")
    return names


PLAYER_FILES = re.compile(r'(\s*<file href="player/[^"]+"/>)+')


def _normalised(text: str, course: Course) -> str:
    """Ids by course order; the player's own files (they change with the player) as one line."""
    names = _id_names(course)
    pattern = re.compile("|".join(re.escape(stored) for stored in names))
    text = pattern.sub(lambda m: names[m.group(0)], text)
    return PLAYER_FILES.sub(lambda m: m.group(1).split("<")[0] + '<file href="player/..."/>',
                            text)


def _export_text(project: Project, options: ExportOptions, folder: Path, member: str) -> str:
    target = folder / f"{options.format}-{options.sco_per_lesson}.zip"
    export_course(project, options, target)
    with zipfile.ZipFile(target) as archive:
        return archive.read(member).decode("utf-8")


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("STUDIO_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"




@pytest.fixture
def normalised():
    return _normalised


@pytest.fixture
def export_text():
    return _export_text


@pytest.fixture
def check_golden():
    return _check_golden

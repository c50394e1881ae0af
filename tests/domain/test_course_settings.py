"""Course settings kept in the course row's ``settings`` JSON: read by the loader, written by
``set_course``; projects whose settings were written by hand or are unreadable keep opening."""

from __future__ import annotations

import json

import pytest

from studio import commands
from studio.loader import course_settings
from studio.model import DEFAULT_RESOLUTION, CourseSettings
from studio.store import Project


@pytest.mark.parametrize(("raw", "resolution"), [
    (None, DEFAULT_RESOLUTION),
    ("{}", DEFAULT_RESOLUTION),
    ('{"resolution": "1920x1080"}', (1920, 1080)),
    ('{"resolution": [800, 600]}', (800, 600)),
    ('{"resolution": "huge"}', DEFAULT_RESOLUTION),
    ('{"resolution": "0x0"}', DEFAULT_RESOLUTION),
    ("not json", DEFAULT_RESOLUTION),
    ("[1, 2]", DEFAULT_RESOLUTION),
])
def test_the_loader_reads_stored_settings_and_defaults_what_it_cannot(raw, resolution):
    assert course_settings(raw) == CourseSettings(resolution=resolution)


def test_a_project_with_hand_written_settings_keeps_them(tmp_path):
    path = tmp_path / "Old.course"
    with Project.create(path, "Old") as project:
        project.conn.execute("UPDATE course SET settings = ? WHERE id = 1",
                             (json.dumps({"resolution": "1600x900", "theme": "dark"}),))
        project.conn.commit()
    with Project.open(path) as project:
        assert project.course().settings.resolution == (1600, 900)
        commands.set_course(project, resolution="1280x720")
        stored = json.loads(project.course_row()["settings"])
    # keys this version does not know are kept for the version that wrote them
    assert stored == {"resolution": "1280x720", "theme": "dark"}

"""A ``.part`` left in a shared render cache by a killed worker is never read, and an export
into that cache removes the old ones, but no live one. (The project's own cache is swept
when the project opens.)"""

from __future__ import annotations

import os
import time

import pytest
from cli_runner import studio
from media_samples import MediaSamples

from studio import commands
from studio.media.importer import import_files
from studio.media.shared_cache import SharedCache
from studio.project_file import STALE_WITHOUT_PROC
from studio.store import Project


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("media"))


def _part(folder, name: str, age: float):
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / name
    part.write_bytes(b"half a render")
    then = time.time() - age
    os.utime(part, (then, then))
    return part


def test_an_export_removes_old_parts_from_the_shared_cache(tmp_path, samples):
    course = tmp_path / "C.course"
    with Project.create(course, "C") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Les")
        clip = import_files(project, [samples["plain.mp4"]], lesson_id=lesson)[0]
        commands.trim(project, clip.item_id, in_point=0.5)
    shared = tmp_path / "shared"
    old = [_part(shared / "renders", "b.mp4.1234abcd.part", STALE_WITHOUT_PROC + 60),
           _part(shared / "sources", "c.mp4.1234abcd.part", STALE_WITHOUT_PROC + 60)]
    live = [_part(shared / "renders", "e.mp4.1234abcd.part", 5)]
    studio("export", course, "--format", "html", "-o", tmp_path / "c.zip", "--cache", shared)
    assert (tmp_path / "c.zip").is_file()
    assert [p for p in old if p.exists()] == []
    assert [p.name for p in live if not p.exists()] == []


def test_old_parts_go_from_a_shared_cache_at_a_url_too(tmp_path):
    cache = SharedCache(f"memory://studio-{tmp_path.name}")
    cache.fs.pipe(cache._path("renders", "a.mp4.1234abcd.part"), b"half")
    assert cache.remove_stale_parts(older_than=3600) == 0  # just written: a live writer's
    assert cache.remove_stale_parts(older_than=-1) == 1
    assert not cache.fs.exists(cache._path("renders", "a.mp4.1234abcd.part"))

"""Previews made in the background after an import: filmstrips and waveforms per asset."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from studio import commands
from studio.errors import Cancelled, NotFoundError
from studio.jobs import CancelToken
from studio.media.importer import import_files
from studio.media.previews import cached_previews, ensure_previews, preview_job
from studio.store import Project


@pytest.fixture
def project(tmp_path, media):
    project = Project.create(tmp_path / "P.course", "P")
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    imported = import_files(project, [media["long.mp4"], media["voice.wav"],
                                      media["still.png"]], lesson_id=lesson)
    yield project, [i.asset_id for i in imported]
    project.close()


def test_previews_of_every_sound_and_video_asset(project):
    project, (video, sound, still) = project
    assets = project.course().assets
    assert cached_previews(assets[video], project.cache_dir) is None
    reports = []
    made = ensure_previews(project.course(), project.media_dir, project.cache_dir, None,
                           lambda f, m="": reports.append(f))
    assert set(made) == {video, sound}  # a still picture has no filmstrip or sound
    assert made[video].filmstrip_times == (0.0, 10.0) and len(made[video].filmstrip_frames) == 2
    assert all(p.read_bytes()[:2] == b"\xff\xd8" for p in made[video].filmstrip_frames)
    assert len(made[video].peaks) == pytest.approx(12 * 50, abs=2)
    assert made[sound].filmstrip_frames == ()
    assert max(made[sound].peaks) == pytest.approx(0.125, abs=0.01)  # lavfi's sine: 1/8
    assert reports[-1] == 1.0
    assert cached_previews(assets[video], project.cache_dir) == made[video]
    assert cached_previews(assets[sound], project.cache_dir) == made[sound]


def test_a_preview_job_runs_on_any_thread_with_its_own_connection(project):
    project, (video, _, _) = project
    with ThreadPoolExecutor(2) as pool:
        result = pool.submit(preview_job(project.path, video)).result()
    assert result == cached_previews(project.course().assets[video], project.cache_dir)
    with pytest.raises(NotFoundError):
        preview_job(project.path, "no-such-asset")()


def test_a_cancelled_preview_leaves_no_cache(project):
    project, (video, _, _) = project
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        ensure_previews(project.course(), project.media_dir, project.cache_dir, [video],
                        token=token)
    assert cached_previews(project.course().assets[video], project.cache_dir) is None
    assert not list(project.cache_dir.glob("thumbs/*"))

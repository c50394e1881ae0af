"""Renders as WebM (VP9 + Opus) for web engines without H.264, asked per export; every other
export keeps its H.264/AAC MP4 renders. Real ffmpeg, on both the system's and the bundled one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import av
import imageio_ffmpeg
import pytest
from media_samples import MediaSamples

from studio import commands
from studio.errors import ExportError
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media import ffmpeg as ffmpeg_module
from studio.media.ffmpeg import encoders, find_ffmpeg
from studio.media.ffmpeg_args import WEBM_ENCODERS
from studio.media.importer import import_files
from studio.media.render import clip_job
from studio.store import Project


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def course(tmp_path: Path, samples: MediaSamples):
    project = Project.create(tmp_path / "Clip.course", "Clip course")
    lesson = commands.add_lesson(project, commands.add_module(project, "Module"), "Lesson")
    clip = import_files(project, [samples["plain.mp4"]], lesson_id=lesson)[0].item_id
    commands.trim(project, clip, 0.6, 2.6)
    yield project, clip
    project.close()


def media_members(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return sorted(n for n in archive.namelist()
                      if n.startswith("media/") and not n.endswith(".jpg"))


def codecs(path: Path) -> tuple[str, str]:
    with av.open(str(path)) as container:
        return (container.streams.video[0].codec_context.name,
                container.streams.audio[0].codec_context.name)


def test_the_default_export_keeps_mp4_and_webm_is_asked_for(course, tmp_path):
    project, _ = course
    export_course(project, ExportOptions("html"), tmp_path / "mp4.zip")
    [mp4] = media_members(tmp_path / "mp4.zip")
    assert mp4.endswith(".mp4")
    export_course(project, ExportOptions("html", video_format="webm"), tmp_path / "webm.zip")
    [webm] = media_members(tmp_path / "webm.zip")
    assert webm.endswith(".webm")
    with zipfile.ZipFile(tmp_path / "webm.zip") as archive:
        archive.extract(webm, tmp_path / "site")
        data = archive.read("course-data.js").decode("utf-8")
    assert webm in data and mp4 not in data
    assert codecs(tmp_path / "site" / webm) == ("vp9", "opus")
    with av.open(str(tmp_path / "site" / webm)) as container:
        assert container.format.name.startswith("matroska,webm")
        assert abs(float(container.duration / av.time_base) - 2.0) < 0.1


def test_webm_renders_are_cached_apart_and_reused(course, tmp_path):
    project, clip = course
    model = project.course()
    item = model.find(clip)
    ffmpeg = find_ffmpeg()
    mp4_job = clip_job(model, item, project.media_dir, project.cache_dir)
    webm_job = clip_job(model, item, project.media_dir, project.cache_dir, video_format="webm")
    assert mp4_job.key(ffmpeg) != webm_job.key(ffmpeg)
    export_course(project, ExportOptions("html", video_format="webm"), tmp_path / "a.zip")
    [render] = (project.cache_dir / "renders").glob("*.webm")
    assert render.stem == webm_job.key(ffmpeg)
    before = render.stat().st_mtime_ns
    messages: list[str] = []
    export_course(project, ExportOptions("html", video_format="webm"), tmp_path / "b.zip",
                  lambda fraction, message="": messages.append(message))
    assert render.stat().st_mtime_ns == before
    assert any("already rendered" in m for m in messages)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_an_unknown_video_format_is_refused(course, tmp_path):
    project, _ = course
    with pytest.raises(ExportError, match="Unknown video format 'ogv'"):
        export_course(project, ExportOptions("html", video_format="ogv"), tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


@pytest.mark.parametrize("choice", ["system", "bundled"])
def test_both_ffmpegs_encode_webm(course, tmp_path, monkeypatch, choice):
    binary = "/usr/bin/ffmpeg" if choice == "system" else imageio_ffmpeg.get_ffmpeg_exe()
    if not Path(binary).is_file():
        pytest.skip(f"no {choice} ffmpeg here")
    assert WEBM_ENCODERS <= encoders(binary)
    monkeypatch.setenv(ffmpeg_module.CHOICE_VARIABLE, choice)
    project, _ = course
    export_course(project, ExportOptions("html", video_format="webm"), tmp_path / "w.zip")
    [webm] = media_members(tmp_path / "w.zip")
    with zipfile.ZipFile(tmp_path / "w.zip") as archive:
        archive.extract(webm, tmp_path / "site")
    assert codecs(tmp_path / "site" / webm) == ("vp9", "opus")

"""Packages of built courses: one spec built twice (its narration voiced) exports the same
bytes in every format, and a rebuild after one source changed renders only the clip made
from it."""

from __future__ import annotations

import shutil
from dataclasses import replace

from studio.export.exporter import export_all
from studio.export.formats import available_formats
from studio.export.package import ExportOptions
from studio.export.validate import validate_package
from studio.media.build import build_course
from studio.media.cache import RenderCache
from studio.spec.model import ItemSpec
from studio.store import Project
from tests.media.build_fixtures import course_spec, materials

OPTIONS = ExportOptions(preset="480p")


def _with_outro(spec):
    """The spec with a second clip, from other bytes, at the end of the first lesson."""
    module = spec.modules[0]
    watch = module.lessons[0]
    outro = ItemSpec("video", spec.root / "outro.mp4", "video:outro.mp4", title="Outro")
    watch = replace(watch, items=(*watch.items, outro))
    return replace(spec, modules=(replace(module, lessons=(watch, *module.lessons[1:])),))


def _export(target, folder):
    with Project.open(target) as project:
        results = export_all(project, OPTIONS, folder)
        renders = set(RenderCache(project.cache_dir).keys())
    return results, renders


def _narration(target) -> list[tuple[str, str, bytes]]:
    """Each voiced item's id, narration asset id and sound bytes, in outline order."""
    with Project.open(target) as project:
        course = project.course()
        tracks = [(item.id, item.narration.track(course.language)) for item in course.items()
                  if getattr(item, "narration", None) and item.narration.track(course.language)]
        return [(item_id, track.asset_id,
                 (project.media_dir / course.assets[track.asset_id].filename).read_bytes())
                for item_id, track in tracks]


def test_one_spec_built_twice_exports_identical_packages(tmp_path, media):
    folder = materials(tmp_path / "src", media)
    shutil.copy(media["main.mp4"], folder / "outro.mp4")
    spec = _with_outro(course_spec(folder))
    for name in ("A", "B"):
        build_course(spec, tmp_path / f"{name}.course", renderer="builtin")
    spoken = [_narration(tmp_path / f"{name}.course") for name in ("A", "B")]
    assert len(spoken[0]) == 3 and spoken[0] == spoken[1]  # the picture and two deck slides
    first, renders = _export(tmp_path / "A.course", tmp_path / "out-a")
    second, _ = _export(tmp_path / "B.course", tmp_path / "out-b")

    assert [r.target.name for r in first] == [f"Bars-and-tones-{fmt}.zip"
                                              for fmt in available_formats()]
    assert len(renders) == 2  # one render per clip, shared by the five packages
    for a, b in zip(first, second, strict=True):
        assert a.target.read_bytes() == b.target.read_bytes(), a.target.name
        assert validate_package(a.target).ok, a.target.name


def test_rebuild_after_a_source_changed_renders_only_its_clip(tmp_path, media):
    folder = materials(tmp_path / "src", media)
    shutil.copy(media["main.mp4"], folder / "outro.mp4")
    spec = _with_outro(course_spec(folder, deck=False))
    target = tmp_path / "A.course"
    build_course(spec, target)
    _, before = _export(target, tmp_path / "out-1")

    shutil.copy(media["ntsc.mp4"], folder / "outro.mp4")
    assert build_course(spec, target).status == "updated"
    _, after = _export(target, tmp_path / "out-2")

    assert len(before) == 2 and len(after - before) == 1  # the outro alone rendered again
    assert before <= after  # the intro's render was found in the cache

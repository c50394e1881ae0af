"""The render pipeline: any executor, jobs as picklable data, no probing of imported sources."""

from __future__ import annotations

import json
import pickle

import pytest

from studio import commands
from studio.jobs import SubProgress
from studio.media import render as render_module
from studio.media.cache import RenderCache
from studio.media.importer import import_files
from studio.media.pipeline import RenderFailed, render_all, render_one
from studio.media.render import clip_job, render_clip


class SerialExecutor:
    """Runs jobs one after another, each unpickled first as a remote worker would get it."""

    def __init__(self):
        self.calls = []

    def map(self, fn, jobs, progress, token):
        self.calls.append((fn, list(jobs)))
        results = []
        for index, job in enumerate(jobs):
            shipped = pickle.loads(pickle.dumps((fn, job)))
            results.append(shipped[0](shipped[1], SubProgress(progress, index / len(jobs),
                                                              1 / len(jobs)), token))
        return results


def clip(project, lesson_id, path, in_point=None, out_point=None) -> str:
    item_id = import_files(project, [path], lesson_id=lesson_id)[0].item_id
    if in_point is not None or out_point is not None:
        commands.trim(project, item_id, in_point, out_point)
    return item_id


def where(project) -> tuple:
    return project.media_dir, project.cache_dir


def test_a_custom_executor_is_the_one_that_runs_the_renders(lesson, media):
    project, lesson_id = lesson
    first = clip(project, lesson_id, media["odd.mp4"], 0.0, 0.5)
    twin = commands.add_video(project, lesson_id, project.course().find(first).asset_id)
    commands.trim(project, twin, 0.0, 0.5)
    other = clip(project, lesson_id, media["plain.mp4"], 1.0, 2.0)
    executor, seen = SerialExecutor(), []
    renders = render_all(project.course(), *where(project), "480p",
                         lambda f, m="": seen.append(f), executor=executor)
    [(fn, jobs)] = executor.calls
    assert fn is render_one and len(jobs) == 2  # the twin shares its render
    assert renders[first] == renders[twin] != renders[other]
    assert all(path.is_file() for path in renders.values())
    assert seen[-1] == pytest.approx(1.0)


def test_a_failed_render_names_the_items_that_needed_it(lesson, media):
    project, lesson_id = lesson
    first = clip(project, lesson_id, media["odd.mp4"])
    twin = commands.add_video(project, lesson_id, project.course().find(first).asset_id)
    asset = project.course().assets[project.course().find(first).asset_id]
    (project.media_dir / asset.filename).write_bytes(b"\x00damaged" * 500)
    with pytest.raises(RenderFailed) as caught:
        render_all(project.course(), *where(project), "480p", executor=SerialExecutor())
    assert caught.value.item_ids == (first, twin)
    assert "Invalid data" in str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.message, again.job, again.item_ids) == (
        caught.value.message, caught.value.job, caught.value.item_ids)


def forbid_reading_sources(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the source was read again although its asset records it")

    for name in ("probe", "reorders_frames", "layout"):
        monkeypatch.setattr(render_module, name, refuse)


def test_what_a_render_needs_is_recorded_at_import_and_not_read_again(lesson, media,
                                                                      monkeypatch):
    project, lesson_id = lesson
    whole = clip(project, lesson_id, media["plain.mp4"])
    cut = clip(project, lesson_id, media["main.mp4"], 1.0, 3.0)  # B-frames, to its end
    short = clip(project, lesson_id, media["main.mp4"], 1.0, 2.0)  # B-frames, cut short
    course = project.course()
    info = course.assets[course.find(whole).asset_id].info
    assert info["layout"]["faststart"] and info["layout"]["index_bytes"] > 0
    assert info["video"]["reorders"] is False
    assert course.assets[course.find(cut).asset_id].info["video"]["reorders"] is True
    forbid_reading_sources(monkeypatch)
    cache = RenderCache(project.cache_dir)
    modes = [cache.record(render_clip(course, course.find(item), *where(project), "480p")
                          .stem)["mode"] for item in (whole, cut, short)]
    assert modes == ["file", "copy", "smart"]


def test_assets_imported_before_the_record_render_alike(lesson, media):
    project, lesson_id = lesson
    items = [clip(project, lesson_id, media["plain.mp4"]),
             clip(project, lesson_id, media["main.mp4"], 1.0, 2.0)]
    for asset in project.course().assets.values():
        old = dict(asset.info, video={k: v for k, v in asset.info["video"].items()
                                      if k != "reorders"})
        old.pop("layout")
        project.conn.execute("UPDATE assets SET info = ? WHERE id = ?",
                             (json.dumps(old), asset.id))
    course = project.course()
    assert all("layout" not in a.info for a in course.assets.values())
    cache = RenderCache(project.cache_dir)
    modes = [cache.record(render_clip(course, course.find(item), *where(project), "480p")
                          .stem)["mode"] for item in items]
    assert modes == ["file", "smart"]
    job = clip_job(course, course.find(items[0]), *where(project), "480p")
    assert pickle.loads(pickle.dumps(job)) == job


def test_the_cache_counters_say_what_a_rebuild_rendered(lesson, media):
    project, lesson_id = lesson
    first = clip(project, lesson_id, media["odd.mp4"], 0.0, 0.5)
    clip(project, lesson_id, media["plain.mp4"], 1.0, 2.0)
    before = RenderCache.counters()
    render_all(project.course(), *where(project), "480p")
    made = RenderCache.counters() - before
    assert (made.hits, made.misses, made.stored) == (0, 2, 2)
    commands.trim(project, first, 0.0, 0.4)
    before = RenderCache.counters()
    render_all(project.course(), *where(project), "480p")
    again = RenderCache.counters() - before
    assert (again.hits, again.misses, again.stored) == (1, 1, 1)
    RenderCache.reset_counters()
    assert RenderCache.counters() == type(again)()

"""Many courses in one batch: real projects, real renders, one shared render cache."""

from __future__ import annotations

import os

import pytest
from batch_courses import clip_course, material_folder, three_courses
from media_samples import MediaSamples

from studio.errors import ExportError, NotFoundError
from studio.export.batch import (
    BatchCancelled,
    build_many,
    course_folders,
    export_many,
    spec_sources,
)
from studio.export.validate import validate_package
from studio.jobs import CancelToken


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> MediaSamples:
    return MediaSamples(tmp_path_factory.mktemp("samples"))


def test_a_failing_course_does_not_stop_the_others(tmp_path, samples):
    courses = three_courses(tmp_path / "courses", samples)
    report = export_many(courses, ["html", "scorm12"], tmp_path / "out",
                         shared_cache=str(tmp_path / "cache"))
    alpha, beta, broken = report.outcomes
    assert [o.status for o in report.outcomes] == ["exported", "exported", "failed"]
    assert report.failed == (broken,)
    assert "plain.mp4" in broken.reason and "missing" in broken.reason
    assert broken.packages == () and not (tmp_path / "out" / "Broken").exists()
    for outcome in (alpha, beta):
        assert [p.name for p in outcome.packages] == [f"{outcome.source.stem}-html.zip",
                                                      f"{outcome.source.stem}-scorm12.zip"]
        for package in outcome.packages:
            assert package.parent == tmp_path / "out" / outcome.source.stem
            assert validate_package(package).ok


def test_a_clip_two_courses_share_is_rendered_once(tmp_path, samples):
    courses = three_courses(tmp_path / "courses", samples)[:2]
    report = export_many(courses, ["html"], tmp_path / "out",
                         shared_cache=str(tmp_path / "cache"))
    assert [o.renders for o in report.outcomes] == [1, 0]
    assert (report.cache.stored, report.cache.hits) == (1, 1)
    assert len(list((tmp_path / "cache" / "renders").glob("*.mp4"))) == 1
    # each project's own cache when none is shared: the clip is rendered for each
    alone = export_many(courses, ["html"], tmp_path / "out2")
    assert [o.renders for o in alone.outcomes] == [1, 1]


def test_cancel_stops_the_batch_and_says_what_was_finished(tmp_path, samples):
    courses = three_courses(tmp_path / "courses", samples)
    token = CancelToken()

    def progress(fraction: float, message: str = "") -> None:
        if message.startswith("Beta"):
            token.cancel()

    with pytest.raises(BatchCancelled) as cancelled:
        export_many(courses, ["html"], tmp_path / "out", progress, token)
    statuses = [o.status for o in cancelled.value.report.outcomes]
    assert statuses == ["exported", "cancelled", "not done"]
    assert "finished: Alpha (exported)" in str(cancelled.value)
    assert (tmp_path / "out" / "Alpha" / "Alpha-html.zip").is_file()
    assert not (tmp_path / "out" / "Beta").exists()


def test_two_courses_of_one_name_are_refused_before_any_export(tmp_path, samples):
    first = clip_course(tmp_path / "a", "Same", samples)
    second = clip_course(tmp_path / "b", "Same", samples)
    with pytest.raises(ExportError, match="Two courses are named Same"):
        export_many([first, second], ["html"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_globs_are_expanded_to_course_folders(tmp_path):
    for name in ("b.course", "a.course", "notes"):
        (tmp_path / name).mkdir()
    (tmp_path / "c.course").write_text("a file, not a project")
    pattern = os.path.join(tmp_path, "*")
    assert course_folders([pattern]) == [tmp_path / "a.course", tmp_path / "b.course"]
    # a folder named plainly and again by a glob is taken once
    assert course_folders([str(tmp_path / "b.course"), pattern]) == [
        tmp_path / "b.course", tmp_path / "a.course"]
    with pytest.raises(NotFoundError, match=r"matches no \.course folder"):
        course_folders([os.path.join(tmp_path, "*.zip")])
    with pytest.raises(NotFoundError, match=r"no such \.course folder"):
        course_folders([str(tmp_path / "gone.course")])


def test_build_many_builds_exports_and_rebuilds_unchanged(tmp_path, samples):
    specs = tmp_path / "specs"
    alpha = material_folder(specs, "Alpha", samples)
    beta = material_folder(specs, "Beta", samples)
    bad = specs / "Bad.toml"
    bad.write_text("title = \n", encoding="utf-8")
    report = build_many([alpha, beta, bad], ["html"], tmp_path / "out",
                        shared_cache=str(tmp_path / "cache"))
    assert [o.status for o in report.outcomes] == ["built", "built", "failed"]
    assert "Bad.toml" in report.outcomes[2].reason
    assert [o.renders for o in report.outcomes] == [1, 0, 0]
    assert (specs / "Alpha.course").is_dir() and (specs / "Beta.course").is_dir()
    for outcome in report.outcomes[:2]:
        assert validate_package(*outcome.packages).ok
    again = build_many(spec_sources([str(specs / "*")]), [], None)
    assert [(o.source.name, o.status, o.packages) for o in again.outcomes] == [
        ("Alpha", "unchanged", ()), ("Bad.toml", "failed", ()), ("Beta", "unchanged", ())]

"""Export a project as an LMS package: plan, course data, the format's files, one zip.

``export_course`` is a job (see :mod:`studio.jobs`): it reports progress as it copies files
and checks its cancel token between (and within) files. The package appears at the target
only when complete; a cancel or an error leaves any earlier package there untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from studio.errors import ExportError
from studio.export.formats import available_formats, get_format
from studio.export.languages import language_plan, package_file_name, variants
from studio.export.media_plan import ORIGINAL, check_preset, check_video_format, prepare_media
from studio.export.package import DATA_FILE, ExportOptions, ExportPlan, PackageFile
from studio.export.plan import build_plan
from studio.export.player_data import course_data_js
from studio.export.zipwriter import check_target, write_zip
from studio.jobs import CancelToken, Executor, Progress, SubProgress, no_progress
from studio.publish import package_name
from studio.store import Project

RENDER_SHARE = 0.9  # of an export's progress when clips are rendered: rendering dominates


@dataclass(frozen=True)
class ExportResult:
    """A written package: where it is, how many members it holds, its size in bytes."""

    target: Path
    files: int  # members in the package
    bytes: int  # size of the package file


def package_members(plan: ExportPlan) -> list[PackageFile]:
    """Every file of the package, before zipping (also useful to inspect a plan): the
    player, the media, ``course-data.js`` (and each other language's data file) and the
    format's own files. Raises ``ExportError`` when the course data cannot be written (a NaN
    or infinite number in question data)."""
    others = plan.languages.others if plan.languages else ()
    try:
        data = [PackageFile.from_bytes(name, course_data_js(p))
                for name, p in ((DATA_FILE, plan), *others)]
    except ValueError as exc:  # a NaN or infinite number in question data
        raise ExportError(f"The course data cannot be written: {exc}.") from exc
    fmt = get_format(plan.options.format)
    return [*plan.player_files, *plan.media_files, *data, *fmt.format_files(plan)]


def export_course(
    project: Project,
    options: ExportOptions,
    target: Path,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    executor: Executor | None = None,
    shared_cache: str | None = None,
) -> ExportResult:
    """Export the project's course as one package at ``target`` (a job: see the module).

    Clip renders run on ``executor`` (default: the local pool; see
    :mod:`studio.media.pipeline` for what another executor must provide) and are kept in
    ``shared_cache`` (a folder or fsspec URL, :mod:`studio.media.shared_cache`) when given,
    else in the project's cache.

    Reads the course through the model only (``project.course()``); media are prepared by
    studio.media (renders, posters, WebVTT captions), for each language of
    ``options.languages`` from its variant (:mod:`studio.export.languages`); a clip carries
    its author's caption tracks and one derived track for each language of the package. Raises
    ``ExportError`` for an unknown format, preset or video format, a language the course is
    not translated into, an unwritable target, a course that cannot be packaged or a failed
    render, and ``Cancelled`` when ``token`` is cancelled; the target is then untouched.
    """
    token = token or CancelToken()
    target = Path(target)
    fmt = get_format(options.format)
    check_target(target)
    check_preset(options.preset)
    check_video_format(options.video_format)
    progress(0.0, "Planning the package")
    course = project.course()
    languages = variants(course, options.languages) if options.languages else ()
    courses = [v.course for v in languages] or [course]
    # planned from the sources first: refuses a course with a missing file before rendering
    for each in courses:
        build_plan(each, project.media_dir, options, fmt.tracking)
    media_share = 0.02 if options.preset == ORIGINAL else RENDER_SHARE
    step = (media_share - 0.01) / len(courses)
    tags = tuple(v.tag for v in languages) or (course.language,)
    plans = []
    for k, each in enumerate(courses):  # renders are cached: languages share their clips
        item_media = prepare_media(project, each, options.preset, options.loudness,
                                   SubProgress(progress, 0.01 + k * step, step), token,
                                   executor=executor, video_format=options.video_format,
                                   languages=tags, source=course, shared_cache=shared_cache)
        plans.append(build_plan(each, project.media_dir, options, fmt.tracking,
                                item_media=item_media))
    plan = language_plan(list(zip(languages, plans, strict=True))) if languages else plans[0]
    members = package_members(plan)
    token.check()
    size = write_zip(members, target, SubProgress(progress, media_share, 1 - media_share),
                     token)
    return ExportResult(target=target, files=len(members), bytes=size)


def export_all(
    project: Project,
    options: ExportOptions,
    folder: Path,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    executor: Executor | None = None,
    shared_cache: str | None = None,
    formats: Sequence[str] | None = None,
) -> list[ExportResult]:
    """Export the course in every registered format (``options.format`` is ignored), or
    in each of ``formats``, into ``folder``, one package each named
    ``<package name>-<format>.zip`` (the title's words, :func:`studio.publish.package_name`;
    a one-language package with its tag), in the order of
    :func:`~studio.export.formats.available_formats` or of ``formats`` (a job).

    Every package is written as :func:`export_course` writes one, so each appears whole or
    not at all; clips are rendered once, the later formats finding them in the render
    cache (``shared_cache`` when given; renders run on ``executor``, as export_course
    says). Raises what :func:`export_course` raises (``Cancelled`` leaves the packages
    already written and no part of the next); ``ExportError`` when ``folder`` cannot be
    made.
    """
    token = token or CancelToken()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder} cannot be made: {exc.strerror or exc}.") from exc
    formats = list(formats or available_formats())
    title = project.course().title
    results = []
    for number, fmt in enumerate(formats):
        token.check()
        target = folder / package_file_name(package_name(title, fmt), options.languages)
        results.append(export_course(
            project, replace(options, format=fmt), target,
            SubProgress(progress, number / len(formats), 1 / len(formats)), token,
            executor=executor, shared_cache=shared_cache))
    return results

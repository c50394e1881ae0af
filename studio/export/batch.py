"""Many courses in one run: export (or build, then export) each in turn, sharing one
executor and one render cache, under one progress view.

    export_many(courses, formats, out_dir, progress, token, executor=, shared_cache=)
    build_many(specs, formats, out_dir, progress, token, executor=, shared_cache=)
    -> BatchReport

Renders are keyed by their content (source hash, cut, preset, ffmpeg), so with one shared
cache for the whole batch a clip that two courses use is rendered once. A course that fails
(a missing media file, a bad spec, a failed render) is reported with its reason and the
batch goes on; a cancel stops the whole batch and raises :class:`BatchCancelled`, which
carries the report of what was finished. Packages land as
``out_dir/<course name>/<package name>`` (:func:`studio.publish.package_name`), each written
whole or not at all.
"""

from __future__ import annotations

import glob
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from studio.crash import report_crash
from studio.errors import Cancelled, ExportError, NotFoundError, StudioError
from studio.export.formats import ALL_FORMATS, available_formats, get_format
from studio.jobs import CancelToken, Executor, LocalPool, Progress, SubProgress, no_progress
from studio.media.cache import CacheCounters, RenderCache

COURSE_SUFFIX = ".course"


@dataclass(frozen=True)
class CourseOutcome:
    """What the batch did with one course: ``source`` as given (a ``.course`` folder, a spec
    file or a folder of raw materials), ``status`` (``built``, ``updated``, ``unchanged``
    or ``exported``; ``failed``; ``cancelled`` while under way, ``not done`` after it), the
    ``packages`` written, the wall time in ``seconds``, ``renders`` made for it (renders
    found in the shared cache are not counted), on failure the one-line ``reason``, and a
    build's ``notes`` and ``conflicts`` (one line each, as
    :class:`studio.media.build.BuildReport` has them)."""

    source: Path
    status: str
    packages: tuple[Path, ...] = ()
    seconds: float = 0.0
    renders: int = 0
    reason: str = ""
    notes: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchReport:
    """Every course's outcome in the order given, and the render cache's counters for the
    whole batch (lookups that hit, missed, and renders stored)."""

    outcomes: tuple[CourseOutcome, ...]
    cache: CacheCounters = CacheCounters()

    @property
    def failed(self) -> tuple[CourseOutcome, ...]:
        """The outcomes whose course failed."""
        return tuple(o for o in self.outcomes if o.status == "failed")


class BatchCancelled(Cancelled):
    """The batch was cancelled: ``report`` holds what was finished (the course under way is
    ``cancelled``, those after it ``not done``); the message says which were finished."""

    def __init__(self, report: BatchReport):
        finished = [f"{course_name(o.source)} ({o.status})" for o in report.outcomes
                    if o.status not in ("cancelled", "not done")]
        done = f"finished: {', '.join(finished)}" if finished else "no course was finished"
        super().__init__(f"cancelled; {done}. Packages already written are complete.")
        self.report = report


def course_name(source: Path) -> str:
    """A course's name in the summary and the output folder: the file or folder name
    without a ``.course``, ``.toml``, ``.yaml`` or ``.yml`` suffix."""
    name = Path(source).name
    for suffix in (COURSE_SUFFIX, ".toml", ".yaml", ".yml"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return name


def course_folders(patterns: Sequence[str]) -> list[Path]:
    """The ``.course`` folders the patterns name, in order, without repeats.

    A pattern is a folder path or a glob (``*``, ``?``, ``[...]``; ``**`` reaches into
    subfolders), expanded here as well as by the shell, for shells that pass it quoted;
    a glob keeps only the ``.course`` folders it matches. Raises NotFoundError for a pattern
    that names no course folder.
    """
    return _expand(patterns, lambda p: p.is_dir() and p.suffix == COURSE_SUFFIX,
                   f"{COURSE_SUFFIX} folder")


def spec_sources(patterns: Sequence[str]) -> list[Path]:
    """The build specs the patterns name, in order, without repeats: spec files (TOML,
    YAML) and folders of raw materials, as :func:`course_folders` expands them; a glob
    skips ``.course`` folders (the projects built beside their specs). Raises
    NotFoundError for a pattern that names no spec."""
    from studio.spec.reader import SPEC_SUFFIXES

    return _expand(patterns, lambda p: p.suffix.lower() in SPEC_SUFFIXES and p.is_file()
                   or p.is_dir() and p.suffix != COURSE_SUFFIX, "spec file or folder")


def _expand(patterns: Sequence[str], wanted: Callable[[Path], bool], what: str) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]
            paths = [p for p in matches if wanted(p)]
            if not paths:
                raise NotFoundError(f"{pattern} matches no {what}.")
        elif wanted(Path(pattern)):
            paths = [Path(pattern)]
        else:
            raise NotFoundError(f"{pattern}: no such {what}.")
        found.update(dict.fromkeys(paths))
    return list(found)


def chosen_formats(name: str) -> list[str]:
    """The format names ``name`` stands for: every registered format for ``all``, else
    ``name`` itself; ExportError for an unknown format."""
    if name == ALL_FORMATS:
        return available_formats()
    get_format(name)
    return [name]


def export_many(courses: Sequence[Path], formats: Sequence[str], out_dir: Path,
                progress: Progress = no_progress, token: CancelToken | None = None, *,
                executor: Executor | None = None, shared_cache: str | None = None,
                preset: str | None = None) -> BatchReport:
    """Export each ``.course`` folder of ``courses`` as a package of each of ``formats``
    into ``out_dir/<course name>/`` (a job: see the module).

    Options not given come from each project's publish settings; ``preset`` None: the
    default render preset. Renders run on ``executor`` (default: one local pool for the
    whole batch) and are kept in ``shared_cache`` (a folder or an fsspec URL,
    :mod:`studio.media.shared_cache`; default: each project's own cache). Raises
    ExportError before anything is written when two courses have the same name or a format
    is unknown; BatchCancelled when ``token`` is cancelled.
    """
    for fmt in formats:
        get_format(fmt)
    shared = _Shared(executor or LocalPool(), shared_cache, preset)
    return _run(courses, progress, token or CancelToken(), out_dir,
                lambda source, bar, tok: CourseOutcome(
                    source, "exported", _export(source, formats, out_dir, shared, bar, tok)))


def build_many(specs: Sequence[Path], formats: Sequence[str], out_dir: Path | None,
               progress: Progress = no_progress, token: CancelToken | None = None, *,
               executor: Executor | None = None, shared_cache: str | None = None,
               preset: str | None = None) -> BatchReport:
    """Build (or rebuild) the project of each spec of ``specs`` (a spec file or a folder of
    raw materials) beside it, then, when ``formats`` is not empty, export it as
    :func:`export_many` does (a job: see the module).

    The status is the build's (``built``, ``updated``, ``unchanged``); a course whose
    build or export fails is ``failed`` with the reason. Raises ExportError before anything
    is written when two specs have the same name or a format is unknown; BatchCancelled.
    """
    from studio.media.build import build_course, default_target
    from studio.spec.folder import infer
    from studio.spec.reader import read_spec

    for fmt in formats:
        get_format(fmt)
    shared = _Shared(executor or LocalPool(), shared_cache, preset)

    def one(source: Path, bar: Progress, tok: CancelToken):
        share = 0.3 if formats else 1.0
        if source.is_dir():
            inferred = infer(source)
            spec, notes = inferred.spec, inferred.notes
        else:
            spec, notes = read_spec(source), ()
        built = build_course(spec, default_target(source), SubProgress(bar, 0, share), tok,
                             notes=notes)
        packages: tuple[Path, ...] = ()
        if formats:
            packages = _export(built.target, formats, out_dir, shared,
                               SubProgress(bar, share, 1 - share), tok)
        return CourseOutcome(source, built.status, packages, notes=built.notes,
                             conflicts=built.conflicts)

    return _run(specs, progress, token or CancelToken(), out_dir, one)


@dataclass(frozen=True)
class _Shared:
    executor: Executor
    cache: str | None
    preset: str | None


def _labelled(progress: Progress, label: str) -> Progress:
    return lambda fraction, message="": progress(fraction, f"{label}: {message}" if message
                                                 else label)


def _run(sources: Sequence[Path], progress: Progress, token: CancelToken,
         out_dir: Path | None, one: Callable) -> BatchReport:
    names = [course_name(s) for s in sources]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice and out_dir is not None:
        raise ExportError(f"Two courses are named {twice[0]}; their packages would land in "
                          "the same folder. Rename one.")
    start_counts = RenderCache.counters()
    outcomes: list[CourseOutcome] = []
    total = len(sources)
    for index, source in enumerate(sources):
        label = f"{names[index]} ({index + 1}/{total})"

        bar = SubProgress(_labelled(progress, label), index / total, 1 / total)

        bar(0.0)
        began, counted = time.monotonic(), RenderCache.counters()
        try:
            token.check()
            outcome = one(Path(source), bar, token)
        except Cancelled:
            outcomes.append(CourseOutcome(Path(source), "cancelled",
                                          seconds=time.monotonic() - began))
            outcomes += [CourseOutcome(Path(s), "not done") for s in sources[index + 1:]]
            raise BatchCancelled(BatchReport(tuple(outcomes),
                                             RenderCache.counters() - start_counts)) from None
        except (StudioError, OSError) as exc:  # OSError: the output folder cannot be made
            reason = exc.message if isinstance(exc, StudioError) else str(exc)
            outcome = CourseOutcome(Path(source), "failed", reason=reason.split("\n")[0])
        except Exception as exc:  # a bug met by one course need not stop the others
            crash = report_crash(exc, f"working on {source}")
            outcome = CourseOutcome(Path(source), "failed",
                                    reason=crash.message.removeprefix("studio: "))
        outcomes.append(replace(outcome, seconds=time.monotonic() - began,
                                renders=(RenderCache.counters() - counted).stored))
    progress(1.0, f"{total} courses done")
    return BatchReport(tuple(outcomes), RenderCache.counters() - start_counts)


def _export(course: Path, formats: Sequence[str], out_dir: Path, shared: _Shared,
            progress: Progress, token: CancelToken) -> tuple[Path, ...]:
    from studio.commands.publish import publish_settings
    from studio.export.exporter import export_all
    from studio.export.package import ExportOptions
    from studio.store import Project

    folder = Path(out_dir) / course_name(course)
    made = not folder.exists()
    try:
        with Project.open(course) as project:
            # as `export --format all`: the publish settings' layout, no LMS profile
            options = ExportOptions.published(
                replace(publish_settings(project), lms=""),
                **({"preset": shared.preset} if shared.preset else {}))
            results = export_all(project, options, folder, progress, token,
                                 executor=shared.executor, shared_cache=shared.cache,
                                 formats=formats)
    except BaseException:
        if made:  # a course not finished leaves no folder of some of its packages
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return tuple(r.target for r in results)

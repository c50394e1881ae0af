"""`studio a11y`: an accessibility conformance report of a course project or a package.

:func:`check_accessibility` is a job (progress + cancel token). For a project it gathers the
author-side findings of the course model (:mod:`studio.a11y.author`), the findings of its
rendered media (:mod:`studio.media.a11y_media`), exports the course as an HTML5 package with
the media as imported (nothing is rendered) and runs the player audit on it
(:mod:`studio.twin.a11y_player`). For a package it unpacks it safely
(:func:`studio.twin.package.unpack`) and runs the player audit and the media checks of the
videos it holds. The author's statements come from the project (or ``statements_from``).
"""

from __future__ import annotations

import datetime
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from studio.a11y.findings import Finding, sort_key
from studio.a11y.report import (
    EXPORT_MODES,
    PACKAGE,
    PROJECT,
    REPORT,
    STRICT,
    ProductFacts,
    Report,
    build_report,
)
from studio.a11y.statements import Statement
from studio.errors import ExportError, NotFoundError, PackageInvalidError, TwinError
from studio.export.package import DATA_FILE, ExportOptions
from studio.export.zipwriter import FIXED_TIME
from studio.files import replacing, write_text_atomically
from studio.jobs import CancelToken, Executor, Progress, SubProgress, no_progress
from studio.project_file import DB_NAME
from studio.store import Project
from studio.twin.engine import CHROMIUM, Engine
from studio.twin.package import read_course_data, unpack
from studio.zipcheck import damage_reason

NO_ENGINE = "The player check needs Chromium or Qt WebEngine: run make setup."
LAUNCH_FILE = "index.html"  # what an HTML5 package opens (studio.export.html5)
# Shares of the job's progress: the player audit dominates when it runs.
AUTHOR_END, MEDIA_END, EXPORT_END = 0.05, 0.35, 0.45
ENGINE_LABELS = {"qt": "Qt WebEngine", "chromium": "Chromium"}
EXPORT_SHARE = 0.5  # of export_checked's progress: the export, then the check


def player_engine(name: str | None = None) -> Engine:
    """A browser engine for the player audit: ``qt`` (Qt WebEngine), ``chromium`` (through
    Playwright) or None (Qt WebEngine when it loads, else Chromium when installed). Raises
    :class:`~studio.errors.TwinError` with one line when neither is available."""
    if name in (None, "qt"):
        try:
            from studio.twin.qt_engine import QtEngine

            return QtEngine()
        except (ImportError, OSError):
            if name == "qt":
                raise TwinError(NO_ENGINE) from None
    if not Path(CHROMIUM).exists():
        raise TwinError(NO_ENGINE)
    try:
        import playwright  # noqa: F401 - only whether it is installed
    except ImportError:
        raise TwinError(NO_ENGINE) from None
    from studio.twin.engine import ChromiumEngine

    return ChromiumEngine()


def is_project(source: Path) -> bool:
    """Whether ``source`` is a course project folder (it holds ``course.db``)."""
    return source.is_dir() and (source / DB_NAME).is_file()


def check_accessibility(source: Path, *, engine: Engine | None = None, player: bool = True,
                        statements_from: Path | None = None, package: Path | None = None,
                        progress: Progress = no_progress,
                        token: CancelToken | None = None) -> Report:
    """The conformance report of ``source``: a course project folder, or a package (a zip or
    an unpacked folder of any format the studio exports). ``player`` False leaves the player
    audit out (its criteria then need statements). ``engine`` runs the player (default:
    :func:`player_engine`, made and closed here; a given engine is left open).
    ``statements_from`` (packages only) names the project the package was exported from:
    the report then holds that project's author and media findings, the package's player
    audit and the project's statements, with the package's facts. ``package`` (projects
    only): audit this exported package's player instead of exporting an HTML5 one
    (``studio export --a11y``).

    Raises :class:`~studio.errors.NotFoundError` (no such file),
    :class:`~studio.errors.PackageInvalidError` (neither a project nor a package; a
    ``statements_from`` given for a project, or whose course identifier is not the
    package's),
    :class:`~studio.errors.TwinError` (a zip that cannot be unpacked safely, no browser
    engine), :class:`~studio.errors.ExportError` (the HTML5 export failed) and
    ``Cancelled`` via ``token``."""
    source = Path(source)
    token = token or CancelToken()
    if not source.exists():
        raise NotFoundError(f"{source} does not exist.")
    if statements_from is not None and is_project(source):
        raise PackageInvalidError(f"{source.name} is a course project: --project names the "
                                  "project of a package being checked.")
    statements: tuple[Statement, ...] = ()
    with tempfile.TemporaryDirectory(prefix="a11y-") as work:
        if statements_from is not None:
            facts, findings, statements, titles = _package_of_project(
                source, Path(statements_from), Path(work), engine, player, progress, token)
        elif is_project(source):
            facts, findings, statements, titles = _project(
                source, Path(work), engine if player else None, player, package, progress,
                token)
        else:
            facts, findings, titles = _package(source, Path(work), engine, player, progress,
                                               token)
    token.check()
    ordered = sorted(set(findings), key=sort_key)
    report = build_report(facts, ordered, statements, titles)
    progress(1.0, "Report ready")
    return report


def _package_of_project(source: Path, project_dir: Path, work: Path, engine: Engine | None,
                        player: bool, progress: Progress, token: CancelToken):
    """A package checked with the project it was exported from: the project's author and
    media findings, the package's player, the project's statements; the package's facts.
    Refuses a project whose course is not the package's (course identifiers differ)."""
    if not is_project(project_dir):
        raise PackageInvalidError(f"{project_dir.name} is not a course project: --project "
                                  "names a project folder (Name.course).")
    root = _unpacked(source, work / "package")
    data = _course_data(source, root)
    with Project.open(project_dir) as project:
        identifier = project.course().identifier
    ours = _text(_course(data), "id")
    if ours != identifier:
        raise PackageInvalidError(f"{source.name} is not an export of {project_dir.name}: "
                                  f"its course is {ours or 'unnamed'}, the project's "
                                  f"{identifier}.")
    facts, findings, statements, titles = _project(project_dir, work,
                                                   engine if player else None, player, root,
                                                   progress, token)
    return _package_facts(source, root, data, facts.engine), findings, statements, titles


def _unpacked(source: Path, into: Path) -> Path:
    """:func:`unpack` with its refusal of a file that is no zip worded for the report."""
    if source.is_file():
        try:
            zipfile.ZipFile(source).close()
        except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise PackageInvalidError(f"{source.name} is not a course package (zip) or "
                                      f"project folder ({damage_reason(exc)}).") from None
    return unpack(source, into)


def _course_data(source: Path, root: Path) -> dict:
    from studio.twin.runner import standard_of

    data = read_course_data(root)
    if not data or not (standard_of(root) or (root / LAUNCH_FILE).is_file()):
        raise PackageInvalidError(f"{source.name} is neither a course project nor a package "
                                  f"the studio exported (it has no {DATA_FILE}).")
    return data


def _course(data: Mapping) -> Mapping:
    return data.get("course") if isinstance(data.get("course"), dict) else {}


def _package_facts(source: Path, root: Path, data: Mapping, engine_name: str) -> ProductFacts:
    course = _course(data)
    return ProductFacts(
        name=_text(course, "title") or source.stem, version=_text(course, "version"),
        identifier=_text(course, "id"), language=_text(course, "language"),
        description=_text(course, "description"), author=_text(course, "author"),
        source=PACKAGE, file=source.name, standard=_standard(data),
        date=_built(source, root), engine=engine_name)


def _project(source: Path, work: Path, engine: Engine | None, player: bool,
             package: Path | None, progress: Progress, token: CancelToken):
    from studio.a11y.author import course_findings
    from studio.media.a11y_media import media_findings

    with Project.open(source) as project:
        course = project.course()
        entries = project.history.entries()
        progress(0.0, "Checking the course as authored")
        assets = {a.id: project.media_dir / a.filename for a in course.assets.values()}
        findings = list(course_findings(course, assets))
        token.check()
        media_end = MEDIA_END if player else 1.0
        progress(AUTHOR_END, "Checking the media")
        findings += media_findings(course, project.path,
                                   SubProgress(progress, AUTHOR_END, media_end - AUTHOR_END),
                                   token)
        token.check()
        if player and package is None:
            progress(MEDIA_END, "Exporting the course for the player check")
            package = _export_html(project, work, SubProgress(progress, MEDIA_END,
                                                               EXPORT_END - MEDIA_END), token)
    engine_name = ""
    if player:
        root = unpack(package, work / "site")
        found, engine_name = _player(root, engine,
                                     SubProgress(progress, EXPORT_END, 1 - EXPORT_END), token)
        findings += found
    date = (datetime.datetime.fromtimestamp(max(e.created for e in entries), datetime.UTC)
            .date().isoformat() if entries else "")
    facts = ProductFacts(name=course.title, version=course.version,
                         identifier=course.identifier, language=course.language,
                         description=course.description, author=course.author, source=PROJECT,
                         file=source.name, date=date, engine=engine_name)
    titles = {item.id: item.title for item in course.items()}
    return facts, findings, tuple(course.settings.a11y_statements), titles


def _export_html(project: Project, work: Path, progress: Progress, token: CancelToken) -> Path:
    from studio.export.exporter import export_course
    from studio.export.package import ExportOptions
    from studio.media.ffmpeg_args import ORIGINAL

    target = work / "player.zip"
    export_course(project, ExportOptions(format="html", preset=ORIGINAL, include_schemas=False),
                  target, progress, token)
    return target


def _package(source: Path, work: Path, engine: Engine | None, player: bool,
             progress: Progress, token: CancelToken):
    from studio.media.a11y_media import package_items, package_media_findings

    progress(0.0, f"Opening {source.name}")
    root = _unpacked(source, work / "package")
    data = _course_data(source, root)
    token.check()
    media_end = MEDIA_END if player else 1.0
    findings = list(package_media_findings(root, data,
                                           SubProgress(progress, 0.05, media_end - 0.05),
                                           token))
    token.check()
    engine_name = ""
    if player:
        found, engine_name = _player(root, engine,
                                     SubProgress(progress, media_end, 1 - media_end), token)
        findings += found
    titles = {str(item.get("id")): str(item.get("title", "")) for item in package_items(data)}
    return _package_facts(source, root, data, engine_name), findings, titles


def _player(root: Path, engine: Engine | None, progress: Progress,
             token: CancelToken) -> tuple[list[Finding], str]:
    """The player audit's findings on the unpacked package at ``root``, and the name of the
    engine it ran in."""
    from studio.twin.a11y_player import player_findings

    own = engine is None
    engine = player_engine() if own else engine
    try:
        found = list(player_findings(root, engine=engine, progress=progress, token=token))
    finally:
        if own:
            engine.close()
    return found, ENGINE_LABELS.get(engine.name, engine.name)


def _text(values: Mapping, key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _standard(data: Mapping) -> str:
    tracking = _text(data, "tracking")
    return "html" if tracking in ("", "local") else tracking


def _built(source: Path, root: Path) -> str:
    """The date the package was built: its course data's time in the zip, or the file's
    modification time in an unpacked folder (UTC calendar date)."""
    if source.is_file():
        try:
            with zipfile.ZipFile(source) as archive:
                stamp = archive.getinfo(DATA_FILE).date_time
            # the studio's own zips carry one fixed time (reproducible builds): no date
            return "" if stamp == FIXED_TIME else datetime.date(*stamp[:3]).isoformat()
        except (KeyError, OSError, zipfile.BadZipFile, ValueError):
            return ""
    try:
        mtime = (root / DATA_FILE).stat().st_mtime
    except OSError:
        return ""
    return datetime.datetime.fromtimestamp(mtime, datetime.UTC).date().isoformat()


def report_page(target: Path) -> Path:
    """Where `export --a11y report` writes the report beside the package ``target``:
    ``course.zip`` -> ``course.a11y.html``."""
    return Path(target).with_name(f"{Path(target).stem}.a11y.html")


def export_checked(project: Project, options: ExportOptions, target: Path, mode: str, *,
                   engine: Engine | None = None, progress: Progress = no_progress,
                   token: CancelToken | None = None, executor: Executor | None = None,
                   shared_cache: str | None = None):
    """Export ``project`` with ``options`` and check the package written, with the project's
    author and media findings and its player in ``engine`` (default: :func:`player_engine`),
    before it reaches ``target``. ``mode`` (one of :data:`EXPORT_MODES`): :data:`STRICT`
    refuses a package with a criterion that does not support (the package is discarded,
    ``target`` untouched, the report's page written at :func:`report_page` and
    :class:`~studio.errors.ExportError` raised naming the criteria and the page);
    :data:`REPORT` also writes the report's page at :func:`report_page`. Returns the
    export's result (at ``target``) and the report. Raises what
    :func:`~studio.export.exporter.export_course` and :func:`check_accessibility` raise.
    ``executor`` and ``shared_cache`` go to the export's renders, as export_course says."""
    from studio.a11y.report_html import report_html
    from studio.export.exporter import export_course

    if mode not in EXPORT_MODES:
        raise ExportError(f"Unknown accessibility mode {mode!r}: choose "
                          f"{' or '.join(EXPORT_MODES)}.")
    token = token or CancelToken()
    target = Path(target)

    def unwritable(exc: OSError) -> ExportError:
        return ExportError(f"Could not write {target}: {exc.strerror or exc}.")

    with replacing(target, unique=True, error=unwritable) as written:
        result = export_course(project, options, written,
                               SubProgress(progress, 0.0, EXPORT_SHARE), token,
                               executor=executor, shared_cache=shared_cache)
        report = check_accessibility(project.path, engine=engine, package=written,
                                     progress=SubProgress(progress, EXPORT_SHARE,
                                                          1 - EXPORT_SHARE), token=token)
        failing = report.failures()
        if mode == STRICT and failing:
            page = report_page(target)
            write_text_atomically(page, report_html(report))
            ids = ", ".join(r.criterion.id for r in failing)
            raise ExportError(f"{target.name} was not written: {len(failing)} accessibility "
                              f"criteria do not support ({ids}); see the accessibility "
                              f"report {page}.")
    if mode == REPORT:
        write_text_atomically(report_page(target), report_html(report))
    return replace(result, target=target), report

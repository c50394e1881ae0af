"""The use case "read learner data": an LRS, statements files and SCORM interactions reports
into the project's learner-data cache, as one job.

Each source is kept in its own transaction, in the order LRS, statements files, SCORM
reports; a source that fails raises its one-line error and the ones read before it stay
kept; a cancel raises :class:`IngestCancelled`, which names them. An LRS is read
incrementally: from the newest ``stored`` kept unless ``since`` is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from studio.errors import Cancelled
from studio.export.xml import child_iri, course_iri
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.model import Course
from studio.text import plural
from studio.xray.lrs_client import StatementsApi, read_lrs
from studio.xray.scorm_report import read_scorm_report
from studio.xray.statement_files import read_statements_file
from studio.xray.store import LearnerStore

CACHE_FOLDER = "cache"  # the project's cache (Project.cache_dir of a writable project)


@dataclass(frozen=True)
class IngestReport:
    """What a read did: ``read`` statements or report rows received, ``added`` new rows
    kept, ``duplicates`` about the course but kept already (or repeated), ``foreign``
    statements not about this course (or without an id), ``total`` rows in the cache
    afterwards, ``notes`` for a person (e.g. an LRS that ignored the activity filter)."""

    read: int
    added: int
    duplicates: int
    foreign: int
    total: int
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The report as plain JSON values (``notes`` a list)."""
        return asdict(self) | {"notes": list(self.notes)}


class IngestCancelled(Cancelled):
    """A read cancelled between or during its sources: ``kept`` the sources read before,
    each (name, new statements kept), ``not_read`` the names of the sources not kept (the
    one being read is rolled back). ``message`` says both in one line."""

    def __init__(self, kept: Sequence[tuple[str, int]], not_read: Sequence[str]) -> None:
        self.kept = tuple(kept)
        self.not_read = tuple(not_read)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """"cancelled; kept: a.jsonl (4,381 new statements); not read: b.jsonl"."""
        if not self.kept:
            return "cancelled; nothing was changed."
        kept = ", ".join(f"{name} ({plural(count, 'new statement')})"
                         for name, count in self.kept)
        return f"cancelled; kept: {kept}; not read: {', '.join(self.not_read)}"


def learner_store(project_dir: Path) -> LearnerStore:
    """The learner-data cache of the project in ``project_dir`` (``cache/xray/``)."""
    return LearnerStore(Path(project_dir) / CACHE_FOLDER)


def course_activities(course: Course) -> tuple[str, ...]:
    """The activity IRIs an LRS is asked about: the course's, then each lesson's (the
    player names only the lesson on a Tin Can package's item statements)."""
    return (course_iri(course),) + tuple(
        child_iri(course, "lesson", lesson.id) for lesson in course.lessons())


def read_learner_data(project_dir: Path, course: Course, *, lrs: str | None = None,
                      auth: tuple[str, str] | None = None, since: str | None = None,
                      registration: str | None = None, statements: Sequence[Path] = (),
                      scorm_reports: Sequence[Path] = (), progress: Progress | None = None,
                      token: CancelToken | None = None) -> IngestReport:
    """Read the given sources into the project's cache (a job: progress 0..1, ``token``
    checked between sources and LRS pages). ``lrs`` is an xAPI endpoint (``…/xAPI/``),
    ``auth`` (user, password) for Basic authentication, ``since`` an ISO 8601 timestamp
    (default: the newest ``stored`` kept), ``registration`` limits the LRS read to one
    attempt. With no source, reads nothing and reports what is kept. Raises
    LearnerDataError (one line naming the source and why) or IngestCancelled (a Cancelled
    naming the sources kept before)."""
    progress = progress or no_progress
    token = token or CancelToken()
    store = learner_store(project_dir)
    sources = ([("lrs", lrs)] if lrs else []) + [("file", Path(p)) for p in statements] \
        + [("scorm", Path(p)) for p in scorm_reports]
    read = added = kept = 0
    notes: list[str] = []
    kept_sources: list[tuple[str, int]] = []
    for index, (kind, source) in enumerate(sources):
        part = SubProgress(progress, index / len(sources), 1 / len(sources))
        try:
            token.check()
            got, about, new, said = _read_source(kind, source, store, course, since=since,
                                                 auth=auth, registration=registration,
                                                 progress=part, token=token)
        except Cancelled:
            raise IngestCancelled(kept_sources, [_source_name(s) for _, s in sources[index:]]) \
                from None
        read, kept, added, notes = read + got, kept + about, added + new, notes + said
        kept_sources.append((_source_name(source), new))
        part(1.0, plural(added, "new statement"))
    total = store.count()
    progress(1.0, f"{plural(total, 'statement')} kept")
    return IngestReport(read=read, added=added, duplicates=kept - added, foreign=read - kept,
                        total=total, notes=tuple(notes))


def _read_source(kind: str, source, store: LearnerStore, course: Course, *, since, auth,
                 registration, progress: Progress, token: CancelToken
                 ) -> tuple[int, int, int, list[str]]:
    """One source kept: (received, about the course, new, notes)."""
    iri = course_iri(course)
    if kind == "lrs":
        start = since or store.latest_stored()
        result = read_lrs(StatementsApi(source, auth), store, iri, course_activities(course),
                          since=start, registration=registration, progress=progress,
                          token=token)
        notes = list(result.notes)
        if start and not since:
            notes.append(f"read from the LRS what was stored after {start}")
        return result.statements, result.kept, result.added, notes
    progress(0.0, f"Reading {source.name}")
    if kind == "file":
        found = read_statements_file(source, store, iri, token=token)
        return found.statements, found.kept, found.added, []
    rows = read_scorm_report(source, store)
    return rows.rows, rows.rows, rows.added, []


def _source_name(source: str | Path) -> str:
    """How a person names a source: a file's name, an LRS's address."""
    return source.name if isinstance(source, Path) else source

"""What learners did, as the open project's window holds it: one :class:`XRayHolder` per
session, with the newest :class:`~studio.xray.result.XRay` and a signal when it changes.

The holder measures what the project's learner-data cache holds when the course opens (a
job), reads new learner data (an LRS, statement files, SCORM reports) as a job with progress
and Cancel, and measures again after edits that touch a measured item: the data are mapped
through the clip's current in and out points, so a trim moves the heat strip. Requests made
while a measurement runs are not queued: each carries a serial, and a result that is not the
newest request's is dropped, so the window never shows measures of a course it has left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from studio.changes import ChangeSet
from studio.ui.session import ProjectSession
from studio.ui.workers import Job, on_own_connection
from studio.xray.result import XRay

RECOMPUTE_DELAY_MS = 400  # edits in a burst (a drag, typing) are measured once, after it


@dataclass(frozen=True)
class LearnerSources:
    """Where new learner data come from: an LRS (``lrs`` endpoint, ``auth`` user and
    password, ``since`` ISO 8601 or "" for what is new since the last read, ``registration``
    a UUID or "" for every attempt), statement files
    and SCORM interaction reports."""

    lrs: str = ""
    auth: tuple[str, str] | None = None
    since: str = ""
    registration: str = ""
    statements: tuple[Path, ...] = field(default_factory=tuple)
    scorm_reports: tuple[Path, ...] = field(default_factory=tuple)

    def empty(self) -> bool:
        return not (self.lrs or self.statements or self.scorm_reports)


def learner_store(project):
    """The project's learner-data cache (:func:`studio.xray.ingest.learner_store`); DuckDB
    loads when learner data are first used."""
    from studio.xray.ingest import learner_store as store_of

    return store_of(project.path)


def _measure(project, progress, token) -> XRay:
    from studio.xray.compute import measure

    return measure(project.course(), learner_store(project), progress, token)


class XRayHolder(QObject):
    """The session's X-ray: :attr:`xray` (None until measured, or with no learner data),
    :attr:`shown` (whether the timeline draws it) and :attr:`changed` when either changes."""

    changed = Signal()

    def __init__(self, session: ProjectSession):
        super().__init__(session)
        self.setObjectName("xray-holder")
        self.session = session
        self.xray: XRay | None = None
        self.shown = True
        self.serial = 0  # of the newest measurement asked for
        self.job: Job | None = None  # the newest measurement
        self.reading: Job | None = None  # a read of new learner data, while it runs
        self._again = False  # edits came while reading
        self._later = QTimer(self, singleShot=True, interval=RECOMPUTE_DELAY_MS)
        self._later.timeout.connect(self.measure)
        session.changed.connect(self._edited)

    @staticmethod
    def of(session: ProjectSession) -> XRayHolder:
        """The session's holder, made on first use."""
        found = session.findChild(XRayHolder, "xray-holder")
        return found if found is not None else XRayHolder(session)

    def has_cache(self) -> bool:
        return learner_store(self.session.project).path.exists()

    def set_xray(self, xray: XRay | None) -> None:
        """Show these measures (hand-made ones too, e.g. for a test or a report)."""
        self.xray = xray
        self.changed.emit()

    def set_shown(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            self.changed.emit()

    def visible(self) -> XRay | None:
        """The measures the timeline draws: None while hidden."""
        return self.xray if self.shown else None

    def measured_ids(self) -> set[str]:
        """The items and lessons whose edits change the measures."""
        xray = self.xray
        if xray is None:
            return set()
        return ({v.item for v in xray.videos} | {q.item for q in xray.questions}
                | {les.id for les in xray.lessons})

    def _edited(self, changes: ChangeSet) -> None:
        if self.xray is not None and changes and changes.touches_any(self.measured_ids()):
            self._later.start()

    def measure(self) -> Job | None:
        """Measure the cached learner data again (a job); None when there are none, or while
        new data are being read (they are measured once the read ends)."""
        if self.reading is not None:
            self._again = True
            return None
        if not self.has_cache():
            return None
        if self.job is not None and not self.job.done:
            self.job.cancel()  # its result would be dropped anyway: newest wins
        self.job = self._start("Measure learner data", _measure)
        return self.job

    def read(self, sources: LearnerSources) -> Job:
        """Read new learner data into the cache, then measure (one job, progress, Cancel).
        The job's value is (IngestReport, XRay)."""
        def work(project, progress, token):
            from studio.jobs import SubProgress
            from studio.xray.ingest import read_learner_data

            reading = SubProgress(progress, 0.0, 0.7)
            report = read_learner_data(
                project.path, project.course(), lrs=sources.lrs or None,
                auth=sources.auth, since=sources.since or None,
                registration=sources.registration or None,
                statements=sources.statements,
                scorm_reports=sources.scorm_reports, progress=reading, token=token)
            return report, _measure(project, SubProgress(progress, 0.7, 0.3), token)

        job = self.reading = self._start("Read learner data", work, ingest=True)
        job.ended.connect(self._read_ended)
        return job

    def _read_ended(self) -> None:
        self.reading = None
        if self._again:  # edits made while reading: measure the course as it is now
            self._again = False
            self.measure()

    def _start(self, name: str, work, ingest: bool = False) -> Job:
        self.serial += 1
        serial = self.serial
        if ingest:  # the Load dialog says why a read failed, in one line; no second dialog
            job = self.session.runner.start(name, on_own_connection(self.session.path, work))
        else:
            job = self.session.start_job(name, work)

        def done(value) -> None:
            if serial != self.serial:  # an edit asked for newer measures meanwhile
                return
            self.set_xray(value[1] if ingest else value)  # a read gives (report, XRay)

        job.succeeded.connect(done)
        return job

"""The window's save model around the autosaving core: "Save a copy as…", and closing that
never cuts a write short without asking and never asks when nothing is being written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from studio.bundle_copy import CopyReport, check_copy_target, copy_bundle
from studio.errors import StudioError
from studio.ui.session import ProjectSession
from studio.ui.status import writing_jobs
from studio.ui.workers import Job, JobRunner

FINISH_BEFORE_CLOSE = "finish_before_close"  # a Job property: closing asks before stopping it


def save_copy_as(parent: QWidget, session: ProjectSession) -> Job | None:
    """Ask where, then :func:`start_copy` there."""
    stem = session.path.name.removesuffix(".course")
    names = (f"{stem} copy{f' {n}' if n > 1 else ''}.course" for n in range(1, 100))
    suggested = next((session.path.with_name(name) for name in names
                      if not session.path.with_name(name).exists()), session.path.parent)
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save a copy as", str(suggested),
                                            "Course projects (*.course)")
    return start_copy(session, Path(chosen)) if chosen else None


def start_copy(session: ProjectSession, target: Path) -> Job | None:
    """Write a copy of the open project to ``target`` (``.course`` added) as a job with
    progress and cancel; the window stays on the original. A target that cannot be used is
    refused at once with its reason (:attr:`ProjectSession.failed`); returns the job, or
    None when refused."""
    if not target.name.endswith(".course"):
        target = target.with_name(target.name + ".course")
    try:
        check_copy_target(session.path, target)
    except StudioError as exc:
        session.failed.emit(exc.message)
        return None

    def work(project, progress, token) -> CopyReport:
        return copy_bundle(project.path, target, progress, token)

    job = session.start_job(f"Save a copy as {target.name}", work)
    job.setProperty(FINISH_BEFORE_CLOSE, True)
    job.succeeded.connect(lambda report: session.notice.emit(
        f"Saved a copy to {report.target}; this window still edits {session.path.name}"))
    return job


class CloseGuard(QObject):
    """Decides whether the window may close now. Edits are on disk already, so it asks only
    while a job writes to the project (or a copy is being written): finish first, stop it,
    or keep working."""

    def __init__(self, window: QMainWindow, runner: JobRunner):
        super().__init__(window)
        self.window, self.runner = window, runner
        self.box: QMessageBox | None = None
        self.waiting = False  # closing once the unfinished jobs end
        self.allowed = False

    def unfinished(self) -> list[Job]:
        runner = self.runner
        return [*writing_jobs(runner), *(job for job in runner.running if not job.done
                                         and not job.writes
                                         and job.property(FINISH_BEFORE_CLOSE))]

    def may_close(self) -> bool:
        """True when nothing would be cut short; otherwise asks (once) and returns False."""
        if self.allowed or not self.unfinished():
            return True
        if self.box is None and not self.waiting:
            self._ask()
        return False

    def _ask(self) -> None:
        jobs = self.unfinished()
        names = ", ".join(f"“{job.name}”" for job in jobs)
        box = QMessageBox(QMessageBox.Icon.Question, "Course Studio",
                          f"{names} {'is' if len(jobs) == 1 else 'are'} still writing.",
                          parent=self.window)
        box.setInformativeText("Every edit is saved already. Stopping now leaves out only "
                               "what is still being written.")
        self.finish = box.addButton("Close when finished", QMessageBox.ButtonRole.AcceptRole)
        self.stop = box.addButton("Stop and close", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Keep working", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.finish)
        box.finished.connect(lambda _result: self._answered(box.clickedButton()))
        self.box = box
        box.open()

    def _answered(self, button) -> None:
        self.box.deleteLater()
        self.box = None
        if button not in (self.stop, self.finish):
            return
        if button is self.stop:
            for job in self.unfinished():
                job.cancel()  # a cancelled job rolls back; it ends at its next check
        self.waiting = True
        self.window.statusBar().showMessage("The window closes when the writing has ended.")
        self.runner.jobs_changed.connect(self._job_ended)
        self._job_ended()  # the writing may have ended while the question was open

    def _job_ended(self) -> None:
        if self.waiting and not self.unfinished():
            self.runner.jobs_changed.disconnect(self._job_ended)
            QTimer.singleShot(0, self._close)  # after the job's other listeners have heard

    def _close(self) -> None:
        self.allowed, self.waiting = True, False
        self.window.close()

"""Accessibility checks off the window's thread: the author checks re-run as the designer
edits, and the full check (player and media too) run by the command line in a child process.

The author checks (:mod:`studio.a11y.author`) read only the frozen course model, so
:class:`Rechecker` runs them on one worker thread of its own. Requests made while a check
runs do not queue up: they are merged into one pending request (the newest course, every
item asked for since), and a result that comes back for a course that is no longer the
newest is dropped, so the list never shows an edit the course has left behind.

The full check drives a browser engine (Qt WebEngine) for a minute; Qt WebEngine's pages
live on the GUI thread of their process, so it runs as ``studio a11y SRC --json`` in a child
process started by a window job: progress and Cancel in the status bar, Cancel kills the
child, and the window shows exactly what the command line reports.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QComboBox

from studio.a11y.criteria import BY_ID
from studio.a11y.findings import Finding, sort_key
from studio.a11y.statements import STATED_VERDICTS, Statement
from studio.a11y.verdicts import VERDICTS, CriterionResult, failures, summary_line
from studio.errors import Cancelled, StudioError
from studio.export.zipwriter import check_target
from studio.files import replacing
from studio.jobs import CancelToken, Progress, SubProgress
from studio.media.process import dying_with_studio
from studio.model import Course
from studio.twin.a11y_report import report_page
from studio.ui.twin_check import CLI_PREFIX, child_environment, progress_line

EVERY_ITEM = None  # a request for the whole course's author checks


# ---- the author checks, re-run as the course changes ----------------------------------------
def author_course_findings(course: Course, media_dir: Path) -> list[Finding]:
    """The author checks of the whole course (:func:`studio.a11y.author.course_findings`)."""
    from studio.a11y.author import course_findings

    assets = {asset.id: media_dir / asset.filename for asset in course.assets.values()}
    return list(course_findings(course, assets))


def author_item_findings(course: Course, item_id: str) -> list[Finding]:
    """The author checks of one item (:func:`studio.a11y.author.item_findings`)."""
    from studio.a11y.author import item_findings

    return list(item_findings(course, item_id))


@dataclass(frozen=True)
class Recheck:
    """What a finished check found: ``serial`` of the request it answers, ``items`` the ids
    it re-checked (None: the whole course), their ``findings``, or ``error`` (a message)."""

    serial: int
    items: frozenset[str] | None
    findings: tuple[Finding, ...]
    error: str = ""


class _Run(QRunnable):
    def __init__(self, rechecker: Rechecker, serial: int, course: Course,
                 items: frozenset[str] | None):
        super().__init__()
        self.rechecker, self.serial, self.course, self.items = rechecker, serial, course, items

    def run(self) -> None:
        try:
            if self.items is EVERY_ITEM:
                found = author_course_findings(self.course, self.rechecker.media_dir)
            else:
                found = [f for item_id in sorted(self.items)
                         if self.course.find(item_id) is not None
                         for f in author_item_findings(self.course, item_id)]
            result = Recheck(self.serial, self.items, tuple(sorted(found, key=sort_key)))
        except StudioError as exc:
            result = Recheck(self.serial, self.items, (), exc.message)
        except Exception as exc:  # a check's bug must not end the worker or the window
            result = Recheck(self.serial, self.items, (), f"The accessibility check failed: "
                                                         f"{type(exc).__name__}: {exc}")
        self.rechecker._finished.emit(result)


class Rechecker(QObject):
    """Runs the author checks on one worker thread, newest request first.

    :meth:`request` asks for the items given (or the whole course) on ``course``; while a
    check runs, later requests merge into one pending request. :attr:`checked` gives each
    result on the GUI thread, and only results of the newest course."""

    checked = Signal(object)  # a Recheck
    _finished = Signal(object)

    def __init__(self, media_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.media_dir = media_dir
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.serial = 0
        self.running = False
        self.runs = 0  # checks started, for the window's tests
        self._pending: tuple[Course, frozenset[str] | None] | None = None
        self._finished.connect(self._on_finished)

    def request(self, course: Course, items: Iterable[str] | None = EVERY_ITEM) -> None:
        """Check ``items`` (ids; None: the whole course) of ``course``, the newest version."""
        wanted = None if items is None else frozenset(items)
        if self._pending is not None:
            before = self._pending[1]
            wanted = None if before is None or wanted is None else before | wanted
        self._pending = (course, wanted)
        self.serial += 1
        self._start()

    @property
    def busy(self) -> bool:
        """Whether a check runs or waits."""
        return self.running or self._pending is not None

    def _start(self) -> None:
        if self.running or self._pending is None:
            return
        (course, items), self._pending = self._pending, None
        self.running = True
        self.runs += 1
        self.pool.start(_Run(self, self.serial, course, items))

    def _on_finished(self, result: Recheck) -> None:
        self.running = False
        newest = self._pending is None and result.serial == self.serial
        if newest:
            self.checked.emit(result)
        elif self._pending is not None:
            # what was just checked is checked again on the newer course
            course, items = self._pending
            merged = None if items is None or result.items is None else items | result.items
            self._pending = (course, merged)
        self._start()

    def wait(self) -> None:
        """Let a running check end (the window is closing the course)."""
        self._pending = None
        self.pool.waitForDone()


# ---- the full check: the command line in a child process ---------------------------------------
def a11y_command(source: Path, project: Path | None = None, html: Path | None = None
                 ) -> list[str]:
    """The argument list of ``python -m studio.cli a11y SOURCE --json`` (``--project DIR``
    for a package: that project's author, media and statements with the package's player;
    ``--html R`` to write the report). The engine is the command line's default (Qt
    WebEngine), so the window reports what ``studio a11y`` reports."""
    command = [sys.executable, "-m", "studio.cli", "a11y", str(source)]
    if project is not None:
        command += ["--project", str(project)]
    command.append("--json")
    if html is not None:
        command += ["--html", str(html)]
    return command


def child_env() -> dict[str, str]:
    """The child's environment (:func:`studio.ui.twin_check.child_environment`) as a dict."""
    pairs = (entry.split("=", 1) for entry in child_environment().toStringList())
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def run_child(command: list[str], progress: Progress, token: CancelToken) -> dict:
    """Run ``command`` (a ``studio`` command printing JSON), relaying its progress lines;
    returns the JSON object it printed. Cancelling kills it (:class:`Cancelled`); a failure
    raises :class:`StudioError` with the child's own last line."""
    child = subprocess.Popen(dying_with_studio(command), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=child_env(), text=True,
                             encoding="utf-8", errors="replace")
    said: list[str] = []
    out: list[str] = []

    def hear() -> None:
        for line in child.stderr:
            for part in line.split("\r"):
                fraction, message = progress_line(part)
                if fraction is not None:
                    progress(fraction, message)
                elif message:
                    said.append(message)

    threads = [threading.Thread(target=hear, daemon=True),
               threading.Thread(target=lambda: out.append(child.stdout.read()), daemon=True)]
    for thread in threads:
        thread.start()
    while True:
        try:
            child.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if token.cancelled:
                child.kill()
                child.wait()
                raise Cancelled() from None
    for thread in threads:
        thread.join()
    if child.returncode != 0:
        why = said[-1].removeprefix(CLI_PREFIX).strip() if said else \
            f"the check stopped with status {child.returncode}"
        raise StudioError(f"The accessibility check did not finish: {why}")
    try:
        value = json.loads("".join(out))
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise StudioError("The accessibility check gave no report.")
    return value


def finding_from_json(entry: object) -> Finding | None:
    """A report's evidence entry (:meth:`Finding.as_json`) as a Finding; None when it is
    not a well-formed one."""
    if not isinstance(entry, dict):
        return None
    names = {f.name for f in fields(Finding)}
    try:
        return Finding(**{k: v for k, v in entry.items() if k in names})
    except (TypeError, ValueError):
        return None


def results_from_json(report: dict) -> tuple[CriterionResult, ...]:
    """The report's rows (``{"criteria": [...]}``, as ``studio a11y --json`` prints them)
    as :class:`CriterionResult` values; rows of unknown criteria are left out."""
    rows = []
    for row in report.get("criteria") or ():
        if not isinstance(row, dict) or row.get("id") not in BY_ID \
                or row.get("verdict") not in VERDICTS:
            continue
        found = tuple(f for entry in row.get("evidence") or ()
                      if (f := finding_from_json(entry)) is not None)
        stated = row.get("statement")
        statement = None
        if isinstance(stated, dict) and stated.get("verdict") in STATED_VERDICTS:
            statement = Statement(row["id"], stated["verdict"], str(stated.get("remarks", "")),
                                  str(stated.get("date", "")), str(stated.get("by", "")))
        rows.append(CriterionResult(BY_ID[row["id"]], row["verdict"], found,
                                    tuple(str(i) for i in row.get("items") or ()), statement))
    return tuple(rows)


def full_check(source: Path, project: Path | None = None, html: Path | None = None
               ) -> Callable[[Progress, CancelToken], tuple[CriterionResult, ...]]:
    """A job checking ``source`` (a project folder or a package) in full: author, media and
    player checks, returning the report's rows."""

    def job(progress: Progress, token: CancelToken) -> tuple[CriterionResult, ...]:
        return results_from_json(run_child(a11y_command(source, project, html), progress,
                                           token))

    return job


# ---- the export dialog's choice ----------------------------------------------------------------
OFF, REPORT, STRICT = "", "report", "strict"  # the values of `studio export --a11y`
CHOICES = ((OFF, "No report"),
           (REPORT, "Write the report beside the package"),
           (STRICT, "Strict: refuse a package that does not support a criterion"))


def choice_combo(parent=None) -> QComboBox:
    """The export dialog's "Accessibility report" list (data: the ``--a11y`` value)."""
    combo = QComboBox(parent)
    combo.setAccessibleName("Accessibility report")
    combo.setToolTip("Check the package's accessibility after writing it (WCAG 2.2 AA, "
                     "EN 301 549): a report beside it, or refuse it when a criterion fails")
    for value, text in CHOICES:
        combo.addItem(text, value)
    return combo


def export_note(outcome: tuple) -> str:
    """The lines an export's outcome adds about accessibility ('' without a check)."""
    if len(outcome) < 3:
        return ""
    result, _report, rows = outcome
    note = f"\nAccessibility: {summary_line(rows)}."
    if report_page(result.target).is_file():
        note += f" Report: {report_page(result.target).name}"
    return note


def checked_export(write: Callable[[Path, Progress, CancelToken], tuple],
                   target: Path, mode: str, project: Path, progress: Progress,
                   token: CancelToken) -> tuple:
    """Export with an accessibility check, as ``studio export --a11y MODE`` does:
    ``write(path, progress, token)`` writes and validates the package, returning
    ``(ExportResult, Report)``; ``studio a11y PACKAGE --project PROJECT --json`` checks it
    (the project's author and media checks, the package's player, the statements) and the
    window acts on that report's verdicts. REPORT writes the report beside the package
    (:func:`~studio.twin.a11y_report.report_page`); STRICT writes the package to a temporary
    folder beside ``target`` and moves it there only when no criterion does not support
    (:func:`~studio.a11y.verdicts.failures`), else raises :class:`StudioError` naming them,
    with the report beside ``target`` and no package there. Returns ``(ExportResult, Report,
    rows)``."""
    first, second = SubProgress(progress, 0, 0.4), SubProgress(progress, 0.4, 0.6)
    page = report_page(target)
    if mode != STRICT:
        result, report = write(target, first, token)
        rows = full_check(result.target, project, page)(second, token)
        return result, report, rows
    check_target(target)  # the same refusal as without the check, before any work
    folder = Path(tempfile.mkdtemp(prefix=".checking-", dir=target.parent))
    try:
        result, report = write(folder / target.name, first, token)
        rows = full_check(result.target, project, folder / page.name)(second, token)
        if bad := failures(rows):
            shutil.move(folder / page.name, page)
            named = ", ".join(f"{r.criterion.id} {r.criterion.title}" for r in bad[:4])
            more = f" and {len(bad) - 4} more" if len(bad) > 4 else ""
            raise StudioError(f"{target.name} was not written: the course does not support "
                              f"{named}{more}; see the report {page.name} and the "
                              "Accessibility panel.")
        with replacing(target) as part:  # into place as every package is
            shutil.move(result.target, part)
        return replace(result, target=target), report, rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)

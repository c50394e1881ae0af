"""The Accessibility tab beside Properties: what keeps the course from conforming to WCAG 2.2
AA, by criterion, with a way to each item concerned.

The list starts from the author checks of the whole course and follows every edit: the items
an edit touched are checked again on a worker (:class:`~studio.ui.a11y_jobs.Rechecker`, newest
wins), the whole course when its settings or media changed. "Run full check" adds what only
the exported player and the rendered media show (a job; see :mod:`studio.ui.a11y_jobs`);
those findings stay until the next full check. "Issues" lists failures, partial support and
what asks for a look; "All criteria" is the report's verdict table. "Go to item" selects the
item in the outline, the timeline and the inspector; "State…" stores the author's statement
on a criterion no tool decides.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.a11y.criteria import BY_ID
from studio.a11y.findings import FAIL, PARTIAL, REVIEW, Finding
from studio.a11y.verdicts import (
    LABELS,
    NEEDS_STATEMENT,
    CriterionResult,
    judge_all,
    summary_line,
)
from studio.model import Item
from studio.ui.a11y_jobs import Recheck, Rechecker, full_check
from studio.ui.a11y_statement_dialog import StatementDialog
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

ISSUES = (FAIL, PARTIAL, REVIEW)
ISSUES_VIEW, CRITERIA_VIEW = "issues", "criteria"
KEY = Qt.ItemDataRole.UserRole  # a row's (criterion id, item id or "")
OUTCOME_WORDS = {FAIL: "Fails", PARTIAL: "Partly", REVIEW: "Look at", "pass": "Passes",
                 "not-applicable": "Not applicable"}


class AccessibilityPanel(QWidget):
    went_to = Signal(str)  # an item was selected by "Go to item"

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Accessibility")
        self.by_item: dict[str | None, tuple[Finding, ...]] = {}  # author findings, live
        self.full: tuple[Finding, ...] = ()  # player and media findings of the full check
        self.full_done = False
        self.problem = ""  # why the last author check failed ('' it did not)
        self.job_note = ""  # how the last full check ended, when not with a report
        self.job: Job | None = None
        self.builds = 0
        self.rechecker = Rechecker(session.project.media_dir, self)
        self.rechecker.checked.connect(self._checked)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Accessibility summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QComboBox(self)
        self.view.setAccessibleName("Show")
        self.view.addItem("Issues", ISSUES_VIEW)
        self.view.addItem("All criteria", CRITERIA_VIEW)
        self.check_button = QPushButton("Run full check", self)
        self.check_button.setToolTip("Export the course and check the player in every state "
                                     "and the rendered media too (a minute or so)")
        self.check_button.clicked.connect(lambda: self.run_full_check())
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Accessibility findings by criterion")
        self.tree.setHeaderLabels(["Criterion and finding", "Level", "Verdict"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.detail = QLabel(self)  # the current row in full: the list's rows are one line
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Selected finding")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tree.itemActivated.connect(lambda row, _column: self.go_to_item(row))
        self.go_button = QPushButton("Go to item", self)
        self.go_button.setToolTip("Select the item of this finding in the outline, the "
                                  "timeline and the inspector (Enter)")
        self.go_button.clicked.connect(lambda: self.go_to_item())
        self.state_button = QPushButton("State…", self)
        self.state_button.setAccessibleName("State how the course meets this criterion")
        self.state_button.setToolTip("Your own statement on a criterion no tool decides: "
                                     "carried into every later report")
        self.state_button.clicked.connect(lambda: self.state())
        top = QHBoxLayout()
        top.addWidget(QLabel("Sho&w", self, buddy=self.view))
        top.addWidget(self.view, 1)
        top.addWidget(self.check_button)
        actions = QHBoxLayout()
        actions.addWidget(self.go_button)
        actions.addWidget(self.state_button)
        actions.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.summary)
        column.addWidget(self.tree, 1)
        column.addWidget(self.detail)
        column.addLayout(actions)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.rebuild)
        self.view.currentIndexChanged.connect(lambda _index: self.rebuild())
        session.changed.connect(self._course_changed)
        self.rechecker.request(session.course())
        self.rebuild()

    # ---- what is known ---------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        """The live author findings and the full check's player and media findings."""
        return [f for group in self.by_item.values() for f in group] + list(self.full)

    def results(self) -> tuple[CriterionResult, ...]:
        """The verdict per criterion from what is known and the course's statements."""
        return judge_all(self.findings(), self.session.course().settings.a11y_statements)

    def _course_changed(self, changes) -> None:
        if not changes:
            return
        course = self.session.course()
        self._forget_removed(course)
        if changes.everything or changes.course or changes.media:
            self.rechecker.request(course)
        else:
            items = {i for i in changes.touched if isinstance(course.find(i), Item)}
            if items:
                self.rechecker.request(course, items)
        self._pending.start()  # statements and titles show at once; findings when checked

    def _forget_removed(self, course) -> None:
        """Drop at once the findings (author and full check) of items the course no longer
        has: removing a lesson or module removes its items too, undo may remove any."""
        for item_id in [i for i in self.by_item if i is not None and course.find(i) is None]:
            del self.by_item[item_id]
        self.full = tuple(f for f in self.full
                          if f.item is None or course.find(f.item) is not None)

    def _checked(self, result: Recheck) -> None:
        self.problem = result.error
        if result.error:
            self._pending.start()
            return
        if result.items is None:
            self.by_item = {}
        else:
            for item_id in result.items:
                self.by_item.pop(item_id, None)
        grouped: dict[str | None, list[Finding]] = {}
        for finding in result.findings:
            if result.items is None or finding.item in result.items:
                grouped.setdefault(finding.item, []).append(finding)
        self.by_item.update((key, tuple(group)) for key, group in grouped.items())
        self._pending.start()

    # ---- drawing ---------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Draw the list again from what is known, keeping the current row."""
        self.builds += 1
        kept = self.tree.currentItem().data(0, KEY) if self.tree.currentItem() else None
        course = self.session.course()
        results = self.results()
        issues_only = self.view.currentData() == ISSUES_VIEW
        self.tree.clear()
        shown = 0
        for result in results:
            # a statement answers what asked for a look; failures stay issues
            listed = [f for f in result.findings if f.outcome in ISSUES and not (
                f.outcome == REVIEW and result.statement is not None)] if issues_only \
                else list(result.findings)
            if issues_only and not listed:
                continue
            c = result.criterion
            top = QTreeWidgetItem([f"{c.id} {c.title}", c.level, LABELS[result.verdict]])
            top.setData(0, KEY, (c.id, result.items[0] if result.items else ""))
            en = f"EN 301 549 clause {c.en}" if c.en else "new in WCAG 2.2, no EN 301 549 clause"
            top.setToolTip(0, f"{c.id} {c.title}, Level {c.level} ({en}): "
                              f"{LABELS[result.verdict]}")
            for finding in listed:
                where = course.find(finding.item) if finding.item else None
                row = QTreeWidgetItem([finding.text, "", OUTCOME_WORDS[finding.outcome]])
                row.setData(0, KEY, (c.id, finding.item or ""))
                place = [f"Item: {where.title}"] if where else []
                place += [f"Seen in the player: {finding.state}"] if finding.state else []
                row.setToolTip(0, "\n".join([finding.text, *place]))
                top.addChild(row)
            if result.statement is not None:
                s = result.statement
                by = f", {s.by}" if s.by else ""
                row = QTreeWidgetItem([f"Your statement ({s.date}{by}): {s.remarks}", "",
                                       LABELS[s.verdict]])
                row.setData(0, KEY, (c.id, ""))
                top.addChild(row)
            self.tree.addTopLevelItem(top)
            top.setExpanded(issues_only)
            shown += len(listed)
        self._say(results, shown)
        self._restore(kept)
        self._update_buttons()

    def _say(self, results, shown: int) -> None:
        if self.job is not None:
            return  # the job's progress is shown until it ends
        lines = [text for text in (self.job_note, self.problem) if text]
        if self.view.currentData() == ISSUES_VIEW:
            groups = self.tree.topLevelItemCount()
            lines.append(f"{shown} issue{'' if shown == 1 else 's'} in {groups} "
                         f"criteri{'on' if groups == 1 else 'a'}." if shown else
                         "No issues found.")
        else:
            lines.append(summary_line(results))
        lines.append("Re-checked as you edit; the player and the rendered media were checked "
                     "by the full check." if self.full_done else
                     "Author checks, re-checked as you edit. Run full check to check the "
                     "player and the rendered media too.")
        if self.rechecker.busy:
            lines[-1] += " Checking…"
        self.summary.setText("\n".join(lines))

    def _restore(self, key) -> None:
        if key is None:
            return
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for row in [top] + [top.child(j) for j in range(top.childCount())]:
                if row.data(0, KEY) == key:
                    self.tree.setCurrentItem(row)
                    return

    def _current(self) -> tuple[str, str] | None:
        row = self.tree.currentItem()
        return tuple(row.data(0, KEY)) if row is not None else None

    def _update_buttons(self) -> None:
        current = self._current()
        row = self.tree.currentItem()
        self.detail.setText(row.toolTip(0) if row is not None else
                            "Choose a row to read it in full.")
        self.go_button.setEnabled(bool(current and current[1]
                                       and self.session.find(current[1]) is not None))
        result = next((r for r in self.results() if current and r.criterion.id == current[0]),
                      None)
        self.state_button.setEnabled(result is not None and (
            result.verdict == NEEDS_STATEMENT or result.statement is not None))
        self.check_button.setEnabled(self.job is None)

    # ---- actions ---------------------------------------------------------------------------------
    def go_to_item(self, row: QTreeWidgetItem | None = None) -> str:
        """Select the item of ``row`` (the current row by default) in the window; returns its
        id, '' when the row names none."""
        row = row or self.tree.currentItem()
        item_id = row.data(0, KEY)[1] if row is not None else ""
        if not item_id or self.session.find(item_id) is None:
            return ""
        self.session.select(item_id)
        self.went_to.emit(item_id)
        return item_id

    def state(self) -> StatementDialog | None:
        """Open the statement dialog on the current row's criterion."""
        current = self._current()
        if current is None:
            return None
        stored = next((s for s in self.session.course().settings.a11y_statements
                       if s.criterion == current[0]), None)
        dialog = StatementDialog(self.session, BY_ID[current[0]], stored, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def run_full_check(self) -> Job | None:
        """Check the course in full as a job (progress and Cancel in the status bar)."""
        if self.job is not None:
            return None

        def work(project, progress, token):
            return full_check(project.path)(progress, token)

        self.job = job = self.session.start_job("Accessibility check", work)
        job.progressed.connect(lambda fraction, message: self.summary.setText(
            f"Checking the course: {round(fraction * 100)} %  {message}".rstrip()))
        job.succeeded.connect(self._full_checked)
        job.cancelled.connect(lambda: setattr(self, "job_note", "Full check cancelled."))
        job.failed.connect(lambda _message: setattr(  # the message has its own dialog
            self, "job_note", "The full check did not finish; the list shows the checks "
                              "that did."))
        job.ended.connect(self._job_ended)
        self.job_note = ""
        self.summary.setText("Checking the course…")
        self._update_buttons()
        return job

    def _full_checked(self, rows: tuple[CriterionResult, ...]) -> None:
        self.full = tuple(f for row in rows for f in row.findings if f.source != "author")
        self.full_done = True
        self.view.setCurrentIndex(self.view.findData(CRITERIA_VIEW))

    def _job_ended(self) -> None:
        self.job = None
        self.rebuild()

    def close_course(self) -> None:
        """Stop the re-checks: the course is closing."""
        self.rechecker.wait()

"""The X-ray tab: what learners did, listed where the fixes are one click away.

Three groups: the videos (viewers, drop-off, rewinds, data from an older version), the
flagged questions (facility, discrimination, the flags), and the "cold segment + weak item"
pairs. Each row carries its fixes as buttons (:mod:`studio.ui.xray_fixes`): "Trim cold
segment" and "Move cue point" run the existing trim and cue commands (one undo step each),
"Edit question" asks the window to open the question in its editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.text import plural
from studio.ui.session import ProjectSession
from studio.ui.timeline.logic import timecode
from studio.ui.timeline.xray_layer import older_text, stale
from studio.ui.xray_fixes import (
    EDIT,
    MOVE_CUE,
    TRIM,
    Fix,
    edit_fix,
    move_cue_fix,
    trim_fix,
)
from studio.ui.xray_state import XRayHolder
from studio.xray.result import FEW_ANSWERS, NEGATIVE_DISCRIMINATION, OLDER_VERSION, XRay, decimals

FIRST_BUTTON_ROLE = Qt.ItemDataRole.UserRole + 1  # index in XRayPanel.buttons of a row's first fix

EMPTY_TEXT = ("No learner data yet. Load statements from an LRS, a statements file or an "
              "LMS's interactions report (X-ray ▸ Load learner data…).")


FLAG_TEXT = {NEGATIVE_DISCRIMINATION: "negative discrimination (stronger learners fail it "
                                      "more often)"}
STALE_COLOR = "#8a8a8a"  # an entry whose figures predate the question's last edit


def flag_text(flag: str) -> str:
    """A flag as the tab words it."""
    return FLAG_TEXT.get(flag, flag.replace("_", " "))


def summary(xray: XRay | None) -> str:
    """The tab's first line."""
    if xray is None:
        return EMPTY_TEXT
    latest = f", newest from {xray.latest[:10]}" if xray.latest else ""
    return (f"{plural(xray.learners, 'learner')}, {plural(xray.statements, 'statement')}"
            f"{latest}. "
            "Hover the heat strip and question badges on the timeline for the numbers.")



class FixButton(QPushButton):
    """A fix's button; focusing it (by Tab) scrolls its entry into view."""

    def __init__(self, text: str, tree: QTreeWidget, item: QTreeWidgetItem, parent: QWidget):
        super().__init__(text, parent)
        self.tree, self.item = tree, item

    def focusInEvent(self, event) -> None:
        self.tree.scrollToItem(self.item)
        super().focusInEvent(event)


class XRayPanel(QWidget):
    """The X-ray tab of one session."""

    edit_requested = Signal(object)  # a Fix of kind EDIT
    load_requested = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.holder = XRayHolder.of(session)
        self.setAccessibleName("X-ray: what learners did")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.load_button = QPushButton("Load learner data…", self)
        self.load_button.clicked.connect(self.load_requested.emit)
        self.show_check = QCheckBox("Show on the timeline", self)
        self.show_check.setChecked(self.holder.shown)
        self.show_check.toggled.connect(self.holder.set_shown)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Videos, flagged questions and cold segments")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.itemActivated.connect(self._activated)
        self.buttons: list[QPushButton] = []  # every fix button shown, in row order
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addWidget(self.show_check)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self.holder.changed.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        xray = self.holder.xray
        self.summary.setText(summary(xray))
        self.show_check.blockSignals(True)
        self.show_check.setChecked(self.holder.shown)
        self.show_check.blockSignals(False)
        self.tree.clear()
        self.buttons = []
        if xray is None:
            return
        course = self.session.course()
        videos = {v.item: v for v in xray.videos}
        group = self._group("Videos", len(xray.videos))
        for video in xray.videos:
            measures = [plural(video.viewers, "viewer")]
            if video.drop_off_s is not None:
                measures.append(f"drop-off at {timecode(video.drop_off_s)}")
            if video.rewinds:
                top = max(video.rewinds, key=lambda r: r.count)
                measures.append(f"{plural(len(video.rewinds), 'rewind cluster')}, most "
                                f"{timecode(top.from_s)}→{timecode(top.to_s)} ×{top.count}")
            if video.older_version:
                measures.append(f"{plural(video.older_version, 'statement')} from an "
                                "older version (not counted)")
            self._row(group, video.title, "; ".join(measures), [trim_fix(course, video)])
        flagged = [q for q in xray.questions if set(q.flags) - {FEW_ANSWERS}]
        group = self._group("Flagged questions", len(flagged))
        for question in flagged:
            measures = []
            if older_text(question):
                measures.append(older_text(question) + (
                    ", so these figures are the earlier version's" if stale(question) else ""))
            if question.facility is not None:
                measures.append(f"facility {question.facility:.0%}")
            if question.discrimination is not None:
                measures.append(f"discrimination {decimals(question.discrimination, sign=True)}")
            flags = [flag_text(f) for f in question.flags if f != OLDER_VERSION]
            if flags:
                measures.append(", ".join(flags))
            fixes = [move_cue_fix(course, question, videos.get(question.item)),
                     edit_fix(question)]
            self._row(group, question.prompt or question.id, "; ".join(measures), fixes,
                      greyed=stale(question))
        group = self._group("Cold segment + weak item", len(xray.pairs))
        questions = {q.id: q for q in xray.questions}
        for pair in xray.pairs:
            question = questions.get(pair.question)
            start, end = pair.segment_s
            text = (f"{timecode(start)}–{timecode(end)} skipped by {pair.skipped:.0%}; "
                    f"{pair.watched_failed} watched it and still failed")
            fixes = [move_cue_fix(course, question, videos.get(pair.item)),
                     edit_fix(question)] if question else []
            old = question is not None and stale(question)
            if old:
                text = f"{older_text(question)}; {text}"
            self._row(group, question.prompt if question else pair.question, text, fixes,
                      greyed=old)
        self.tree.expandAll()
        previous: QWidget = self.tree
        for button in self.buttons:  # Tab from the list walks the fixes in reading order
            QWidget.setTabOrder(previous, button)
            previous = button

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [f"{title} ({count})"])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        return group

    def _row(self, group: QTreeWidgetItem, what: str, measures: str,
             fixes: list[Fix | None], greyed: bool = False) -> QTreeWidgetItem:
        """An entry: its name, then under it (across the panel's width) its measures,
        wrapped, and its fix buttons. Both items carry the measures as their accessible
        text and tooltip, so a screen reader hears more than the name."""
        row = QTreeWidgetItem(group, [what])
        spoken = f"{what}: {measures}"
        row.setToolTip(0, spoken)
        row.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
        fixes = [f for f in fixes if f is not None]
        row.setData(0, Qt.ItemDataRole.UserRole, fixes)
        row.setData(0, FIRST_BUTTON_ROLE, len(self.buttons) if fixes else None)
        detail = QTreeWidgetItem(row)
        detail.setFlags(Qt.ItemFlag.ItemIsEnabled)
        detail.setToolTip(0, measures)
        detail.setData(0, Qt.ItemDataRole.AccessibleTextRole, measures)
        detail.setData(0, FIRST_BUTTON_ROLE, row.data(0, FIRST_BUTTON_ROLE))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 4, 6)
        text = QLabel(measures, holder)
        text.setAccessibleName(spoken)
        text.setWordWrap(True)
        if greyed:  # the figures describe an earlier version of the question
            text.setStyleSheet(f"color: {STALE_COLOR};")
            row.setForeground(0, QColor(STALE_COLOR))
        column.addWidget(text)
        line = QHBoxLayout()
        for fix in fixes:
            button = FixButton(fix.label, self.tree, detail, holder)
            button.setAccessibleName(f"{fix.label}: {what}")
            button.clicked.connect(lambda _checked=False, f=fix: self.apply(f))
            line.addWidget(button)
            self.buttons.append(button)
        line.addStretch(1)
        column.addLayout(line)
        self.tree.setItemWidget(detail, 0, holder)
        return row

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        # Enter on an entry goes to its first fix button: a fix edits the course, so it
        # runs only when its button is pressed
        first = row.data(0, FIRST_BUTTON_ROLE)
        if first is not None and first < len(self.buttons):
            self.buttons[first].setFocus(Qt.FocusReason.TabFocusReason)

    def apply(self, fix: Fix) -> bool:
        """Run one fix; returns whether it was done (a refusal shows its one-line reason)."""
        if fix.kind == TRIM:
            return self.session.run(commands.trim, fix.item_id, fix.in_point,
                                    fix.out_point).ok
        if fix.kind == MOVE_CUE:
            self.session.select_cue(fix.item_id, fix.cue_id)
            return self.session.run(commands.move_cue, fix.item_id, fix.cue_id, fix.time).ok
        if fix.kind == EDIT:
            self.edit_requested.emit(fix)
            return True
        return False

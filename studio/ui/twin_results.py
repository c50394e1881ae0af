"""What the LMS will record: the twin's report in a dialog.

The verdict first, then the warnings (failures marked), then one tab per learner path with
the sheet a tester would fill in: status, success, score, total time, whether the learner's
place was delivered back on relaunch, suspend data, and the interactions. "Save report…"
copies the HTML report the same run wrote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.ui.twin_check import TwinOutcome
from studio.ui.twin_view import PathSheet, ReportView, read_report

INTERACTION_COLUMNS = ("Id", "Type", "Learner response", "Result")
FAIL_MARK, WARN_MARK, OK_MARK = "✖", "⚠", "✔"
MARKS = {"ok": OK_MARK, "warning": WARN_MARK, "fail": FAIL_MARK}


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SheetTab(QWidget):
    """One path's "what the LMS will record" sheet."""

    def __init__(self, sheet: PathSheet, parent: QWidget | None = None):
        super().__init__(parent)
        self.sheet = sheet
        self.rows: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, text in sheet.rows():
            label = _selectable(QLabel(text, self))
            label.setAccessibleName(name)
            self.rows[name] = label
            form.addRow(f"{name}:", label)
        self.interactions = QTableWidget(len(sheet.interactions), len(INTERACTION_COLUMNS), self)
        self.interactions.setHorizontalHeaderLabels(INTERACTION_COLUMNS)
        self.interactions.setAccessibleName(f"Interactions recorded on the {sheet.path} path")
        self.interactions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.interactions.verticalHeader().setVisible(False)
        header = self.interactions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.interactions.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for row, values in enumerate(sheet.interactions):
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.interactions.setItem(row, column, cell)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"Interactions ({len(sheet.interactions)}):", self))
        layout.addWidget(self.interactions, 1)


class TwinResultsDialog(QDialog):
    """The report of one twin run; owns the run's temporary folder (removed on close)."""

    def __init__(self, outcome: TwinOutcome, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.outcome = outcome
        self.view: ReportView = read_report(outcome.report, outcome.exit_code)
        self.setWindowTitle(f"What {self.view.lms_label} will record")
        self.resize(820, 640)
        self.verdict = _selectable(QLabel(self.view.verdict(), self))
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setStyleSheet("font-weight: bold")
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setWordWrap(True)
        for warning, paths in self.view.grouped_warnings():
            mark = FAIL_MARK if warning.fails else WARN_MARK
            where = f" [{', '.join(paths)}]" if paths else ""
            item = QListWidgetItem(f"{mark} {warning.message}{where}")
            item.setToolTip(warning.code)
            if warning.fails:
                item.setForeground(Qt.GlobalColor.red)
            self.warnings.addItem(item)
        if not self.view.warnings:
            self.warnings.addItem("No warnings: a tester would raise nothing.")
        self.warnings.setMaximumHeight(160)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Learner paths")
        for sheet in self.view.sheets:
            tab = SheetTab(sheet, self.tabs)
            self.tabs.addTab(tab, f"{MARKS.get(sheet.outcome, FAIL_MARK)} {sheet.path}")
        self.save_button = QPushButton("&Save report…", self)
        self.save_button.setEnabled(outcome.html is not None)
        self.save_button.setToolTip("Save this report as an HTML page to share")
        self.save_button.clicked.connect(self.choose_report_file)
        close = QPushButton("Close", self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(QLabel(f"Warnings ({len(self.view.warnings)}):", self))
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def done(self, result: int) -> None:
        shutil.rmtree(self.outcome.folder, ignore_errors=True)  # the HTML report goes too
        super().done(result)

    def tab(self, path: str) -> SheetTab | None:
        """The sheet tab of learner path ``path`` (None when the run did not take it)."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, SheetTab) and tab.sheet.path == path:
                return tab
        return None

    def choose_report_file(self) -> Path | None:
        suggested = f"{self.view.package_stem}-{self.view.lms}-twin.html"
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the LMS twin report", suggested,
                                                "Web pages (*.html)")
        return self.save_report(Path(chosen)) if chosen else None

    def save_report(self, target: Path) -> Path | None:
        """Copy the run's HTML report to ``target``; a failure is said in the verdict line."""
        if self.outcome.html is None:
            return None
        if target.suffix.lower() not in (".html", ".htm"):
            target = target.with_name(target.name + ".html")
        try:
            shutil.copyfile(self.outcome.html, target)
        except OSError as exc:
            self.verdict.setText(f"{self.view.verdict()}\nThe report was not saved: "
                                 f"{exc.strerror or exc}.")
            return None
        self.verdict.setText(f"{self.view.verdict()}\nReport saved: {target}")
        return target

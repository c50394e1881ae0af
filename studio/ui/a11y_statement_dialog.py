"""The author's statement on one success criterion: verdict, what was checked, by whom, when.

OK stores it through the session (one undo step, :func:`studio.commands.accessibility.
set_statement`); a statement stored earlier opens filled in and can be removed. Remarks are
required: a refusal is said in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.a11y.criteria import Criterion
from studio.a11y.statements import STATED_VERDICTS, Statement
from studio.a11y.verdicts import LABELS
from studio.commands.accessibility import remove_statement, set_statement
from studio.ui.session import ProjectSession

ISO = "yyyy-MM-dd"


class StatementDialog(QDialog):
    def __init__(self, session: ProjectSession, criterion: Criterion,
                 stored: Statement | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.criterion, self.stored = session, criterion, stored
        self.setWindowTitle(f"Statement on {criterion.id} {criterion.title}")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        intro = QLabel(f"<b>{criterion.id} {criterion.title}</b> (Level {criterion.level}). "
                       "No tool decides this criterion on its own: say how the course meets "
                       f"it, as you checked it. <a href=\"{criterion.url}\">Understanding "
                       f"{criterion.id}</a>", self)
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        self.verdict = QComboBox(self)
        self.verdict.setAccessibleName("Conformance level")
        for verdict in STATED_VERDICTS:
            self.verdict.addItem(LABELS[verdict], verdict)
        self.verdict.setPlaceholderText("Choose a conformance level")
        self.verdict.setCurrentIndex(-1)  # a verdict is the author's to give, never a default
        self.remarks = QPlainTextEdit(self)
        self.remarks.setAccessibleName("Remarks: what you checked and how")
        self.remarks.setTabChangesFocus(True)
        self.remarks.setPlaceholderText(f"What you checked for {criterion.title}: on which "
                                        "items or screens, and how.")
        self.by = QLineEdit(self)
        self.by.setAccessibleName("Stated by")
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setDisplayFormat(ISO)
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName("Date of the statement")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Statement: message")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Store statement")
        self.remove_button = self.buttons.addButton(
            "Remove statement", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.setVisible(stored is not None)
        self.remove_button.clicked.connect(self.remove)
        self.buttons.accepted.connect(self.store)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Conformance", self.verdict)
        form.addRow("&Remarks", self.remarks)
        form.addRow("&By", self.by)
        form.addRow("&Date", self.date)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.verdict.currentIndexChanged.connect(
            lambda index: self.ok_button.setEnabled(index >= 0))
        self.ok_button.setEnabled(False)
        if stored is not None:
            self.verdict.setCurrentIndex(self.verdict.findData(stored.verdict))
            self.remarks.setPlainText(stored.remarks)
            self.by.setText(stored.by)
            date = QDate.fromString(stored.date, ISO)
            if date.isValid():
                self.date.setDate(date)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def store(self) -> bool:
        """Store the statement (one undo step); the dialog closes when it is stored."""
        remarks = self.remarks.toPlainText().strip()
        if self.verdict.currentIndex() < 0:
            self.say("Choose a conformance level first.")
            self.verdict.setFocus()
            return False
        if not remarks:
            self.say("Say what you checked: a statement needs remarks.")
            self.remarks.setFocus()
            return False
        outcome = self.session.run(set_statement, self.criterion.id, self.verdict.currentData(),
                                   remarks, self.date.date().toString(ISO), self.by.text())
        if not outcome.ok:
            self.say(outcome.error or "")
            return False
        self.accept()
        return True

    def remove(self) -> bool:
        """Remove the stored statement (one undo step) and close."""
        if not self.session.run(remove_statement, self.criterion.id).ok:
            return False
        self.accept()
        return True

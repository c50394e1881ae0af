"""The window's last resort: an unexpected exception, in a slot or in a job, is shown as the
one line the shell would print, with its logged details a click away ("Copy details")."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.crash import CrashReport, report_crash

shown: list[CrashDialog] = []  # the open dialogs, so Qt does not collect them while shown


class CrashDialog(QDialog):
    """A non-modal dialog: the report's one-line message, its details (read-only) and
    "Copy details", which puts them on the clipboard for a bug report."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Course Studio")
        message = QLabel(report.message)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(report.details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Copy details",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        # Tab as the buttons are laid out: Copy details, then Close
        QWidget.setTabOrder(self.copy_button,
                            buttons.button(QDialogButtonBox.StandardButton.Close))
        self.resize(640, 360)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.report.message}\n\n{self.report.details}")


def present_crash(report: CrashReport) -> CrashDialog:
    """Show ``report`` over the active window without blocking it; returns the dialog."""
    dialog = CrashDialog(report, QApplication.activeWindow())
    shown.append(dialog)
    dialog.finished.connect(lambda _code: shown.remove(dialog))
    dialog.open()
    return dialog


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """``sys.excepthook`` while the window runs: an exception escaping a slot is logged and
    shown instead of being printed to a terminal the designer does not see."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    present_crash(report_crash(exc.with_traceback(tb), "working in the window"))

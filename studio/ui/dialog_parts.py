"""Parts the studio's dialogs share, declared once: the line that says why an entry was
refused, in the studio's error colour, and the OK/Cancel row."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from studio.ui.theme import error_style


def error_label(parent: QWidget | None = None) -> QLabel:
    """An empty, word-wrapped label in the error colour of the colour scheme in use, for a
    one-line refusal."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(error_style())
    return label


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> tuple[QDialogButtonBox, QPushButton]:
    """OK and Cancel buttons wired to ``dialog``'s accept and reject, OK named ``ok_text``
    when given (``"&Build"``); returns the row and its OK button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok_text is not None:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok

"""Parts the studio's dialogs share, declared once: the line that says why an entry was
refused, in the studio's error colour, and the OK/Cancel row."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from studio.ui.theme import error_colour


class ErrorLabel(QLabel):
    """A word-wrapped label in the error colour for a one-line refusal, recoloured when the
    application's palette changes (the system switching to dark or light)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        colour = error_colour()
        if self.palette().color(QPalette.ColorRole.WindowText).name() != colour:
            own = QPalette()  # only the text's role is set: the rest follows the parent
            own.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            self.setPalette(own)  # no style sheet: it would stop the parent's palette changes


def error_label(parent: QWidget | None = None) -> QLabel:
    """An empty :class:`ErrorLabel`."""
    return ErrorLabel(parent)


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

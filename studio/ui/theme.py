"""Light and dark palettes that follow the system's colour scheme, on the Fusion style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Role = QPalette.ColorRole

LIGHT = {Role.Window: "#f3f4f6", Role.WindowText: "#1d2330", Role.Base: "#ffffff",
         Role.AlternateBase: "#e9ecf1", Role.Text: "#1d2330", Role.Button: "#e9ecf1",
         Role.ButtonText: "#1d2330", Role.Highlight: "#2f6fd6", Role.HighlightedText: "#ffffff",
         Role.ToolTipBase: "#fffbe6", Role.ToolTipText: "#1d2330", Role.Mid: "#b4bac4",
         Role.PlaceholderText: "#7b8494", Role.Link: "#2f6fd6"}
DARK = {Role.Window: "#24272e", Role.WindowText: "#e6e8ec", Role.Base: "#1b1d22",
        Role.AlternateBase: "#2c3038", Role.Text: "#e6e8ec", Role.Button: "#2f333b",
        Role.ButtonText: "#e6e8ec", Role.Highlight: "#4a8cf0", Role.HighlightedText: "#ffffff",
        Role.ToolTipBase: "#30343c", Role.ToolTipText: "#e6e8ec", Role.Mid: "#4b515c",
        Role.PlaceholderText: "#8d94a0", Role.Link: "#6fa6ff"}

# the colour of a refusal's text: 5.9:1 on LIGHT's window, 6.3:1 on DARK's (WCAG 1.4.3)
ERROR_TEXT = {False: "#b3261e", True: "#f28b82"}


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def error_colour() -> str:
    """The colour (``#rrggbb``) of a refusal's text for the application's palette at the time
    of the call: the dark scheme's colour on a dark window."""
    dark = QApplication.palette().color(Role.Window).lightness() < 128
    return ERROR_TEXT[dark]


def error_style() -> str:
    """:func:`error_colour` as a style sheet, for a label that is sometimes an error."""
    return f"color: {error_colour()};"


def palette(dark: bool) -> QPalette:
    result = QPalette()
    for role, color in (DARK if dark else LIGHT).items():
        result.setColor(role, QColor(color))
    disabled = QColor("#6b717c" if dark else "#9aa1ab")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return result


def apply(app: QApplication) -> None:
    """Use the palette matching the system now, and switch when the system switches."""
    app.setStyle("Fusion")
    app.setPalette(palette(is_dark()))
    app.styleHints().colorSchemeChanged.connect(
        lambda scheme: app.setPalette(palette(scheme == Qt.ColorScheme.Dark)))

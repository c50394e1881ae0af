"""The theme editor's fields: the kit picker, a colour (swatch + hex text), a file choice, the
contrast list.

Each field emits ``changed`` with its new value once the value is valid; text that is not a
colour reverts on leaving the field and the field's ``refused`` signal carries the one-line
reason, which the editor shows inline.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from studio.brand import BUILTIN_KITS, DEFAULT_KIT
from studio.ui.settings import app_settings

HEX = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
FULL_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")  # while typing: '#0B5' is on its way to '#0B5CAD'


def hex_colour(text: str) -> str | None:
    """``text`` as '#RRGGBB' upper-case ('#abc' and 'abc' accepted), or None when it is not a
    colour written in hex."""
    match = HEX.match(text.strip())
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f"#{digits.upper()}"


class ColourField(QWidget):
    """One colour of a palette: a swatch button that opens the colour dialog and its hex
    text; empty means "not set" (a derived colour, or no dark scheme) when ``optional``."""

    changed = Signal(str)   # '#RRGGBB', or '' when an optional field is cleared
    refused = Signal(str)   # why typed text was not taken

    def __init__(self, label: str, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        self.optional = optional
        self._value = ""
        self.swatch = QToolButton(self)
        self.swatch.setAccessibleName(f"Choose {label} colour")
        self.swatch.setToolTip(f"Choose the {label} colour")
        self.swatch.setFixedSize(28, 24)
        self.swatch.clicked.connect(self.choose)
        self.text = QLineEdit(self)
        self.text.setAccessibleName(f"{label} colour, hex")
        self.text.setMaxLength(7)
        self.text.setFixedWidth(84)
        self.text.setPlaceholderText("none" if optional else "#RRGGBB")
        self.text.textEdited.connect(self._typed)
        self.text.editingFinished.connect(self._finished)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.swatch)
        layout.addWidget(self.text)
        self.setFocusProxy(self.text)
        self._paint()

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        """Show ``value`` ('#RRGGBB' or '') without emitting ``changed``."""
        self._value = hex_colour(value) or ""
        self.text.setText(self._value)
        self._paint()

    def choose(self) -> None:
        start = QColor(self._value) if self._value else QColor("#808080")
        colour = QColorDialog.getColor(start, self, f"{self.label} colour")
        if colour.isValid():
            self._take(colour.name().upper())
            self.text.setText(self._value)

    def _typed(self, text: str) -> None:
        value = hex_colour(text) if FULL_HEX.match(text.strip()) else None
        if value is not None and value != self._value:
            self._take(value)
        elif not text.strip() and self.optional and self._value:
            self._take("")

    def _finished(self) -> None:
        text = self.text.text().strip()
        value = hex_colour(text)
        if value is None and not (self.optional and not text):
            self.refused.emit(f"“{text}” is not a colour: write six or three hex digits, "
                              "like #0B5CAD or #FA0.")
        elif value is not None and value != self._value:
            self._take(value)  # a short form ('#abc') counts once the field is left
        self.text.setText(self._value)  # normalised, or the last good value back

    def _take(self, value: str) -> None:
        self._value = value
        self._paint()
        self.changed.emit(value)

    def _paint(self) -> None:
        colour = self._value or "transparent"
        self.swatch.setStyleSheet(f"QToolButton {{ background: {colour}; "
                                  "border: 1px solid palette(mid); border-radius: 3px; }")
        self.swatch.setText("" if self._value else "–")


class FileField(QWidget):
    """A file of the theme (logo, favicon, font): its name, "Choose…" and "Clear".

    ``changed`` carries the chosen path as text, or '' when cleared; :meth:`set_shown` shows
    what is in use without emitting (an asset's original name, or a kit's file)."""

    changed = Signal(str)

    def __init__(self, label: str, filters: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        self.filters = filters
        self.shown = QLineEdit(self)
        self.shown.setReadOnly(True)
        self.shown.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: Choose… is the stop
        self.shown.setAccessibleName(f"{label} in use")
        self.shown.setPlaceholderText("none")
        self.pick = QPushButton("Choose…", self)
        self.pick.setAccessibleName(f"Choose {label.lower()} file")
        self.pick.clicked.connect(self.choose)
        self.clear = QPushButton("Clear", self)
        self.clear.setAccessibleName(f"Clear {label.lower()}")
        self.clear.clicked.connect(lambda: self._take(""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.shown, 1)
        layout.addWidget(self.pick)
        layout.addWidget(self.clear)

    def set_shown(self, text: str, own: bool = True) -> None:
        """Show ``text``; ``own``: it is a file chosen for this course (Clear takes it away),
        not the kit's."""
        self.shown.setText(text)
        self.clear.setEnabled(bool(text) and own)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Choose the {self.label.lower()}", "",
                                              self.filters)
        if path:
            self._take(path)

    def _take(self, path: str) -> None:
        self.set_shown(Path(path).name if path else "")
        self.changed.emit(path)


class ContrastList(QListWidget):
    """Every colour pair the player uses with its ratio and verdict, in words, failing pairs
    first (a failing pair also carries a warning icon, never colour alone)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Contrast of each colour pair")
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)

    def show_report(self, report: list) -> list:
        """List ``report`` (PairResults); returns its failing pairs."""
        self.clear()
        failing = [pair for pair in report if not pair.passed]
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for pair in failing + [pair for pair in report if pair.passed]:
            verdict = "Fails" if not pair.passed else "Passes"
            item = QListWidgetItem(f"{verdict}: {pair.scheme} {pair.foreground.replace('_', ' ')}"
                                   f" on {pair.background} — {pair.ratio:.2f}:1, needs "
                                   f"{pair.required:g}:1 ({pair.use})")
            if not pair.passed:
                item.setIcon(warn)
            self.addItem(item)
        return failing


OPEN_KIT = "\0open"  # the picker's "Open kit…" entry
RECENT_KEY = "theme/recent_kits"
MAX_RECENT = 6


def recent_kits() -> list[str]:
    """Kit files chosen or saved lately, newest first."""
    value = app_settings().value(RECENT_KEY, [])
    return [value] if isinstance(value, str) else [str(v) for v in value or [] if v]


def remember_kit(path: str) -> None:
    kits = [path, *[p for p in recent_kits() if p != path]][:MAX_RECENT]
    app_settings().setValue(RECENT_KEY, kits)


class KitPicker(QComboBox):
    """The built-in kits, the kit files used lately, and "Open kit…" (data :data:`OPEN_KIT`);
    each entry's data is the kit reference."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Brand kit")

    def fill(self, ref: str) -> None:
        """List the kits with ``ref`` ('' the default kit) chosen."""
        self.clear()
        for name in BUILTIN_KITS:
            self.addItem(f"{name.capitalize()} (built-in)", name)
        paths = recent_kits()
        if ref and ref not in BUILTIN_KITS and ref not in paths:
            paths.insert(0, ref)
        for path in paths:
            self.addItem(f"{Path(path).parent.name or path} — {path}", path)
        self.addItem("Open kit…", OPEN_KIT)
        self.setCurrentIndex(max(0, self.findData(ref or DEFAULT_KIT)))

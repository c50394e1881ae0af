"""Fields that read what is typed only when it is committed (Enter, or leaving the field),
refuse what they cannot take with the reason, and show the stored value again.

- :class:`NumberField`: a number in a declared range (points, pass mark, attempts, seconds);
- :class:`TimeField`: a time of a clip's source, typed ``25``, ``0:25``, ``1:02.5``,
  ``00:00:25.5`` or ``25s`` and shown ``0:25.00``;
- :class:`LanguagePicker`: a BCP 47 language tag, picked by name or tag from a searchable
  list, or typed.

Each field emits ``committed`` with the value it took and ``refused`` with a one-line reason;
the code that stores the value calls :meth:`refuse` when the core turns it down, so the field
shows the stored value again. :func:`with_message` puts a field above a line that shows its
latest refusal.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.language import COMMON_TAGS, EXAMPLE, language_name, language_tag
from studio.timecode import format_time, parse_time
from studio.ui.dialog_parts import error_label

SEPARATOR = " — "  # between a language's name and its tag in the picker

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _number(text: str) -> float:
    """A finite number from text, a decimal comma read as a point; InvalidEditError if not."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InvalidEditError(f"{text.strip()!r} is not a number.")
    return number


class NumberField(QDoubleSpinBox):
    """A number typed freely and judged when committed: parsed, checked against the field's
    range (or ``check``), then emitted as ``committed``; a refusal emits ``refused`` and
    shows the stored value again. The arrows and, once the field has focus, the wheel commit
    each step.

    ``decimals`` 0 makes it a whole-number field (it emits ints); ``none_label`` names its
    lowest value (e.g. "unlimited"); ``check`` takes a value and raises InvalidEditError to
    refuse it (the core's own check, so both refuse in the same words); ``parse`` reads
    the typed text without its unit (default: a plain number).
    """

    committed = Signal(object)  # the new value (float, or int for a whole-number field)
    refused = Signal(str)  # why what was typed was not taken
    kept = Signal()  # the committed value was not refused while it was being stored

    def __init__(self, what: str, value: float | None, low: float, high: float,
                 unit: str = "", decimals: int = 2, step: float = 1.0, none_label: str = "",
                 check: Callable[[float], object] | None = None,
                 parse: Callable[[str], float] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.what, self._check, self._parse = what, check, parse or _number
        self._quiet = False  # True while the field shows a value it was given, not typed
        self._refusing = False
        self.setDecimals(decimals)
        self.setRange(low, max(high, value or low))
        self.setSuffix(unit)
        self.setSingleStep(step)
        self.setSpecialValueText(none_label)
        self.setKeyboardTracking(False)  # never commit while typing
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not focus it
        self.setAccessibleName(what)
        self.stored = value or low
        self._show(self.stored)
        self.valueChanged.connect(self._changed)
        self.setToolTip(self.explanation())

    # ---- what the field says ------------------------------------------------------------
    def range_text(self) -> str:
        """The range in words, e.g. "0 % to 100 %" or "0 (unlimited) to 1000"."""
        unit, low, high = self.suffix(), self.bound_text(self.minimum()), self.bound_text(
            self.maximum())
        if self.specialValueText():
            return f"{low} ({self.specialValueText()}) to {high}{unit}"
        return f"{low}{unit} to {high}{unit}"

    def bound_text(self, value: float) -> str:
        """An end of the range as the tooltip and messages write it (no needless zeros)."""
        return f"{value:g}"

    def explanation(self) -> str:
        """The tooltip: the range, and when a typed value counts."""
        return (f"{self.what}: {self.range_text()}. Enter or leaving the field applies what "
                "is typed; Esc restores it.")

    def _displayed(self, value: float) -> str:
        if self.specialValueText() and value == self.minimum():
            return self.specialValueText()
        return f"{self.prefix()}{self.textFromValue(value)}{self.suffix()}"

    # ---- reading what is typed ----------------------------------------------------------
    def read(self, text: str) -> float:
        """The value ``text`` stands for, checked; InvalidEditError with the reason if none."""
        typed = text.strip()
        if self.specialValueText() and typed == self.specialValueText().strip():
            return self.minimum()
        unit = self.suffix().strip()
        if unit and typed.endswith(unit):
            typed = typed[: -len(unit)].strip()
        value = self._parse(typed)
        if self.decimals() == 0 and not float(value).is_integer():
            raise InvalidEditError(f"{self.what} takes a whole number.")
        if self._check is not None:
            self._check(int(value) if self.decimals() == 0 else value)
        elif not self.minimum() <= value <= self.maximum():
            raise InvalidEditError(f"{self.what} must be from {self.range_text()}.")
        return value

    def validate(self, text: str, pos: int) -> object:
        # no keystroke is ever blocked: what is typed is judged when it is committed
        try:
            self.read(text)
        except InvalidEditError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:
        try:
            return self.read(text)
        except InvalidEditError:
            return self.value()

    # ---- committing -----------------------------------------------------------------------
    def commit_typed(self) -> None:
        """Judge the typed text now (what Enter and leaving the field do)."""
        typed = self.text()
        if typed == self._displayed(self.value()):
            return
        try:
            value = self.read(typed)
        except InvalidEditError as exc:
            self.refuse(exc.message)
            return
        self.setValue(value)  # emits valueChanged: the commit
        self.lineEdit().setText(self._displayed(self.value()))

    def refuse(self, reason: str) -> None:
        """Show the stored value again and say why (``refused``); for the field's own checks
        and for the core's refusal of a committed value."""
        self._refusing = True
        self._show(self.stored)
        self.refused.emit(reason)

    def revert(self) -> None:
        """Show the stored value again, silently."""
        self._show(self.stored)

    def _show(self, value: float) -> None:
        self._quiet = True
        try:
            self.setValue(value)
            self.lineEdit().setText(self._displayed(self.value()))
        finally:
            self._quiet = False

    def _changed(self, value: float) -> None:
        # a stored 8.325 s shown as 0:08.32 and read back from the text is not an edit
        if self._quiet or self._displayed(value) == self._displayed(self.stored):
            return
        self._refusing = False
        self.committed.emit(int(value) if self.decimals() == 0 else value)
        if not self._refusing:  # taken: this is the value to come back to
            self.stored = value
            self.kept.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in _ENTER:
            self.commit_typed()
        elif event.key() == Qt.Key.Key_Escape and self.text() != self._displayed(self.stored):
            self.revert()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self.commit_typed()
        super().focusOutEvent(event)

    def wheelEvent(self, event) -> None:
        # a wheel turned to scroll the panel past an unfocused field must not edit it
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class TimeField(NumberField):
    """A time in seconds, shown ``M:SS.ff`` and typed any way :func:`parse_time` reads;
    committed and refused like :class:`NumberField`; ``low``/``high`` in seconds."""

    def __init__(self, what: str, seconds: float, low: float, high: float,
                 check: Callable[[float], object] | None = None,
                 parent: QWidget | None = None):
        super().__init__(what, seconds, low, high, decimals=3, step=0.1, check=check,
                         parse=parse_time, parent=parent)

    def bound_text(self, value: float) -> str:
        return format_time(value)

    def textFromValue(self, value: float) -> str:
        return format_time(value)

    def explanation(self) -> str:
        return (f"{self.what}: {self.range_text()}. Type 25, 0:25, 1:02.5 or 00:00:25.5; "
                "Enter or leaving the field applies it, Esc restores it.")


@functools.cache
def _choices() -> tuple[tuple[str, str], ...]:
    return tuple((f"{language_name(tag)}{SEPARATOR}{tag}", tag) for tag in COMMON_TAGS)


def language_label(tag: str) -> str:
    """How the picker shows a tag: "English (United Kingdom) — en-GB" (the bare tag when the
    registry has no name for it)."""
    name = language_name(tag)
    return tag if name == tag else f"{name}{SEPARATOR}{tag}"


class LanguagePicker(QComboBox):
    """A BCP 47 language tag: pick from the common languages (typing filters them by name or
    tag) or type any tag; taken on Enter, on leaving the field or on a pick, checked and
    normalised by :func:`studio.language.language_tag`, refused with the reason otherwise.
    """

    committed = Signal(str)  # the new tag, normalised
    refused = Signal(str)
    kept = Signal()  # a tag was taken

    def __init__(self, tag: str, what: str = "Language", parent: QWidget | None = None):
        super().__init__(parent)
        self.what = what
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(what)
        for label, choice in _choices():
            self.addItem(label, choice)
        finder = QCompleter(self.model(), self)
        finder.setFilterMode(Qt.MatchFlag.MatchContains)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        finder.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        finder.setMaxVisibleItems(12)
        self.setCompleter(finder)
        self.stored = tag
        self._show(tag)
        self.setToolTip(f"{what}: a language tag (BCP 47) such as {EXAMPLE} or fr-CA. Type a "
                        "name or a tag to find it; Enter or leaving the field applies it.")
        # judged once the event is handled: Enter on a highlighted completion finishes the
        # line edit before the completer puts the chosen entry's text in it
        self.lineEdit().editingFinished.connect(self._commit_soon)
        finder.activated.connect(self._commit_soon)
        self.activated.connect(self._commit_soon)

    def tag(self) -> str:
        """The stored tag (what was last taken)."""
        return self.stored

    def _show(self, tag: str) -> None:
        label = language_label(tag)
        index = self.findData(tag)
        if index < 0:
            self.addItem(label, tag)
            index = self.count() - 1
        self.setCurrentIndex(index)
        self.setEditText(label)

    def _tag_in(self, text: str) -> str:
        if SEPARATOR.strip() in text:
            return text.rsplit(SEPARATOR.strip(), 1)[1].strip()
        for index in range(self.count()):  # a name typed whole: "French (Canada)"
            label = self.itemText(index)
            if label.rsplit(SEPARATOR, 1)[0].casefold() == text.casefold():
                return self.itemData(index)
        return text

    def _commit_soon(self, *_chosen: object) -> None:
        QTimer.singleShot(0, self, self.commit_typed)

    def commit_typed(self) -> None:
        """Judge the typed text now: take the tag it names or refuse it with the reason."""
        text = self.currentText().strip()
        if text == language_label(self.stored):
            return
        try:
            tag = language_tag(self._tag_in(text))
        except InvalidEditError as exc:
            self.refuse(exc.message)
            return
        self._show(tag)
        if tag != self.stored:
            self.stored = tag
            self.committed.emit(tag)
        self.kept.emit()

    def refuse(self, reason: str) -> None:
        """Show the stored tag again and say why (``refused``)."""
        self._show(self.stored)
        self.refused.emit(reason)


def with_message(field: NumberField | LanguagePicker) -> QWidget:
    """The field above a line that shows its latest refusal (hidden until there is one, and
    again once a value is taken); the line is ``field.message``."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    message = field.message = error_label()
    message.setAccessibleName(f"{field.what}: message")
    message.hide()
    column.addWidget(field)
    column.addWidget(message)
    field.refused.connect(lambda reason: (message.setText(reason), message.show()))
    field.kept.connect(message.hide)
    return holder


def ask_language(parent: QWidget, title: str, question: str, tag: str) -> str | None:
    """A small dialog with a :class:`LanguagePicker` starting at ``tag``; the tag taken, or
    None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * 64)  # a refusal on one line
    picker = LanguagePicker(tag, title)
    refused: list[str] = []
    picker.refused.connect(refused.append)
    picker.committed.connect(lambda _tag: refused.clear())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)

    def accept() -> None:
        picker.commit_typed()
        if refused:  # the reason is on show; the person tries again
            refused.clear()
            return
        dialog.accept()

    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    column = QVBoxLayout(dialog)
    column.addWidget(QLabel(question))
    column.addWidget(with_message(picker))
    column.addWidget(buttons)
    dialog.picker = picker
    return picker.tag() if dialog.exec() == QDialog.DialogCode.Accepted else None

"""The export dialog's language choice: the course language, one target language, or several
languages in one package with a language picker for the learner; the dialog puts the choice
in the export options (``ExportOptions.languages``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.language import language_name
from studio.media.translation_io import course_segments
from studio.model import Course
from studio.store import Project
from studio.translation.drift import status
from studio.translation.pseudo import PSEUDO_LOCALES
from studio.ui.fields import language_label

SEVERAL = "*several*"  # the choice's data for "several languages in one package"


def untranslated(project: Project | None, course: Course) -> dict[str, tuple[int, int]]:
    """``{target tag: (untranslated segments, all segments)}`` of the course's target
    languages; empty without a project or when a caption file cannot be read."""
    if project is None or not course.settings.languages:
        return {}
    try:
        found = course_segments(project, course)
    except StudioError:
        return {}
    counts = {}
    for tag in course.settings.languages:
        drift = status(course, tag, found)
        counts[tag] = (len(drift.new), drift.total)
    return counts


class LanguageChoice(QWidget):
    """Which language(s) the package holds: ``languages()`` is ``()`` for the course
    language, ``(tag,)`` for one target, or the ticked languages with the one learners
    start in first. Each target says how much of it is untranslated (from ``project``);
    the several-languages picker ticks the course language and the real target languages,
    never a pseudo-locale."""

    changed = Signal()  # what languages() gives may differ

    def __init__(self, course: Course, parent: QWidget | None = None,
                 project: Project | None = None):
        super().__init__(parent)
        self.source = course.language
        self.targets = tuple(course.settings.languages)
        self.untranslated = untranslated(project, course)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Package language")
        self.combo.addItem(f"{language_label(course.language)} (course language)", "")
        for tag in self.targets:
            self.combo.addItem(self.label(tag), tag)
        self.combo.addItem("Several languages in one package (learners choose)", SEVERAL)
        self.picker = QListWidget(self)
        self.picker.setAccessibleName("Languages in the package")
        for tag in (self.source, *self.targets):
            entry = QListWidgetItem(f"{language_label(tag)} (course language)"
                                    if tag == self.source else self.label(tag))
            entry.setData(Qt.ItemDataRole.UserRole, tag)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked if tag in PSEUDO_LOCALES
                                else Qt.CheckState.Checked)
            self.picker.addItem(entry)
        self.picker.setMaximumHeight(self.picker.sizeHintForRow(0) * min(6, self.picker.count())
                                     + 2 * self.picker.frameWidth() + 4)
        self.default = QComboBox(self)
        self.default.setAccessibleName("Learners start in")
        self.default_row = QWidget(self)
        row = QHBoxLayout(self.default_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Learners start in", self.default_row, buddy=self.default))
        row.addWidget(self.default, 1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.combo)
        column.addWidget(self.picker)
        column.addWidget(self.default_row)
        column.addWidget(self.note)
        self.combo.currentIndexChanged.connect(self._changed)
        self.picker.itemChanged.connect(lambda _entry: self._changed())
        self.default.currentIndexChanged.connect(lambda _index: self._changed(False))
        self._changed()

    def label(self, tag: str) -> str:
        """A target language's name and how much of it is untranslated:
        "French — 146 of 172 untranslated"."""
        if tag not in self.untranslated:
            return language_label(tag)
        new, total = self.untranslated[tag]
        name = language_name(tag)
        return f"{name if name != tag else tag} — " + (f"{new} of {total} untranslated" if new
                                               else "fully translated")

    def choose(self, data: str) -> None:
        """Choose ``''`` (the course language), a target tag or :data:`SEVERAL`."""
        self.combo.setCurrentIndex(max(0, self.combo.findData(data)))

    def tick(self, tags: tuple[str, ...]) -> None:
        """Tick exactly ``tags`` in the several-languages picker."""
        for row in range(self.picker.count()):
            entry = self.picker.item(row)
            entry.setCheckState(Qt.CheckState.Checked if entry.data(Qt.ItemDataRole.UserRole)
                                in tags else Qt.CheckState.Unchecked)

    def ticked(self) -> tuple[str, ...]:
        """The languages ticked in the picker, in its order."""
        return tuple(self.picker.item(row).data(Qt.ItemDataRole.UserRole)
                     for row in range(self.picker.count())
                     if self.picker.item(row).checkState() == Qt.CheckState.Checked)

    def languages(self) -> tuple[str, ...]:
        chosen = self.combo.currentData()
        if not chosen:
            return ()
        if chosen != SEVERAL:
            return (chosen,)
        ticked, first = self.ticked(), self.default.currentData()
        return (first, *(t for t in ticked if t != first)) if first in ticked else ticked

    def start_in(self, tag: str) -> None:
        """Choose the language learners start in (one of the ticked)."""
        self.default.setCurrentIndex(max(0, self.default.findData(tag)))

    def _changed(self, refill: bool = True) -> None:
        several = self.combo.currentData() == SEVERAL
        self.picker.setVisible(several)
        self.default_row.setVisible(several)
        if several and refill:
            kept = self.default.currentData()
            self.default.blockSignals(True)
            self.default.clear()
            for tag in self.ticked():
                self.default.addItem(language_label(tag), tag)
            self.default.setCurrentIndex(max(0, self.default.findData(kept)))
            self.default.blockSignals(False)
        count = len(self.ticked())
        self.note.setText("" if not several else "Tick at least two languages." if count < 2
                          else f"One package with {count} languages; learners can switch.")
        self.note.setVisible(bool(self.note.text()))
        self.changed.emit()

    def problem(self) -> str:
        """Why the choice cannot be exported ('' when it can)."""
        if self.combo.currentData() == SEVERAL and len(self.ticked()) < 2:
            return "Tick at least two languages for a package with several languages."
        return ""

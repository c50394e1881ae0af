"""The course glossary: how words are said, course-wide (a respelling or phonemes).

Adding, changing and removing an entry are each one command (one undo step). After an
edit the dialog says how many narrated items use the word and offers to re-voice them
(only their sentences with the word are synthesised again: the cache has the rest).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.commands import narration as narration_commands
from studio.ui.narration_jobs import items_saying, revoice
from studio.ui.session import ProjectSession

KINDS = {"respell": "Respelling", "phonemes": "Phonemes (the engine's notation)"}
COLUMNS = ("Word", "Say", "Kind", "Language")


class GlossaryDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Glossary — how words are said")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Glossary entries")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))
        self.word = QLineEdit(self)
        self.word.setAccessibleName("Word")
        self.word.setPlaceholderText("e.g. Knuth")
        self.say = QLineEdit(self)
        self.say.setAccessibleName("Say it as")
        self.say.setPlaceholderText("e.g. Kanooth")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of pronunciation")
        for value, label in KINDS.items():
            self.kind.addItem(label, value)
        self.language = QLineEdit(self)
        self.language.setAccessibleName("Language of the entry")
        self.language.setPlaceholderText("every language")
        form = QFormLayout()
        form.addRow("Word", self.word)
        form.addRow("Say", self.say)
        form.addRow("Kind", self.kind)
        form.addRow("Language", self.language)
        self.save_button = QPushButton("Add or update")
        self.save_button.setAccessibleName("Add or update the entry")
        self.save_button.setDefault(True)  # Enter in a field adds the entry
        self.save_button.clicked.connect(self.save_entry)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected entry")
        self.remove_button.clicked.connect(self.remove_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.users = QLabel(self)
        self.users.setWordWrap(True)
        self.revoice_button = QPushButton("Re-voice them")
        self.revoice_button.setAccessibleName("Re-voice the items that use the word")
        self.revoice_button.hide()
        self.revoice_button.clicked.connect(self.revoice_users)
        after = QHBoxLayout()
        after.addWidget(self.users, 1)
        after.addWidget(self.revoice_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(after)
        layout.addWidget(close)
        self.user_ids: list[str] = []
        self.resize(560, 460)
        session.changed.connect(self._changed)
        self.fill()
        self.word.setFocus()  # adding a word is what the dialog is opened for, mostly

    def entries(self) -> tuple:
        return self.session.course().settings.glossary

    def _changed(self, changes) -> None:
        if changes.course:
            self.fill()

    def fill(self) -> None:
        """Show the course's entries (the row of the word being edited kept current)."""
        entries = self.entries()
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate((entry.word, entry.say, KINDS.get(entry.kind, entry.kind),
                                           entry.language or "every language")):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.remove_button.setEnabled(bool(entries))

    def _load(self, row: int) -> None:
        entries = self.entries()
        if 0 <= row < len(entries):
            entry = entries[row]
            self.word.setText(entry.word)
            self.say.setText(entry.say)
            self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
            self.language.setText(entry.language)

    def save_entry(self) -> bool:
        """Add the entry in the fields, or change the one with the same word and language."""
        word, say = self.word.text().strip(), self.say.text().strip()
        outcome = self.session.run(narration_commands.set_glossary_entry, word, say,
                                   self.kind.currentData(), self.language.text().strip())
        if outcome.ok:
            self._offer_revoice(word)
        return outcome.ok

    def remove_entry(self) -> bool:
        """Remove the selected entry (or the one whose word and language are in the fields)."""
        entries = self.entries()
        row = self.table.currentRow()
        if 0 <= row < len(entries):
            word, language = entries[row].word, entries[row].language
        else:
            word, language = self.word.text().strip(), self.language.text().strip()
        outcome = self.session.run(narration_commands.remove_glossary_entry, word, language)
        if outcome.ok:
            self._offer_revoice(word)
        return outcome.ok

    def _offer_revoice(self, word: str) -> None:
        course = self.session.course()
        users = items_saying(course, word, course.items())
        self.user_ids = [item.id for item in users if item.narration.tracks]
        count = len(self.user_ids)
        if count:
            self.users.setText(f"{count} narrated item{'s use' if count != 1 else ' uses'} "
                               f"“{word}” — re-voice them to hear the change.")
        else:
            self.users.setText(f"No narrated item uses “{word}” yet.")
        self.revoice_button.setVisible(bool(count))

    def revoice_users(self):
        """Re-voice the narrated items that use the last edited word, as one job."""
        if not self.user_ids:
            return None
        count = len(self.user_ids)
        job = revoice(self.session, self.user_ids,
                      f"Re-voice {count} item{'' if count == 1 else 's'}")
        self.revoice_button.hide()
        return job

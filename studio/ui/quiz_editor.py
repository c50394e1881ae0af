"""The quiz editor: a quiz's questions, each added, changed, removed, reordered, or moved
between the quiz's ordered list and its bank (questions drawn at random), every change one
of the core's question commands; questions imported from question files (GIFT, Aiken,
Moodle XML, QTI, spreadsheets) in the background, and the quiz written out as GIFT, Moodle
XML or QTI (:mod:`studio.ui.quiz_files`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.files import write_text_atomically
from studio.media.import_report import ImportTarget
from studio.model import Quiz
from studio.quiz.types import QUESTION_TYPES
from studio.ui.imports import start_import
from studio.ui.question_form import QuestionDialog
from studio.ui.quiz_files import (
    ExportQuestionsDialog,
    question_files_filter,
    show_import_notes,
    start_export,
)
from studio.ui.session import ProjectSession
from studio.ui.workers import Job

QUESTION_ID = 256  # Qt.UserRole: the question's id on its list entry


class QuizEditor(QWidget):
    """The questions of one quiz and what can be done to them."""

    current_changed = Signal(str)  # the question id now current ('' none)

    def __init__(self, session: ProjectSession, quiz: Quiz, current: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.quiz = session, quiz
        self.quiz_id = quiz.id
        self.list = QListWidget(self)
        self.list.setAccessibleName("Questions")
        for number, question in enumerate(quiz.questions, start=1):
            pool = " (bank)" if question.pool == "bank" else ""
            kind = QUESTION_TYPES[question.type]
            points = f" — {question.points:g} pt" if kind.scored else ""
            entry = QListWidgetItem(f"{number}. [{kind.label}] {question.prompt}{pool}{points}")
            entry.setData(QUESTION_ID, question.id)
            self.list.addItem(entry)
            if question.id == current:
                self.list.setCurrentItem(entry)
        self.list.currentRowChanged.connect(lambda _row: self._current_changed())
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_current())
        self.status = QLabel(f"{len(quiz.questions)} question(s)", self)
        self.status.setWordWrap(True)
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (key, text, slot) in enumerate((
                ("add", "Add…", self.add_question), ("edit", "Edit…", self.edit_current),
                ("remove", "Remove", self.remove_current), ("up", "Move up",
                                                              lambda: self.move_current(-1)),
                ("down", "Move down", lambda: self.move_current(1)),
                ("pool", "To bank / to quiz", self.toggle_pool),
                ("import", "Import questions…", self.choose_import),
                ("export", "Export questions…", self.choose_export))):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=slot: act())
            buttons.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._current_changed()

    # ---- the current question ----------------------------------------------------------------
    def current_id(self) -> str:
        entry = self.list.currentItem()
        return entry.data(QUESTION_ID) if entry is not None else ""

    def select(self, question_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(QUESTION_ID) == question_id:
                self.list.setCurrentRow(row)

    def _current_changed(self) -> None:
        chosen = bool(self.current_id())
        for key in ("edit", "remove", "up", "down", "pool"):
            self.buttons[key].setEnabled(chosen)
        self.current_changed.emit(self.current_id())

    def _question(self, question_id: str):
        return next((q for q in self.quiz.questions if q.id == question_id), None)

    # ---- edits ---------------------------------------------------------------------------------
    def add_question(self) -> str | None:
        dialog = QuestionDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.save(dialog)

    def save(self, dialog: QuestionDialog) -> str | None:
        """Store what an accepted dialog holds: a new question, or the one it was opened on."""
        qtype, prompt, points, data = dialog.fields
        if dialog.question is None:
            new = self.session.run(commands.add_question, self.quiz_id, qtype, prompt,
                                   points=points, data=data).value
            if new:
                self.current_changed.emit(new)
            return new
        edited = self.session.run(commands.edit_question, dialog.question.id, type=qtype,
                                  prompt=prompt, points=points, data=data)
        return dialog.question.id if edited.ok else None

    def edit_dialog(self, question_id: str = "") -> QuestionDialog | None:
        question = self._question(question_id or self.current_id())
        return QuestionDialog(self, question=question) if question else None

    def edit_current(self) -> None:
        dialog = self.edit_dialog()
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.save(dialog)

    def remove_current(self) -> None:
        question_id = self.current_id()
        if question_id:
            self.session.run(commands.remove_question, question_id)

    def move_current(self, step: int) -> None:
        question_id, row = self.current_id(), self.list.currentRow()
        if question_id and 0 <= row + step < self.list.count():
            self.session.run(commands.move_question, question_id, row + step)

    def toggle_pool(self) -> None:
        question = self._question(self.current_id())
        if question is not None:
            self.session.run(commands.set_pool, question.id,
                             "quiz" if question.pool == "bank" else "bank")

    # ---- files ---------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import questions", "",
                                              question_files_filter())
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Job:
        """Add every question of a question file, read and stored on the writer thread;
        the status bar then says what was imported, and what the file held that was not
        kept as it was is listed in a window of its own."""
        job = start_import(self.session, [path], ImportTarget.quiz(self.quiz_id))
        self.status.setText(f"Importing {path.name}…")
        host = self.window()  # this panel is rebuilt when the questions come in
        job.succeeded.connect(lambda report: setattr(
            job, "notes", show_import_notes(host, report, path)))
        return job

    def choose_export(self) -> None:
        dialog = ExportQuestionsDialog(self.quiz.title, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.export_questions(*dialog.choice())

    def export_questions(self, fmt: str, path: Path) -> Job:
        """Write the quiz's questions as ``fmt`` (gift, moodle, qti21, qti30) to ``path``
        in the background, whole or not at all."""
        return start_export(self.session, self.quiz_id, fmt, path, self.window())

    def export_gift(self, path: Path) -> bool:
        """Write the quiz's questions as GIFT, whole or not at all."""
        from studio.quiz.gift_writer import export_gift  # noqa: PLC0415

        text = self.session.run(export_gift, self.quiz_id)
        if not text.ok:
            return False
        written = self.session.run(lambda _project: write_text_atomically(path, text.value))
        if written.ok:
            self.session.notice.emit(f"Wrote {len(self.quiz.questions)} question(s) to "
                                     f"{path.name}.")
        return written.ok

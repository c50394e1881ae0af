"""The cue panel: a clip's cue points (in-video question points) in the inspector.

Cue points are listed and edited in lesson time, as the ruler shows them; the core stores
them in seconds of the clip's source, and every edit is one of its cue commands. The panel
follows the session's selected cue point (a click on a marker in the timeline selects one).
Questions at a cue point are written in the question dialog or copied from a quiz.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.errors import StudioError
from studio.model import CuePoint, Lesson, Question, Quiz, VideoClip
from studio.quiz.types import QUESTION_TYPES
from studio.timecode import parse_time
from studio.ui.dialog_parts import error_label, ok_cancel
from studio.ui.question_form import QuestionDialog
from studio.ui.session import ProjectSession
from studio.ui.timeline import cues, logic

ID_ROLE = Qt.ItemDataRole.UserRole


def question_label(question: Question) -> str:
    """A question as one line of a list: "[True / false] prompt — 1 pt"."""
    kind = QUESTION_TYPES.get(question.type)
    return (f"[{kind.label if kind else question.type}] {question.prompt} — "
            f"{question.points:g} pt")


class CuePanel(QGroupBox):
    """The cue points of one clip, the selected one's title, time, questions and rules.

    ``playhead`` gives the source time under the timeline's playhead (None: not on a clip).
    """

    def __init__(self, session: ProjectSession, clip: VideoClip,
                 playhead: Callable[[], float | None], parent: QWidget | None = None):
        super().__init__("Cue points (questions in the video)", parent)
        self.session, self.clip, self.playhead = session, clip, playhead
        self.box = self._box()
        self.cue: CuePoint | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName("Cue points")
        self.list.setFixedHeight(76)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for cue in clip.cue_points:
            entry = QListWidgetItem(self._entry_text(cue))
            entry.setData(ID_ROLE, cue.id)
            self.list.addItem(entry)
        self.list.currentItemChanged.connect(lambda entry, _old: self.session.select_cue(
            self.clip.id, entry.data(ID_ROLE) if entry is not None else ""))
        self.add_button = QPushButton("Add at playhead", self)
        self.add_button.setToolTip("Add a cue point where the timeline's playhead is (M in "
                                   "the timeline)")
        self.add_button.clicked.connect(self.add_at_playhead)
        self.delete_button = QPushButton("Delete cue point", self)
        self.delete_button.clicked.connect(self.delete_current)
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Cue point title")
        self.title.setPlaceholderText("Cue point")
        self.title.editingFinished.connect(self._title_done)
        self.time = QLineEdit(self)
        self.time.setAccessibleName("Cue point time on the timeline")
        start, end = logic.duration_text(self.box.start), logic.duration_text(self.box.end)
        self.time.setToolTip(f"Lesson time, as the ruler shows it: {start} to {end} "
                             "(25, 0:25 or 00:00:25.5)")
        self.time.editingFinished.connect(self._time_done)
        self.must_answer = QCheckBox("Learner must answer to go on", self)
        self.must_answer.setToolTip("The video waits until the questions here are answered")
        self.must_answer.toggled.connect(self._must_answer_done)
        self.error = error_label(self)
        self.error.hide()
        self.questions = QListWidget(self)
        self.questions.setAccessibleName("Questions at this cue point")
        self.questions.setFixedHeight(76)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.itemDoubleClicked.connect(lambda _entry: self.edit_question())
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, (key, text, slot) in enumerate((
                ("add", "Add question…", self.add_question),
                ("bank", "From the quiz bank…", self.from_bank),
                ("edit", "Edit…", self.edit_question),
                ("remove", "Remove question", self.remove_question))):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=slot: act())
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[key] = button
        self.questions.currentRowChanged.connect(lambda _row: self._enable())
        row = QHBoxLayout()
        row.addWidget(self.add_button, 1)
        row.addWidget(self.delete_button)
        self.detail = QFormLayout()
        self.detail.addRow("Title", self.title)
        self.detail.addRow("Time", self.time)
        self.detail.addRow(self.must_answer)
        self.detail.addRow(self.error)
        self.detail.addRow("Questions", self.questions)
        self.detail.addRow(grid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addLayout(self.detail)
        session.cue_selected.connect(self.focus_cue)
        self.focus_cue(session.selected_cue if session.selected == clip.id else "")

    # ---- times -------------------------------------------------------------------------------
    def _box(self) -> logic.Box:
        """Where the clip sits on its lesson's timeline."""
        lesson = self.session.find(self.clip.lesson_id)
        assets = self.session.course().assets
        boxes = logic.layout(lesson.items if isinstance(lesson, Lesson) else (self.clip,),
                             {a: assets[a].duration for a in assets})
        return next(b for b in boxes if b.item_id == self.clip.id)

    def lesson_time(self, cue: CuePoint) -> float:
        """A cue point's time on the lesson's timeline (seconds), as the ruler counts."""
        return cues.lesson_time(self.box, cue.time)

    def _entry_text(self, cue: CuePoint) -> str:
        asked = sum(q.cue_id == cue.id for q in self.clip.questions)
        return (f"{logic.duration_text(self.lesson_time(cue))}  {cue.title or 'Cue point'}"
                f"  · {asked} question(s)")

    # ---- the selected cue point ------------------------------------------------------------
    def focus_cue(self, cue_id: str) -> None:
        """Show this cue point's details ('' or a cue of another clip: none)."""
        self.cue = next((c for c in self.clip.cue_points if c.id == cue_id), None)
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.clip.cue_points.index(self.cue) if self.cue else -1)
        self.list.blockSignals(False)
        for widget in (self.title, self.time, self.must_answer):
            widget.blockSignals(True)
        self.title.setText(self.cue.title if self.cue else "")
        self.time.setText(logic.duration_text(self.lesson_time(self.cue)) if self.cue else "")
        self.must_answer.setChecked(bool(self.cue and self.cue.must_answer))
        for widget in (self.title, self.time, self.must_answer):
            widget.blockSignals(False)
        self.questions.clear()
        for question in self.cue_questions():
            entry = QListWidgetItem(question_label(question))
            entry.setData(ID_ROLE, question.id)
            entry.setToolTip(question.prompt)
            self.questions.addItem(entry)
        self.error.hide()
        self._enable()

    def cue_questions(self) -> list[Question]:
        """The questions asked at the selected cue point, in order."""
        return [q for q in self.clip.questions if self.cue and q.cue_id == self.cue.id]

    def _enable(self) -> None:
        chosen = self.cue is not None
        for widget in (self.title, self.time, self.must_answer, self.questions,
                       self.delete_button, self.buttons["add"], self.buttons["bank"]):
            widget.setEnabled(chosen)
        for key in ("edit", "remove"):
            self.buttons[key].setEnabled(chosen and self.questions.currentRow() >= 0)

    def _refuse(self, message: str) -> None:
        """Say why beside the fields (and in the status bar), without a dialog."""
        self.error.setText(message)
        self.error.show()
        self.session.notice.emit(message)

    def _title_done(self) -> None:
        if self.cue is not None and self.title.text() != self.cue.title:
            self.session.run(commands.rename_cue, self.clip.id, self.cue.id, self.title.text())

    def _time_done(self) -> None:
        cue = self.cue
        if cue is None or self.time.text() == logic.duration_text(self.lesson_time(cue)):
            return
        try:
            at = parse_time(self.time.text())
        except StudioError as exc:
            self.time.setText(logic.duration_text(self.lesson_time(cue)))
            self._refuse(exc.message)
            return
        if not self.box.start - 1e-6 <= at <= self.box.end + 1e-6:
            self.time.setText(logic.duration_text(self.lesson_time(cue)))
            start, end = logic.duration_text(self.box.start), logic.duration_text(self.box.end)
            self._refuse(f"{logic.duration_text(at)} is outside this clip, which plays "
                         f"{start}–{end} on the timeline.")
            return
        source = min(max(round(self.box.source_time(at), 3), self.clip.in_point),
                     self.clip.out_point)
        if not self.session.run(commands.move_cue, self.clip.id, cue.id, source).ok:
            self.time.setText(logic.duration_text(self.lesson_time(cue)))

    def _must_answer_done(self, checked: bool) -> None:
        if self.cue is not None:
            self.session.run(commands.set_must_answer, self.clip.id, self.cue.id, checked)

    # ---- cue points --------------------------------------------------------------------------
    def add_at_playhead(self) -> str | None:
        """Add a cue point at the playhead, if it is on this clip, and select it."""
        at = self.playhead()
        if at is None or not self.clip.in_point <= at <= self.clip.out_point:
            self._refuse("Place the timeline's playhead on this clip first.")
            return None
        cue_id = self.session.run(commands.add_cue, self.clip.id, round(at, 3),
                                  "Cue point").value
        if cue_id:
            self.session.select_cue(self.clip.id, cue_id)
        return cue_id

    def delete_current(self) -> None:
        """Remove the selected cue point and its questions (one undo step)."""
        if self.cue is not None:
            cue_id = self.cue.id
            if self.session.run(commands.remove_cue, self.clip.id, cue_id).ok:
                self.session.select_cue(self.clip.id, "")

    # ---- questions ---------------------------------------------------------------------------
    def current_question(self) -> Question | None:
        entry = self.questions.currentItem()
        question_id = entry.data(ID_ROLE) if entry is not None else ""
        return next((q for q in self.clip.questions if q.id == question_id), None)

    def add_question(self) -> QuestionDialog | None:
        """Open the question dialog; an accepted question is asked at the selected cue."""
        if self.cue is None:
            return None
        dialog = QuestionDialog(self.window(), qtype="choice")
        session, clip_id, cue_id = self.session, self.clip.id, self.cue.id

        def store() -> None:
            qtype, prompt, points, data = dialog.result_fields()
            session.run(commands.add_question, clip_id, qtype, prompt, points=points, data=data,
                        cue_id=cue_id)

        return self._open(dialog, store)

    def edit_question(self) -> QuestionDialog | None:
        """Open the question dialog on the selected question; accepted changes are stored."""
        question = self.current_question()
        if question is None:
            return None
        dialog = QuestionDialog(self.window(), question=question)
        session = self.session

        def store() -> None:
            qtype, prompt, points, data = dialog.result_fields()
            session.run(commands.edit_question, question.id, type=qtype, prompt=prompt,
                        points=points, data=data)

        return self._open(dialog, store)

    @staticmethod
    def _open(dialog: QDialog, store: Callable[[], None]) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(store)
        dialog.open()
        return dialog

    def remove_question(self) -> None:
        question = self.current_question()
        if question is not None:
            self.session.run(commands.remove_question, question.id)

    def from_bank(self) -> BankPicker | None:
        """Pick questions of the course's quizzes; copies of them are asked at the cue."""
        if self.cue is None:
            return None
        picker = BankPicker(self.session, self.window())
        session, clip_id, cue_id = self.session, self.clip.id, self.cue.id

        def copy() -> None:
            chosen = picker.chosen()

            def copy_all(project) -> None:
                with project.group("Copy questions to cue point"):
                    for question_id in chosen:
                        commands.copy_question_to_cue(project, question_id, clip_id, cue_id)

            if chosen:
                session.run(copy_all)

        self._open(picker, copy)
        return picker


class BankPicker(QDialog):
    """The questions of the course's quizzes, their banks first, to copy onto a cue point."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("From the quiz bank")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Quiz questions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        found = [(quiz, q) for quiz in session.course().items() if isinstance(quiz, Quiz)
                 for q in quiz.questions]
        found.sort(key=lambda pair: pair[1].pool != "bank")  # stable: quiz order kept
        for quiz, question in found:
            where = f"{quiz.title} · {'bank' if question.pool == 'bank' else 'quiz'}"
            entry = QListWidgetItem(f"{question_label(question)}  ({where})")
            entry.setData(ID_ROLE, question.id)
            self.list.addItem(entry)
        note = QLabel("Copies of the chosen questions are asked at the cue point; the quiz "
                      "keeps its own." if found else "The course's quizzes have no questions "
                      "yet.", self)
        note.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> list[str]:
        """The ids of the chosen questions, in list order."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())
                if self.list.item(row).isSelected()]

"""A quiz in the preview pane as the learner takes it: answer, submit, see the grade, retry.

Questions are drawn as the player draws them and judged by the player's rules
(:mod:`studio.quiz.scoring`, held to the same cases as ``player/scoring.js``); after
Submit each question shows right or wrong, the feedback of the chosen choices, its right or
wrong feedback and its general feedback, and the quiz its score against the pass mark.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.model import Asset, Question, Quiz
from studio.quiz.judges import read_number
from studio.quiz.scoring import QuestionResult, attempt_questions, score_quiz
from studio.quiz.types import QUESTION_TYPES, contract_fields
from studio.ui.media_previews import MediaPreviews

GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#555555"
PICTURE_HEIGHT = 144  # pixels: a prompt's picture, at the size the previews are made


def judged_shape(question: Question) -> dict:
    """A question as the judges read it (the player data contract's scoring fields)."""
    return {"id": question.id, "type": question.type, "points": question.points,
            **contract_fields(question.type, question.data)}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str, colour: str = NEUTRAL, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {colour};" + (" font-weight: 600;" if bold else ""))
    return label


class _ClickCombo(QComboBox):
    """A drop-down that the wheel scrolling the quiz past it does not change."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area scrolls instead


class QuestionView(QFrame):
    """One question's controls; reads the response in the player's neutral shape and shows
    the outcome and feedback once judged."""

    def __init__(self, question: Question, number: int, picture: QPixmap | None = None,
                 shuffle: bool = False, rng: random.Random | None = None):
        super().__init__()
        self.question = question
        self.shuffle, self.rng = shuffle, rng or random.Random(question.id)
        self.kind = QUESTION_TYPES.get(question.type)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        prompt = QLabel(f"<b>{number}.</b> {_escape(question.prompt)}")
        prompt.setTextFormat(Qt.TextFormat.RichText)
        prompt.setWordWrap(True)
        self.layout_.addWidget(prompt)
        self.image = QLabel(self)  # the prompt's picture, shown once it is loaded
        self.image.setAccessibleName(question.data.get("mediaAlt", "") or "Question picture")
        self.image.setToolTip(question.data.get("mediaAlt", ""))
        self.layout_.addWidget(self.image)
        self.show_picture(picture)
        self.buttons: dict[str, QAbstractButton] = {}  # option id -> its box
        self.choice_notes: dict[str, QLabel] = {}
        self.selects: list[tuple[str, QComboBox]] = []
        self.answer: QLineEdit | None = None
        self._controls(question.data)
        self.verdict = _note("", bold=True)
        self.feedback = QVBoxLayout()
        self.layout_.addWidget(self.verdict)
        self.layout_.addLayout(self.feedback)
        self.verdict.hide()

    def show_picture(self, picture: QPixmap | None) -> None:
        """Show the prompt's picture (None: none, or not loaded yet)."""
        self.image.setVisible(picture is not None)
        if picture is not None:
            self.image.setPixmap(picture)

    def _controls(self, data: dict) -> None:
        interaction = self.kind.interaction if self.kind is not None else None
        if interaction in ("choice", "likert", "true-false"):
            entries = ([{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
                       if interaction == "true-false" else list(data.get(self.kind.options, [])))
            if self.shuffle and interaction == "choice":  # as the player: never a scale
                self.rng.shuffle(entries)
            group = QButtonGroup(self)
            group.setExclusive(not self.kind.several_right)
            for entry in entries:
                box = (QCheckBox if self.kind.several_right else QRadioButton)(
                    str(entry.get("text", "")), self)
                group.addButton(box)
                self.layout_.addWidget(box)
                self.buttons[entry["id"]] = box
                note = _note("")
                note.setContentsMargins(24, 0, 0, 0)
                note.hide()
                self.layout_.addWidget(note)
                self.choice_notes[entry["id"]] = note
        elif interaction in ("fill-in", "numeric"):
            self.answer = QLineEdit(self)
            self.answer.setAccessibleName(f"Answer to: {self.question.prompt}")
            self.answer.setPlaceholderText("Your answer" if interaction == "fill-in"
                                           else "A number")
            self.layout_.addWidget(self.answer)
        elif interaction in ("matching", "sequencing"):
            form = QFormLayout()
            if interaction == "matching":
                seen, options = set(), []
                for pair in data.get("pairs", []):  # each right side once, as the player does
                    if pair["right"] not in seen:
                        seen.add(pair["right"])
                        options.append((pair["id"], pair["right"]))
                rows = [(p["id"], p["left"]) for p in data.get("pairs", [])]
                if self.shuffle:
                    self.rng.shuffle(options)
            else:
                options = [(i["id"], i["text"]) for i in data.get("items", [])]
                # listed in authored order they would give the answer away
                self.rng.shuffle(options)
                rows = [(str(n), f"Position {n}") for n in range(1, len(options) + 1)]
            for key, label in rows:
                select = _ClickCombo(self)
                select.setAccessibleName(label)
                select.addItem("Choose…", None)
                for option_id, text in options:
                    select.addItem(text, option_id)
                form.addRow(label, select)
                self.selects.append((key, select))
            self.layout_.addLayout(form)

    def response(self) -> object:
        """The learner's answer in the player's neutral shape; None when not answered."""
        name = self.question.type
        if self.answer is not None:
            text = self.answer.text()
            if not text.strip():
                return None
            return text if name == "fill" else read_number(text)
        if self.selects:
            chosen = {key: select.currentData() for key, select in self.selects}
            if any(v is None for v in chosen.values()):
                return None
            return chosen if name == "matching" else list(chosen.values())
        ticked = [key for key, box in self.buttons.items() if box.isChecked()]
        if name == "multiple":
            return ticked or None
        if not ticked:
            return None
        return ticked[0] == "true" if name == "truefalse" else ticked[0]

    def show_outcome(self, result: QuestionResult, response: object) -> None:
        """Show the verdict and the feedback of one judged answer, as the player does."""
        self.clear_outcome()
        feedback = self.question.data.get("feedback") or {}
        if response is None and result.correct is not None:
            text, colour = "Not answered", BAD
        elif result.correct is None:
            text, colour = "Answered", NEUTRAL
        elif result.correct:
            text, colour = f"Correct · {result.score:g} of {result.max:g} point(s)", GOOD
        else:
            text, colour = f"Incorrect · 0 of {result.max:g} point(s)", BAD
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verdict.show()
        authored = ("" if result.correct is None else
                    feedback.get("correct" if result.correct else "incorrect", ""))
        for text, role in ((authored, "feedback"), (feedback.get("general", ""), "general")):
            if text:
                note = _note(text)
                note.setObjectName(role)
                self.feedback.addWidget(note)
        chosen = (response if isinstance(response, list) else [response]) \
            if self.question.type in ("choice", "multiple") else []
        for choice in self.question.data.get("choices", []):
            note = self.choice_notes.get(choice["id"])
            if note is not None and choice["id"] in chosen and choice.get("feedback"):
                note.setText(choice["feedback"])
                note.show()
        self.set_enabled(False)

    def clear_outcome(self) -> None:
        self.verdict.hide()
        while self.feedback.count():
            self.feedback.takeAt(0).widget().deleteLater()
        for note in self.choice_notes.values():
            note.hide()

    def set_enabled(self, enabled: bool) -> None:
        for widget in [*self.buttons.values(), *(s for _k, s in self.selects),
                       *([self.answer] if self.answer else [])]:
            widget.setEnabled(enabled)


def question_widget(question: Question, number: int, picture: QPixmap | None = None,
                    shuffle: bool = False, rng: random.Random | None = None) -> QuestionView:
    """A question as the player shows it: prompt, picture and answer controls (choices and
    matches in a random order when ``shuffle``), nothing revealed until it is judged."""
    return QuestionView(question, number, picture, shuffle, rng)


class QuizPreview(QWidget):
    """One quiz to take in the window: an attempt drawn as the player draws it, Submit
    grades it, Retry starts a new attempt."""

    def __init__(self, quiz: Quiz, previews: MediaPreviews | None = None,
                 assets: Mapping[str, Asset] | None = None, parent: QWidget | None = None,
                 rng: random.Random | None = None):
        super().__init__(parent)
        self.quiz, self.previews, self.assets = quiz, previews, assets or {}
        if previews is not None:
            previews.ready.connect(self._picture_ready)
        self.rng = rng or random.Random()
        self.seen: set[str] = set()
        self.views: list[QuestionView] = []
        layout = QVBoxLayout(self)
        rules = f"Pass mark {quiz.pass_mark:g} %"
        rules += f" · {quiz.attempts} attempts" if quiz.attempts else " · unlimited attempts"
        self.rules = QLabel(rules, self)
        layout.addWidget(self.rules)
        self.questions_box = QVBoxLayout()
        layout.addLayout(self.questions_box)
        self.result = _note("", bold=True)
        self.result.setAccessibleName("Quiz result")
        self.result.hide()
        self.submit = QPushButton("Submit answers", self)
        self.submit.clicked.connect(self.grade)
        self.retry = QPushButton("Retry", self)
        self.retry.clicked.connect(self.new_attempt)
        self.retry.hide()
        layout.addWidget(self.result)
        layout.addWidget(self.submit)
        layout.addWidget(self.retry)
        layout.addStretch(1)
        self.new_attempt()

    def new_attempt(self) -> None:
        """Draw the questions of a new attempt and show them unanswered."""
        for view in self.views:
            view.deleteLater()
        while self.questions_box.count():
            self.questions_box.takeAt(0)
        by_id = {q.id: q for q in self.quiz.questions}
        drawn = attempt_questions([judged_shape(q) | {"pool": q.pool}
                                   for q in self.quiz.questions],
                                  self.quiz.draw, self.rng, self.seen)
        self.views = [question_widget(by_id[q["id"]], n, self._picture(by_id[q["id"]]),
                                      self.quiz.shuffle, self.rng)
                      for n, q in enumerate(drawn, start=1)]
        for view in self.views:
            self.questions_box.addWidget(view)
        if not self.views:
            self.questions_box.addWidget(QLabel("This quiz has no questions yet: add them in "
                                                "the inspector.", self))
        self.result.hide()
        self.submit.setEnabled(bool(self.views))
        self.submit.show()
        self.retry.hide()

    def _picture(self, question: Question) -> QPixmap | None:
        media = question.data.get("media")
        if self.previews is None or not media:
            return None
        return self.previews.scaled(self.assets.get(media), PICTURE_HEIGHT)

    def _picture_ready(self, asset_id: str) -> None:
        for view in self.views:
            if view.question.data.get("media") == asset_id:
                view.show_picture(self._picture(view.question))

    def grade(self):
        """Judge every answer and show the outcome; returns the QuizResult."""
        asked = [judged_shape(view.question) for view in self.views]
        responses = {view.question.id: view.response() for view in self.views}
        outcome = score_quiz(asked, responses, self.quiz.pass_mark)
        for view in self.views:
            view.show_outcome(outcome.results[view.question.id], responses[view.question.id])
        if outcome.percent is None:
            text, colour = "Thank you: nothing in this quiz is scored.", NEUTRAL
        else:
            verdict = "Passed" if outcome.passed else "Not passed"
            text = (f"{verdict}: {outcome.score:g} of {outcome.max:g} points "
                    f"({outcome.percent:.0f} %; pass mark {self.quiz.pass_mark:g} %)")
            colour = GOOD if outcome.passed else BAD
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.result.show()
        self.submit.hide()
        self.retry.show()
        self.retry.setFocus()
        return outcome

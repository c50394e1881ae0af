"""A quiz in the preview pane as the learner takes it: answer, submit, see the grade, retry.

Questions are drawn as the player draws them and judged by the player's rules
(:mod:`studio.quiz.scoring`, held to the same cases as ``player/scoring.js``); after
Submit each question shows right or wrong, the feedback of the chosen choices, its right or
wrong feedback and its general feedback, and the quiz its score against the pass mark.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from studio.model import Asset, Question, Quiz
from studio.quiz.scoring import attempt_questions, score_quiz
from studio.quiz.types import QUESTION_TYPES
from studio.ui.hotspot_canvas import PictureLoaded, ReadPicture
from studio.ui.media_previews import MediaPreviews
from studio.ui.question_view import (
    BAD,
    GOOD,
    NEUTRAL,
    QuestionView,
    judged_shape,
    note_label,
    points_text,
    question_widget,
)

PICTURE_HEIGHT = 144  # pixels: a prompt's picture, at the size the previews are made
CHOICE_PICTURE_HEIGHT = 48  # pixels: a choice's picture beside its box


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
        self._loaded: PictureLoaded | None = None
        layout = QVBoxLayout(self)
        rules = f"Pass mark {quiz.pass_mark:g} %"
        rules += f" · {quiz.attempts} attempts" if quiz.attempts else " · unlimited attempts"
        self.rules = QLabel(rules, self)
        layout.addWidget(self.rules)
        self.questions_box = QVBoxLayout()
        layout.addLayout(self.questions_box)
        self.result = note_label("", bold=True)
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
        self.views, number = [], 0
        for q in drawn:
            kind = QUESTION_TYPES.get(q["type"])
            asks = kind is None or kind.interaction is not None
            number += asks
            self.views.append(question_widget(by_id[q["id"]], number if asks else 0,
                                              self._picture(by_id[q["id"]]),
                                              self.quiz.shuffle, self.rng))
        for view in self.views:
            self.questions_box.addWidget(view)
            view.show_entry_pictures(self._entry_picture)
            self._read_hotspot(view)
            media = self.assets.get(view.question.data.get("media") or "")
            if media is not None and media.kind in ("audio", "video"):
                word = "Video" if media.kind == "video" else "Sound"
                view.show_media_note(f"{word}: {media.original_name} (plays in the learner "
                                     "preview)")
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

    def _entry_picture(self, asset_id: str) -> QPixmap | None:
        if self.previews is None:
            return None
        return self.previews.scaled(self.assets.get(asset_id), CHOICE_PICTURE_HEIGHT)

    def _read_hotspot(self, view: QuestionView) -> None:
        """Read a hotspot's picture at its own size, off the window's thread."""
        asset = self.assets.get(view.question.data.get("image") or "")
        if view.hotspot is None or asset is None or self.previews is None:
            return
        if self._loaded is None:
            self._loaded = PictureLoaded(self)
            self._loaded.done.connect(self._hotspot_read)
        QThreadPool.globalInstance().start(
            ReadPicture(str(self.previews.media_dir / asset.filename), asset.id, self._loaded))

    def _hotspot_read(self, asset_id: str, image: QImage) -> None:
        for view in self.views:
            if view.hotspot is not None and view.question.data.get("image") == asset_id:
                view.hotspot.set_image(image)

    def _picture_ready(self, asset_id: str) -> None:
        for view in self.views:
            if view.question.data.get("media") == asset_id:
                view.show_picture(self._picture(view.question))
            view.show_entry_pictures(self._entry_picture)

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
            text = (f"{verdict}: {points_text(outcome.score)} of {outcome.max:g} points "
                    f"({outcome.percent:.0f} %; pass mark {self.quiz.pass_mark:g} %)")
            colour = GOOD if outcome.passed else BAD
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.result.show()
        self.submit.hide()
        self.retry.show()
        self.retry.setFocus()
        return outcome

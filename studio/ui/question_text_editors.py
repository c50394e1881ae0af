"""The editors of the types whose answer is text or nothing: an essay's model answer and
longest answer, and a description, which is its prompt alone."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QSpinBox, QWidget

from studio.quiz.spatial import ESSAY_MAX_LENGTH
from studio.quiz.types import QuestionType
from studio.ui.question_rows import AnswerEditor


class EssayEditor(AnswerEditor):
    """Essay / reflection: a model answer shown after submitting, and the most characters
    a learner may write."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        self.model = QPlainTextEdit(self)
        self.model.setAccessibleName("Model answer")
        self.model.setPlaceholderText("Shown to the learner after they submit (optional)")
        self.model.setTabChangesFocus(True)
        self.model.setFixedHeight(90)
        self.longest = QSpinBox(self, minimum=1, maximum=ESSAY_MAX_LENGTH,
                                value=kind.defaults.get("maxLength", ESSAY_MAX_LENGTH))
        self.longest.setAccessibleName("Longest answer in characters")
        self.longest.setSuffix(" characters")
        form = QFormLayout()
        form.addRow("Model answer", self.model)
        form.addRow("Longest answer", self.longest)
        self.layout_.addLayout(form)
        note = QLabel("Not scored: the learner's text is kept and reported to the LMS.", self)
        note.setWordWrap(True)
        self.layout_.addWidget(note)

    def load(self, data: dict) -> None:
        self.model.setPlainText(data.get("modelAnswer", "") or "")
        self.longest.setValue(int(data.get("maxLength") or self.kind.defaults["maxLength"]))

    def data(self) -> dict:
        return {"modelAnswer": self.model.toPlainText().strip(),
                "maxLength": self.longest.value()}


class DescriptionEditor(AnswerEditor):
    """Description: no answers; the prompt is the text shown between questions."""

    def __init__(self, kind: QuestionType, parent: QWidget | None = None):
        super().__init__(kind, parent)
        note = QLabel("Text only: the question's text is shown between questions; nothing "
                      "is asked, scored or reported.", self)
        note.setWordWrap(True)
        self.layout_.addWidget(note)

    def load(self, data: dict) -> None:
        """Nothing to show: a description has no answer data."""

    def data(self) -> dict:
        return {}

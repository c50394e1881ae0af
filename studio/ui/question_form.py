"""The form to write or change a question of every type.

Answers are written one per line, the way designers draft them: a leading ``*`` marks a
correct choice, ``left = right`` a matching pair, and sequencing lines are in their right
order. :func:`question_data` turns those lines into the question data the core stores and
:func:`question_lines` turns stored data back into lines. What the form cannot know (a
numeric range, a title from a question file) is refused or kept by the core's own check,
:func:`studio.quiz.questions.normalise_question`, whose message the form shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.model import Question
from studio.quiz.questions import normalise_question, starter_data
from studio.quiz.types import QUESTION_TYPES, QuestionType

# The editor's name of each type; an unscored type says so.
TYPES = {t.name: t.label + ("" if t.scored else " (not scored)")
         for t in QUESTION_TYPES.values()}
# The data fields the form writes as answer lines, with how a line is written.
LINE_HINTS = {
    "choices": "One choice per line; start {right} with *",
    "answers": "Accepted answers, one per line",
    "pairs": "One pair per line: left = right",
    "items": "The steps in their correct order, one per line",
    "scale": "The scale, one point per line, lowest first",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def lines_field(kind: QuestionType) -> str | None:
    """The field of a type the form writes as answer lines (None: it has none)."""
    return next((key for key in kind.fields if key in LINE_HINTS), None)


def hint(kind: QuestionType) -> str:
    """How the answer lines of a type are written ("" when it has none)."""
    field = lines_field(kind)
    right = "every correct one" if kind.several_right else "the correct one"
    return "" if field is None else LINE_HINTS[field].format(right=right)


def question_data(qtype: str, lines: str, answer: bool = True, value: float = 0.0,
                  tolerance: float = 0.0, correct: str = "", incorrect: str = "") -> dict:
    """The stored data of a question from what the form holds; refuses what cannot work."""
    kind = QUESTION_TYPES.get(qtype)
    if kind is None:
        raise InvalidEditError(f"Unknown question type {qtype}.")
    field, entries = lines_field(kind), _lines(lines)
    data: dict = {}
    if field == "choices":
        choices = [{"id": chr(97 + n) if n < 26 else f"c{n}", "text": line.lstrip("*").strip(),
                    "correct": line.startswith("*"), "feedback": ""}
                   for n, line in enumerate(entries)]
        right = sum(c["correct"] for c in choices)
        if len(choices) < 2:
            raise InvalidEditError("A choice question needs at least two choices.")
        if right == 0 or (not kind.several_right and right != 1):
            raise InvalidEditError("Mark the correct choice with * at the start of its line"
                                   + ("." if kind.several_right else " (exactly one)."))
        data["choices"] = choices
    elif field == "answers":
        if not entries:
            raise InvalidEditError("Give at least one accepted answer.")
        data.update(answers=entries, **kind.defaults)
    elif field == "pairs":
        pairs = [line.split("=", 1) for line in entries]
        if len(pairs) < 2 or any(len(p) != 2 or not p[0].strip() or not p[1].strip()
                                 for p in pairs):
            raise InvalidEditError("Write at least two pairs, one per line, as left = right.")
        data["pairs"] = [{"id": f"p{n + 1}", "left": left.strip(), "right": right.strip()}
                         for n, (left, right) in enumerate(pairs)]
    elif field == "items":
        if len(entries) < 2:
            raise InvalidEditError("A sequence needs at least two steps.")
        data["items"] = [{"id": f"s{n + 1}", "text": t} for n, t in enumerate(entries)]
    elif field == "scale":
        if len(entries) < 2:
            raise InvalidEditError("A scale needs at least two points.")
        data["scale"] = [{"id": str(n + 1), "text": t} for n, t in enumerate(entries)]
    elif "answer" in kind.fields:
        data["answer"] = bool(answer)
    elif "value" in kind.fields:
        data.update(value=value, tolerance=tolerance)
    if kind.scored:
        data["feedback"] = {"correct": correct, "incorrect": incorrect}
    return data


KEPT = ("media", "title", "category")  # stored fields the form does not show, kept on edit


def question_lines(qtype: str, data: dict) -> str:
    """The answer lines the form shows for stored question data."""
    kind = QUESTION_TYPES.get(qtype)
    field = lines_field(kind) if kind is not None else None
    if field == "choices":
        return "\n".join(("*" if c.get("correct") else "") + str(c.get("text", ""))
                         for c in data.get("choices", []))
    if field == "answers":
        return "\n".join(str(a) for a in data.get("answers", []))
    if field == "pairs":
        return "\n".join(f"{p.get('left', '')} = {p.get('right', '')}"
                         for p in data.get("pairs", []))
    if field in ("items", "scale"):
        return "\n".join(str(e["text"] if isinstance(e, dict) else e)
                         for e in data.get(field, []))
    return ""


class QuestionDialog(QDialog):
    """Write one question of any type, or change one (``question`` given)."""

    def __init__(self, parent: QWidget | None = None, qtype: str = "choice",
                 question: Question | None = None):
        super().__init__(parent)
        self.question = question
        self.setWindowTitle("Edit question" if question else "New question")
        self.kind = QComboBox(self)
        for key, label in TYPES.items():
            self.kind.addItem(label, key)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setPlaceholderText("The question as the learner reads it")
        self.prompt.setFixedHeight(60)
        self.points = QDoubleSpinBox(self, minimum=0, maximum=1000, value=1)
        self.hint = QLabel(self)
        self.lines = QPlainTextEdit(self)
        self.answer = QComboBox(self)
        self.answer.addItems(["True", "False"])
        self.value = QDoubleSpinBox(self, minimum=-1e9, maximum=1e9, decimals=4)
        self.tolerance = QDoubleSpinBox(self, minimum=0, maximum=1e9, decimals=4)
        self.correct = QLineEdit(self)
        self.incorrect = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #d0453a;")
        form = QFormLayout()
        form.addRow("Type", self.kind)
        form.addRow("Question", self.prompt)
        form.addRow("Points", self.points)
        form.addRow(self.hint)
        form.addRow("Answers", self.lines)
        form.addRow("Correct answer", self.answer)
        form.addRow("Value", self.value)
        form.addRow("Tolerance ±", self.tolerance)
        form.addRow("Feedback if right", self.correct)
        form.addRow("Feedback if wrong", self.incorrect)
        self.form = form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.kind.currentIndexChanged.connect(self._start_type)
        self.kind.setCurrentIndex(list(TYPES).index(question.type if question else qtype))
        self._show_fields()
        if question is not None:
            self._fill(question)
        else:
            self._start_type()

    def _fill(self, question: Question) -> None:
        data = question.data
        self.prompt.setPlainText(question.prompt)
        self.points.setValue(question.points)
        self.lines.setPlainText(question_lines(question.type, data))
        self.answer.setCurrentIndex(0 if data.get("answer", True) else 1)
        self.value.setValue(float(data.get("value") or 0))
        self.tolerance.setValue(float(data.get("tolerance") or 0))
        feedback = data.get("feedback") or {}
        self.correct.setText(feedback.get("correct", ""))
        self.incorrect.setText(feedback.get("incorrect", ""))

    def _start_type(self) -> None:
        """A new question (or a change of type) starts from the type's starter answers."""
        if self.question is not None and self.qtype() == self.question.type:
            return
        self.lines.setPlainText(question_lines(self.qtype(), starter_data(self.qtype())))

    def qtype(self) -> str:
        return self.kind.currentData()

    def _show_fields(self) -> None:
        kind = QUESTION_TYPES[self.qtype()]
        self.hint.setText(hint(kind))
        for widget, shown in ((self.lines, lines_field(kind) is not None),
                              (self.answer, "answer" in kind.fields),
                              (self.value, "value" in kind.fields),
                              (self.tolerance, "tolerance" in kind.fields),
                              (self.correct, kind.scored),
                              (self.incorrect, kind.scored)):
            self.form.setRowVisible(widget, shown)

    def result_fields(self) -> tuple[str, str, float, dict]:
        data = question_data(self.qtype(), self.lines.toPlainText(),
                             self.answer.currentText() == "True", self.value.value(),
                             self.tolerance.value(), self.correct.text(), self.incorrect.text())
        if self.question is not None and self.qtype() == self.question.type:
            data.update({key: self.question.data[key] for key in KEPT
                         if self.question.data.get(key) is not None})
            general = (self.question.data.get("feedback") or {}).get("general")
            if general and "feedback" in data:  # not shown here; an edit keeps it
                data["feedback"]["general"] = general
        prompt = self.prompt.toPlainText().strip()
        if not prompt:
            raise InvalidEditError("A question needs a prompt.")
        # the core's own check: what it would refuse is refused here, in its words
        prompt, points, data = normalise_question(self.qtype(), prompt, self.points.value(),
                                                  data)
        return self.qtype(), prompt, points, data

    def accept(self) -> None:
        try:
            self.fields = self.result_fields()
        except InvalidEditError as exc:
            self.error.setText(exc.message)
            return
        super().accept()

"""One question in the quiz preview as the learner sees it: its prompt, media and answer
controls for every type (a hotspot's picture to click with its list of regions beside it,
drag and drop's items each with a drop-down of categories, an essay's text box), the response
read in the player's neutral shape, and the verdict and feedback once judged, partial credit
included ("Partly correct · 1.5 of 3 point(s)").
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap, QTextCursor, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.model import Question
from studio.quiz.judges import read_number
from studio.quiz.scoring import QuestionResult
from studio.quiz.types import QUESTION_TYPES, contract_fields
from studio.ui.preview_hotspot import HotspotPicture

GOOD, BAD, NEUTRAL, PARTLY = "#2e7d32", "#c62828", "#555555", "#b26a00"


def judged_shape(question: Question) -> dict:
    """A question as the judges read it (the player data contract's scoring fields)."""
    return {"id": question.id, "type": question.type, "points": question.points,
            **contract_fields(question.type, question.data)}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def points_text(points: float) -> str:
    """Points as the preview writes them: at most two decimals (1.33 of 2, not 1.33333)."""
    return f"{round(points, 2):g}"


def note_label(text: str, colour: str = NEUTRAL, bold: bool = False) -> QLabel:
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
        numbered = f"<b>{number}.</b> " if number else ""  # a description has no number
        prompt = QLabel(numbered + _escape(question.prompt))
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
        self.essay: QPlainTextEdit | None = None
        self.hotspot: HotspotPicture | None = None
        self._controls(question.data)
        self.verdict = note_label("", bold=True)
        self.feedback = QVBoxLayout()
        self.layout_.addWidget(self.verdict)
        self.layout_.addLayout(self.feedback)
        self.verdict.hide()

    def show_entry_pictures(self, picture_of) -> None:
        """Give choices with a picture that picture (``picture_of(asset id)``: a QPixmap,
        or None while it is being read)."""
        for entry in self.question.data.get(self.kind.options or "", []) if self.kind else []:
            box = self.buttons.get(entry.get("id")) if isinstance(entry, dict) else None
            picture = picture_of(entry["media"]) if box and entry.get("media") else None
            if picture is not None:
                box.setIcon(QIcon(picture))
                box.setIconSize(picture.size())
                box.setToolTip(entry.get("mediaAlt", ""))

    def show_media_note(self, text: str) -> None:
        """Name the prompt's sound or video, which plays in the learner preview, not here."""
        self.image.setText(text)
        self.image.setStyleSheet(f"color: {NEUTRAL};")
        self.image.setVisible(bool(text))

    def show_picture(self, picture: QPixmap | None) -> None:
        """Show the prompt's picture (None: none, or not loaded yet)."""
        self.image.setVisible(picture is not None)
        if picture is not None:
            self.image.setPixmap(picture)

    def _controls(self, data: dict) -> None:
        interaction = self.kind.interaction if self.kind is not None else None
        if self.question.type == "hotspot":
            self.hotspot = HotspotPicture(list(data.get("regions", [])),
                                          data.get("imageAlt", ""), self)
            self.hotspot.clicked.connect(self._region_clicked)
            self.layout_.addWidget(self.hotspot)
            self.layout_.addWidget(note_label("Or choose from the list:"))
        if self.question.type == "dragdrop":
            self._selects(data.get("items", []),
                          [(c["id"], c["text"]) for c in data.get("categories", [])])
        elif interaction == "long-fill-in":
            self.essay = QPlainTextEdit(self)
            self.essay.setAccessibleName(f"Answer to: {self.question.prompt}")
            self.essay.setPlaceholderText("Your answer")
            self.essay.setTabChangesFocus(True)
            self.essay.setFixedHeight(100)
            longest = data.get("maxLength") or self.kind.defaults.get("maxLength")
            self.essay.textChanged.connect(lambda: self._keep_within(longest))
            self.layout_.addWidget(self.essay)
        elif interaction in ("choice", "likert", "true-false"):
            entries = ([{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
                       if interaction == "true-false" else list(data.get(self.kind.options, [])))
            if self.shuffle and self.question.type in ("choice", "multiple"):
                self.rng.shuffle(entries)  # as the player: never a scale or regions
            group = QButtonGroup(self)
            group.setExclusive(not self.kind.several_right)
            for entry in entries:
                box = (QCheckBox if self.kind.several_right else QRadioButton)(
                    str(entry.get("text", entry.get("label", ""))), self)
                group.addButton(box)
                self.layout_.addWidget(box)
                self.buttons[entry["id"]] = box
                if self.hotspot is not None:
                    box.toggled.connect(lambda _on: self.hotspot.show_picks(
                        {k for k, b in self.buttons.items() if b.isChecked()}))
                note = note_label("")
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
            self._selects([{"id": key, "text": label} for key, label in rows], options)

    def _selects(self, rows: list[dict], options: list[tuple[str, str]]) -> None:
        """One drop-down of ``options`` per row: matching's pairs, sequencing's positions,
        drag and drop's items (the single-pointer way to place them, WCAG 2.5.7)."""
        form = QFormLayout()
        for row in rows:
            select = _ClickCombo(self)
            select.setAccessibleName(row["text"])
            select.addItem("Choose…", None)
            for option_id, text in options:
                select.addItem(text, option_id)
            form.addRow(row["text"], select)
            self.selects.append((row["id"], select))
        self.layout_.addLayout(form)

    def _region_clicked(self, region_id: str) -> None:
        box = self.buttons.get(region_id)
        if box is not None and box.isEnabled():
            box.setChecked(not box.isChecked())

    def _keep_within(self, longest: int | None) -> None:
        text = self.essay.toPlainText()
        if longest and len(text) > longest:
            self.essay.setPlainText(text[:longest])
            self.essay.moveCursor(QTextCursor.MoveOperation.End)

    def response(self) -> object:
        """The learner's answer in the player's neutral shape; None when not answered."""
        name = self.question.type
        if self.essay is not None:
            return self.essay.toPlainText() if self.essay.toPlainText().strip() else None
        if self.answer is not None:
            text = self.answer.text()
            if not text.strip():
                return None
            return text if name == "fill" else read_number(text)
        if self.selects:
            chosen = {key: select.currentData() for key, select in self.selects}
            if name == "dragdrop":  # items left out are simply not placed
                placed = {k: v for k, v in chosen.items() if v is not None}
                return placed or None
            if any(v is None for v in chosen.values()):
                return None
            return chosen if name == "matching" else list(chosen.values())
        ticked = [key for key, box in self.buttons.items() if box.isChecked()]
        if self.kind is not None and self.kind.several_right:
            return ticked or None
        if not ticked:
            return None
        return ticked[0] == "true" if name == "truefalse" else ticked[0]

    def show_outcome(self, result: QuestionResult, response: object) -> None:
        """Show the verdict and the feedback of one judged answer, as the player does."""
        self.clear_outcome()
        feedback = self.question.data.get("feedback") or {}
        if self.kind is not None and self.kind.interaction is None:
            self.set_enabled(False)
            return  # a description asks nothing
        if response is None and result.correct is not None:
            text, colour = "Not answered", BAD
        elif result.correct is None:
            text, colour = "Answered", NEUTRAL
        elif result.correct:
            text, colour = f"Correct · {result.score:g} of {result.max:g} point(s)", GOOD
        elif result.credit:
            text, colour = (f"Partly correct · {points_text(result.score)} of {result.max:g} "
                            "point(s)",
                            PARTLY)
        else:
            text, colour = f"Incorrect · 0 of {result.max:g} point(s)", BAD
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verdict.show()
        authored = ("" if result.correct is None else
                    feedback.get("correct" if result.correct else "incorrect", ""))
        if self.essay is not None and self.question.data.get("modelAnswer"):
            authored = f"Model answer: {self.question.data['modelAnswer']}"
        for text, role in ((authored, "feedback"), (feedback.get("general", ""), "general")):
            if text:
                note = note_label(text)
                note.setObjectName(role)
                self.feedback.addWidget(note)
        chosen = (response if isinstance(response, list) else [response]) \
            if self.question.type in ("choice", "multiple") else []
        for choice in self.question.data.get("choices", []):
            note = self.choice_notes.get(choice["id"])
            if note is not None and choice["id"] in chosen and choice.get("feedback"):
                note.setText(choice["feedback"])
                note.show()
        if self.hotspot is not None:
            self.hotspot.judged = True
            self.hotspot.show_picks(set(chosen_regions(response)))
        self.set_enabled(False)

    def clear_outcome(self) -> None:
        self.verdict.hide()
        while self.feedback.count():
            self.feedback.takeAt(0).widget().deleteLater()
        for note in self.choice_notes.values():
            note.hide()
        if self.hotspot is not None:
            self.hotspot.judged = False
            self.hotspot.update()

    def set_enabled(self, enabled: bool) -> None:
        for widget in [*self.buttons.values(), *(s for _k, s in self.selects),
                       *(w for w in (self.answer, self.essay) if w is not None)]:
            if isinstance(widget, QPlainTextEdit):
                widget.setReadOnly(not enabled)
            else:
                widget.setEnabled(enabled)


def chosen_regions(response: object) -> list[str]:
    """The region ids of a hotspot response ([] when not answered)."""
    return [r for r in response if isinstance(r, str)] if isinstance(response, list) else []


def question_widget(question: Question, number: int, picture: QPixmap | None = None,
                    shuffle: bool = False, rng: random.Random | None = None) -> QuestionView:
    """A question as the player shows it: prompt, picture and answer controls (choices and
    matches in a random order when ``shuffle``), nothing revealed until it is judged."""
    return QuestionView(question, number, picture, shuffle, rng)

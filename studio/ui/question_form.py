"""The form to write or change a question of every type.

The prompt, points, feedback and picture are common to every type; the answers are one
editor per type (:mod:`studio.ui.question_editors`). What the form can tell is wrong is
refused with a one-line reason; then the core's own check,
:func:`studio.quiz.questions.normalise_question`, runs and its message is shown the same
way. Stored fields the form does not show (a title or category from a question file) are
kept when a question is changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio.errors import InvalidEditError
from studio.model import Question
from studio.quiz.questions import MAX_POINTS, normalise_question, starter_data
from studio.quiz.types import QUESTION_TYPES
from studio.ui.question_editors import answer_editor
from studio.ui.question_rows import AnswerEditor

# The editor's name of each type; an unscored type says so.
TYPES = {t.name: t.label + ("" if t.scored else " (not scored)")
         for t in QUESTION_TYPES.values()}
KEPT = ("title", "category")  # stored fields the form does not show, kept on edit
PICTURES = "Pictures (*.png *.jpg *.jpeg *.gif *.webp *.svg);;All files (*)"


def _session_of(widget: QWidget | None):
    """The project session of the panel a dialog was opened from, if any."""
    while widget is not None:
        session = getattr(widget, "session", None)
        if session is not None and hasattr(session, "course"):
            return session
        widget = widget.parentWidget()
    return None


class QuestionDialog(QDialog):
    """Write one question of any type, or change one (``question`` given).

    When accepted, :attr:`fields` holds :meth:`result_fields`."""

    def __init__(self, parent: QWidget | None = None, qtype: str = "choice",
                 question: Question | None = None, session=None):
        super().__init__(parent)
        self.question = question
        self.session = session or _session_of(parent)
        self.setWindowTitle("Edit question" if question else "New question")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Question type")
        for key, label in TYPES.items():
            self.kind.addItem(label, key)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setAccessibleName("Question")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setPlaceholderText("The question as the learner reads it")
        self.prompt.setFixedHeight(60)
        self.points = QDoubleSpinBox(self, minimum=0, maximum=MAX_POINTS, value=1)
        self.points.setAccessibleName("Points")
        self.answers = QStackedWidget(self)
        self.editors: dict[str, AnswerEditor] = {}
        self.correct = QLineEdit(self)
        self.correct.setAccessibleName("Feedback if right")
        self.incorrect = QLineEdit(self)
        self.incorrect.setAccessibleName("Feedback if wrong")
        self.general = QLineEdit(self)
        self.general.setAccessibleName("General feedback")
        self.general.setPlaceholderText("Shown to every learner after answering")
        self.media = QComboBox(self)
        self.media.setAccessibleName("Picture")
        self.media_file = QPushButton("From file…", self)
        self.media_file.setAccessibleName("Picture from a file")
        self.media_file.clicked.connect(self.choose_picture)
        self.alt = QLineEdit(self)
        self.alt.setAccessibleName("Picture's alternative text")
        self.alt.setPlaceholderText("What the picture shows, for learners who cannot see it")
        picture = QHBoxLayout()
        picture.addWidget(self.media, 1)
        picture.addWidget(self.media_file)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #d0453a;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Type", self.kind)
        form.addRow("Question", self.prompt)
        form.addRow("Picture", picture)
        form.addRow("Alternative text", self.alt)
        form.addRow("Points", self.points)
        form.addRow("Answers", self.answers)
        form.addRow("Feedback if right", self.correct)
        form.addRow("Feedback if wrong", self.incorrect)
        form.addRow("General feedback", self.general)
        self.form = form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self._list_pictures(question.data.get("media") if question else None)
        self.media.currentIndexChanged.connect(self._show_alt)
        self.kind.setCurrentIndex(list(TYPES).index(question.type if question else qtype))
        self.kind.currentIndexChanged.connect(self._show_type)
        if question is not None:
            self._fill(question)
        self._show_type()

    # ---- what the form shows -------------------------------------------------------------
    def qtype(self) -> str:
        """The type the form is set to."""
        return self.kind.currentData()

    def editor(self, qtype: str | None = None) -> AnswerEditor:
        """The answer editor of a type (the current one by default), made when first shown:
        the question's own answers for its type, else the type's starter answers."""
        qtype = qtype or self.qtype()
        if qtype not in self.editors:
            editor = answer_editor(QUESTION_TYPES[qtype], self)
            same = self.question is not None and self.question.type == qtype
            editor.load(self.question.data if same else starter_data(qtype))
            self.editors[qtype] = editor
            self.answers.addWidget(editor)
        return self.editors[qtype]

    def _show_type(self) -> None:
        kind = QUESTION_TYPES[self.qtype()]
        self.answers.setCurrentWidget(self.editor())
        for widget in (self.correct, self.incorrect):
            self.form.setRowVisible(widget, kind.scored)
        self._show_alt()
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab follows the form top to bottom, and each answer editor row by row, left to
        right: editors are made when first shown, so they would otherwise come last."""
        editor = self.answers.currentWidget()
        self.layout().activate()
        inside = [w for w in editor.findChildren(QWidget)
                  if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
                  and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)]
        inside.sort(key=lambda w: (w.mapTo(editor, w.rect().topLeft()).y(),
                                   w.mapTo(editor, w.rect().topLeft()).x()))
        buttons = self.findChild(QDialogButtonBox).buttons()
        chain = [self.kind, self.prompt, self.media, self.media_file, self.alt, self.points,
                 *inside, self.correct, self.incorrect, self.general, *buttons]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._order_tabs()  # the editors' rows have their places now

    def _show_alt(self) -> None:
        self.form.setRowVisible(self.alt, self.media.currentData() is not None)

    def _fill(self, question: Question) -> None:
        data = question.data
        self.prompt.setPlainText(question.prompt)
        self.points.setValue(question.points)
        feedback = data.get("feedback") or {}
        self.correct.setText(feedback.get("correct", ""))
        self.incorrect.setText(feedback.get("incorrect", ""))
        self.general.setText(feedback.get("general", ""))
        self.alt.setText(data.get("mediaAlt", ""))

    # ---- the picture -----------------------------------------------------------------------
    def _list_pictures(self, current: str | None) -> None:
        """The course's pictures (and the question's own media, whatever its kind)."""
        self.media.blockSignals(True)
        self.media.clear()
        self.media.addItem("No picture", None)
        assets = self.session.course().assets if self.session is not None else {}
        for asset in sorted(assets.values(), key=lambda a: a.original_name.lower()):
            if asset.kind == "image" or asset.id == current:
                self.media.addItem(asset.original_name, asset.id)
        if current is not None and self.media.findData(current) < 0:
            self.media.addItem(current, current)  # not in this project's list: kept as is
        self.media.setCurrentIndex(max(0, self.media.findData(current)))
        self.media.blockSignals(False)
        self._show_alt()

    def choose_picture(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Picture for the question", "", PICTURES)
        if path:
            self.add_picture(Path(path))

    def add_picture(self, path: Path):
        """Bring a picture file into the course's media (a background job) and show it on
        the question when it is in. Returns the job (None without a project)."""
        if self.session is None:
            self.error.setText("Open a course to add pictures from files.")
            return None
        from studio.media.import_report import FileKind, ImportTarget  # noqa: PLC0415
        from studio.ui.imports import start_import  # noqa: PLC0415

        job = start_import(self.session, [path], ImportTarget())
        self.media_file.setEnabled(False)
        self.error.setText(f"Adding {path.name}…")

        done: dict = {}

        def ended() -> None:  # after the session has read the new asset back
            self.media_file.setEnabled(True)
            if "report" not in done:  # failed: the message is shown already
                return
            media = done["report"].of_kind(FileKind.MEDIA)
            asset = self.session.course().assets.get(media[0].asset_id or "") if media else None
            if asset is None or asset.kind != "image":
                self.error.setText(f"{path.name} is not a picture.")
                return
            self._list_pictures(asset.id)
            self.error.setText("")
            self.alt.setFocus()

        job.succeeded.connect(lambda report: done.update(report=report))
        job.failed.connect(lambda message: self.error.setText(message.splitlines()[0]))
        job.ended.connect(ended)
        return job

    # ---- the result ------------------------------------------------------------------------
    def result_fields(self) -> tuple[str, str, float, dict]:
        """(type, prompt, points, data) as the core stores them.

        Raises InvalidEditError with a one-line reason: an empty prompt, answers the form
        or the core refuses, a picture without its alternative text."""
        prompt = self.prompt.toPlainText().strip()
        if not prompt:
            raise InvalidEditError("A question needs a prompt.")
        data = self.editor().data()
        data["feedback"] = {"correct": self.correct.text().strip(),
                            "incorrect": self.incorrect.text().strip(),
                            "general": self.general.text().strip()}
        media = self.media.currentData()
        data["media"] = media
        if media is not None:
            if not self.alt.text().strip():
                raise InvalidEditError("Describe the picture in its alternative text, for "
                                       "learners who cannot see it.")
            data["mediaAlt"] = self.alt.text().strip()
        if self.question is not None:
            data.update({key: self.question.data[key] for key in KEPT
                         if self.question.data.get(key) is not None})
        # the core's own check: what it would refuse is refused here, in its words
        prompt, points, data = normalise_question(self.qtype(), prompt, self.points.value(),
                                                  data)
        return self.qtype(), prompt, points, data

    def accept(self) -> None:
        try:
            self.fields = self.result_fields()
        except InvalidEditError as exc:
            self.error.setText(exc.message.splitlines()[0])
            return
        self.error.setText("")
        super().accept()

"""Course settings: title, description, language, author, version, tracking, what the learner
meets (resume, a cover page, a certificate, objectives, the end message) and export defaults.

Course fields and settings are one ``set_course`` command (one undo step). The export format
and units are the project's publish settings, the same values the export dialog opens with and
stores (kept in the project, not undo steps: see :mod:`studio.commands.publish`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.commands.publish import publish_settings, set_publish
from studio.model import CompletionRule, CourseSettings
from studio.narration import LOUDNESS_RANGE
from studio.ui.dialog_parts import ok_cancel
from studio.ui.export_dialog import format_controls
from studio.ui.fields import LanguagePicker, with_message
from studio.ui.narration_voice import VoiceRow
from studio.ui.session import ProjectSession

RULES = {CompletionRule.ALL_ITEMS: "Every item viewed, every quiz submitted",
         CompletionRule.QUIZZES_PASSED: "Every scored quiz passed",
         CompletionRule.PERCENT_VIEWED: "A share of the items viewed"}
RESUME = {"always": "Always resume where the learner left off",
          "never": "Never: start at the beginning (the record of progress is kept)",
          "ask": "Ask the learner"}
UNRECORDED = {"continue": "Let the learner continue, and keep retrying",
              "block": "Stop the course until progress can be recorded again"}
# the settings this dialog shows beside the course fields, as set_course takes them
PLAYER_SETTINGS = ("resume", "unrecorded", "cover", "certificate", "objectives", "end_message")
# the narration defaults, as set_course takes them, and the voice row's name for each
NARRATION_SETTINGS = {"narration_engine": "engine", "narration_voice": "voice",
                      "narration_rate": "rate", "narration_pitch": "pitch"}


def _choices(options: dict[str, str], current: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, label in options.items():
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class CourseSettingsDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Course settings")
        course = session.course()
        self.title = QLineEdit(course.title)
        self.description = QPlainTextEdit(course.description)
        self.description.setFixedHeight(70)
        self.language = LanguagePicker(course.language)
        self._language_refused = False  # since OK was last pressed: the dialog stays open
        self.language.refused.connect(lambda _reason: setattr(self, "_language_refused", True))
        self.author = QLineEdit(course.author)
        self.version = QLineEdit(course.version)
        self.completion = QComboBox()
        for rule, label in RULES.items():
            self.completion.addItem(label, rule.value)
        self.completion.setCurrentIndex(self.completion.findData(course.tracking.completion.value))
        self.threshold = QDoubleSpinBox(minimum=0, maximum=100, suffix=" %",
                                        value=course.tracking.completion_threshold * 100)
        self.mastery = QDoubleSpinBox(minimum=0, maximum=100, suffix=" %")
        self.mastery.setSpecialValueText("no pass/fail")
        self.mastery.setValue(course.tracking.mastery_score or 0)
        settings: CourseSettings = course.settings
        self.resume = _choices(RESUME, settings.resume, "When a learner comes back")
        self.unrecorded = _choices(UNRECORDED, settings.unrecorded,
                                   "When progress cannot be recorded")
        self.cover = QCheckBox("Show a cover page (logo, title, duration, objectives) at the "
                               "start")
        self.cover.setChecked(settings.cover)
        self.certificate = QCheckBox("Offer a certificate of completion on the end page")
        self.certificate.setChecked(settings.certificate)
        self.objectives = QPlainTextEdit("\n".join(settings.objectives))
        self.objectives.setAccessibleName("Learning objectives, one per line")
        self.objectives.setPlaceholderText("One objective per line")
        self.objectives.setFixedHeight(70)
        self.objectives.setTabChangesFocus(True)
        self.end_message = QPlainTextEdit(settings.end_message)
        self.end_message.setAccessibleName("End message")
        self.end_message.setPlaceholderText("The player's own words when empty")
        self.end_message.setFixedHeight(52)
        self.end_message.setTabChangesFocus(True)
        self.description.setTabChangesFocus(True)
        self.voice = VoiceRow(session.runner, course.language, {}, {
            short: getattr(settings, name) for name, short in NARRATION_SETTINGS.items()},
            with_default=False)
        self.loudness = QDoubleSpinBox(minimum=LOUDNESS_RANGE[0], maximum=LOUDNESS_RANGE[1],
                                       suffix=" LUFS", decimals=1, singleStep=0.5,
                                       value=settings.loudness)
        self.loudness.setAccessibleName("Narration loudness target")
        self.loudness.setToolTip("Integrated loudness every narration is normalised to "
                                 "(EBU R128); -16 LUFS suits speech on the web, -23 broadcast")
        self.publish = publish_settings(session.project)
        self.format, self.sco_per_lesson = format_controls(self.publish)
        form = QFormLayout()
        for label, widget in (("Title", self.title), ("Description", self.description),
                              ("Language", with_message(self.language)), ("Author", self.author),
                              ("Version", self.version), ("Completed when", self.completion),
                              ("Share viewed", self.threshold), ("Mastery score", self.mastery),
                              ("Returning learners", self.resume),
                              ("Progress not recorded", self.unrecorded),
                              ("", self.cover), ("Objectives", self.objectives),
                              ("", self.certificate), ("End message", self.end_message),
                              ("Narration voice", self.voice),
                              ("Narration loudness", self.loudness),
                              ("Export format", self.format), ("", self.sco_per_lesson)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)  # the form's widgets join the dialog here, before the buttons
        layout.addWidget(ok_cancel(self)[0])

    def values(self) -> dict:
        return {
            "title": self.title.text(), "description": self.description.toPlainText(),
            "language": self.language.tag(), "author": self.author.text(),
            "version": self.version.text(), "completion": self.completion.currentData(),
            "completion_threshold": round(self.threshold.value() / 100, 4),
            "mastery_score": self.mastery.value() or None,
            "resume": self.resume.currentData(), "unrecorded": self.unrecorded.currentData(),
            "cover": self.cover.isChecked(), "certificate": self.certificate.isChecked(),
            "objectives": tuple(line.strip() for line in self.objectives.toPlainText()
                                .splitlines() if line.strip()),
            "end_message": self.end_message.toPlainText().strip(),
            **{name: self.voice.current()[short] for name, short in NARRATION_SETTINGS.items()},
            "loudness": round(self.loudness.value(), 1),
        }

    def accept(self) -> None:
        self.language.commit_typed()
        if self._language_refused:  # its reason shows under it; the rest waits for a retry
            self._language_refused = False
            return
        course = self.session.course()
        current = {"title": course.title, "description": course.description,
                   "language": course.language, "author": course.author,
                   "version": course.version, "completion": course.tracking.completion.value,
                   "completion_threshold": course.tracking.completion_threshold,
                   "mastery_score": course.tracking.mastery_score,
                   **{key: getattr(course.settings, key) for key in (
                       *PLAYER_SETTINGS, *NARRATION_SETTINGS, "loudness")}}
        changed = {k: v for k, v in self.values().items() if current[k] != v}
        if changed:
            if not self.session.run(commands.set_course, **changed).ok:
                return  # refused: the message is shown and the dialog stays open
        publish = {"format": self.format.currentData(),
                   "sco_per_lesson": self.sco_per_lesson.isChecked()}
        publish = {k: v for k, v in publish.items() if getattr(self.publish, k) != v}
        if publish and not self.session.run(set_publish, **publish).ok:
            return
        super().accept()

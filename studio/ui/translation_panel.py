"""The translation panel: the course's target languages, how far each is translated, and
the selected item's (or the whole course's) text side by side with its translation.

The language switcher lists the source language and every target language; Add language…
asks with the window's language picker, Remove drops the language and its translations (one
undo step, so Undo brings them back). Under it, one line per target language says what needs
work in words ("fr: 3 segments need review, 2 new"). While a target language is chosen the
table shows Where / Source / Translation / State; a translation cell is stored when Enter is
pressed or the cell is left (an empty cell removes the translation), each store one undo
step; Mark reviewed keeps a needs-review translation as it is. The chosen language is also
what the preview shows (:attr:`TranslationPanel.language_changed`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.model import Course
from studio.translation.units import Segment, SegmentState
from studio.ui.fields import ask_language, language_label
from studio.ui.session import ProjectSession
from studio.ui.translation_table import TranslationTable
from studio.ui.translation_use import (
    add_language,
    course_segments,
    mark_reviewed,
    remove_language,
    segment_states,
    set_translation,
    summary,
)
from studio.ui.workers import Job

NEEDS_WORK = (SegmentState.NEEDS_REVIEW, SegmentState.NEW)


def node_titles(course: Course) -> dict[str, str]:
    """Every titled id of the course (modules, lessons, items, questions, cue points)."""
    titles = {"course": "Course", "player": "Player"}
    for module in course.modules:
        titles[module.id] = module.title
        for lesson in module.lessons:
            titles[lesson.id] = lesson.title
            for item in lesson.items:
                titles[item.id] = item.title
                for cue in getattr(item, "cue_points", ()):
                    titles[cue.id] = f"{item.title} · {cue.title or 'cue point'}"
                for number, question in enumerate(getattr(item, "questions", ()), 1):
                    titles[question.id] = f"{item.title} · question {number}"
    return titles


class TranslationPanel(QWidget):
    language_changed = Signal(str)  # the target language chosen ('' for the source)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Translation")
        self.language = ""  # the target language shown, '' while the source is chosen
        self.job: Job | None = None  # an XLIFF import or a pseudo-localisation running
        self._drawn = False  # what is shown is up to date
        self.unreadable = ""  # why the course's segments could not be read ('' they could)
        self.builds = 0
        self._segments: tuple[Course, list[Segment]] | None = None  # of that course version
        self.switcher = QComboBox(self)
        self.switcher.setAccessibleName("Language shown and edited")
        # long language names must not widen the side panel (and narrow the preview)
        self.switcher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.switcher.setMinimumContentsLength(10)
        self.switcher.setToolTip("The source language, or a target language to translate "
                                 "into (the preview shows the item in it)")
        self.add_button = QPushButton("Add language…", self)
        self.add_button.setToolTip("Translate the course into another language")
        self.add_button.clicked.connect(lambda: self.add_language())
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove this target language")
        self.remove_button.setToolTip("Remove the chosen target language and its translations "
                                      "(Undo brings them back)")
        self.remove_button.clicked.connect(self.remove_language)
        self.drift = QLabel(self)
        self.drift.setWordWrap(True)
        self.drift.setAccessibleName("Translation state per language")
        self.drift.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.whole = QCheckBox("Whole course", self)
        self.whole.setToolTip("Show every segment of the course, not only the selected item's")
        self.needs_work = QCheckBox("Only what needs work", self)
        self.needs_work.setToolTip("Show only segments that are new or need review")
        self.review_button = QPushButton("Mark reviewed", self)
        self.review_button.setToolTip("The selected translations stay as they are and count as "
                                      "made from the current source")
        self.review_button.clicked.connect(self.mark_reviewed)
        self.table = TranslationTable(self)
        self.table.edited.connect(self.store)
        self.table.editor_closed.connect(lambda: not self._drawn and self._pending.start())
        self.table.itemSelectionChanged.connect(self._update_review)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Translation job progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the translation job")
        self.cancel_button.clicked.connect(lambda: self.job is not None and self.job.cancel())
        self.job_label = QLabel(self)
        self.job_label.setWordWrap(True)
        self.job_label.setAccessibleName("Translation job")
        self.job_label.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel("&Language", self, buddy=self.switcher))
        top.addWidget(self.switcher, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        filters = QHBoxLayout()
        filters.addWidget(self.whole)
        filters.addWidget(self.needs_work)
        filters.addStretch(1)
        filters.addWidget(self.review_button)
        job_row = QHBoxLayout()
        job_row.addWidget(self.progress, 1)
        job_row.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.drift)
        column.addLayout(filters)
        column.addWidget(self.hint)
        column.addWidget(self.table, 1)
        self.filler = QWidget(self)  # takes the table's room while it is hidden
        column.addWidget(self.filler, 1)
        column.addWidget(self.job_label)
        column.addLayout(job_row)
        self._show_job(None)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.rebuild)
        self.switcher.currentIndexChanged.connect(self._switched)
        self.whole.toggled.connect(lambda _on: self.rebuild(force=True))
        self.needs_work.toggled.connect(lambda _on: self.rebuild(force=True))
        session.selection_changed.connect(self._selection_changed)
        session.changed.connect(self._course_changed)
        self._fill_switcher()
        self._stale()

    # ---- the languages -----------------------------------------------------------------------
    def targets(self) -> tuple[str, ...]:
        return tuple(self.session.course().settings.languages)

    def _fill_switcher(self) -> None:
        course = self.session.course()
        wanted = self.language if self.language in self.targets() else ""
        self.switcher.blockSignals(True)
        self.switcher.clear()
        self.switcher.addItem(f"{language_label(course.language)} (source)", "")
        for tag in self.targets():
            self.switcher.addItem(language_label(tag), tag)
        self.switcher.setCurrentIndex(max(0, self.switcher.findData(wanted)))
        self.switcher.blockSignals(False)
        if wanted != self.language:
            self._switched()

    def choose(self, tag: str) -> bool:
        """Show ``tag`` ('' the source); False when it is not one of the course's languages."""
        index = self.switcher.findData(tag)
        if index < 0:
            return False
        self.switcher.setCurrentIndex(index)
        return True

    def _switched(self) -> None:
        tag = self.switcher.currentData() or ""
        if tag != self.language:
            self.language = tag
            self.language_changed.emit(tag)
        self.rebuild(force=True)

    def add_language(self, tag: str | None = None) -> bool:
        """Add a target language (asked with the language picker when ``tag`` is None) and
        show it; False when cancelled or refused (the refusal is shown)."""
        if tag is None:
            tag = ask_language(self, "Add a language", "Translate the course into:", "")
        if not tag:
            return False
        if not self.session.run(add_language, tag).ok:
            return False
        self._fill_switcher()
        return self.choose(tag)

    def remove_language(self) -> bool:
        """Remove the chosen target language and its translations (one undo step)."""
        tag = self.language
        if not tag:
            return False
        stored = len(self.session.course().translations.get(tag, {}))
        if not self.session.run(remove_language, tag).ok:
            return False
        self.session.notice.emit(f"Removed {language_label(tag)} and its {stored} "
                                 f"translation{'' if stored == 1 else 's'}; Undo brings "
                                 "them back.")
        return True

    # ---- what is shown -----------------------------------------------------------------------
    def segments(self) -> list[Segment]:
        """The course's segments (computed once per version of the course)."""
        course = self.session.course()
        if self._segments is None or self._segments[0] is not course:
            try:
                found = course_segments(self.session.project, course)
                self.unreadable = ""
            except StudioError as exc:  # a caption file that cannot be read
                found, self.unreadable = [], exc.message
            self._segments = (course, found)
        return self._segments[1]

    def _selection_changed(self, _node_id: str) -> None:
        if not self.whole.isChecked():
            self._stale()

    def _course_changed(self, changes) -> None:
        if not changes:  # a look for changes made elsewhere that found none
            return
        if self.job is None:
            self.say("")  # a job's outcome is old news once the course changes again
        self._stale()

    def _stale(self) -> None:
        self._drawn = False
        self._pending.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._pending.start()  # changes made while hidden are drawn once shown

    def shown_segments(self) -> list[Segment]:
        """The segments of the selected node (and what it holds), or the whole course's."""
        every = self.segments()
        if self.whole.isChecked():
            return every
        ids = self.session.shown_ids(self.session.selected)
        return [s for s in every if s.owner in ids or (s.item is not None and s.item in ids)]

    def rebuild(self, force: bool = False) -> None:
        """Draw the panel again (put off while it is hidden)."""
        if not self.isVisible() or (self._drawn and not force):
            return
        if self.table.editing():  # redrawing would drop what is being typed
            self._drawn = False
            return
        self._drawn = True
        self.builds += 1
        if [self.switcher.itemData(i) for i in range(1, self.switcher.count())] \
                != list(self.targets()):
            self._fill_switcher()
        course = self.session.course()
        segments = self.segments()
        lines = [summary(course, tag, segments) for tag in self.targets()]
        if self.unreadable:
            lines.insert(0, f"The course's text cannot be read: {self.unreadable}")
        self.drift.setText("\n".join(lines) if lines else
                           "No target languages yet: Add language… to translate the course.")
        self.remove_button.setEnabled(bool(self.language) and self.job is None)
        self.add_button.setEnabled(self.job is None)
        translating = bool(self.language)
        for widget in (self.table, self.whole, self.needs_work, self.review_button):
            widget.setVisible(translating)
        self.filler.setVisible(not translating)
        if not translating:
            self.hint.setText("Choose a target language above to see the text side by side "
                              "with its translation.")
            self.hint.show()
            return
        shown = self.shown_segments()
        states = segment_states(shown, course, self.language)
        if self.needs_work.isChecked():
            shown = [s for s in shown if states[s.id][0] in NEEDS_WORK]
        self.table.show_rows(shown, states, node_titles(course))
        self.hint.setVisible(not shown)
        if not shown:
            self.hint.setText("Nothing here needs work in this language." if
                              self.needs_work.isChecked() else
                              "The selection has no text to translate; select another item "
                              "or tick Whole course.")
        self._update_review()

    def _update_review(self) -> None:
        rows = self.table.rows
        self.review_button.setEnabled(any(
            rows.get(s.id, (None,))[0] is SegmentState.NEEDS_REVIEW
            for s in self.table.selected_segments()))

    # ---- edits -------------------------------------------------------------------------------
    def store(self, segment_id: str, text: str) -> bool:
        """Store the translation typed for ``segment_id`` in the shown language (one undo
        step; an empty text removes it)."""
        segment = next((s for s in self.table.segments if s.id == segment_id), None)
        if segment is None or not self.language:
            return False
        _state, stored = self.table.rows.get(segment_id, (None, None))
        if text == (stored.text if stored else ""):
            return False
        outcome = self.session.run(set_translation, self.language, segment, text)
        if not outcome.ok:
            self.rebuild(force=True)  # the stored text again
        return outcome.ok

    def mark_reviewed(self) -> int:
        """Mark the selected needs-review rows reviewed; returns how many."""
        rows = [(s, self.table.rows[s.id][1]) for s in self.table.selected_segments()
                if self.table.rows[s.id][0] is SegmentState.NEEDS_REVIEW]
        if not rows or not self.language:
            return 0
        outcome = self.session.run(mark_reviewed, self.language, rows)
        return outcome.value if outcome.ok else 0

    # ---- jobs --------------------------------------------------------------------------------
    def watch(self, job: Job) -> Job:
        """Show ``job``'s progress with a Cancel button until it ends."""
        self._show_job(job)
        job.progressed.connect(lambda fraction, message: (
            self.progress.setValue(int(fraction * 1000)),
            message and self.job_label.setText(f"{job.name}: {message}")))
        job.ended.connect(lambda: self._show_job(None))
        return job

    def _show_job(self, job: Job | None) -> None:
        self.job = job
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(job is not None)
        if job is not None:
            self.progress.setValue(0)
            self.job_label.setText(f"{job.name}: working…")
            self.job_label.show()
        self.add_button.setEnabled(job is None)
        self.remove_button.setEnabled(job is None and bool(self.language))

    def say(self, text: str) -> None:
        """A job's outcome, kept under the table until the next job or the next change
        to the course (an edit, an undo or a redo)."""
        self.job_label.setText(text)
        self.job_label.setVisible(bool(text))

"""The narration panel: what the selected slide, page or clip says and how.

The script (typed, or the slide's notes / the page's text shown greyed when none is typed),
the voice (engine, voice, rate, pitch; "Default" entries: the course's), Re-voice (a job), the
sentences of the course language's track with a play button each, Align to recording (a
clip, or a slide with a recorded narration), and Glossary… (course-wide). Every edit is one
command through the session, so one undo step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.commands import narration as narration_commands
from studio.model import Narration, Page, Slide, VideoClip
from studio.narration import item_script, script_source
from studio.ui.narration_jobs import (
    NARRATED,
    StaleCheck,
    align,
    can_align,
    revoice,
    sentence_sound,
)
from studio.ui.narration_player import SentencePlayer
from studio.ui.narration_sentences import SentenceTable
from studio.ui.narration_voice import VoiceRow
from studio.ui.session import Drawn, ProjectSession
from studio.ui.timeline.logic import duration_text
from studio.ui.workers import Job

SOURCE_NAMES = {Slide: "the notes", Page: "the page text"}


class ScriptEdit(QPlainTextEdit):
    """The script; ``done`` with its text on focus-out and on Ctrl+Return."""

    done = Signal(str)

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setAccessibleName("Narration script")
        self.setTabChangesFocus(True)
        self.setMinimumHeight(90)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.done.emit(self.toPlainText())
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.done.emit(self.toPlainText())


def voice_defaults(course) -> dict[str, object]:
    """The course's voice settings as the voice row shows them."""
    settings = course.settings
    return {"engine": settings.narration_engine, "voice": settings.narration_voice,
            "rate": settings.narration_rate, "pitch": settings.narration_pitch}


class NarrationPanel(QScrollArea):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setAccessibleName("Narration")
        self.item = None  # the item shown (Slide, Page, VideoClip), None for anything else
        self.script: ScriptEdit | None = None
        self.job: Job | None = None  # a re-voice or an alignment running from this panel
        self.builds = 0
        self.stale = False  # the shown item needs re-voicing (known once its check is back)
        self._stale_of = ""  # the item self.stale is about
        self._stale_check = StaleCheck(session.runner, self)
        self._stale_check.done.connect(self._stale_known)
        self._stale_serial = 0
        self.player = SentencePlayer(self)
        self._drawn = Drawn()
        self._refocus = False  # put the focus back in the script after a rebuild
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.rebuild)
        session.selection_changed.connect(lambda _id: self._pending.start())
        session.changed.connect(self._changed)
        self.rebuild()

    def _changed(self, changes) -> None:
        if changes.course:  # voice defaults or the glossary: what is stale may differ
            self._drawn.stale = True
        if self._drawn.note(changes):
            self._pending.start()

    @property
    def language(self) -> str:
        return self.session.course().language

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._pending.start()  # built while hidden is put off until shown

    def rebuild(self, force: bool = False) -> None:
        """Build the panel again for the selected item, if anything it shows changed (put
        off while the panel is hidden behind the inspector)."""
        if (self._drawn.current(self.session.selected) and not force) or not self.isVisible():
            return
        focused, shown = QApplication.focusWidget(), self.widget()
        if focused is not None and shown is not None and shown.isAncestorOf(focused):
            # the field's edit is stored (on focus-out) before the field goes
            self._refocus = self._refocus or focused is self.script
            self.setFocus()
        self.script = None  # the item's script field, while an item is shown
        self._drawn.record(self.session, self.session.selected)
        self.builds += 1
        node = self.session.find(self.session.selected)
        self.item = node if isinstance(node, NARRATED) else None
        page = QWidget()
        column = QVBoxLayout(page)
        self.heading = QLabel(page)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        column.addWidget(self.heading)
        if self.item is None:
            self.heading.setText("Select a slide, page or video clip to narrate it.")
            column.addStretch(1)
            self.setWidget(page)
            return
        self.heading.setText(f"Narration of “{self.item.title}”")
        self.status = QLabel(page)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Narration state")
        self._script(column, page)
        if not isinstance(self.item, VideoClip):
            self.voice_row = VoiceRow(self.session.runner, self.language,
                                      voice_defaults(self.session.course()),
                                      dict(self.item.narration.voice), parent=page)
            self.voice_row.chosen.connect(self.set_voice)
            column.addWidget(self.voice_row)
        column.addLayout(self._buttons(page))
        column.addWidget(self.status)  # below the buttons: its wrapping cannot move them
        self.sentences = SentenceTable(page)
        self.sentences.play_requested.connect(self.play_sentence)
        column.addWidget(self.sentences, 1)
        self._show_track()
        self.setWidget(page)
        if self._refocus:  # once the new page is shown
            self._refocus = False
            QTimer.singleShot(0, self._focus_script)

    def _focus_script(self) -> None:
        if self.item is not None:
            self.script.setFocus(Qt.FocusReason.OtherFocusReason)
            self.script.moveCursor(self.script.textCursor().MoveOperation.End)

    def _script(self, column: QVBoxLayout, page: QWidget) -> None:
        item, course = self.item, self.session.course()
        typed = item.narration.script(self.language) or ""
        own = item_script(replace(item, narration=Narration()), self.language, course.language)
        row = QHBoxLayout()
        self.source = QLabel(page)
        self.source.setWordWrap(True)
        source = SOURCE_NAMES.get(type(item))
        origin = script_source(item, self.language, course.language)
        if origin == "typed":
            self.source.setText("Script: typed for this item")
        elif origin:
            self.source.setText(f"Script: from {source} (type to write your own)")
        elif source:
            self.source.setText("Script: nothing written yet; type what is said")
        else:
            self.source.setText("Script: type what is said in the clip, to align captions")
        row.addWidget(self.source, 1)
        self.use_notes = QPushButton(f"Use {source}" if source else "Clear script", page)
        self.use_notes.setAccessibleName("Go back to the item's own text" if source
                                         else "Clear the script")
        self.use_notes.setEnabled(bool(typed))
        self.use_notes.clicked.connect(lambda: self.set_script("", item.id))
        row.addWidget(self.use_notes)
        column.addLayout(row)
        self.script = ScriptEdit(typed, page)
        self.script.setPlaceholderText(own or "No script yet.")
        self.script.done.connect(lambda text, item_id=item.id: self.set_script(text, item_id))
        column.addWidget(self.script)

    def _buttons(self, page: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        item = self.item
        running = self.job is not None
        self.revoice_button = QPushButton("Re-voice", page)
        self.revoice_button.setToolTip("Synthesise the changed sentences again "
                                       "(Ctrl+Shift+R)")
        self.revoice_button.setVisible(not isinstance(item, VideoClip))
        self.revoice_button.setEnabled(not running)
        self.revoice_button.clicked.connect(self.revoice)
        row.addWidget(self.revoice_button)
        recorded = isinstance(item, VideoClip) or (
            isinstance(item, Slide) and item.narration_asset_id is not None
            and not self._synthesised())
        self.align_button = QPushButton("Align to recording", page)
        self.align_button.setToolTip("Time the script against the recorded speech; cues "
                                     "the aligner is unsure of are marked for review")
        self.align_button.setVisible(recorded and can_align())
        self.align_button.setEnabled(not running)
        self.align_button.clicked.connect(self.align)
        row.addWidget(self.align_button)
        row.addStretch(1)
        self.glossary_button = QPushButton("Glossary…", page)
        self.glossary_button.setToolTip("How words are pronounced, course-wide (Ctrl+Shift+G)")
        self.glossary_button.clicked.connect(self.open_glossary)
        row.addWidget(self.glossary_button)
        return row

    def _synthesised(self) -> bool:
        track = self.item.narration.track(self.language)
        return track is not None and track.origin == "synthesised"

    def _show_track(self) -> None:
        item = self.item
        track = item.narration.track(self.language)
        if self._stale_of != item.id:  # the last answer, about this item, stands until the next
            self._stale_of, self.stale = item.id, False
        if track is not None and self._synthesised():
            self._stale_serial = self._stale_check.start(self.session.course(), item.id,
                                                         self.language)
        else:  # never voiced from the script: nothing to re-voice, nor to wait for
            self.stale, self._stale_serial = False, 0
        self._show_state()
        sentences = track.sentences if track else ()
        self.sentences.show_sentences(sentences, playable=track is not None)

    def _stale_known(self, serial: int, stale: bool) -> None:
        if serial == self._stale_serial and self.item is not None and stale != self.stale:
            self.stale = stale
            self._show_state()

    def _show_state(self) -> None:
        item = self.item
        track = item.narration.track(self.language)
        if self.job is not None:
            state = f"{self.job.name}: working…"
        elif track is None:
            state = ("No captions from the script yet: Align to recording times it."
                     if isinstance(item, VideoClip) else
                     "Not voiced yet: Re-voice makes the narration.")
        else:
            count = len(track.sentences)
            state = (f"{track.origin.capitalize()}: {duration_text(track.duration)}, "
                     f"{count} sentence{'' if count == 1 else 's'}")
            if track.loudness is not None:
                state += f", {track.loudness:.1f} LUFS"
            if self.stale:
                state = f"⟳ Needs re-voicing: the script, voice or glossary changed. ({state})"
        self.status.setText(state)

    # ---- edits -----------------------------------------------------------------------------
    def set_script(self, text: str, item_id: str | None = None) -> None:
        """Store the typed script of the shown item (or of ``item_id``); an empty one: back
        to the notes / page text."""
        item = self.session.find(item_id) if item_id else self.item
        if not isinstance(item, NARRATED):
            return
        stored = item.narration.script(self.language) or ""
        if text.strip() == stored.strip():
            return
        self._refocus = self._refocus or (self.script is not None and self.script.hasFocus())
        self.session.run(narration_commands.set_script, item.id, text if text.strip() else None,
                         self.language)

    def set_voice(self, values: dict) -> None:
        if self.item is not None:
            self.session.run(narration_commands.set_item_voice, self.item.id, **values)

    # ---- jobs ------------------------------------------------------------------------------
    def revoice(self) -> Job | None:
        """Re-voice the shown slide or page as a job (the typed script stored first)."""
        item = self.item
        if not isinstance(item, (Slide, Page)):
            self.session.failed.emit("Select a slide or a page to re-voice its narration.")
            return None
        if self.job is not None:
            return self.job
        self.set_script(self.script.toPlainText())
        if self.session.runner.writing:
            self.session.failed.emit("Another job is writing to the course; re-voice when "
                                     "it has finished.")
            return None
        job = self._watch(revoice(self.session, [item.id], f"Re-voice {item.title}"))
        job.cancelled.connect(lambda: self.session.notice.emit(
            "Re-voicing cancelled; nothing was changed."))
        return job

    def align(self) -> Job | None:
        """Align the item's recording to its script, as a job."""
        item = self.item
        if item is None or self.job is not None:
            return self.job
        self.set_script(self.script.toPlainText())
        script = self.script.toPlainText().strip() or None
        return self._watch(align(self.session, item.id, script, f"Align {item.title}"))

    def _watch(self, job: Job) -> Job:
        self.job = job
        for button in (self.revoice_button, self.align_button):
            button.setEnabled(False)
        self.status.setText(f"{job.name}: working…")
        job.succeeded.connect(lambda _r, name=job.name: self.session.notice.emit(f"{name}: done"))
        job.ended.connect(self._job_ended)
        return job

    def _job_ended(self) -> None:
        self.job = None
        self.rebuild(force=True)

    def play_sentence(self, index: int) -> bool:
        """Play sentence ``index`` of the shown track; False when there is nothing to play."""
        if self.item is None:
            return False
        found = sentence_sound(self.session.project, self.item, index, self.language)
        if found is None:
            self.session.notice.emit("This sentence has no sound to play yet: re-voice first.")
            return False
        path, start, end = found
        if not self.player.play(path, start, end):
            self.session.notice.emit("This installation cannot play sound (QtMultimedia is "
                                     "missing).")
        return True

    def open_glossary(self):
        from studio.ui.narration_glossary import GlossaryDialog  # noqa: PLC0415

        dialog = GlossaryDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

"""The inspector: properties of the selected item, each field one command when it is done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.item_kinds import CHOICE, INTEGER, NUMBER, SWITCH, Setting, settings_of
from studio.model import Item, Lesson, Module, Page, Quiz, Slide, VideoClip
from studio.timecode import parse_time
from studio.ui.cue_panel import CuePanel
from studio.ui.fields import NumberField, TimeField, ask_language, with_message
from studio.ui.quiz_editor import QuizEditor
from studio.ui.session import Drawn, Outcome, ProjectSession
from studio.ui.slide_pictures import SlidePictures
from studio.ui.timeline.logic import duration_text
from studio.ui.xray_window import lesson_funnel


class _TextBox(QPlainTextEdit):
    """A multi-line field that reports when it loses focus (its 'editing finished')."""

    def __init__(self, text: str, on_done, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._on_done, self._was = on_done, text
        self.setFixedHeight(90)
        self.setTabChangesFocus(True)  # Tab leaves the field, as in every other field

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._was:
            self._was = self.toPlainText()
            self._on_done(self._was)


class Inspector(QScrollArea):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setAccessibleName("Inspector")
        self.shown = ""  # id of the node whose form is shown
        self._drawn = Drawn()  # what the form was built from
        self.builds = 0  # forms built so far (a redraw-count the tests and benchmark read)
        self.playhead_source_time: float | None = None
        self.current_question = ""  # kept across rebuilds, so an edited question stays chosen
        self.fields: dict[str, QWidget] = {}  # the shown item's setting fields, by setting name
        # rebuilt after the signal that caused it returns: the field that sent it may go
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.rebuild)
        session.selection_changed.connect(lambda _id: self._pending.start())
        session.changed.connect(lambda changes: self._drawn.note(changes)
                                and self._pending.start())
        self.rebuild()

    def rebuild(self, force: bool = False) -> None:
        """Build the form again, if the selected node changed since the form was built."""
        if self._drawn.current(self.session.selected) and not force:
            return
        self._drawn.record(self.session, self.session.selected)
        self.builds += 1
        course = self.session.course()
        node = self.session.find(self.session.selected)
        self.fields = {}
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # fields stay together at the top
        self.form = form
        if node is None:
            form.addRow(QLabel("Select something in the outline or on the timeline."))
        else:
            title = QLineEdit(node.title)
            title.setAccessibleName("Title")
            title.editingFinished.connect(
                lambda: title.text() != node.title
                and self.session.run(commands.rename, node.id, title.text()))
            form.addRow("Title", title)
            if isinstance(node, (Module, Lesson)):
                count = (sum(len(les.items) for les in node.lessons) if isinstance(node, Module)
                         else len(node.items))
                form.addRow("Items", QLabel(str(count)))
                if (funnel := lesson_funnel(self.session, node)) is not None:
                    form.addRow(funnel)
            if isinstance(node, VideoClip):
                self._video(form, node, course)
            elif isinstance(node, (Slide, Page)):
                self._settings(form, node)
                if isinstance(node, Slide) and (node.pictures is not None
                                                or (node.source or {}).get("kind") == "pptx"):
                    self.pictures = SlidePictures(self.session, node)
                    form.addRow(self.pictures)
            elif isinstance(node, Quiz):
                self._quiz(form, node)
        self.shown = node.id if node else ""
        self.setWidget(page)

    def _set(self, item: Item, **values: object) -> Outcome:
        return self.session.run(commands.set_item, item.id, **values)

    @staticmethod
    def _taken(field: NumberField, outcome: Outcome) -> None:
        """A value the core refused: the field shows the stored one again, and why."""
        if not outcome.ok:
            field.refuse(outcome.error or "Not changed.")

    def _video(self, form: QFormLayout, clip: VideoClip, course) -> None:
        asset = course.assets.get(clip.asset_id or "")
        source = asset.duration if asset and asset.duration else clip.out_point
        self.time_fields = {}
        for name, label, value in (("in_point", "In", clip.in_point),
                                   ("out_point", "Out", clip.out_point)):
            field = self.time_fields[name] = TimeField(label, value, 0.0, source)
            field.setAccessibleName(f"{label} point")
            field.setToolTip(f"{field.explanation()} The source is {field.bound_text(source)} "
                             "long.")
            field.committed.connect(lambda v, f=field, n=name: self._taken(
                f, self.session.run(commands.trim, clip.id, **{n: v})))
            form.addRow(label, with_message(field))
        form.addRow("Plays", QLabel(duration_text(clip.duration)))
        if asset is not None:
            form.addRow("Source", QLabel(f"{asset.original_name} ({duration_text(source)})"))
        form.addRow(CuePanel(self.session, clip, lambda: self.playhead_source_time, self))
        self._captions(form, clip)
        self._settings(form, clip)

    def _captions(self, form: QFormLayout, clip: VideoClip) -> None:
        tracks = self.caption_list = QListWidget()
        tracks.setAccessibleName("Captions")
        tracks.setFixedHeight(54)
        for track in clip.captions:
            tracks.addItem(f"{track.language} · {track.label}")
        form.addRow("Captions", tracks)
        add = QPushButton("Add captions (SRT/WebVTT)…")
        add.clicked.connect(lambda: self.choose_captions(clip.id))
        remove = QPushButton("Remove")
        remove.setEnabled(bool(clip.captions))
        remove.clicked.connect(lambda: tracks.currentRow() >= 0 and self.session.run(
            commands.detach_captions, clip.id, clip.captions[tracks.currentRow()].language))
        row = QHBoxLayout()
        row.addWidget(add, 1)
        row.addWidget(remove)
        form.addRow(row)

    def choose_captions(self, item_id: str) -> None:
        from studio.media.captions import CAPTION_SUFFIXES  # noqa: PLC0415

        patterns = " ".join(f"*{suffix}" for suffix in sorted(CAPTION_SUFFIXES))
        path, _ = QFileDialog.getOpenFileName(self, "Captions for this clip", "",
                                              f"Captions ({patterns});;All files (*)")
        if not path:
            return
        language = ask_language(self, "Caption language", "Language of the captions:",
                                self.session.course().language)
        if language:
            self.attach_captions(item_id, Path(path), language)

    def attach_captions(self, item_id: str, path: Path, language: str, label: str = ""
                        ) -> str | None:
        """Check a caption file, store it and put it on the clip: one undo step."""
        from studio.media.import_report import ImportTarget  # noqa: PLC0415
        from studio.media.importer import import_paths  # noqa: PLC0415

        report = self.session.run(import_paths, [path],
                                  ImportTarget.captions(item_id, language, label)).value
        return report.added[0].asset_id if report else None

    def _settings(self, form: QFormLayout, item: Item) -> None:
        """One field per setting the item kind's table labels, each edit one command."""
        for setting in settings_of(item.kind).settings:
            if not setting.label:
                continue
            widget = self._field(setting, getattr(item, setting.attribute),
                                 lambda value, name=setting.name: self._set(item, **{name: value}))
            widget.setAccessibleName(setting.label)
            self.fields[setting.name] = widget
            form.addRow("" if setting.type == SWITCH else setting.label,
                        with_message(widget) if isinstance(widget, NumberField) else widget)

    def _field(self, setting: Setting, value, done) -> QWidget:
        if setting.type in (NUMBER, INTEGER):
            whole = setting.type == INTEGER
            field = NumberField(
                setting.title, value, 0 if setting.optional else setting.low, setting.high,
                setting.unit, decimals=0 if whole else 2, step=setting.step,
                none_label=setting.none_label, check=setting.check,
                parse=parse_time if setting.unit.strip() == "s" else None)
            field.committed.connect(lambda v: self._taken(
                field, done(v or None) if setting.optional else done(v)))
            return field
        if setting.type == SWITCH:
            check = QCheckBox(setting.label)
            check.setChecked(value)
            check.toggled.connect(done)
            return check
        if setting.type == CHOICE:
            combo = QComboBox()
            for stored, label in setting.choices:
                combo.addItem(label, stored)
            combo.setCurrentIndex(combo.findData(value))
            combo.currentIndexChanged.connect(lambda _i: done(combo.currentData()))
            return combo
        return _TextBox(value, done)

    def _quiz(self, form: QFormLayout, quiz: Quiz) -> None:
        self._settings(form, quiz)
        self.quiz_editor = QuizEditor(self.session, quiz, self.current_question)
        self.quiz_editor.current_changed.connect(self._question_chosen)
        form.addRow(self.quiz_editor)

    def _question_chosen(self, question_id: str) -> None:
        self.current_question = question_id

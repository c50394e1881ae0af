"""The voice controls: engine, voice, rate and pitch, each with a "Default" choice (the course's).

Used twice: on the narration panel (an item's overrides, None = the course default) and in
the course settings dialog (the course's defaults, no "Default" entry). Voices are
listed on a worker once per window session (festival's listing starts a process) and the
voice box fills in when they arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from studio.errors import StudioError
from studio.narration import PITCH_RANGE, RATE_RANGE
from studio.ui.narration_jobs import engines, takes_voice_file, voices_work
from studio.ui.workers import JobRunner, lower_priority


class _Listing(QRunnable):
    def __init__(self, catalogue: VoiceCatalogue):
        super().__init__()
        self.catalogue = catalogue

    def run(self) -> None:
        lower_priority()
        try:
            self.catalogue._worker_done.emit(voices_work(None, None), "")
        except StudioError as exc:
            self.catalogue._worker_done.emit([], exc.message)
        except Exception as exc:  # noqa: BLE001 - the voice box says so instead of waiting
            self.catalogue._worker_done.emit([], f"The voices could not be listed: {exc}")


class VoiceCatalogue(QObject):
    """The voices of this machine, listed once on a worker (not a job in the status bar:
    it is short and needs no Cancel); ``ready`` when they are known."""

    ready = Signal()
    _worker_done = Signal(list, str)  # emitted on the worker, queued to the GUI thread

    def __init__(self, runner: JobRunner):
        super().__init__(runner)
        self.voices: list | None = None  # VoiceInfo, None until listed
        self.error = ""
        self._worker_done.connect(self._done)
        runner.pool.start(_Listing(self))

    @classmethod
    def of(cls, runner: JobRunner) -> VoiceCatalogue:
        """The catalogue of this runner (listed the first time it is asked for)."""
        shared = getattr(runner, "voice_catalogue", None)
        if shared is None:
            shared = runner.voice_catalogue = cls(runner)
        return shared

    def _done(self, voices: list, error: str) -> None:
        self.voices, self.error = voices, error
        self.ready.emit()

    def of_engine(self, engine: str, language: str = "") -> list:
        """The engine's voices, those speaking ``language`` (its primary subtag) first."""
        primary = language.split("-")[0].lower()
        mine = [v for v in self.voices or () if v.engine == engine]
        return sorted(mine, key=lambda v: (not any(lang.lower().split("-")[0] == primary
                                                   for lang in v.languages), v.name.lower()))


PER_ITEM_FILE = "piper speaks a voice file (.onnx) that each item names in the Narration tab"


class VoiceRow(QWidget):
    """Engine, voice, rate, pitch. ``chosen`` carries the fields the designer changed, as
    ``set_item_voice``/``set_course`` take them (a None value: back to the course default)."""

    chosen = Signal(dict)

    def __init__(self, runner: JobRunner, language: str, defaults: dict[str, object],
                 values: dict[str, object], with_default: bool = True,
                 parent: QWidget | None = None):
        """``defaults``: the course's engine/voice/rate/pitch; ``values``: the overrides
        shown (absent = course default), or the course's own values when not
        ``with_default``."""
        super().__init__(parent)
        self.language, self.defaults, self.with_default = language, defaults, with_default
        self.values = dict(values)
        self.engine = QComboBox(self)
        self.engine.setAccessibleName("Voice engine")
        self.engine.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.engine.setMinimumContentsLength(6)
        if with_default:
            self.engine.addItem(f"Default ({defaults.get('engine', '')})", None)
        for name, label, reason in engines():
            self.engine.addItem(label if reason is None else f"{label} — {reason}", name)
            if takes_voice_file(name) and not with_default:  # the course has no voice file
                index = self.engine.count() - 1
                self.engine.setItemText(index, f"{self.engine.itemText(index)} "
                                               "(voice file set per item)")
                self.engine.setItemData(index, PER_ITEM_FILE, Qt.ItemDataRole.ToolTipRole)
        if values.get("engine") and self.engine.findData(values["engine"]) < 0:
            self.engine.addItem(str(values["engine"]), values["engine"])  # not on this machine
        self._select(self.engine, values.get("engine"))
        self.voice = QComboBox(self)
        self.voice.setAccessibleName("Voice")
        self.voice.setMinimumContentsLength(6)
        self.voice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rate = self._spin(RATE_RANGE, values.get("rate"), defaults.get("rate"),
                               " wpm", "Speaking rate, words per minute")
        self.pitch = self._spin(PITCH_RANGE, values.get("pitch"), defaults.get("pitch"),
                                "", "Pitch, 0 to 100")
        layout = QGridLayout(self)  # two rows: it fits the narrow panel beside the preview
        layout.setContentsMargins(0, 0, 0, 0)
        for index, (label, widget) in enumerate((("Engine", self.engine), ("Voice", self.voice),
                                                 ("Rate", self.rate), ("Pitch", self.pitch))):
            row, column = divmod(index, 2)
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            layout.addWidget(caption, row, column * 2)
            layout.addWidget(widget, row, column * 2 + 1)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        self.voice_file = QLineEdit(str(values.get("voice_file") or ""), self)
        self.voice_file.setAccessibleName("Voice file (.onnx)")
        self.voice_file.setPlaceholderText("a voice, x.onnx")
        self.browse = QPushButton("Browse…", self)
        self.browse.setAccessibleName("Choose a voice file")
        self.voice_file_label = QLabel("Voice file", self)
        self.voice_file_label.setBuddy(self.voice_file)
        layout.addWidget(self.voice_file_label, 2, 0)
        layout.addWidget(self.voice_file, 2, 1, 1, 2)
        layout.addWidget(self.browse, 2, 3)
        self.voice_file.editingFinished.connect(
            lambda: self._changed("voice_file", self.voice_file.text().strip() or None))
        self.browse.clicked.connect(self._browse)
        self._show_voice_file()
        self.catalogue = VoiceCatalogue.of(runner)
        self.catalogue.ready.connect(self._fill_voices)
        self._fill_voices()
        self.engine.activated.connect(self._engine_chosen)
        self.voice.activated.connect(lambda _i: self._changed("voice", self.voice.currentData()))
        self.rate.editingFinished.connect(lambda: self._changed("rate", self._spun(self.rate)))
        self.pitch.editingFinished.connect(lambda: self._changed("pitch",
                                                                 self._spun(self.pitch)))

    def _show_voice_file(self) -> None:
        # only an item names a voice file (the course settings have none)
        shown = self.with_default and takes_voice_file(self.engine_name())
        for widget in (self.voice_file_label, self.voice_file, self.browse):
            widget.setVisible(shown)

    def _browse(self) -> None:
        start = self.voice_file.text().strip()
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a piper voice", start,
                                                "Piper voices (*.onnx)")
        if chosen:
            self.voice_file.setText(chosen)
            self._changed("voice_file", chosen)

    def _spin(self, bounds: tuple[int, int], value, default, suffix: str, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setAccessibleName(name)
        spin.setToolTip(name)
        low, high = bounds
        spin.setRange(low - 1 if self.with_default else low, high)
        spin.setSuffix(suffix)
        if self.with_default:  # the value below the range reads as the course default
            spin.setSpecialValueText(f"Default ({default})")
        spin.setValue(int(value) if value not in (None, "") else spin.minimum())
        return spin

    def _spun(self, spin: QSpinBox) -> int | None:
        return None if self.with_default and spin.value() == spin.minimum() else spin.value()

    @staticmethod
    def _select(box: QComboBox, value) -> None:
        index = box.findData(value) if value is not None else -1
        box.setCurrentIndex(max(index, 0))  # the first entry: the default

    def engine_name(self) -> str:
        """The engine in effect: the chosen one, else the course's."""
        return self.engine.currentData() or str(self.defaults.get("engine", ""))

    def _fill_voices(self) -> None:
        voices = self.catalogue.of_engine(self.engine_name(), self.language)
        self.voice.clear()
        default_voice = self.defaults.get("voice")
        if self.with_default:  # the course's voice, or the engine's own for the language
            self.voice.addItem(f"Default ({default_voice})" if default_voice else "Default",
                               None)
        else:
            self.voice.addItem("The engine's default for the course language", "")
        for info in voices:
            langs = ", ".join(info.languages[:2])
            self.voice.addItem(f"{info.name} ({langs})" if langs else info.name, info.id)
        current = self.values.get("voice")
        if current and self.voice.findData(current) < 0:  # not (yet) listed: still shown
            self.voice.addItem(str(current), current)
        note = "Listing voices…" if self.catalogue.voices is None else self.catalogue.error
        if note:
            self.voice.addItem(note, "__listing__")
            self.voice.model().item(self.voice.count() - 1).setEnabled(False)
        self._select(self.voice, current if current else (None if self.with_default else ""))

    def current(self) -> dict[str, object]:
        """What the row shows: engine, voice, rate, pitch (None where the course default
        stands)."""
        voice = self.voice.currentData()
        return {"engine": self.engine.currentData(),
                "voice": self.values.get("voice") if voice == "__listing__" else voice,
                "rate": self._spun(self.rate), "pitch": self._spun(self.pitch)}

    def _engine_chosen(self, _index: int) -> None:
        engine = self.engine.currentData()
        if engine == self.values.get("engine"):
            return
        change = {"engine": engine}
        if self.values.get("voice"):  # a voice of another engine means nothing to this one
            change["voice"] = None if self.with_default else ""
        self.values.update(change)
        self._fill_voices()
        self._show_voice_file()
        self.chosen.emit(change)

    def _changed(self, name: str, value) -> None:
        if value == "__listing__" or value == self.values.get(name):
            return
        self.values[name] = value
        self.chosen.emit({name: value})

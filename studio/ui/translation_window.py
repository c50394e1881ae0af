"""Where translation meets the window: the Translation tab beside Properties and Narration,
the Translation menu (Export XLIFF…, Import XLIFF…, Pseudo-localise…), and the preview
showing the selected item in the language chosen in the tab.

Import and pseudo-localisation write to the course, so they run as jobs (progress and
Cancel in the tab; a cancelled import changes nothing); the export reads the course and
writes the file in a job too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.language import language_name, text_direction
from studio.model import Course, Item, VideoClip
from studio.translation.drift import over_length_list
from studio.ui.fields import language_label
from studio.ui.menu_actions import course_actions
from studio.ui.translation_panel import TranslationPanel
from studio.ui.translation_use import (
    PSEUDO_CHOICES,
    XLIFF_VERSIONS,
    export_xliff,
    import_xliff,
    pseudo_fill,
    variant,
)
from studio.ui.workers import Job

XLIFF_FILTER = "XLIFF files (*.xlf *.xliff)"


class PreviewLanguage:
    """The preview's view of an item in the chosen target language: the item of
    :func:`~studio.ui.translation_use.variant`, built once per version of the course."""

    def __init__(self, preview):
        self.preview = preview
        self.language = ""
        self._built: tuple[Course, str, Course] | None = None

    def show(self, language: str) -> None:
        """Show the preview's item in ``language`` ('' the source), where it was, laid out
        in that language's direction."""
        self.language = language
        preview = self.preview
        preview.language_view = self if language else None
        self.lay_out(language or preview.session.course().language)
        shown = preview.item
        if shown is None:
            preview.refresh(force=True)
            return
        at = preview.video.cursor if isinstance(shown, VideoClip) else None
        preview.item = None  # shown again, not kept as it is
        preview.show_playhead(shown.id, at)

    def lay_out(self, language: str) -> None:
        """What the preview shows of an item (title, slide, page, quiz; not the video frame
        or its transport) right to left for a right-to-left ``language``."""
        preview, rtl = self.preview, text_direction(language) == "rtl"
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        for widget in (preview.title, preview.picture.parentWidget(), preview.quiz_area):
            widget.setLayoutDirection(direction)
        # a label aligns by its text's own direction, which pseudo text does not declare
        side = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute if rtl \
            else Qt.AlignmentFlag.AlignLeft
        preview.title.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)
        preview.text.setAlignment(side | Qt.AlignmentFlag.AlignTop)

    def __call__(self, course: Course, item: Item) -> tuple[Course, Item]:
        if self._built is None or self._built[0] is not course \
                or self._built[1] != self.language:
            self._built = (course, self.language, variant(course, self.language))
        translated = self._built[2]
        found = translated.find(item.id)
        return translated, found if isinstance(found, Item) else item


def translation_tab(window) -> TranslationPanel:
    """A translation panel as the third tab of ``window.side``; the preview follows the
    language it shows."""
    panel = TranslationPanel(window.session)
    index = window.side.addTab(panel, "Translation")
    window.side.setTabToolTip(index, "Languages, drift and the text side by side with its "
                                     "translation (Ctrl+Shift+L)")
    window.side.setAccessibleName("Properties, narration and translation")
    window.translation_preview = PreviewLanguage(window.preview)
    panel.language_changed.connect(window.translation_preview.show)
    panel.language_changed.connect(lambda _language: _captions_follow(window))
    window.translation_preview.lay_out(window.session.course().language)
    return panel


def _captions_follow(window) -> None:
    # the caption band (made after this tab) shows the cue in the language now chosen
    if (captions := getattr(window, "captions", None)) is not None:
        captions.follow(window.timeline.playhead)


def preview_language(window) -> str:
    """The target language chosen in the translation tab ('' the course language): what
    Preview as learner plays."""
    panel = getattr(window, "translation", None)
    return panel.language if panel is not None else ""


def show_translation(window) -> TranslationPanel | None:
    """Bring the translation tab forward and put the focus in it."""
    panel = getattr(window, "translation", None)
    if window.session is None or panel is None:
        return None
    window.side.setCurrentWidget(panel)
    panel.rebuild()
    (panel.table if panel.language else panel.switcher).setFocus(
        Qt.FocusReason.ShortcutFocusReason)
    return panel


def translation_actions(window, menu) -> list[QAction]:
    """The Translation menu's actions; they act on the window's open course."""
    return course_actions(window, menu, (
        ("&Translation panel", "translation", lambda: show_translation(window),
         "The course's languages, what needs translating, and the text side by side"),
        ("&Export XLIFF…", "xliff_export", lambda: export_dialog(window),
         "Write the text of one language for translators (XLIFF 1.2 or 2.0)"),
        ("&Import XLIFF…", "xliff_import", lambda: choose_import(window),
         "Read a translated XLIFF file back into the course"),
        ("&Pseudo-localise…", "pseudo", lambda: pseudo_dialog(window),
         "Fill a pseudo-language to find clipped layouts and untranslated strings")))


# ---- export ----------------------------------------------------------------------------------
def default_xliff_path(window, language: str) -> Path:
    """``<course file stem>.<tag>.xlf`` beside the course folder."""
    path = window.session.path
    return path.parent / f"{path.stem}.{language}.xlf"


class XliffExportDialog(QDialog):
    """Language, XLIFF version, only what changed, and where to write the file."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Export XLIFF")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        course = window.session.course()
        self.language = QComboBox(self)
        self.language.setAccessibleName("Target language")
        for tag in course.settings.languages:
            self.language.addItem(language_label(tag), tag)
        shown = getattr(window, "translation", None)
        if shown is not None and shown.language:
            self.language.setCurrentIndex(max(0, self.language.findData(shown.language)))
        self.version = QComboBox(self)
        self.version.setAccessibleName("XLIFF version")
        for version in XLIFF_VERSIONS:
            self.version.addItem(f"XLIFF {version}", version)
        self.changed = QCheckBox("Only what is new or needs review", self)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Save the XLIFF file as")
        browse = QPushButton("Choose…", self)
        browse.setAccessibleName("Choose where to save the XLIFF file")
        browse.clicked.connect(self.choose_path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Export XLIFF: message")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Language", self.language)
        form.addRow("&Version", self.version)
        form.addRow("", self.changed)
        form.addRow("Save as", row)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self._named = ""
        self.language.currentIndexChanged.connect(self._language_changed)
        self._language_changed()
        if not course.settings.languages:
            self.message.setText("The course has no target language yet: add one in the "
                                 "Translation tab first.")
            self.export_button.setEnabled(False)

    def _language_changed(self) -> None:
        tag = self.language.currentData()
        if tag and (not self.path.text() or self.path.text() == self._named):
            self._named = str(default_xliff_path(self.window_, tag))
            self.path.setText(self._named)

    def choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save XLIFF as", self.path.text(),
                                                XLIFF_FILTER)
        if chosen:
            self.path.setText(chosen)

    def start(self) -> Job | None:
        """Write the file as a job; the dialog closes when it starts."""
        language, version = self.language.currentData(), self.version.currentData()
        changed, target = self.changed.isChecked(), Path(self.path.text()).expanduser()
        if not language or not self.path.text().strip():
            self.message.setText("Choose a language and a file to write.")
            return None
        session = self.window_.session

        def work(project, progress, token):
            data = export_xliff(project, language, version=version, changed_only=changed)
            token.check()  # cancelled while writing the XLIFF: no file
            target.write_bytes(data)
            return len(data)

        job = session.start_job(f"Export XLIFF {language}", work)
        if (panel := getattr(self.window_, "translation", None)) is not None:
            panel.say("")  # the last import's outcome is not this export's
        job.succeeded.connect(lambda size: session.notice.emit(
            f"Wrote {target.name} ({language_label(language)}, XLIFF {version}, "
            f"{max(1, round(size / 1000))} kB)"))
        self.accept()
        return job


def export_dialog(window) -> XliffExportDialog:
    dialog = XliffExportDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# ---- import ----------------------------------------------------------------------------------
def choose_import(window) -> Job | None:
    path, _ = QFileDialog.getOpenFileName(window, "Import a translated XLIFF file",
                                          str(window.session.path.parent), XLIFF_FILTER)
    return start_import(window, Path(path)) if path else None


def import_summary(result) -> str:
    """One line with the counts of an import (a ``TranslationImport``): stored,
    untranslated, kept from earlier, newer kept, over the length limit, left in the source
    language, needing review, not in the course."""
    def count(name: str) -> int:
        value = getattr(result, name, ())
        return value if isinstance(value, int) else len(value)

    stored = count("stored")
    parts = [f"{stored} translation{'' if stored == 1 else 's'} stored"]
    for name, words in (("untranslated", "untranslated"),
                        ("kept_earlier", "kept from earlier (no target in the file)"),
                        ("kept_newer", "newer kept (the file predates a source edit)"),
                        ("over_length", "over the length limit"),
                        ("left_in_source", "left in the source language"),
                        ("needs_review", "still to review"),
                        ("unknown", "no longer in the course (skipped)")):
        if number := count(name):
            parts.append(f"{number} {words}")
    if over := getattr(result, "over_length", ()):
        parts[parts.index(f"{len(over)} over the length limit")] += (
            f" ({over_length_list(over[:3])}{', …' if len(over) > 3 else ''})")
    return f"Imported {language_name(result.language)}: " + ", ".join(parts) + "."


def start_import(window, path: Path) -> Job | None:
    """Import ``path`` as a writing job shown in the translation tab (one undo step)."""
    panel = show_translation(window)
    if window.session.runner.writing:
        window.show_error("Another job is writing to the course; import when it has "
                          "finished.")
        return None

    def work(project, progress, token):
        return import_xliff(project, path.read_bytes(), path.name, progress, token)

    job = window.session.start_job(f"Import {path.name}", work, writes=True)
    panel.watch(job)
    # once the window has re-read the course (on the job's end)
    job.succeeded.connect(lambda result: QTimer.singleShot(
        0, lambda: _imported(window, panel, result)))
    job.cancelled.connect(lambda: panel.say(f"Import of {path.name} cancelled; nothing was "
                                            "changed."))
    job.failed.connect(lambda message: panel.say(f"{path.name} was not imported: {message}"))
    return job


def _imported(window, panel: TranslationPanel, result) -> None:
    line = import_summary(result)
    panel.say(line)
    window.session.notice.emit(line)
    panel.rebuild()  # the import's changes have put the panel out of date already
    panel.choose(result.language)


# ---- pseudo-locales --------------------------------------------------------------------------
class PseudoDialog(QDialog):
    """Which pseudo-locale to fill."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Pseudo-localise")
        self.locale = QComboBox(self)
        self.locale.setAccessibleName("Pseudo-locale")
        for tag, what in PSEUDO_CHOICES:
            self.locale.addItem(f"{tag}: {what}", tag)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        fill = buttons.addButton("Pseudo-localise", QDialogButtonBox.ButtonRole.AcceptRole)
        fill.setDefault(True)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel("Fill a pseudo-language with every segment, to see clipped "
                                "layouts and text that is not translatable before "
                                "translators are paid:", self, wordWrap=True))
        column.addWidget(self.locale)
        column.addWidget(buttons)
        self.job: Job | None = None

    def start(self) -> Job | None:
        self.job = start_pseudo(self.window_, self.locale.currentData())
        self.accept()
        return self.job


def pseudo_dialog(window) -> PseudoDialog:
    dialog = PseudoDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def start_pseudo(window, locale: str) -> Job | None:
    """Fill ``locale`` with pseudo-translations as a writing job shown in the tab."""
    panel = show_translation(window)
    if window.session.runner.writing:
        window.show_error("Another job is writing to the course; pseudo-localise when it "
                          "has finished.")
        return None
    job = window.session.start_job(f"Pseudo-localise {locale}",
                                   lambda project, progress, token: pseudo_fill(
                                       project, locale, progress, token),
                                   writes=True)
    panel.watch(job)
    job.succeeded.connect(lambda _result: QTimer.singleShot(0, lambda: (
        panel.say(f"{locale} filled: the preview shows the course in it."),
        panel.rebuild(force=True), panel.choose(locale))))
    job.failed.connect(lambda message: panel.say(f"{locale} was not filled: {message}"))
    return job

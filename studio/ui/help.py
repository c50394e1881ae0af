"""The Help menu: a Getting started guide, the table of keyboard shortcuts, About.

The guide and the shortcuts dialog write keys as :mod:`studio.ui.shortcuts` declares them;
About reads versions and licences from the installed packages' metadata.
"""

from __future__ import annotations

import html
import re
from importlib import metadata

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import studio
from studio.crash import log_dir
from studio.errors import StudioError
from studio.ui.shortcuts import SHORTCUTS, find, shown_keys

DISTRIBUTION = "course-studio"
_NAME = re.compile(r"^[A-Za-z0-9._-]+")


def _k(name: str) -> str:
    return f"<b>{html.escape(shown_keys(find(name)))}</b>"


def guide_html() -> str:
    """The Getting started guide: the five steps of a course, as rich text."""
    return f"""
<h2>Getting started</h2>
<p>A course is built in five steps. Everything you do is saved as you go; {_k('undo')} undoes
the last step.</p>
<h3>1. Structure</h3>
<p>A course holds <b>modules</b>, a module holds <b>lessons</b>, and a lesson plays its items
in order: video clips, slides, pages and quizzes. Add a module with {_k('add_module')} and a
lesson with {_k('add_lesson')}; rename with {_k('rename')}, drag in the outline to reorder.</p>
<h3>2. Media</h3>
<p><b>Import</b> video, audio and pictures with {_k('import')}: they go to the media bin, and
into the selected lesson. Drag files onto the <b>timeline</b> to place them. On the timeline,
drag a clip's edge to <b>trim</b> it (or set in and out points with {_k('mark')} at the
playhead), drag the clip itself to reorder, <b>split</b> it at the playhead with
{_k('split')}, and add a <b>cue point</b> with {_k('cue')}: a moment where the video stops
for a question.</p>
<h3>3. Slides</h3>
<p>Bring in a <b>PowerPoint deck</b> (.pptx) with {_k('deck')}: each slide becomes a slide
item of the selected lesson, with its notes, shown for a duration you can change in the
inspector.</p>
<h3>4. Quiz</h3>
<p>Add a <b>quiz</b> to a lesson with {_k('add_quiz')}. Each <b>question</b> is edited in a
form: choices with the correct ones ticked, pairs to match, items to order, numbers,
fill-in answers, with feedback. Keep questions in the course's <b>bank</b> to reuse them, and
set the pass mark and attempts on the quiz.</p>
<h3>5. Export</h3>
<p>{_k('export')} writes a package for your LMS: <b>SCORM 1.2</b>, <b>SCORM 2004</b>,
<b>xAPI</b> (Tin Can), <b>cmi5</b>, or a plain <b>HTML5</b> site. Each package is
<b>validated</b> against the official schemas as it is written. Try the course first with
<b>Preview as learner</b> ({_k('learner')}).</p>
<p>All keys are listed under Help › Keyboard shortcuts ({_k('shortcuts')}).</p>
"""


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Getting started guide")
        self.text.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 640)


class ShortcutsDialog(QDialog):
    """Every shortcut of :data:`~studio.ui.shortcuts.SHORTCUTS` as a table, filtered as typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search actions or keys")
        self.search.setAccessibleName("Search shortcuts")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(len(SHORTCUTS), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, shortcut in enumerate(SHORTCUTS):
            for column, text in enumerate((shortcut.does, shown_keys(shortcut), shortcut.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.search.textChanged.connect(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 640)

    def filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.table.rowCount()):
            line = " ".join(self.table.item(row, c).text() for c in range(3)).casefold()
            self.table.setRowHidden(row, not all(word in line for word in words))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(row, c).text() for c in range(3))
                for row in range(self.table.rowCount()) if not self.table.isRowHidden(row)]


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    found = meta.get("License-Expression") or meta.get("License") or ""
    if found and found != "UNKNOWN" and len(found) < 80:
        return found
    classifiers = [c.rpartition(" :: ")[2] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "not stated"


def libraries() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each library the studio depends on (its own package
    metadata's requirements, the window's extra included), as installed."""
    try:
        wanted = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for requirement in wanted:
        if "extra ==" in requirement and "'ui'" not in requirement and '"ui"' not in requirement:
            continue
        match = _NAME.match(requirement)
        try:
            dist = metadata.distribution(match.group(0)) if match else None
        except metadata.PackageNotFoundError:
            continue
        if dist is not None:
            found.append((dist.metadata["Name"], dist.version, _licence(dist)))
    return found


def studio_version() -> str:
    """The installed package's version, or the source tree's when it is not installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return studio.__version__


def _ffmpeg_line() -> str:
    from studio.media.ffmpeg import find_ffmpeg  # noqa: PLC0415 (runs the binary once)

    try:
        found = find_ffmpeg()
    except StudioError as exc:
        return html.escape(exc.message)
    return html.escape(f"{found.version} — {found.path}")


def about_html() -> str:
    rows = "".join(f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td>"
                   f"<td>{html.escape(lic)}</td></tr>" for n, v, lic in libraries())
    return f"""
<h2>Course Studio {html.escape(studio_version())}</h2>
<p>Builds courses from video, slides and quizzes, and exports SCORM 1.2, SCORM 2004, xAPI,
cmi5 and HTML5 packages.</p>
<p><b>Qt</b> {html.escape(qVersion())} · <b>PySide6</b> {html.escape(PySide6.__version__)}<br>
<b>ffmpeg</b> {_ffmpeg_line()}<br>
<b>Logs</b> {html.escape(str(log_dir()))}</p>
<table cellspacing="0" cellpadding="2">
<tr><th align="left">Library</th><th align="left">Version</th><th align="left">Licence</th></tr>
{rows}</table>
"""


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Course Studio")
        self.text = QLabel(about_html(), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class HelpWindows:
    """The Help menu's windows, one of each, raised when asked again."""

    def __init__(self, parent: QWidget):
        self.parent = parent
        self.open: dict[type, QDialog] = {}

    def _show(self, kind: type) -> QDialog:
        dialog = self.open.get(kind)
        if dialog is None:
            dialog = self.open[kind] = kind(self.parent)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def guide(self) -> GuideDialog:
        return self._show(GuideDialog)

    def shortcuts(self) -> ShortcutsDialog:
        return self._show(ShortcutsDialog)

    def about(self) -> AboutDialog:
        return self._show(AboutDialog)

"""The slide inspector's Pictures: each picture of a deck slide with its description for
screen readers and a Decorative mark, each change one undoable command (WCAG 2.2 §1.1.1)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio import commands
from studio.model import Slide
from studio.ui.dialog_parts import error_label
from studio.ui.session import ProjectSession


class SlidePictures(QGroupBox):
    """The pictures of ``slide`` in reading order: a description field and a "Decorative"
    check box each. Leaving a changed field or toggling the box runs
    :func:`studio.commands.set_picture_alt` through the session (one undo step); a value
    the core refuses shows the stored one again and the reason on the line below."""

    def __init__(self, session: ProjectSession, slide: Slide, parent: QWidget | None = None):
        super().__init__("Pictures", parent)
        self.session, self.slide_id = session, slide.id
        self.setAccessibleName("Pictures")
        self.alts: list[QLineEdit] = []
        self.decorative: list[QCheckBox] = []
        column = QVBoxLayout(self)
        pictures = slide.pictures
        if not pictures:
            column.addWidget(QLabel(
                "No pictures on this slide." if pictures is not None else
                "Its pictures were not read at import: re-import the deck to describe them."))
            self.message = QLabel()
            self.message.hide()
            return
        grid = QGridLayout()
        column.addLayout(grid)
        for index, picture in enumerate(pictures):
            what = f"Picture {index + 1}"
            label = QLabel(what)
            if picture.name:
                label.setToolTip(f"In the deck: “{picture.name}”")
            alt = QLineEdit(picture.alt)
            alt.setPlaceholderText("What it shows, for screen readers")
            alt.setAccessibleName(f"{what} description")
            alt.setEnabled(not picture.decorative)
            label.setBuddy(alt)
            mark = QCheckBox("Decorative")
            mark.setAccessibleName(f"{what} decorative")
            mark.setToolTip("Decorative pictures are passed over by screen readers.")
            mark.setChecked(picture.decorative)
            alt.editingFinished.connect(lambda i=index: self._described(i))
            mark.toggled.connect(lambda on, i=index: self.commit(i, self.alts[i].text(), on))
            grid.addWidget(label, 2 * index, 0, 1, 2)
            grid.addWidget(alt, 2 * index + 1, 0)
            grid.addWidget(mark, 2 * index + 1, 1)
            self.alts.append(alt)
            self.decorative.append(mark)
        self._stored = [(p.alt, p.decorative) for p in pictures]
        grid.setColumnStretch(0, 1)
        self.message = error_label()
        self.message.setAccessibleName("Pictures: message")
        self.message.hide()
        column.addWidget(self.message)

    def _described(self, index: int) -> None:
        if self.alts[index].text() != self._stored[index][0]:
            self.commit(index, self.alts[index].text(), self.decorative[index].isChecked())

    def commit(self, index: int, alt: str, decorative: bool) -> bool:
        """Store picture ``index``'s description and mark; True when the core took them.
        Refused: the stored values show again, and why."""
        outcome = self.session.run(commands.set_picture_alt, self.slide_id, index, alt,
                                   decorative)
        if outcome.ok:
            self.message.hide()
            self._stored[index] = ("" if decorative else " ".join(alt.split()), decorative)
            self.alts[index].setEnabled(not decorative)
            return True
        stored_alt, stored_mark = self._stored[index]
        for widget, value in ((self.alts[index], stored_alt),
                              (self.decorative[index], stored_mark)):
            widget.blockSignals(True)
            widget.setText(value) if isinstance(widget, QLineEdit) else widget.setChecked(value)
            widget.blockSignals(False)
        self.alts[index].setEnabled(not stored_mark)
        self.message.setText(outcome.error or "Not changed.")
        self.message.show()
        return False

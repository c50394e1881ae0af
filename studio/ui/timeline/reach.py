"""The timeline for keyboard and screen-reader users.

Up / Down select the previous / next item on the timeline (clips, slides, quiz and page
markers, in lesson order) and put the playhead at its start, as editing apps step between
edits; the outline's tree is the other keyboard path to the same items. The view's
accessible description says what is selected ("Clip Welcome video, 0:00.00 to 0:07.97"),
and changes with the selection, so a screen reader announces it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from studio.ui.timeline.logic import Box, duration_text

KIND_NAMES = {"video": "Clip", "slide": "Slide", "quiz": "Quiz", "page": "Page"}


def describe(box: Box | None) -> str:
    """What a screen reader says about a timeline item: kind, title and where it plays."""
    if box is None:
        return "Nothing selected on the timeline."
    kind = KIND_NAMES.get(box.kind, box.kind.capitalize())
    if box.is_marker:
        return f"{kind} {box.title}, at {duration_text(box.start)}"
    return f"{kind} {box.title}, {duration_text(box.start)} to {duration_text(box.end)}"


class TimelineReach(QObject):
    """Keyboard selection and the accessible description of a
    :class:`~studio.ui.timeline.view.TimelineView`."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        view.viewport().setAccessibleName(view.accessibleName())
        view.installEventFilter(self)
        view.session.selection_changed.connect(lambda _id: self.announce())
        view.session.changed.connect(lambda _changes: self.announce())

    def selected_box(self) -> Box | None:
        return next((b for b in self.view.boxes if b.item_id == self.view.session.selected),
                    None)

    def announce(self) -> None:
        """Put the selected item into the view's accessible description (Qt sends the
        DescriptionChanged event that screen readers listen to)."""
        text = describe(self.selected_box())
        if self.view.accessibleDescription() != text:
            self.view.setAccessibleDescription(text)

    def step(self, by: int) -> Box | None:
        """Select the item ``by`` places on (1 next, -1 previous; the first or last when
        none is selected) and move the playhead to its start; None past either end."""
        boxes = self.view.boxes
        if not boxes:
            return None
        current = self.selected_box()
        if current is None:
            index = 0 if by > 0 else len(boxes) - 1
        else:
            index = boxes.index(current) + by
            if not 0 <= index < len(boxes):
                return None
        box = boxes[index]
        self.view.session.select(box.item_id)
        self.view.set_playhead(box.start)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier):
            self.step(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return False

"""The slide inspector's Pictures, driven through its widgets on a real imported deck: a
description typed and committed is one undo step, a refused value reverts with its reason,
and "Go to item" on the Accessibility panel's picture finding lands where it can be fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from studio import commands
from studio.media.pptx_import import import_deck
from studio.ui.a11y_panel import KEY
from tests.slides_decks import build_picture_deck

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def slide(window, tmp_path) -> str:
    deck = build_picture_deck(tmp_path / "exits.pptx")
    outcome = window.session.run(import_deck, deck, new_lesson="Deck", renderer="builtin")
    assert outcome.ok, outcome.error
    return outcome.value.added[0]


def pictures_of(window, slide):
    return window.session.course().find(slide).pictures


def shown_pictures(qtbot, window, slide):
    window.session.select(slide)
    qtbot.waitUntil(lambda: window.inspector.shown == slide)
    return window.inspector.pictures


def test_a_typed_description_is_one_undo_step(qtbot, window, slide):
    section = shown_pictures(qtbot, window, slide)
    assert [f.accessibleName() for f in section.alts] == [
        f"Picture {n} description" for n in range(1, 5)]
    assert [b.accessibleName() for b in section.decorative] == [
        f"Picture {n} decorative" for n in range(1, 5)]
    assert section.decorative[2].isChecked() and not section.alts[2].isEnabled()
    field = section.alts[1]
    field.setFocus()
    qtbot.keyClicks(field, "An exit sign")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pictures_of(window, slide)[1].alt == "An exit sign"
    assert "An exit sign" in window.session.course().find(slide).alt_texts
    assert window.session.undo().ok
    assert pictures_of(window, slide)[1].alt == ""
    section = shown_pictures(qtbot, window, slide)
    qtbot.waitUntil(lambda: window.inspector.pictures.alts[1].text() == "")


def test_a_refused_value_reverts_with_its_reason(qtbot, window, slide):
    section = shown_pictures(qtbot, window, slide)
    qtbot.mouseClick(section.decorative[1], Qt.MouseButton.LeftButton)
    assert pictures_of(window, slide)[1].decorative
    section = shown_pictures(qtbot, window, slide)
    qtbot.waitUntil(lambda: window.inspector.pictures is not section
                    or section.decorative[1].isChecked())
    section = window.inspector.pictures
    box = section.decorative[1]
    box.setChecked(False)  # no description to fall back on: refused
    assert box.isChecked() and pictures_of(window, slide)[1].decorative
    assert not section.message.isHidden() and "decorative" in section.message.text()
    section.alts[0].setFocus()
    section.alts[0].clear()
    qtbot.keyClick(section.alts[0], Qt.Key.Key_Return)
    assert section.alts[0].text() == "A red and blue sign"
    assert pictures_of(window, slide)[0].alt == "A red and blue sign"


def test_go_to_item_from_the_panel_reaches_the_pictures_by_tab(qtbot, window, slide):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL_SHIFT)
    panel = window.accessibility
    qtbot.waitUntil(lambda: window.side.currentWidget() is panel)

    def picture_row():
        tree = panel.tree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, KEY) == ("1.1.1", slide):
                    return top.child(j)
        return None

    qtbot.waitUntil(lambda: picture_row() is not None, timeout=20000)
    row = picture_row()
    assert "slide's Pictures" in " ".join(row.text(c) + row.toolTip(c) for c in range(3))
    panel.tree.setCurrentItem(row)
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    assert window.session.selected == slide
    qtbot.waitUntil(lambda: window.inspector.shown == slide)
    assert window.side.currentWidget() is window.inspector
    qtbot.waitUntil(lambda: window.inspector.isAncestorOf(QApplication.focusWidget()))
    wanted = window.inspector.pictures.alts[1]
    for _ in range(40):
        if QApplication.focusWidget() is wanted:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wanted
    assert isinstance(wanted, QLineEdit) and wanted.accessibleName() == "Picture 2 description"
    # the order within the section: description, then its Decorative box, then the next
    qtbot.keyClick(wanted, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.inspector.pictures.decorative[1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.inspector.pictures.decorative[2]  # 3 is
    # decorative: its description field is off


def test_a_clips_description_is_a_field_of_its_properties(qtbot, window):
    clip = next(item for item in window.session.course().items() if item.kind.value == "video")
    window.session.run(commands.set_item, clip.id, description="")
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id)
    qtbot.wait(10)
    field = window.inspector.fields["description"]
    assert field.accessibleName() == "Description"
    field.setFocus()
    qtbot.keyClicks(field, "A hand presses the alarm button.")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field commits it
    assert window.session.course().find(clip.id).description == \
        "A hand presses the alarm button."

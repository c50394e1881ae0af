"""What a screen reader and a keyboard user meet in the translation tab and its dialogs:
every control named, Tab in reading order."""

from __future__ import annotations

from a11y_audit import audit, opened_by, tab_order_problems, tab_stops, unnamed_controls
from PySide6.QtCore import Qt

from studio.ui.translation_use import add_language


def menu_action(window, text):
    menu = next(m for m in window.menuBar().actions() if m.text() == "T&ranslation").menu()
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def test_the_tab_names_its_controls_and_tabs_in_reading_order(qtbot, window):
    add_language(window.session.project, "fr")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.translation
    qtbot.waitUntil(lambda: panel.builds > 0)
    assert panel.switcher.hasFocus()  # the key puts the focus in the tab
    panel.choose("fr")
    qtbot.waitUntil(panel.table.isVisible)
    assert unnamed_controls(panel) == []
    assert tab_order_problems(panel) == []
    stops = tab_stops(panel)
    for control in (panel.switcher, panel.add_button, panel.remove_button, panel.whole,
                    panel.needs_work, panel.table):
        assert control in stops


def test_the_dialogs_of_the_menu_name_their_controls(qtbot, window):
    add_language(window.session.project, "fr")
    for text in ("Export XLIFF", "Pseudo-localise"):
        problems, stops = opened_by(qtbot, menu_action(window, text).trigger,
                                    lambda dialog: (audit(dialog), len(tab_stops(dialog))))
        assert problems == [], text
        assert stops >= 2

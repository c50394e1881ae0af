"""The studio's own accessibility: names a screen reader can say, keyboard reach, visible
focus, and a window that fits a screen at 200 % scaling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from a11y_audit import focus_chain, unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QToolBar,
    QToolButton,
    QVBoxLayout,
)

from studio.ui.timeline.logic import duration_text

ROOT = Path(__file__).resolve().parents[2]


def test_every_control_has_a_name_for_each_kind_of_item(window, qtbot):
    course = window.session.course()
    shown = set()
    for item in course.items():
        if item.kind in shown:
            continue
        shown.add(item.kind)
        window.session.select(item.id)
        qtbot.wait(50)
        assert unnamed_controls(window) == [], f"while {item.kind} '{item.title}' is selected"
    assert len(shown) >= 4  # the sample holds a video, a slide, a page and a quiz


def test_tab_reaches_every_panel(window):
    chain = focus_chain(window)
    for panel in (window.outline, window.media_bin, window.preview, window.inspector,
                  window.timeline):
        assert any(panel is w or panel.isAncestorOf(w) for w in chain), \
            f"{type(panel).__name__} cannot be reached with Tab"


def test_focus_is_visible_on_the_panels(window, qtbot):
    """A focused panel looks different from an unfocused one (Qt draws no focus on a
    graphics view or a list by itself: the studio must)."""
    window.session.select(window.session.course().items()[0].id)
    for widget in (window.timeline, window.outline.tree, window.media_bin.view):
        window.menuBar().setFocus()
        qtbot.waitUntil(lambda w=widget: not w.hasFocus())
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        qtbot.wait(50)
        after = widget.grab().toImage()
        assert before != after, f"{type(widget).__name__} shows no focus"


def test_every_menu_action_has_a_shortcut_and_the_toolbar_names_its_buttons(window):
    unbound = [action.text() for top in window.menuBar().actions() if top.menu()
               and top.menu() is not window.recent_menu for action in top.menu().actions()
               if not action.isSeparator() and action.menu() is None
               and action.shortcut().isEmpty()]
    assert unbound == []
    toolbar = window.findChild(QToolBar, "main-toolbar")
    for button in toolbar.findChildren(QToolButton):
        if button.isVisible() and button.defaultAction() is not None:
            assert QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)


def test_the_window_fits_a_screen_at_200_percent(window):
    """On a 2560 × 1440 screen at 200 % the window has 1280 × 720 logical pixels."""
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    window.resize(1280, 720)
    QApplication.processEvents()
    for panel in (window.outline, window.media_bin, window.preview, window.inspector,
                  window.timeline):
        assert panel.width() >= 120 and panel.height() >= 80, type(panel).__name__


def test_the_window_draws_at_200_percent(sample, tmp_path, artifacts):
    """The real window at QT_SCALE_FACTOR=2: twice the pixels, text and pictures drawn."""
    shot = artifacts / "studio-at-200-percent.png"
    script = (
        "import sys\n"
        "from studio.ui.app import application\n"
        "app = application()\n"
        "from studio.ui.main_window import MainWindow\n"
        "w = MainWindow(); w.resize(1280, 720); w.show()\n"
        "assert w.open_project(sys.argv[1]), w.errors\n"
        "for _ in range(20): app.processEvents()\n"
        "image = w.grab().toImage()\n"
        "print(image.width(), image.height(), image.devicePixelRatio())\n"
        "assert image.save(sys.argv[2])\n"
        "w.close()\n")
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", script, str(sample), str(shot)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    width, height, ratio = done.stdout.split()[-3:]
    assert (int(width), int(height), float(ratio)) == (2560, 1440, 2.0)
    image = QImage(str(shot))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 11)
               for y in range(0, image.height(), 11)}
    assert len(colours) > 200
    print(f"screenshot: {shot}")


PANELS = ("outline", "media_bin", "preview", "inspector", "timeline")


def _focused_panel(window) -> str:
    focused = QApplication.focusWidget()
    for name in PANELS:
        panel = getattr(window, name)
        if focused is not None and (focused is panel or panel.isAncestorOf(focused)):
            return name
    return ""


def test_f6_cycles_the_panels_and_no_panel_traps_the_keyboard(window, qtbot):
    window.activateWindow()
    window.outline.tree.setFocus()
    qtbot.waitUntil(lambda: _focused_panel(window) == "outline")
    seen = []
    for _ in PANELS:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(_focused_panel(window))
    assert seen == [*PANELS[1:], PANELS[0]]
    for _ in PANELS:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6,
                       Qt.KeyboardModifier.ShiftModifier)
        seen.append(_focused_panel(window))
    assert seen[len(PANELS):] == list(reversed(PANELS))
    # Tab leaves the timeline too, though its arrows and letters are its own
    window.timeline.setFocus()
    qtbot.waitUntil(window.timeline.hasFocus)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Tab)
    assert _focused_panel(window) != "timeline"
    window.timeline.setFocus()
    qtbot.waitUntil(window.timeline.hasFocus)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _focused_panel(window) != "timeline"


def test_menus_open_by_their_letters_and_letters_are_not_shared(window):
    def letter(text: str) -> str:
        at = text.replace("&&", "").find("&")
        return text.replace("&&", "")[at + 1].lower() if at >= 0 else ""

    tops = [a for a in window.menuBar().actions() if a.menu()]
    assert all(letter(a.text()) for a in tops)
    assert len({letter(a.text()) for a in tops}) == len(tops)
    for top in tops:
        actions = [a for a in top.menu().actions() if not a.isSeparator()]
        letters = [letter(a.text()) for a in actions]
        assert all(letters), [a.text() for a in actions]
        assert len(set(letters)) == len(letters), [a.text() for a in actions]


def test_timeline_items_are_chosen_by_keyboard_and_described(window, qtbot):
    lesson = next(les for les in window.session.course().lessons() if len(les.items) >= 2)
    window.session.select(lesson.id)
    timeline = window.timeline
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    chosen = []
    for _ in lesson.items:
        qtbot.keyClick(timeline, Qt.Key.Key_Down)
        chosen.append(window.session.selected)
        box = next(b for b in timeline.boxes if b.item_id == window.session.selected)
        assert timeline.playhead == pytest.approx(box.start)
        assert box.title in timeline.accessibleDescription()
        face = QAccessible.queryAccessibleInterface(timeline)
        assert face.text(QAccessible.Text.Description) == timeline.accessibleDescription()
    assert chosen == [item.id for item in lesson.items]
    qtbot.keyClick(timeline, Qt.Key.Key_Up)
    assert window.session.selected == lesson.items[-2].id
    first = lesson.items[0]
    window.session.select(first.id)
    if first.kind == "video":
        assert timeline.accessibleDescription() == \
            f"Clip {first.title}, 0:00.00 to {duration_text(first.duration)}"


def test_the_selected_clip_looks_different_while_the_timeline_has_the_focus(window, qtbot):
    """Inside the frame too: the selection's outline is brighter while keys go there."""
    lesson = next(les for les in window.session.course().lessons() if les.items)
    window.session.select(lesson.items[0].id)
    timeline = window.timeline
    clip = timeline.clips[lesson.items[0].id]
    inner = timeline.mapFromScene(clip.boundingRect()).boundingRect().adjusted(-2, -2, 2, 2)
    inner = inner.intersected(timeline.viewport().rect().adjusted(4, 4, -4, -4))

    def picture():
        return timeline.viewport().grab(inner).toImage()

    window.menuBar().setFocus()
    qtbot.waitUntil(lambda: not timeline.hasFocus())
    qtbot.wait(50)
    before = picture()
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    qtbot.wait(50)
    assert picture() != before


def test_panel_keys_are_in_the_shortcut_table(window):
    from studio.ui.shortcuts import find

    assert find("next_panel").keys == "F6" and find("previous_panel").keys == "Shift+F6"
    bound = {action.shortcut().toString() for action in window.findChildren(QAction)}
    assert {"F6", "Shift+F6"} <= bound


@pytest.mark.parametrize("dark", [False, True])
def test_the_focus_frame_takes_the_palette_s_highlight(window, qtbot, dark):
    """No stylesheet: the frame is the palette's highlight, in the light and the dark one."""
    from studio.ui import theme

    app = QApplication.instance()
    kept = app.palette()
    app.setPalette(theme.palette(dark))
    try:
        for widget in (window.timeline, window.outline.tree, window.media_bin.view):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(widget.hasFocus)
            qtbot.wait(20)
            image = widget.grab().toImage()
            corner = image.pixelColor(int(image.devicePixelRatio()), image.height() // 2)
            assert corner == theme.palette(dark).color(theme.Role.Highlight), \
                type(widget).__name__
    finally:
        app.setPalette(kept)


@pytest.mark.parametrize("dark", [False, True])
def test_a_refusal_is_readable_in_either_colour_scheme_and_follows_a_switch(qtbot, dark):
    """The error colour reaches 4.5:1 (WCAG 1.4.3) on the scheme's window and fields, and a
    label made before the system switches scheme takes the other scheme's colour."""
    from studio.brand.colors import contrast
    from studio.ui import theme
    from studio.ui.dialog_parts import error_label

    app = QApplication.instance()
    kept = app.palette()
    try:
        app.setPalette(theme.palette(not dark))
        dialog = QDialog()
        qtbot.addWidget(dialog)
        label = error_label(dialog)
        QVBoxLayout(dialog).addWidget(label)
        dialog.show()
        before = label.palette().color(theme.Role.WindowText).name()
        app.setPalette(theme.palette(dark))
        qtbot.waitUntil(lambda: label.palette().color(theme.Role.WindowText).name() != before,
                        timeout=2000)
        shown = label.palette().color(theme.Role.WindowText).name()
        colours = theme.DARK if dark else theme.LIGHT
        for role in (theme.Role.Window, theme.Role.Base):
            assert contrast(shown, colours[role]) >= 4.5, (shown, colours[role])
            assert label.palette().color(role).name() == colours[role]  # the rest follows
        assert label.wordWrap()
    finally:
        app.setPalette(kept)

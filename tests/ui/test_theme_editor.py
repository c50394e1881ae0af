"""The brand and theme editor, driven through its widgets, with the player previewed beside it."""

from __future__ import annotations

from pathlib import Path

from a11y_audit import tab_stops, unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from studio.brand import builtin_kit, load_kit, write_kit
from studio.commands.brand import set_theme
from studio.ui.theme_editor import OPEN_KIT, ThemeEditor

PREVIEW_MS = 120000  # the course exported as a site and loaded in Qt WebEngine


def _open(window, qtbot) -> ThemeEditor:
    window.theme_action.trigger()
    editor = window.findChild(ThemeEditor)
    assert editor is not None and editor.isVisible()
    return editor


def _pick(qtbot, editor: ThemeEditor, ref: str) -> None:
    """Choose ``ref`` in the kit picker with the keyboard, as a person does."""
    picker = editor.kit_picker
    picker.setFocus()
    target = picker.findData(ref)
    assert target >= 0, ref
    steps = target - picker.currentIndex()
    for _ in range(abs(steps)):  # each step is a choice, as the arrow keys make it
        qtbot.keyClick(picker, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)


def _type(qtbot, field, text: str) -> None:
    field.text.setFocus()
    field.text.selectAll()
    qtbot.keyClicks(field.text, text)


def _rows(editor: ThemeEditor) -> list[str]:
    return [editor.contrast.item(i).text() for i in range(editor.contrast.count())]


def _css(qtbot, editor: ThemeEditor, name: str) -> str:
    answers: list = []
    editor.preview.page.runJavaScript(
        f"getComputedStyle(document.documentElement).getPropertyValue('{name}').trim()", 0,
        answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    return str(answers[0]).upper()


def test_a_failing_colour_is_refused_then_adjusted_and_applied_as_one_undo_step(window, qtbot):
    editor = _open(window, qtbot)
    _pick(qtbot, editor, "clear")
    clear = builtin_kit("clear")
    assert editor.colours["light.text"].value() == clear.light.text
    assert editor.ok_button.isEnabled()
    _type(qtbot, editor.colours["light.text"], "#B0B0B0")  # pale grey text on a light card
    rows = _rows(editor)
    failing = [row for row in rows if row.startswith("Fails")]
    assert rows[:len(failing)] == failing  # failing pairs come first
    assert any(row.startswith("Fails: light text on surface") and "needs 4.5:1" in row
               for row in failing)
    assert not editor.ok_button.isEnabled() and not editor.apply_button.isEnabled()
    assert "fail contrast" in editor.refusal.text()
    qtbot.mouseClick(editor.adjust, Qt.MouseButton.LeftButton)
    assert not any(row.startswith("Fails") for row in _rows(editor))
    assert "light text #B0B0B0 ->" in editor.message.text()
    adjusted = editor.colours["light.text"].value()
    assert adjusted != "#B0B0B0"
    assert editor.ok_button.isEnabled()
    before = window.session.project.history.entries()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    settings = window.session.course().settings
    assert settings.kit == "clear"
    assert dict(settings.theme)["light.text"] == adjusted
    assert len(window.session.project.history.entries()) == len(before) + 1
    window.undo_action.trigger()
    settings = window.session.course().settings
    assert (settings.kit, settings.theme) == ("", ())
    assert window.errors == []


def test_the_previewed_player_follows_each_edit_and_the_scheme(window, qtbot):
    editor = _open(window, qtbot)
    qtbot.waitUntil(lambda: editor.preview.ready, timeout=PREVIEW_MS)
    with qtbot.waitSignal(editor.preview.applied, timeout=10000,
                          check_params_cb=lambda value: value == "#0B5CAD"):
        _type(qtbot, editor.colours["light.primary"], "#0B5CAD")
    assert _css(qtbot, editor, "--cp-primary") == "#0B5CAD"
    _pick(qtbot, editor, "editorial")
    editorial = builtin_kit("editorial")
    qtbot.waitUntil(lambda: _css(qtbot, editor, "--cp-background") == editorial.light.background)
    assert editorial.dark is not None
    qtbot.mouseClick(editor.preview.dark, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _css(qtbot, editor, "--cp-background") == editorial.dark.background)
    assert _css(qtbot, editor, "--cp-radius") == f"{editorial.radius}PX"
    editor.reject()


def test_a_kit_file_opens_from_the_picker_and_a_broken_one_is_refused(window, qtbot, tmp_path,
                                                                        monkeypatch):
    editor = _open(window, qtbot)
    broken = tmp_path / "broken" / "kit.toml"
    broken.parent.mkdir()
    broken.write_text('format = 1\nname = "Broken"\n[colors.light]\nprimary = "blue"\n',
                      encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(broken), "")))
    last = editor.kit_picker.itemData(editor.kit_picker.findData(OPEN_KIT) - 1)
    _pick(qtbot, editor, OPEN_KIT)  # the arrow keys choose each kit on the way
    assert "kit.toml" in editor.message.text()
    assert editor.kit_picker.currentData() == last  # the editor kept its kit
    saved = tmp_path / "saved"
    saved.mkdir()
    _type(qtbot, editor.colours["light.primary"], "#0B5CAD")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(saved)))
    qtbot.mouseClick(editor.save_kit, Qt.MouseButton.LeftButton)
    written = Path(editor.message.text().removeprefix("Saved the kit as ").rstrip("."))
    assert load_kit(written).light.primary == "#0B5CAD"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(written), "")))
    assert editor.kit_picker.findData(str(written)) >= 0  # saved kits are offered again
    _pick(qtbot, editor, str(written))
    assert editor.colours["light.primary"].value() == "#0B5CAD"
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert window.session.course().settings.kit == str(written)


def test_typed_text_that_is_not_a_colour_reverts_with_a_reason(window, qtbot):
    editor = _open(window, qtbot)
    field = editor.colours["light.accent"]
    before = field.value()
    _type(qtbot, field, "orange")
    qtbot.keyClick(field.text, Qt.Key.Key_Return)
    assert field.text.text() == before
    assert "not a colour" in editor.message.text()
    assert "six or three hex digits" in editor.message.text()
    _type(qtbot, field, "#fa0")  # the short form the message offers is taken
    qtbot.keyClick(field.text, Qt.Key.Key_Return)
    assert field.value() == field.text.text() == "#FFAA00"
    editor.reject()


def test_every_control_is_named_and_tab_reads_the_form_then_the_player(window, qtbot):
    editor = _open(window, qtbot)
    qtbot.waitExposed(editor)
    assert editor.windowTitle() == "Brand and theme"
    assert unnamed_controls(editor) == []
    stops = tab_stops(editor)
    order = [editor.kit_picker, editor.colours["light.primary"].swatch,
             editor.colours["light.primary"].text, editor.colours["dark.text"].text,
             editor.body_font.pick, editor.logo_alt, editor.radius, editor.button_style,
             editor.preview.dark, editor.contrast, editor.save_kit, editor.ok_button]
    assert all(control in stops for control in order)
    assert [stops.index(control) for control in order] == \
        sorted(stops.index(control) for control in order)
    editor.reject()


def test_a_shared_kit_that_breaks_says_so_once_and_the_preview_recovers(window, qtbot,
                                                                         tmp_path):
    shared = tmp_path / "acme" / "kit.toml"
    written = write_kit(builtin_kit("clear"), shared.parent)
    window.session.run(set_theme, kit=str(written), overrides={})
    written.write_text('format = 1\nname = "Acme"\n[colors.light]\nprimary = "blue"\n',
                       encoding="utf-8")  # someone broke the shared kit since
    editor = _open(window, qtbot)
    reason = editor.refusal.text()
    assert "kit.toml" in reason and not editor.ok_button.isEnabled()
    qtbot.waitUntil(lambda: editor.preview.ready
                    or "cannot be shown" in editor.preview.status.text(), timeout=PREVIEW_MS)
    assert editor.preview.ready, editor.preview.status.text()
    shown = [label.text() for label in editor.findChildren(QLabel) if label.isVisible()]
    assert sum("kit.toml" in text for text in shown) == 1, shown
    assert window.errors == []
    editorial = builtin_kit("editorial")
    _pick(qtbot, editor, "editorial")
    qtbot.waitUntil(lambda: _css(qtbot, editor, "--cp-background") == editorial.light.background)
    assert editor.refusal.text() == "" and editor.ok_button.isEnabled()
    editor.reject()


def test_save_as_kit_asks_before_replacing_a_kit_and_refuses_a_builtin_one(
        window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from studio.brand import builtin_dir

    editor = _open(window, qtbot)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "kit.toml").write_text('format = 1\nname = "Theirs"\n[colors.light]\n'
                                     'primary = "#0B5CAD"\naccent = "#B34700"\n'
                                     'background = "#FFFFFF"\nsurface = "#FFFFFF"\n'
                                     'text = "#111111"\n', encoding="utf-8")
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or answer[0]))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(shared)))
    qtbot.mouseClick(editor.save_kit, Qt.MouseButton.LeftButton)
    assert "other courses may use it" in asked[0]
    assert load_kit(shared).name == "Theirs"  # declined: the shared kit is untouched
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.save_kit, Qt.MouseButton.LeftButton)
    assert load_kit(shared).name == "shared"  # named after its folder
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(builtin_dir("clear"))))
    before = (builtin_dir("clear") / "kit.toml").read_bytes()
    qtbot.mouseClick(editor.save_kit, Qt.MouseButton.LeftButton)
    assert "built-in kit 'clear'" in editor.message.text()
    assert (builtin_dir("clear") / "kit.toml").read_bytes() == before

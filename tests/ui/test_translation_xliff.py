"""The Translation menu: Export XLIFF… (language, version, only what changed), Import XLIFF…
as a job with progress, Cancel and a result line with counts, and Pseudo-localise."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.ui import translation_window
from studio.ui.translation_use import add_language
from studio.ui.translation_window import import_summary, start_import


def menu_action(window, text):
    menu = next(m for m in window.menuBar().actions() if m.text() == "T&ranslation").menu()
    return next(a for a in menu.actions() if a.text() == text)


def test_menu_actions_have_shortcuts_and_the_panel_key_works(qtbot, window):
    for text in ("&Translation panel", "&Export XLIFF…", "&Import XLIFF…",
                 "&Pseudo-localise…"):
        assert not menu_action(window, text).shortcut().isEmpty()
    assert menu_action(window, "&Translation panel").shortcut().toString() == "Ctrl+Shift+L"


def test_export_dialog_writes_the_chosen_language_and_version(qtbot, window, tmp_path,
                                                              monkeypatch):
    asked = []

    def export(project, language, *, version="1.2", changed_only=False):
        asked.append((language, version, changed_only))
        return b"<xliff/>"

    monkeypatch.setattr(translation_window, "export_xliff", export)
    add_language(window.session.project, "de")
    add_language(window.session.project, "fr")
    qtbot.keyClick(window, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(),
                                       translation_window.XliffExportDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.path.text().endswith("Sample.de.xlf")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.path.text().endswith("Sample.fr.xlf")  # the default name follows
    dialog.version.setCurrentIndex(dialog.version.findData("2.0"))
    dialog.changed.setChecked(True)
    target = tmp_path / "out.xlf"
    dialog.path.setText(str(target))
    notices = []
    window.session.notice.connect(notices.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and bool(notices))
    assert asked == [("fr", "2.0", True)]
    assert target.read_bytes() == b"<xliff/>"
    assert "out.xlf" in notices[-1] and "XLIFF 2.0" in notices[-1]


def test_export_without_a_target_language_says_to_add_one(qtbot, window):
    dialog = translation_window.export_dialog(window)
    assert not dialog.export_button.isEnabled()
    assert "Translation tab" in dialog.message.text()
    dialog.reject()


def slow_import(project, data, name, progress, token):
    for step in range(400):
        progress(step / 400, f"segment {step}")
        token.check()
        time.sleep(0.01)
    return SimpleNamespace(language="fr", stored=1)


def test_import_runs_as_a_job_with_progress_and_cancel(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(translation_window, "import_xliff", slow_import)
    path = tmp_path / "course.fr.xlf"
    path.write_bytes(b"<xliff/>")
    job = start_import(window, path)
    panel = window.translation
    assert window.side.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.progress.value() > 0)
    assert panel.cancel_button.isVisible() and panel.progress.isVisible()
    assert "segment" in panel.job_label.text()
    with qtbot.waitSignal(job.ended, timeout=10000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert "cancelled; nothing was changed" in panel.job_label.text()
    assert not panel.cancel_button.isVisible()


def test_import_result_counts_stored_untranslated_and_left_in_source(qtbot, window, tmp_path,
                                                                     monkeypatch):
    add_language(window.session.project, "fr")

    def quick(project, data, name, progress, token):
        progress(1.0, "")
        return SimpleNamespace(language="fr", stored=12, untranslated=("a", "b"),
                               left_in_source=("c",), needs_review=())

    monkeypatch.setattr(translation_window, "import_xliff", quick)
    path = tmp_path / "course.fr.xlf"
    path.write_bytes(b"<xliff/>")
    job = start_import(window, path)
    with qtbot.waitSignal(job.ended, timeout=10000):
        pass
    qtbot.waitUntil(lambda: window.translation.job_label.text().startswith("Imported"))
    line = window.translation.job_label.text()
    assert line == ("Imported French: 12 translations stored, 2 untranslated, 1 left in the "
                    "source language.")
    qtbot.waitUntil(lambda: window.translation.language == "fr")


def test_a_refused_import_says_why_in_one_line(qtbot, window, tmp_path, monkeypatch):
    from studio.errors import ImportFileError

    def refuse(project, data, name, progress, token):
        raise ImportFileError(f"{name} belongs to another course.")

    monkeypatch.setattr(translation_window, "import_xliff", refuse)
    path = tmp_path / "other.xlf"
    path.write_bytes(b"<xliff/>")
    job = start_import(window, path)
    with qtbot.waitSignal(job.ended, timeout=10000):
        pass
    assert "other.xlf belongs to another course." in window.translation.job_label.text()
    assert window.errors and "\n" not in window.errors[-1]


def test_import_summary_in_words():
    assert import_summary(SimpleNamespace(language="de", stored=1)) == \
        "Imported German: 1 translation stored."


def test_pseudo_localise_fills_the_chosen_locale(qtbot, window, monkeypatch):
    filled = []
    monkeypatch.setattr(translation_window, "pseudo_fill",
                        lambda project, locale, progress, token: filled.append(locale))
    dialog = translation_window.pseudo_dialog(window)
    dialog.locale.setCurrentIndex(dialog.locale.findData("qps-plocm"))
    assert dialog.locale.accessibleName()
    dialog.start()
    qtbot.waitUntil(lambda: filled == ["qps-plocm"])
    qtbot.waitUntil(lambda: "qps-plocm filled" in window.translation.job_label.text())


# ---- with the real use case ------------------------------------------------------------------
def test_export_then_import_round_trip_through_the_window(qtbot, window, tmp_path):
    from tests.ui.test_translation_panel import add_french, item_named, open_tab, type_in_cell

    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    segment_id = f"{slide.id}.title"
    qtbot.waitUntil(lambda: any(s.id == segment_id for s in panel.table.segments))
    row = next(r for r, s in enumerate(panel.table.segments) if s.id == segment_id)
    type_in_cell(qtbot, panel.table, row, "De quoi est fait un cours")
    qtbot.waitUntil(lambda: segment_id in window.session.course().translations.get("fr", {}))
    dialog = translation_window.export_dialog(window)
    target = tmp_path / "tour.fr.xlf"
    dialog.path.setText(str(target))
    job = dialog.start()
    with qtbot.waitSignal(job.ended, timeout=20000):
        pass
    assert b"De quoi est fait un cours" in target.read_bytes()
    window.session.undo()  # the translation goes; the file brings it back
    qtbot.waitUntil(lambda: segment_id not in
                    window.session.course().translations.get("fr", {}))
    job = start_import(window, target)
    assert panel.cancel_button.isVisible()
    with qtbot.waitSignal(job.ended, timeout=30000):
        pass
    assert window.session.course().translations["fr"][segment_id].text == \
        "De quoi est fait un cours"
    qtbot.waitUntil(lambda: panel.job_label.text().startswith("Imported"))
    line = panel.job_label.text()
    assert line.startswith("Imported French: 1 translation stored, ") and "untranslated" in line
    assert window.session.project.history.undo_name().startswith("Import")


def test_pseudo_locale_fills_every_segment_and_the_preview_shows_it(qtbot, window):
    slide = next(item for item in window.session.course().items()
                 if item.title == "What a course is made of")
    window.session.select(slide.id)
    job = translation_window.start_pseudo(window, "qps-ploc")
    with qtbot.waitSignal(job.ended, timeout=30000):
        pass
    panel = window.translation
    qtbot.waitUntil(lambda: panel.language == "qps-ploc")
    qtbot.waitUntil(lambda: "qps-ploc: up to date" in panel.drift.text())
    qtbot.waitUntil(lambda: window.preview.title.text().startswith("["))
    assert window.preview.title.text() != slide.title


def test_import_summary_names_kept_and_over_long_translations():
    line = import_summary(SimpleNamespace(
        language="fr", stored=3, untranslated=(), kept_earlier=("a.title",),
        kept_newer=("b.text.0", "c.text.1"), over_length=(("player.next", 43, 16),)))
    assert line == ("Imported French: 3 translations stored, 1 kept from earlier (no target "
                    "in the file), 2 newer kept (the file predates a source edit), 1 over the "
                    "length limit (player.next (43/16)).")

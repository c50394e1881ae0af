"""The export dialog's language choice: the course language, one target language, or several
in one package; the options the dialog builds carry it (``ExportOptions.languages``)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.export.package import ExportOptions
from studio.ui.translation_export import SEVERAL
from studio.ui.translation_use import add_language


def test_dialog_offers_course_language_one_target_or_several(qtbot, window):
    for tag in ("fr", "de"):
        add_language(window.session.project, tag)
    dialog = window.export()
    qtbot.waitUntil(dialog.isVisible)
    choice = dialog.languages
    assert choice.isVisible() and choice.combo.isEnabled()
    assert choice.combo.accessibleName() and choice.picker.accessibleName()
    texts = [choice.combo.itemText(i) for i in range(choice.combo.count())]
    assert texts[0].startswith("English") and "course language" in texts[0]
    assert any(t.startswith("French") for t in texts) and any(t.startswith("German")
                                                               for t in texts)
    options = dialog.options()
    assert isinstance(options, ExportOptions) and options.languages == ()
    # one target, picked with the keyboard
    choice.combo.setFocus()
    while choice.combo.currentData() != "fr":
        qtbot.keyClick(choice.combo, Qt.Key.Key_Down)
    assert dialog.options().languages == ("fr",)
    assert not choice.picker.isVisible()
    assert dialog.target.text().endswith(".fr.zip")  # the default name carries the tag
    # several in one package: every language ticked, the course language the default
    choice.choose(SEVERAL)
    assert choice.picker.isVisible()
    assert not dialog.target.text().endswith(".fr.zip")
    assert dialog.options().languages == ("en", "de", "fr")
    choice.tick(("fr",))
    assert "at least two" in choice.note.text()
    assert dialog.start() is None and "at least two" in dialog.status.text()
    choice.tick(("en", "fr"))
    choice.start_in("en")
    assert dialog.options().languages == ("en", "fr")
    assert choice.default.isVisible() and choice.default.currentText().startswith("English")
    choice.default.setFocus()
    qtbot.keyClick(choice.default, Qt.Key.Key_Down)  # learners start in French
    assert dialog.options().languages == ("fr", "en")
    choice.tick(("en", "de", "fr"))  # the start language stays chosen
    assert dialog.options().languages == ("fr", "en", "de")
    assert "3 languages" in choice.note.text()
    dialog.reject()


def test_without_targets_the_choice_is_hidden_and_the_package_is_the_source(qtbot, window):
    dialog = window.export()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.languages.isVisible()
    assert dialog.options().languages == ()
    dialog.reject()


def test_several_ticks_real_languages_only_and_each_says_what_is_untranslated(qtbot, window):
    from studio.commands.translation import store_translations
    from studio.media.translation_io import course_segments, pseudo_fill
    from studio.translation.units import Translation

    project = window.session.project
    for tag in ("fr", "qps-ploc"):
        add_language(project, tag)
    pseudo_fill(project, "qps-ploc")
    found = course_segments(project)
    first = found[0]
    store_translations(project, "fr", [Translation(language="fr", segment=first.id,
                                                   text="Bonjour", source_hash=first.source_hash,
                                                   source_text=first.text)])
    dialog = window.export()
    qtbot.waitUntil(dialog.isVisible)
    choice = dialog.languages
    texts = [choice.combo.itemText(i) for i in range(choice.combo.count())]
    total = len(found)
    assert f"French — {total - 1} of {total} untranslated" in texts
    assert "Pseudo-locale (accented) — fully translated" in texts
    choice.choose(SEVERAL)
    assert choice.ticked() == ("en", "fr")  # never a pseudo-locale by default
    rows = [choice.picker.item(r).text() for r in range(choice.picker.count())]
    assert f"French — {total - 1} of {total} untranslated" in rows
    assert dialog.options().languages == ("en", "fr")
    dialog.reject()

"""The export dialog's language choice: the course language, one target language, or several
in one package; the options the dialog builds carry it (``ExportOptions.languages``)."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pytest
from PySide6.QtCore import Qt

from studio.export.package import ExportOptions
from studio.ui import export_dialog, translation_export
from studio.ui.translation_export import SEVERAL, exports_languages, with_languages
from studio.ui.translation_use import add_language


@dataclass(frozen=True)
class _WithLanguages(ExportOptions):
    languages: tuple[str, ...] = ()


@pytest.fixture
def knows_languages(monkeypatch):
    """Export options with a ``languages`` field: the real ones when the exporter has it,
    else a subclass that adds it, so the dialog's side is checked either way."""
    if exports_languages():
        return ExportOptions
    monkeypatch.setattr(export_dialog, "ExportOptions", _WithLanguages)
    monkeypatch.setattr(translation_export, "ExportOptions", _WithLanguages)
    return _WithLanguages


def languages_of(options) -> tuple[str, ...]:
    return options.languages


def test_with_languages_passes_them_only_when_the_options_have_the_field():
    plain = ExportOptions()
    kept = with_languages(plain, ("fr",))
    if "languages" in {f.name for f in fields(ExportOptions)}:
        assert kept.languages == ("fr",)
    else:
        assert kept == plain and not hasattr(kept, "languages")
    assert with_languages(_WithLanguages(), ("fr", "de")).languages == ("fr", "de")


def test_dialog_offers_course_language_one_target_or_several(qtbot, window, knows_languages):
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
    assert isinstance(options, knows_languages) and languages_of(options) == ()
    # one target, picked with the keyboard
    choice.combo.setFocus()
    while choice.combo.currentData() != "fr":
        qtbot.keyClick(choice.combo, Qt.Key.Key_Down)
    assert languages_of(dialog.options()) == ("fr",)
    assert not choice.picker.isVisible()
    assert dialog.target.text().endswith(".fr.zip")  # the default name carries the tag
    # several in one package: every language ticked, the course language the default
    choice.choose(SEVERAL)
    assert choice.picker.isVisible()
    assert not dialog.target.text().endswith(".fr.zip")
    assert languages_of(dialog.options()) == ("en", "de", "fr")
    choice.tick(("fr",))
    assert "at least two" in choice.note.text()
    assert dialog.start() is None and "at least two" in dialog.status.text()
    choice.tick(("en", "fr"))
    choice.start_in("en")
    assert languages_of(dialog.options()) == ("en", "fr")
    assert choice.default.isVisible() and choice.default.currentText().startswith("English")
    choice.default.setFocus()
    qtbot.keyClick(choice.default, Qt.Key.Key_Down)  # learners start in French
    assert languages_of(dialog.options()) == ("fr", "en")
    choice.tick(("en", "de", "fr"))  # the start language stays chosen
    assert languages_of(dialog.options()) == ("fr", "en", "de")
    assert "3 languages" in choice.note.text()
    dialog.reject()


def test_without_targets_the_choice_is_hidden_and_the_package_is_the_source(qtbot, window):
    dialog = window.export()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.languages.isVisible()
    assert getattr(dialog.options(), "languages", ()) == ()
    dialog.reject()


def test_without_the_options_field_the_choice_is_disabled_and_says_so(qtbot, window,
                                                                       monkeypatch):
    @dataclass(frozen=True)
    class Plain:
        format: str = "scorm12"

    monkeypatch.setattr(translation_export, "ExportOptions", Plain)
    add_language(window.session.project, "fr")
    dialog = window.export()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.languages.combo.isEnabled()
    assert "course language only" in dialog.languages.note.text()
    assert dialog.languages.languages() == ()
    dialog.reject()


def test_several_ticks_real_languages_only_and_each_says_what_is_untranslated(
        qtbot, window, knows_languages):
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
    assert languages_of(dialog.options()) == ("en", "fr")
    dialog.reject()

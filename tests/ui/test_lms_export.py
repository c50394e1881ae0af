"""The export dialog's first choice is the LMS: every profile is offered, the choice is kept
per course, it picks and limits the format and says what it switches."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt

from studio.commands.publish import publish_settings
from studio.export.lms_profiles import all_profiles, choose_format, load_profile
from studio.ui.lms_choice import ANY_LMS


def choose(dialog, name: str) -> None:
    dialog.lms.setCurrentIndex(dialog.lms.findData(name))


def test_every_profile_is_offered_after_any_lms_and_the_choice_stays_with_the_course(
        window, qtbot, tmp_path):
    history = window.session.project.history.entries()
    dialog = window.export()
    labels = [dialog.lms.itemText(row) for row in range(dialog.lms.count())]
    assert labels[0] == ANY_LMS and dialog.lms.currentData() == ""
    assert len(labels) == 16 and sorted(labels[1:]) == sorted(p.label for p in all_profiles())
    assert dialog.lms_summary.text().startswith("The package follows the standard")
    choose(dialog, "cornerstone")
    cornerstone = load_profile("cornerstone")
    assert dialog.format.currentData() == choose_format(cornerstone, None)
    assert dialog.options().lms == "cornerstone"
    assert dialog.lms_summary.text().startswith("SCORM ")
    assert "cornerstone" in dialog.lms_summary.toolTip()
    dialog.close()
    assert publish_settings(window.session.project).lms == ""  # closed without export: unchanged

    dialog = window.export()
    choose(dialog, "cornerstone")
    dialog.target.setText(str(tmp_path / "for-cornerstone.zip"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=120000)
    dialog.close()
    settings = publish_settings(window.session.project)
    assert (settings.lms, settings.format) == ("cornerstone", choose_format(cornerstone, None))
    assert window.session.project.history.entries() == history  # a preference: no undo step

    path = window.session.path
    window.close_project()
    assert window.open_project(path)
    dialog = window.export()
    assert dialog.lms.currentData() == "cornerstone"
    assert dialog.format.currentData() in cornerstone.formats
    dialog.close()


def test_docebo_offers_only_the_formats_it_takes(window, qtbot):
    dialog = window.export()
    docebo = load_profile("docebo")
    choose(dialog, "docebo")
    model = dialog.format.model()
    offered = {dialog.format.itemData(row): model.item(row).isEnabled()
               for row in range(dialog.format.count())}
    assert {name for name, enabled in offered.items() if enabled} == set(docebo.formats)
    assert dialog.format.currentData() == choose_format(docebo, None)
    refused = next(row for row in range(dialog.format.count())
                   if dialog.format.itemData(row) not in docebo.formats)
    tip = model.item(refused).toolTip()
    assert tip.startswith(f"{docebo.label} does not take") and "it takes" in tip
    choose(dialog, "")
    assert all(model.item(row).isEnabled() for row in range(dialog.format.count()))
    assert model.item(refused).toolTip() == ""
    dialog.close()


def test_the_package_records_the_chosen_lms(window, qtbot, tmp_path):
    dialog = window.export()
    choose(dialog, "moodle")
    target = tmp_path / "for-moodle.zip"
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=120000)
    assert window.errors == []
    with zipfile.ZipFile(target) as archive:
        assert any(b'"moodle"' in archive.read(name) for name in archive.namelist()
                   if name.endswith(".js"))
    dialog.close()

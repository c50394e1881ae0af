"""The export dialog and course settings list the export registry's formats, each under the
label its format class declares."""

from __future__ import annotations

from studio.export.formats import available_formats, get_format
from studio.export.package import ExportOptions
from studio.publish import PublishSettings
from studio.ui.course_settings import CourseSettingsDialog
from studio.ui.export_dialog import ExportDialog


def listed(combo) -> list[tuple[str, str]]:
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def test_both_dialogs_list_the_registrys_formats_with_their_labels(window, qtbot):
    expected = [(name, get_format(name).label) for name in available_formats()]
    for dialog in (ExportDialog(window.session, window),
                   CourseSettingsDialog(window.session, window)):
        qtbot.addWidget(dialog)
        assert listed(dialog.format) == expected


def test_the_remembered_format_defaults_to_the_export_options_default():
    assert PublishSettings().format == ExportOptions().format

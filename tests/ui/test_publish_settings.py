"""The export dialog keeps its settings in the project: it opens with what the last export
used, across reopening the project, and shares format and units with course settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from studio.commands.publish import publish_settings
from studio.store import Project
from studio.ui.course_settings import CourseSettingsDialog
from studio.ui.settings import app_settings


def export_with(window, qtbot, fmt: str, target: Path, per_lesson: bool, schemas: bool):
    dialog = window.export()
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.sco_per_lesson.setChecked(per_lesson)
    dialog.schemas.setChecked(schemas)
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=60000)
    assert target.is_file()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # "Close" by now


def test_the_dialog_opens_with_what_the_last_export_used_after_reopening(
        window, qtbot, tmp_path):
    path = window.session.path
    history = window.session.project.history.entries()
    out = tmp_path / "packages"
    out.mkdir()
    export_with(window, qtbot, "scorm12", out / "for-the-lms.zip", False, False)
    assert window.session.project.history.entries() == history  # no undo step
    window.close_project()
    assert window.open_project(path)
    dialog = window.export()
    assert dialog.format.currentData() == "scorm12"
    assert not dialog.sco_per_lesson.isChecked() and not dialog.schemas.isChecked()
    assert dialog.target.text() == str(out / "for-the-lms.zip")
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    assert dialog.target.text() == str(out / "for-the-lms.zip")  # a name of one's own stays
    dialog.close()
    assert not [key for key in app_settings().allKeys() if key.startswith("export")]


def test_a_default_name_follows_the_format_and_is_stored_as_default(window, qtbot, tmp_path):
    dialog = window.export()
    dialog.target.setText(str(tmp_path / "ignored.zip"))
    dialog.target.setText(str(Path(dialog.target.text()).with_name(
        dialog._default_name())))
    dialog.format.setCurrentIndex(dialog.format.findData("cmi5"))
    assert dialog.target.text().endswith("-cmi5.zip")
    target = Path(dialog.target.text())
    dialog.close()
    export_with(window, qtbot, "cmi5", target, True, True)
    with Project.open(window.session.path) as project:
        stored = publish_settings(project)
    assert (stored.format, stored.folder, stored.file_name) == ("cmi5", str(tmp_path), "")


def test_course_settings_and_the_dialog_are_one_source(window, qtbot, tmp_path):
    export_with(window, qtbot, "xapi", tmp_path / "x.zip", True, True)
    settings = CourseSettingsDialog(window.session, window)
    qtbot.addWidget(settings)
    assert settings.format.currentData() == "xapi"
    assert settings.sco_per_lesson.isChecked()
    settings.format.setCurrentIndex(settings.format.findData("scorm2004"))
    settings.sco_per_lesson.setChecked(False)
    history = window.session.project.history.entries()
    settings.accept()
    assert window.session.project.history.entries() == history  # no undo step either
    dialog = window.export()
    assert dialog.format.currentData() == "scorm2004"
    assert not dialog.sco_per_lesson.isChecked()
    assert dialog.target.text() == str(tmp_path / "x.zip")
    dialog.close()


def test_a_first_export_goes_beside_the_project(window):
    dialog = window.export()
    assert Path(dialog.target.text()).parent == window.session.path.parent
    dialog.close()

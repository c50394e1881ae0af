"""Publish settings are kept in the project, read back with defaults, refused when wrong,
and are no undo steps."""

from __future__ import annotations

import pytest

from studio import commands
from studio.commands.publish import publish_settings, set_publish
from studio.errors import InvalidEditError, ProjectReadOnlyError
from studio.export.package import ExportOptions
from studio.publish import PUBLISH_FIELDS, PublishSettings, package_name
from studio.store import Project


def test_a_new_project_publishes_with_the_export_defaults(project):
    stored = publish_settings(project)
    assert stored == PublishSettings()
    assert ExportOptions.published(stored) == ExportOptions()


def test_settings_are_kept_across_reopening(project):
    set_publish(project, format="scorm12", sco_per_lesson=False)
    set_publish(project, folder="/srv/packages", file_name="intro.zip")
    path = project.path
    project.close()
    with Project.open(path) as reopened:
        assert publish_settings(reopened) == PublishSettings(
            "scorm12", False, True, "/srv/packages", "intro.zip")
        options = ExportOptions.published(publish_settings(reopened), preset="original")
        assert (options.format, options.sco_per_lesson, options.preset) == (
            "scorm12", False, "original")


def test_storing_them_is_no_undo_step(project):
    commands.add_module(project, "M")
    entries = project.history.entries()
    set_publish(project, format="html")
    assert project.history.entries() == entries
    project.undo()  # undoing an edit leaves the publish settings alone
    assert publish_settings(project).format == "html"


@pytest.mark.parametrize("values, words", [
    ({"colour": "red"}, "Unknown publish setting: colour"),
    ({"sco_per_lesson": "yes"}, "sco_per_lesson must be true or false"),
    ({"format": 12}, "format must be text"),
    ({"format": ""}, "cannot be empty"),
])
def test_wrong_values_are_refused_and_nothing_changes(project, values, words):
    set_publish(project, format="cmi5")
    with pytest.raises(InvalidEditError, match=words):
        set_publish(project, **values)
    assert publish_settings(project) == PublishSettings(format="cmi5")


def test_unreadable_stored_values_read_as_defaults(project):
    with project.conn:
        project.conn.execute("INSERT OR REPLACE INTO project_state VALUES ('publish', ?)",
                             ('{"format": 5, "sco_per_lesson": false, "folder": "/x"}',))
    assert publish_settings(project) == PublishSettings(sco_per_lesson=False, folder="/x")
    with project.conn:
        project.conn.execute("UPDATE project_state SET value = 'not json' WHERE key = 'publish'")
    assert publish_settings(project) == PublishSettings()


def test_a_read_only_project_keeps_nothing(project):
    project.read_only = True
    with pytest.raises(ProjectReadOnlyError):
        set_publish(project, format="html")


def test_fields_and_package_name():
    assert PUBLISH_FIELDS == ("format", "sco_per_lesson", "include_schemas", "folder",
                              "file_name", "lms", "a11y")
    assert package_name("Safety at work: part 1", "scorm12") == "Safety-at-work-part-1-scorm12.zip"
    assert package_name("!!!", "html") == "course-html.zip"

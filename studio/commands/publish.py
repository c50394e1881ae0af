"""Publish settings: how the course was last published, kept in the project.

The export dialog opens with them and stores what it used, the course settings show the
same format, and ``studio export DIR`` without options uses them. They are preferences
about the package, not course content: storing them is a transaction of its own that
leaves the undo history alone (an export does not become an undo step, and undoing an edit
never changes where the next package goes). They live as JSON under the ``publish`` key
of the ``project_state`` table, so a copy of the bundle carries them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

from studio import project_file
from studio.a11y.report import EXPORT_MODES
from studio.errors import InvalidEditError
from studio.publish import PUBLISH_FIELDS, PublishSettings
from studio.store import Project, dumps

STATE_KEY = "publish"
_TYPES = {f.name: type(getattr(PublishSettings(), f.name)) for f in fields(PublishSettings)}


def publish_settings(project: Project) -> PublishSettings:
    """The project's stored publish settings; each value missing or unreadable (hand-edited,
    or of another type) reads as its default."""
    row = project.conn.execute(
        "SELECT value FROM project_state WHERE key = ?", (STATE_KEY,)).fetchone()
    try:
        stored = json.loads(row[0]) if row else {}
    except ValueError:
        stored = {}
    if not isinstance(stored, dict):
        return PublishSettings()
    return PublishSettings(**{k: v for k, v in stored.items()
                              if k in _TYPES and type(v) is _TYPES[k]})


def check_publish(values: dict[str, object]) -> None:
    """Refuse publish settings :func:`set_publish` would refuse, without writing anything.

    Raises InvalidEditError for an unknown key, a value of the wrong type, an empty format or
    an ``a11y`` other than those of ``studio export --a11y``.
    """
    unknown = set(values) - set(PUBLISH_FIELDS)
    if unknown:
        raise InvalidEditError(f"Unknown publish setting: {', '.join(sorted(unknown))}.")
    for key, value in values.items():
        if type(value) is not _TYPES[key]:
            kind = "true or false" if _TYPES[key] is bool else "text"
            raise InvalidEditError(f"The publish setting {key} must be {kind}.")
    if values.get("format") == "":
        raise InvalidEditError("The publish setting format cannot be empty.")
    if values.get("a11y", "") not in ("", *EXPORT_MODES):
        raise InvalidEditError(f"The publish setting a11y is {' or '.join(EXPORT_MODES)} "
                               "(or empty for none).")


def set_publish(project: Project, **values: object) -> PublishSettings:
    """Store publish settings (keys of :data:`PUBLISH_FIELDS`; the others keep their stored
    values) in one transaction that records no undo step; returns the settings now stored.

    Raises InvalidEditError for an unknown key or a value of the wrong type (``format``,
    ``folder``, ``file_name`` and ``lms`` are text, the others true/false),
    ProjectReadOnlyError for a write-protected project, ProjectWriteError when it cannot be
    written. Whether the format or the LMS profile exists is for the export room to say
    (the faces check before storing; an unknown one is refused when used).
    """
    check_publish(values)
    settings = replace(publish_settings(project), **values)
    project.refuse_if_read_only()
    with project_file.write_transaction(project.conn, project.path / project_file.DB_NAME):
        project.conn.execute(
            "INSERT OR REPLACE INTO project_state (key, value) VALUES (?, ?)",
            (STATE_KEY, dumps(asdict(settings))))
    return settings

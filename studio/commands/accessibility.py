"""The author's accessibility statements: one per success criterion, kept in the course
settings (``a11y_statements``) and carried into every later conformance report."""

from __future__ import annotations

import datetime

from studio.a11y.criteria import BY_ID
from studio.a11y.statements import STATED_VERDICTS, Statement
from studio.commands.properties import stored_settings
from studio.errors import InvalidEditError
from studio.store import Project, dumps

MAX_REMARKS = 4000  # characters: a paragraph, not a document


def set_statement(project: Project, criterion: str, verdict: str, remarks: str,
                  date: str | None = None, by: str = "") -> Statement:
    """Store the author's statement on ``criterion`` (a WCAG 2.2 id of
    :data:`studio.a11y.criteria.CRITERIA`, "1.3.3") as one undo step ("Accessibility
    statement"), replacing an earlier one on the same criterion. ``verdict`` is one of
    :data:`~studio.a11y.statements.STATED_VERDICTS`; ``remarks`` say what was checked
    (required, at most :data:`MAX_REMARKS` characters); ``date`` an ISO 8601 calendar date
    (today when None); ``by`` who made it. Returns the stored statement. Raises
    :class:`~studio.errors.InvalidEditError` for an unknown criterion or verdict, empty
    remarks or a date that is not YYYY-MM-DD or is after today; nothing is changed then."""
    if criterion not in BY_ID:
        raise InvalidEditError(f"{criterion!r} is not a WCAG 2.2 success criterion of the "
                               "report (e.g. 1.3.3).")
    if verdict not in STATED_VERDICTS:
        raise InvalidEditError(f"A statement's verdict must be one of: "
                               f"{', '.join(STATED_VERDICTS)}.")
    remarks = " ".join(str(remarks).split())
    if not remarks:
        raise InvalidEditError("Say what you checked: a statement needs remarks.")
    if len(remarks) > MAX_REMARKS:
        raise InvalidEditError(f"Remarks are limited to {MAX_REMARKS} characters.")
    if date is None:
        date = datetime.date.today().isoformat()
    try:
        date = datetime.date.fromisoformat(str(date)).isoformat()
    except ValueError:
        raise InvalidEditError(f"{date!r} is not a date (YYYY-MM-DD).") from None
    if date > datetime.date.today().isoformat():
        raise InvalidEditError(f"{date} is after today: a statement records a check "
                               "already made.")
    statement = Statement(criterion, verdict, remarks, date, " ".join(str(by).split()))
    _write(project, "Accessibility statement", criterion, statement)
    return statement


def remove_statement(project: Project, criterion: str) -> None:
    """Remove the author's statement on ``criterion`` as one undo step. Raises
    :class:`~studio.errors.InvalidEditError` when there is none; nothing is changed then."""
    if not any(s.criterion == criterion for s in project.course().settings.a11y_statements):
        raise InvalidEditError(f"There is no statement on {criterion}.")
    _write(project, "Remove accessibility statement", criterion, None)


def _write(project: Project, name: str, criterion: str, statement: Statement | None) -> None:
    with project.edit(name) as tx:
        settings = stored_settings(tx.row("course", 1))
        kept = [entry for entry in settings.get("a11y_statements") or []
                if isinstance(entry, dict) and entry.get("criterion") != criterion]
        if statement is not None:
            kept.append(statement.as_json())
        kept.sort(key=lambda entry: str(entry.get("criterion")))
        tx.update("course", 1, settings=dumps({**settings, "a11y_statements": kept}))

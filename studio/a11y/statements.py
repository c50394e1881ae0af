"""The author's own statements for criteria no tool decides: "Sensory characteristics:
instructions never rely on shape or colour alone (checked by A. Designer, 2026-11-30)".

A statement is kept in the course settings (``CourseSettings.a11y_statements``) and carried
into every later report; the command that stores one is
:func:`studio.commands.accessibility.set_statement`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# What an author may state (the VPAT 2.x conformance levels).
SUPPORTS = "supports"
PARTIALLY_SUPPORTS = "partially-supports"
DOES_NOT_SUPPORT = "does-not-support"
NOT_APPLICABLE = "not-applicable"
STATED_VERDICTS = (SUPPORTS, PARTIALLY_SUPPORTS, DOES_NOT_SUPPORT, NOT_APPLICABLE)


@dataclass(frozen=True)
class Statement:
    """The author's statement on one criterion: ``criterion`` (a WCAG id, "1.3.3"),
    ``verdict`` (one of :data:`STATED_VERDICTS`), ``remarks`` (what was checked and how, one
    paragraph), ``date`` (ISO 8601 calendar date, "2026-11-30") and ``by`` (who made it,
    "" when not given)."""

    criterion: str
    verdict: str
    remarks: str
    date: str
    by: str = ""

    def as_json(self) -> dict:
        """The statement as stored in the course settings' JSON."""
        return asdict(self)


def read_statements(raw: object) -> tuple[Statement, ...]:
    """Statements from the course settings' JSON (a list of objects), sorted by criterion;
    an entry that is not a well-formed statement (hand-edited, unknown verdict) is left out,
    and of two for one criterion the later in the list wins. Never raises."""
    found: dict[str, Statement] = {}
    for entry in raw if isinstance(raw, list) else ():
        if not isinstance(entry, dict):
            continue
        values = {key: entry.get(key) for key in ("criterion", "verdict", "remarks", "date")}
        if not all(isinstance(value, str) for value in values.values()):
            continue
        if values["verdict"] not in STATED_VERDICTS or not values["criterion"]:
            continue
        by = entry.get("by") if isinstance(entry.get("by"), str) else ""
        found[values["criterion"]] = Statement(**values, by=by)
    return tuple(found[key] for key in sorted(found))

"""One xAPI statement -> one row of the learner-data table (:data:`studio.xray.rows.COLUMN_NAMES`).

The rules here are the reference: :mod:`studio.xray.statement_files` reads big files with SQL
that produces exactly these rows, and a test holds the two equal. Types are strict, as the
statement's JSON gives them: a number field that holds a string, or a string field that holds
a number, is taken as absent (NULL), never converted.

Standards: xAPI 1.0.3 Part Two §2.4 (statement properties: actor IFIs §2.4.2.3, context
activities §2.4.6.2, result §2.4.5, ISO 8601 durations §4.6), the xAPI Video Profile 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from studio.xray.rows import (
    EXT_CLIP,
    EXT_LENGTH,
    EXT_PROGRESS,
    EXT_QUESTION_VERSION,
    EXT_SEGMENTS,
    EXT_SESSION,
    EXT_TIME,
    EXT_TIME_FROM,
    EXT_TIME_TO,
    VERBS,
    activity_ref,
)

# ISO 8601 duration with the fixed-length designators only (weeks, days, hours, minutes,
# seconds); years and months have no fixed length in seconds and give NULL.
DURATION_PATTERN = (r"^P(?:([0-9]+(?:\.[0-9]+)?)W)?(?:([0-9]+(?:\.[0-9]+)?)D)?"
                    r"(?:T(?:([0-9]+(?:\.[0-9]+)?)H)?(?:([0-9]+(?:\.[0-9]+)?)M)?"
                    r"(?:([0-9]+(?:\.[0-9]+)?)S)?)?$")
DURATION_FACTORS = (604800.0, 86400.0, 3600.0, 60.0, 1.0)
_DURATION = re.compile(DURATION_PATTERN)

# The whole-course cmi5 AU (studio/export/cmi5.py): ``<course>/au`` stands for the course.
COURSE_AU_SUFFIX = "/au"


def iso_duration_seconds(text: object) -> float | None:
    """Seconds of an ISO 8601 duration (``PT1M30.5S`` -> 90.5, ``P1DT2H`` -> 93600.0; xAPI
    1.0.3 Part Two §4.6); None for anything else (including year/month durations)."""
    if not isinstance(text, str):
        return None
    match = _DURATION.match(text)
    if match is None or not any(match.groups()):
        return None
    total = 0.0
    for value, factor in zip(match.groups(), DURATION_FACTORS, strict=True):
        total += float(value) * factor if value is not None else 0.0
    return total


def actor_key(actor: object) -> str | None:
    """The actor as one string, by its inverse functional identifier (xAPI 1.0.3 §2.4.2.3):
    ``mbox`` (``mailto:…``), else ``mbox_sha1sum``, else ``openid``, else
    ``account.homePage|account.name``; None for an anonymous group or no actor."""
    if not isinstance(actor, Mapping):
        return None
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if isinstance(actor.get(key), str):
            return actor[key]
    account = actor.get("account")
    if isinstance(account, Mapping):
        home, name = account.get("homePage"), account.get("name")
        if isinstance(home, str) and isinstance(name, str):
            return f"{home}|{name}"
    return None


def statement_row(statement: dict, course_iri: str, source: str) -> tuple | None:
    """The row (values in :data:`~studio.xray.rows.COLUMN_NAMES` order) for one statement
    about the course whose activity IRI is ``course_iri``; ``source`` one of
    :data:`~studio.xray.rows.SOURCES`.

    None when the statement has no string ``id`` or is not about this course: its object is
    not the course or an activity under it, and no context activity (``grouping`` or
    ``parent``) is. ``stored`` and ``timestamp`` are kept as the ISO 8601 strings sent (the
    store turns them into TIMESTAMPTZ, NULL when unreadable); durations are seconds."""
    if not isinstance(statement, Mapping) or not isinstance(statement.get("id"), str):
        return None
    obj = _mapping(statement.get("object"))
    iri = obj.get("id") if obj.get("objectType", "Activity") == "Activity" else None
    target = _object_ref(iri, course_iri) if isinstance(iri, str) else None
    context = _mapping(statement.get("context"))
    activities = _mapping(context.get("contextActivities"))
    parents = _activity_ids(activities.get("parent"))
    grouping = _activity_ids(activities.get("grouping"))
    if target is None and not any(activity_ref(i, course_iri) for i in parents + grouping):
        return None
    kind, ref = target if target is not None else (None, None)
    lesson = _first_lesson(parents, course_iri) or _first_lesson(grouping, course_iri)
    if lesson is None and kind == "lesson":
        lesson = ref
    result = _mapping(statement.get("result"))
    score = _mapping(result.get("score"))
    rext = _mapping(result.get("extensions"))
    cext = _mapping(context.get("extensions"))
    clip = _mapping(cext.get(EXT_CLIP))
    verb = _mapping(statement.get("verb")).get("id")
    verb = VERBS.get(verb, verb) if isinstance(verb, str) else None
    version = _string(clip.get("version"))
    if version is None:
        version = _string(cext.get(EXT_QUESTION_VERSION))
    return (
        statement["id"], _string(statement.get("stored")), _string(statement.get("timestamp")),
        actor_key(statement.get("actor")), _string(context.get("registration")), verb, kind, ref,
        lesson, _string(cext.get(EXT_SESSION)), _number(rext.get(EXT_TIME)),
        _number(rext.get(EXT_TIME_FROM)), _number(rext.get(EXT_TIME_TO)),
        _string(rext.get(EXT_SEGMENTS)), _number(rext.get(EXT_PROGRESS)),
        _number(cext.get(EXT_LENGTH)), _boolean(result.get("success")),
        _number(score.get("scaled")), _number(score.get("raw")), _number(score.get("max")),
        _string(result.get("response")), iso_duration_seconds(result.get("duration")),
        _number(clip.get("in")), _number(clip.get("out")), version, source,
    )


def _object_ref(iri: str, course_iri: str) -> tuple[str, str] | None:
    if iri == course_iri + COURSE_AU_SUFFIX:
        return "course", course_iri
    return activity_ref(iri, course_iri)


def _first_lesson(iris: list[str], course_iri: str) -> str | None:
    for iri in iris:
        ref = activity_ref(iri, course_iri)
        if ref is not None and ref[0] == "lesson":
            return ref[1]
    return None


def _activity_ids(value: object) -> list[str]:
    """Ids of a context-activities entry, which xAPI 1.0.3 §2.4.6.2 allows as one activity
    or an array of them."""
    items = value if isinstance(value, list) else [value]
    return [a["id"] for a in items if isinstance(a, Mapping) and isinstance(a.get("id"), str)]


def _mapping(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _boolean(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


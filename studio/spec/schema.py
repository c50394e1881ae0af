"""The build spec's JSON Schema (``resources/spec/course-spec.schema.json``, draft 2020-12):
the document a spec file parses to is checked against it with jsonschema, and the first
problem in document order is told as one line, ``modules[1].title: must be text, not a
number``, an unknown key with the closest known one.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from studio.resources import resources_dir

SCHEMA_FILE = "spec/course-spec.schema.json"

_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "array": "a list", "object": "a table",
               "null": "empty"}


def schema_path() -> Path:
    """Where the build spec's JSON Schema is shipped."""
    return resources_dir() / SCHEMA_FILE


@cache
def spec_schema() -> dict:
    """The build spec's JSON Schema, read once. Raises OSError or ValueError if the shipped
    file is missing or damaged (an installation fault, not the person's)."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


def place(path: Sequence[str | int]) -> str:
    """A document path as the messages write it: ``modules[1].lessons[0].items[2].in``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def type_name(value: object) -> str:
    """How a message names the type of a parsed value: "text", "a number", "a list"…"""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "empty"
    return f"a {type(value).__name__}"


def closest(key: object, known: Sequence[str]) -> str:
    """" (did you mean 'video'?)" for a key close to a known one, else ""."""
    found = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.7)
    return f" (did you mean {found[0]!r}?)" if found else ""


def schema_problem(document: object) -> tuple[str, str] | None:
    """The first place in ``document`` (a parsed spec) the schema refuses, as ``(place,
    reason)``; None when it conforms. Raises nothing for any parsed document."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415  (imported when a spec is read)

    errors = list(Draft202012Validator(spec_schema()).iter_errors(document))
    if not errors:
        return None
    error = min(errors, key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path])
    return _told(error)


def _told(error) -> tuple[str, str]:
    if error.validator == "anyOf":
        # told from the branch whose type fits the value, when one does
        fitting = [e for e in error.context if e.validator != "type"]
        if fitting:
            return _told(fitting[0])
    where = list(error.absolute_path)
    schema, value = error.schema, error.instance
    if error.validator == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extra = sorted((k for k in value if k not in known), key=str)[0]
        return place([*where, str(extra)]), f"unknown key {extra!r}{closest(extra, known)}"
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in value][0]
        return place(where), f"missing key {missing!r}"
    if error.validator == "type":
        wanted = error.validator_value
        names = [_TYPE_NAMES[t] for t in ([wanted] if isinstance(wanted, str) else wanted)]
        return place(where), f"must be {' or '.join(names)}, not {type_name(value)}"
    if error.validator == "enum":
        return place(where), ("must be one of " + ", ".join(map(str, error.validator_value))
                              + f", not {value!r}")
    if error.validator in ("minimum", "maximum"):
        bound = "at least" if error.validator == "minimum" else "at most"
        return place(where), f"must be {bound} {error.validator_value:g}, not {value:g}"
    if error.validator == "minLength" or (error.validator == "pattern" and "title" not in schema):
        return place(where), "must not be empty or blank"
    if error.validator in ("minItems", "maxItems") and schema.get("maxItems") == schema.get(
            "minItems"):
        return place(where), f"must hold {schema['minItems']} values, not {len(value)}"
    if error.validator == "pattern":
        return place(where), f"must be {schema['title']}, not {value!r}"
    if "title" in schema:
        return place(where), f"must be {schema['title']}, not {type_name(value)} {value!r}"
    return place(where), error.message

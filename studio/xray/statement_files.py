"""Statements files read into the learner-data cache: a JSON array of statements, JSON Lines
(one statement per line, optionally ``.gz``), or an LRS response ``{"statements": [...],
"more": …}`` (one, or several one after another).

Files are read by DuckDB's JSON reader with SQL that gives exactly the rows
:func:`studio.xray.normalise.statement_row` gives (a test holds the two equal), so a
million statements take seconds, not minutes. Statements not about the course are counted,
not kept. A file that cannot be read raises a one-line
:class:`~studio.errors.LearnerDataError` naming it, and nothing of it is kept.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from studio.errors import LearnerDataError
from studio.jobs import CancelToken
from studio.xray.normalise import COURSE_AU_SUFFIX, DURATION_FACTORS, DURATION_PATTERN
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
    SOURCE_FILE,
    VERBS,
)
from studio.xray.store import LearnerStore

_PEEK_BYTES = 1 << 16
_KINDS = "module|lesson|item|interaction"


@dataclass(frozen=True)
class FileRead:
    """One file read: ``statements`` found in it, ``kept`` of them about the course (repeats
    included), ``added`` new to the cache."""

    path: Path
    statements: int
    kept: int
    added: int


def read_statements_file(path: Path, store: LearnerStore, course_iri: str,
                         source: str = SOURCE_FILE, token: CancelToken | None = None,
                         empty_ok: bool = False) -> FileRead:
    """Read one statements file into ``store``: the statements about the course whose
    activity IRI is ``course_iri`` become rows (source ``source``). One transaction.
    Raises LearnerDataError: missing or unreadable file, not JSON, an entry that is no
    object (named by its line or entry number), no statement at all (unless ``empty_ok``:
    an LRS's empty answer); or
    Cancelled when ``token`` is cancelled during the read (nothing kept)."""
    path = Path(path)
    if not path.is_file():
        raise LearnerDataError(f"{path}: no such statements file")
    layout = _layout(path)
    try:
        result = store.add_from_sql(normalise_sql(_source_sql(layout, path)),
                                    [course_iri, source], error_prefix=f"{path}: ", token=token)
    except LearnerDataError as exc:
        message = str(exc)
        found = _MALFORMED.search(message)
        if found and found[1] == "line" and layout == "jsonl":
            line = _bad_line(path, int(found[2]))
            message = message.replace(f"in line {found[2]}:", f"in line {line}:")
        raise LearnerDataError(plain_error(message, layout)) from None
    if result.seen == 0 and not empty_ok:
        raise LearnerDataError(f"{path}: holds no statements")
    return FileRead(path, result.seen, result.candidates, result.added)


_NOT_OBJECT = re.compile(r'JSON transform error in file "[^"]*", in (record/value|line) (\d+): '
                         r"Expected OBJECT, but got (\w+)")
_MALFORMED = re.compile(r'Malformed JSON in file "[^"]*", at byte \d+ in (record/value|line) '
                        r"(\d+): ([^.]*)")
_JSON_KINDS = {"UBIGINT": "a number", "BIGINT": "a number", "DOUBLE": "a number",
               "HUGEINT": "a number", "VARCHAR": "text", "ARRAY": "a list",
               "BOOLEAN": "true or false", "NULL": "null"}


def plain_error(message: str, layout: str) -> str:
    """DuckDB's JSON reader errors in a reader's words: "FILE: line 2 is not a statement (a
    JSON object was expected, not a list)", "FILE: line 3 is not valid JSON (unexpected
    character)"; other messages unchanged. ``layout`` ("array", "jsonl", "documents") says
    whether DuckDB's record numbers are lines or array entries."""
    head = message.split("Invalid Input Error: ", 1)[0] if "Invalid Input Error: " in message \
        else ""
    where = {"line": "line", "record/value": "entry" if layout == "array" else "line"}
    found = _NOT_OBJECT.search(message)
    if found:
        kind = _JSON_KINDS.get(found[3], found[3].lower())
        return (f"{head}{where[found[1]]} {found[2]} is not a statement (a JSON object was "
                f"expected, not {kind})")
    found = _MALFORMED.search(message)
    if found:
        return f"{head}{where[found[1]]} {found[2]} is not valid JSON ({found[3].strip()})"
    return message


def _bad_line(path: Path, reported: int) -> int:
    """The line DuckDB means by ``reported`` in a JSON Lines file: its line numbers of
    malformed JSON run one ahead, so the line before is checked first."""
    opener = gzip.open if path.suffix == ".gz" else open
    wanted = {reported - 1, reported}
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if number in wanted and line.strip():
                    try:
                        json.loads(line)
                    except ValueError:
                        return number
                if number >= reported:
                    break
    except OSError:
        pass
    return reported


def _layout(path: Path) -> str:
    """"array", "jsonl" or "documents" (pretty-printed objects or LRS responses)."""
    if path.suffix == ".gz":
        return "jsonl"
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError as exc:
        raise LearnerDataError(f"{path}: cannot read ({exc.strerror})") from None
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "array"
    if not text.startswith("{"):
        if not text:
            return "jsonl"
        raise LearnerDataError(f"{path}: not a statements file (JSON array, JSON Lines or an "
                               f"LRS response expected)")
    first = text.split("\n", 1)[0]
    try:
        value = json.loads(first)
    except ValueError:
        return "documents"
    if isinstance(value, dict) and "statements" in value and "verb" not in value:
        return "documents"
    return "jsonl"


# What is read of each statement: (column, path below the statement, kind). Every leaf is
# read as JSON text and its type checked, so wrong types give NULL as in statement_row. The
# objects above the leaves are those xAPI requires to be objects (an LRS refuses others);
# extension values may be anything, so the clip extension is a leaf too.
_LEAVES = (
    ("id", ("id",), "str"), ("stored", ("stored",), "str"),
    ("timestamp", ("timestamp",), "str"),
    ("mbox", ("actor", "mbox"), "str"), ("sha1", ("actor", "mbox_sha1sum"), "str"),
    ("openid", ("actor", "openid"), "str"),
    ("home", ("actor", "account", "homePage"), "str"),
    ("name", ("actor", "account", "name"), "str"),
    ("registration", ("context", "registration"), "str"), ("verb", ("verb", "id"), "str"),
    ("otype", ("object", "objectType"), "json"), ("oid", ("object", "id"), "str"),
    ("parent", ("context", "contextActivities", "parent"), "json"),
    ("grouping", ("context", "contextActivities", "grouping"), "json"),
    ("session", ("context", "extensions", EXT_SESSION), "str"),
    ("time", ("result", "extensions", EXT_TIME), "num"),
    ("time_from", ("result", "extensions", EXT_TIME_FROM), "num"),
    ("time_to", ("result", "extensions", EXT_TIME_TO), "num"),
    ("segments", ("result", "extensions", EXT_SEGMENTS), "str"),
    ("progress", ("result", "extensions", EXT_PROGRESS), "num"),
    ("length", ("context", "extensions", EXT_LENGTH), "num"),
    ("success", ("result", "success"), "bool"), ("scaled", ("result", "score", "scaled"), "num"),
    ("raw", ("result", "score", "raw"), "num"), ("max", ("result", "score", "max"), "num"),
    ("response", ("result", "response"), "str"), ("duration", ("result", "duration"), "str"),
    ("clip", ("context", "extensions", EXT_CLIP), "json"),
    ("question_version", ("context", "extensions", EXT_QUESTION_VERSION), "str"),
)


def _struct_type(tree: dict) -> str:
    fields = ", ".join(f"{_ident(k)} {_struct_type(v) if isinstance(v, dict) else v}"
                       for k, v in tree.items())
    return f"STRUCT({fields})"


def _statement_tree() -> dict:
    """What a statement is read as: nested objects down to the leaves used, each JSON."""
    tree: dict = {}
    for _, path, _ in _LEAVES:
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = "JSON"
    return tree


def _source_sql(layout: str, path: Path) -> str:
    """A relation ``src(st)``: one STRUCT (:func:`_statement_type`) per statement."""
    name = _literal(str(path))
    tree = _statement_tree()
    kind = _struct_type(tree)
    if layout in ("array", "jsonl"):
        fmt = "array" if layout == "array" else "newline_delimited"
        return (f"SELECT st FROM (SELECT st FROM read_json({name}, format='{fmt}', "
                f"records=false, columns={{'st': {_literal(kind)}}}))")
    size = max(path.stat().st_size + 1, 16 << 20)
    docs = (f"read_json({name}, format='unstructured', records=false, "
            f"maximum_object_size={size}, columns={{'doc': 'JSON'}})")
    shape = _literal(json.dumps(tree))
    return (f"SELECT from_json(unnest(CAST(doc -> '$.statements' AS JSON[])), {shape}) AS st "
            f"FROM {docs} WHERE json_type(doc, '$.statements') = 'ARRAY' AND "
            f"json_type(doc, '$.verb') IS NULL "
            f"UNION ALL SELECT from_json(doc, {shape}) AS st FROM {docs} "
            f"WHERE json_type(doc, '$.statements') IS DISTINCT FROM 'ARRAY' "
            f"OR json_type(doc, '$.verb') IS NOT NULL")


def _leaf(name: str) -> str:
    for column, path, _ in _LEAVES:
        if column == name:
            return "st" + "".join(f"[{_literal(k)}]" for k in path)
    raise KeyError(name)


def _json(name: str, path: str) -> str:
    x = _leaf(name)
    return x if path == "$" else f"json_extract({x}, {_literal(path)})"


# A leaf is JSON text as the reader writes it (no spaces around), so its first character
# tells its type: '"' a string, '-' or a digit a number; true and false as themselves. A
# string without escapes is its text between the quotes, which is far cheaper than parsing
# it; only a number's text reads as a DOUBLE.
def _str(name: str, path: str = "$") -> str:
    x = _json(name, path)
    return (f"(CASE WHEN NOT starts_with({x}, '\"') THEN NULL "
            f"WHEN contains({x}, '\\') THEN {x} ->> '$' "
            f"ELSE substr(CAST({x} AS VARCHAR), 2, length(CAST({x} AS VARCHAR)) - 2) END)")


def _num(name: str, path: str = "$") -> str:
    x = _json(name, path)
    return f"TRY_CAST(CAST({x} AS VARCHAR) AS DOUBLE)"


def _bool(name: str) -> str:
    x = _leaf(name)
    return (f"(CASE CAST({x} AS VARCHAR) WHEN 'true' THEN true WHEN 'false' THEN false END)")


def _ids(name: str) -> str:
    """Context activity ids: an array of activities or one activity (xAPI 1.0.3 §2.4.6.2).
    An id that is not a string comes out as its JSON text, which never names an activity
    of the course, so the rows equal those of statement_row, which leaves it out."""
    value = _leaf(name)
    return (f"(CASE WHEN {value} IS NULL THEN [] "
            f"WHEN starts_with({value}, '[') THEN json_extract_string({value}, '$[*].id') "
            f"ELSE [json_extract_string({value}, '$.id')] END)")


def _verb() -> str:
    verb = _str("verb")
    cases = " ".join(f"WHEN {_literal(iri)} THEN {_literal(short)}" for iri, short in VERBS.items())
    return f"(CASE {verb} {cases} ELSE {verb} END)"


def _duration() -> str:
    """Seconds of ``dur`` (the duration text) from ``dg`` (its designators' digits). The
    anchored pattern gives every group empty both when it does not match and for the bare
    ``P``/``PT``, which are no durations either, so one designator present means valid."""
    terms = " + ".join(f"(CASE WHEN dg.{g} = '' THEN 0.0 ELSE CAST(dg.{g} AS DOUBLE) * {f!r} END)"
                       for g, f in zip("wdhms", DURATION_FACTORS, strict=True))
    present = " OR ".join(f"dg.{g} <> ''" for g in "wdhms")
    return f"(CASE WHEN {present} THEN {terms} END)"


def normalise_sql(source: str) -> str:
    """The SELECT giving one row per statement of ``source`` (a relation ``src(st)``) in
    :data:`~studio.xray.rows.COLUMN_NAMES` order, ``id`` NULL for statements not about the
    course; parameter 1 is the course IRI, 2 the rows' source. Mirrors
    :func:`studio.xray.normalise.statement_row` rule for rule."""
    course = "$1"
    rest = f"substr(oid, length({course}) + 2)"
    prefix = f"({course} || '/')"
    under = (f"(starts_with(x, {prefix}) AND regexp_full_match("
             f"substr(x, length({course}) + 2), '^({_KINDS})/[^/]+$'))")
    lessons = f"({course} || '/lesson/')"
    start = f"length({course}) + 9"
    lesson_of = (f"(lambda x: starts_with(x, {lessons}) AND length(x) >= {start} "
                 f"AND NOT contains(substr(x, {start}), '/'))")
    otype = _leaf("otype")
    kinds = "[" + ", ".join(_literal(k) for k in _KINDS.split("|")) + "]"
    return f"""
WITH src AS ({source}),
y AS (
  SELECT st,
    (CASE WHEN {otype} IS NULL OR {_str('otype')} = 'Activity' THEN {_str('oid')} END) AS oid,
    {_ids('parent')} AS parents, {_ids('grouping')} AS groupings,
    {_str('duration')} AS dur
  FROM src),
v AS (
  SELECT *, list_concat(parents, groupings) AS context,
    (CASE WHEN starts_with(oid, {prefix}) THEN string_split({rest}, '/') END) AS parts
  FROM y),
z AS (
  SELECT *,
    (CASE WHEN oid = {course} OR oid = {course} || {_literal(COURSE_AU_SUFFIX)} THEN 'course'
          WHEN len(parts) = 2 AND parts[2] <> '' AND list_contains({kinds}, parts[1])
          THEN parts[1] END) AS kind,
    regexp_extract(dur, {_literal(DURATION_PATTERN)}, ['w', 'd', 'h', 'm', 's']) AS dg
  FROM v),
w AS (
  SELECT *,
    (CASE WHEN kind = 'course' THEN {course}
          WHEN kind IS NOT NULL THEN url_decode(parts[2]) END) AS ref,
    (CASE WHEN kind IS NOT NULL OR list_contains(groupings, {course})
               OR list_contains(parents, {course}) THEN true
          ELSE list_bool_or(list_transform(context, lambda x: {under})) END) AS about
  FROM z)
SELECT
  (CASE WHEN about THEN {_str('id')} END) AS id,
  {_str('stored')} AS stored, {_str('timestamp')} AS "timestamp",
  coalesce({_str('mbox')}, {_str('sha1')}, {_str('openid')},
           {_str('home')} || '|' || {_str('name')}) AS learner,
  {_str('registration')} AS registration, {_verb()} AS verb, kind, ref,
  coalesce(url_decode(substr(list_filter(context, {lesson_of})[1], {start})),
           CASE WHEN kind = 'lesson' THEN ref END) AS lesson,
  {_str('session')} AS session, {_num('time')} AS "time", {_num('time_from')} AS time_from,
  {_num('time_to')} AS time_to, {_str('segments')} AS segments,
  {_num('progress')} AS progress, {_num('length')} AS length, {_bool('success')} AS success,
  {_num('scaled')} AS scaled, {_num('raw')} AS raw, {_num('max')} AS "max",
  {_str('response')} AS response, {_duration()} AS duration,
  {_num('clip', '$.in')} AS clip_in, {_num('clip', '$.out')} AS clip_out,
  coalesce({_str('clip', '$.version')}, {_str('question_version')}) AS version,
  $2 AS source
FROM w"""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"

"""The interactions report an LMS exports for a SCORM package, read as learner-data rows
(verb ``answered``, kind ``interaction``, source ``scorm-csv``).

Two layouts are understood:

- long: one row per interaction, headers matched case-insensitively in their usual
  spellings (learner/user/email, attempt, interaction id or ``cmi.interactions.n.id``,
  type, learner or student response, result, latency, timestamp or time);
- wide: Moodle's SCORM "Interactions report" download (mod/scorm/report/interactions): a
  row per learner and attempt with the columns "Question N", "Response N",
  "Right answer N" and "Result N" (N from 0) after Name, the identity fields, Attempt,
  Started on, Last accessed on and Score. Only Moodle's English headers are understood:
  the language packs' spellings (e.g. German "Fragen N", French "Réponse N", Spanish
  "Respuesta correcta N") could not be checked for all four columns, "Result N" among
  them, so a localised download is refused with the headers expected; download the report
  with Moodle's language set to English.

Results follow SCORM 2004 RTE §4.2.9.1 (``cmi.interactions.n.result``: correct,
incorrect, unanticipated, neutral, or a number; SCORM 1.2 says "wrong"): correct and
incorrect give ``success``; a number goes to ``raw``. Latency is a SCORM 2004 timeinterval
(``PT1M2.5S``) or a SCORM 1.2 CMITimespan (``HH:MM:SS.SS``). A learner given as an email
address becomes ``mailto:…``, as xAPI actors name them, so both sources meet.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from studio.errors import LearnerDataError
from studio.xray.normalise import iso_duration_seconds
from studio.xray.rows import COLUMN_NAMES, SOURCE_SCORM
from studio.xray.store import LearnerStore

# Header spellings -> the field they fill (compared lower-cased, spaces and _ collapsed).
HEADERS = {
    "learner": ("learner", "learner id", "learner name", "user", "user id", "username",
                "user name", "student", "student id", "student name", "email",
                "email address", "e-mail", "name", "full name"),
    "attempt": ("attempt", "attempt number", "attempt no", "registration"),
    "interaction": ("interaction id", "interaction", "cmi.interactions.n.id", "question id",
                    "id"),
    "type": ("type", "interaction type", "cmi.interactions.n.type"),
    "response": ("learner response", "student response", "response", "learner_response",
                 "cmi.interactions.n.learner response", "cmi.interactions.n.student response"),
    "result": ("result", "cmi.interactions.n.result"),
    "latency": ("latency", "cmi.interactions.n.latency"),
    "time": ("timestamp", "time", "date", "cmi.interactions.n.timestamp",
             "cmi.interactions.n.time"),
}
# Which learner column wins when several are present: an email names a person best.
_LEARNER_ORDER = ("email address", "email", "e-mail", "learner id", "user id", "username",
                  "user name", "student id", "learner", "user", "student", "learner name",
                  "student name", "full name", "name")
_WIDE = re.compile(r"^(question|response|right answer|result) (\d+)$")
_TIMESPAN = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d(?:\.\d+)?)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_RESULTS = {"correct": True, "incorrect": False, "wrong": False}
_NO_ATTEMPT = ("", "-")


@dataclass(frozen=True)
class ScormReportRead:
    """One report read: ``rows`` interactions found, ``added`` new to the cache."""

    path: Path
    rows: int
    added: int


def read_scorm_report(path: Path, store: LearnerStore) -> ScormReportRead:
    """Read an interactions report (CSV, ``,`` ``;`` or tab separated, any common encoding)
    into ``store`` in one transaction. Raises LearnerDataError naming the file and why."""
    rows = list(scorm_report_rows(path))
    result = store.add(rows)
    return ScormReportRead(Path(path), len(rows), result.added)


def scorm_report_rows(path: Path) -> Iterator[tuple]:
    """The report's rows in :data:`~studio.xray.rows.COLUMN_NAMES` order. Raises
    LearnerDataError (missing, unreadable, not an interactions report)."""
    path = Path(path)
    table = _table(path)
    if not table:
        raise LearnerDataError(f"{path}: empty file, no interactions report")
    header = [_norm(h) for h in table[0]]
    body = [r for r in table[1:] if any(cell.strip() for cell in r)]
    if any(_WIDE.match(h) for h in header):
        records = _wide(header, body)
    else:
        records = _long(path, header, body)
    seen: dict[tuple, int] = {}
    for record in records:
        key = (record["learner"], record["attempt"], record["interaction"], record["time"])
        seen[key] = seen.get(key, 0) + 1
        yield _row(record, seen[key])


def _table(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LearnerDataError(f"{path}: no such report file") from None
    except OSError as exc:
        raise LearnerDataError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LearnerDataError(f"{path}: not a text file, no interactions report")
    best = from_bytes(data).best()
    if best is None:
        raise LearnerDataError(f"{path}: unknown text encoding, no interactions report")
    text = str(best).lstrip("\ufeff")
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise LearnerDataError(f"{path}: not a CSV file ({exc})") from None


def _norm(header: str) -> str:
    text = " ".join(header.replace("_", " ").strip().lower().split())
    return re.sub(r"^cmi\.interactions\.\d+\.", "cmi.interactions.n.", text)


def _find(header: list[str], field: str) -> int | None:
    names = HEADERS[field]
    if field == "learner":
        names = tuple(n for n in _LEARNER_ORDER if n in names)
    for name in names:
        if name in header:
            return header.index(name)
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _long(path: Path, header: list[str], body: list[list[str]]) -> Iterator[dict]:
    where = {field: _find(header, field) for field in HEADERS}
    if where["interaction"] is None:
        raise LearnerDataError(f"{path}: not an interactions report: expected an interaction "
                               f"id column (\"Interaction ID\" or \"cmi.interactions.n.id\") "
                               f"or Moodle's English \"Question N\", \"Response N\", "
                               f"\"Right answer N\", \"Result N\" columns")
    for row in body:
        interaction = _cell(row, where["interaction"])
        if not interaction:
            continue
        yield {"learner": _cell(row, where["learner"]), "attempt": _cell(row, where["attempt"]),
               "interaction": interaction, "response": _cell(row, where["response"]),
               "result": _cell(row, where["result"]), "latency": _cell(row, where["latency"]),
               "time": _cell(row, where["time"])}


def _wide(header: list[str], body: list[list[str]]) -> Iterator[dict]:
    columns: dict[int, dict[str, int]] = {}
    for index, name in enumerate(header):
        match = _WIDE.match(name)
        if match:
            columns.setdefault(int(match[2]), {})[match[1]] = index
    learner, attempt = _find(header, "learner"), _find(header, "attempt")
    started = header.index("started on") if "started on" in header else None
    for row in body:
        if _cell(row, attempt) in _NO_ATTEMPT:
            continue
        for number in sorted(columns):
            spots = columns[number]
            interaction = _cell(row, spots.get("question"))
            if not interaction:
                continue
            yield {"learner": _cell(row, learner), "attempt": _cell(row, attempt),
                   "interaction": interaction, "response": _cell(row, spots.get("response")),
                   "result": _cell(row, spots.get("result")), "latency": "",
                   "time": _cell(row, started) + f"#{number}"}


def _row(record: dict, occurrence: int) -> tuple:
    learner = record["learner"]
    if _EMAIL.match(learner):
        learner = "mailto:" + learner.lower()
    key = "\x1f".join((learner, record["attempt"], record["interaction"], record["time"],
                       str(occurrence)))
    result = record["result"].lower()
    raw = None
    try:
        raw = float(result) if result and result not in _RESULTS else None
    except ValueError:
        raw = None
    values = {
        "id": "scorm-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
        "timestamp": record["time"] if _looks_like_timestamp(record["time"]) else None,
        "learner": learner or None, "registration": record["attempt"] or None,
        "verb": "answered", "kind": "interaction", "ref": record["interaction"],
        "success": _RESULTS.get(result), "raw": raw,
        "response": record["response"] or None, "duration": latency_seconds(record["latency"]),
        "source": SOURCE_SCORM,
    }
    return tuple(values.get(name) for name in COLUMN_NAMES)


def latency_seconds(text: str) -> float | None:
    """Seconds of a SCORM latency: a SCORM 2004 timeinterval (ISO 8601 duration, RTE
    §4.1.1.6) or a SCORM 1.2 CMITimespan ``HHHH:MM:SS.SS`` (RTE 1.2 §3.4.2); None else."""
    match = _TIMESPAN.match(text.strip())
    if match:
        return int(match[1]) * 3600.0 + int(match[2]) * 60.0 + float(match[3])
    return iso_duration_seconds(text.strip())


def _looks_like_timestamp(text: str) -> bool:
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text))

"""The learner-data vocabulary: one normalised row per statement, the IRIs the player writes
and the way an activity IRI names a lesson, item or question of the course.

Every source (an LRS, a statements file, a SCORM interactions report) becomes rows of the
``statements`` table (:data:`STATEMENT_COLUMNS`) in the project's X-ray cache; the measures
read only that table. Times are seconds (float); a video's ``time``/``time_from``/``time_to``
and ``segments`` are seconds of the clip as it was exported (0 = the clip's in point then),
which :mod:`studio.xray.mapping` places on the current timeline.

Standards: xAPI 1.0.3 (statements, cmi.interaction), the xAPI Video Profile 1.0
(``https://w3id.org/xapi/video``), SCORM 2004 RTE §4.2.9 (interactions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/"
CMI5 = "https://w3id.org/xapi/adl/verbs/"

# Verb IRI -> the short name rows keep (the player's verbs, player/xapi_statements.js VERBS,
# and cmi5's launched/abandoned/waived/satisfied). Other verbs are kept as their IRI.
VERBS = {
    ADL + "initialized": "initialized", ADL + "experienced": "experienced",
    ADL + "answered": "answered", ADL + "passed": "passed", ADL + "failed": "failed",
    ADL + "completed": "completed", ADL + "terminated": "terminated",
    ADL + "launched": "launched", CMI5 + "abandoned": "abandoned", CMI5 + "waived": "waived",
    CMI5 + "satisfied": "satisfied",
    VIDEO + "verbs/played": "played", VIDEO + "verbs/paused": "paused",
    VIDEO + "verbs/seeked": "seeked",
}

# Video Profile extensions (result: time, time-from, time-to, played-segments, progress;
# context: session-id, length).
EXT_TIME = VIDEO + "extensions/time"
EXT_TIME_FROM = VIDEO + "extensions/time-from"
EXT_TIME_TO = VIDEO + "extensions/time-to"
EXT_SEGMENTS = VIDEO + "extensions/played-segments"
EXT_PROGRESS = VIDEO + "extensions/progress"
EXT_SESSION = VIDEO + "extensions/session-id"
EXT_LENGTH = VIDEO + "extensions/length"

# The studio's own context extensions (player data -> statements), so measures survive edits:
# on a clip's statements, {"in": s, "out": s, "version": str} — the clip's in and out points
# (seconds of the source) and its source's version when the package was exported; on an
# answered statement, the question's version (a short hash of what the learner was asked).
EXT_CLIP = "https://w3id.org/xapi/course-studio/extensions/clip"
EXT_QUESTION_VERSION = "https://w3id.org/xapi/course-studio/extensions/question-version"

# Row sources.
SOURCE_LRS = "lrs"
SOURCE_FILE = "file"
SOURCE_SCORM = "scorm-csv"
SOURCES = (SOURCE_LRS, SOURCE_FILE, SOURCE_SCORM)

# The learner-data table, in column order: (name, DuckDB type, meaning). ``id`` is unique
# (re-reading a source adds only statements not yet kept).
STATEMENT_COLUMNS = (
    ("id", "VARCHAR", "statement id (UUID); SCORM rows: a stable hash of learner, attempt, "
                      "interaction and time"),
    ("stored", "TIMESTAMPTZ", "when the LRS stored it (NULL: unknown); the next --since"),
    ("timestamp", "TIMESTAMPTZ", "when it happened"),
    ("learner", "VARCHAR", "the actor as one string: mbox, mbox_sha1sum, openid or "
                           "account homePage|name"),
    ("registration", "VARCHAR", "xAPI registration (an attempt); SCORM: the attempt number"),
    ("verb", "VARCHAR", "short name from VERBS, else the verb IRI"),
    ("kind", "VARCHAR", "what the object is: course, module, lesson, item, interaction"),
    ("ref", "VARCHAR", "its id in the course: the course id, mod_…, les_…, itm_…, or an "
                       "interaction id itm_…[_cue_…]_q_…[_aN]"),
    ("lesson", "VARCHAR", "the lesson of an item or interaction (context parent), else NULL"),
    ("session", "VARCHAR", "Video Profile session-id, else NULL"),
    ("time", "DOUBLE", "Video Profile time (s of the exported clip)"),
    ("time_from", "DOUBLE", "seeked: from (s of the exported clip)"),
    ("time_to", "DOUBLE", "seeked: to (s of the exported clip)"),
    ("segments", "VARCHAR", "played-segments as sent: 'a[.]b[,]c[.]d' (s of the exported clip)"),
    ("progress", "DOUBLE", "Video Profile progress, 0..1"),
    ("length", "DOUBLE", "Video Profile length (s of the exported clip)"),
    ("success", "BOOLEAN", "result.success"),
    ("scaled", "DOUBLE", "result.score.scaled"),
    ("raw", "DOUBLE", "result.score.raw"),
    ("max", "DOUBLE", "result.score.max"),
    ("response", "VARCHAR", "result.response (xAPI response pattern)"),
    ("duration", "DOUBLE", "result.duration in seconds (SCORM: latency)"),
    ("clip_in", "DOUBLE", "EXT_CLIP in: the clip's in point at export (s of the source)"),
    ("clip_out", "DOUBLE", "EXT_CLIP out: its out point at export (s of the source)"),
    ("version", "VARCHAR", "EXT_CLIP version or EXT_QUESTION_VERSION"),
    ("source", "VARCHAR", "one of SOURCES"),
)
COLUMN_NAMES = tuple(name for name, _, _ in STATEMENT_COLUMNS)


def table_ddl(name: str = "statements", *, key: bool = True) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for the learner-data table (DuckDB SQL); ``key=False``
    leaves out the PRIMARY KEY index, for a writer that keeps ids unique itself (maintaining
    the index costs more than a whole bulk read)."""
    columns = ", ".join(f'"{c}" {t}' for c, t, _ in STATEMENT_COLUMNS)
    if not key:
        return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"
    return f'CREATE TABLE IF NOT EXISTS {name} ({columns}, PRIMARY KEY ("id"))'


_KINDS = ("module", "lesson", "item", "interaction")
_INTERACTION = re.compile(
    r"^(?P<item>itm_[A-Za-z0-9]+)(?:_(?P<cue>cue_[A-Za-z0-9]+))?_(?P<question>q_[A-Za-z0-9]+)"
    r"(?:_a\d+)?$")


@dataclass(frozen=True)
class Interaction:
    """An interaction id as the player reports it (``<item>_<question>`` in a quiz,
    ``<item>_<cue>_<question>`` at a cue point, ``_aN`` added per attempt by LMSs that want
    unique ids): the item, the cue (None in a quiz) and the question."""

    item: str
    cue: str | None
    question: str


def parse_interaction(ref: str) -> Interaction | None:
    """The parts of an interaction id (``itm_ab_q_cd``, ``itm_ab_cue_ef_q_cd_a2``); None when
    it is not one the studio's player writes."""
    match = _INTERACTION.match(ref)
    if match is None:
        return None
    return Interaction(match["item"], match["cue"], match["question"])


def activity_ref(iri: str, course_iri: str) -> tuple[str, str] | None:
    """(kind, id) of an activity IRI of the course (``<course>/item/itm_ab`` -> ("item",
    "itm_ab"); the course IRI itself -> ("course", the course IRI)); None for another
    course's or a foreign activity. Percent-escapes in the id are decoded."""
    from urllib.parse import unquote

    if iri == course_iri:
        return "course", iri
    prefix = course_iri + "/"
    if not iri.startswith(prefix):
        return None
    kind, _, ident = iri[len(prefix):].partition("/")
    if kind not in _KINDS or not ident or "/" in ident:
        return None
    return kind, unquote(ident)


def parse_segments(text: str | None) -> list[tuple[float, float]]:
    """Video Profile played-segments (``"0[.]12.5[,]30[.]41"``) as (start s, end s) pairs,
    each ordered start <= end; malformed parts are skipped."""
    out: list[tuple[float, float]] = []
    for part in (text or "").split("[,]"):
        a, sep, b = part.partition("[.]")
        if not sep:
            continue
        try:
            x, y = float(a), float(b)
        except ValueError:
            continue
        out.append((min(x, y), max(x, y)))
    return out

"""Reading a journalled launch: the data-model elements of each standard, and what the LMS
committed, in order.

The journal (:mod:`studio.twin.journal`) keeps every call the player made and every commit
with whether the LMS kept it; these helpers answer the questions the record sheet and the
warnings ask of it, for SCORM 1.2 (RTE 3.4), SCORM 2004 (RTE 4.2), xAPI 1.0.3 and cmi5.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

SET_VALUE = {"LMSSetValue", "SetValue"}
GET_VALUE = {"LMSGetValue", "GetValue"}
COMMIT = {"LMSCommit", "Commit"}
FINISH = {"LMSFinish", "Terminate"}


@dataclass(frozen=True)
class Elements:
    """The names of the elements one SCORM edition uses for what the sheet shows."""

    status: tuple[str, ...]
    score_raw: str
    score_max: str
    score_scaled: str | None
    suspend: str
    location: str
    exit: str
    session_time: str
    total_time: str
    response: str  # the interaction's learner response, after ``cmi.interactions.n.``


SCORM12 = Elements(("cmi.core.lesson_status",), "cmi.core.score.raw", "cmi.core.score.max",
                   None, "cmi.suspend_data", "cmi.core.lesson_location", "cmi.core.exit",
                   "cmi.core.session_time", "cmi.core.total_time", "student_response")
SCORM2004 = Elements(("cmi.completion_status", "cmi.success_status"), "cmi.score.raw",
                     "cmi.score.max", "cmi.score.scaled", "cmi.suspend_data", "cmi.location",
                     "cmi.exit", "cmi.session_time", "cmi.total_time", "learner_response")
ELEMENTS = {"scorm12": SCORM12, "scorm2004": SCORM2004}
# Suspend data each standard stores at least (SCORM 1.2 RTE 3.4.2.6; SCORM 2004 4th RTE
# 4.2.24 64,000; 3rd edition 4,000), in characters.
STANDARD_SUSPEND_LIMIT = {("scorm12", None): 4096, ("scorm2004", "3rd"): 4000,
                          ("scorm2004", "4th"): 64000}


# The standards whose later scores an LMS with ``first_score_only`` holds back: the quirk
# was reported for SCORM 2004 packages only (exelearning/iteexe#465).
FIRST_SCORE_ONLY_STANDARDS = frozenset({"scorm2004"})


def first_score_only(profile, standard: str) -> bool:
    """Whether the profile's LMS keeps only the first score a ``standard`` launch commits:
    its ``lms.first_score_only`` switch, for SCORM 2004 only (a SCORM 1.2 score is kept as
    usual); False without a profile."""
    return (profile is not None and bool(profile.lms.first_score_only)
            and standard in FIRST_SCORE_ONLY_STANDARDS)


def elements(standard: str) -> Elements:
    """The element names of a SCORM standard (``scorm12`` | ``scorm2004``); SCORM 2004's for
    others, which the sheet reads from statements instead."""
    return ELEMENTS.get(standard, SCORM2004)


def is_scorm(standard: str) -> bool:
    """Whether the journal holds SCORM API calls (not xAPI statements)."""
    return standard in ELEMENTS


@dataclass(frozen=True)
class Write:
    """One value the player set: ``element``, ``value``, the call's ``seq`` and ``phase``,
    whether the API accepted it (``ok``) and its error code."""

    seq: int
    element: str
    value: str
    phase: str
    ok: bool
    error: str


def writes(launch) -> list[Write]:
    """Every SetValue of a launch, in call order."""
    found = []
    for call in sorted(launch.calls, key=lambda c: c.seq):
        if call.fn in SET_VALUE and len(call.args) >= 2:
            ok = str(call.result) == "true" and str(call.error or "0") in ("0", "")
            found.append(Write(call.seq, str(call.args[0]), str(call.args[1]), call.phase, ok,
                               str(call.error or "0")))
    return found


def commit_kept(launch, call, unload_kept: bool) -> bool:
    """Whether the LMS kept what a Commit (or Terminate) call stored: the journal's commit
    entry says so; without one, only a call made during page dismissal may be lost."""
    for commit in launch.commits:
        if commit.seq == call.seq:
            return bool(commit.kept)
    return call.phase != "unload" or unload_kept


def committed(launch, unload_kept: bool = False) -> list[Write]:
    """The writes the LMS kept, each at the kept Commit or Terminate that stored it, in order
    (SCORM 1.2 RTE 3.3.5: LMSCommit persists what LMSSetValue set since the last commit)."""
    pending: dict[str, Write] = {}
    kept: list[Write] = []
    for call in sorted(launch.calls, key=lambda c: c.seq):
        if call.fn in SET_VALUE and len(call.args) >= 2:
            write = Write(call.seq, str(call.args[0]), str(call.args[1]), call.phase,
                          str(call.result) == "true", str(call.error or "0"))
            if write.ok:
                pending[write.element] = write
        elif call.fn in COMMIT | FINISH and str(call.result) == "true":
            if commit_kept(launch, call, unload_kept):
                kept.extend(sorted(pending.values(), key=lambda w: w.seq))
                pending.clear()
    return kept


def number(text: object) -> float | None:
    """A CMIDecimal / real value as a float; None for '' or text that is no number."""
    try:
        value = float(str(text))
    except (TypeError, ValueError):
        return None
    return value if value == value else None


_TIMESPAN12 = re.compile(r"^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$")
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def seconds(text: object) -> float | None:
    """A SCORM 1.2 CMITimespan (``HHHH:MM:SS.SS``, RTE 3.4.2.2) or an ISO 8601 duration
    (SCORM 2004 timeinterval, RTE 4.1.1.5) in seconds; None when it is neither."""
    text = str(text or "").strip()
    if match := _TIMESPAN12.match(text):
        hours, minutes, secs = match.groups()
        return int(hours) * 3600 + int(minutes) * 60 + float(secs)
    if text and (match := _DURATION.match(text)) and text not in ("P", "PT"):
        years, months, days, hours, minutes, secs = (float(g) if g else 0.0
                                                     for g in match.groups())
        return ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + secs
    return None


def interaction_slots(kept: dict) -> dict[int, dict[str, str]]:
    """``cmi.interactions.n.<field>`` values of a kept map, by slot n."""
    slots: dict[int, dict[str, str]] = {}
    for key, value in kept.items():
        match = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if match:
            slots.setdefault(int(match.group(1)), {})[match.group(2)] = str(value)
    return dict(sorted(slots.items()))


def statements(kept: dict) -> list[dict]:
    """The xAPI statements an LRS kept (``kept["statements"]``, a JSON list); [] otherwise."""
    raw = kept.get("statements")
    try:
        found = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    return [s for s in found if isinstance(s, dict)] if isinstance(found, list) else []


def state_documents(kept: dict) -> dict:
    """The xAPI State API documents the LRS kept (``kept["state"]``, JSON), by state id."""
    raw = kept.get("state")
    try:
        found = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def verb_of(statement: dict) -> str:
    """The last segment of a statement's verb id (``passed``, ``answered``...)."""
    verb = statement.get("verb")
    verb_id = verb.get("id", "") if isinstance(verb, dict) else str(verb or "")
    return verb_id.rstrip("/").rpartition("/")[2]

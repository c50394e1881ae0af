"""What the LMS will record: the sheet of one learner path, and what the course intends.

A :class:`Sheet` is read from what the twin LMS kept after each launch of a path (the
journal's ``kept`` maps, :mod:`studio.twin.journal`), shaped the way the profile's LMS shows
it: Moodle under SCORM 2004 keeps the first score only, an LMS where 1.2 ``failed`` is final
never shows a later pass. :func:`intended` says what the course's tracking policy means the
path to leave behind; :attr:`Sheet.ok` is true when the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from studio.twin import records
from studio.twin.package_facts import PackageFacts
from studio.twin.records import elements, number

COMPLETED, INCOMPLETE, NOT_ATTEMPTED = "completed", "incomplete", "not attempted"
UNKNOWN = "unknown"
PASSED, FAILED = "passed", "failed"
# SCORM 1.2 cmi.core.lesson_status (RTE 3.4.2.1.6) as completion and success.
LESSON_STATUS = {"passed": (COMPLETED, PASSED), "completed": (COMPLETED, UNKNOWN),
                 "failed": (COMPLETED, FAILED), "incomplete": (INCOMPLETE, UNKNOWN),
                 "browsed": (INCOMPLETE, UNKNOWN), "not attempted": (NOT_ATTEMPTED, UNKNOWN)}
FULL_MARKS = 100.0  # the scripted learner answers every question right on its last attempt


@dataclass(frozen=True)
class Interaction:
    """One interaction the LMS kept: id, type, the learner's response as stored, result."""

    id: str
    type: str
    response: str
    result: str


@dataclass(frozen=True)
class UnitRecord:
    """What the LMS holds for one launchable unit (a SCO, an AU, the course).

    ``completion`` completed | incomplete | not attempted | unknown; ``success`` passed |
    failed | unknown; scores as stored (raw and max in points, scaled -1..1; None: not set);
    ``time_s`` total time in seconds; ``suspend_size`` characters of resume state stored.
    """

    unit: str
    completion: str = NOT_ATTEMPTED
    success: str = UNKNOWN
    score_raw: float | None = None
    score_max: float | None = None
    score_scaled: float | None = None
    time_s: float = 0.0
    interactions: tuple[Interaction, ...] = ()
    suspend_size: int = 0


@dataclass(frozen=True)
class Sheet:
    """What the LMS will record for one path, rolled up over its units, and what the
    course's tracking policy intended (``intended``: one line each) with every
    ``differences`` line where they part. ``resume_delivered`` is None for a path launched
    once; ``suspend_limit`` is in characters."""

    path: str
    standard: str
    profile: str
    completion: str
    success: str
    score_raw: float | None
    score_max: float | None
    score_scaled: float | None
    time_s: float
    interactions: tuple[Interaction, ...]
    resume_delivered: bool | None
    resumed_at: str | None
    suspend_size: int
    suspend_limit: int
    units: tuple[UnitRecord, ...] = ()
    intended: tuple[str, ...] = ()
    differences: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the LMS records what the course intends and the path ran to its end."""
        return not self.differences and not self.problems

    def to_json(self) -> dict:
        """The sheet as plain JSON data (numbers in their units, interactions as objects)."""
        return {
            "path": self.path, "standard": self.standard, "profile": self.profile,
            "ok": self.ok, "completion": self.completion, "success": self.success,
            "score": {"raw": self.score_raw, "max": self.score_max, "scaled": self.score_scaled},
            "total_time_s": round(self.time_s, 2),
            "interactions": [vars(i) for i in self.interactions],
            "resume": {"delivered": self.resume_delivered, "resumed_at": self.resumed_at},
            "suspend_data": {"size": self.suspend_size, "limit": self.suspend_limit},
            "units": [{**vars(u), "interactions": len(u.interactions)} for u in self.units],
            "intended": list(self.intended), "differences": list(self.differences),
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class Intent:
    """What the tracking policy means a path to leave: None where it means nothing."""

    completion: str | None = COMPLETED
    success: str | None = None
    score_raw: float | None = None
    resume: bool = False
    resume_item: str | None = None
    interactions: bool = False


def intent_of(run, facts: PackageFacts, profile=None) -> Intent:
    """The intent of ``run``'s path for this package: every path ends completed; passed with
    full marks when the course has a mastery score and the path launches a scored quiz; a
    relaunch after leaving resumes where the learner left (``resume``, or a journal naming a
    ``resume_item``); ``question-types`` leaves an interaction per answer when the LMS keeps
    interactions. ``run.intent`` keys of the same names override."""
    policy = facts.tracking
    given = dict(getattr(run, "intent", None) or {})
    relaunched = run.path == "resume" or "resume_item" in given
    launched = {launch.unit for launch in run.launches}
    scored = policy.scored and (not facts.multi_unit or not launched - {""} or any(
        u.scored for u in facts.units if u.id in launched))
    keeps = profile is None or (profile.lms.supports_interactions and profile.player.interactions)
    return Intent(
        completion=given.get("completion", COMPLETED),
        success=given.get("success", PASSED if policy.pass_fail and scored else None),
        score_raw=given.get("score_raw", FULL_MARKS if scored else None),
        resume=bool(given.get("resume", relaunched)),
        resume_item=given.get("resume_item"),
        interactions=bool(given.get("interactions", run.path == "question-types" and keeps)))


def intended(run, facts: PackageFacts, profile=None) -> list[str]:
    """What the course's tracking policy intends for ``run``'s path, one line a fact, e.g.
    ``["completion: completed", "success: passed", "score: 100"]``."""
    intent = intent_of(run, facts, profile)
    lines = [f"completion: {intent.completion}"] if intent.completion else []
    if intent.success:
        lines.append(f"success: {intent.success}")
    if intent.score_raw is not None:
        lines.append(f"score: {_fmt(intent.score_raw)}")
    if intent.resume:
        lines.append("resume state delivered on relaunch"
                     + (f", player resumed at {intent.resume_item}" if intent.resume_item else ""))
    if intent.interactions:
        lines.append("interactions recorded, every answer correct")
    return lines


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def suspend_limit(profile, facts: PackageFacts) -> int:
    """Characters of suspend data the LMS stores: the profile's LMS limit, within the
    standard's own (SCORM 1.2 4,096; 2004 3rd 4,000, 4th 64,000); 0: not applicable."""
    standard = records.STANDARD_SUSPEND_LIMIT.get((facts.standard, facts.edition), 0)
    lms = getattr(profile.lms, "suspend_data_limit", 0) if profile is not None else 0
    return min(x for x in (standard, lms) if x) if (standard or lms) else 0


def _unit_of(launch, facts: PackageFacts) -> str:
    unit = getattr(launch, "unit", None) or (launch.delivered or {}).get("unit")
    return str(unit) if unit else (facts.units[0].id if len(facts.units) == 1 else "course")


def _scorm_record(unit: str, launches: list, run, profile, facts: PackageFacts) -> UnitRecord:
    names = elements(run.standard)
    kept = dict(launches[-1].kept or {})
    unload_kept = profile is not None and profile.lms.unload_commit == "kept"
    history = [w for launch in launches for w in records.committed(launch, unload_kept)]
    raw = number(kept.get(names.score_raw))
    if records.first_score_only(profile, run.standard):
        first = next((w for w in history if w.element == names.score_raw), None)
        raw = number(first.value) if first else raw
    if run.standard == "scorm12":
        status = str(kept.get("cmi.core.lesson_status", "not attempted"))
        if profile is not None and profile.lms.failed_is_final and any(
                w.element == "cmi.core.lesson_status" and w.value == "failed" for w in history):
            status = "failed"
        completion, success = LESSON_STATUS.get(status, (UNKNOWN, UNKNOWN))
    else:
        completion = str(kept.get("cmi.completion_status") or UNKNOWN)
        success = str(kept.get("cmi.success_status") or UNKNOWN)
    total = records.seconds(kept.get(names.total_time)) or 0.0
    if not total:
        total = sum(records.seconds((launch.kept or {}).get(names.session_time)) or 0.0
                    for launch in launches)
    interactions = tuple(
        Interaction(slot.get("id", ""), slot.get("type", ""), slot.get(names.response, ""),
                    slot.get("result", ""))
        for slot in records.interaction_slots(kept).values())
    return UnitRecord(unit, completion, success, raw, number(kept.get(names.score_max)),
                      number(kept.get(names.score_scaled)) if names.score_scaled else None,
                      total, interactions, len(str(kept.get(names.suspend, ""))))


def _xapi_record(unit: str, launches: list) -> UnitRecord:
    kept = dict(launches[-1].kept or {})
    completion, success = INCOMPLETE, UNKNOWN
    raw = maximum = scaled = None
    time_s = 0.0
    interactions = []
    for statement in records.statements(kept):
        verb = records.verb_of(statement)
        result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
        score = result.get("score") if isinstance(result.get("score"), dict) else {}
        if verb == "answered":
            target = statement.get("object") if isinstance(statement.get("object"), dict) else {}
            definition = target.get("definition") or {}
            interactions.append(Interaction(
                str(target.get("id", "")).rpartition("/")[2],
                str(definition.get("interactionType", "")), str(result.get("response", "")),
                {True: "correct", False: "incorrect"}.get(result.get("success"), "neutral")))
            continue
        if verb == "completed" or result.get("completion") is True:
            completion = COMPLETED
        if verb in (PASSED, FAILED):
            success = verb
        if score and verb in (PASSED, FAILED, "completed", "scored"):
            raw, maximum, scaled = (number(score.get(k)) for k in ("raw", "max", "scaled"))
        time_s = max(time_s, records.seconds(result.get("duration")) or 0.0)
    state = records.state_documents(kept)
    size = max((len(v if isinstance(v, str) else json.dumps(v)) for v in state.values()),
               default=0)
    return UnitRecord(unit, completion, success, raw, maximum, scaled, time_s,
                      tuple(interactions), size)


def _roll_up(units: list[UnitRecord]) -> UnitRecord:
    """Completed when every unit is, failed when one is, passed when every judged one is;
    the score is the mean of the units that hold one (SCORM 2004 SN 4.6 default roll-up)."""
    if len(units) == 1:
        return units[0]
    completion = (COMPLETED if all(u.completion == COMPLETED for u in units)
                  else NOT_ATTEMPTED if all(u.completion == NOT_ATTEMPTED for u in units)
                  else INCOMPLETE)
    judged = [u.success for u in units if u.success != UNKNOWN]
    success = FAILED if FAILED in judged else PASSED if judged else UNKNOWN
    scored = [u for u in units if u.score_raw is not None]
    raw = sum(u.score_raw for u in scored) / len(scored) if scored else None
    maxima = [u.score_max for u in scored if u.score_max is not None]
    scaled = [u.score_scaled for u in scored if u.score_scaled is not None]
    return UnitRecord(
        "course", completion, success, raw, max(maxima) if maxima else None,
        sum(scaled) / len(scaled) if scaled else None, sum(u.time_s for u in units),
        tuple(i for u in units for i in u.interactions), max(u.suspend_size for u in units))


def _relaunch(run):
    """The first launch of a unit launched before (the unit the path left, when the journal
    names it); None when no unit was launched twice."""
    wanted = (getattr(run, "intent", None) or {}).get("resume_unit")
    seen: set[str] = set()
    for launch in run.launches:
        unit = getattr(launch, "unit", "") or ""
        if unit in seen and (not wanted or unit == wanted):
            return launch
        seen.add(unit)
    return None


def _resume(run) -> tuple[bool | None, str | None]:
    relaunch = _relaunch(run)
    if relaunch is None:
        return None, None
    delivered = relaunch.delivered or {}
    # Strict exit/entry rules (SCORM 1.2 RTE 3.4.2.1.4, 2004 RTE 4.2.7): only a session
    # that ended with exit "suspend" is resumed; any other starts a new attempt.
    given = bool(delivered.get("suspend_data")) and delivered.get("entry") == "resume"
    return given, relaunch.resumed_at


def record_sheet(run, profile, facts: PackageFacts) -> Sheet:
    """The sheet of one path (``run``: a :class:`studio.twin.journal.PathRun`) as the
    profile's LMS would show it: per unit (the last launch of each unit) and rolled up."""
    by_unit: dict[str, list] = {}
    for launch in run.launches:
        by_unit.setdefault(_unit_of(launch, facts), []).append(launch)
    if records.is_scorm(run.standard):
        units = [_scorm_record(u, ls, run, profile, facts) for u, ls in by_unit.items()]
    else:
        units = [_xapi_record(u, ls) for u, ls in by_unit.items()]
    launched = set(by_unit)
    units += [UnitRecord(u.id) for u in facts.units
              if facts.multi_unit and u.id not in launched and len(launched) > 1]
    total = _roll_up(units) if units else UnitRecord("course")
    delivered, resumed_at = _resume(run)
    problems = tuple(p for launch in run.launches for p in (launch.problems or ()))
    sheet = Sheet(
        path=run.path, standard=run.standard, profile=profile.name if profile else "",
        completion=total.completion, success=total.success, score_raw=total.score_raw,
        score_max=total.score_max, score_scaled=total.score_scaled, time_s=total.time_s,
        interactions=total.interactions, resume_delivered=delivered, resumed_at=resumed_at,
        suspend_size=total.suspend_size, suspend_limit=suspend_limit(profile, facts),
        units=tuple(units) if len(units) > 1 else (), problems=problems)
    return _judged(sheet, intent_of(run, facts, profile), run, facts, profile)


def _judged(sheet: Sheet, intent: Intent, run, facts: PackageFacts, profile) -> Sheet:
    differences = []
    if intent.completion and sheet.completion != intent.completion:
        differences.append(f"completion: {sheet.completion}, intended {intent.completion}")
    pair = str((facts.profile.player if facts.profile else {}).get("status_pair")
               or (profile.player.status_pair if profile is not None else "passed/incomplete"))
    silent = run.standard == "scorm12" and pair.startswith("completed/")
    if intent.success and sheet.success != intent.success and not (
            silent and sheet.success == UNKNOWN):
        differences.append(f"success: {sheet.success}, intended {intent.success}")
    if intent.score_raw is not None and (sheet.score_raw is None or abs(
            sheet.score_raw - intent.score_raw) > 0.01):
        differences.append(f"score: {_fmt(sheet.score_raw)}, intended {_fmt(intent.score_raw)}")
    if intent.resume and sheet.resume_delivered is False:
        differences.append("resume: the relaunch was not given the saved state")
    elif (intent.resume and intent.resume_item and sheet.resume_delivered
          and sheet.resumed_at != intent.resume_item):
        differences.append(f"resume: the player resumed at {sheet.resumed_at or 'the start'}, "
                           f"intended {intent.resume_item}")
    if intent.interactions:
        wrong = [i.id for i in sheet.interactions if i.result not in ("correct", "neutral")]
        if not sheet.interactions:
            differences.append("interactions: none recorded")
        elif wrong:
            differences.append(f"interactions: {', '.join(wrong[:5])} not recorded as correct")
    return replace(sheet, intended=tuple(intended(run, facts, profile)),
                   differences=tuple(differences))

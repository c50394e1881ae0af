"""The cmi5 rules an LMS applies to what an AU sends, and to when an AU counts as done.

An LMS rejects an AU's statement that breaks the rules for cmi5-defined statements (cmi5 §9.3,
§9.5, §9.6) with 403; :func:`statement_problems` says which rules a statement breaks, given
the statements the session and the registration already hold. :func:`satisfied` is the moveOn
test of cmi5 §13.1.4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ADL = "http://adlnet.gov/expapi/verbs/"
ADL_W3ID = "https://w3id.org/xapi/adl/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "initialized": ADL + "initialized",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "abandoned": ADL_W3ID + "abandoned",
    "waived": ADL_W3ID + "waived",
    "terminated": ADL + "terminated",
    "satisfied": ADL_W3ID + "satisfied",
}
AU_DEFINED = ("initialized", "completed", "passed", "failed", "terminated")  # cmi5 §9.3
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"  # cmi5 §9.6.2.1
CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"  # cmi5 §9.6.2.2
EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/"
SESSION_ID = EXTENSION + "sessionid"  # cmi5 §9.6.3.1
MOVE_ON_VALUES = ("Completed", "Passed", "CompletedAndPassed", "CompletedOrPassed",
                  "NotApplicable")
NORMAL = "Normal"  # cmi5 §10.2.2 launchMode: Normal | Browse | Review


@dataclass(frozen=True)
class Session:
    """One AU session as the LMS launched it: the AU's ``activity_id``, the ``registration``,
    the ``session_id`` of the context template, ``launch_mode`` and ``mastery_score``
    (0..1 or None)."""

    activity_id: str
    registration: str
    session_id: str
    launch_mode: str = NORMAL
    mastery_score: float | None = None


def verb_name(statement: dict) -> str:
    """The cmi5 name of a statement's verb ("completed"), or its id when cmi5 defines none."""
    verb_id = statement.get("verb", {}).get("id", "")
    return next((name for name, iri in VERBS.items() if iri == verb_id), verb_id)


def categories(statement: dict) -> set[str]:
    """The ids of the statement's ``context.contextActivities.category`` activities."""
    found = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return {a.get("id") for a in (found if isinstance(found, list) else [found])}


def is_defined(statement: dict, activity_id: str) -> bool:
    """Whether ``statement`` is a cmi5-defined AU statement of the AU ``activity_id``."""
    return (statement.get("object", {}).get("id") == activity_id
            and verb_name(statement) in AU_DEFINED)


def _session_of(statement: dict) -> str | None:
    return statement.get("context", {}).get("extensions", {}).get(SESSION_ID)


def _result_problems(name: str, result: dict, session: Session) -> list[str]:
    problems = []
    if name in ("completed", "passed", "failed", "terminated") and not str(
            result.get("duration", "")).startswith("P"):
        problems.append(f"{name}: result.duration is required (cmi5 §9.5.4.1)")
    if name == "completed" and (result.get("completion") is not True or "success" in result):
        problems.append("completed: result.completion must be true, without success "
                        "(cmi5 §9.3.3)")
    if name in ("passed", "failed"):
        if result.get("success") is not (name == "passed"):
            problems.append(f"{name}: result.success must be {str(name == 'passed').lower()} "
                            "(cmi5 §9.3.4, §9.3.5)")
        scaled = result.get("score", {}).get("scaled")
        if session.mastery_score is not None:
            if not isinstance(scaled, int | float):
                problems.append(f"{name}: a scaled score is required with a mastery score "
                                "(cmi5 §9.5.1)")
            elif (scaled >= session.mastery_score) is not (name == "passed"):
                problems.append(f"{name}: scaled score {scaled} against the mastery score "
                                f"{session.mastery_score} (cmi5 §9.3.4, §9.3.5)")
    return problems


def statement_problems(statement: dict, session: Session, held: Sequence[dict]) -> list[str]:
    """The cmi5 rules ``statement`` breaks, sent by the AU during ``session`` while the LRS
    holds ``held`` (the registration's statements, in order); empty when none.

    Rules (cmi5 §9.3): the session starts with ``initialized`` and nothing follows
    ``terminated``; ``completed`` and ``passed`` come once per registration and ``failed``
    not after ``passed``; no ``completed``/``passed``/``failed`` outside Normal mode
    (cmi5 §10.2.2); a defined statement carries the cmi5 category (§9.6.2.1) and, for
    completed/passed/failed, the moveOn category (§9.6.2.2); every statement carries the
    launch's registration (§9.6.1) and session id (§9.6.3.1).
    """
    context = statement.get("context", {})
    if context.get("registration") != session.registration:
        return ["context.registration differs from the launch's (cmi5 §9.6.1)"]
    if _session_of(statement) != session.session_id:
        return ["context.extensions: not the session id of the running launch (cmi5 §9.6.3.1)"]
    name = verb_name(statement)
    in_session = [s for s in held if _session_of(s) == session.session_id
                  and s.get("object", {}).get("id") == session.activity_id]
    session_verbs = [verb_name(s) for s in in_session]
    if "terminated" in session_verbs:
        return ["a statement after terminated (cmi5 §9.3.8)"]
    if "initialized" not in session_verbs and name != "initialized":
        return [f"{name} before initialized (cmi5 §9.3.2)"]
    if not is_defined(statement, session.activity_id):
        return []
    problems = []
    if name == "initialized" and "initialized" in session_verbs:
        problems.append("initialized twice in a session (cmi5 §9.3.2)")
    if CATEGORY_CMI5 not in categories(statement):
        problems.append(f"{name}: the cmi5 category is missing (cmi5 §9.6.2.1)")
    if name in ("completed", "passed", "failed"):
        if session.launch_mode != NORMAL:
            problems.append(f"{name} in {session.launch_mode} mode (cmi5 §10.2.2)")
        if CATEGORY_MOVEON not in categories(statement):
            problems.append(f"{name}: the moveOn category is missing (cmi5 §9.6.2.2)")
        earlier = [verb_name(s) for s in held if s.get("object", {}).get("id")
                   == session.activity_id]
        if name == "completed" and "completed" in earlier:
            problems.append("completed twice in a registration (cmi5 §9.3.3)")
        if name in ("passed", "failed") and "passed" in earlier:
            problems.append(f"{name} after passed in a registration (cmi5 §9.3.4)")
    return problems + _result_problems(name, statement.get("result", {}), session)


def satisfied(move_on: str, verbs: Sequence[str]) -> bool:
    """Whether an AU whose statements (in the registration) have ``verbs`` meets its
    ``move_on`` criterion (cmi5 §13.1.4); NotApplicable is met without a launch."""
    done, passed = "completed" in verbs, "passed" in verbs
    return {
        "Completed": done,
        "Passed": passed,
        "CompletedAndPassed": done and passed,
        "CompletedOrPassed": done or passed,
        "NotApplicable": True,
    }.get(move_on, False)

"""The journal of one path: every call a package made to the twin LMS and what the LMS kept.

The twin's LMS page (``resources/twin/lms.js``) leaves the journal as JSON in
``window.twinResult``; :meth:`PathRun.from_json` reads it. Shape (one path)::

    {"path": "resume", "standard": "scorm12", "profile": "moodle",
     "launches": [{"number": 1, "unit": "u1",
                   "delivered": {"entry": "ab-initio", "suspend_data": "", ...},
                   "calls": [{"seq": 0, "fn": "LMSSetValue", "args": [...], "result": "true",
                              "error": "0", "at_ms": 12.5, "phase": "live"}],
                   "commits": [{"seq": 7, "at_ms": 40.1, "phase": "live", "kept": true}],
                   "kept": {"cmi.core.lesson_status": "incomplete", ...},
                   "learner": [{"at_ms": 3.0, "did": "answered Quiz 1 q2 wrong"}],
                   "resumed_at": null, "problems": []}],
     "intent": {"resume_item": "itm_x"}, "problems": []}

Phases: ``live`` (the learner is working), ``hidden`` (``visibilitychange`` to hidden was
dispatched), ``unload`` (``pagehide`` was dispatched, the frame is going). Times are
milliseconds since the launch started.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

PHASES = ("live", "hidden", "unload")
STANDARDS = ("scorm12", "scorm2004", "xapi", "cmi5")


@dataclass(frozen=True)
class Call:
    """One call a package made: ``fn`` (``LMSSetValue``, ``Commit``, ``statement``, ...), its
    ``args`` as strings, the ``result`` string it returned, the ``error`` code the run-time
    reported after it ("0" = none; SCORM 1.2 RTE 3.3.2, SCORM 2004 RTE 3.1.7), ``at_ms``
    (milliseconds since the launch started) and the ``phase`` it happened in."""

    seq: int
    fn: str
    args: tuple[str, ...]
    result: str
    error: str
    at_ms: float
    phase: str

    @property
    def failed(self) -> bool:
        """Whether the run-time reported an error for this call."""
        return self.error not in ("0", "")


@dataclass(frozen=True)
class Commit:
    """A storing call (Commit/LMSCommit, Terminate/LMSFinish; ``fn`` says which) and whether
    the LMS ``kept`` what it stored: an LMS that loses commits made during page dismissal
    journals those in phase ``unload`` with ``kept`` false. ``seq`` is the call's."""

    seq: int
    at_ms: float
    phase: str
    kept: bool
    fn: str = ""


@dataclass(frozen=True)
class LearnerStep:
    """One thing the scripted learner did (``did``, e.g. "answered Quiz 1 q2 wrong"), at
    ``at_ms`` milliseconds since the launch started."""

    at_ms: float
    did: str


@dataclass(frozen=True)
class Launch:
    """One launch of one unit (SCO) in the twin LMS.

    ``unit`` is the manifest item launched. ``delivered`` is what the LMS handed the package
    at start: ``entry`` ("ab-initio" on a first launch; "resume" only after a kept exit
    "suspend", SCORM 1.2 RTE 3.4.2.3 / 2004 RTE 4.2.8; else "" in 1.2 and a new attempt,
    "ab-initio", in 2004), ``suspend_data``, ``location``, ``mode`` (what the LMS answers for
    lesson_mode/cmi.mode), ``completion_status`` (1.2: ``cmi.core.lesson_status``),
    ``success_status`` ("" in 1.2) and ``total_time``. ``kept`` is the flat element -> value
    map the LMS holds for the unit after the launch: only what kept commits (and a kept
    Terminate) stored, interactions journaled after the ones kept before (this launch's
    ``cmi.interactions.0`` may be kept as ``.3``), ``total_time`` summed from session times.
    ``resumed_at`` is the item id the player showed on start (None: the first item;
    "results": its results screen); ``learner`` what the scripted learner did; ``problems``
    what went wrong running it (a player that never started, a timeout), for people.
    """

    number: int
    delivered: dict[str, str]
    calls: tuple[Call, ...]
    commits: tuple[Commit, ...]
    kept: dict[str, str]
    learner: tuple[LearnerStep, ...] = ()
    resumed_at: str | None = None
    problems: tuple[str, ...] = ()
    unit: str = ""

    def values_set(self, element: str) -> list[str]:
        """Values the package set for ``element`` (LMSSetValue/SetValue), in call order,
        refused ones included."""
        return [c.args[1] for c in self.calls
                if c.fn in ("LMSSetValue", "SetValue") and c.args and c.args[0] == element
                and len(c.args) > 1]


@dataclass(frozen=True)
class PathRun:
    """The journal of one path (:data:`studio.twin.paths.PATHS`) on one package and profile.

    ``standard`` is one of :data:`STANDARDS`; ``intent`` what the scripted learner meant to
    reach (e.g. ``resume_item``: the item it left on), for the record sheet to compare with
    what the LMS kept; ``problems`` what stopped the path as a whole.
    """

    path: str
    standard: str
    profile: str
    launches: tuple[Launch, ...]
    intent: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def kept(self) -> dict[str, str]:
        """What the LMS holds at the end of the path: the last launch's ``kept`` ({} when the
        path never launched)."""
        return dict(self.launches[-1].kept) if self.launches else {}

    @classmethod
    def from_json(cls, data: dict | str) -> PathRun:
        """The run from the page's journal, a dict or its JSON text (shape in the module's
        docstring). Missing optional keys take their defaults; a missing required key raises
        ``KeyError``, malformed JSON ``json.JSONDecodeError``."""
        if isinstance(data, str):
            data = json.loads(data)
        return cls(
            path=str(data["path"]),
            standard=str(data["standard"]),
            profile=str(data.get("profile", "")),
            launches=tuple(_launch(item) for item in data.get("launches", ())),
            intent=dict(data.get("intent") or {}),
            problems=tuple(str(p) for p in data.get("problems", ())),
        )

    def to_json(self) -> dict:
        """The run as the page's journal shape (a dict ready for ``json.dumps``)."""
        return asdict(self)


def _launch(data: dict) -> Launch:
    return Launch(
        number=int(data["number"]),
        unit=str(data.get("unit", "")),
        delivered={str(k): _text(v) for k, v in (data.get("delivered") or {}).items()},
        calls=tuple(Call(seq=int(c["seq"]), fn=str(c["fn"]),
                         args=tuple(_text(a) for a in c.get("args", ())),
                         result=_text(c.get("result", "")), error=_text(c.get("error", "0")),
                         at_ms=float(c.get("at_ms", 0.0)), phase=str(c.get("phase", "live")))
                    for c in data.get("calls", ())),
        commits=tuple(Commit(seq=int(c["seq"]), at_ms=float(c.get("at_ms", 0.0)),
                             phase=str(c.get("phase", "live")), kept=bool(c.get("kept", True)),
                             fn=str(c.get("fn", "")))
                      for c in data.get("commits", ())),
        kept={str(k): _text(v) for k, v in (data.get("kept") or {}).items()},
        learner=tuple(LearnerStep(at_ms=float(s.get("at_ms", 0.0)), did=str(s["did"]))
                      for s in data.get("learner", ())),
        resumed_at=None if data.get("resumed_at") is None else str(data["resumed_at"]),
        problems=tuple(str(p) for p in data.get("problems", ())),
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)

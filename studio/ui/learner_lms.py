"""What an LMS receives from the learner preview: the API calls in order, what they set, and
what the LMS has kept.

The preview runs the course in the LMS twin's page (``resources/twin/lms.html`` in interactive
mode), which reports each call as one console line, ``<channel>{json}`` (a journal call of
:mod:`studio.twin.journal`); :func:`parse_call` reads such a line and :class:`LmsRecord` keeps
the calls and the data model the accepted set calls built. What the LMS kept (only committed
data, as the profile says) comes from the twin's journal. Plain Python: the window shows it,
tests read it without a page.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field

EMPTY = '""'  # how the log shows an empty answer


@dataclass(frozen=True)
class DataModel:
    """The names one SCORM edition gives the calls and elements the panel shows: SCORM 1.2
    RTE 3.3-3.4 (``LMSSetValue``, ``cmi.core.lesson_status``) or SCORM 2004 RTE 3.1, 4.2."""

    standard: str
    label: str
    initialize: str
    terminate: str
    set_value: str
    completion: str
    success: str  # '' where the edition has none (1.2 reports passed/failed in the status)
    score: str  # prefix of raw, min, max (and scaled in 2004)
    progress: str
    session_time: str
    total_time: str
    exit: str
    response: str  # an interaction's learner response field
    suspend: str = "cmi.suspend_data"

    def interaction_fields(self) -> re.Pattern:
        """``cmi.interactions.<n>.<field>`` of the fields the panel shows."""
        return re.compile(rf"^cmi\.interactions\.(\d+)\.(id|type|{self.response}|result|"
                          r"description)$")


SCORM12 = DataModel("scorm12", "SCORM 1.2", "LMSInitialize", "LMSFinish", "LMSSetValue",
                    "cmi.core.lesson_status", "", "cmi.core.score.", "",
                    "cmi.core.session_time", "cmi.core.total_time", "cmi.core.exit",
                    "student_response")
SCORM2004 = DataModel("scorm2004", "SCORM 2004", "Initialize", "Terminate", "SetValue",
                      "cmi.completion_status", "cmi.success_status", "cmi.score.",
                      "cmi.progress_measure", "cmi.session_time", "cmi.total_time",
                      "cmi.exit", "learner_response")
MODELS = {model.standard: model for model in (SCORM12, SCORM2004)}


@dataclass(frozen=True)
class ApiCall:
    """One call the content made: the method name (``"SetValue"``), its arguments, what the
    run-time answered (``"true"``, a value), the error code after it (``"0"``: none), when
    (milliseconds since the launch started) and the page's phase then (``live``,
    ``hidden``, ``unload``)."""

    call: str
    args: tuple[str, ...]
    result: str
    error: str
    at: float
    phase: str = "live"

    @property
    def ok(self) -> bool:
        return self.error in ("0", "")

    def text(self) -> str:
        """One line for the log: ``SetValue("cmi.score.raw", "80") → true``, plus the error
        code when the call failed."""
        args = ", ".join(json.dumps(a, ensure_ascii=False) for a in self.args)
        shown = self.result if len(self.result) <= 60 else self.result[:57] + "…"
        line = f"{self.call}({args}) → {shown or EMPTY}"
        return line if self.ok else f"{line}  [error {self.error}]"


@dataclass(frozen=True)
class Interaction:
    """One ``cmi.interactions.n`` record as the LMS holds it (SCORM 2004 RTE 4.2.9, SCORM 1.2
    RTE 3.4.2.13)."""

    index: int
    id: str = ""
    type: str = ""
    learner_response: str = ""
    result: str = ""
    description: str = ""


@dataclass
class LmsRecord:
    """One learner's session: every call in order, the values the content set and the
    values the LMS kept (committed, as its profile keeps them)."""

    model: DataModel = SCORM2004
    calls: list[ApiCall] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    started_at: float | None = None  # wall-clock seconds when Initialize succeeded

    def add(self, call: ApiCall) -> None:
        """Log the call; an accepted set call stores the value."""
        self.calls.append(call)
        if call.call == self.model.set_value and call.ok and len(call.args) == 2:
            self.values[call.args[0]] = call.args[1]
        if call.call == self.model.initialize and call.ok and self.started_at is None:
            self.started_at = time.time()

    def value(self, element: str, default: str = "") -> str:
        return self.values.get(element, default)

    @property
    def terminated(self) -> bool:
        return any(c.call == self.model.terminate and c.ok for c in self.calls)

    @property
    def suspend_size(self) -> int:
        """Characters in ``cmi.suspend_data``."""
        return len(self.values.get(self.model.suspend, ""))

    def interactions(self) -> list[Interaction]:
        """The interactions stored so far, by slot number."""
        pattern = self.model.interaction_fields()
        slots: dict[int, dict[str, str]] = {}
        for element, value in self.values.items():
            match = pattern.match(element)
            if match:
                name = "learner_response" if match[2] == self.model.response else match[2]
                slots.setdefault(int(match[1]), {})[name] = value
        return [Interaction(index, **fields) for index, fields in sorted(slots.items())]


def parse_call(channel: str, message: str) -> ApiCall | None:
    """The call a console line reports (a journal call: ``fn``, ``args``, ``result``,
    ``error``, ``at_ms``, ``phase``), or None when the line is not on ``channel`` (the
    player's own messages) or is not a well-formed report."""
    if not message.startswith(channel):
        return None
    try:
        data = json.loads(message[len(channel):])
        return ApiCall(str(data["fn"]), tuple(str(a) for a in data["args"]),
                       str(data["result"]), str(data["error"]), float(data["at_ms"]),
                       str(data.get("phase", "live")))
    except (ValueError, KeyError, TypeError):
        return None


def new_channel() -> str:
    """A fresh console prefix for one launch, so lines of an earlier launch are not taken
    for this one's."""
    return f"studio-lms-{secrets.token_hex(6)}:"

"""What an LMS receives from the learner preview: the API calls in order and what they add up to.

The page's run-time (``resources/preview/scorm2004_lms.js``, a SCORM 2004 4th edition
``API_1484_11``) reports each call as one console line, ``<channel>{json}``; :func:`parse_call`
reads such a line and :class:`LmsRecord` keeps the calls and the data model the accepted
``SetValue`` calls built. Plain Python: the window shows it, tests read it without a page.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field

from studio.resources import resources_dir

EDITION = "SCORM 2004 4th edition"
# cmi.suspend_data's smallest permitted maximum, in characters: SCORM 2004 RTE 4.2.23;
# SCORM 1.2 RTE 3.4.2.7 (cmi.suspend_data, CMIString4096) for designers who export to 1.2
SUSPEND_LIMIT = 64000
SUSPEND_LIMIT_12 = 4096
EMPTY = '""'  # how the log shows an empty answer
_INTERACTION = re.compile(r"^cmi\.interactions\.(\d+)\.(id|type|learner_response|result|"
                          r"description)$")


@dataclass(frozen=True)
class ApiCall:
    """One call the content made: the method name (``"SetValue"``), its arguments, what the
    run-time answered (``"true"``, a value), the error code after it (``"0"``: none) and
    when, in milliseconds since the epoch."""

    call: str
    args: tuple[str, ...]
    result: str
    error: str
    at: float

    @property
    def ok(self) -> bool:
        return self.error == "0"

    def text(self) -> str:
        """One line for the log: ``SetValue("cmi.score.raw", "80") → true``, plus the error
        code when the call failed."""
        args = ", ".join(json.dumps(a, ensure_ascii=False) for a in self.args)
        shown = self.result if len(self.result) <= 60 else self.result[:57] + "…"
        line = f"{self.call}({args}) → {shown or EMPTY}"
        return line if self.ok else f"{line}  [error {self.error}]"


@dataclass(frozen=True)
class Interaction:
    """One ``cmi.interactions.n`` record as the LMS holds it (SCORM 2004 RTE 4.2.9)."""

    index: int
    id: str = ""
    type: str = ""
    learner_response: str = ""
    result: str = ""
    description: str = ""


@dataclass
class LmsRecord:
    """One learner's session: every call in order and the values the LMS stored."""

    calls: list[ApiCall] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)

    def add(self, call: ApiCall) -> None:
        """Log the call; a successful ``SetValue(element, value)`` stores the value."""
        self.calls.append(call)
        if call.call == "SetValue" and call.ok and len(call.args) == 2:
            self.values[call.args[0]] = call.args[1]

    def value(self, element: str, default: str = "") -> str:
        return self.values.get(element, default)

    @property
    def started_at(self) -> float | None:
        """When Initialize succeeded, in milliseconds since the epoch (None: not yet)."""
        return next((c.at for c in self.calls if c.call == "Initialize" and c.ok), None)

    @property
    def terminated(self) -> bool:
        return any(c.call == "Terminate" and c.ok for c in self.calls)

    @property
    def suspend_size(self) -> int:
        """Characters in ``cmi.suspend_data``."""
        return len(self.values.get("cmi.suspend_data", ""))

    def interactions(self) -> list[Interaction]:
        """The interactions stored so far, by slot number."""
        slots: dict[int, dict[str, str]] = {}
        for element, value in self.values.items():
            match = _INTERACTION.match(element)
            if match:
                slots.setdefault(int(match[1]), {})[match[2]] = value
        return [Interaction(index, **fields) for index, fields in sorted(slots.items())]


def parse_call(channel: str, message: str) -> ApiCall | None:
    """The call a console line reports, or None when the line is not on ``channel`` (the
    player's own messages) or is not a well-formed report."""
    if not message.startswith(channel):
        return None
    try:
        data = json.loads(message[len(channel):])
        return ApiCall(str(data["call"]), tuple(str(a) for a in data["args"]),
                       str(data["result"]), str(data["error"]), float(data["at"]))
    except (ValueError, KeyError, TypeError):
        return None


def new_channel() -> str:
    """A fresh console prefix for one launch, so lines of an earlier launch are not taken
    for this one's."""
    return f"studio-lms-{secrets.token_hex(6)}:"


def runtime_script(channel: str) -> str:
    """The run-time's JavaScript, reporting on ``channel``. Raises OSError when the file
    shipped in ``resources/preview`` cannot be read."""
    source = (resources_dir() / "preview" / "scorm2004_lms.js").read_text(encoding="utf-8")
    return source.replace("__CHANNEL__", channel)

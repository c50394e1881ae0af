"""The journal the xAPI twin's LMS keeps of one launch: what it handed the launch and every
storing request the package made, in the shape of :mod:`studio.twin.journal`."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

from studio.twin import cmi5_rules as rules
from studio.twin.lrs import STATEMENTS, LrsAnswer, LrsRequest

LAUNCH_DATA = "LMS.LaunchData"  # cmi5 §10


@dataclass
class LaunchLog:
    """The journal of one launch as the LMS sees it: ``number``, ``unit``, when it
    ``started`` (``time.monotonic()`` seconds), the launched ``activity_id``, its cmi5
    ``session`` (None for Tin Can), the page's ``phase``, the ``calls``, ``commits`` and
    ``delivered`` of :mod:`studio.twin.journal`, and ``ended``, set when it ends."""

    number: int
    unit: str
    started: float
    activity_id: str
    session: rules.Session | None = None
    phase: str = "live"
    calls: list[dict] = field(default_factory=list)
    commits: list[dict] = field(default_factory=list)
    delivered: dict[str, str] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    ended: threading.Event = field(default_factory=threading.Event)
    seq: int = 0

    def at_ms(self) -> float:
        """Milliseconds since the launch started, to 0.1 ms."""
        return round((time.monotonic() - self.started) * 1000, 1)

    def note_delivery(self, request: LrsRequest, answer: LrsAnswer) -> None:
        """Notes what a State API read handed the launch: the first read of each document
        (the LMS's ``LMS.LaunchData`` aside) is its resume state, ``location`` read from it."""
        state_id = request.params.get("stateId", "")
        if state_id == LAUNCH_DATA or state_id in self.read:
            return
        self.read.add(state_id)
        if answer.status != 200:
            return
        text = answer.body.decode("utf-8", "replace")
        self.delivered.update(entry="resume", suspend_data=text)
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict) and isinstance(document.get("location"), str):
            self.delivered["location"] = document["location"]

    def note_write(self, request: LrsRequest, answer: LrsAnswer, phase: str,
                   kept: bool) -> None:
        """Journals a storing request: a ``statement`` call per statement (args: verb id,
        object id, result JSON or "", statement id) or one ``state`` call (stateId,
        document), and one commit, ``kept`` only when stored (HTTP status below 300)."""
        error = "0" if answer.status < 300 else str(answer.status)
        if error != "0" and answer.body:
            error = f"{answer.status} {answer.body.decode('utf-8', 'replace')}"
        at_ms = self.at_ms()
        if request.resource == STATEMENTS:
            body = request.json()
            batch = body if isinstance(body, list) else [body]
            calls = [["statement", [str(s.get("verb", {}).get("id", "")),
                                    str(s.get("object", {}).get("id", "")),
                                    json.dumps(s["result"]) if s.get("result") else "",
                                    str(s.get("id", ""))]]
                     if isinstance(s, dict) else ["statement", ["", "", "", ""]] for s in batch]
        else:
            calls = [["state", [request.params.get("stateId", ""),
                                request.body.decode("utf-8", "replace")]]]
        for fn, args in calls:
            self.calls.append({"seq": self.seq, "fn": fn, "args": args,
                              "result": str(answer.status), "error": error, "at_ms": at_ms,
                              "phase": phase})
            self.seq += 1
        self.commits.append({"seq": self.seq - 1, "at_ms": at_ms, "phase": phase,
                            "kept": kept and answer.status < 300, "fn": calls[0][0]})

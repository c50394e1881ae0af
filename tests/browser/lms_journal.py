"""Reading a launch's API journal as an LMS would: what was set, committed, and kept.

The test LMS (harness/lms.html) journals every call; these helpers turn that journal into the
events the player's switches are about (writes, commits, finish) and into what an LMS that
loses commits made during page dismissal would hand the next launch.
"""

from __future__ import annotations

SETTERS = {"LMSSetValue", "SetValue"}
COMMITS = {"LMSCommit", "Commit"}
FINISHES = {"LMSFinish", "Terminate"}
NOT_RESTORED = ("interactions", "objectives", "exit", "session_time", "entry", "mode")


def events(calls: list[dict]) -> list[tuple]:
    """("set", element, value) | ("commit",) | ("finish",) in call order (reads left out)."""
    out: list[tuple] = []
    for call in calls:
        if call["fn"] in SETTERS:
            out.append(("set", call["args"][0], call["args"][1]))
        elif call["fn"] in COMMITS:
            out.append(("commit",))
        elif call["fn"] in FINISHES:
            out.append(("finish",))
    return out


def commit_count(session) -> int:
    return sum(1 for event in events(session.calls()) if event == ("commit",))


def first_set(trail: list[tuple], element: str, start: int = 0) -> int:
    """Index of the first write of element at or after start (ValueError when none)."""
    for i in range(start, len(trail)):
        if trail[i][0] == "set" and trail[i][1] == element:
            return i
    raise ValueError(f"{element} never set after event {start}")


def kept(calls: list[dict]) -> dict[str, str]:
    """element -> value as of the last commit: what an LMS keeps when later calls are lost."""
    values: dict[str, str] = {}
    committed: dict[str, str] = {}
    for event in events(calls):
        if event[0] == "set":
            values[event[1]] = event[2]
        else:
            committed = dict(values)
    return committed


def stored_from(flat: dict[str, str], standard: str) -> dict:
    """The next launch's data (scorm-again loadFromJSON shape) from kept element values."""
    nested: dict = {}
    for element, value in flat.items():
        path = element.split(".")[1:]
        if set(path) & set(NOT_RESTORED):
            continue
        node = nested
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    exit_key = "cmi.core.exit" if standard == "scorm12" else "cmi.exit"
    entry = "resume" if flat.get(exit_key) == "suspend" else ""
    if standard == "scorm12":
        nested.setdefault("core", {})["entry"] = entry
    else:
        nested["entry"] = entry
    return nested


def hide(session) -> None:
    """The browser hides the SCO's page (tab switched or closing): visibilitychange hidden."""
    session.frame.evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
          Object.defineProperty(document, "hidden", {value: true, configurable: true});
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )


def close_without_finish(session) -> None:
    """The SCO's page is removed; the LMS gets no LMSFinish/Terminate, so wait for the calls
    made during dismissal to land in the journal."""
    count = len(session.calls())
    session.page.evaluate("document.getElementById('sco').src = 'about:blank'")
    session.page.wait_for_function(f"window.lms.calls.length > {count}")
    session.page.wait_for_timeout(200)
    session.closed = True

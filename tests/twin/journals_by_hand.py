"""Journals written by hand: the record sheet and the warnings judged on known calls."""

from __future__ import annotations

from pathlib import Path

from studio.twin.journal import PathRun
from studio.twin.package_facts import PackageFacts, RecordedProfile, TrackingFacts, UnitFacts

STORING = {"LMSCommit", "Commit", "LMSFinish", "Terminate"}
S12 = "cmi.core."


def facts(standard: str = "scorm12", edition: str | None = None, mastery: float | None = 70,
          units: int = 1, sequencing: bool = False, identifier: str = "course_7c56a857-133f",
          files: tuple[str, ...] = ("imsmanifest.xml", "index.html"),
          profile: str | None = "scorm12", player: dict | None = None) -> PackageFacts:
    return PackageFacts(
        path=Path("course.zip"), kind=standard, standard=standard, edition=edition,
        identifier=identifier,
        units=tuple(UnitFacts(f"item_{n}", f"Lesson {n}", "index.html") for n in range(units)),
        sequencing=sequencing, files=files,
        profile=RecordedProfile(profile, "2026.11", player or {}) if profile else None,
        tracking=TrackingFacts(mastery_score=mastery, scored_quizzes=("quiz",), items=6))


def launch(number: int, calls: list[tuple], kept: dict, delivered: dict | None = None,
           unload_lost: bool = True, unit: str = "", resumed_at: str | None = None,
           step_ms: float = 100.0) -> dict:
    """calls: (fn, args) or (fn, args, phase) or (fn, args, phase, result, error)."""
    out, commits = [], []
    for seq, spec in enumerate(calls):
        fn, args, *rest = spec
        phase = rest[0] if rest else "live"
        result = rest[1] if len(rest) > 1 else "true"
        error = rest[2] if len(rest) > 2 else "0"
        out.append({"seq": seq, "fn": fn, "args": list(args), "result": result, "error": error,
                    "at_ms": seq * step_ms, "phase": phase})
        if fn in STORING:
            commits.append({"seq": seq, "at_ms": seq * step_ms, "phase": phase, "fn": fn,
                            "kept": not (unload_lost and phase == "unload")})
    return {"number": number, "unit": unit, "delivered": delivered or {"entry": "ab-initio",
            "mode": "normal", "suspend_data": ""}, "calls": out, "commits": commits,
            "kept": kept, "resumed_at": resumed_at}


def run(path: str, launches: list[dict], standard: str = "scorm12", intent=None) -> PathRun:
    return PathRun.from_json({"path": path, "standard": standard, "profile": "scorm12",
                              "launches": launches, "intent": intent or {}})


def good_12_calls(score_first: bool = True, exit_early: bool = True,
                  state: str = "1~6~6~_w~1.2s.1") -> list[tuple]:
    score = [("LMSSetValue", (S12 + "score.raw", "100")),
             ("LMSSetValue", (S12 + "score.min", "0")),
             ("LMSSetValue", (S12 + "score.max", "100"))]
    status = [("LMSSetValue", (S12 + "lesson_status", "passed"))]
    return [
        ("LMSInitialize", ("",)),
        ("LMSGetValue", (S12 + "lesson_mode",)),
        ("LMSSetValue", (S12 + "lesson_status", "incomplete")),
        *([("LMSSetValue", (S12 + "exit", "suspend"))] if exit_early else []),
        ("LMSCommit", ("",)),
        ("LMSSetValue", ("cmi.suspend_data", state)),
        ("LMSSetValue", (S12 + "lesson_location", "results")),
        *(score + status if score_first else status + score),
        ("LMSCommit", ("",)),
        ("LMSCommit", ("",), "hidden"),
        ("LMSSetValue", ("cmi.suspend_data", state), "unload"),
        ("LMSSetValue", (S12 + "exit", ""), "unload"),
        ("LMSSetValue", (S12 + "session_time", "0000:01:00.00"), "unload"),
        ("LMSCommit", ("",), "unload"),
        ("LMSFinish", ("",), "unload"),
    ]


def good_12_kept(state: str = "1~6~6~_w~1.2s.1", exit_value: str = "suspend") -> dict:
    return {S12 + "lesson_status": "passed", S12 + "score.raw": "100",
            S12 + "score.min": "0", S12 + "score.max": "100", "cmi.suspend_data": state,
            S12 + "lesson_location": "results", S12 + "exit": exit_value}

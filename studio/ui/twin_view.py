"""The twin's JSON report (``studio check-lms --json``) read into what the window shows.

Plain Python, so tests read it without widgets. The JSON is ``TwinReport.to_json()`` of
:mod:`studio.twin.check`; this module only picks out and words what the results dialog shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NONE = "–"
FAILURE = "failure"  # the severity of a warning that fails the check


@dataclass(frozen=True)
class TwinWarning:
    """One thing a tester would raise: its code, the sentence, the path it was seen on
    ("" for the package as a whole) and whether it makes the check fail."""

    code: str
    message: str
    path: str
    fails: bool


@dataclass(frozen=True)
class PathSheet:
    """What the LMS will record after one learner path, as words for the sheet."""

    path: str
    outcome: str  # ok | warning | fail (the cell of the profiles x paths matrix)
    completion: str
    success: str
    score: str
    total_time: str
    resume: str
    suspend: str
    interactions: tuple[tuple[str, str, str, str], ...]  # id, type, response, result
    differences: tuple[str, ...] = ()  # what the LMS records other than intended

    def rows(self) -> list[tuple[str, str]]:
        """The sheet's rows, (name, value) in the order a tester reads them."""
        rows = [("Completion", self.completion), ("Success", self.success),
                ("Score", self.score), ("Total time", self.total_time),
                ("Resume", self.resume), ("Suspend data", self.suspend)]
        if self.differences:
            rows.append(("Not as intended", "\n".join(self.differences)))
        return rows


@dataclass(frozen=True)
class ReportView:
    """The whole report: which LMS, the verdict, the warnings (failures first), the sheets."""

    lms: str
    lms_label: str
    package_stem: str
    ok: bool
    warnings: tuple[TwinWarning, ...]
    sheets: tuple[PathSheet, ...]

    def verdict(self) -> str:
        """One line: will this LMS record what the course intends, and if not, where not?"""
        warned = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        if self.ok:
            extra = f" ({warned} worth a look)" if self.warnings else ""
            return (f"✔ {self.lms_label} will record what the course intends on every path "
                    f"checked{extra}.")
        failing = [sheet.path for sheet in self.sheets if sheet.outcome == "fail"]
        where = f"on {', '.join(failing)}" if failing else "for this package"
        return (f"✖ {self.lms_label} will not record what the course intends {where}; "
                f"{warned}.")

    def grouped_warnings(self) -> list[tuple[TwinWarning, tuple[str, ...]]]:
        """The warnings with the same code and sentence told once, with every path they
        were seen on (failures first, then in report order)."""
        groups: dict[tuple[str, str, bool], list[str]] = {}
        first: dict[tuple[str, str, bool], TwinWarning] = {}
        for warning in self.warnings:
            key = (warning.code, warning.message, warning.fails)
            first.setdefault(key, warning)
            paths = groups.setdefault(key, [])
            if warning.path and warning.path not in paths:
                paths.append(warning.path)
        return [(first[key], tuple(paths)) for key, paths in groups.items()]


def _text(value: object) -> str:
    return NONE if value in (None, "") else str(value)


def _number(value: object) -> str:
    if value is None:
        return NONE
    return f"{value:g}" if isinstance(value, float) else str(value)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _score(score: dict) -> str:
    return " · ".join(f"{name} {_number(score.get(name))}" for name in ("raw", "scaled", "max"))


def _suspend(data: dict) -> str:
    size, limit = int(data.get("size") or 0), int(data.get("limit") or 0)
    if not limit:
        return f"{size:,} characters"
    return f"{size:,} of {limit:,} characters ({size / limit:.0%})"


def _resume(resume: dict) -> str:
    delivered = resume.get("delivered")
    if delivered is None:
        return "not relaunched on this path"
    if not delivered:
        return "NOT delivered: the learner starts again from the beginning"
    where = resume.get("resumed_at")
    return f"delivered: the learner is back at {where}" if where else "delivered"


def read_sheet(sheet: dict) -> PathSheet:
    """The sheet of one path from its JSON (``Sheet.to_json()`` of :mod:`studio.twin.sheet`)."""
    return PathSheet(
        path=str(sheet.get("path", "")), outcome=str(sheet.get("outcome", "fail")),
        completion=_text(sheet.get("completion")), success=_text(sheet.get("success")),
        score=_score(sheet.get("score") or {}),
        total_time=_duration(float(sheet.get("total_time_s") or 0)),
        resume=_resume(sheet.get("resume") or {}),
        suspend=_suspend(sheet.get("suspend_data") or {}),
        interactions=tuple((str(i.get("id", "")), str(i.get("type", "")),
                            str(i.get("response", "")), str(i.get("result", "")))
                           for i in sheet.get("interactions", [])),
        differences=tuple(str(d) for d in (*sheet.get("differences", ()),
                                           *sheet.get("problems", ()))))


def read_report(report: dict, exit_code: int) -> ReportView:
    """The view of ``report`` (``TwinReport.to_json()`` of :mod:`studio.twin.check`:
    ``lms``, ``ok``, ``paths`` with each sheet's ``outcome``, ``warnings``); ``exit_code`` 0
    means the check passed when the report itself does not say."""
    warnings = [TwinWarning(str(w.get("code", "")), str(w.get("message", "")),
                            str(w.get("path") or ""), w.get("severity") == FAILURE)
                for w in report.get("warnings", []) if isinstance(w, dict)]
    warnings.sort(key=lambda w: not w.fails)  # stable: failures first, each in report order
    lms = report.get("lms") or {}
    name = str(lms.get("name", ""))
    return ReportView(lms=name, lms_label=str(lms.get("label") or name or "The LMS"),
                      package_stem=Path(str(report.get("package") or "package")).stem,
                      ok=bool(report.get("ok", exit_code == 0)), warnings=tuple(warnings),
                      sheets=tuple(read_sheet(sheet) for sheet in report.get("paths", [])))

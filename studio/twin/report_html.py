"""The LMS twin's report as one self-contained HTML page (no script, no external file).

Warnings come first, then one sheet per learner path, then the profile's switches with their
public sources. Accessible as WCAG 2.1 asks: a language, one ``h1`` and ordered headings,
tables with captions and header cells (§1.3.1), outcomes said in words, not colour alone
(§1.4.1), contrast above 4.5:1 (§1.4.3).
"""

from __future__ import annotations

from html import escape

from studio.twin.check import TwinReport
from studio.twin.sheet import Sheet

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;
color:#1b1b1b;background:#fff}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.fail{color:#a00000;font-weight:700}.warning{color:#6b4700;font-weight:700}
.ok{color:#0b6b0b;font-weight:700}code{font-size:.95em}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _num(value: float | None) -> str:
    return "not recorded" if value is None else f"{value:g}"


def _outcome(word: str) -> str:
    return f'<span class="{_e(word)}">{_e(word)}</span>'


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f'<tr><th scope="row">{_e(k)}</th><td>{v}</td></tr>' for k, v in rows)


def _warnings(report: TwinReport) -> str:
    if not report.warnings:
        return "<h2>Warnings</h2><p>None.</p>"
    items = "".join(
        f"<li>{_outcome('fail' if w.failure else 'warning')} <code>{_e(w.code)}</code>"
        f"{' (path ' + _e(w.path) + ')' if w.path else ' (package)'}: {_e(w.message)}</li>"
        for w in report.warnings)
    return f"<h2>Warnings</h2><ul>{items}</ul>"


def _sheet(report: TwinReport, sheet: Sheet) -> str:
    resume = ("not applicable (one launch)" if sheet.resume_delivered is None
              else ("delivered" if sheet.resume_delivered else "not delivered")
              + (f", resumed at {sheet.resumed_at}" if sheet.resumed_at else ""))
    suspend = (f"{sheet.suspend_size:,} of {sheet.suspend_limit:,} characters"
               if sheet.suspend_limit else f"{sheet.suspend_size:,} characters")
    rows = [
        ("Outcome", _outcome(report.outcome(sheet.path))),
        ("Completion", _e(sheet.completion)), ("Success", _e(sheet.success)),
        ("Score raw", _e(_num(sheet.score_raw))), ("Score max", _e(_num(sheet.score_max))),
        ("Score scaled", _e(_num(sheet.score_scaled))),
        ("Total time", _e(f"{sheet.time_s:.1f} s")), ("Resume state", _e(resume)),
        ("Suspend data", _e(suspend)),
        ("Intended", "<br>".join(_e(line) for line in sheet.intended) or "nothing"),
        ("Differences", "<br>".join(_e(line) for line in sheet.differences) or "none"),
    ]
    if sheet.problems:
        rows.append(("Run problems", "<br>".join(_e(p) for p in sheet.problems)))
    out = (f'<h3 id="path-{_e(sheet.path)}">Path: {_e(sheet.path)}</h3>'
           f"<table><caption>What {_e(report.profile.label)} records on the "
           f"{_e(sheet.path)} path</caption>{_rows(rows)}</table>")
    if sheet.units:
        head = "".join(f'<th scope="col">{h}</th>' for h in
                       ("Unit", "Completion", "Success", "Score raw", "Interactions"))
        body = "".join(f"<tr><th scope=\"row\">{_e(u.unit)}</th><td>{_e(u.completion)}</td>"
                       f"<td>{_e(u.success)}</td><td>{_e(_num(u.score_raw))}</td>"
                       f"<td>{len(u.interactions)}</td></tr>" for u in sheet.units)
        out += (f"<table><caption>Per unit, {_e(sheet.path)} path</caption>"
                f"<tr>{head}</tr>{body}</table>")
    if sheet.interactions:
        head = "".join(f'<th scope="col">{h}</th>' for h in
                       ("Id", "Type", "Learner response", "Result"))
        body = "".join(f"<tr><td><code>{_e(i.id)}</code></td><td>{_e(i.type)}</td>"
                       f"<td>{_e(i.response)}</td><td>{_e(i.result)}</td></tr>"
                       for i in sheet.interactions)
        out += (f"<table><caption>Interactions, {_e(sheet.path)} path</caption>"
                f"<tr>{head}</tr>{body}</table>")
    return out


def _switches(report: TwinReport) -> str:
    data = report.to_json()
    rows = "".join(
        f'<tr><th scope="row"><code>{_e(k)}</code></th><td><code>{_e(v)}</code></td>'
        f"<td>{_e(data['sources'].get(k, ''))}</td></tr>" for k, v in data["switches"].items())
    return ("<h2>Profile switches</h2><table><caption>What "
            f"{_e(report.profile.label)} {_e(report.profile.version)} switches, and the public "
            'source of each</caption><tr><th scope="col">Switch</th><th scope="col">Value</th>'
            f'<th scope="col">Source</th></tr>{rows}</table>')


def report_html(report: TwinReport) -> str:
    """The whole report as an HTML5 document (UTF-8 text)."""
    facts = report.facts
    made_for = (f"{facts.profile.name} {facts.profile.version}" if facts.profile
                else "no LMS profile")
    summary = _rows([
        ("Result", _outcome("ok" if report.ok else "fail")),
        ("Package", _e(report.package.name)),
        ("Standard", _e(facts.standard + (f" {facts.edition} Edition" if facts.edition else ""))),
        ("Exported for", _e(made_for)),
        ("Paths", _e(", ".join(f"{s.path}: {report.outcome(s.path)}" for s in report.sheets))),
    ])
    title = f"What {report.profile.label} will record: {report.package.name}"
    sheets = "".join(_sheet(report, s) for s in report.sheets)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head><body><main>"
            f"<h1>{_e(title)}</h1><table><caption>Summary</caption>{summary}</table>"
            f"{_warnings(report)}<h2>What the LMS will record, path by path</h2>{sheets}"
            f"{_switches(report)}</main></body></html>\n")

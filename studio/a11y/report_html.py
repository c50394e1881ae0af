"""The conformance report as one self-contained HTML page, laid out as a VPAT 2.5 "INT"
(International Edition, Information Technology Industry Council) report: the product's
facts, the evaluation methods, the standards it covers, then the WCAG 2.2 report in three
tables (Level A, Level AA, Level AAA) with the columns Criteria | Conformance Level |
Remarks and Explanations, each row naming its EN 301 549 V3.2.1 clause and, for a WCAG 2.0
criterion, its Revised Section 508 provision (36 CFR 1194, E205.4).

The page is accessible itself (WCAG 2.2 AA): a language, one ``h1`` and ordered headings,
tables with captions and header cells with ``scope`` (1.3.1), verdicts in words, not colour
alone (1.4.1), text contrast above 4.5:1 (1.4.3), no script, no external file: it works
offline and prints (the PDF is made from it). Same report, same bytes.
"""

from __future__ import annotations

import re
from html import escape

from studio.a11y.criteria import MANUAL, WCAG22_NEW
from studio.a11y.findings import Finding
from studio.a11y.report import PACKAGE, Report
from studio.a11y.verdicts import LABELS, NEEDS_STATEMENT, CriterionResult

# Criteria WCAG 2.1 added to WCAG 2.0 (Level A and AA): the Revised Section 508 Standards
# incorporate WCAG 2.0 only, so these (and those new in 2.2) name no 508 provision.
WCAG21_NEW = frozenset({"1.3.4", "1.3.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13", "2.1.4",
                        "2.5.1", "2.5.2", "2.5.3", "2.5.4", "4.1.3"})
OUTCOME_WORDS = {"fail": "Fails", "partial": "Partly", "review": "To review",
                 "pass": "Passes", "not-applicable": "Not applicable"}
TABLES = (("A", "Table 1: Success Criteria, Level A"),
          ("AA", "Table 2: Success Criteria, Level AA"),
          ("AAA", "Table 3: Success Criteria, Level AAA (advisory: not counted)"))
STANDARDS = (
    ("Web Content Accessibility Guidelines 2.2 (W3C Recommendation, 2023)",
     "Level A (Yes), Level AA (Yes), Level AAA (No: 3.1.5 Reading Level shown as advice)"),
    ("EN 301 549 Accessibility requirements for ICT products and services V3.2.1 (2021-03)",
     "Yes: chapter 9, Web (the clauses matching the WCAG criteria)"),
    ("Revised Section 508 standards (36 CFR Part 1194, 2017)",
     "Yes: E205.4, web content, through the WCAG 2.0 Level A and AA criteria"),
)
TERMS = (
    ("Supports", "The course meets the criterion without known defects, by the evidence "
                 "listed or the author's statement."),
    ("Partially Supports", "Some content of the course does not meet the criterion."),
    ("Does Not Support", "Most content does not meet the criterion, or a check found a "
                         "defect: the evidence names the item and what to do."),
    ("Not Applicable", "The course has no content the criterion is about."),
    ("Needs your statement", "No tool decides the criterion, or a check found something a "
                             "person must judge: the author states the verdict in the "
                             "studio and the statement is carried into later reports."),
)
DISCLAIMER = (
    "This report describes the course named above as built on the date given, checked by "
    "the automated and author-side checks listed under Evaluation Methods Used and by the "
    "statements its author recorded. Automated checks find many, not all, barriers; a "
    "verdict of Supports rests on the evidence shown and is no guarantee that every learner "
    "can use the course. The learning management system that delivers the course, its "
    "pages and its own player settings are outside this report. The report is provided as "
    "is, for information; it is not a legal opinion on conformance to any law or contract.")

STYLE = """
body{font:16px/1.5 system-ui,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:64rem;
padding:0 1rem;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
thead th{background:#f0f0f0;overflow-wrap:normal}
td p{margin:0 0 .3rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
ul{margin:.2rem 0;padding-left:1.2rem}
.also{display:block;font-weight:400;font-size:.9em}
.supports{color:#0b6b0b;font-weight:700}.partially-supports{color:#6b4700;font-weight:700}
.does-not-support{color:#a00000;font-weight:700}.not-applicable{color:#1b1b1b;font-weight:700}
.needs-statement{color:#0b4f9c;font-weight:700}
.fail{color:#a00000;font-weight:700}.partial{color:#6b4700;font-weight:700}
.review{color:#0b4f9c;font-weight:700}.pass{color:#0b6b0b;font-weight:700}
@media (max-width:30rem){body{margin:1rem auto;padding:0 .5rem}th,td{padding:.2rem}}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:10pt}thead{display:table-header-group}
tr{page-break-inside:avoid}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f'<tr><th scope="row">{_e(k)}</th><td>{v}</td></tr>' for k, v in rows)


def _facts(report: Report) -> str:
    facts = report.facts
    name = _e(facts.name)
    if facts.language:
        name = f'<span lang="{_e(facts.language)}">{name}</span>'
    checked = (f"the package {facts.file} ({facts.standard or 'HTML5'})"
               if facts.source == PACKAGE else f"the project {facts.file}")
    notes = (f"Checked: {checked}. Course language: {facts.language or 'not set'}. "
             + (f"Player run in {facts.engine}." if facts.engine
                else "The player was not run: player criteria rest on statements only."))
    methods = "".join(f"<li>{_e(m)}</li>" for m in facts.methods) or "<li>None.</li>"
    rows = [
        ("Name of Product/Version", f"{name}, version {_e(facts.version or 'not set')}"),
        ("Report Date", _e(facts.date or "not dated")),
        ("Product Description", _e(facts.description or "An e-learning course.")),
        ("Contact Information", _e(facts.author or "not given")),
        ("Notes", _e(notes)),
        ("Evaluation Methods Used", f"<ul>{methods}</ul>"),
    ]
    return f"<table><caption>About this report</caption>{_rows(rows)}</table>"


def _summary(report: Report) -> str:
    body = "".join(f'<tr><th scope="row"><span class="{_e(v)}">{_e(LABELS[v])}</span></th>'
                   f"<td>{count}</td></tr>" for v, count in report.summary().items())
    return ("<table><caption>Verdicts of the Level A and AA criteria</caption><thead><tr>"
            '<th scope="col">Conformance Level</th><th scope="col">Criteria</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _standards() -> str:
    body = "".join(f'<tr><th scope="row">{_e(s)}</th><td>{_e(i)}</td></tr>'
                   for s, i in STANDARDS)
    return ("<h2>Applicable Standards/Guidelines</h2><table><caption>Standards and guidelines "
            'this report covers</caption><thead><tr><th scope="col">Standard/Guideline</th>'
            f'<th scope="col">Included in Report</th></tr></thead><tbody>{body}</tbody></table>')


def _terms() -> str:
    entries = "".join(f"<dt><strong>{_e(t)}</strong></dt><dd>{_e(d)}</dd>" for t, d in TERMS)
    return f"<h2>Terms</h2><dl>{entries}</dl>"


def _also(result: CriterionResult) -> str:
    c = result.criterion
    parts = [f"EN 301 549: {c.en} (Web)" if c.en else "EN 301 549: no clause (new in WCAG 2.2)"]
    if c.id not in WCAG21_NEW | WCAG22_NEW and not c.advisory:
        parts.append("Revised Section 508: E205.4 (Web)")
    if c.obsolete:
        parts.append("removed from WCAG 2.2; kept for EN 301 549 and Section 508")
    return f'<span class="also">Also applies to: {_e("; ".join(parts))}</span>'


# Findings end with the command that mends them, for the terminal; the page is for buyers.
COMMAND_HINT = re.compile(r"\s*\(studio [^()]*\)")


def _finding(f: Finding, report: Report) -> str:
    where = []
    if f.item:
        where.append(f"item “{report.title_of(f.item)}”")
    if f.state:
        where.append(f"state: {f.state}")
    where.append(f"source: {f.source}")
    return (f'<li><span class="{_e(f.outcome)}">{_e(OUTCOME_WORDS[f.outcome])}</span>: '
            f"{_e(COMMAND_HINT.sub('', f.text))} ({_e('; '.join(where))})</li>")


def _remarks(result: CriterionResult, report: Report) -> str:
    out = []
    s = result.statement
    if s is not None:
        who = f", {s.by}" if s.by else ""
        out.append(f"<p><strong>Author's statement</strong> ({_e(s.date)}{_e(who)}, "
                   f"{_e(LABELS[s.verdict])}): {_e(s.remarks)}</p>")
    if result.items:
        out.append("<p>Items concerned: " + ", ".join(f"“{_e(report.title_of(i))}”"
                                                      for i in result.items) + "</p>")
    if result.findings:
        out.append("<ul>" + "".join(_finding(f, report) for f in result.findings) + "</ul>")
    if not out and result.verdict == NEEDS_STATEMENT:
        why = ("No tool decides this criterion" if result.criterion.decided == MANUAL
               else "No check gave evidence on this criterion in this run")
        out.append(f"<p>{why}: the author has not yet stated what was checked.</p>")
    return "".join(out) or "<p>No evidence.</p>"


def _row(result: CriterionResult, report: Report) -> str:
    c = result.criterion
    return (f'<tr><th scope="row"><a href="{_e(c.url)}">{_e(c.id)} {_e(c.title)}</a> '
            f"(Level {_e(c.level)}){_also(result)}</th>"
            f'<td><span class="{_e(result.verdict)}">{_e(LABELS[result.verdict])}</span></td>'
            f"<td>{_remarks(result, report)}</td></tr>")


def _tables(report: Report) -> str:
    out = ["<h2>WCAG 2.2 Report</h2>"]
    for level, caption in TABLES:
        rows = [r for r in report.results if r.criterion.level == level]
        if not rows:
            continue
        out.append(f"<h3>{_e(caption)}</h3><table><caption>WCAG 2.2 Level {_e(level)}: each "
                   "criterion, its conformance level and the evidence</caption><thead><tr>"
                   '<th scope="col">Criteria</th><th scope="col">Conformance Level</th>'
                   '<th scope="col">Remarks and Explanations</th></tr></thead><tbody>'
                   + "".join(_row(r, report) for r in rows) + "</tbody></table>")
    return "".join(out)


def _other_reports() -> str:
    return ("<h2>EN 301 549 Report</h2><p>Chapter 9, Web: see the WCAG 2.2 report above; "
            "each row names its clause (9.x.x.x). Chapters 4 to 8 and 10 to 13 (hardware, "
            "software, documents outside the web, support services) are outside a course "
            "package and not evaluated.</p>"
            "<h2>Revised Section 508 Report</h2><p>Chapter 5 (501.1) and E205.4, web content: "
            "see the WCAG 2.2 report above; each WCAG 2.0 row names its provision. Chapters "
            "3, 4 and 6 are outside a course package and not evaluated.</p>")


def report_html(report: Report) -> str:
    """The whole report as an HTML5 document (UTF-8 text, English, no script, no external
    resource; the criteria link to "Understanding WCAG 2.2"; items named by their titles,
    no command lines); the same report gives the same text."""
    title = f"Accessibility Conformance Report: {report.facts.name}"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head><body><main>"
            f"<h1>{_e(title)}</h1><p>Based on the VPAT® 2.5 International Edition layout "
            f"(WCAG 2.2, EN 301 549, Revised Section 508).</p>"
            f"{_facts(report)}{_summary(report)}{_standards()}{_terms()}{_tables(report)}"
            f"{_other_reports()}<h2>Legal Disclaimer</h2><p>{_e(DISCLAIMER)}</p>"
            f"</main></body></html>\n")

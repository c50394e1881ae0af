"""The conformance report's page passes axe-core itself (every rule, at the desktop width and
at 320 CSS px), and the whole check of the sample course, with the real author, media and
player checks in headless Chromium, finds no failure, lists every criterion, gives the same
bytes twice and stays within its time budget."""

from __future__ import annotations

import json
import time

from a11y_fakes import AUTHOR, LOW_CONTRAST, MEDIA, PLAYER
from player_harness import NODE_MODULES

from studio.a11y.criteria import CRITERIA
from studio.a11y.findings import PARTIAL, Finding
from studio.a11y.report import ProductFacts, build_report
from studio.a11y.report_html import report_html
from studio.a11y.statements import Statement
from studio.media.sample import build_sample
from studio.twin.a11y_report import check_accessibility
from studio.twin.engine import ChromiumEngine

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
BUDGET_S = 60  # the sample course's whole report on this machine


def violations(page, html: str) -> list[dict]:
    page.set_content(html)
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")


def test_the_report_page_passes_axe(page):
    findings = [*AUTHOR, *MEDIA, *PLAYER, LOW_CONTRAST,
                Finding("2.4.4", PARTIAL, "One link reads 'more'", item="itm_p", state="page")]
    statement = Statement("1.3.3", "supports", "Checked every prompt.", "2026-11-20", "A. D.")
    report = build_report(ProductFacts("Safety <basics>", "2.1", language="de",
                                       file="S.course", date="2026-11-02"),
                          findings, (statement,))
    html = report_html(report)
    assert violations(page, html) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert violations(page, html) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1


def test_the_sample_course_has_no_automated_failure(page, tmp_path):
    """Runs the real checks (the author, media and player modules); the report of the sample
    lists every criterion, fails none, is the same twice and takes at most BUDGET_S."""
    build_sample(tmp_path / "Sample.course").close()
    with ChromiumEngine() as engine:
        started = time.monotonic()
        report = check_accessibility(tmp_path / "Sample.course", engine=engine)
        elapsed = time.monotonic() - started
        again = check_accessibility(tmp_path / "Sample.course", engine=engine)
    data = report.to_json()
    assert [row["id"] for row in data["criteria"]] == [c.id for c in CRITERIA]
    failing = [(f.criterion, f.text) for r in report.results for f in r.findings
               if f.outcome == "fail"]
    assert failing == []
    assert json.dumps(data) == json.dumps(again.to_json())
    assert report_html(report) == report_html(again)
    assert elapsed <= BUDGET_S, f"the sample's report took {elapsed:.1f} s"
    assert violations(page, report_html(report)) == []

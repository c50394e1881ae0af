"""The X-ray report page passes axe-core (every rule, at the desktop width and at 320 CSS px),
draws every plot from the inlined plotly.js with no request leaving the page, and its plots
carry the drop-off and the flagged questions."""

from __future__ import annotations

from player_harness import NODE_MODULES
from xray_report_fixture import report_course, report_xray

from studio.xray.report_html import report_html

AXE = NODE_MODULES / "axe-core" / "axe.min.js"


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")


def test_the_report_page_draws_offline_and_passes_axe(page, tmp_path):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    target = tmp_path / "report.html"
    target.write_text(report_html(report_xray(), report_course()), encoding="utf-8")
    page.goto(target.as_uri())
    page.wait_for_function("document.querySelectorAll('.plotly-graph-div .main-svg').length"
                           " >= 7")
    assert requests == [target.as_uri()]
    texts = page.evaluate("""() => [...document.querySelectorAll('#xray-plot-1 text')]
                              .map(t => t.textContent)""")
    assert "drop-off 40 s" in texts and "44 rewinds" in texts
    assert violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_timeout(300)  # plotly redraws responsive plots on resize
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1

"""The accessibility conformance report of the sample course, against a bare axe-core run.

The sample course is built and checked as `studio a11y` checks it (author checks, media
analysis, an HTML5 export with the media as imported, the player audit in every state), then
the report is written as HTML and as a PDF/UA-1 file. Beside it, in the same run, the same
HTML5 package's first page is loaded in Chromium and axe-core run on it once: what a single
page's audit costs on this machine. Target: the whole report <= 60 s. Exits 1 when the target
is missed or the report is not the same bytes twice.

    python bench/bench_a11y.py [--engine qt|chromium]   (default: qt, the product's engine)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.a11y.report_html import report_html  # noqa: E402
from studio.a11y.report_pdf import report_pdf  # noqa: E402
from studio.export.exporter import export_course  # noqa: E402
from studio.export.package import ExportOptions  # noqa: E402
from studio.media.sample import build_sample  # noqa: E402
from studio.store import Project  # noqa: E402
from studio.twin.a11y_report import check_accessibility, player_engine  # noqa: E402
from studio.twin.engine import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from studio.twin.server import TwinServer  # noqa: E402

TARGET_S = 60.0
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def bare_axe(project: Path, root: Path) -> float:
    """Seconds to load the sample's HTML5 export's first page in Chromium and run axe once
    (the browser's start left out)."""
    from playwright.sync_api import sync_playwright

    archive = root / "bare.zip"
    with Project.open(project) as opened:
        export_course(opened, ExportOptions("html", preset="original"), archive)
    with zipfile.ZipFile(archive) as package:
        package.extractall(root / "bare")
    with TwinServer() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(server.mount("bare", root / "bare") + "index.html")
        page.wait_for_function("!!(window.CoursePlayer && window.CoursePlayer.app)")
        page.add_script_tag(path=str(AXE))
        page.evaluate("async () => (await axe.run(document)).violations.length")
        elapsed = time.perf_counter() - started
        browser.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("qt", "chromium"), default="qt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-a11y-") as work:
        root = Path(work)
        project = root / "Sample.course"
        build_sample(project).close()
        engine = player_engine(args.engine)
        try:
            cpu, started = time.process_time(), time.perf_counter()
            report = check_accessibility(project, engine=engine)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            again = check_accessibility(project, engine=engine)
        finally:
            engine.close()
        started = time.perf_counter()
        page = report_html(report)
        (root / "report.html").write_text(page, encoding="utf-8")
        html_s = time.perf_counter() - started
        started = time.perf_counter()
        report_pdf(report, root / "report.pdf")
        pdf_s = time.perf_counter() - started
        same = page == report_html(again)
        bare = bare_axe(project, root)
    summary = " · ".join(f"{k} {v}" for k, v in report.summary().items())
    findings = sum(len(r.findings) for r in report.results)
    print(f"sample course: {findings} findings; {summary}; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"{'measure':44} {'s':>8} {'CPU s':>8} {'target s':>9} {'ratio':>7}")
    ok = elapsed <= TARGET_S
    print(f"{'report (check_accessibility, ' + engine.name + ')':44} {elapsed:8.2f} {cpu:8.2f} "
          f"{TARGET_S:9.0f} {elapsed / TARGET_S:7.2f}  {'ok' if ok else 'MISSED'}")
    print(f"{'  writing the page (HTML)':44} {html_s:8.3f}")
    print(f"{'  writing the PDF (PDF/UA-1)':44} {pdf_s:8.2f}")
    print(f"{'bare axe-core run, first page, same package':44} {bare:8.2f}          "
          f"(reference: the report is {elapsed / bare:.1f}x one page's audit)")
    print(f"same bytes on a re-run: {'yes' if same else 'NO'}")
    return 0 if ok and same else 1


if __name__ == "__main__":
    sys.exit(main())

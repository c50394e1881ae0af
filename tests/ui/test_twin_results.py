"""The twin's results dialog: verdict, warnings first with failures marked, one sheet per path,
and "Save report…" copying the HTML the run wrote."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.twin_check import TwinOutcome
from studio.ui.twin_results import FAIL_MARK, WARN_MARK, TwinResultsDialog

REPORT = {
    "ok": False, "package": "/tmp/Safety-scorm12.zip",
    "lms": {"name": "cornerstone", "label": "Cornerstone OnDemand", "version": "2026.11"},
    "warnings": [
        {"code": "suspend-size", "severity": "warning", "path": "complete",
         "message": "suspend data 91 % of the limit"},
        {"code": "score-after-status", "severity": "failure", "path": "retry",
         "message": "score written after status"},
        {"code": "suspend-size", "severity": "warning", "path": "retry",
         "message": "suspend data 91 % of the limit"}],
    "paths": [
        {"path": "complete", "ok": True, "outcome": "warning", "completion": "completed",
         "success": "passed",
         "score": {"raw": 100, "max": 100, "scaled": 1.0}, "total_time_s": 65.2,
         "interactions": [{"id": "q1", "type": "choice", "response": "a", "result": "correct"}],
         "resume": {"delivered": None, "resumed_at": None},
         "suspend_data": {"size": 3727, "limit": 4096}, "differences": [], "problems": []},
        {"path": "retry", "ok": False, "outcome": "fail", "completion": "incomplete",
         "success": "failed",
         "score": {"raw": 0, "max": 100, "scaled": 0.0}, "total_time_s": 12,
         "interactions": [], "resume": {"delivered": True, "resumed_at": "itm_2"},
         "suspend_data": {"size": 10, "limit": 4096},
         "differences": ["success: failed, intended passed"], "problems": []}],
}


def dialog_for(qtbot, tmp_path, report=REPORT, html=True) -> TwinResultsDialog:
    folder = tmp_path / "run"
    folder.mkdir()
    page = folder / "report.html"
    if html:
        page.write_text("<html>the twin's report</html>", encoding="utf-8")
    dialog = TwinResultsDialog(TwinOutcome(report, 1, page if html else None, folder))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_verdict_the_failures_first_and_a_sheet_per_path(qtbot, tmp_path):
    dialog = dialog_for(qtbot, tmp_path)
    assert dialog.windowTitle() == "What Cornerstone OnDemand will record"
    assert dialog.verdict.text() == ("✖ Cornerstone OnDemand will not record what the course "
                                     "intends on retry; 3 warnings.")
    lines = [dialog.warnings.item(row).text() for row in range(dialog.warnings.count())]
    assert lines == [f"{FAIL_MARK} score written after status [retry]",
                     f"{WARN_MARK} suspend data 91 % of the limit [complete, retry]"]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        f"{WARN_MARK} complete", f"{FAIL_MARK} retry"]
    complete = dialog.tab("complete")
    assert complete.rows["Completion"].text() == "completed"
    assert complete.rows["Score"].text() == "raw 100 · scaled 1 · max 100"
    assert complete.rows["Total time"].text() == "1 min 05 s"
    assert complete.rows["Suspend data"].text() == "3,727 of 4,096 characters (91%)"
    assert complete.rows["Resume"].text() == "not relaunched on this path"
    assert [complete.interactions.item(0, c).text() for c in range(4)] == [
        "q1", "choice", "a", "correct"]
    retry = dialog.tab("retry")
    assert retry.rows["Not as intended"].text() == "success: failed, intended passed"
    assert retry.rows["Resume"].text() == "delivered: the learner is back at itm_2"
    assert dialog.tab("long-course") is None


def test_save_report_copies_the_html_and_closing_forgets_the_run(qtbot, tmp_path):
    dialog = dialog_for(qtbot, tmp_path)
    saved = dialog.save_report(tmp_path / "for-the-team")
    assert saved == tmp_path / "for-the-team.html"
    assert saved.read_text(encoding="utf-8") == "<html>the twin's report</html>"
    assert dialog.verdict.text().endswith(f"Report saved: {saved}")
    missing = dialog.save_report(tmp_path / "no-such-folder" / "r.html")
    assert missing is None and "The report was not saved" in dialog.verdict.text()
    run_folder = dialog.outcome.folder
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not run_folder.exists()


def test_a_clean_report_says_so(qtbot, tmp_path):
    report = {**REPORT, "ok": True, "warnings": [],
              "paths": [{**REPORT["paths"][0], "outcome": "ok"}]}
    dialog = dialog_for(qtbot, tmp_path, report, html=False)
    assert dialog.verdict.text() == ("✔ Cornerstone OnDemand will record what the course "
                                     "intends on every path checked.")
    assert dialog.warnings.item(0).text().startswith("No warnings")
    assert not dialog.save_button.isEnabled()

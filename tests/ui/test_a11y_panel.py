"""The Accessibility tab, driven through its widgets: issues by criterion re-checked on a
worker after each edit (newest wins), "Go to item" selecting the item everywhere, the
author's statements (one undo step), the full check as a job in a child process, and the
export dialog's accessibility report choice.

The author checks and the command-line report are stood in for by small fakes built from the
real vocabulary (studio.a11y.findings / verdicts); what they stand for is named in each."""

from __future__ import annotations

import json
import sys
import textwrap
import threading
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW, Finding
from studio.a11y.verdicts import judge_all
from studio.commands import rename
from studio.model import Item
from studio.ui import a11y_jobs
from studio.ui.a11y_panel import CRITERIA_VIEW, ISSUES_VIEW
from studio.ui.a11y_statement_dialog import StatementDialog

MARK = "TODO"  # the fake author check fails 1.1.1 for an item titled with it


class FakeAuthor:
    """Stands for studio.a11y.author: a picture check (1.1.1) on each item's title, and a
    course-wide REVIEW (1.3.3). Records the thread of every call; ``gate`` holds item
    checks until set."""

    def __init__(self):
        self.threads: list[int] = []
        self.item_calls: list[str] = []
        self.gate = threading.Event()
        self.gate.set()

    def _one(self, item) -> list[Finding]:
        if item.title.startswith(MARK):
            return [Finding("1.1.1", FAIL, f"“{item.title}”: a picture has no description; "
                                           "describe it or mark it decorative.", item.id)]
        return [Finding("1.1.1", PASS, f"“{item.title}”: every picture is described.",
                        item.id)]

    def course_findings(self, course, assets=None):
        self.threads.append(threading.get_ident())
        found = [f for item in course.items() for f in self._one(item)]
        found.append(Finding("1.3.3", REVIEW, "Instructions may refer to shape or colour: "
                                              "read them once."))
        found.append(Finding("1.2.4", NOT_APPLICABLE, "No live media."))
        return found

    def item_findings(self, course, item_id):
        self.threads.append(threading.get_ident())
        self.item_calls.append(item_id)
        self.gate.wait(10)
        return self._one(course.find(item_id))


@pytest.fixture(autouse=True)
def author(monkeypatch):
    fake = FakeAuthor()
    module = types.ModuleType("studio.a11y.author")
    module.course_findings, module.item_findings = fake.course_findings, fake.item_findings
    monkeypatch.setitem(sys.modules, "studio.a11y.author", module)
    return fake


@pytest.fixture
def panel(qtbot, author, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Y,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    shown = window.accessibility
    qtbot.waitUntil(lambda: window.side.currentWidget() is shown and not shown.rechecker.busy)
    qtbot.waitUntil(lambda: "issue" in shown.summary.text())
    return shown


def first_item(window) -> Item:
    return next(item for lesson in window.session.course().lessons() for item in lesson.items)


def rows(panel) -> dict[str, list[tuple[str, str, str]]]:
    """Top rows' first column -> their children's three columns."""
    tree, shown = panel.tree, {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        shown[top.text(0)] = [tuple(top.child(j).text(c) for c in range(3))
                              for j in range(top.childCount())]
    return shown


def settled(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.rechecker.busy and not panel._pending.isActive())


def test_an_edit_is_rechecked_on_a_worker_and_listed_by_criterion(qtbot, window, panel, author):
    assert list(rows(panel)) == ["1.3.3 Sensory Characteristics"]
    item = first_item(window)
    window.session.run(rename, item.id, f"{MARK} {item.title}")
    settled(qtbot, panel)
    shown = rows(panel)
    assert list(shown) == ["1.1.1 Non-text Content", "1.3.3 Sensory Characteristics"]
    top = panel.tree.topLevelItem(0)
    assert (top.text(1), top.text(2)) == ("A", "Does Not Support")
    assert shown["1.1.1 Non-text Content"] == [
        (f"“{MARK} {item.title}”: a picture has no description; describe it or mark it "
         "decorative.", "", "Fails")]
    assert top.child(0).toolTip(0).endswith(f"\nItem: {MARK} {item.title}")
    assert author.item_calls == [item.id]  # only the edited item, not the course again
    assert threading.get_ident() not in author.threads
    assert "2 issues in 2 criteria" in panel.summary.text()
    window.session.undo()
    settled(qtbot, panel)
    assert list(rows(panel)) == ["1.3.3 Sensory Characteristics"]


def test_rechecks_do_not_pile_up_and_the_newest_course_wins(qtbot, window, panel, author):
    item = first_item(window)
    before = panel.rechecker.runs
    author.gate.clear()  # the first re-check hangs on the worker
    window.session.run(rename, item.id, f"{MARK} one")
    qtbot.waitUntil(lambda: len(author.item_calls) == 1)
    for n in range(5):  # the window goes on editing while the worker is busy
        assert window.session.run(rename, item.id, f"{MARK} {n}").ok
        qtbot.wait(5)
    assert panel.rechecker.runs == before + 1  # still the first one running
    window.session.run(rename, item.id, "Described at last")
    author.gate.set()
    settled(qtbot, panel)
    # the first, then one for all the edits made meanwhile
    assert panel.rechecker.runs == before + 2
    assert list(rows(panel)) == ["1.3.3 Sensory Characteristics"]


def test_go_to_item_selects_it_in_outline_timeline_and_inspector(qtbot, window, panel):
    lessons = window.session.course().lessons()
    item = lessons[-1].items[-1]  # another lesson than the one shown at opening
    assert window.timeline.lesson_id != lessons[-1].id
    window.session.run(rename, item.id, f"{MARK} last")
    window.side.setCurrentWidget(panel)
    settled(qtbot, panel)
    child = panel.tree.topLevelItem(0).child(0)
    panel.tree.setCurrentItem(child)
    assert panel.go_button.isEnabled()
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    assert window.session.selected == item.id
    assert window.outline.tree.currentIndex() == window.outline.model.index_of_id(item.id)
    qtbot.waitUntil(lambda: window.timeline.lesson_id == lessons[-1].id)
    assert window.side.currentWidget() is window.inspector
    qtbot.waitUntil(lambda: window.inspector.shown == item.id)
    qtbot.waitUntil(lambda: window.inspector.isAncestorOf(QApplication.focusWidget()))
    assert QApplication.focusWidget().accessibleName() == "Title"  # ready to fix it
    # back with the keyboard, Enter on a row goes too
    window.session.select(lessons[0].id)
    qtbot.keyClick(window, Qt.Key.Key_Y,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.side.currentWidget() is panel and panel.tree.hasFocus()
    assert panel.tree.currentItem().text(0) == child.text(0)  # the row is kept
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.session.selected == item.id


def test_a_statement_is_stored_as_one_undo_step_and_shown(qtbot, window, panel):
    panel.view.setCurrentIndex(panel.view.findData(CRITERIA_VIEW))
    tops = {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i)
            for i in range(panel.tree.topLevelItemCount())}
    assert len(tops) == 57  # every criterion of the report, the advisory one too
    assert tops["1.2.4 Captions (Live)"].text(2) == "Not Applicable"
    panel.tree.setCurrentItem(tops["1.2.4 Captions (Live)"])
    assert not panel.state_button.isEnabled()  # decided by the checks
    panel.tree.setCurrentItem(tops["1.3.3 Sensory Characteristics"])
    assert tops["1.3.3 Sensory Characteristics"].text(2) == "Needs your statement"
    assert panel.state_button.isEnabled()
    dialogs = []

    def answer():
        dialog = QApplication.activeModalWidget()
        dialogs.append(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert dialog.verdict.currentIndex() == -1 and not ok.isEnabled()  # none preselected
        dialog.verdict.setFocus()
        qtbot.keyClick(dialog.verdict, Qt.Key.Key_Down)
        assert dialog.verdict.currentData() == "supports" and ok.isEnabled()
        ok.click()  # no remarks: said in the dialog, which stays
        assert dialog.isVisible() and "needs remarks" in dialog.message.text()
        dialog.remarks.setPlainText("Every instruction names the control by its label.")
        dialog.by.setText("A. Designer")
        ok.click()

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(panel.state_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.session.course().settings.a11y_statements))
    assert isinstance(dialogs[0], StatementDialog)
    stated = window.session.course().settings.a11y_statements[0]
    assert (stated.criterion, stated.verdict, stated.by) == ("1.3.3", "supports", "A. Designer")
    settled(qtbot, panel)
    top = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(i).text(0).startswith("1.3.3"))
    assert top.text(2) == "Supports"
    assert top.child(top.childCount() - 1).text(0).startswith(
        f"Your statement ({stated.date}, A. Designer): Every instruction")
    assert window.session.project.history.undo_name() == "Accessibility statement"
    panel.view.setCurrentIndex(panel.view.findData(ISSUES_VIEW))
    assert list(rows(panel)) == []  # the statement answers what asked for a look
    window.session.undo()
    assert window.session.course().settings.a11y_statements == ()
    settled(qtbot, panel)
    assert list(rows(panel)) == ["1.3.3 Sensory Characteristics"]


FAKE_CLI = textwrap.dedent('''
    import json, sys, time
    args = sys.argv[1:]
    if "--sleep" in args:
        time.sleep(60)
    if "--fail" in args:
        print("studio: the package has no launch file", file=sys.stderr)
        sys.exit(2)
    print("30% Checking the player", file=sys.stderr, flush=True)
    print("80% Checking the media", file=sys.stderr, flush=True)
    if "--html" in args:
        open(args[args.index("--html") + 1], "w").write("<html lang=en></html>")
    print(open(args[0]).read())
''')


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Stands for `studio a11y SRC --json …`: prints the report of planted findings (a
    player failure on 2.5.8 and an author one) with progress lines on stderr."""
    calls: list[list[str]] = []
    findings = [Finding("2.5.8", FAIL, "Buttons of 16 by 16 px in the quiz.", None, "pointer",
                        "quiz: question 1"),
                Finding("2.1.2", PASS, "No trap in 12 states.", None, "keyboard"),
                Finding("1.1.1", FAIL, "stale author finding", None, "author")]
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"criteria": [r.as_json() for r in judge_all(findings)]}))
    script = tmp_path / "fake_cli.py"
    script.write_text(FAKE_CLI)
    extra: list[str] = []

    def command(source, project=None, html=None):
        calls.append([str(source), str(project), str(html)])
        tail = ["--html", str(html)] if html else []
        return [sys.executable, str(script), str(report), *tail, *extra]

    monkeypatch.setattr(a11y_jobs, "a11y_command", command)
    return types.SimpleNamespace(calls=calls, extra=extra, report=report)


def test_the_full_check_is_a_job_and_adds_the_player_findings(qtbot, window, panel, cli):
    assert "Run full check" in panel.summary.text()
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    job = panel.job
    assert job is not None and job in window.runner.running  # in the status bar
    assert not panel.check_button.isEnabled()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    assert cli.calls == [[str(window.session.path), "None", "None"]]
    assert panel.view.currentData() == CRITERIA_VIEW
    top = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(i).text(0).startswith("2.5.8"))
    assert top.text(2) == "Does Not Support"
    assert top.child(0).text(2) == "Fails"
    assert top.child(0).toolTip(0).endswith("\nSeen in the player: quiz: question 1")
    assert "Does Not Support 1" in panel.summary.text()
    assert "full check" in panel.summary.text()
    # the report's author findings are the live ones, not the child's copy
    assert not any(f.text == "stale author finding" for f in panel.findings())
    panel.view.setCurrentIndex(panel.view.findData(ISSUES_VIEW))
    assert "2.5.8 Target Size (Minimum)" in rows(panel)


def test_cancelling_the_full_check_stops_the_child(qtbot, window, panel, cli):
    cli.extra.append("--sleep")
    job = panel.run_full_check()
    qtbot.wait(300)
    job.cancel()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10000)
    assert "Full check cancelled." in panel.summary.text()
    assert panel.check_button.isEnabled()


def test_a_full_check_that_fails_says_why_in_one_line(qtbot, window, panel, cli):
    cli.extra.append("--fail")
    panel.run_full_check()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10000)
    assert window.errors[-1] == ("The accessibility check did not finish: the package has no "
                                 "launch file")
    assert panel.summary.text().startswith("The full check did not finish")
    assert not panel.full_done


def test_the_export_dialog_refuses_a_strict_export_that_does_not_support(
        qtbot, window, cli, tmp_path):
    dialog = window.export()
    assert [dialog.a11y.itemData(i) for i in range(dialog.a11y.count())] == [
        "", "report", "strict"]
    assert dialog.a11y.accessibleName() == "Accessibility report"
    target = tmp_path / "out" / "course.zip"
    dialog.target.setText(str(target))
    dialog.a11y.setCurrentIndex(dialog.a11y.findData("strict"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert "the folder" in dialog.status.text() and "does not exist" in dialog.status.text()
    target.parent.mkdir()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.status.text().startswith(
        "The export failed: course.zip was not written: the course does not support "
        "1.1.1 Non-text Content, 2.5.8 Target Size")
    assert "see the report course.a11y.html" in dialog.status.text()
    # no package at the target, no temporary left: the report only, as the CLI leaves it
    assert [p.name for p in target.parent.iterdir()] == ["course.a11y.html"]
    checked = Path(cli.calls[0][0])
    assert checked.name == "course.zip" and cli.calls[0][1] == str(window.session.path)
    dialog.a11y.setCurrentIndex(dialog.a11y.findData("report"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert target.is_file() and (target.parent / "course.a11y.html").is_file()
    assert "Accessibility: Supports" in dialog.status.text()
    assert "Report: course.a11y.html" in dialog.status.text()
    dialog.reject()


def test_the_panel_and_the_statement_dialog_name_their_controls_in_tab_order(
        qtbot, window, panel):
    from a11y_audit import audit, tab_order_problems, tab_stops, unnamed_controls

    assert unnamed_controls(panel) + tab_order_problems(panel) == []
    stops = tab_stops(panel)
    assert [w for w in (panel.view, panel.check_button, panel.tree) if w in stops] == [
        panel.view, panel.check_button, panel.tree]
    panel.view.setCurrentIndex(panel.view.findData(CRITERIA_VIEW))
    panel.tree.setCurrentItem(next(
        panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(i).text(0).startswith("1.3.3")))
    assert panel.go_button.isVisible() and panel.state_button.isEnabled()
    dialog = panel.state()
    qtbot.waitUntil(dialog.isVisible)
    assert audit(dialog) == []
    dialog.reject()


def test_the_statement_dialog_hints_at_its_own_criterion_and_presets_no_verdict(
        qtbot, window):
    from studio.a11y.criteria import BY_ID

    dialog = StatementDialog(window.session, BY_ID["2.4.3"])
    qtbot.addWidget(dialog)
    hint = dialog.remarks.placeholderText()
    assert "Focus Order" in hint and "colour" not in hint
    assert dialog.verdict.currentIndex() == -1
    assert dialog.verdict.placeholderText() == "Choose a conformance level"
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not dialog.store() and window.session.course().settings.a11y_statements == ()


def test_findings_of_removed_items_go_at_once(qtbot, window, panel, author, cli):
    from studio.commands import remove

    item = first_item(window)
    lesson = next(lesson for lesson in window.session.course().lessons()
                  if item in lesson.items)
    window.session.run(rename, item.id, f"{MARK} {item.title}")
    settled(qtbot, panel)
    cli.report.write_text(json.dumps({"criteria": [r.as_json() for r in judge_all([
        Finding("1.4.3", FAIL, "Grey on white, 1.6:1, on the first slide.", item.id, "media")])]}))
    panel.run_full_check()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    panel.view.setCurrentIndex(panel.view.findData(ISSUES_VIEW))
    assert {"1.1.1 Non-text Content", "1.4.3 Contrast (Minimum)"} <= set(rows(panel))
    author.gate.clear()  # no re-check may answer before the list drops them
    try:
        assert window.session.run(remove, lesson.id).ok
        qtbot.waitUntil(lambda: not panel._pending.isActive())
        shown = rows(panel)
        assert "1.1.1 Non-text Content" not in shown and "1.4.3 Contrast (Minimum)" not in shown
        assert all(f.item is None or window.session.course().find(f.item) is not None
                   for f in panel.findings())
    finally:
        author.gate.set()
    settled(qtbot, panel)


def test_the_export_dialog_remembers_the_accessibility_choice_per_course(
        qtbot, window, tmp_path, sample):
    from studio.commands.publish import publish_settings

    dialog = window.export()
    assert dialog.a11y.currentData() == ""
    dialog.target.setText(str(tmp_path / "course.zip"))
    dialog.a11y.setCurrentIndex(dialog.a11y.findData("report"))
    dialog.start().cancel()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    dialog.reject()
    assert publish_settings(window.session.project).a11y == "report"
    again = window.export()
    assert again.a11y.currentData() == "report"
    again.reject()


def test_a_strict_export_refuses_an_uncaptioned_clip_as_the_command_line_does(
        qtbot, window, sample, tmp_path):
    """The real check: ``studio a11y PKG --project DIR --json`` in a child process on a course
    with a clip that has sound and no captions (1.2.2 is the project's author finding, so
    the package is checked with its project's checks)."""
    from cli_runner import studio

    from tests.ui.conftest import make_clip

    lesson = window.outline.add_lesson("Talks")
    job = window.media_bin.import_paths([make_clip(tmp_path / "talk.mp4", 2.0)], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    dialog = window.export()
    target = tmp_path / "out" / "course.zip"
    target.parent.mkdir()
    dialog.target.setText(str(target))
    dialog.a11y.setCurrentIndex(dialog.a11y.findData("strict"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=600000)
    said = dialog.status.text()
    assert said.startswith("The export failed: course.zip was not written: the course does "
                           "not support 1.2.2 Captions (Prerecorded)"), said
    assert "course.a11y.html" in said
    assert sorted(p.name for p in target.parent.iterdir()) == ["course.a11y.html"]
    dialog.reject()
    cli = tmp_path / "cli" / "course.zip"
    cli.parent.mkdir()
    done = studio("export", sample, "--a11y", "strict", "-o", cli, check=False, timeout=600,
                  env=a11y_jobs.child_env())
    assert done.returncode != 0 and "1.2.2" in done.stderr
    assert not cli.exists()


def test_the_window_checks_an_export_with_exactly_the_command_line_report():
    command = a11y_jobs.a11y_command(Path("course.zip"), Path("D.course"), Path("r.html"))
    assert command[0] == sys.executable
    assert " ".join(command[1:]) == ("-m studio.cli a11y course.zip --project D.course --json "
                                     "--html r.html")

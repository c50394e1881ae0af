"""The author's accessibility statements: stored, undone, carried into the verdicts."""

from __future__ import annotations

import pytest

from studio.a11y.criteria import CRITERIA
from studio.a11y.findings import Finding
from studio.a11y.verdicts import judge_all
from studio.commands.accessibility import remove_statement, set_statement
from studio.errors import InvalidEditError
from studio.store import Project


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "A.course", title="Access") as opened:
        yield opened


def test_a_statement_is_stored_undone_and_judged(project):
    set_statement(project, "1.3.3", "supports", "Instructions name  things by label.",
                  date="2026-11-30", by="A. Designer")
    (stored,) = project.course().settings.a11y_statements
    assert (stored.criterion, stored.verdict, stored.remarks, stored.date, stored.by) == (
        "1.3.3", "supports", "Instructions name things by label.", "2026-11-30", "A. Designer")
    rows = {r.criterion.id: r for r in judge_all([], project.course().settings.a11y_statements)}
    assert rows["1.3.3"].verdict == "supports" and rows["1.3.1"].verdict == "needs-statement"
    set_statement(project, "1.3.3", "partially-supports", "Two slides say 'the red box'.",
                  date="2026-12-01")
    assert [s.verdict for s in project.course().settings.a11y_statements] == [
        "partially-supports"]
    project.undo()
    assert project.course().settings.a11y_statements[0].verdict == "supports"
    remove_statement(project, "1.3.3")
    assert project.course().settings.a11y_statements == ()


@pytest.mark.parametrize("args, message", [
    (("9.9.9", "supports", "x"), "not a WCAG 2.2 success criterion"),
    (("1.3.3", "fine", "x"), "must be one of"),
    (("1.3.3", "supports", "  "), "needs remarks"),
])
def test_a_bad_statement_is_refused_in_one_line_and_changes_nothing(project, args, message):
    with pytest.raises(InvalidEditError, match=message):
        set_statement(project, *args)
    with pytest.raises(InvalidEditError, match="not a date"):
        set_statement(project, "1.3.3", "supports", "x", date="30/11/2026")
    assert project.course().settings.a11y_statements == ()


def test_a_failing_check_outweighs_a_statement():
    rows = {r.criterion.id: r for r in judge_all(
        [Finding("1.4.3", "fail", "Slide 2: 2.1:1", item="itm_2", source="media")],
        [__import__("studio.a11y.statements", fromlist=["Statement"]).Statement(
            "1.4.3", "supports", "Looked fine", "2026-11-30")])}
    assert rows["1.4.3"].verdict == "does-not-support" and rows["1.4.3"].items == ("itm_2",)
    assert rows["1.4.3"].statement is not None


def test_every_a_and_aa_criterion_of_wcag_22_is_listed_once():
    ids = [c.id for c in CRITERIA if not c.advisory and not c.obsolete]
    assert len(ids) == len(set(ids)) == 55
    assert sum(c.level == "A" for c in CRITERIA if not c.obsolete) == 31

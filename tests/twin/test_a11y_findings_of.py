"""From the audit page's answers to findings: problems as found, clean checks summed over the
launches of a package, axe-core rules counted for the criteria their tags name."""

from __future__ import annotations

import pytest

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS
from studio.errors import TwinError
from studio.twin.a11y_player import findings_of, launch_files


def answer(**extra) -> dict:
    base = {"states": ["page p1 (1 of 1)"], "findings": [], "tallies": [],
            "axe": {"violations": [], "passes": {}}, "error": None}
    return {**base, **extra}


def test_clean_checks_are_summed_over_the_launches():
    tally = {"criterion": "2.1.1", "source": "keyboard", "noun": "controls reachable by Tab",
             "count": 4, "states": 2, "per_state": False}
    held = {"criterion": "1.4.10", "source": "reflow", "noun": "no sideways scrolling",
            "count": 1, "states": 1, "per_state": True}
    found = findings_of([("a.html", answer(tallies=[tally, held])),
                         ("b.html", answer(tallies=[tally, held]))])
    texts = {f.criterion: f.text for f in found}
    assert texts["2.1.1"] == "8 controls reachable by Tab in 4 player states."
    assert texts["1.4.10"] == "No sideways scrolling in all 2 player states checked."
    assert all(f.outcome == PASS and f.item is None for f in found)


def test_axe_rules_count_for_the_criteria_their_tags_name():
    violation = {"rule": "color-contrast", "help": "Elements must meet minimum colour contrast",
                 "tags": ["cat.color", "wcag2aa", "wcag143"], "state": "quiz q (2 of 2)",
                 "item": "q", "target": "\"Submit\" (button)"}
    passes = {"color-contrast": {"tags": ["wcag2aa", "wcag143"], "nodes": 9, "states": 2},
              "document-title": {"tags": ["wcag2a", "wcag242"], "nodes": 2, "states": 2}}
    found = findings_of([("index.html", answer(axe={"violations": [violation],
                                                   "passes": passes}))])
    assert [(f.criterion, f.outcome, f.item, f.source) for f in found] == [
        ("1.4.3", FAIL, "q", "axe"), ("2.4.2", PASS, None, "axe")]
    assert "color-contrast" in found[0].text and found[0].state == "quiz q (2 of 2)"


def test_a_launch_without_drag_questions_does_not_outvote_another_with_them():
    na = {"criterion": "2.5.7", "outcome": NOT_APPLICABLE, "text": "No drag.",
          "source": "pointer", "state": "", "item": None}
    drag = {"criterion": "2.5.7", "source": "pointer", "noun": "drag-type question(s)",
            "count": 1, "states": 1, "per_state": False}
    found = findings_of([("a.html", answer(findings=[na])),
                         ("b.html", answer(tallies=[drag]))])
    assert [(f.criterion, f.outcome) for f in found] == [("2.5.7", PASS)]


def test_an_audit_that_stopped_is_an_error():
    with pytest.raises(TwinError, match="stopped: the audit stopped after 3 state"):
        findings_of([("index.html", answer(error="the audit stopped after 3 state(s): x"))])


def test_the_launch_files_of_a_package(tmp_path):
    with pytest.raises(TwinError, match="nothing to launch"):
        launch_files(tmp_path)
    (tmp_path / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    assert launch_files(tmp_path) == ("index.html",)

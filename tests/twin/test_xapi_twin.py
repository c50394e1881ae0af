"""The LMS twin on the sample course exported as Tin Can and as cmi5: the scripted learner's
paths in headless Chromium (one in Qt WebEngine) against the twin's LRS and cmi5 LMS, and what
the LMS keeps after each launch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from browser.lrs_server import StatementValidator

from studio.export.exporter import export_course
from studio.export.lms_profiles import load_profile
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.quiz.types import QUESTION_TYPES
from studio.twin import cmi5_rules as rules
from studio.twin.engine import ChromiumEngine
from studio.twin.journal import PathRun
from studio.twin.lrs import verb
from studio.twin.runner import run_paths
from studio.twin.xapi_lms import run_xapi_paths

pytestmark = pytest.mark.browser

# every interaction type of the registry (a description is no interaction)
INTERACTION_TYPES = {kind.interaction for kind in QUESTION_TYPES.values() if kind.interaction}
# A statement the package sends only at pagehide, with a synchronous XMLHttpRequest: Chrome
# refuses those during page dismissal, so an LMS that loses unload commits never gets it.
SYNC_EXIT = """(function () {
  var params = new URLSearchParams(location.search), sent = false;
  addEventListener("pagehide", function () {
    if (sent) { return; }
    sent = true;
    var statement = { id: crypto.randomUUID(), actor: JSON.parse(params.get("actor")),
      verb: { id: "http://adlnet.gov/expapi/verbs/exited", display: { "en-US": "exited" } },
      object: { objectType: "Activity", id: params.get("activity_id") + "/sync-exit" },
      context: { registration: params.get("registration") } };
    var xhr = new XMLHttpRequest();
    xhr.open("PUT", params.get("endpoint") + "statements?statementId=" + statement.id, false);
    xhr.setRequestHeader("Authorization", params.get("auth"));
    xhr.setRequestHeader("X-Experience-API-Version", "1.0.3");
    xhr.setRequestHeader("Content-Type", "application/json");
    try { xhr.send(JSON.stringify(statement)); } catch (e) { /* refused, as in Chrome */ }
  });
})();
"""


def statements(launch) -> list[dict]:
    return json.loads(launch.kept["statements"])


def everything_kept(run: PathRun) -> list[dict]:
    """The statements the LMS holds at the end of a path, over all its units, once each."""
    found: dict[str, dict] = {}
    for launch in run.launches:
        for statement in statements(launch):
            found.setdefault(statement["id"], statement)
    return list(found.values())


def verbs_of(found: list[dict], object_id: str | None = None) -> list[str]:
    return [rules.verb_name(s) for s in found
            if object_id is None or s["object"]["id"] == object_id]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The sample course as unpacked Tin Can and cmi5 packages (original media)."""
    folder = tmp_path_factory.mktemp("xapi-twin")
    build_sample(folder / "Sample.course").close()
    from studio.store import Project

    out = {}
    with Project.open(folder / "Sample.course") as project:
        for fmt in ("xapi", "cmi5"):
            target = folder / f"{fmt}.zip"
            export_course(project, ExportOptions(format=fmt, preset="original"), target)
            with zipfile.ZipFile(target) as archive:
                archive.extractall(folder / fmt)
            out[fmt] = folder / fmt
    return out


@pytest.fixture(scope="module")
def engine():
    chromium = ChromiumEngine()
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def profile():
    return load_profile("scormcloud")


@pytest.fixture(scope="module")
def tincan_runs(exported, engine, profile, tmp_path_factory) -> dict[str, PathRun]:
    """Tin Can paths on the sample, whose page also sends one statement by synchronous XHR
    at pagehide."""
    package = tmp_path_factory.mktemp("tincan") / "package"
    shutil.copytree(exported["xapi"], package)
    (package / "sync-exit.js").write_text(SYNC_EXIT, encoding="utf-8")
    index = package / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</head>", '<script src="sync-exit.js"></script></head>', 1), encoding="utf-8")
    runs = run_xapi_paths(package, profile, ("complete", "resume", "question-types"), engine)
    return {run.path: run for run in runs}


@pytest.fixture(scope="module")
def cmi5_runs(exported, engine, profile) -> dict[str, PathRun]:
    """cmi5 paths, through the twin's front door (which hands xAPI packages to this twin)."""
    runs = run_paths(exported["cmi5"], profile, ("complete", "retry"), engine)
    return {run.path: run for run in runs}


def test_a_tin_can_learner_completes_and_the_lrs_keeps_the_statements(tincan_runs, exported):
    run = tincan_runs["complete"]
    assert run.standard == "xapi" and run.profile == "scormcloud" and run.problems == ()
    (launch,) = run.launches
    assert launch.problems == () and launch.delivered["entry"] == "ab-initio"
    kept = statements(launch)
    course = kept[0]["object"]["id"]
    assert verbs_of(kept, course) == ["initialized", "completed", "passed", "terminated"]
    passed = next(s for s in kept if verb(s) == "passed")
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1
    answered = [s for s in kept if verb(s) == "answered"]
    assert answered and all("response" in s["result"] for s in answered)
    state = json.loads(launch.kept["state"])
    (resume_document,) = state.values()
    assert resume_document["location"] == "results" and resume_document["completed"] is True
    assert [c.fn for c in launch.calls if c.phase == "live"][:1] == ["statement"]
    assert {c.fn for c in launch.calls} == {"statement", "state"}
    assert all(not c.failed for c in launch.calls)


def test_a_statement_sent_by_synchronous_xhr_at_pagehide_is_not_kept(tincan_runs):
    (launch,) = tincan_runs["complete"].launches
    exit_calls = [c for c in launch.calls if c.fn == "statement" and c.args[0].endswith("/exited")]
    assert [c.phase for c in exit_calls] == ["unload"]
    lost = [m for m in launch.commits if m.seq == exit_calls[0].seq]
    assert [m.kept for m in lost] == [False]
    kept = statements(launch)
    assert "exited" not in [verb(s) for s in kept]
    assert exit_calls[0].args[3] not in {s["id"] for s in kept}  # the statement's id
    # the player's own terminated goes out with fetch keepalive during pagehide: kept
    terminated = [c for c in launch.calls if c.args and c.args[0].endswith("/terminated")]
    assert terminated and terminated[-1].phase == "unload"
    assert verb(kept[-1]) == "terminated"


def test_an_abruptly_closed_tin_can_course_resumes_from_its_state_document(tincan_runs):
    run = tincan_runs["resume"]
    assert [launch.problems for launch in run.launches] == [(), ()]
    first, second = run.launches
    item = run.intent["resume_item"]
    left = json.loads(first.kept["state"])
    assert [doc["location"] for doc in left.values()] == [item]
    assert not any(verb(s) == "terminated" and s["object"]["id"].endswith("sync-exit")
                   for s in statements(first))
    assert second.delivered["entry"] == "resume" and second.delivered["location"] == item
    assert json.loads(second.delivered["suspend_data"])["location"] == item
    assert second.resumed_at == item
    final = json.loads(second.kept["state"])
    assert [doc["location"] for doc in final.values()] == ["results"]
    assert "completed" in verbs_of(statements(second))


def test_every_question_type_is_answered_with_its_response(tincan_runs):
    kept = statements(tincan_runs["question-types"].launches[0])
    added = [s for s in kept if verb(s) == "answered" and "twin_q_" in s["object"]["id"]]
    assert {s["object"]["definition"]["interactionType"] for s in added} == INTERACTION_TYPES
    assert all(s["result"].get("response") not in (None, "") for s in added)


def test_cmi5_sessions_follow_cmi5_and_the_lms_satisfies_the_course(cmi5_runs, exported):
    run = cmi5_runs["complete"]
    assert run.standard == "cmi5" and run.problems == ()
    course_id = exported["cmi5"].joinpath("cmi5.xml").read_text(encoding="utf-8")
    assert len(run.launches) == 3  # one per AU
    for launch in run.launches:
        assert launch.problems == ()
        assert [(c.args, c.error) for c in launch.calls if c.failed] == []  # none refused
    kept = everything_kept(run)
    checker = StatementValidator()
    try:
        assert [checker.problems(s) for s in kept] == [[] for _ in kept]
    finally:
        checker.close()
    for launch in run.launches:  # each unit's record holds its own AU's statements only
        assert {s["object"]["id"] for s in statements(launch) if verb(s) == "launched"} == {
            launch.kept["activity"]}
    sessions = {}
    for s in kept:
        sessions.setdefault(s["context"]["extensions"].get(rules.SESSION_ID), []).append(s)
    for found in sessions.values():
        au = found[0]["object"]["id"]
        au_verbs = verbs_of(found, au)
        assert au_verbs[:2] == ["launched", "initialized"] and au_verbs[-1] == "terminated"
        assert "completed" in au_verbs
        for s in found:
            if rules.is_defined(s, au) and verb(s) in ("completed", "passed", "failed"):
                assert rules.CATEGORY_MOVEON in rules.categories(s)
    satisfied = {s["object"]["id"] for s in kept if rules.verb_name(s) == "satisfied"}
    assert len(satisfied) == 3  # both blocks and the course
    assert all(i in course_id for i in satisfied)
    quiz = [s for s in kept if verb(s) == "passed"]
    assert len(quiz) == 1 and quiz[0]["result"]["score"]["scaled"] >= 0.7


def test_cmi5_retry_fails_then_passes_within_the_registration(cmi5_runs):
    run = cmi5_runs["retry"]
    assert [launch.problems for launch in run.launches] == [()] * len(run.launches)
    kept = everything_kept(run)
    quiz_au = next(s["object"]["id"] for s in kept if verb(s) == "passed")
    assert [v for v in verbs_of(kept, quiz_au) if v in ("failed", "passed")] == [
        "failed", "passed"]
    answered = [s for s in kept if verb(s) == "answered"]
    assert any(s["result"].get("success") is False for s in answered)


# Qt WebEngine runs in a process of its own: the suite's window tests make their own
# QApplication, which an application made here first would stand in for.
QT_RUN = """
import json, sys
from studio.export.lms_profiles import load_profile
from studio.twin.qt_engine import QtEngine
from studio.twin.xapi_lms import run_xapi_paths
with QtEngine() as engine:
    run = run_xapi_paths(sys.argv[1], load_profile("scormcloud"), ("complete",), engine)[0]
print(json.dumps(run.to_json()))
"""


def test_the_qt_engine_runs_the_same_tin_can_path(exported, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", QT_RUN, str(exported["xapi"])],
                          capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    run = PathRun.from_json(done.stdout.strip().splitlines()[-1])
    (launch,) = run.launches
    assert launch.problems == ()
    assert verbs_of(statements(launch))[-1] == "terminated"
    assert "passed" in verbs_of(statements(launch))

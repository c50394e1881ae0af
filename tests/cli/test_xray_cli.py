"""`studio xray`: learner data read from files, an LRS and SCORM reports, then measured."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cli_runner import assert_no_traceback, run_main, studio, studio_process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "xray"))
from lrs_double import LrsDouble  # noqa: E402
from xray_cohort import clip_of, cohort_statements, planted, quiz_of, xray_course  # noqa: E402

DROP_OFF_S = 40.0


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """(project folder, course, statements file, statements) for 1,000 learners."""
    folder = tmp_path_factory.mktemp("xray-cli")
    with xray_course(folder) as project:
        course, path = project.course(), project.path
    statements = cohort_statements(course, learners=1000, drop_off_s=DROP_OFF_S)
    file = folder / "statements.jsonl"
    file.write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
    return path, course, file, statements


def _xray(*args) -> dict:
    return json.loads(studio("xray", *args, "--json", timeout=300).stdout)


def test_a_statements_file_is_read_and_measured(cohort):
    path, course, file, statements = cohort
    found = _xray(path, "--forget", "--statements", file)
    assert found["ingest"]["read"] == len(statements)
    assert found["ingest"]["added"] == found["ingest"]["total"] == len(statements)
    assert found["ingest"]["foreign"] == 0
    assert found["learners"] == 1000
    negative, easy = planted(course)
    flagged = {q["id"]: q["flags"] for q in found["questions"] if q["flags"]}
    assert set(flagged) == {negative, easy}
    assert "negative_discrimination" in flagged[negative] and "too_easy" in flagged[easy]
    video = next(v for v in found["videos"] if v["item"] == clip_of(course).id)
    assert abs(video["drop_off_s"] - DROP_OFF_S) <= 2
    again = _xray(path, "--statements", file)
    assert (again["ingest"]["added"], again["ingest"]["duplicates"]) == (0, len(statements))
    cached = _xray(path)
    assert cached["ingest"]["read"] == 0
    assert {k: v for k, v in cached.items() if k != "ingest"} == {
        k: v for k, v in found.items() if k != "ingest"}


def test_an_lrs_gives_what_the_file_gives(cohort):
    path, course, file, statements = cohort
    from_file = _xray(path, "--forget", "--statements", file)
    with LrsDouble(statements, page_size=500) as lrs:
        from_lrs = _xray(path, "--forget", "--lrs", lrs.endpoint, "--auth", "u:p")
        assert lrs.requests[0]["related_activities"] == "true"
        assert "since" not in lrs.requests[0]
    assert from_lrs["ingest"]["added"] == len(statements)
    assert {k: v for k, v in from_lrs.items() if k != "ingest"} == {
        k: v for k, v in from_file.items() if k != "ingest"}
    with LrsDouble(statements, page_size=500) as lrs:
        incremental = _xray(path, "--lrs", lrs.endpoint, "--auth", "u:p")
        newest = max(s["timestamp"] for s in statements)
        assert lrs.requests[0]["since"][:19] == newest[:19]
    assert (incremental["ingest"]["read"], incremental["ingest"]["added"]) == (0, 0)


def test_summary_and_report_page(cohort, tmp_path):
    path, course, file, _ = cohort
    page = tmp_path / "report.html"
    done = studio("xray", path, "--statements", file, "--html", page, timeout=300)
    negative, easy = planted(course)
    assert "1,000 learners" in done.stdout and "(s)" not in done.stdout
    assert f"Question {negative} in {quiz_of(course).id}" in done.stdout
    assert "negative_discrimination" in done.stdout and "too_easy" in done.stdout
    assert re.search(r"drop-off at 0:(3[89]|4[012])\.", done.stdout)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and not re.search(r"<script[^>]+src=", text)


def test_a_scorm_report_is_read(cohort, tmp_path):
    path, course, _, _ = cohort
    quiz = quiz_of(course)
    lines = ["Learner,Attempt,Interaction ID,Learner Response,Result,Latency"]
    for n in range(30):
        for q in quiz.questions:
            right = (n + len(q.id)) % 3 != 0
            lines.append(f"l{n}@example.org,1,{quiz.id}_{q.id},x,"
                         f"{'correct' if right else 'incorrect'},00:00:05")
    report = tmp_path / "interactions.csv"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _xray(path, "--forget", "--scorm-report", report)
    assert found["ingest"]["added"] == 30 * len(quiz.questions)
    answers = {q["id"]: q["answers"] for q in found["questions"]}
    assert all(answers[q.id] == 30 for q in quiz.questions)


def test_errors_are_one_line(cohort, tmp_path):
    path, _, _, _ = cohort
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "a", "verb": \n', encoding="utf-8")
    done = studio("xray", path, "--statements", bad, check=False)
    assert done.returncode == 1
    assert str(bad) in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = studio("xray", path, "--auth", "u:p", check=False)
    assert done.returncode == 1 and "need --lrs" in done.stderr
    done = studio("xray", path, "--lrs", "http://127.0.0.1:9/xAPI/", "--since", "yesterday",
                  check=False)
    assert done.returncode == 1 and "not an ISO 8601 time" in done.stderr


def test_counts_are_worded_in_the_singular_and_plural(cohort, tmp_path):
    path, _, _, statements = cohort
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(statements[0]) + "\n", encoding="utf-8")
    done = studio("xray", path, "--forget", "--statements", one, timeout=300)
    assert "Read 1 statement: 1 new," in done.stdout
    assert "1 learner, 1 statement" in done.stdout
    assert "(s)" not in done.stdout


def test_a_registration_must_be_a_uuid(cohort):
    path, _, _, _ = cohort
    done = studio("xray", path, "--lrs", "http://127.0.0.1:9/xAPI/", "--registration",
                  "notauuid", check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "--registration: 'notauuid' is not a UUID" in done.stderr


def test_ctrl_c_says_which_sources_were_kept(cohort, tmp_path, monkeypatch):
    from studio.xray import ingest

    path, _, file, statements = cohort
    big = tmp_path / "big.jsonl"
    big.write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    real = ingest.read_statements_file

    def read_then_ctrl_c(*args, **kwargs):
        found = real(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # the person presses Ctrl+C after the first file
        return found

    monkeypatch.setattr(ingest, "read_statements_file", read_then_ctrl_c)
    done = run_main("xray", path, "--forget", "--statements", file, "--statements", big)
    assert done.returncode == 1
    assert done.stderr == (f"studio: cancelled; kept: {file.name} ({len(statements):,} new "
                           f"statements); not read: big.jsonl\n")
    assert ingest.learner_store(path).count() == len(statements)


def test_the_studio_lrs_filters_what_it_is_asked_for(cohort, tmp_path):
    path, _, _, statements = cohort
    args = ["lrs", "start", "--folder", tmp_path / "lrs", "--port", "0", "--password", "pw1"]
    process = studio_process(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = {}
        while "password" not in said:
            line = process.stdout.readline()
            assert line, process.stderr.read()
            name, _, value = line.strip().partition(": ")
            said[name] = value
        endpoint = said["LRS endpoint"]
        other = dict(statements[0], id="00000000-0000-4000-8000-000000000001",
                     object={"id": "https://example.org/another-course"}, context={})
        sent = requests.post(endpoint + "statements", json=statements[:1500] + [other],
                             auth=("studio", "pw1"), timeout=300,
                             headers={"X-Experience-API-Version": "1.0.3"})
        assert sent.status_code == 200, sent.text
        done = studio("xray", path, "--forget", "--lrs", endpoint, "--auth", "studio:pw1",
                      timeout=300)
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert_no_traceback(out + err, args)
    assert "Note:" not in done.stdout and "filter" not in done.stdout
    assert "Read 1,500 statements: 1,500 new, 0 kept already, 0 not about this course." \
        in done.stdout

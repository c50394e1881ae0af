"""run_paths as a job, seen through an engine that answers at once: what it serves, the
configuration each path runs, progress per path, cancelling between paths; and what an
engine hands back when a page runs out of time."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from twin_packages import pages_course, player_package, profile_with

from studio.errors import Cancelled, TwinError
from studio.jobs import CancelToken
from studio.twin.engine import Engine, journal_of, timed_out
from studio.twin.runner import run_paths


class AnsweringEngine(Engine):
    """Reads the run's configuration and the files it names, and answers an empty journal."""

    def __init__(self, cancel_after: CancelToken | None = None):
        self.configs: list[dict] = []
        self.pages: list[bytes] = []
        self.cancel_after = cancel_after

    def run(self, url: str, timeout_s: float) -> dict:
        base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        config_path = parse_qs(urlsplit(url).query)["config"][0]
        with urllib.request.urlopen(base + config_path) as answer:
            config = json.load(answer)
        self.configs.append(config | {"timeout_s": timeout_s})
        for step in config["steps"]:
            with urllib.request.urlopen(base + step["url"].replace("index.html", "course-data.js")
                                        .split("?")[0]) as answer:
                self.pages.append(answer.read())
        with urllib.request.urlopen(base + "/scorm-again/scorm12.min.js") as answer:
            assert answer.status == 200
        if self.cancel_after is not None:
            self.cancel_after.cancel()
        return {"path": config["path"], "standard": config["standard"],
                "profile": config["profile"], "launches": [], "intent": config["intent"]}


def test_each_path_runs_the_configuration_the_page_reads(tmp_path):
    package = player_package(tmp_path / "p", pages_course(3))
    engine = AnsweringEngine()
    seen = []
    profile = profile_with("openedx", supports_interactions=False)
    runs = run_paths(package, profile, ("complete", "long-course"), engine=engine,
                     progress=lambda fraction, message="": seen.append((fraction, message)))
    assert [r.path for r in runs] == ["complete", "long-course"]
    complete, long = engine.configs
    assert complete["standard"] == "scorm12" and complete["launch"] == "iframe"
    lms = complete["lms"]
    assert lms["lesson_mode"] == "" and lms["supports_interactions"] is False
    assert lms["suspend_data_limit"] == 4096  # SCORM 1.2 stores no more
    assert complete["units_total"] == 1 and complete["steps"][0]["url"] == "/pkg-plain/index.html"
    assert long["steps"][0]["url"] == "/pkg-long-course/index.html"
    assert long["timeout_s"] > complete["timeout_s"] + 400  # a thousand items take longer
    assert b"p1_r2" in engine.pages[1] and b"p1_r2" not in engine.pages[0]
    assert seen[0] == (0.0, "Opening the package") and seen[-1] == (1.0, "Done")
    assert (0.5, "Path 2 of 2: long-course") in seen


def test_a_cancelled_run_stops_between_paths(tmp_path):
    package = player_package(tmp_path / "p", pages_course(2))
    token = CancelToken()
    engine = AnsweringEngine(cancel_after=token)
    with pytest.raises(Cancelled):
        run_paths(package, profile_with("scorm12"), ("complete", "retry"), engine=engine,
                  token=token)
    assert len(engine.configs) == 1


def test_a_page_out_of_time_hands_back_its_journal_so_far():
    so_far = json.dumps({"path": "resume", "launches": [], "problems": []})
    assert timed_out(so_far, 90)["problems"] == ["the path did not finish within 90 s"]
    with pytest.raises(TwinError, match="did not start within 90 s"):
        timed_out(None, 90)
    with pytest.raises(TwinError, match="left no journal"):
        journal_of("[1, 2]")

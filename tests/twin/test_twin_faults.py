"""The twin LMS plays a broken LMS for the learner preview: no API, Initialize false, Commit
false; the player inside shows its tracking banner with the reason."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from twin_packages import pages_course, player_package

from studio.errors import TwinError
from studio.export.lms_profiles import load_profile
from studio.twin.runner import FAULTS, start_interactive

REASONS = {"no-api": "no-api", "initialize-false": "initialize-failed",
           "commit-false": "commit-failed"}


def banner_of(url: str) -> dict:
    """What the banner of the player inside the twin page at ``url`` says, after one Next."""
    from playwright.sync_api import expect, sync_playwright

    from studio.twin.engine import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            sco = page.frame_locator("iframe")
            sco.get_by_role("button", name="Next", exact=True).click()
            expect(sco.locator("#tracking-banner")).to_be_visible()
            frame = page.frames[1]
            return {"reason": frame.evaluate("CoursePlayer.app.adapter.status().reason"),
                    "text": sco.locator("#tracking-banner").inner_text(),
                    "calls": page.evaluate("window.twinJournal()")["launches"][0]["calls"]}
        finally:
            browser.close()


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_shows_the_players_banner(tmp_path, chromium, fault):
    package = player_package(tmp_path / "p", pages_course(3))
    server, url = start_interactive(package, load_profile("scorm12"), "twin:", tmp_path / "w",
                                    fault=fault)
    try:
        # a thread of its own: one Playwright session per thread, and the suite's may be alive
        with ThreadPoolExecutor(max_workers=1) as worker:
            seen = worker.submit(banner_of, url).result()
    finally:
        server.close()
    assert seen["reason"] == REASONS[fault]
    assert "Your progress is not being recorded." in seen["text"]
    functions = [c["fn"] for c in seen["calls"]]
    if fault == "no-api":
        assert functions == []
    elif fault == "initialize-false":
        assert functions[0] == "LMSInitialize" and seen["calls"][0]["result"] == "false"
        assert "LMSSetValue" not in functions
    else:
        commits = [c for c in seen["calls"] if c["fn"] == "LMSCommit"]
        assert commits and all(c["result"] == "false" and c["error"] == "101" for c in commits)


def test_an_unknown_fault_is_refused(tmp_path):
    package = player_package(tmp_path / "p", pages_course(1))
    with pytest.raises(TwinError, match="Unknown LMS fault 'lost'"):
        start_interactive(package, load_profile("scorm12"), "twin:", tmp_path / "w", fault="lost")

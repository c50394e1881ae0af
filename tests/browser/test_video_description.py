"""A clip's description is shown under the video as a "Video description" disclosure (a
media alternative, WCAG 2.2 §1.2.3): the bundled sample's welcome clip has one."""

from __future__ import annotations

import zipfile

from player_learner import ScriptedLearner
from playwright.sync_api import expect
from test_player_ui import serious_violations

from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import WELCOME_DESCRIPTION, build_sample


def test_the_sample_clip_shows_its_description_and_captions(page, tmp_path):
    with build_sample(tmp_path / "S.course") as project:
        export_course(project, ExportOptions("html", preset="original"), tmp_path / "s.zip")
    with zipfile.ZipFile(tmp_path / "s.zip") as archive:
        archive.extractall(tmp_path / "site")
    page.goto((tmp_path / "site" / "index.html").as_uri())
    ScriptedLearner(page).expect_title("Welcome video")
    disclosure = page.locator("details.video-description")
    summary = disclosure.locator("summary")
    expect(summary).to_have_text("Video description")
    expect(disclosure.get_by_text(WELCOME_DESCRIPTION)).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(disclosure.get_by_text(WELCOME_DESCRIPTION)).to_be_visible()
    assert page.locator("video track[kind=captions]").count() == 1
    assert serious_violations(page) == []

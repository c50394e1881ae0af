"""The HTML5 export opened from a folder over file://: it runs, keeps progress, and resumes."""

from __future__ import annotations

import zipfile

from player_learner import ScriptedLearner
from playwright.sync_api import expect

from studio.export.exporter import export_course
from studio.export.package import ExportOptions

ORIGINAL = "original"  # the sample's media are placeholders: package them as they are


def test_exported_site_opens_from_a_folder_and_resumes_after_a_reload(page, tmp_path, sample):
    course = sample.course()
    target = tmp_path / "site.zip"
    export_course(sample, ExportOptions("html", preset=ORIGINAL), target)
    folder = tmp_path / "site"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    assert not (folder / "imsmanifest.xml").exists()

    page.goto((folder / "index.html").as_uri())
    learner = ScriptedLearner(page)
    items = [item for lesson in course.lessons() for item in lesson.items]
    learner.expect_title(items[0].title)
    assert page.evaluate("CoursePlayer.app.adapter.name") == "local"
    learner.next()
    learner.next()
    learner.expect_title(items[2].title)  # the summary page

    page.reload()
    learner.expect_title(items[2].title)
    expect(page.get_by_text(f"Item 3 of {len(items)}")).to_be_visible()
    learner.button("Menu").click()
    outline = page.get_by_role("navigation", name="Course outline")
    expect(outline.get_by_role("button", name=f"{items[1].title}, completed")).to_be_visible()

"""PowerPoint decks dropped on a lesson, captions put on a clip from the inspector, the
learner preview as an HTML5 site, and export defaults kept per course."""

from __future__ import annotations

import json
import sqlite3

from studio.model import VideoClip
from tests.slides_decks import build_deck
from tests.ui.conftest import make_clip
from tests.ui.test_window_workflow import drop_files

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello there\n\n2\n00:00:01,600 --> 00:00:02,400\nBye\n"


def rows(project_dir, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(project_dir / "course.db") as conn:
        return conn.execute(sql, args).fetchall()


def test_a_deck_dropped_on_a_lesson_becomes_its_slides(window, sample, tmp_path, qtbot):
    lesson = window.outline.add_lesson("From slides")
    window.session.select(lesson)
    deck = build_deck(tmp_path / "talk.pptx")
    notices: list[str] = []
    window.session.notice.connect(notices.append)
    drop_files(qtbot, window.timeline.viewport(), [deck])
    qtbot.waitUntil(lambda: bool(notices) or bool(window.errors), timeout=120000)
    assert window.errors == []
    slides = rows(sample, "SELECT kind, title FROM items WHERE lesson_id = ? ORDER BY position",
                  lesson)
    assert [kind for kind, _ in slides] == ["slide"] * 4  # five slides, one of them hidden
    assert "Hidden slides skipped: 2." in notices[0]
    assert "drawn by LibreOffice" in notices[0] or "built-in renderer" in notices[0]
    assert window.media_bin.status.text() == notices[0]
    window.undo_action.trigger()
    assert rows(sample, "SELECT COUNT(*) FROM items WHERE lesson_id = ?", lesson) == [(0,)]


def test_captions_attach_to_the_selected_clip_from_the_inspector(window, sample, tmp_path,
                                                                 qtbot):
    lesson = window.outline.add_lesson("Captioned")
    job = window.media_bin.import_paths([make_clip(tmp_path / "talk.mp4", 3.0)], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    clip = next(i for i in window.session.find(lesson).items if isinstance(i, VideoClip))
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id, timeout=3000)
    captions = tmp_path / "talk.srt"
    captions.write_text(SRT, encoding="utf-8")
    assert window.inspector.attach_captions(clip.id, captions, "fr-CA", "Français")
    [(props,)] = rows(sample, "SELECT props FROM items WHERE id = ?", clip.id)
    [track] = json.loads(props)["captions"]
    assert (track["language"], track["label"]) == ("fr-CA", "Français")
    assert rows(sample, "SELECT kind, original_name FROM assets WHERE id = ?",
                track["asset_id"]) == [("captions", "talk.srt")]
    qtbot.wait(20)
    assert window.inspector.caption_list.item(0).text() == "fr-CA · Français"

    # a broken file is refused with its line, and nothing is stored
    stored = rows(sample, "SELECT COUNT(*) FROM assets WHERE kind = 'captions'")
    assert stored == [(2,)]  # the sample clip's own captions and these
    bad = tmp_path / "bad.srt"
    bad.write_text("1\nnot a time line\nText\n", encoding="utf-8")
    assert window.inspector.attach_captions(clip.id, bad, "en") is None
    assert "bad.srt" in window.errors[-1]
    assert rows(sample, "SELECT COUNT(*) FROM assets WHERE kind = 'captions'") == stored
    window.undo_action.trigger()
    [(props,)] = rows(sample, "SELECT props FROM items WHERE id = ?", clip.id)
    assert json.loads(props).get("captions", []) == []


def test_preview_as_learner_is_the_package_its_lms_gets(window, qtbot):
    job = window.preview_as_learner(open_browser=False)
    packages: list = []
    job.succeeded.connect(packages.append)
    qtbot.waitUntil(lambda: bool(packages) or bool(window.errors), timeout=60000)
    assert window.errors == []
    page = packages[0].launch_file
    site = page.parent
    assert page.name == "index.html" and page.is_file()
    assert (site / "imsmanifest.xml").is_file()  # played in the LMS twin, as the LMS gets it
    assert packages[0].profile.name == "scorm2004"  # the course names no LMS
    assert (site / "player").is_dir() or any(site.rglob("*.js"))
    window.close()
    assert not site.exists()  # the temporary preview goes with the window


def test_export_defaults_are_kept_per_course(window, qtbot):
    from studio.ui.course_settings import CourseSettingsDialog
    from studio.ui.export_dialog import ExportDialog

    dialog = CourseSettingsDialog(window.session, window)
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    dialog.sco_per_lesson.setChecked(False)
    dialog.accept()
    export = ExportDialog(window.session, window)
    assert export.format.currentData() == "html"
    assert not export.sco_per_lesson.isChecked()
    assert export.target.text().endswith("-html.zip")
    export.close()

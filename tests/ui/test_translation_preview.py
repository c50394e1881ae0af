"""The preview in a target language: laid out right to left for a right-to-left language,
and Preview as learner plays the package in the language chosen in the Translation tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studio.commands.translation import store_translations
from studio.media.translation_io import course_segments
from studio.translation.units import Translation
from studio.ui.translation_window import start_pseudo
from tests.ui.test_translation_panel import add_french, item_named, open_tab


def ink_columns(widget) -> tuple[int, int]:
    """The first and last pixel columns of ``widget`` where its text is drawn."""
    image = widget.grab().toImage()
    background = QColor(image.pixel(0, 0))
    inked = [x for x in range(image.width())
             if any(QColor(image.pixel(x, y)) != background
                    for y in range(0, image.height(), 2))]
    return (inked[0], inked[-1]) if inked else (-1, -1)


def test_a_right_to_left_language_lays_the_preview_out_right_to_left(qtbot, window):
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    panel = open_tab(qtbot, window)
    preview = window.preview
    qtbot.waitUntil(lambda: preview.title.text() == slide.title)
    left, _right = ink_columns(preview.title)
    assert left < preview.title.width() // 4  # English starts at the left
    job = start_pseudo(window, "qps-plocm")
    with qtbot.waitSignal(job.ended, timeout=30000):
        pass
    qtbot.waitUntil(lambda: panel.language == "qps-plocm")
    qtbot.waitUntil(lambda: preview.title.text() != slide.title)
    assert preview.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert preview.text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for label in (preview.title, preview.text):
        _left, right = ink_columns(label)
        assert right > label.width() * 3 // 4  # drawn from the right edge
    assert preview.video.layoutDirection() == Qt.LayoutDirection.LeftToRight  # transport
    assert panel.choose("")
    qtbot.waitUntil(lambda: preview.title.text() == slide.title)
    assert preview.title.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert ink_columns(preview.title)[0] < preview.title.width() // 4


def test_preview_as_learner_plays_the_language_chosen_in_the_tab(qtbot, window):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    project = window.session.project
    title = next(s for s in course_segments(project) if s.id == "course.title")
    window.session.run(store_translations, "fr", [Translation(
        "fr", title.id, "Visite guidée", title.source_hash, title.text)])
    job = window.preview_as_learner(open_browser=False)
    packages: list = []
    job.succeeded.connect(packages.append)
    qtbot.waitUntil(lambda: bool(packages) or bool(window.errors), timeout=120000)
    assert window.errors == []
    site = packages[0].launch_file.parent
    data = (site / "course-data.js").read_text(encoding="utf-8")
    assert "Visite guid" in data and '"language": "fr"' in data.replace('":"', '": "')
    assert panel.choose("")
    job = window.preview_as_learner(open_browser=False)
    packages.clear()
    job.succeeded.connect(packages.append)
    qtbot.waitUntil(lambda: bool(packages) or bool(window.errors), timeout=120000)
    data = (packages[0].launch_file.parent / "course-data.js").read_text(encoding="utf-8")
    assert "Visite guid" not in data


def test_the_caption_band_shows_a_clip_in_the_chosen_language(qtbot, window, tmp_path):
    from studio.model import VideoClip

    clip = next(i for i in window.session.course().items() if isinstance(i, VideoClip))
    vtt = tmp_path / "clip.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:09:00.000\nThe clip speaks\n",
                   encoding="utf-8")
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id, timeout=3000)
    assert window.inspector.attach_captions(clip.id, vtt, "en")
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    cue = next(s for s in course_segments(window.session.project)
               if s.id == f"{clip.id}.caption.0")
    window.session.run(store_translations, "fr", [Translation(
        "fr", cue.id, "Le clip parle", cue.source_hash, cue.text)])
    qtbot.waitUntil(lambda: window.preview.item is not None
                    and window.preview.item.id == clip.id, timeout=3000)
    line = window.preview.caption_line
    assert panel.choose("fr")
    qtbot.waitUntil(lambda: line.text() == "Le clip parle", timeout=3000)
    assert panel.choose("")
    qtbot.waitUntil(lambda: line.text() == "The clip speaks", timeout=3000)

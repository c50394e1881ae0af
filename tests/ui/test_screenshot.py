"""The main window with the sample course, rendered to a PNG kept with the test's files."""

from __future__ import annotations

from PySide6.QtGui import QImage


def test_main_window_renders_the_sample_course(window, tmp_path, qtbot):
    course = window.session.course()
    window.session.select(course.items()[0].id)  # the welcome video, on its lesson's timeline
    qtbot.waitUntil(lambda: window.previews.picture(course.assets[
        course.items()[2].asset_id]) is not None, timeout=10000)
    window.session.select(course.items()[2].id)  # a slide, with its picture
    qtbot.wait(200)
    path = tmp_path / "studio-window.png"
    assert window.grab().save(str(path))
    print(f"screenshot: {path}")
    image = QImage(str(path))
    assert image.width() >= 1200 and image.height() >= 700
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 200  # text, icons, slide pictures and clips, not a blank frame
    assert window.outline.tree.model().rowCount() == len(course.modules)
    assert window.timeline.boxes and window.preview.title.text() == course.items()[2].title

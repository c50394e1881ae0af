"""Scrubbing proxies in the window: selecting a clip without one starts one background job,
an import starts one per large video, one at a time, a cancelled one is asked again later, and
once a proxy exists the preview's frames are read from it and still show the original's pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest
from PySide6.QtCore import Qt

from studio import commands
from studio.media.importer import import_files
from studio.media.sample import build_sample
from studio.media.scrub_proxy import find_proxy
from studio.model import VideoClip
from studio.ui.frames import SOURCE_TEXT
from tests.ui.test_playhead_preview import (
    FPS,
    grabbed,
    mean_difference,
    moving_clip,
    pyav_frame,
    ruler_point,
)

LESSON = "Proxies"


def large_clip(path: Path, seconds: float = 4.0) -> Path:
    """A 720p clip whose every frame differs: larger than a proxy, so it gets one."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size=1280x720:rate={FPS}:duration={seconds}", "-c:v", "libx264",
         "-preset", "veryfast", "-g", str(2 * FPS), "-pix_fmt", "yuv420p", str(path)],
        check=True)
    return path


@pytest.fixture
def large_window(qtbot, tmp_path):
    """The sample course plus a lesson holding a 720p clip imported without the window (so
    it has no proxy yet), open in the window."""
    from studio.ui.main_window import MainWindow

    path = tmp_path / "Large.course"
    with build_sample(path) as project:
        module = project.course().modules[0].id
        lesson = commands.add_lesson(project, module, LESSON)
        import_files(project, [large_clip(tmp_path / "large.mp4")], lesson_id=lesson)
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    assert win.open_project(path), win.errors
    yield win
    win.close()


def proxy_jobs(window) -> list:
    return [job for job in window.runner.running if job.name.startswith("Scrubbing proxy")]


def _click_outline(window, qtbot, node_id: str) -> None:
    tree = window.outline.tree
    index = window.outline.model.index_of_id(node_id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(index).center())
    assert window.session.selected == node_id


def _large(window):
    lesson = next(les for les in window.session.course().lessons() if les.title == LESSON)
    clip = lesson.items[0]
    asset = window.session.course().assets[clip.asset_id]
    return lesson, clip, window.session.path / "media" / asset.filename, asset.sha256


def _page(window) -> str:
    return next(item.id for item in window.session.course().items() if item.kind.value == "page")


def test_a_clip_without_a_proxy_gets_one_job_then_scrubbing_reads_the_proxy(large_window,
                                                                            qtbot):
    window = large_window
    proxies, pane = window.preview.proxies, window.preview.video
    lesson, clip, original, sha256 = _large(window)
    cache = window.session.project.cache_dir
    # the sample's own clip is small: scrubbed from the original, no proxy made
    assert pane.path and pane.path != str(original)
    assert proxies.started == 0 and not proxy_jobs(window)
    assert find_proxy(cache, sha256) is None

    _click_outline(window, qtbot, clip.id)
    assert proxies.started == 1
    assert [job.name for job in proxy_jobs(window)] == ["Scrubbing proxy of large.mp4"]
    # until the proxy exists, the preview decodes the original
    qtbot.waitUntil(lambda: pane.frames_shown > 0 and pane.path == str(original), timeout=10000)
    qtbot.waitUntil(lambda: pane.shown_image.text(SOURCE_TEXT) == str(original), timeout=10000)
    # showing the clip again while it is being made starts nothing more
    _click_outline(window, qtbot, _page(window))
    _click_outline(window, qtbot, clip.id)
    assert proxies.started == 1

    qtbot.waitUntil(lambda: proxies.job is None, timeout=60000)
    proxy = find_proxy(cache, sha256)
    assert proxy is not None and proxies.proxy_for(str(original)) == str(proxy)
    assert window.errors == []

    _click_outline(window, qtbot, lesson.id)
    view = window.timeline
    view.setFocus()
    qtbot.waitUntil(lambda: bool(view.boxes))
    for lesson_time in (1.3, 3.45, 0.08, 2.71):  # frames not decoded before
        shown = pane.frames_shown
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=ruler_point(view, lesson_time))
        qtbot.waitUntil(lambda n=shown: pane.frames_shown > n, timeout=10000)
        assert abs(view.playhead - lesson_time) < 0.05
        assert pane.shown_image.text(SOURCE_TEXT) == str(proxy)
        assert pane.decoder.last_source == str(proxy)
        pixels, width, height = grabbed(pane.still)
        assert width > 200
        wanted = pyav_frame(original, pane.shown_time, width, height)
        match = mean_difference(pixels, wanted)
        assert match < 3.0
        # and it is this frame, not just any frame of the clip
        other = pyav_frame(original, (pane.shown_time + 0.6) % 3.9, width, height)
        assert mean_difference(pixels, other) > 2 * match + 1.0
    assert proxies.started == 1


def test_a_cancelled_proxy_leaves_nothing_and_is_asked_again(large_window, qtbot):
    window = large_window
    proxies, pane = window.preview.proxies, window.preview.video
    _lesson, clip, original, sha256 = _large(window)
    _click_outline(window, qtbot, clip.id)
    job = proxies.job
    assert job is not None
    assert window.job_status.shown is job  # the status bar shows it, with its Cancel
    qtbot.mouseClick(window.job_status.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: proxies.job is None, timeout=20000)
    assert window.errors == []
    cache = window.session.project.cache_dir
    assert find_proxy(cache, sha256) is None
    assert not list((cache / "proxies").glob("*.part"))
    pane.decoder.clear()
    shown = pane.frames_shown
    pane.show_frame(2.0)
    qtbot.waitUntil(lambda: pane.frames_shown > shown, timeout=10000)
    assert pane.shown_image.text(SOURCE_TEXT) == str(original)
    # shown again later: asked again
    _click_outline(window, qtbot, _page(window))
    _click_outline(window, qtbot, clip.id)
    assert proxies.started == 2
    qtbot.waitUntil(lambda: proxies.job is None, timeout=60000)
    assert find_proxy(cache, sha256) is not None


def test_an_imported_video_gets_its_proxy_in_the_background(window, qtbot, tmp_path):
    proxies = window.preview.proxies
    assert proxies.started == 0
    lesson = window.outline.add_lesson("Imported")
    job = window.media_bin.import_paths(
        [large_clip(tmp_path / "large.mp4"), moving_clip(tmp_path / "small.mp4", 2.0)], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert proxies.started == 1  # the large one; the small one scrubs well from itself
    assert [j.name for j in proxy_jobs(window)] == ["Scrubbing proxy of large.mp4"]
    while proxies.job is not None:
        assert len(proxy_jobs(window)) <= 1  # one at a time
        qtbot.wait(20)
    clips = [i for i in window.session.find(lesson).items if isinstance(i, VideoClip)]
    assets = window.session.course().assets
    made = [find_proxy(window.session.project.cache_dir, assets[c.asset_id].sha256) is not None
            for c in clips]
    assert made == [True, False]
    for item in clips:  # shown once made: no second job
        _click_outline(window, qtbot, item.id)
    assert proxies.started == 1 and proxies.job is None

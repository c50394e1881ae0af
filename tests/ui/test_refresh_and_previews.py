"""Panels redraw only what an edit changed; clips get real filmstrips and waveforms made off
the GUI thread; opening a clip in the preview does not stall the window."""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtCore import QTimer

from studio import commands
from studio.model import VideoClip
from tests.ui.conftest import make_clip


def _cache_files(project_dir, folder: str) -> list:
    return list((project_dir / "cache" / folder).rglob("*.*")) if (
        project_dir / "cache" / folder).is_dir() else []


def test_an_edit_touches_only_its_rows_and_the_panels_showing_it(window, sample, qtbot):
    session, model = window.session, window.outline.model
    course = session.course()
    first, second = course.lessons()[0], course.lessons()[1]
    session.select(first.items[0].id)
    qtbot.wait(20)
    signals: list[str] = []
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsInserted.connect(lambda *_: signals.append("inserted"))
    model.rowsRemoved.connect(lambda *_: signals.append("removed"))
    model.rowsMoved.connect(lambda *_: signals.append("moved"))
    model.dataChanged.connect(lambda a, b: signals.append(f"changed {a.data(256 + 1)}"))
    draws, builds = window.timeline.draws, window.inspector.builds

    # an edit in another lesson: the outline changes one row; the timeline and inspector stay
    session.run(commands.rename, second.id, "Renamed elsewhere")
    qtbot.wait(20)
    assert signals == [f"changed {second.id}"]
    assert (window.timeline.draws, window.inspector.builds) == (draws, builds)
    assert model.data(model.index_of_id(second.id)) == "Renamed elsewhere"

    # a page added to the shown lesson: one inserted row; the timeline redraws once
    signals.clear()
    page = session.run(commands.add_page, first.id, "Notes", "Text").value
    qtbot.wait(20)
    assert "reset" not in signals and signals.count("inserted") == 1
    assert window.timeline.draws == draws + 1
    assert model.index_of_id(page).isValid()
    # reordering it is a move, undoing the add a removal: never a reset
    signals.clear()
    session.run(commands.move, page, index=0)
    session.undo()
    session.undo()
    assert signals.count("moved") == 2 and signals.count("removed") == 1
    assert "reset" not in signals and not model.index_of_id(page).isValid()
    # the outline still matches the database row for row
    with sqlite3.connect(sample / "course.db") as conn:
        titles = [r[0] for r in conn.execute(
            "SELECT title FROM items WHERE lesson_id = ? ORDER BY position", (first.id,))]
    index = model.index_of_id(first.id)
    assert [model.index(r, 0, index).data() for r in range(model.rowCount(index))] == titles


def test_clips_get_filmstrip_and_waveform_from_workers(window, sample, tmp_path, qtbot):
    lesson = window.outline.add_lesson("Filmstrips")
    source = make_clip(tmp_path / "pattern.mp4", 3.0)
    job = window.media_bin.import_paths([source], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    window.session.select(lesson)
    clip = next(iter(window.timeline.clips.values()))
    qtbot.waitUntil(lambda: bool(window.timeline.clips[clip.box.item_id].peaks), timeout=30000)
    drawn = window.timeline.clips[clip.box.item_id]
    assert drawn.filmstrip and not drawn.filmstrip[0].isNull()
    assert 100 <= len(drawn.peaks) <= 160  # 50 a second over the 3 s that play
    assert max(drawn.peaks) > 0.1  # the tone, not silence
    assert _cache_files(sample, "thumbs") and _cache_files(sample, "waveforms")

    # a trim keeps the pictures and cuts the waveform to the range that plays
    item_id = drawn.box.item_id
    window.session.run(commands.trim, item_id, 1.0, 2.0)
    assert 45 <= len(window.timeline.clips[item_id].peaks) <= 55
    assert window.timeline.clips[item_id].filmstrip


def test_opening_a_clip_in_the_preview_does_not_stall_the_window(window, tmp_path, qtbot):
    lesson = window.outline.add_lesson("Preview")
    job = window.media_bin.import_paths([make_clip(tmp_path / "big.mp4", 4.0)], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    clip = next(i for i in window.session.find(lesson).items if isinstance(i, VideoClip))
    gaps, last = [], [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.preview.video.player is not None, timeout=5000)
    qtbot.wait(600)
    timer.stop()
    assert window.preview.video.path.endswith(".mp4")
    print(f"longest event-loop gap while the clip opened: {max(gaps) * 1000:.0f} ms")
    assert max(gaps) < 0.1


def _tree(model, parent=None) -> list:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append((index.data(256 + 1), index.data(), _tree(model, index)))
    return rows


def _course_tree(course) -> list:
    return [(m.id, m.title, [(les.id, les.title, [(i.id, i.title, []) for i in les.items])
                             for les in m.lessons]) for m in course.modules]


def test_the_outline_follows_any_sequence_of_edits_row_for_row(window, qtbot):
    import random

    session, model = window.session, window.outline.model
    rng = random.Random(8)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    for step in range(60):
        course = session.course()
        lessons, items = course.lessons(), course.items()
        choice = rng.random()
        if choice < 0.25 and items:
            item = rng.choice(items)
            target = rng.choice(lessons)
            session.run(commands.move, item.id, to=target.id,
                        index=rng.randrange(len(target.items) + 1))
        elif choice < 0.4 and len(lessons) > 1:
            session.run(commands.move, rng.choice(lessons).id,
                        to=rng.choice(course.modules).id, index=0)
        elif choice < 0.55:
            session.run(commands.add_page, rng.choice(lessons).id, f"Page {step}", "")
        elif choice < 0.65 and items:
            session.run(commands.remove, rng.choice(items).id)
        elif choice < 0.75 and course.modules:
            session.run(commands.move, rng.choice(course.modules).id, index=0)
        elif choice < 0.9:
            session.undo()
        else:
            session.redo()
        assert _tree(model) == _course_tree(session.course()), step
    assert resets == []

"""Media of the bin placed at a spot of a lesson: one rule per kind, one undo step per
gesture, refusals that change nothing, and media removed from the bin only when unused."""

from __future__ import annotations

import sqlite3

import pytest

from studio import commands
from studio.errors import InvalidEditError
from studio.item_kinds import SLIDE
from studio.media.importer import import_paths
from studio.media.placing import NotPlaceableError, Spot, import_and_place, place_assets


def rows(project) -> dict[str, list]:
    conn = sqlite3.connect(project.path / "course.db")
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("items", "assets")}
    finally:
        conn.close()


@pytest.fixture
def binned(lesson, media):
    """(project, lesson, {name: asset id}) with a clip, a picture and a sound in the bin."""
    project, lesson_id = lesson
    names = ["plain.mp4", "still.png", "voice.m4a"]
    report = import_paths(project, [media[n] for n in names])
    return project, lesson_id, dict(zip(names, report.media_asset_ids, strict=True))


def test_each_kind_has_its_place_and_a_gesture_is_one_undo_step(binned):
    project, lesson_id, ids = binned
    slide = commands.add_slide(project, lesson_id, "Title slide")
    before = rows(project)
    placed = place_assets(project, [ids["plain.mp4"], ids["still.png"]], Spot(lesson_id, 0))
    lesson = project.course().find(lesson_id)
    assert [(i.kind.value, i.title) for i in lesson.items] == [
        ("video", "plain"), ("slide", "still"), ("slide", "Title slide")]
    assert placed.item_ids == tuple(i.id for i in lesson.items[:2])
    assert lesson.items[1].duration == SLIDE["duration"].default
    assert project.history.undo_name() == "Add 2 media"
    project.undo()
    assert rows(project) == before
    project.redo()
    assert len(project.course().find(lesson_id).items) == 3
    project.undo()

    # a sound on a slide is its narration, the slide lasting as long as the sound
    placed = place_assets(project, [ids["voice.m4a"]], Spot(lesson_id, None, slide))
    narrated = project.course().find(slide)
    assert placed.narrated == slide and narrated.narration_asset_id == ids["voice.m4a"]
    assert narrated.duration == pytest.approx(1.0, abs=0.1)
    assert project.history.undo_name() == "Narrate “Title slide”"
    project.undo()
    assert rows(project) == before


def test_sounds_and_captions_elsewhere_are_refused_and_change_nothing(binned):
    project, lesson_id, ids = binned
    before = rows(project)
    with pytest.raises(NotPlaceableError, match="voice.m4a is a sound: drop it on a slide"):
        place_assets(project, [ids["plain.mp4"], ids["voice.m4a"]], Spot(lesson_id))
    assert rows(project) == before
    # sounds may stay in the bin when a gesture imports files
    placed = place_assets(project, [ids["voice.m4a"]], Spot(lesson_id), sounds_may_stay=True)
    assert placed.item_ids == () and "stays in the media bin" in placed.left_in_bin[0]
    assert rows(project) == before


def test_files_imported_and_placed_in_one_step(lesson, media, tmp_path):
    project, lesson_id = lesson
    clip = commands.add_video(project, lesson_id, import_paths(
        project, [media["plain.mp4"]]).media_asset_ids[0])
    captions = tmp_path / "talk.vtt"
    captions.write_text("WEBVTT\n\n00:00.500 --> 00:01.500\nHello\n", encoding="utf-8")
    before = rows(project)
    with pytest.raises(NotPlaceableError, match="talk.vtt holds captions"):
        import_and_place(project, [captions], Spot(lesson_id))
    assert rows(project) == before
    report, placed = import_and_place(project, [media["still.png"], media["voice.wav"],
                                                captions], Spot(lesson_id, 0, clip))
    lesson = project.course().find(lesson_id)
    assert [i.kind.value for i in lesson.items] == ["slide", "video"]
    assert [t.language for t in lesson.items[1].captions] == ["en"]
    assert "voice.wav stays in the media bin" in placed.left_in_bin[0]
    assert [e.path.name for e in report.added] == ["still.png", "voice.wav", "talk.vtt"]
    assert project.history.undo_name() == "Add 3 media"
    project.undo()
    assert rows(project) == before


def test_media_leaves_the_bin_only_when_nothing_uses_it(binned):
    project, lesson_id, ids = binned
    slide = commands.add_slide(project, lesson_id, "Uses the picture", asset_id=ids["still.png"])
    with pytest.raises(InvalidEditError, match="still.png is used by “Uses the picture”"):
        commands.remove_asset(project, ids["still.png"])
    commands.remove(project, slide)
    commands.remove_asset(project, ids["still.png"])
    assert ids["still.png"] not in project.course().assets
    project.undo()
    assert ids["still.png"] in project.course().assets

"""Undo history: merging, groups, the dirty flag, undo across a restart, and random sequences."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio import commands, history
from studio.errors import InvalidEditError, StudioError
from studio.store import Project


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(project: Project) -> FakeClock:
    project.history.clock = fake = FakeClock()
    return fake


@pytest.fixture
def clip(project: Project, video_asset: str) -> str:
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    return commands.add_video(project, lesson, video_asset, "Clip")


def in_point(project: Project, clip: str) -> float:
    return project.course().find(clip).in_point


# ---- merging and groups --------------------------------------------------------------------
def test_nudges_within_the_window_are_one_step(project, clip, clock):
    steps = len(project.history.entries())
    for _ in range(4):
        commands.nudge(project, clip, "in", 1.0)
        clock.now += history.MERGE_WINDOW * 0.9
    assert in_point(project, clip) == 4.0
    assert len(project.history.entries()) == steps + 1
    project.undo()
    assert in_point(project, clip) == 0.0
    project.redo()
    assert in_point(project, clip) == 4.0


def test_nudges_outside_the_window_are_separate_steps(project, clip, clock):
    steps = len(project.history.entries())
    commands.nudge(project, clip, "in", 1.0)
    clock.now += history.MERGE_WINDOW + 0.1
    commands.nudge(project, clip, "in", 1.0)
    assert len(project.history.entries()) == steps + 2
    project.undo()
    assert in_point(project, clip) == 1.0


def test_a_different_merge_key_starts_a_new_step(project, clip, clock):
    steps = len(project.history.entries())
    commands.nudge(project, clip, "in", 1.0)
    commands.nudge(project, clip, "out", -1.0)
    commands.nudge(project, clip, "in", 1.0)
    assert len(project.history.entries()) == steps + 3


def test_a_group_is_one_step(project, clip, dump):
    before, steps = dump(project), len(project.history.entries())
    with project.group("Tidy"):
        commands.trim(project, clip, 5.0, 50.0)
        commands.rename(project, clip, "Tidied")
        commands.add_cue(project, clip, 10.0)
    assert [e.name for e in project.history.entries()][-1] == "Tidy"
    assert len(project.history.entries()) == steps + 1
    after = dump(project)
    project.undo()
    assert dump(project) == before
    project.redo()
    assert dump(project) == after


def test_a_failing_command_rolls_back_the_whole_group(project, clip, dump):
    before, steps = dump(project), project.history.entries()
    with pytest.raises(InvalidEditError), project.group("Doomed"):
        commands.rename(project, clip, "Renamed")
        commands.add_module(project, "Extra")
        commands.trim(project, clip, 50.0, 10.0)
    assert dump(project) == before
    assert project.history.entries() == steps


def test_a_refused_command_caught_inside_a_group_changes_nothing(project, clip, dump):
    lesson = project.course().items()[0].lesson_id
    other = commands.add_lesson(project, project.course().modules[0].id, "Other")
    page = commands.add_page(project, lesson, "Page")
    with project.group("Partly"):
        commands.rename(project, page, "Kept")
        inside = dump(project)
        with pytest.raises(InvalidEditError):
            commands.move(project, clip, to=other, index=-1)
        assert dump(project) == inside
    assert project.course().find(page).title == "Kept"
    project.undo()
    assert project.course().find(page).title == "Page"


def test_nothing_to_undo_or_redo(project):
    with pytest.raises(InvalidEditError):
        project.undo()
    with pytest.raises(InvalidEditError):
        project.redo()


def test_a_new_edit_drops_the_redo_steps(project):
    module = commands.add_module(project, "A")
    project.undo()
    commands.add_module(project, "B")
    with pytest.raises(InvalidEditError):
        project.redo()
    assert project.course().find(module) is None


def test_history_keeps_the_newest_entries(project, monkeypatch):
    monkeypatch.setattr(history, "MAX_ENTRIES", 5)
    module = commands.add_module(project, "Name 0")
    for n in range(1, 9):
        commands.rename(project, module, f"Name {n}")
    assert len(project.history.entries()) == 5
    for _ in range(5):
        project.undo()
    assert project.course().find(module).title == "Name 3"
    with pytest.raises(InvalidEditError):
        project.undo()


def test_listeners_hear_edits_undo_and_redo(project):
    heard: list[str] = []
    project.subscribe(lambda changes: heard.append(changes.label))
    commands.add_module(project, "A")
    project.undo()
    project.redo()
    assert heard == ["Add module “A”", "Undo Add module “A”", "Redo Add module “A”"]


# ---- dirty ---------------------------------------------------------------------------------
def test_dirty_is_derived_from_the_history(project):
    assert not project.dirty
    module = commands.add_module(project, "A")
    assert project.dirty
    project.mark_saved()
    assert not project.dirty
    commands.rename(project, module, "B")
    assert project.dirty
    project.undo()
    assert not project.dirty
    project.undo()
    assert project.dirty
    project.redo()
    assert not project.dirty
    project.undo()
    commands.add_module(project, "C")  # the saved state can no longer be reached by redo
    assert project.dirty


def test_a_saved_step_is_not_merged_into(project, clip, clock):
    commands.nudge(project, clip, "in", 1.0)
    project.mark_saved()
    commands.nudge(project, clip, "in", 1.0)
    assert project.dirty
    project.undo()
    assert not project.dirty and in_point(project, clip) == 1.0


# ---- restart -------------------------------------------------------------------------------
def test_undo_and_redo_survive_reopening(project, dump):
    path = project.path
    module = commands.add_module(project, "A")
    commands.rename(project, module, "B")
    project.mark_saved()
    commands.add_lesson(project, module, "L")
    project.undo()
    state = dump(project)
    project.close()
    with Project.open(path) as reopened:
        assert dump(reopened) == state
        assert not reopened.dirty
        assert reopened.history.redo_name() == "Add lesson “L”"
        reopened.redo()
        assert [m.lessons[0].title for m in reopened.course().modules] == ["L"]
        reopened.undo()
        reopened.undo()
        assert reopened.course().find(module).title == "A"
        assert reopened.dirty


# ---- random sequences ----------------------------------------------------------------------
def pick(options: list[str], index: int) -> str:
    return options[index % len(options)] if options else "missing"


def apply(project: Project, op: tuple[str, int, int, float], assets: list[str]) -> None:
    name, a, b, x = op
    course = project.course()
    modules = [m.id for m in course.modules]
    lessons = [lesson.id for lesson in course.lessons()]
    items = [i.id for i in course.items()]
    nodes = modules + lessons + items + ["missing"]
    title = "" if a % 9 == 0 else f"T{a}"
    index = b - 2 if b % 3 else None
    cues = [c.id for i in course.items() for c in getattr(i, "cue_points", ())]
    run = {
        "add_module": lambda: commands.add_module(project, title, index),
        "add_lesson": lambda: commands.add_lesson(project, pick(modules + lessons, a), title),
        "add_page": lambda: commands.add_page(project, pick(lessons, a), title, f"text {b}"),
        "add_quiz": lambda: commands.add_quiz(project, pick(lessons, a), title, pass_mark=x),
        "add_slide": lambda: commands.add_slide(project, pick(lessons, a), title, duration=x),
        "add_video": lambda: commands.add_video(project, pick(lessons, a), pick(assets, b)),
        "rename": lambda: commands.rename(project, pick(nodes, a), title),
        "move": lambda: commands.move(project, pick(nodes, a), pick([*nodes, None], b), index),
        "remove": lambda: commands.remove(project, pick(nodes, a)),
        "trim": lambda: commands.trim(project, pick(items, a), x, x + b - 3),
        "nudge": lambda: commands.nudge(project, pick(items, a), pick(["in", "out", "x"], b), x),
        "split": lambda: commands.split(project, pick(items, a), x),
        "add_cue": lambda: commands.add_cue(project, pick(items, a), x, title),
        "set_course": lambda: commands.set_course(project, title=title, mastery_score=x),
        "set_item": lambda: commands.set_item(project, pick(items, a), text=title),
        "set_quiz": lambda: commands.set_item(project, pick(items, a), pass_mark=x),
        "add_question": lambda: commands.add_question(
            project, pick(items, a), pick(["choice", "crossword"], b), title, cue_id=pick(cues, b)),
    }[name]
    try:
        run()
    except StudioError:
        pass


OPERATIONS = st.tuples(
    st.sampled_from([
        "add_module", "add_lesson", "add_page", "add_quiz", "add_slide", "add_video", "rename",
        "move", "remove", "trim", "nudge", "split", "add_cue", "set_course", "set_item",
        "set_quiz", "add_question"]),
    st.integers(0, 40),
    st.integers(0, 12),
    st.one_of(st.floats(-5, 90, allow_nan=False), st.just(math.nan)),
)


# the dump fixture is a pure function, so sharing it between examples is safe
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(OPERATIONS, st.lists(OPERATIONS, min_size=1, max_size=4)),
                max_size=30))
def test_any_sequence_undoes_and_redoes_exactly(dump, ops):
    with tempfile.TemporaryDirectory() as folder, \
            Project.create(Path(folder) / "Random.course", "Random") as project:
        media = Path(folder) / "clip.mp4"
        media.write_bytes(b"movie bytes")
        sha, filename = project.store_media(media)
        assets = [commands.add_asset(project, sha, filename, "clip.mp4", "video", 11,
                                     duration=80.0),
                  commands.add_asset(project, "f" * 64, "x.png", "x.png", "image", 3)]
        module = commands.add_module(project, "Start")
        lesson = commands.add_lesson(project, module, "Start")
        commands.add_video(project, lesson, assets[0])
        initial, base = dump(project), project.history.current_seq()
        for op in ops:
            if isinstance(op, list):  # a group, with refused commands caught inside it
                with project.group("Several"):
                    for inner in op:
                        apply(project, inner, [*assets, "missing"])
            else:
                apply(project, op, [*assets, "missing"])
        final = dump(project)
        while project.history.current_seq() > base:
            project.undo()
        assert dump(project) == initial
        while project.history.redo_name() is not None:
            project.redo()
        assert dump(project) == final

"""Cue point commands and split names: do, undo to the exact prior state, redo; refusals
change nothing."""

from __future__ import annotations

import math

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError
from studio.store import Project


@pytest.fixture
def clip(project: Project, video_asset: str) -> tuple[str, str]:
    """A 60 s clip trimmed to 10..40 s of its source in a lesson; returns (lesson, clip)."""
    module = commands.add_module(project, "Basics")
    lesson = commands.add_lesson(project, module, "First steps")
    video = commands.add_video(project, lesson, video_asset, "Demo")
    commands.trim(project, video, 10.0, 40.0)
    return lesson, video


def one_step(project: Project, dump, action):
    """Run an edit; check it is one undo step that undoes and redoes exactly."""
    before, steps = dump(project), len(project.history.entries())
    result = action()
    after = dump(project)
    assert after != before
    assert len(project.history.entries()) == steps + 1
    project.undo()
    assert dump(project) == before
    project.redo()
    assert dump(project) == after
    return result


def refused(project: Project, dump, error, action) -> str:
    before, steps = dump(project), project.history.entries()
    with pytest.raises(error) as caught:
        action()
    assert dump(project) == before and project.history.entries() == steps
    return str(caught.value)


def cues(project: Project, clip_id: str):
    return project.course().find(clip_id).cue_points


def test_rename_cue(project, dump, clip):
    _, video = clip
    cue = commands.add_cue(project, video, 12.0, "Check")
    one_step(project, dump, lambda: commands.rename_cue(project, video, cue, "  Quick \t check "))
    assert cues(project, video)[0].title == "Quick check"
    assert project.history.undo_name() == "Rename cue point"
    one_step(project, dump, lambda: commands.rename_cue(project, video, cue, ""))
    assert cues(project, video)[0].title == ""
    refused(project, dump, NotFoundError,
            lambda: commands.rename_cue(project, video, "cue_missing", "X"))
    refused(project, dump, NotFoundError,
            lambda: commands.rename_cue(project, "itm_missing", cue, "X"))


def test_move_cue_within_the_clip_keeps_time_order(project, dump, clip):
    _, video = clip
    early = commands.add_cue(project, video, 12.0, "Early")
    late = commands.add_cue(project, video, 30.0, "Late")
    question = commands.add_question(project, video, "truefalse", "Sure?", cue_id=early)
    one_step(project, dump, lambda: commands.move_cue(project, video, early, 35.5))
    assert [(c.id, c.time) for c in cues(project, video)] == [(late, 30.0), (early, 35.5)]
    assert project.course().find(video).questions[0].id == question  # its questions stay
    for edge in (10.0, 40.0):  # the in and out points themselves are inside
        commands.move_cue(project, video, early, edge)
    for outside in (9.99, 40.01, -1.0, math.nan, math.inf):
        message = refused(project, dump, InvalidEditError,
                          lambda t=outside: commands.move_cue(project, video, early, t))
        assert "\n" not in message
    assert "outside the clip (10–40 s" in refused(
        project, dump, InvalidEditError, lambda: commands.move_cue(project, video, early, 50))
    refused(project, dump, NotFoundError,
            lambda: commands.move_cue(project, video, "cue_missing", 20.0))


def test_must_answer(project, dump, clip):
    _, video = clip
    cue = commands.add_cue(project, video, 12.0)
    one_step(project, dump, lambda: commands.set_must_answer(project, video, cue, True))
    assert cues(project, video)[0].must_answer is True
    one_step(project, dump, lambda: commands.set_must_answer(project, video, cue, False))
    assert cues(project, video)[0].must_answer is False


def test_remove_cue_takes_its_questions_in_the_same_step(project, dump, clip):
    _, video = clip
    gone = commands.add_cue(project, video, 12.0, "Gone")
    kept = commands.add_cue(project, video, 20.0, "Kept")
    asked = [commands.add_question(project, video, "truefalse", f"Q{n}",
                                   cue_id=gone if n != 1 else kept) for n in range(3)]
    removed = one_step(project, dump, lambda: commands.remove_cue(project, video, gone))
    assert removed == 2
    clip_now = project.course().find(video)
    assert [c.id for c in clip_now.cue_points] == [kept]
    assert [q.id for q in clip_now.questions] == [asked[1]]
    positions = project.conn.execute("SELECT position FROM questions WHERE item_id = ?",
                                     (video,)).fetchall()
    assert positions == [(0,)]
    refused(project, dump, NotFoundError, lambda: commands.remove_cue(project, video, gone))


def test_add_a_new_question_at_a_cue(project, dump, clip):
    _, video = clip
    cue = commands.add_cue(project, video, 12.0)
    new = one_step(project, dump, lambda: commands.add_question(
        project, video, "truefalse", "Is it?", data={"answer": False}, cue_id=cue))
    [question] = project.course().find(video).questions
    assert (question.id, question.cue_id, question.data["answer"]) == (new, cue, False)


def test_copy_a_bank_question_onto_a_cue(project, dump, clip):
    lesson, video = clip
    cue = commands.add_cue(project, video, 12.0)
    quiz = commands.add_quiz(project, lesson, "Check")
    banked = commands.add_question(project, quiz, "truefalse", "From the bank", points=3,
                                   data={"answer": False}, pool="bank")
    copy = one_step(project, dump,
                    lambda: commands.copy_question_to_cue(project, banked, video, cue))
    assert project.history.undo_name() == "Copy question to cue point"
    [question] = project.course().find(video).questions
    assert question.id == copy != banked
    assert (question.cue_id, question.pool, question.prompt, question.points) == (
        cue, "quiz", "From the bank", 3)
    assert question.data["answer"] is False
    assert [q.id for q in project.course().find(quiz).questions] == [banked]  # still there
    refused(project, dump, InvalidEditError,  # a cue's question is no quiz's to copy
            lambda: commands.copy_question_to_cue(project, copy, video, cue))
    refused(project, dump, NotFoundError,
            lambda: commands.copy_question_to_cue(project, banked, video, "cue_missing"))
    refused(project, dump, NotFoundError,
            lambda: commands.copy_question_to_cue(project, "q_missing", video, cue))
    refused(project, dump, InvalidEditError,
            lambda: commands.copy_question_to_cue(project, banked, quiz, cue))


@pytest.mark.parametrize(("title", "taken", "halves"), [
    ("Talk", ["Talk"], ("Talk (1)", "Talk (2)")),
    ("Talk (1)", ["Talk (1)", "Talk (2)"], ("Talk (1)", "Talk (3)")),
    ("X (2)", ["X (2)"], ("X (2)", "X (3)")),
    ("Talk", ["Talk", "Talk (1)", "Talk (2)"], ("Talk (3)", "Talk (4)")),
    ("Report (2024)", ["Report (2024)"], ("Report (2024) (1)", "Report (2024) (2)")),
    ("(3)", ["(3)"], ("(3) (1)", "(3) (2)")),
])
def test_part_titles(title, taken, halves):
    assert commands.part_titles(title, taken) == halves


def test_split_names_the_halves(project, dump, clip):
    lesson, video = clip
    second = one_step(project, dump, lambda: commands.split(project, video, 20.0))
    third = commands.split(project, video, 15.0)
    titles = [i.title for i in project.course().find(lesson).items]
    assert titles == ["Demo (1)", "Demo (3)", "Demo (2)"]
    assert [i.id for i in project.course().find(lesson).items] == [video, third, second]
    project.undo()
    assert [i.title for i in project.course().find(lesson).items] == ["Demo (1)", "Demo (2)"]

"""Question commands: do -> undo -> redo for each, refusals that change nothing, and
in-video questions whose cue points follow trims and are reported when trimmed away."""

from __future__ import annotations

import pytest

from studio import commands
from studio.errors import InvalidEditError, NotFoundError, StudioError


@pytest.fixture
def quiz(project):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    return commands.add_quiz(project, lesson, "Check")


@pytest.fixture
def questions(project, quiz):
    return [commands.add_question(project, quiz, kind, f"Question {n}")
            for n, kind in enumerate(["choice", "fill", "numeric"])]


def check_step(project, dump, action):
    """One undo step that undoes to the exact prior state and redoes to the exact result."""
    before, steps = dump(project), len(project.history.entries())
    action()
    after = dump(project)
    assert after != before and len(project.history.entries()) == steps + 1
    project.undo()
    assert dump(project) == before
    project.redo()
    assert dump(project) == after


def check_refused(project, dump, error, action):
    before, steps = dump(project), project.history.entries()
    with pytest.raises(error) as caught:
        action()
    assert issubclass(error, StudioError) and str(caught.value)
    assert dump(project) == before and project.history.entries() == steps


def test_add_starts_from_a_template_and_checks_data(project, quiz, dump):
    check_step(project, dump, lambda: commands.add_question(project, quiz, "matching", "Pair"))
    check_step(project, dump, lambda: commands.add_question(
        project, quiz, "multiple", "Which?", 3, {"choices": [
            {"text": "One", "correct": True}, {"text": "Two", "correct": True}]}))
    stored = project.course().find(quiz).questions[-1]
    assert [c["id"] for c in stored.data["choices"]] == ["a", "b"]
    for data, words in [({"choices": [{"text": "Only", "correct": True}]}, "at least 2"),
                        ({"choices": ["x", "y"]}, "needs a correct choice"),
                        ({"choices": [{"text": "x", "correct": True}, {"text": " "}]}, "empty"),
                        ({"colour": "red"}, "no field colour")]:
        with pytest.raises(InvalidEditError, match=words):
            commands.add_question(project, quiz, "choice", "Which?", data=data)
    check_refused(project, dump, InvalidEditError, lambda: commands.add_question(
        project, quiz, "numeric", "How many?", data={"min": 3, "max": 1}))
    check_refused(project, dump, InvalidEditError, lambda: commands.add_question(
        project, quiz, "fill", "Name?", data={"answers": []}))
    check_refused(project, dump, NotFoundError, lambda: commands.add_question(
        project, quiz, "truefalse", "Seen?", data={"answer": True, "media": "ast_none"}))


def test_edit_prompt_points_and_answers(project, dump, questions):
    first = questions[0]
    check_step(project, dump, lambda: commands.edit_question(project, first, prompt="New?"))
    check_step(project, dump, lambda: commands.edit_question(project, first, points=5))
    check_step(project, dump, lambda: commands.edit_question(project, first, data={
        "choices": [{"text": "Yes", "correct": True, "feedback": "Good."}, {"text": "No"}]}))
    check_step(project, dump, lambda: commands.edit_question(
        project, first, type="truefalse", data={"answer": False}))
    stored = project.course().find(project.course().items()[0].id).questions[0]
    assert (stored.prompt, stored.points, stored.type) == ("New?", 5.0, "truefalse")
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.edit_question(project, first, prompt=" "))
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.edit_question(project, first, points=-2))
    check_refused(project, dump, NotFoundError,
                  lambda: commands.edit_question(project, "q_missing", prompt="x"))


def test_feedback(project, dump, questions):
    check_step(project, dump, lambda: commands.set_feedback(project, questions[1],
                                                            correct="Yes.", incorrect="No."))
    check_step(project, dump, lambda: commands.set_feedback(project, questions[1],
                                                            incorrect="Try again."))
    data = project.course().items()[0].questions[1].data
    assert data["feedback"] == {"correct": "Yes.", "incorrect": "Try again."}


def test_remove_reorder_and_bank(project, dump, quiz, questions):
    check_step(project, dump, lambda: commands.move_question(project, questions[2], 0))
    assert [q.id for q in project.course().find(quiz).questions] == [
        questions[2], questions[0], questions[1]]
    check_step(project, dump, lambda: commands.set_pool(project, questions[0], "bank"))
    assert project.course().find(quiz).questions[1].pool == "bank"
    check_step(project, dump, lambda: commands.set_pool(project, questions[0], "quiz"))
    check_step(project, dump, lambda: commands.remove_question(project, questions[0]))
    assert [q.id for q in project.course().find(quiz).questions] == [questions[2], questions[1]]
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.set_pool(project, questions[1], "jar"))
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.move_question(project, questions[1], -1))
    check_refused(project, dump, NotFoundError,
                  lambda: commands.remove_question(project, questions[0]))


def test_add_questions_is_one_step_or_nothing(project, dump, quiz):
    from studio.quiz.source import ParsedQuestion

    good = ParsedQuestion("truefalse", "Fine?", {"answer": True}, 1)
    bad = ParsedQuestion("numeric", "Broken?", {"value": "x"}, 2)
    check_step(project, dump, lambda: commands.add_questions(project, quiz, [good, good]))
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.add_questions(project, quiz, [good, bad]))


def test_in_video_cues_follow_trims_and_are_reported_when_cut(project, dump, video_asset):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    clip = commands.add_video(project, lesson, video_asset, "Lecture")
    early = commands.add_cue(project, clip, 5.0, "Early")
    late = commands.add_cue(project, clip, 50.0, "Late", must_answer=True)
    asked = commands.add_question(project, clip, "truefalse", "Seen?", cue_id=late)
    check_refused(project, dump, InvalidEditError,
                  lambda: commands.set_pool(project, asked, "bank"))
    outside = commands.trim(project, clip, 10.0, 40.0)
    assert outside == [early, late]
    video = project.course().find(clip)
    # Nothing is silently dropped: the cues keep their source times and the question stays
    assert [(c.id, c.time) for c in video.cue_points] == [(early, 5.0), (late, 50.0)]
    assert [q.id for q in video.questions] == [asked]
    assert commands.trim(project, clip, 0.0, 55.0) == []
    project.undo()
    assert project.course().find(clip).in_point == 10.0

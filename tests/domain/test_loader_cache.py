"""Re-reading a course reuses unchanged model objects; it must never show stale data."""

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio import commands
from studio.errors import StudioError
from studio.loader import load_course
from studio.store import Project

CHOICES = [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B", "correct": False}]


def edits(project: Project, lesson: str, quiz: str, page: str, question: str):
    return [
        lambda n: commands.rename(project, page, f"Page {n}"),
        lambda n: commands.set_item(project, page, text=f"# Heading {n}"),
        lambda n: commands.set_item(project, quiz, pass_mark=n % 100),
        lambda n: commands.edit_question(project, question, data={"choices": [
            {**CHOICES[0], "text": f"A{n}"}, CHOICES[1]]}),
        lambda n: commands.edit_question(project, question, prompt=f"Prompt {n}?"),
        lambda n: commands.add_page(project, lesson, f"New {n}", index=0),
        lambda n: commands.move(project, page, index=n % 3),
        lambda n: project.undo(),
        lambda n: project.redo() if project.history.redo_name() else None,
    ]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.integers(0, 8), min_size=1, max_size=12))
def test_cached_reads_equal_fresh_reads(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("cache") / "C.course"
    with Project.create(path, "C") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        page = commands.add_page(project, lesson, "Page", "text")
        quiz = commands.add_quiz(project, lesson, "Quiz")
        question = commands.add_question(project, quiz, "choice", "Pick?",
                                         data={"choices": CHOICES})
        actions = edits(project, lesson, quiz, page, question)
        project.course()
        for n, step in enumerate(steps):
            try:
                actions[step](n)
            except StudioError:
                pass  # refused (e.g. undone past the question): a refusal changes nothing
            cached = project.course()
            fresh = load_course(project.conn)
            assert dataclasses.asdict(cached) == dataclasses.asdict(fresh)


def test_an_unchanged_item_is_the_same_object_after_an_edit_elsewhere(project):
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    first = commands.add_page(project, lesson, "First")
    second = commands.add_page(project, lesson, "Second")
    before = project.course()
    commands.rename(project, second, "Renamed")
    after = project.course()
    assert after.find(first) is before.find(first)
    assert after.find(second) is not before.find(second)
    assert after.find(second).title == "Renamed"

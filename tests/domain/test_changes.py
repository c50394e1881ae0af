"""Every edit, undo, redo and outside write tells its listeners what it changed."""

from __future__ import annotations

import pytest

from studio import commands
from studio.changes import ChangeSet, Rows, Source
from studio.history import RowChange
from studio.store import Project


@pytest.fixture
def heard(project: Project) -> list[ChangeSet]:
    found: list[ChangeSet] = []
    project.subscribe(found.append)
    return found


@pytest.fixture
def lesson(project: Project) -> str:
    return commands.add_lesson(project, commands.add_module(project, "M"), "L")


def test_an_insert_names_the_row_and_touches_its_container(project, lesson, heard):
    page = commands.add_page(project, lesson, "Notes", "Text")
    (changes,) = heard
    assert (changes.name, changes.source) == ("Add page “Notes”", Source.EDIT)
    assert changes.items == Rows(inserted=frozenset({page}))
    assert not (changes.modules or changes.lessons or changes.questions or changes.assets)
    assert not changes.course and not changes.everything
    assert changes.touches(page) and changes.touches(lesson)
    assert changes.outline and not changes.media


def test_an_update_touches_the_row_and_nothing_beside_it(project, lesson, heard):
    first = commands.add_page(project, lesson, "One")
    second = commands.add_page(project, lesson, "Two")
    heard.clear()
    commands.rename(project, first, "Renamed")
    (changes,) = heard
    assert changes.items == Rows(updated=frozenset({first}))
    assert changes.touches(first) and not changes.touches(second)
    assert changes.touches_any([second, first]) and not changes.touches_any([second, "", None])


def test_a_reorder_touches_the_container_not_the_rows_that_only_moved_along(
        project, lesson, heard):
    pages = [commands.add_page(project, lesson, f"P{n}") for n in range(3)]
    heard.clear()
    commands.move(project, pages[2], index=0)
    (changes,) = heard
    assert changes.items.updated == frozenset(pages)  # every position was rewritten
    assert changes.touches(lesson)
    assert not changes.touches(pages[0]) and not changes.touches(pages[2])


def test_a_move_to_another_lesson_touches_both_lessons(project, lesson, heard):
    other = commands.add_lesson(project, project.course().modules[0].id, "Other")
    page = commands.add_page(project, lesson, "Moving")
    heard.clear()
    commands.move(project, page, to=other, index=0)
    (changes,) = heard
    assert changes.touches(page) and changes.touches(lesson) and changes.touches(other)


def test_a_delete_names_every_row_it_removed(project, lesson, heard):
    quiz = commands.add_quiz(project, lesson, "Check")
    question = commands.add_question(project, quiz, "truefalse", "Sky is blue?",
                                     data={"answer": True})
    heard.clear()
    commands.remove(project, lesson)
    (changes,) = heard
    assert changes.lessons.deleted == {lesson}
    assert changes.items.deleted == {quiz}
    assert changes.questions.deleted == {question}
    assert changes.touches(lesson) and changes.touches(quiz) and changes.touches(question)
    assert changes.touches(project.course().modules[0].id)


def test_a_question_edit_touches_its_quiz(project, lesson, heard):
    quiz = commands.add_quiz(project, lesson, "Check")
    question = commands.add_question(project, quiz, "truefalse", "Sky is blue?",
                                     data={"answer": True})
    heard.clear()
    commands.edit_question(project, question, prompt="Is the sky blue?")
    (changes,) = heard
    assert changes.questions == Rows(updated=frozenset({question}))
    assert changes.touches(quiz) and not changes.touches(lesson)
    assert not changes.outline


def test_course_settings_and_assets(project, video_asset, heard):
    commands.set_course(project, title="Renamed course")
    assert heard[-1].course and not heard[-1].outline and not heard[-1].touches("anything")
    heard.clear()
    commands.add_asset(project, "ab" * 32, "x.png", "x.png", "image", 10)
    (changes,) = heard
    assert changes.media and len(changes.assets.inserted) == 1 and not changes.course


def test_undo_and_redo_report_the_applied_changes(project, lesson, heard):
    page = commands.add_page(project, lesson, "Notes")
    heard.clear()
    assert project.undo() == "Add page “Notes”"
    assert project.redo() == "Add page “Notes”"
    undone, redone = heard
    assert (undone.source, undone.label) == (Source.UNDO, "Undo Add page “Notes”")
    assert undone.items == Rows(deleted=frozenset({page})) and undone.touches(lesson)
    assert (redone.source, redone.label) == (Source.REDO, "Redo Add page “Notes”")
    assert redone.items == Rows(inserted=frozenset({page})) and redone.touches(lesson)


def test_history_undo_returns_the_rows_as_written_back(project, lesson):
    page = commands.add_page(project, lesson, "Notes")
    commands.rename(project, page, "Renamed")
    step = project.history.undo()
    assert step.name == "Rename to “Renamed”"
    (change,) = step.changes
    assert (change.table, change.id) == ("items", page)
    assert change.before["title"] == "Renamed" and change.after["title"] == "Notes"


def test_a_group_is_one_change_set_with_every_row(project, lesson, heard):
    with project.group("Two pages"):
        first = commands.add_page(project, lesson, "One")
        second = commands.add_page(project, lesson, "Two")
        commands.rename(project, first, "First")
    (changes,) = heard
    assert changes.name == "Two pages"
    assert changes.items == Rows(inserted=frozenset({first, second}))
    heard.clear()
    project.undo()
    assert heard[0].items == Rows(deleted=frozenset({first, second}))


def test_an_edit_that_changes_nothing_is_not_announced(project, lesson, heard):
    page = commands.add_page(project, lesson, "Same")
    heard.clear()
    commands.rename(project, page, "Same")
    assert heard == []


def test_writes_from_another_connection_are_caught_up_from_the_history(project, lesson, heard):
    with Project.open(project.path) as other:
        page = commands.add_page(other, lesson, "From a job")
        commands.rename(other, lesson, "Renamed by a job")
    changes = project.catch_up("Import")
    assert heard == [changes]
    assert (changes.name, changes.source, changes.everything) == ("Import", Source.EXTERNAL,
                                                                  False)
    assert changes.items.inserted == {page} and changes.lessons.updated == {lesson}
    assert project.catch_up("Nothing since").touches(lesson) is False


def test_unknown_rows_from_elsewhere_touch_everything(project, lesson, heard, monkeypatch):
    from studio import history

    monkeypatch.setattr(history, "MAX_ENTRIES", 1)
    with Project.open(project.path) as other:
        commands.add_page(other, lesson, "A")
        commands.add_page(other, lesson, "B")  # trims the entry of "A"
    changes = project.catch_up("Import")
    assert changes.everything and changes.touches("any id") and changes.outline


def test_changes_join_in_order():
    inserted = ChangeSet.from_rows("a", [RowChange("items", "i", None, {"lesson_id": "L"})])
    deleted = ChangeSet.from_rows("b", [RowChange("items", "i", {"lesson_id": "L"}, None)])
    both = inserted | deleted
    assert both.name == "b" and not both.items and both.touches("L")
    renamed = ChangeSet.from_rows("c", [RowChange("modules", "m", {"title": "x"},
                                                  {"title": "y"})])
    assert (deleted | renamed).modules.updated == {"m"}
    assert not ChangeSet("nothing") and ChangeSet.everything_changed("x")

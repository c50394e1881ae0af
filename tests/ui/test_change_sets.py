"""Panels redraw from what an edit changed; commands answer with a typed outcome."""

from __future__ import annotations

from studio import commands
from studio.changes import ChangeSet, Source
from studio.model import Quiz


def _counts(window) -> tuple[int, int, int]:
    return window.timeline.draws, window.inspector.builds, window.preview.builds


def _watch_outline(window) -> list[str]:
    model, signals = window.outline.model, []
    for name in ("modelReset", "rowsInserted", "rowsRemoved", "rowsMoved", "dataChanged"):
        getattr(model, name).connect(lambda *_a, n=name: signals.append(n))
    return signals


def test_an_edit_to_one_item_redraws_only_the_panels_showing_it(window, qtbot):
    session = window.session
    welcome, blocks = session.course().lessons()[0], session.course().lessons()[1]
    shown, other = welcome.items[0], welcome.items[1]
    session.select(shown.id)
    qtbot.wait(20)
    heard: list[ChangeSet] = []
    session.changed.connect(heard.append)
    outline = _watch_outline(window)
    resets: list[int] = []
    window.media_bin.model.modelReset.connect(lambda: resets.append(1))
    before = _counts(window)

    # an item of another lesson: one outline row, no other panel
    session.run(commands.rename, blocks.items[0].id, "Elsewhere")
    qtbot.wait(20)
    assert heard[-1].touches(blocks.items[0].id) and not heard[-1].touches(shown.id)
    assert outline == ["dataChanged"] and _counts(window) == before

    # a sibling in the shown lesson: the timeline shows it, the inspector and preview do not
    outline.clear()
    session.run(commands.rename, other.id, "Sibling")
    qtbot.wait(20)
    assert outline == ["dataChanged"]
    assert _counts(window) == (before[0] + 1, before[1], before[2])

    # the shown item itself: the timeline, the inspector and the preview, once each
    outline.clear()
    session.run(commands.rename, shown.id, "Shown")
    qtbot.wait(20)
    assert _counts(window) == (before[0] + 2, before[1] + 1, before[2] + 1)
    assert window.inspector.form.itemAt(0, window.inspector.form.ItemRole.FieldRole) \
        .widget().text() == "Shown"

    # a question of a quiz nobody shows: no outline row, no panel, no media
    outline.clear()
    quiz = next(i for i in session.course().items() if isinstance(i, Quiz))
    counts = _counts(window)
    session.run(commands.edit_question, quiz.questions[0].id, prompt="Reworded")
    qtbot.wait(20)
    assert heard[-1].touches(quiz.id) and not heard[-1].outline
    assert outline == [] and _counts(window) == counts and resets == []

    # undo says what it undid, and the shown panels follow it
    session.undo()
    qtbot.wait(20)
    assert heard[-1].source is Source.UNDO and outline == [] and _counts(window) == counts
    session.undo()
    qtbot.wait(20)
    assert heard[-1].touches(shown.id)
    assert _counts(window) == (counts[0] + 1, counts[1] + 1, counts[2] + 1)
    assert window.errors == []


def test_course_settings_change_the_title_and_no_panel(window, qtbot):
    session = window.session
    session.select(session.course().lessons()[0].items[0].id)
    qtbot.wait(20)
    outline, before = _watch_outline(window), _counts(window)
    done = session.run(commands.set_course, title="Renamed tour")
    qtbot.wait(20)
    assert done.ok and done.changes.course and not done.changes.outline
    assert window.windowTitle().startswith("Renamed tour")
    assert outline == [] and _counts(window) == before


def test_run_returns_an_outcome_instead_of_leaving_an_error_behind(window, qtbot):
    session = window.session
    lesson = session.course().lessons()[0].id
    added = session.run(commands.add_page, lesson, "Notes", "Text")
    assert added.ok and added.error is None and added.value
    assert added.changes.items.inserted == {added.value} and added.changes.touches(lesson)
    refused = session.run(commands.rename, added.value, "   ")
    assert not refused.ok and refused.value is None and refused.changes is None
    assert refused.error == window.errors[-1]
    assert not hasattr(session, "last_error") and not hasattr(session, "state_of")
    undone = session.undo()
    assert undone.ok and undone.value == "Add page “Notes”"
    assert undone.changes.source is Source.UNDO
    assert undone.changes.items.deleted == {added.value}


def test_a_writing_job_reports_the_rows_it_added(window, sample, tmp_path, qtbot):
    session = window.session
    heard: list[ChangeSet] = []
    session.changed.connect(heard.append)
    lesson = session.course().lessons()[0].id

    def work(project, progress, token):
        return commands.add_page(project, lesson, "From a job", "")

    job = session.start_job("Add a page", work, writes=True)
    qtbot.waitUntil(lambda: job.done and bool(heard), timeout=10000)
    (changes,) = heard
    assert changes.source is Source.EXTERNAL and not changes.everything
    assert changes.touches(lesson) and len(changes.items.inserted) == 1
    page = next(iter(changes.items.inserted))
    assert window.outline.model.index_of_id(page).isValid()

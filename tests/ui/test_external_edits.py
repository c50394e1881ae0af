"""The window notices what another process writes to its project, and refuses what it must."""

from __future__ import annotations

from cli_runner import studio
from PySide6.QtCore import Qt

from studio.changes import ChangeSet


def test_an_edit_from_a_script_shows_in_the_open_window(window, sample, qtbot):
    session = window.session
    module = session.course().modules[0].id
    heard: list[ChangeSet] = []
    session.changed.connect(heard.append)
    studio("rename", sample, module, "Renamed by a script")
    qtbot.waitUntil(lambda: any(c.touches(module) for c in heard), timeout=5000)
    assert session.course().modules[0].title == "Renamed by a script"
    index = window.outline.model.index_of_id(module)
    assert window.outline.model.data(index, Qt.ItemDataRole.DisplayRole).startswith(
        "Renamed by a script")

    studio("undo", sample)
    qtbot.waitUntil(lambda: session.course().modules[0].title != "Renamed by a script",
                    timeout=5000)
    # the window's undo acts on the history as it now is: the script's undo is not undone
    # again; the next entry down is
    before = session.project.history.undo_name()
    outcome = session.undo()
    assert outcome.ok and outcome.value == before


def test_a_write_protected_project_opens_and_refuses_edits_in_a_dialog_message(qtbot, sample):
    from studio import commands
    from studio.ui.main_window import MainWindow

    everything = [sample, *sample.rglob("*")]
    for p in everything:
        p.chmod(p.stat().st_mode & ~0o222)
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        assert win.open_project(sample), win.errors
        module = win.session.course().modules[0].id
        failed: list[str] = []
        win.session.failed.connect(failed.append)
        outcome = win.session.run(commands.rename, module, "No")
        assert not outcome.ok and "read-only" in outcome.error and failed
        win.close()
    finally:
        for p in everything:
            p.chmod(p.stat().st_mode | 0o200)

"""The translation tab's job line does not outlive the course it spoke of: a refusal goes
at the next edit, an import's counts at Undo; an import draws the table once."""

from __future__ import annotations

from studio.media.translation_io import course_segments
from studio.translation.units import SegmentState
from studio.translation.xliff import write_xliff
from studio.ui.translation_window import start_import
from tests.ui.test_translation_panel import add_french, item_named, open_tab, type_in_cell


def french_file(window, path, every: bool = True):
    project = window.session.project
    course, found = project.course(), course_segments(project)
    path.write_bytes(write_xliff(
        course_id=course.identifier, course_title=course.title,
        source_language=course.language, target_language="fr", segments=found,
        states={s.id: (SegmentState.NEW, None) for s in found},
        targets={s.id: f"FR {s.text}" for s in (found if every else found[:1])}))
    return path


def finish(qtbot, job):
    with qtbot.waitSignal(job.ended, timeout=60000):
        pass


def test_a_refusal_goes_at_the_next_edit_and_an_import_line_at_undo(qtbot, window,
                                                                      tmp_path):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    bad = tmp_path / "bad_ph.xlf"
    bad.write_bytes(b"<xliff>not a translation")
    finish(qtbot, start_import(window, bad))
    qtbot.waitUntil(lambda: "bad_ph.xlf was not imported" in panel.job_label.text())
    slide = item_named(window, "What a course is made of")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: any(s.id == f"{slide.id}.title" for s in panel.table.segments))
    row = next(r for r, s in enumerate(panel.table.segments) if s.id == f"{slide.id}.title")
    type_in_cell(qtbot, panel.table, row, "De quoi est fait un cours")
    qtbot.waitUntil(lambda: not panel.job_label.isVisible())
    assert "not imported" not in panel.job_label.text()

    finish(qtbot, start_import(window, french_file(window, tmp_path / "c.fr.xlf")))
    qtbot.waitUntil(lambda: panel.job_label.text().startswith("Imported French"))
    window.undo_action.trigger()  # Edit ▸ Undo: the import
    qtbot.waitUntil(lambda: not panel.job_label.isVisible())
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: "fr: up to date" in panel.drift.text())
    assert not panel.job_label.text().startswith("Imported")


def test_an_import_fills_the_table_once(qtbot, window, tmp_path):
    panel = open_tab(qtbot, window)
    add_french(qtbot, window, panel)
    panel.whole.setChecked(True)
    qtbot.waitUntil(lambda: panel.table.rowCount() > 100)
    drawn = []
    panel.table.show_rows = (lambda real: lambda *a: (drawn.append(1), real(*a)))(
        panel.table.show_rows)
    finish(qtbot, start_import(window, french_file(window, tmp_path / "c.fr.xlf")))
    qtbot.waitUntil(lambda: panel.job_label.text().startswith("Imported French"))
    window.session.poll_external()  # the job's commit, seen from the window's connection
    qtbot.wait(200)
    assert len(drawn) == 1
    assert panel.job_label.text().startswith("Imported French")
    assert panel.table.item(0, 2).text().startswith("FR ")

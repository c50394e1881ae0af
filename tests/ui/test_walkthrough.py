"""A designer's first course, in the window only: new course → module and lesson → a video
imported into the lesson → trim and split → a cue point with a question → a PowerPoint deck →
a quiz of three question types → preview as learner → export SCORM 1.2 → validated.

Each step keeps a screenshot (build/test-artifacts/test_a_designers_first_course/NN-step.png,
or under STUDIO_TEST_ARTIFACTS) so a person can look at what the designer saw.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog

from studio.export.validate import validate_package
from studio.model import Quiz, Slide, VideoClip
from studio.ui.cue_panel import CuePanel
from studio.ui.main_window import MainWindow
from studio.ui.question_form import QuestionDialog
from studio.ui.quiz_editor import QuizEditor
from tests.slides_decks import build_deck
from tests.ui.conftest import make_clip

LOAD_TIMEOUT = 120000  # ms: exports render the clip, on a loaded machine


class Camera:
    """Screenshots of the window (and of dialogs on top of it), numbered in step order."""

    def __init__(self, folder: Path):
        self.folder, self.shots = folder, []

    def __call__(self, window, step: str, widget=None) -> Path:
        QApplication.processEvents()
        path = self.folder / f"{len(self.shots) + 1:02d}-{step}.png"
        assert (widget or window).grab().save(str(path)), path
        self.shots.append(path)
        return path


def lesson_items(window, lesson_id: str):
    return window.session.find(lesson_id).items


def fill_dialog_when_open(qtbot, fill) -> None:
    """Fill the next question dialog as soon as it shows (it may be modal, with its own
    event loop), then press its OK."""
    timer = QTimer(interval=20)

    def run():
        dialog = next((d for d in QApplication.topLevelWidgets()
                       if isinstance(d, QuestionDialog) and d.isVisible()), None)
        if dialog is None:
            return
        timer.stop()
        fill(dialog)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert dialog.result() == 1, dialog.error.text()
    timer.timeout.connect(run)
    timer.start()
    fill_dialog_when_open.timers.append(timer)  # alive until it has run


fill_dialog_when_open.timers = []


def choose_type(dialog, qtype: str, prompt: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(qtype))
    dialog.prompt.setPlainText(prompt)


def test_a_designers_first_course(qtbot, tmp_path, monkeypatch, artifacts):
    shoot = Camera(artifacts)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    shoot(window, "start-screen")

    # 1. a new course, from one dialog
    dialog = window.new_project()
    dialog.folder_edit.setText(str(tmp_path))
    qtbot.keyClicks(dialog.title_edit, "Workplace safety")
    shoot(window, "new-course-dialog", dialog)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session.course().title == "Workplace safety"
    shoot(window, "empty-course")

    # 2. structure: a module and a lesson, through the menu actions
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda parent, title, label, text="": ("Week 1" if "module" in title else
                                               "Hazards", True)))
    window.add_module_action.trigger()
    window.add_lesson_action.trigger()
    [module] = window.session.course().modules
    [lesson] = module.lessons
    assert (module.title, lesson.title) == ("Week 1", "Hazards")
    window.session.select(lesson.id)
    shoot(window, "module-and-lesson")

    # 3. a video imported with the lesson selected lands in the lesson (Ctrl+I)
    clip_file = make_clip(tmp_path / "walk-through.mp4", seconds=6.0)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    asked: list = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
        lambda *args, **kwargs: asked.append("asked") or ([str(clip_file)], "")))
    qtbot.keyClick(window.timeline, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["asked"]
    qtbot.waitUntil(lambda: len(lesson_items(window, lesson.id)) == 1, timeout=LOAD_TIMEOUT)
    [clip] = lesson_items(window, lesson.id)
    assert isinstance(clip, VideoClip) and clip.asset_id in window.session.course().assets
    window.session.select(clip.id)
    shoot(window, "video-in-the-lesson")

    # 4. trim: the In field takes "0:01" when committed
    field = window.inspector.time_fields["in_point"]
    field.selectAll()
    qtbot.keyClicks(field.lineEdit(), "0:01")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.find(clip.id).in_point == 1.0)

    # 5. split at the playhead with S on the timeline
    view = window.timeline
    view.setFocus()
    view.set_playhead(2.5)
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: len(lesson_items(window, lesson.id)) == 2)
    first, second = lesson_items(window, lesson.id)
    assert (first.title, second.title) == ("walk-through (1)", "walk-through (2)")
    # the playhead (source 3.5 s) falls between frames 87 and 88 of the 25 fps clip: the
    # halves meet on a frame
    assert (first.in_point, first.out_point, second.in_point) == (1.0, 3.52, 3.52)
    shoot(window, "trimmed-and-split")

    # 6. a cue point at the playhead (M) with a true/false question
    window.session.select(first.id)
    view.setFocus()
    view.set_playhead(1.5)
    qtbot.keyClick(view, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: len(window.session.find(first.id).cue_points) == 1)
    [cue] = window.session.find(first.id).cue_points
    assert cue.time == 2.5  # source seconds: lesson 1.5 s + the in point
    window.session.select_cue(first.id, cue.id)

    def cue_panel():
        panel = window.inspector.widget().findChild(CuePanel)
        return panel if panel is not None and panel.cue == cue else None
    qtbot.waitUntil(lambda: cue_panel() is not None)
    panel = cue_panel()
    add = panel.buttons["add"]

    def true_false(dialog):
        choose_type(dialog, "truefalse", "Hazards must be reported at once.")
        dialog.editor("truefalse").true.click()
    fill_dialog_when_open(qtbot, true_false)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.session.find(first.id).questions) == 1)
    asked = window.session.find(first.id).questions[0]
    assert (asked.type, asked.cue_id, asked.data["answer"]) == ("truefalse", cue.id, True)
    shoot(window, "cue-point-with-a-question")

    # 7. a PowerPoint deck into the lesson
    deck = build_deck(tmp_path / "hazards.pptx")
    window.session.select(lesson.id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *args, **kwargs: (str(deck), "")))
    window.deck_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(i, Slide) for i in lesson_items(window, lesson.id)),
                    timeout=LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=LOAD_TIMEOUT)
    slides = [i for i in lesson_items(window, lesson.id) if isinstance(i, Slide)]
    assert len(slides) >= 2
    window.session.select(slides[0].id)
    shoot(window, "deck-slides")

    # 8. a quiz of three question types, through the form editors
    window.session.select(lesson.id)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *args, **kwargs: ("Check your knowledge", True)))
    window.add_quiz_action.trigger()
    quiz = next(i for i in lesson_items(window, lesson.id) if isinstance(i, Quiz))
    window.session.select(quiz.id)
    qtbot.waitUntil(lambda: window.inspector.findChild(QuizEditor) is not None)

    def choice(dialog):
        choose_type(dialog, "choice", "Which sign warns of a hazard?")
        editor = dialog.editor("choice")
        editor.table.item(0, 1).setText("A yellow triangle")
        editor.table.item(1, 1).setText("A green square")
        editor.table.item(1, 2).setText("Green signs show safe conditions.")

    def numeric(dialog):
        choose_type(dialog, "numeric", "How many minutes may pass before a report?")
        editor = dialog.editor("numeric")
        editor.exact.click()
        editor.value.setText("15")
        editor.tolerance.setText("0")

    def matching(dialog):
        choose_type(dialog, "matching", "Match each sign to its colour.")
        editor = dialog.editor("matching")
        for row, (left, right) in enumerate((("Warning", "Yellow"), ("Safe", "Green"))):
            editor.table.item(row, 0).setText(left)
            editor.table.item(row, 1).setText(right)

    for count, fill in enumerate((choice, numeric, matching), start=1):
        qtbot.waitUntil(lambda n=count: window.inspector.widget().findChild(QuizEditor)
                        is not None and window.inspector.widget().findChild(
                            QuizEditor).list.count() == n - 1)
        fill_dialog_when_open(qtbot, fill)
        qtbot.mouseClick(window.inspector.widget().findChild(QuizEditor).buttons["add"],
                         Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=count: len(window.session.find(quiz.id).questions) == n)
    stored = window.session.find(quiz.id).questions
    assert [q.type for q in stored] == ["choice", "numeric", "matching"]
    assert stored[0].data["choices"][1]["feedback"] == "Green signs show safe conditions."
    assert [p["right"] for p in stored[2].data["pairs"]] == ["Yellow", "Green"]
    shoot(window, "quiz-of-three-types")
    # the window's quiz preview grades the quiz as the player would
    quiz_preview = window.preview.quiz_area.widget()
    quiz_preview.views[0].buttons["a"].click()
    quiz_preview.grade()
    assert quiz_preview.views[0].verdict.text().startswith("Correct")
    shoot(window, "quiz-graded-in-the-window")

    # 9. preview as learner, inside the studio
    window.session.select(lesson.id)
    window.learner_action.trigger()
    preview = window.learner_window
    qtbot.waitUntil(lambda: preview.page is not None or bool(window.errors),
                    timeout=LOAD_TIMEOUT)
    assert window.errors == []
    qtbot.waitUntil(lambda: any(c.call == "Initialize" for c in preview.panel.record.calls),
                    timeout=30000)
    qtbot.wait(500)
    shoot(window, "preview-as-learner", preview)
    preview.close()

    # 10. export SCORM 1.2 from the dialog, and the package is valid
    dialog = window.export()
    dialog.format.setCurrentIndex(dialog.format.findData("scorm12"))
    target = tmp_path / "workplace-safety-scorm12.zip"
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.folder_button.isVisible(), timeout=LOAD_TIMEOUT)
    shoot(window, "exported", dialog)
    report = validate_package(target)
    assert report.kind == "scorm12" and report.ok, report.errors
    dialog.close()
    assert window.save_status.text() == "All changes saved"

    assert len(shoot.shots) >= 12 and all(p.stat().st_size > 5000 for p in shoot.shots)
    print(f"screenshots: {artifacts}")
    window.close()

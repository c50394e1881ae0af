"""Fields read what is typed when it is committed, refuse with the reason and show the stored
value again; languages are picked from a searchable list of BCP 47 tags."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from studio import commands
from studio.model import VideoClip


def long_clip(window, qtbot) -> str:
    """A clip of a 40-second source in the first lesson, shown in the inspector."""
    session = window.session
    course = session.course()
    video = next(i for i in course.items() if isinstance(i, VideoClip))
    stored = course.assets[video.asset_id]
    asset = session.run(commands.add_asset, "f" * 64, stored.filename, "long.mp4", "video",
                        1000, duration=40.0).value
    clip = session.run(commands.add_video, course.lessons()[0].id, asset).value
    session.select(clip)
    qtbot.waitUntil(lambda: window.inspector.shown == clip, timeout=3000)
    return clip


def time_field(window, qtbot, name: str):
    qtbot.wait(10)  # a rebuild after the last edit runs first
    return window.inspector.time_fields[name]


def retype(qtbot, field, text: str) -> None:
    """Click into a field, select what it shows and type over it, as a person does."""
    editor = field.lineEdit()
    field.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_a_time_is_read_when_committed_not_while_typed(window, qtbot):
    clip = long_clip(window, qtbot)
    in_field = time_field(window, qtbot, "in_point")
    assert in_field.text() == "0:00.00"
    assert "0:00.00 to 0:40.00" in in_field.toolTip()
    retype(qtbot, in_field, "25")
    assert in_field.text() == "25"  # nothing cut short while typing
    assert window.session.find(clip).in_point == 0
    qtbot.keyClick(in_field.lineEdit(), Qt.Key.Key_Return)
    assert window.session.find(clip).in_point == 25
    assert window.session.project.history.undo_name() == "Trim clip"

    out_field = time_field(window, qtbot, "out_point")
    assert out_field.text() == "0:40.00"
    retype(qtbot, out_field, "0:32.5")
    assert window.session.find(clip).out_point == 40
    out_field.clearFocus()  # leaving the field commits it too
    assert window.session.find(clip).out_point == 32.5
    assert time_field(window, qtbot, "out_point").text() == "0:32.50"
    assert window.errors == []


def test_a_refused_time_says_why_and_shows_the_stored_value(window, qtbot):
    clip = long_clip(window, qtbot)
    window.session.run(commands.trim, clip, in_point=2.0)
    out_field = time_field(window, qtbot, "out_point")
    retype(qtbot, out_field, "1")
    qtbot.keyClick(out_field.lineEdit(), Qt.Key.Key_Return)
    assert window.session.find(clip).out_point == 40  # the core refused: in is at 2 s
    assert out_field.text() == "0:40.00"
    assert out_field.message.isVisible()
    assert "must come after the in point" in out_field.message.text()
    assert window.errors[-1] == out_field.message.text()

    for typed, reason in (("abc", "'abc' is not a time"), ("1:75", "under 60"),
                          ("41", "Out must be from 0:00.00 to 0:40.00.")):
        retype(qtbot, out_field, typed)
        qtbot.keyClick(out_field.lineEdit(), Qt.Key.Key_Return)
        assert reason in out_field.message.text()
        assert out_field.text() == "0:40.00"
    assert window.session.find(clip).out_point == 40

    retype(qtbot, out_field, "00:00:25.5")
    qtbot.keyClick(out_field.lineEdit(), Qt.Key.Key_Escape)  # Esc: back to the stored value
    assert out_field.text() == "0:40.00" and window.session.find(clip).out_point == 40


def test_number_settings_commit_on_enter_or_leaving_and_revert_when_refused(window, qtbot):
    lesson = window.session.course().lessons()[0].id
    quiz = window.session.run(commands.add_quiz, lesson, "Check").value
    window.session.select(quiz)
    qtbot.waitUntil(lambda: window.inspector.shown == quiz, timeout=3000)
    qtbot.wait(10)
    pass_mark = window.inspector.fields["pass_mark"]
    assert pass_mark.toolTip().startswith("Pass mark: 0 % to 100 %.")
    retype(qtbot, pass_mark, "250")
    assert pass_mark.cleanText() == "250"
    qtbot.keyClick(pass_mark.lineEdit(), Qt.Key.Key_Return)
    assert pass_mark.message.text() == "Pass mark must be between 0 and 100."
    assert pass_mark.text() == "70.00 %" and window.session.find(quiz).pass_mark == 70

    retype(qtbot, pass_mark, "85")
    assert window.session.find(quiz).pass_mark == 70
    pass_mark.clearFocus()
    assert window.session.find(quiz).pass_mark == 85

    qtbot.wait(10)
    attempts = window.inspector.fields["attempts"]
    assert attempts.text() == "unlimited"
    assert attempts.toolTip().startswith("Attempts: 0 (unlimited) to 1000.")
    retype(qtbot, attempts, "2.5")
    qtbot.keyClick(attempts.lineEdit(), Qt.Key.Key_Return)
    assert attempts.message.text() == "Attempts takes a whole number."
    assert attempts.text() == "unlimited" and window.session.find(quiz).attempts == 0
    retype(qtbot, attempts, "3")
    qtbot.keyClick(attempts.lineEdit(), Qt.Key.Key_Return)
    assert window.session.find(quiz).attempts == 3


def test_the_slide_duration_takes_times_too(window, qtbot):
    slide = next(i for i in window.session.course().items() if i.kind == "slide")
    window.session.select(slide.id)
    qtbot.waitUntil(lambda: window.inspector.shown == slide.id, timeout=3000)
    qtbot.wait(10)
    shown_for = window.inspector.fields["duration"]
    retype(qtbot, shown_for, "1:02.5")
    qtbot.keyClick(shown_for.lineEdit(), Qt.Key.Key_Return)
    assert window.session.find(slide.id).slide_duration == 62.5


def settings_dialog(window):
    from studio.ui.course_settings import CourseSettingsDialog

    dialog = CourseSettingsDialog(window.session, window)
    dialog.show()
    return dialog


def test_the_language_picker_finds_by_name_and_commits_the_tag(window, qtbot):
    dialog = settings_dialog(window)
    picker = dialog.language
    assert picker.currentText() == "English — en"
    retype(qtbot, picker, "fren")
    finder = picker.completer()
    qtbot.waitUntil(finder.popup().isVisible, timeout=3000)
    shown = [finder.completionModel().index(row, 0).data()
             for row in range(finder.completionCount())]
    assert shown[:3] == ["French — fr", "French (France) — fr-FR", "French (Belgium) — fr-BE"]
    assert all("fren" in label.casefold() for label in shown)
    assert window.session.course().language == "en"
    popup = finder.popup()
    popup.setCurrentIndex(finder.completionModel().index(1, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.tag() == "fr-FR", timeout=3000)
    assert picker.currentText() == "French (France) — fr-FR"
    assert not picker.message.isVisible()
    dialog.accept()
    assert window.session.course().language == "fr-FR"

    dialog = settings_dialog(window)  # a tag typed in any case is taken normalised
    retype(qtbot, dialog.language, "pt_br")
    qtbot.keyClick(dialog.language.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.language.tag() == "pt-BR", timeout=3000)
    assert dialog.language.currentText() == "Portuguese (Brazil) — pt-BR"
    dialog.accept()
    assert window.session.course().language == "pt-BR"


def test_an_invalid_language_is_refused_and_reverted(window, qtbot):
    dialog = settings_dialog(window)
    picker = dialog.language
    retype(qtbot, picker, "English (UK)!!")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    qtbot.wait(20)
    assert picker.message.text() == ("'English (UK)!!' is not a language tag (BCP 47), "
                                     "e.g. en-GB")
    assert picker.message.isVisible()
    assert picker.currentText() == "English — en" and picker.tag() == "en"
    assert dialog.isVisible()  # Enter reached OK: the dialog waits for a second look
    assert window.session.course().language == "en"
    dialog.close()


def test_the_caption_language_is_picked_refused_and_normalised(window, tmp_path, qtbot,
                                                               monkeypatch):
    from PySide6.QtWidgets import QApplication, QFileDialog

    clip = next(i for i in window.session.course().items() if isinstance(i, VideoClip))
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id, timeout=3000)
    captions = tmp_path / "talk.srt"
    captions.write_text("1\n00:00:00,000 --> 00:00:01,000\nGrüezi\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(captions), "")))
    seen: list[str] = []

    def answer() -> None:  # what a person does in the language dialog
        dialog = QApplication.activeModalWidget()
        picker = dialog.picker
        seen.append(picker.currentText())
        retype(qtbot, picker, "Klingon!")
        qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)  # refused: the dialog stays
        seen.append(picker.message.text())
        assert dialog.isVisible()
        retype(qtbot, picker, "de_ch")
        qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    window.inspector.choose_captions(clip.id)
    assert seen == ["English — en",
                    "'Klingon!' is not a language tag (BCP 47), e.g. en-GB"]
    # the sample clip's own English captions, then the track just attached
    assert [t.language for t in window.session.find(clip.id).captions] == ["en", "de-CH"]


def test_the_wheel_scrolls_past_a_field_it_does_not_edit(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    clip = long_clip(window, qtbot)
    in_field = time_field(window, qtbot, "in_point")
    window.timeline.setFocus()
    centre = QPointF(in_field.rect().center())
    wheel = QWheelEvent(centre, in_field.mapToGlobal(centre), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(in_field, wheel)
    assert not wheel.isAccepted()
    assert window.session.find(clip).in_point == 0 and in_field.text() == "0:00.00"


def test_leaving_a_field_that_shows_a_rounded_value_edits_nothing(window, qtbot):
    """A split at 8.325 s shows as 0:08.33 (or .32): passing through the field with Tab or
    Enter must not trim the clip to what is shown, nor add an undo step."""
    clip = long_clip(window, qtbot)
    window.session.run(commands.trim, clip, in_point=8.325, out_point=30.0)
    history = window.session.project.history.entries()
    for name in ("in_point", "out_point"):
        field = time_field(window, qtbot, name)
        field.setFocus()
        qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
        field.clearFocus()
        field.interpretText()  # what Qt does when a spin box loses focus
    qtbot.wait(10)
    assert window.session.find(clip).in_point == 8.325
    assert window.session.project.history.entries() == history

"""The course glossary dialog (each edit one undo step, the items using a word offered for
re-voicing), captions under the preview following the playhead, and the course's voice
defaults in the settings dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.commands.narration import apply_track
from studio.model import NarrationTrack, Slide, SpokenSentence, VideoClip
from studio.ui.course_settings import CourseSettingsDialog
from studio.ui.narration_glossary import GlossaryDialog

VTT = ("WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHello <b>there</b>\n\n"
       "00:00:02.000 --> 00:00:03.000\nSecond &amp; last\n")


def glossary(window) -> tuple:
    return window.session.course().settings.glossary


def test_glossary_entries_are_added_changed_and_removed_each_undoable(window, qtbot):
    dialog = GlossaryDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.word, "SCORM")
    qtbot.keyClicks(dialog.say, "skorm")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [(e.word, e.say, e.kind) for e in glossary(window)] == [("SCORM", "skorm", "respell")]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=3000)
    assert dialog.table.item(0, 1).text() == "skorm"
    # no item is narrated yet: nothing to re-voice
    assert "No narrated item" in dialog.users.text() and not dialog.revoice_button.isVisible()

    dialog.say.clear()
    qtbot.keyClicks(dialog.say, "score-m")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [e.say for e in glossary(window)] == ["score-m"]
    window.undo_action.trigger()
    assert [e.say for e in glossary(window)] == ["skorm"]

    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert glossary(window) == ()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=3000)
    window.undo_action.trigger()
    assert [e.word for e in glossary(window)] == ["SCORM"]


def test_a_glossary_word_without_a_word_is_refused_in_one_line(window, qtbot):
    dialog = GlossaryDialog(window.session, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.say, "nothing")
    assert not dialog.save_entry()
    assert window.errors and "\n" not in window.errors[-1]
    assert glossary(window) == ()


def test_an_edit_offers_to_revoice_the_narrated_items_using_the_word(window, qtbot):
    course = window.session.course()
    slide = [i for i in course.items() if isinstance(i, Slide)][2]  # its notes: "The LMS records…"
    language = course.language
    track = NarrationTrack(language, "aligned", None, None, 2.0,
                           (SpokenSentence("The LMS records progress.", 0.0, 2.0),))
    assert window.session.run(apply_track, slide.id, track).ok
    dialog = GlossaryDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.word, "LMS")
    qtbot.keyClicks(dialog.say, "el em ess")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.user_ids == [slide.id]
    assert dialog.users.text().startswith("1 narrated item use")
    assert dialog.revoice_button.isVisible()


def test_captions_follow_the_playhead_under_the_preview(window, tmp_path, qtbot):
    clip = next(i for i in window.session.course().items() if isinstance(i, VideoClip))
    captions = tmp_path / "welcome.vtt"
    captions.write_text(VTT, encoding="utf-8")
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id, timeout=3000)
    assert window.inspector.attach_captions(clip.id, captions, "en")
    window.session.select(clip.lesson_id)
    line = window.preview.caption_line
    start = next(b for b in window.timeline.boxes if b.item_id == clip.id).start
    for at, text in ((0.2, ""), (1.0, "Hello there"), (1.7, ""), (2.5, "Second & last")):
        window.timeline.set_playhead(start + at - clip.in_point)
        qtbot.waitUntil(lambda t=text: line.text() == t, timeout=3000)
        assert line.isVisible()  # the band stays while on a captioned item
    # a slide without captions: no band
    slide = next(i for i in window.session.course().items() if isinstance(i, Slide))
    window.session.select(slide.lesson_id)
    qtbot.waitUntil(lambda: any(b.item_id == slide.id for b in window.timeline.boxes),
                    timeout=3000)
    window.timeline.set_playhead(0.5)
    qtbot.waitUntil(lambda: not line.isVisible(), timeout=3000)


def test_the_settings_dialog_sets_the_course_voice_defaults(window, qtbot):
    dialog = CourseSettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    settings = window.session.course().settings
    assert dialog.voice.rate.value() == settings.narration_rate
    assert dialog.voice.pitch.value() == settings.narration_pitch
    assert dialog.loudness.value() == settings.loudness
    dialog.voice.rate.setValue(160)
    dialog.voice.pitch.setValue(40)
    dialog.loudness.setValue(-18.0)
    dialog.accept()
    settings = window.session.course().settings
    assert (settings.narration_rate, settings.narration_pitch, settings.loudness) == \
        (160, 40, -18.0)
    assert settings.narration_engine == "espeak-ng"
    window.undo_action.trigger()
    assert window.session.course().settings.narration_rate == 175


def test_the_band_shows_the_captions_of_what_the_preview_shows(window, tmp_path, qtbot):
    from studio.commands.structure import add_slide
    from studio.ui.narration_jobs import revoice

    course = window.session.course()
    clip = next(i for i in course.items() if isinstance(i, VideoClip))
    slide_id = window.session.run(add_slide, clip.lesson_id, "Before the clip",
                                  notes="The slide speaks.", index=0).value
    clip_vtt = tmp_path / "clip.vtt"
    clip_vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:09:00.000\nThe clip speaks\n",
                        encoding="utf-8")
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.inspector.shown == clip.id, timeout=3000)
    assert window.inspector.attach_captions(clip.id, clip_vtt, "en")
    job = revoice(window.session, [slide_id], "Re-voice the slide")
    qtbot.waitUntil(lambda: job.done, timeout=120000)
    assert job.error == ""
    window.session.select(clip.lesson_id)
    qtbot.waitUntil(lambda: any(b.item_id == slide_id for b in window.timeline.boxes),
                    timeout=3000)
    box = next(b for b in window.timeline.boxes if b.item_id == slide_id)
    window.timeline.set_playhead(box.start + 0.3)
    line = window.preview.caption_line
    qtbot.waitUntil(lambda: line.text() == "The slide speaks.", timeout=3000)
    # the clip chosen in the outline is what the preview shows: its captions, not the slide's
    window.session.select(clip.id)
    qtbot.waitUntil(lambda: window.preview.item is not None
                    and window.preview.item.id == clip.id, timeout=3000)
    qtbot.waitUntil(lambda: line.text() == "The clip speaks", timeout=3000)
    assert line.isVisible()

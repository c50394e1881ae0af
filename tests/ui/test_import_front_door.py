"""The shell and the window import through the same front door of the media room."""

from __future__ import annotations

from cli_runner import run_main

from studio import commands
from studio.media import importer
from studio.media.import_report import FileKind, ImportTarget
from studio.store import Project
from tests.ui.conftest import make_clip

GIFT = "::Sky:: The sky is blue. {T}\n"
SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello there\n"


def test_the_cli_and_the_window_call_the_same_import_use_case(window, qtbot, tmp_path,
                                                               monkeypatch):
    calls: list[tuple[str, tuple[FileKind, ...], ImportTarget]] = []
    real = importer.import_paths

    def spy(project, files, target=importer.MEDIA_BIN, **options):
        report = real(project, files, target, **options)
        calls.append((project.path.name, tuple(e.kind for e in report.added), target))
        return report

    monkeypatch.setattr(importer, "import_paths", spy)
    clip = make_clip(tmp_path / "talk.mp4", 1.0)
    questions = tmp_path / "sky.gift"
    questions.write_text(GIFT, encoding="utf-8")
    captions = tmp_path / "talk.srt"
    captions.write_text(SRT, encoding="utf-8")

    # the shell
    shell = tmp_path / "Shell.course"
    with Project.create(shell, "Shell") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    assert run_main("import", shell, clip, questions, "--lesson", lesson).returncode == 0
    with Project.open(shell) as project:
        item = project.course().find(lesson).items[0].id
    assert run_main("captions", shell, item, captions, "--language", "fr").returncode == 0
    assert calls == [
        ("Shell.course", (FileKind.MEDIA, FileKind.QUESTIONS), ImportTarget(lesson_id=lesson)),
        ("Shell.course", (FileKind.CAPTIONS,), ImportTarget.captions(item, "fr"))]

    # the window: the media bin (a drop on the timeline takes the same path), the quiz
    # editor and the inspector
    calls.clear()
    session = window.session
    lesson = session.course().lessons()[0].id
    job = window.media_bin.import_paths([clip], lesson)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    new_clip = job.result.added[0].item_ids[0]
    session.select(lesson)
    quiz = window.outline.add_quiz("Imported")
    window.session.select(quiz)
    qtbot.waitUntil(lambda: getattr(window.inspector, "quiz_editor", None) is not None
                    and window.inspector.shown == quiz, timeout=3000)
    job = window.inspector.quiz_editor.import_file(questions)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert window.inspector.attach_captions(new_clip, captions, "fr")
    assert window.errors == []
    assert calls == [
        ("Sample.course", (FileKind.MEDIA,), ImportTarget.lesson(lesson)),
        ("Sample.course", (FileKind.QUESTIONS,), ImportTarget.quiz(quiz)),
        ("Sample.course", (FileKind.CAPTIONS,), ImportTarget.captions(new_clip, "fr"))]
